package keeper

import (
	"context"
	"crypto/ed25519"

	sdk "github.com/cosmos/cosmos-sdk/types"

	"github.com/meshsecurity/mesh/converter/types"
	"github.com/meshsecurity/mesh/ibcproto"
)

// draft returns the pairing's next valset update, empty when none is pending.
func (k *Keeper) draft(ctx context.Context, pairing string) (ibcproto.ValsetUpdatePacket, error) {
	bz, err := k.ValsetDrafts.Get(ctx, pairing)
	if isNotFound(err) {
		return ibcproto.ValsetUpdatePacket{}, nil
	} else if err != nil {
		return ibcproto.ValsetUpdatePacket{}, err
	}
	return decodeValset(bz)
}

// decodeValset decodes a stored valset update.
func decodeValset(bz []byte) (ibcproto.ValsetUpdatePacket, error) {
	packet, err := ibcproto.DecodeConsumerPacket(bz)
	if err != nil {
		return ibcproto.ValsetUpdatePacket{}, err
	}
	v, ok := packet.(ibcproto.ValsetUpdatePacket)
	if !ok {
		return ibcproto.ValsetUpdatePacket{}, types.ErrAccounting.Wrapf("stored %s is no valset update", packet.Variant())
	}
	return v, nil
}

// addToDraft merges changes into the pairing's next valset update.
func (k *Keeper) addToDraft(ctx context.Context, pairing string, changes ibcproto.ValsetUpdatePacket) error {
	current, err := k.draft(ctx, pairing)
	if err != nil {
		return err
	}
	merged := mergeValset(current, changes)
	if emptyValset(merged) {
		return k.ValsetDrafts.Remove(ctx, pairing)
	}
	bz, err := ibcproto.EncodeConsumerPacket(merged)
	if err != nil {
		return err
	}
	return k.ValsetDrafts.Set(ctx, pairing, bz)
}

// drainReports moves up to the per-block bound of queued reports into the drafts of the
// pairings they concern: a validator change goes to every pairing with an open channel, a slash
// to its own pairing with the amount converted to the provider's denom, and booked off the
// validator's total. A report that cannot become an entry is dropped with an event.
func (k *Keeper) drainReports(ctx sdk.Context, params types.Params) {
	pairings, err := k.openPairings(ctx)
	if err != nil {
		return
	}
	iter, err := k.Reports.Iterate(ctx, nil)
	if err != nil {
		return
	}
	var drained []uint64
	for n := uint32(0); iter.Valid() && n < params.MaxReportsPerBlock; iter.Next() {
		kv, err := iter.KeyValue()
		if err != nil {
			break
		}
		drained = append(drained, kv.Key)
		n++
		k.applyReport(ctx, pairings, kv.Value)
	}
	iter.Close()
	for _, seq := range drained {
		_ = k.Reports.Remove(ctx, seq)
	}
}

// applyReport adds one report to the drafts, each pairing in a cache context of its own.
func (k *Keeper) applyReport(ctx sdk.Context, pairings []types.ProviderPairing, r types.Report) {
	for _, p := range pairings {
		if r.Pairing != "" && r.Pairing != p.Id {
			continue
		}
		changes, err := k.reportEntry(ctx, p, r)
		if err == nil {
			cache, write := ctx.CacheContext()
			if err = k.addEntry(cache, p, r, changes); err == nil {
				write()
			}
		}
		if err != nil {
			k.emit(ctx, &types.EventValsetEntrySkipped{Pairing: p.Id, Valoper: r.Valoper, Reason: err.Error()})
		}
	}
}

// reportEntry is the valset update holding one report for a pairing.
func (k *Keeper) reportEntry(ctx context.Context, p types.ProviderPairing, r types.Report) (ibcproto.ValsetUpdatePacket, error) {
	var u ibcproto.ValsetUpdatePacket
	switch r.Kind {
	case types.REPORT_KIND_ADDED, types.REPORT_KIND_KEY_UPDATED:
		if len(r.ConsensusPubKey) != ed25519.PublicKeySize {
			return u, ibcproto.ErrInvalidPubKey.Wrapf("%d bytes", len(r.ConsensusPubKey))
		}
		v := ibcproto.AddValidator{Valoper: r.Valoper, PubKey: ibcproto.NewEd25519PubKey(r.ConsensusPubKey)}
		if r.Kind == types.REPORT_KIND_ADDED {
			u.Additions = []ibcproto.AddValidator{v}
		} else {
			u.Updated = []ibcproto.AddValidator{v}
		}
	case types.REPORT_KIND_REMOVED:
		u.Removals = []string{r.Valoper}
	case types.REPORT_KIND_JAILED:
		u.Jailed = []string{r.Valoper}
	case types.REPORT_KIND_UNJAILED:
		u.Unjailed = []string{r.Valoper}
	case types.REPORT_KIND_TOMBSTONED:
		u.Tombstoned = []string{r.Valoper}
	case types.REPORT_KIND_SLASHED:
		info, err := k.slashInfo(p, r)
		if err != nil {
			return u, err
		}
		u.Slashed = []ibcproto.ValidatorSlashInfo{info}
	default:
		return u, types.ErrAccounting.Wrapf("report kind %d", r.Kind)
	}
	return u, nil
}

// slashInfo converts a slash report: the amount goes to the provider's denom with the inverse
// of the conversion at the current price.
func (k *Keeper) slashInfo(p types.ProviderPairing, r types.Report) (ibcproto.ValidatorSlashInfo, error) {
	price, _ := p.Feed().Rate()
	remote, err := types.Invert(r.LocalAmount, price, p.Adjustment())
	if err != nil {
		return ibcproto.ValidatorSlashInfo{}, err
	}
	info := ibcproto.ValidatorSlashInfo{
		Address: r.Valoper, InfractionHeight: nonNegative(r.InfractionHeight),
		InfractionTime: nonNegative(r.InfractionTime.Unix()), Power: nonNegative(r.Power),
		SlashAmount: ibcproto.NewCoin(p.RemoteDenom, remote), SlashRatio: r.SlashRatio.String(),
	}
	return info, info.Validate()
}

func nonNegative(v int64) uint64 {
	if v < 0 {
		return 0
	}
	return uint64(v)
}

// openPairings lists the pairings whose channel is open and that are not closed.
func (k *Keeper) openPairings(ctx context.Context) ([]types.ProviderPairing, error) {
	var out []types.ProviderPairing
	err := k.PairingStore.Walk(ctx, nil, func(_ string, p types.ProviderPairing) (bool, error) {
		if p.Status != types.PAIRING_STATUS_CLOSED && k.channelOpen(ctx, p) {
			out = append(out, p)
		}
		return false, nil
	})
	return out, err
}

// flushValsets sends, within budget, the draft of every open pairing that has no update in
// flight: at most one valset_update per pairing per block. It returns how many it sent.
func (k *Keeper) flushValsets(ctx sdk.Context, params types.Params, budget uint32) uint32 {
	pairings, err := k.openPairings(ctx)
	if err != nil {
		return 0
	}
	var used uint32
	for _, p := range pairings {
		if used >= budget {
			break
		}
		if busy, err := k.ValsetInFlight.Has(ctx, p.Id); err != nil || busy {
			continue
		}
		draft, err := k.draft(ctx, p.Id)
		if err != nil || emptyValset(draft) {
			continue
		}
		draft.Height, draft.Time = uint64(ctx.BlockHeight()), nonNegative(ctx.BlockTime().Unix())
		bz, err := ibcproto.EncodeConsumerPacket(draft)
		if err != nil {
			continue
		}
		used++
		seq, err := k.send(ctx, types.OutboxPacket{Pairing: p.Id, Data: bz}, params.ValsetTimeout)
		if err != nil {
			k.emit(ctx, &types.EventPacketSendFailed{Pairing: p.Id, Error: err.Error()})
			continue
		}
		_ = k.ValsetInFlight.Set(ctx, p.Id, seq)
		_ = k.ValsetDrafts.Remove(ctx, p.Id)
	}
	return used
}

// queueFullValset puts every bonded validator in the pairing's draft as an addition, when its
// channel opens.
func (k *Keeper) queueFullValset(ctx context.Context, pairing string) error {
	vals, err := k.staking.GetBondedValidatorsByPower(ctx)
	if err != nil {
		return err
	}
	var u ibcproto.ValsetUpdatePacket
	for _, v := range vals {
		key, err := v.ConsPubKey()
		if err != nil || len(key.Bytes()) != ed25519.PublicKeySize {
			continue
		}
		u.Additions = append(u.Additions, ibcproto.AddValidator{
			Valoper: v.GetOperator(), PubKey: ibcproto.NewEd25519PubKey(key.Bytes()),
		})
	}
	if emptyValset(u) {
		return nil
	}
	return k.addToDraft(ctx, pairing, u)
}
