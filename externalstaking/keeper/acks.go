package keeper

import (
	"errors"
	"fmt"

	"cosmossdk.io/collections"
	"cosmossdk.io/math"
	sdk "github.com/cosmos/cosmos-sdk/types"

	"github.com/meshsecurity/mesh/externalstaking/types"
	"github.com/meshsecurity/mesh/ibcproto"
)

// Acknowledged handles the consumer's acknowledgement of a packet this module sent. It never
// fails: each operation commits on a success and rolls back on an error, and anything
// unexpected (an unknown tx id, an acknowledgement that does not decode) takes a fallback that
// an event reports.
func (k *Keeper) Acknowledged(ctx sdk.Context, channelID string, sequence uint64, data, ack []byte) {
	k.guardSettlement(ctx, channelID, sequence, func() {
		decoded, err := ibcproto.DecodeAck(ack)
		if err != nil {
			k.fallback(ctx, channelID, sequence, "undecodable acknowledgement, treated as an error: "+err.Error())
			k.settlePacket(ctx, channelID, sequence, data, false)
			return
		}
		k.settlePacket(ctx, channelID, sequence, data, decoded.Success())
	})
}

// TimedOut handles a packet of this module that timed out: the operation rolls back.
func (k *Keeper) TimedOut(ctx sdk.Context, channelID string, sequence uint64, data []byte) {
	k.guardSettlement(ctx, channelID, sequence, func() {
		k.settlePacket(ctx, channelID, sequence, data, false)
	})
}

// guardSettlement runs the handling of an acknowledgement or timeout and reports a panic that
// escaped it as a fallback; the handling writes state only through cache contexts it commits
// when they succeed.
func (k *Keeper) guardSettlement(ctx sdk.Context, channelID string, sequence uint64, handle func()) {
	err := recovered("handling an acknowledgement", func() error {
		handle()
		return nil
	})
	if err != nil {
		k.fallback(ctx, channelID, sequence, err.Error())
	}
}

// fallback emits the event of an acknowledgement or timeout that took a fallback.
func (k *Keeper) fallback(ctx sdk.Context, channelID string, sequence uint64, reason string) {
	_ = k.emit(ctx, &types.EventAckFallback{Channel: channelID, Sequence: sequence, Reason: reason})
}

// settlePacket commits or rolls back the operation of a sent packet in a cache context, falling
// back to an event when that fails.
func (k *Keeper) settlePacket(ctx sdk.Context, channelID string, sequence uint64, data []byte, success bool) {
	packet, err := ibcproto.DecodeProviderPacket(data)
	if err != nil {
		k.fallback(ctx, channelID, sequence, "sent packet does not decode: "+err.Error())
		return
	}
	var txID uint64
	switch pk := packet.(type) {
	case ibcproto.StakePacket:
		txID = pk.TxID
	case ibcproto.UnstakePacket:
		txID = pk.TxID
	case ibcproto.TransferRewardsPacket:
		txID = pk.TxID
	default:
		return
	}
	cache, write := ctx.CacheContext()
	err = recovered("settling an operation", func() error { return k.settleTx(cache, txID, success) })
	if err != nil {
		k.fallback(ctx, channelID, sequence, err.Error())
		k.abandonTx(ctx, channelID, sequence, txID, success)
		return
	}
	write()
}

// abandonTx ends pending operation id whose settlement failed, so that it does not stay pending
// for ever. What the consumer did decides how: after an error acknowledgement or a timeout the
// consumer changed nothing and the operation rolls back; a stake it bonded rolls back here too
// and a burn packet takes it back there, since nothing here backs it; an unstake or reward
// transfer it carried out only loses its record, keeping the shares or rewards out of reach
// rather than paying them twice.
func (k *Keeper) abandonTx(ctx sdk.Context, channelID string, sequence, id uint64, success bool) {
	tx, err := k.PendingTxs.Get(ctx, id)
	if err != nil {
		return
	}
	if !success || tx.Kind == types.PENDING_TX_KIND_STAKE {
		cache, write := ctx.CacheContext()
		err := recovered("rolling back an operation", func() error {
			if err := k.settleTx(cache, id, false); err != nil {
				return err
			}
			if !success {
				return nil
			}
			return k.queueBurn(cache, tx.Pairing, []string{tx.Validator}, tx.Amount)
		})
		if err == nil {
			write()
			k.fallback(ctx, channelID, sequence, fmt.Sprintf("operation %d rolled back", id))
			return
		}
		k.fallback(ctx, channelID, sequence, err.Error())
	}
	cache, write := ctx.CacheContext()
	if k.removePendingTx(cache, tx) == nil {
		write()
		k.fallback(ctx, channelID, sequence, fmt.Sprintf("operation %d dropped", id))
	}
}

// settleTx commits or rolls back pending operation id; an unknown id is a no-op.
func (k *Keeper) settleTx(ctx sdk.Context, id uint64, success bool) error {
	tx, err := k.PendingTxs.Get(ctx, id)
	if errors.Is(err, collections.ErrNotFound) {
		return types.ErrAccounting.Wrapf("no pending operation %d", id)
	} else if err != nil {
		return err
	}
	if err := k.removePendingTx(ctx, tx); err != nil {
		return err
	}
	owner, err := k.parseOwner(tx.Owner)
	if err != nil {
		return err
	}
	outcome := "rolled_back"
	if success {
		outcome = "committed"
	}
	amount := tx.Amount
	switch tx.Kind {
	case types.PENDING_TX_KIND_STAKE:
		amount, outcome, err = k.settleStake(ctx, tx, owner, success)
	case types.PENDING_TX_KIND_UNSTAKE:
		amount, err = k.settleUnstake(ctx, tx, owner, success)
	case types.PENDING_TX_KIND_TRANSFER_REWARDS:
		err = k.settleRewards(ctx, tx, owner, success)
	default:
		err = types.ErrAccounting.Wrapf("operation %d has kind %s", id, tx.Kind)
	}
	if err != nil {
		return err
	}
	coin := k.coinString(ctx, amount)
	if tx.Kind == types.PENDING_TX_KIND_TRANSFER_REWARDS {
		coin, err = k.rewardsCoin(ctx, tx.Pairing, amount)
		if err != nil {
			return err
		}
	}
	return k.emit(ctx, &types.EventTxSettled{
		Pairing: tx.Pairing, TxId: id, Kind: tx.Kind.String(), Outcome: outcome, Amount: coin,
	})
}

// settleStake commits a stake with what is left of the vault's pending lien (a slash or burn
// while it was pending may have taken some: the commit then saturates and a burn packet takes
// the rest back on the consumer), or rolls it back here and in the vault.
func (k *Keeper) settleStake(ctx sdk.Context, tx types.PendingTx, owner sdk.AccAddress, success bool) (math.Int, string, error) {
	vault, err := k.Vault()
	if err != nil {
		return math.Int{}, "", err
	}
	left, outcome := math.ZeroInt(), "rolled_back"
	if success {
		if left, err = vault.PendingLeft(ctx, tx.Pairing, tx.Id); err != nil {
			return math.Int{}, "", err
		}
		if err := vault.CommitLien(ctx, tx.Pairing, tx.Id); err != nil {
			return math.Int{}, "", err
		}
		outcome = "committed"
		if left.LT(tx.Amount) {
			// The consumer bonded the whole amount, but only what is left is backed: it burns
			// the rest.
			outcome = "saturated"
			if err := k.queueBurn(ctx, tx.Pairing, []string{tx.Validator}, tx.Amount.Sub(left)); err != nil {
				return math.Int{}, "", err
			}
		}
	} else if err := vault.RollbackLien(ctx, tx.Pairing, tx.Id); err != nil {
		return math.Int{}, "", err
	}
	return left, outcome, k.applyStakeOutcome(ctx, tx, owner, left)
}

// applyStakeOutcome drops the pending stake from the position and adds the committed part.
func (k *Keeper) applyStakeOutcome(ctx sdk.Context, tx types.PendingTx, owner sdk.AccAddress, committed math.Int) error {
	p, err := k.GetPairing(ctx, tx.Pairing)
	if err != nil {
		return err
	}
	pos, _, err := k.loadPosition(ctx, p, owner, tx.Validator)
	if err != nil {
		return err
	}
	v, err := k.loadValidator(ctx, p.Id, tx.Validator)
	if err != nil {
		return err
	}
	pos.PendingStake = pos.PendingStake.Sub(math.MinInt(tx.Amount, pos.PendingStake))
	if committed.IsPositive() {
		if err := k.materialize(ctx, p.Id, tx.Validator, v, &pos); err != nil {
			return err
		}
		shares, err := sharesFor(v, committed)
		if err != nil {
			return err
		}
		was := v.Tokens
		addShares(&v, &pos, shares, committed)
		pos.Settled = pos.Settled.Add(committed)
		if err := k.setValidator(ctx, p.Id, tx.Validator, was, v); err != nil {
			return err
		}
	}
	return k.savePosition(ctx, p.Id, owner, tx.Validator, v, pos)
}
