package keeper

import (
	"time"

	"cosmossdk.io/math"
	sdk "github.com/cosmos/cosmos-sdk/types"

	"github.com/meshsecurity/mesh/externalstaking/types"
)

// WithdrawUnbonded releases the user's matured unbonding entries in the pairing (and, once a
// closed pairing's unbonding period has passed, the bonded stake too) and lowers the vault lien by
// the same amount. Operations still pending in a closed pairing past that time are rolled back
// first, so nothing stays locked. What is staked with a validator that a queued slash report
// names waits until the report applies. The vault settles the user first, so what is released is valued after every
// recorded slash. Releasing nothing is not an error.
func (k *Keeper) WithdrawUnbonded(ctx sdk.Context, owner sdk.AccAddress, pairing string) (math.Int, error) {
	p, err := k.GetPairing(ctx, pairing)
	if err != nil {
		return math.Int{}, err
	}
	vault, err := k.Vault()
	if err != nil {
		return math.Int{}, err
	}
	if err := k.rollBackAbandoned(ctx, p, owner); err != nil {
		return math.Int{}, err
	}
	// Settle first: the vault applies any pending loss and SlashSettled values the entries.
	if err := vault.ReportSlash(ctx, p.Id, owner); err != nil {
		return math.Int{}, err
	}
	vals, positions, err := k.userPositions(ctx, p.Id, owner)
	if err != nil {
		return math.Int{}, err
	}
	now, total := ctx.BlockTime(), math.ZeroInt()
	for i, pos := range positions {
		// Stake of a validator with a report waiting for the slash meter stays until it applies.
		if waiting, err := k.hasQueued(ctx, p.Id, vals[i]); err != nil || waiting {
			if err != nil {
				return math.Int{}, err
			}
			continue
		}
		v, err := k.loadValidator(ctx, p.Id, vals[i])
		if err != nil {
			return math.Int{}, err
		}
		if err := k.materialize(ctx, p.Id, vals[i], v, &pos); err != nil {
			return math.Int{}, err
		}
		// What leaves is released from the lien up to what the vault counts for the position; a
		// rounding unit above that was never part of the lien.
		was := v.Tokens
		out := math.MinInt(releaseMatured(p, &v, &pos, now), pos.Settled)
		pos.Settled = pos.Settled.Sub(out)
		total = total.Add(out)
		if err := k.setValidator(ctx, p.Id, vals[i], was, v); err != nil {
			return math.Int{}, err
		}
		if err := k.savePosition(ctx, p.Id, owner, vals[i], v, pos); err != nil {
			return math.Int{}, err
		}
	}
	if total.IsPositive() {
		if err := vault.Release(ctx, p.Id, owner, total); err != nil {
			return math.Int{}, err
		}
	}
	return total, k.emit(ctx, &types.EventUnbondedWithdrawn{
		Pairing: p.Id, Owner: owner.String(), Amount: k.coinString(ctx, total),
	})
}

// releaseMatured takes out of the position what may leave now and returns its amount.
func releaseMatured(p types.ConsumerPairing, v *types.Validator, pos *types.Position, now time.Time) math.Int {
	out := math.ZeroInt()
	kept := pos.Unbondings[:0]
	for _, e := range pos.Unbondings {
		if released(p, *pos, e, now) {
			out = out.Add(e.Amount)
			continue
		}
		kept = append(kept, e)
	}
	pos.Unbondings = kept
	if bondedReleased(p, *pos, now) && pos.Shares.IsPositive() {
		out = out.Add(removeShares(v, pos, pos.Shares))
		pos.UnstakingShares = math.ZeroInt()
	}
	return out
}
