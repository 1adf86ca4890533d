package keeper

import (
	"context"

	"cosmossdk.io/collections"
	errorsmod "cosmossdk.io/errors"
	"cosmossdk.io/math"
	sdk "github.com/cosmos/cosmos-sdk/types"

	"github.com/meshsecurity/mesh/vault/types"
)

// InitGenesis loads a validated genesis state.
func (k *Keeper) InitGenesis(ctx context.Context, gs types.GenesisState) error {
	if err := gs.Validate(); err != nil {
		return err
	}
	if err := k.Params.Set(ctx, gs.Params); err != nil {
		return err
	}
	for _, a := range gs.Accounts {
		owner, err := k.address(a.Address)
		if err != nil {
			return err
		}
		if err := k.Accounts.Set(ctx, owner, a.Account); err != nil {
			return err
		}
	}
	for _, l := range gs.Liens {
		owner, err := k.address(l.Owner)
		if err != nil {
			return err
		}
		if err := k.Liens.Set(ctx, collections.Join(owner, l.Holder), l.Lien); err != nil {
			return err
		}
	}
	if err := k.initPending(ctx, gs); err != nil {
		return err
	}
	for _, l := range gs.Lent {
		if err := k.Lent.Set(ctx, l.Holder, l.Amount); err != nil {
			return err
		}
	}
	for _, a := range gs.SettlementQueue {
		owner, err := k.address(a)
		if err != nil {
			return err
		}
		if err := k.SettlementQueue.Set(ctx, owner); err != nil {
			return err
		}
	}
	if err := k.initCursor(ctx, k.QueueCursor, gs.QueueCursor); err != nil {
		return err
	}
	if err := k.initCursor(ctx, k.CrankCursor, gs.CrankCursor); err != nil {
		return err
	}
	for _, u := range gs.UnconfirmedLosses {
		owner, err := k.address(u.Owner)
		if err != nil {
			return err
		}
		if err := k.UnconfirmedLosses.Set(ctx, collections.Join(owner, u.Holder), u.Amount); err != nil {
			return err
		}
	}
	return k.checkImported(ctx)
}

// checkImported checks what genesis validation alone cannot: that the accounts' aggregates,
// pending liens and lent figures agree with the liens. The vault's token balance is checked by
// the invariants once the chain runs.
func (k *Keeper) checkImported(ctx context.Context) error {
	if err := k.checkAccounts(ctx); err != nil {
		return errorsmod.Wrap(types.ErrInvalidGenesis, err.Error())
	}
	if _, _, err := k.checkLent(ctx); err != nil {
		return errorsmod.Wrap(types.ErrInvalidGenesis, err.Error())
	}
	return nil
}

func (k *Keeper) initPending(ctx context.Context, gs types.GenesisState) error {
	for _, p := range gs.PendingLiens {
		owner, err := k.address(p.Owner)
		if err != nil {
			return err
		}
		if err := k.setPending(ctx, owner, p); err != nil {
			return err
		}
	}
	return k.LastPendingID.Set(ctx, gs.NextPendingId-1)
}

// initCursor stores a crank cursor from genesis; an empty one stays unset.
func (k *Keeper) initCursor(ctx context.Context, item collections.Item[[]byte], cursor string) error {
	if cursor == "" {
		return nil
	}
	owner, err := k.address(cursor)
	if err != nil {
		return err
	}
	return item.Set(ctx, owner)
}

func (k *Keeper) address(s string) (sdk.AccAddress, error) {
	bz, err := k.addressCodec.StringToBytes(s)
	if err != nil {
		return nil, errorsmod.Wrapf(types.ErrInvalidAddress, "%q: %s", s, err)
	}
	return bz, nil
}

// ExportGenesis writes the whole state out.
func (k *Keeper) ExportGenesis(ctx context.Context) (*types.GenesisState, error) {
	p, err := k.GetParams(ctx)
	if err != nil {
		return nil, err
	}
	gs := &types.GenesisState{Params: p}
	if err := k.Accounts.Walk(ctx, nil, func(owner sdk.AccAddress, a types.Account) (bool, error) {
		gs.Accounts = append(gs.Accounts, types.GenesisAccount{Address: owner.String(), Account: a})
		return false, nil
	}); err != nil {
		return nil, err
	}
	if err := k.Liens.Walk(ctx, nil, func(key collections.Pair[sdk.AccAddress, string], l types.Lien) (bool, error) {
		gs.Liens = append(gs.Liens, types.GenesisLien{Owner: key.K1().String(), Holder: key.K2(), Lien: l})
		return false, nil
	}); err != nil {
		return nil, err
	}
	if err := k.exportQueues(ctx, gs); err != nil {
		return nil, err
	}
	return gs, nil
}

func (k *Keeper) exportQueues(ctx context.Context, gs *types.GenesisState) error {
	if err := k.PendingLiens.Walk(ctx, nil, func(_ uint64, p types.PendingLien) (bool, error) {
		gs.PendingLiens = append(gs.PendingLiens, p)
		return false, nil
	}); err != nil {
		return err
	}
	last, err := k.LastPendingID.Peek(ctx)
	if err != nil {
		return err
	}
	gs.NextPendingId = last + 1
	if err := k.Lent.Walk(ctx, nil, func(holder string, amount math.Int) (bool, error) {
		gs.Lent = append(gs.Lent, types.HolderAmount{Holder: holder, Amount: amount})
		return false, nil
	}); err != nil {
		return err
	}
	if err := k.SettlementQueue.Walk(ctx, nil, func(owner sdk.AccAddress) (bool, error) {
		gs.SettlementQueue = append(gs.SettlementQueue, owner.String())
		return false, nil
	}); err != nil {
		return err
	}
	gs.CrankCursor = k.exportCursor(ctx, k.CrankCursor)
	gs.QueueCursor = k.exportCursor(ctx, k.QueueCursor)
	return k.UnconfirmedLosses.Walk(ctx, nil, func(key collections.Pair[sdk.AccAddress, string], amount math.Int) (bool, error) {
		gs.UnconfirmedLosses = append(gs.UnconfirmedLosses, types.UnconfirmedLoss{
			Owner: key.K1().String(), Holder: key.K2(), Amount: amount,
		})
		return false, nil
	})
}

// exportCursor returns a crank cursor as an address, or "" when it is unset or empty.
func (k *Keeper) exportCursor(ctx context.Context, item collections.Item[[]byte]) string {
	cursor, err := item.Get(ctx)
	if err != nil || len(cursor) == 0 {
		return ""
	}
	return sdk.AccAddress(cursor).String()
}
