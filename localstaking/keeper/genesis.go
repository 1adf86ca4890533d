package keeper

import (
	"context"

	"cosmossdk.io/collections"
	errorsmod "cosmossdk.io/errors"
	sdk "github.com/cosmos/cosmos-sdk/types"

	"github.com/meshsecurity/mesh/localstaking/types"
)

// InitGenesis loads a validated genesis state and rebuilds the batch queue from the positions. It
// refuses a vault whose collateral denom is not the bond denom (the vault and x/staking load
// their genesis first).
func (k *Keeper) InitGenesis(ctx context.Context, gs types.GenesisState) error {
	if err := gs.Validate(); err != nil {
		return err
	}
	if err := k.checkVaultDenom(ctx); err != nil {
		return err
	}
	if err := k.Params.Set(ctx, gs.Params); err != nil {
		return err
	}
	for _, a := range gs.Accounts {
		owner, account := sdk.MustAccAddressFromBech32(a.Owner), sdk.MustAccAddressFromBech32(a.Account)
		if err := k.Accounts.Set(ctx, owner, account); err != nil {
			return err
		}
		if err := k.Owners.Set(ctx, account, owner); err != nil {
			return err
		}
	}
	for _, p := range gs.Positions {
		owner, val, err := k.genesisKeys(p.Owner, p.Validator)
		if err != nil {
			return err
		}
		if err := k.Positions.Set(ctx, collections.Join(owner, val), p.Position); err != nil {
			return err
		}
		if p.Position.Queued.IsPositive() {
			if err := k.BatchQueue.Set(ctx, collections.Join3(p.Position.DueTime, owner, val)); err != nil {
				return err
			}
		}
	}
	for _, u := range gs.Unbondings {
		owner, val, err := k.genesisKeys(u.Owner, u.Validator)
		if err != nil {
			return err
		}
		if err := k.Unbondings.Set(ctx, collections.Join3(owner, val, u.CreationHeight), u.Unbonding); err != nil {
			return err
		}
	}
	for _, h := range gs.Holdings {
		if err := k.Holdings.Set(ctx, sdk.MustAccAddressFromBech32(h.Owner), h.Holdings); err != nil {
			return err
		}
	}
	return nil
}

// genesisKeys decodes an owner and a validator address of a genesis record.
func (k *Keeper) genesisKeys(owner, val string) (sdk.AccAddress, sdk.ValAddress, error) {
	o, err := k.addressCodec.StringToBytes(owner)
	if err != nil {
		return nil, nil, errorsmod.Wrapf(types.ErrInvalidGenesis, "owner %q", owner)
	}
	v, err := k.valCodec.StringToBytes(val)
	if err != nil {
		return nil, nil, errorsmod.Wrapf(types.ErrInvalidGenesis, "validator %q", val)
	}
	return o, v, nil
}

// ExportGenesis writes the whole state out.
func (k *Keeper) ExportGenesis(ctx context.Context) (*types.GenesisState, error) {
	p, err := k.GetParams(ctx)
	if err != nil {
		return nil, err
	}
	gs := &types.GenesisState{Params: p}
	err = k.Accounts.Walk(ctx, nil, func(owner sdk.AccAddress, account []byte) (bool, error) {
		gs.Accounts = append(gs.Accounts, types.UserAccount{Owner: owner.String(), Account: sdk.AccAddress(account).String()})
		return false, nil
	})
	if err != nil {
		return nil, err
	}
	err = k.Positions.Walk(ctx, nil, func(key collections.Pair[sdk.AccAddress, sdk.ValAddress], pos types.Position) (bool, error) {
		gs.Positions = append(gs.Positions, types.GenesisPosition{Owner: key.K1().String(), Validator: key.K2().String(), Position: pos})
		return false, nil
	})
	if err != nil {
		return nil, err
	}
	err = k.Unbondings.Walk(ctx, nil, func(key collections.Triple[sdk.AccAddress, sdk.ValAddress, int64], u types.Unbonding) (bool, error) {
		gs.Unbondings = append(gs.Unbondings, types.GenesisUnbonding{Owner: key.K1().String(), Validator: key.K2().String(),
			CreationHeight: key.K3(), Unbonding: u})
		return false, nil
	})
	if err != nil {
		return nil, err
	}
	err = k.Holdings.Walk(ctx, nil, func(owner sdk.AccAddress, h types.Holdings) (bool, error) {
		gs.Holdings = append(gs.Holdings, types.GenesisHoldings{Owner: owner.String(), Holdings: h})
		return false, nil
	})
	return gs, err
}
