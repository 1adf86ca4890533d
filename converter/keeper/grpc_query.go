package keeper

import (
	"context"

	"cosmossdk.io/collections"
	"cosmossdk.io/math"
	sdk "github.com/cosmos/cosmos-sdk/types"
	"github.com/cosmos/cosmos-sdk/types/query"

	"github.com/meshsecurity/mesh/converter/types"
)

// maxPageLimit bounds every paginated query.
const maxPageLimit = 100

type queryServer struct{ k *Keeper }

var _ types.QueryServer = queryServer{}

// NewQueryServerImpl returns the Query service of the keeper.
func NewQueryServerImpl(k *Keeper) types.QueryServer { return queryServer{k: k} }

// bounded caps a page request's limit.
func bounded(page *query.PageRequest) *query.PageRequest {
	if page == nil {
		return &query.PageRequest{Limit: maxPageLimit}
	}
	out := *page
	if out.Limit == 0 || out.Limit > maxPageLimit {
		out.Limit = maxPageLimit
	}
	return &out
}

// Params implements types.QueryServer.
func (q queryServer) Params(ctx context.Context, _ *types.QueryParamsRequest) (*types.QueryParamsResponse, error) {
	p, err := q.k.Params.Get(ctx)
	return &types.QueryParamsResponse{Params: p}, err
}

// Pairings implements types.QueryServer.
func (q queryServer) Pairings(ctx context.Context, req *types.QueryPairingsRequest) (*types.QueryPairingsResponse, error) {
	list, page, err := query.CollectionPaginate(ctx, q.k.PairingStore, bounded(req.GetPagination()),
		func(_ string, p types.ProviderPairing) (types.ProviderPairing, error) { return p, nil })
	return &types.QueryPairingsResponse{Pairings: list, Pagination: page}, err
}

// Pairing implements types.QueryServer.
func (q queryServer) Pairing(ctx context.Context, req *types.QueryPairingRequest) (*types.QueryPairingResponse, error) {
	p, err := q.k.GetPairing(ctx, req.PairingId)
	if err != nil {
		return nil, err
	}
	now := sdk.UnwrapSDKContext(ctx).BlockTime()
	return &types.QueryPairingResponse{Pairing: p, PriceAge: p.PriceAge(now),
		PriceStale: p.Feed().Stale(now), ChannelOpen: q.k.channelOpen(ctx, p)}, nil
}

// DelegatorRequests implements types.QueryServer: the delegator's requests, at most one page;
// a delegator holds one per validator.
func (q queryServer) DelegatorRequests(ctx context.Context, req *types.QueryDelegatorRequestsRequest) (*types.QueryDelegatorRequestsResponse, error) {
	limit := bounded(req.GetPagination()).Limit
	var mine []types.Request
	rng := collections.NewSuperPrefixedTripleRange[string, string, string](req.PairingId, req.Delegator)
	err := q.k.Requests.Walk(ctx, rng, func(key collections.Triple[string, string, string], amount math.Int) (bool, error) {
		mine = append(mine, types.Request{Pairing: key.K1(), Delegator: key.K2(), Validator: key.K3(), Amount: amount})
		return uint64(len(mine)) >= limit, nil
	})
	return &types.QueryDelegatorRequestsResponse{Requests: mine}, err
}

// ValidatorRequests implements types.QueryServer.
func (q queryServer) ValidatorRequests(ctx context.Context, req *types.QueryValidatorRequestsRequest) (*types.QueryValidatorRequestsResponse, error) {
	list, page, err := query.CollectionPaginate(ctx, q.k.ValidatorTotals, bounded(req.GetPagination()),
		func(key collections.Pair[string, string], amount math.Int) (types.ValidatorAmount, error) {
			return types.ValidatorAmount{Pairing: key.K1(), Validator: key.K2(), Amount: amount}, nil
		}, query.WithCollectionPaginationPairPrefix[string, string](req.PairingId))
	return &types.QueryValidatorRequestsResponse{Validators: list, Pagination: page}, err
}

// RewardReserve implements types.QueryServer.
func (q queryServer) RewardReserve(ctx context.Context, req *types.QueryRewardReserveRequest) (*types.QueryRewardReserveResponse, error) {
	if _, err := q.k.GetPairing(ctx, req.PairingId); err != nil {
		return nil, err
	}
	amount, err := getInt(ctx, q.k.RewardReserve, req.PairingId)
	return &types.QueryRewardReserveResponse{Amount: amount}, err
}

// Outbox implements types.QueryServer: queued packets (paginated), plus every valset draft and
// packet in flight (one of each per pairing at most for valset updates).
func (q queryServer) Outbox(ctx context.Context, req *types.QueryOutboxRequest) (*types.QueryOutboxResponse, error) {
	queued, page, err := query.CollectionPaginate(ctx, q.k.Outbox, bounded(req.GetPagination()),
		func(_ uint64, o types.OutboxPacket) (types.OutboxPacket, error) { return o, nil })
	if err != nil {
		return nil, err
	}
	res := &types.QueryOutboxResponse{Queued: queued, Pagination: page}
	err = q.k.ValsetDrafts.Walk(ctx, nil, func(pairing string, bz []byte) (bool, error) {
		res.ValsetDrafts = append(res.ValsetDrafts, types.OutboxPacket{Pairing: pairing, Data: bz})
		return false, nil
	})
	if err != nil {
		return nil, err
	}
	err = q.k.InFlight.Walk(ctx, nil, func(key collections.Pair[string, uint64], o types.OutboxPacket) (bool, error) {
		res.InFlight = append(res.InFlight, types.InFlightPacket{Channel: key.K1(), Sequence: key.K2(), Packet: o})
		return uint32(len(res.InFlight)) >= maxPageLimit, nil
	})
	return res, err
}
