package keeper

import (
	"context"
	"errors"

	"cosmossdk.io/collections"
	"cosmossdk.io/math"
	sdk "github.com/cosmos/cosmos-sdk/types"

	"github.com/meshsecurity/mesh/virtualstaking/types"
)

// addPending records tokens an account will receive when an unbonding entry matures.
func (k *Keeper) addPending(ctx context.Context, pairingID string, acc sdk.AccAddress, amount math.Int) error {
	key := collections.Join(pairingID, acc)
	prev, err := k.Pending.Get(ctx, key)
	if errors.Is(err, collections.ErrNotFound) {
		prev = math.ZeroInt()
	} else if err != nil {
		return err
	}
	return k.Pending.Set(ctx, key, prev.Add(amount))
}

// sweep burns what matured into the derived accounts: x/staking pays a matured entry to the
// delegator with no hook, so each account with unbonding tokens is checked every block (there are
// at most AccountsPerPairing per pairing). What matured is what the account is owed less what its
// entries still hold; only that is burned, never other tokens sent to the account.
func (k *Keeper) sweep(ctx context.Context) error {
	it, err := k.Pending.Iterate(ctx, nil)
	if err != nil {
		return err
	}
	kvs, err := it.KeyValues()
	if err != nil {
		return err
	}
	if len(kvs) == 0 {
		return nil
	}
	denom, err := k.bondDenom(ctx)
	if err != nil {
		return err
	}
	for _, kv := range kvs {
		pairingID, acc := kv.Key.K1(), kv.Key.K2()
		matured, err := k.matured(ctx, acc, kv.Value)
		if err != nil {
			return err
		}
		take := math.MinInt(k.bank.GetBalance(ctx, acc, denom).Amount, matured)
		if !take.IsPositive() {
			continue
		}
		k.guard(ctx, pairingID, "", func(ctx context.Context) error {
			return k.burnMatured(ctx, pairingID, acc, denom, take, kv.Value)
		})
	}
	return nil
}

// matured is what an account owed owed has received from x/staking and not yet burned: owed less
// the balance of its unbonding entries, never below zero.
func (k *Keeper) matured(ctx context.Context, acc sdk.AccAddress, owed math.Int) (math.Int, error) {
	unbonding, err := k.staking.GetDelegatorUnbonding(ctx, acc)
	if err != nil {
		return math.Int{}, err
	}
	return math.MaxInt(owed.Sub(unbonding), math.ZeroInt()), nil
}

// settleSlashedEntries lowers what each of a pairing's accounts is owed to what its unbonding
// entries hold, right after a slash of the pairing's stake: a slashed entry pays less when it
// matures, and the sweep must not take the difference from other tokens in the account. Slashes
// run before x/staking's end-blocker matures entries and the sweep burns every matured entry in the
// block it matures, so nothing matured is owed at that point.
func (k *Keeper) settleSlashedEntries(ctx context.Context, pairingID string) error {
	it, err := k.Pending.Iterate(ctx, collections.NewPrefixedPairRange[string, sdk.AccAddress](pairingID))
	if err != nil {
		return err
	}
	kvs, err := it.KeyValues()
	if err != nil {
		return err
	}
	for _, kv := range kvs {
		unbonding, err := k.staking.GetDelegatorUnbonding(ctx, kv.Key.K2())
		if err != nil {
			return err
		}
		switch {
		case unbonding.GTE(kv.Value):
			continue
		case unbonding.IsZero():
			err = k.Pending.Remove(ctx, kv.Key)
		default:
			err = k.Pending.Set(ctx, kv.Key, unbonding)
		}
		if err != nil {
			return err
		}
	}
	return nil
}

// burnMatured burns take from the account and lowers what it is owed.
func (k *Keeper) burnMatured(ctx context.Context, pairingID string, acc sdk.AccAddress, denom string, take, owed math.Int) error {
	coins := sdk.NewCoins(sdk.NewCoin(denom, take))
	if err := k.bank.SendCoinsFromAccountToModule(ctx, acc, types.ModuleName, coins); err != nil {
		return err
	}
	if err := k.bank.BurnCoins(ctx, types.ModuleName, coins); err != nil {
		return err
	}
	supply, err := k.supply(ctx, pairingID)
	if err != nil {
		return err
	}
	supply.Burned = supply.Burned.Add(take)
	if err := k.Supplies.Set(ctx, pairingID, supply); err != nil {
		return err
	}
	key := collections.Join(pairingID, acc)
	if rest := owed.Sub(take); rest.IsPositive() {
		err = k.Pending.Set(ctx, key, rest)
	} else {
		err = k.Pending.Remove(ctx, key)
	}
	if err != nil {
		return err
	}
	k.emit(ctx, &types.EventSwept{PairingId: pairingID, Account: acc.String(), Amount: take})
	return nil
}
