package keeper

import (
	"context"

	"cosmossdk.io/collections"
	errorsmod "cosmossdk.io/errors"
	"cosmossdk.io/math"
	sdk "github.com/cosmos/cosmos-sdk/types"

	"github.com/meshsecurity/mesh/externalstaking/types"
	"github.com/meshsecurity/mesh/lienholder"
	vaulttypes "github.com/meshsecurity/mesh/vault/types"
)

// VaultLiens reads a user's liens from the vault (its query service).
type VaultLiens interface {
	Liens(ctx context.Context, req *vaulttypes.QueryLiensRequest) (*vaulttypes.QueryLiensResponse, error)
}

// RegisterInvariants registers the external staking invariants.
func RegisterInvariants(ir sdk.InvariantRegistry, k *Keeper, vault VaultLiens) {
	ir.RegisterRoute(types.ModuleName, "shares-and-liens", func(ctx sdk.Context) (string, bool) {
		if err := k.CheckInvariants(ctx, vault); err != nil {
			return sdk.FormatInvariant(types.ModuleName, "shares-and-liens", err.Error()), true
		}
		return "", false
	})
	ir.RegisterRoute(types.ModuleName, "cross-stake", func(ctx sdk.Context) (string, bool) {
		if err := k.CheckCrossStake(ctx); err != nil {
			return sdk.FormatInvariant(types.ModuleName, "cross-stake", err.Error()), true
		}
		return "", false
	})
}

// CheckInvariants checks, for every validator, that its users' shares add up to its total shares;
// for every pairing, that its running total of cross-stake is the sum of its validators' tokens;
// and, for every user and pairing, that after settlement what the positions account for equals
// the committed part of the user's vault lien with the pairing. Users are settled in a cache
// context that is thrown away, so checking changes nothing. A mismatch is an ErrAccounting. It
// walks every position: for tests and the crisis module, never for block handlers.
func (k *Keeper) CheckInvariants(ctx context.Context, vault VaultLiens) error {
	if err := k.CheckCrossStake(ctx); err != nil {
		return err
	}
	cache, _ := sdk.UnwrapSDKContext(ctx).CacheContext()
	if err := k.settleAll(cache); err != nil {
		return err
	}
	return k.checkSettled(cache, vault)
}

// settleAll settles every user with a position through the vault.
func (k *Keeper) settleAll(ctx sdk.Context) error {
	handle, err := k.Vault()
	if err != nil {
		return err
	}
	var users []collections.Pair[string, sdk.AccAddress]
	err = k.PositionCount.Walk(ctx, nil, func(key collections.Pair[string, sdk.AccAddress], _ uint32) (bool, error) {
		users = append(users, key)
		return false, nil
	})
	if err != nil {
		return err
	}
	for _, u := range users {
		if err := handle.ReportSlash(ctx, u.K1(), u.K2()); err != nil {
			return err
		}
	}
	return nil
}

// checkSettled checks the invariants on settled users.
func (k *Keeper) checkSettled(ctx context.Context, vault VaultLiens) error {
	type userKey struct{ pairing, owner string }
	shares := map[string]math.Int{}
	settled := map[userKey]math.Int{}
	err := k.Positions.Walk(ctx, nil, func(key collections.Triple[string, sdk.AccAddress, string], pos types.Position) (bool, error) {
		vk := key.K1() + "/" + key.K3()
		uk := userKey{key.K1(), key.K2().String()}
		shares[vk] = addOrSet(shares[vk], pos.Shares)
		settled[uk] = addOrSet(settled[uk], pos.Settled)
		return false, nil
	})
	if err != nil {
		return err
	}
	err = k.Validators.Walk(ctx, nil, func(key collections.Pair[string, string], v types.Validator) (bool, error) {
		if sum := addOrSet(shares[key.K1()+"/"+key.K2()], math.ZeroInt()); !sum.Equal(v.Shares) {
			return true, errorsmod.Wrapf(types.ErrAccounting, "validator %s/%s: users hold %s shares, total %s",
				key.K1(), key.K2(), sum, v.Shares)
		}
		return false, nil
	})
	if err != nil {
		return err
	}
	for uk, total := range settled {
		if err := k.checkUser(ctx, vault, uk.pairing, uk.owner, total); err != nil {
			return err
		}
	}
	return nil
}

// checkUser compares one user's settled stake in a pairing with the vault lien.
func (k *Keeper) checkUser(ctx context.Context, vault VaultLiens, pairing, owner string, settled math.Int) error {
	addr, err := k.parseOwner(owner)
	if err != nil {
		return err
	}
	loss, err := k.PendingSlash(ctx, lienholder.HolderID{Kind: lienholder.KindExternal, Key: pairing}, addr)
	if err != nil {
		return err
	}
	res, err := vault.Liens(ctx, &vaulttypes.QueryLiensRequest{Address: owner})
	if err != nil {
		return err
	}
	lien, holder := math.ZeroInt(), lienholder.HolderID{Kind: lienholder.KindExternal, Key: pairing}.String()
	for _, l := range res.Liens {
		if l.Holder == holder {
			lien = l.Lien.Amount.Low
		}
	}
	if after := settled.Sub(loss); !after.Equal(lien) {
		return errorsmod.Wrapf(types.ErrAccounting, "user %s in %s: stake after settlement %s, committed lien %s",
			owner, pairing, after, lien)
	}
	return nil
}

// addOrSet adds b to a, treating an unset a as zero.
func addOrSet(a, b math.Int) math.Int {
	if a.IsNil() {
		return b
	}
	return a.Add(b)
}
