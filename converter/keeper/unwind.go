package keeper

import (
	"context"

	"cosmossdk.io/collections"
	"cosmossdk.io/math"

	"github.com/meshsecurity/mesh/converter/types"
	"github.com/meshsecurity/mesh/ibcproto"
)

// UnwindRequests removes up to limit requests of a pairing capped to zero, queueing an
// internal_unstake for each (a closed pairing drops them without sending), and reports whether
// none are left. The packet carries the request exactly as received, so the provider releases
// exactly what it staked, and its value in local tokens at the current price.
func (k *Keeper) UnwindRequests(ctx context.Context, pairingID string, limit uint32) (bool, error) {
	p, err := k.GetPairing(ctx, pairingID)
	if err != nil {
		return false, err
	}
	closed := p.Status == types.PAIRING_STATUS_CLOSED
	if !closed && !p.MaxCap.IsZero() {
		return false, types.ErrWrongPairingStatus.Wrapf("%q is neither capped to zero nor closed", pairingID)
	}
	type entry struct {
		key    collections.Triple[string, string, string]
		amount math.Int
	}
	var batch []entry
	rng := collections.NewPrefixedTripleRange[string, string, string](pairingID)
	err = k.Requests.Walk(ctx, rng, func(key collections.Triple[string, string, string], amount math.Int) (bool, error) {
		if uint32(len(batch)) == limit {
			return true, nil
		}
		batch = append(batch, entry{key, amount})
		return false, nil
	})
	if err != nil {
		return false, err
	}
	for _, e := range batch {
		delegator, validator := e.key.K2(), e.key.K3()
		if err := k.removeRequest(ctx, pairingID, delegator, validator, e.amount); err != nil {
			return false, err
		}
		if closed {
			continue
		}
		if err := k.queueInternalUnstake(ctx, p, delegator, validator, e.amount); err != nil {
			return false, err
		}
	}
	more, err := k.Requests.Iterate(ctx, rng)
	if err != nil {
		return false, err
	}
	defer more.Close()
	return !more.Valid(), nil
}

// queueInternalUnstake queues the internal_unstake of one removed request.
func (k *Keeper) queueInternalUnstake(ctx context.Context, p types.ProviderPairing, delegator, validator string, remote math.Int) error {
	denom, err := k.staking.BondDenom(ctx)
	if err != nil {
		return err
	}
	price, _ := p.Feed().Rate()
	local, err := types.Normalize(remote, price, p.Adjustment())
	if err != nil {
		return err
	}
	return k.queue(ctx, p.Id, ibcproto.InternalUnstakePacket{
		Delegator: delegator, Validator: validator,
		NormalizeAmount: ibcproto.NewCoin(denom, local), InvertedAmount: ibcproto.NewCoin(p.RemoteDenom, remote),
	})
}
