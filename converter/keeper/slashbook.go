package keeper

import (
	"cosmossdk.io/collections"
	"cosmossdk.io/math"
	sdk "github.com/cosmos/cosmos-sdk/types"

	"github.com/meshsecurity/mesh/converter/types"
	"github.com/meshsecurity/mesh/ibcproto"
)

// addEntry merges one report's entry into the pairing's draft and, for a slash not already in
// it, books the slash off the validator's total.
func (k *Keeper) addEntry(ctx sdk.Context, p types.ProviderPairing, r types.Report, changes ibcproto.ValsetUpdatePacket) error {
	fresh := changes.Slashed
	if len(fresh) > 0 {
		current, err := k.draft(ctx, p.Id)
		if err != nil {
			return err
		}
		fresh = nil
		for _, s := range changes.Slashed {
			if !hasSlash(current.Slashed, s) {
				fresh = append(fresh, s)
			}
		}
	}
	if err := k.addToDraft(ctx, p.Id, changes); err != nil {
		return err
	}
	for _, s := range fresh {
		if err := k.bookSlash(ctx, p, s, r.SlashRatio); err != nil {
			return err
		}
	}
	return nil
}

// bookSlash takes what the provider will take for a reported slash off the validator's total,
// like a burn: the provider cuts its bonded cross-stake on the validator by the reported ratio,
// rounded down, and by no more than the reported amount, and the validator's total here is that
// cross-stake. The pairing's virtual staking debt is then settled by what the booking took off
// the validator's target, the total before less the total after converted to local tokens as
// targets are: the requests carry that much of the slash from now on. The rest of the local loss,
// which rounding or the provider's cap kept off the total, stays held back as debt, so the next
// rebalance does not mint it back.
func (k *Keeper) bookSlash(ctx sdk.Context, p types.ProviderPairing, s ibcproto.ValidatorSlashInfo, ratio math.LegacyDec) error {
	total, err := getInt(ctx, k.ValidatorTotals, collections.Join(p.Id, s.Address))
	if err != nil {
		return err
	}
	if ratio.IsNil() {
		ratio = math.LegacyZeroDec()
	}
	cut := math.MinInt(s.SlashAmount.Amount, ratio.MulInt(total).TruncateInt())
	took, err := k.burnOne(ctx, p.Id, s.Address, cut)
	if err != nil {
		return err
	}
	k.emit(ctx, &types.EventSlashBooked{Pairing: p.Id, Validator: s.Address, Remote: took.String() + p.RemoteDenom})
	if err := k.retireIfEmpty(ctx, p, s.Address); err != nil {
		return err
	}
	if v := k.refs.virtual; v != nil {
		v.SettleSlash(ctx, p.Id, s.Address, bookedLocal(p, total, took))
	}
	return nil
}

// bookedLocal is what taking took off a validator total of total lowers its target by: the
// total converted to local tokens less the rest converted, zero when the pairing has no valid
// price.
func bookedLocal(p types.ProviderPairing, total, took math.Int) math.Int {
	price, _ := p.Feed().Rate()
	before, err := types.Normalize(total, price, p.Adjustment())
	if err != nil {
		return math.ZeroInt()
	}
	after, err := types.Normalize(total.Sub(took), price, p.Adjustment())
	if err != nil {
		return math.ZeroInt()
	}
	return before.Sub(after)
}
