package testutil

import (
	"context"
	"errors"
	"time"

	"cosmossdk.io/collections"
	"cosmossdk.io/math"

	converterkeeper "github.com/meshsecurity/mesh/converter/keeper"
	convertertypes "github.com/meshsecurity/mesh/converter/types"
)

// ConverterPairing is an active pairing of the real converter without a channel, at price one and
// no discount (a request converts to the same amount of local tokens), with the given cap and
// governance policy.
func ConverterPairing(id string, maxCap math.Int, policy convertertypes.GovPolicy) convertertypes.ProviderPairing {
	return convertertypes.ProviderPairing{
		Id: id, ConnectionId: "connection-0", CounterpartyPort: convertertypes.DefaultCounterpartyPort,
		ProviderChainId: "provider-1", AccountPrefix: "cosmos", ValoperPrefix: "cosmosvaloper", RemoteDenom: "uprov",
		FixedPrice: convertertypes.FixedPrice{Price: math.LegacyOneDec(), MaxAge: 365 * 24 * time.Hour},
		Discount:   math.LegacyZeroDec(), MaxCap: maxCap, GovPolicy: policy,
	}
}

// AddRequest records in the real converter's state what a stake packet of delegator on valoper
// records (a negative amount what an unstake records): the delegator's request, the validator's
// total and the pairing's total move by amount. It writes the converter's collections directly, so
// a test can hold thousands of provider delegators without relaying thousands of packets.
func AddRequest(ctx context.Context, k *converterkeeper.Keeper, pairingID, delegator, valoper string, amount math.Int) error {
	if err := addTo(ctx, k.Requests, collections.Join3(pairingID, delegator, valoper), amount); err != nil {
		return err
	}
	if err := addTo(ctx, k.ValidatorTotals, collections.Join(pairingID, valoper), amount); err != nil {
		return err
	}
	return addTo(ctx, k.PairingTotals, pairingID, amount)
}

// addTo adds amount to an entry of m, which a zero result removes.
func addTo[K any](ctx context.Context, m collections.Map[K, math.Int], key K, amount math.Int) error {
	v, err := m.Get(ctx, key)
	if errors.Is(err, collections.ErrNotFound) {
		v = math.ZeroInt()
	} else if err != nil {
		return err
	}
	v = v.Add(amount)
	if v.IsZero() {
		return m.Remove(ctx, key)
	}
	return m.Set(ctx, key, v)
}
