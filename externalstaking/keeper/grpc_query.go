package keeper

import (
	"context"

	"cosmossdk.io/collections"
	"cosmossdk.io/math"
	sdk "github.com/cosmos/cosmos-sdk/types"
	"github.com/cosmos/cosmos-sdk/types/query"

	"github.com/meshsecurity/mesh/externalstaking/types"
)

// MaxPageLimit caps the page size of every paginated query; a request without a limit gets a page
// of this size.
const MaxPageLimit = 100

// capPage returns a copy of the page request with its limit capped at MaxPageLimit.
func capPage(p *query.PageRequest) *query.PageRequest {
	if p == nil {
		return &query.PageRequest{Limit: MaxPageLimit}
	}
	out := *p
	if out.Limit == 0 || out.Limit > MaxPageLimit {
		out.Limit = MaxPageLimit
	}
	return &out
}

type queryServer struct{ k *Keeper }

var _ types.QueryServer = queryServer{}

// NewQueryServerImpl returns the Query service of the keeper.
func NewQueryServerImpl(k *Keeper) types.QueryServer { return queryServer{k: k} }

// Params implements types.QueryServer.
func (q queryServer) Params(ctx context.Context, _ *types.QueryParamsRequest) (*types.QueryParamsResponse, error) {
	p, err := q.k.Params.Get(ctx)
	if err != nil {
		return nil, err
	}
	return &types.QueryParamsResponse{Params: p}, nil
}

// Pairings implements types.QueryServer.
func (q queryServer) Pairings(ctx context.Context, req *types.QueryPairingsRequest) (*types.QueryPairingsResponse, error) {
	pairings, page, err := query.CollectionPaginate(ctx, q.k.Pairings, capPage(req.GetPagination()),
		func(_ string, p types.ConsumerPairing) (types.ConsumerPairing, error) { return p, nil })
	if err != nil {
		return nil, err
	}
	return &types.QueryPairingsResponse{Pairings: pairings, Pagination: page}, nil
}

// Pairing implements types.QueryServer.
func (q queryServer) Pairing(ctx context.Context, req *types.QueryPairingRequest) (*types.QueryPairingResponse, error) {
	p, err := q.k.GetPairing(ctx, req.GetPairingId())
	if err != nil {
		return nil, err
	}
	return &types.QueryPairingResponse{Pairing: p}, nil
}

// Stakes implements types.QueryServer: a user's positions (at most the per-user bound) valued
// now, with their pending rewards.
func (q queryServer) Stakes(ctx context.Context, req *types.QueryStakesRequest) (*types.QueryStakesResponse, error) {
	owner, err := q.k.parseOwner(req.GetOwner())
	if err != nil {
		return nil, err
	}
	vals, positions, err := q.k.userPositions(ctx, req.GetPairingId(), owner)
	if err != nil {
		return nil, err
	}
	out := make([]types.StakeView, 0, len(vals))
	for i, pos := range positions {
		v, err := q.k.loadValidator(ctx, req.PairingId, vals[i])
		if err != nil {
			return nil, err
		}
		if err := q.k.materialize(ctx, req.PairingId, vals[i], v, &pos); err != nil {
			return nil, err
		}
		out = append(out, types.StakeView{
			Validator:      vals[i],
			Low:            tokensOf(v, pos.Shares.Sub(pos.UnstakingShares)),
			High:           tokensOf(v, pos.Shares).Add(pos.PendingStake),
			PendingRewards: earned(v, pos),
			Unbondings:     pos.Unbondings,
		})
	}
	return &types.QueryStakesResponse{Stakes: out}, nil
}

// PendingTxs implements types.QueryServer; with an owner it lists only that user's operations
// (a page still scans at most its limit of matches).
func (q queryServer) PendingTxs(ctx context.Context, req *types.QueryPendingTxsRequest) (*types.QueryPendingTxsResponse, error) {
	owner := req.GetOwner()
	txs, page, err := query.CollectionFilteredPaginate(ctx, q.k.PendingTxs, capPage(req.GetPagination()),
		func(_ uint64, tx types.PendingTx) (bool, error) { return owner == "" || tx.Owner == owner, nil },
		func(_ uint64, tx types.PendingTx) (types.PendingTx, error) { return tx, nil })
	if err != nil {
		return nil, err
	}
	return &types.QueryPendingTxsResponse{Txs: txs, Pagination: page}, nil
}

// Validators implements types.QueryServer.
func (q queryServer) Validators(ctx context.Context, req *types.QueryValidatorsRequest) (*types.QueryValidatorsResponse, error) {
	vals, page, err := query.CollectionPaginate(ctx, q.k.Validators, capPage(req.GetPagination()),
		func(key collections.Pair[string, string], v types.Validator) (types.ValidatorView, error) {
			return types.ValidatorView{Valoper: key.K2(), Status: ValidatorStatus(v), Validator: v}, nil
		}, query.WithCollectionPaginationPairPrefix[string, string](req.GetPairingId()))
	if err != nil {
		return nil, err
	}
	return &types.QueryValidatorsResponse{Validators: vals, Pagination: page}, nil
}

// StakeOf returns a user's low and high stake with a validator, for tests and invariants.
func (k *Keeper) StakeOf(ctx context.Context, pairing string, owner sdk.AccAddress, val string) (low, high math.Int, err error) {
	p, err := k.GetPairing(ctx, pairing)
	if err != nil {
		return math.Int{}, math.Int{}, err
	}
	pos, _, err := k.loadPosition(ctx, p, owner, val)
	if err != nil {
		return math.Int{}, math.Int{}, err
	}
	v, err := k.loadValidator(ctx, pairing, val)
	if err != nil {
		return math.Int{}, math.Int{}, err
	}
	return tokensOf(v, pos.Shares.Sub(pos.UnstakingShares)), tokensOf(v, pos.Shares).Add(pos.PendingStake), nil
}
