package keeper

import (
	"context"
	"errors"

	"cosmossdk.io/collections"
	"cosmossdk.io/math"
	sdk "github.com/cosmos/cosmos-sdk/types"

	"github.com/meshsecurity/mesh/externalstaking/types"
	"github.com/meshsecurity/mesh/lienholder"
	vaulttypes "github.com/meshsecurity/mesh/vault/types"
)

// maxQueueView bounds the queued reports the SlashQueue query lists.
const maxQueueView = 100

// SlashQueue implements types.QueryServer.
func (q queryServer) SlashQueue(ctx context.Context, req *types.QuerySlashQueueRequest) (*types.QuerySlashQueueResponse, error) {
	p, err := q.k.GetPairing(ctx, req.GetPairingId())
	if err != nil {
		return nil, err
	}
	m, err := q.k.loadMeter(sdk.UnwrapSDKContext(ctx), p)
	if err != nil {
		return nil, err
	}
	out := &types.QuerySlashQueueResponse{Guard: m.guard, Allowance: m.allowance()}
	for seq := m.guard.Head; seq < m.guard.Tail && seq < m.guard.Head+maxQueueView; seq++ {
		e, err := q.k.SlashQueue.Get(ctx, collections.Join(p.Id, seq))
		if err != nil {
			return nil, err
		}
		out.Queue = append(out.Queue, e)
	}
	return out, nil
}

// exposure accumulates what stakes on several validators can lose, each at the pairing's
// largest slash ratio, rounded down as a slash rounds.
type exposure struct {
	ratio math.LegacyDec
	out   types.QueryExposureResponse
}

// newExposure starts an exposure at the pairing's largest slash ratio.
func newExposure(p types.ConsumerPairing) *exposure {
	return &exposure{ratio: p.MaxSlash(), out: types.QueryExposureResponse{
		CrossStake: math.ZeroInt(), OneInfraction: math.ZeroInt(), AllAtOnce: math.ZeroInt(), QueuedAmount: math.ZeroInt(),
	}}
}

// add counts a stake of amount on one validator.
func (e *exposure) add(amount math.Int) {
	e.addLoss(amount, e.ratio.MulInt(amount).TruncateInt())
}

// addLoss counts a stake of amount on one validator that one slash of it takes loss from.
func (e *exposure) addLoss(amount, loss math.Int) {
	e.out.CrossStake = e.out.CrossStake.Add(amount)
	e.out.OneInfraction = math.MaxInt(e.out.OneInfraction, loss)
	e.out.AllAtOnce = e.out.AllAtOnce.Add(loss)
}

// PairingExposure implements types.QueryServer: every validator of the pairing, with the queue.
func (q queryServer) PairingExposure(ctx context.Context, req *types.QueryPairingExposureRequest) (*types.QueryExposureResponse, error) {
	p, err := q.k.GetPairing(ctx, req.GetPairingId())
	if err != nil {
		return nil, err
	}
	e := newExposure(p)
	err = q.k.Validators.Walk(ctx, collections.NewPrefixedPairRange[string, string](p.Id),
		func(_ collections.Pair[string, string], v types.Validator) (bool, error) {
			e.add(v.Tokens)
			return false, nil
		})
	if err != nil {
		return nil, err
	}
	g, err := q.k.getGuard(sdk.UnwrapSDKContext(ctx), p.Id)
	if err != nil {
		return nil, err
	}
	e.out.QueuedReports, e.out.QueuedAmount = g.Tail-g.Head, g.Queued
	return &e.out, nil
}

// ValidatorExposure implements types.QueryServer.
func (q queryServer) ValidatorExposure(ctx context.Context, req *types.QueryValidatorExposureRequest) (*types.QueryExposureResponse, error) {
	p, err := q.k.GetPairing(ctx, req.GetPairingId())
	if err != nil {
		return nil, err
	}
	v, err := q.k.loadValidator(ctx, p.Id, req.GetValidator())
	if err != nil {
		return nil, err
	}
	e := newExposure(p)
	e.add(v.Tokens)
	g, err := q.k.getGuard(sdk.UnwrapSDKContext(ctx), p.Id)
	if err != nil {
		return nil, err
	}
	for seq := g.Head; seq < g.Tail; seq++ {
		qs, err := q.k.SlashQueue.Get(ctx, collections.Join(p.Id, seq))
		if err != nil {
			return nil, err
		}
		if qs.Validator == req.Validator {
			e.out.QueuedReports++
			e.out.QueuedAmount = e.out.QueuedAmount.Add(qs.Estimate)
		}
	}
	return &e.out, nil
}

// UserExposure implements types.QueryServer: the user's positions valued now (bonded and
// unbonding); the queued amount is what the waiting reports can take from the user's stake on
// the validators they name.
func (q queryServer) UserExposure(ctx context.Context, req *types.QueryUserExposureRequest) (*types.QueryUserExposureResponse, error) {
	owner, err := q.k.parseOwner(req.GetOwner())
	if err != nil {
		return nil, err
	}
	p, err := q.k.GetPairing(ctx, req.GetPairingId())
	if err != nil {
		return nil, err
	}
	vals, positions, err := q.k.userPositions(ctx, p.Id, owner)
	if err != nil {
		return nil, err
	}
	e := newExposure(p)
	for i, pos := range positions {
		value, loss, err := q.k.positionLoss(ctx, p.Id, vals[i], pos, e.ratio)
		if err != nil {
			return nil, err
		}
		e.addLoss(value, loss)
		n, err := q.k.QueuedForVal.Get(ctx, collections.Join(p.Id, vals[i]))
		if err != nil && !errors.Is(err, collections.ErrNotFound) {
			return nil, err
		}
		if n > 0 {
			e.out.QueuedReports += n
			e.out.QueuedAmount = e.out.QueuedAmount.Add(loss)
		}
	}
	worst, err := q.k.worstCase(ctx, owner)
	if err != nil {
		return nil, err
	}
	return &types.QueryUserExposureResponse{Pairing: e.out, WorstCase: worst}, nil
}

// positionLoss values a position now (bonded and unbonding) and returns what one slash of its
// validator at ratio takes from it, rounded as the slash and the share price round.
func (k *Keeper) positionLoss(ctx context.Context, pairing, val string, pos types.Position, ratio math.LegacyDec) (math.Int, math.Int, error) {
	v, err := k.loadValidator(ctx, pairing, val)
	if err != nil {
		return math.Int{}, math.Int{}, err
	}
	if err := k.materialize(ctx, pairing, val, v, &pos); err != nil {
		return math.Int{}, math.Int{}, err
	}
	bonded := tokensOf(v, pos.Shares)
	after := v
	after.Tokens = v.Tokens.Sub(ratio.MulInt(v.Tokens).TruncateInt())
	value, loss := bonded, bonded.Sub(tokensOf(after, pos.Shares))
	for _, u := range pos.Unbondings {
		value = value.Add(u.Amount)
		loss = loss.Add(ratio.MulInt(u.Amount).TruncateInt())
	}
	return value, loss, nil
}

// StakeExposure implements types.QueryServer: a new stake adds its amount times the ratio the
// vault fixes for the user's lien with the pairing (the pairing's largest ratio for a new lien).
func (q queryServer) StakeExposure(ctx context.Context, req *types.QueryStakeExposureRequest) (*types.QueryStakeExposureResponse, error) {
	owner, err := q.k.parseOwner(req.GetOwner())
	if err != nil {
		return nil, err
	}
	amount, ok := math.NewIntFromString(req.GetAmount())
	if !ok || !amount.IsPositive() {
		return nil, types.ErrInvalidAmount.Wrapf("%q is not a positive integer", req.GetAmount())
	}
	p, err := q.k.GetPairing(ctx, req.GetPairingId())
	if err != nil {
		return nil, err
	}
	ratio, err := q.k.lienRatio(ctx, owner, p)
	if err != nil {
		return nil, err
	}
	before, err := q.k.worstCase(ctx, owner)
	if err != nil {
		return nil, err
	}
	adds := ratio.MulInt(amount).TruncateInt()
	return &types.QueryStakeExposureResponse{Adds: adds, WorstCaseBefore: before, WorstCaseAfter: before.Add(adds)}, nil
}

// worstCase is what the vault would take from the user if every lien were slashed together.
func (k *Keeper) worstCase(ctx context.Context, owner sdk.AccAddress) (math.Int, error) {
	if k.refs.vaultQueries == nil {
		return math.Int{}, types.ErrNoVault.Wrap("vault queries are not bound")
	}
	res, err := k.refs.vaultQueries.Account(ctx, &vaulttypes.QueryAccountRequest{Address: owner.String()})
	if err != nil {
		return math.Int{}, err
	}
	return res.TotalSlashable.High, nil
}

// lienRatio is the slash ratio the vault applies to the user's lien with the pairing: the one
// fixed on an existing lien, else the pairing's largest.
func (k *Keeper) lienRatio(ctx context.Context, owner sdk.AccAddress, p types.ConsumerPairing) (math.LegacyDec, error) {
	if k.refs.vaultQueries == nil {
		return math.LegacyDec{}, types.ErrNoVault.Wrap("vault queries are not bound")
	}
	res, err := k.refs.vaultQueries.Liens(ctx, &vaulttypes.QueryLiensRequest{Address: owner.String()})
	if err != nil {
		return math.LegacyDec{}, err
	}
	want := lienholder.HolderID{Kind: lienholder.KindExternal, Key: p.Id}.String()
	for _, l := range res.Liens {
		if l.Holder == want {
			return l.Lien.Slashable, nil
		}
	}
	return p.MaxSlash(), nil
}
