package keeper

import (
	"context"
	"fmt"

	"cosmossdk.io/collections"
	"cosmossdk.io/math"
	sdk "github.com/cosmos/cosmos-sdk/types"

	"github.com/meshsecurity/mesh/converter/types"
)

// RegisterInvariants registers the converter's invariants.
func RegisterInvariants(ir sdk.InvariantRegistry, k *Keeper) {
	ir.RegisterRoute(types.ModuleName, "requests-match-totals", RequestsMatchTotals(k))
	ir.RegisterRoute(types.ModuleName, "reserve-covered", ReserveCovered(k))
}

// RequestsMatchTotals checks, for every pairing and validator, that the requests less what burns
// took equal the validator's total, that the totals sum to the pairing's total, and that the
// index of delegators per validator lists exactly the requests.
func RequestsMatchTotals(k *Keeper) sdk.Invariant {
	return func(ctx sdk.Context) (string, bool) {
		msg, broken := k.checkTotals(ctx)
		if !broken {
			msg, broken = k.checkRequestIndex(ctx)
		}
		return sdk.FormatInvariant(types.ModuleName, "requests-match-totals", msg), broken
	}
}

// checkRequestIndex checks every request has its index entry and every index entry its request.
func (k *Keeper) checkRequestIndex(ctx context.Context) (string, bool) {
	msg := ""
	err := k.Requests.Walk(ctx, nil, func(key collections.Triple[string, string, string], _ math.Int) (bool, error) {
		has, err := k.RequestIndex.Has(ctx, collections.Join3(key.K1(), key.K3(), key.K2()))
		if err == nil && !has {
			msg = fmt.Sprintf("%s/%s: request of %s not indexed", key.K1(), key.K3(), key.K2())
		}
		return msg != "", err
	})
	if err != nil {
		return err.Error(), true
	}
	if msg != "" {
		return msg, true
	}
	err = k.RequestIndex.Walk(ctx, nil, func(index collections.Triple[string, string, string]) (bool, error) {
		has, err := k.Requests.Has(ctx, collections.Join3(index.K1(), index.K3(), index.K2()))
		if err == nil && !has {
			msg = fmt.Sprintf("%s/%s: index lists %s without a request", index.K1(), index.K2(), index.K3())
		}
		return msg != "", err
	})
	if err != nil {
		return err.Error(), true
	}
	return msg, msg != ""
}

// checkTotals recomputes the totals from the requests.
func (k *Keeper) checkTotals(ctx context.Context) (string, bool) {
	type valKey struct{ pairing, validator string }
	perValidator := map[valKey]math.Int{}
	add := func(key valKey, v math.Int) {
		if prev, ok := perValidator[key]; ok {
			v = prev.Add(v)
		}
		perValidator[key] = v
	}
	_ = k.Requests.Walk(ctx, nil, func(key collections.Triple[string, string, string], v math.Int) (bool, error) {
		add(valKey{key.K1(), key.K3()}, v)
		return false, nil
	})
	_ = k.Burned.Walk(ctx, nil, func(key collections.Pair[string, string], v math.Int) (bool, error) {
		add(valKey{key.K1(), key.K2()}, v.Neg())
		return false, nil
	})
	perPairing := map[string]math.Int{}
	_ = k.ValidatorTotals.Walk(ctx, nil, func(key collections.Pair[string, string], v math.Int) (bool, error) {
		add(valKey{key.K1(), key.K2()}, math.ZeroInt())
		if prev, ok := perPairing[key.K1()]; ok {
			v = prev.Add(v)
		}
		perPairing[key.K1()] = v
		return false, nil
	})
	for key, want := range perValidator {
		got, _ := getInt(ctx, k.ValidatorTotals, collections.Join(key.pairing, key.validator))
		if !got.Equal(want) {
			return fmt.Sprintf("%s/%s: total %s, requests less burns %s", key.pairing, key.validator, got, want), true
		}
	}
	for id, want := range perPairing {
		got, _ := getInt(ctx, k.PairingTotals, id)
		if !got.Equal(want) {
			return fmt.Sprintf("%s: pairing total %s, validators %s", id, got, want), true
		}
	}
	return "", false
}

// ReserveCovered checks the module account holds at least every pairing's reward reserve.
func ReserveCovered(k *Keeper) sdk.Invariant {
	return func(ctx sdk.Context) (string, bool) {
		denom, err := k.staking.BondDenom(ctx)
		if err != nil {
			return sdk.FormatInvariant(types.ModuleName, "reserve-covered", err.Error()), true
		}
		sum := math.ZeroInt()
		_ = k.RewardReserve.Walk(ctx, nil, func(_ string, v math.Int) (bool, error) {
			sum = sum.Add(v)
			return false, nil
		})
		held := k.bank.GetBalance(ctx, k.ModuleAddress(), denom).Amount
		broken := held.LT(sum)
		return sdk.FormatInvariant(types.ModuleName, "reserve-covered",
			fmt.Sprintf("module holds %s, reserves %s", held, sum)), broken
	}
}
