package keeper

import (
	"context"
	"errors"

	"cosmossdk.io/collections"
	errorsmod "cosmossdk.io/errors"
	"cosmossdk.io/math"
	sdk "github.com/cosmos/cosmos-sdk/types"
	"github.com/cosmos/cosmos-sdk/types/query"
	"google.golang.org/grpc/codes"
	"google.golang.org/grpc/status"

	"github.com/meshsecurity/mesh/vault/types"
)

// MaxPageLimit caps every paginated query; it is also the default page size (the reference
// meant to cap its page size but never did).
const MaxPageLimit = 100

type queryServer struct{ k *Keeper }

var _ types.QueryServer = queryServer{}

// NewQueryServerImpl returns the vault's Query service.
func NewQueryServerImpl(k *Keeper) types.QueryServer { return queryServer{k: k} }

// settledView settles owner in a throw-away cache context so answers are as settled. If a holder
// fails during settlement, the answer is the stored (unsettled) state rather than an error.
func (q queryServer) settledView(ctx context.Context, addr string) (context.Context, sdk.AccAddress, error) {
	bz, err := q.k.addressCodec.StringToBytes(addr)
	if err != nil || len(bz) == 0 {
		return nil, nil, status.Errorf(codes.InvalidArgument, "invalid address %q", addr)
	}
	sdkCtx := sdk.UnwrapSDKContext(ctx)
	cacheCtx, _ := sdkCtx.CacheContext()
	if err := q.k.Settle(cacheCtx, bz); err != nil {
		q.k.Logger(ctx).Debug("query answered unsettled", "owner", addr, "error", err)
		cacheCtx, _ = sdkCtx.CacheContext()
	}
	return cacheCtx, bz, nil
}

// capPage returns a copy of the page request with its limit defaulted and capped at MaxPageLimit,
// or InvalidArgument for a request that sets both an offset and a key.
func capPage(p *query.PageRequest) (*query.PageRequest, error) {
	if p == nil {
		return &query.PageRequest{Limit: MaxPageLimit}, nil
	}
	if p.Offset > 0 && len(p.Key) > 0 {
		return nil, status.Error(codes.InvalidArgument, "pagination: set either offset or key, not both")
	}
	out := *p
	if out.Limit == 0 || out.Limit > MaxPageLimit {
		out.Limit = MaxPageLimit
	}
	return &out, nil
}

// Account implements types.QueryServer.
func (q queryServer) Account(ctx context.Context, req *types.QueryAccountRequest) (*types.QueryAccountResponse, error) {
	if req == nil {
		return nil, status.Error(codes.InvalidArgument, "empty request")
	}
	view, owner, err := q.settledView(ctx, req.Address)
	if err != nil {
		return nil, err
	}
	p, err := q.k.GetParams(view)
	if err != nil {
		return nil, err
	}
	b, err := q.k.loadBook(view, owner)
	if err != nil {
		return nil, err
	}
	acct := b.account()
	return &types.QueryAccountResponse{
		Denom: p.Denom, Collateral: acct.Collateral, MaxLien: acct.MaxLien, TotalSlashable: acct.TotalSlashable,
		Free: types.NewValueRange(acct.Free()),
	}, nil
}

// Liens implements types.QueryServer.
func (q queryServer) Liens(ctx context.Context, req *types.QueryLiensRequest) (*types.QueryLiensResponse, error) {
	if req == nil {
		return nil, status.Error(codes.InvalidArgument, "empty request")
	}
	view, owner, err := q.settledView(ctx, req.Address)
	if err != nil {
		return nil, err
	}
	pageReq, err := capPage(req.Pagination)
	if err != nil {
		return nil, err
	}
	liens, page, err := query.CollectionPaginate(view, q.k.Liens, pageReq,
		func(key collections.Pair[sdk.AccAddress, string], l types.Lien) (types.GenesisLien, error) {
			return types.GenesisLien{Owner: req.Address, Holder: key.K2(), Lien: l}, nil
		}, query.WithCollectionPaginationPairPrefix[sdk.AccAddress, string](owner))
	if err != nil {
		return nil, err
	}
	return &types.QueryLiensResponse{Liens: liens, Pagination: page}, nil
}

// PendingLiens implements types.QueryServer.
func (q queryServer) PendingLiens(ctx context.Context, req *types.QueryPendingLiensRequest) (*types.QueryPendingLiensResponse, error) {
	if req == nil {
		return nil, status.Error(codes.InvalidArgument, "empty request")
	}
	view, owner, err := q.settledView(ctx, req.Address)
	if err != nil {
		return nil, err
	}
	pageReq, err := capPage(req.Pagination)
	if err != nil {
		return nil, err
	}
	pending, page, err := query.CollectionPaginate(view, q.k.PendingByOwner, pageReq,
		func(key collections.Pair[sdk.AccAddress, uint64], _ collections.NoValue) (types.PendingLien, error) {
			return q.k.PendingLiens.Get(view, key.K2())
		}, query.WithCollectionPaginationPairPrefix[sdk.AccAddress, uint64](owner))
	if err != nil {
		return nil, err
	}
	return &types.QueryPendingLiensResponse{PendingLiens: pending, Pagination: page}, nil
}

// PendingLien implements types.QueryServer.
func (q queryServer) PendingLien(ctx context.Context, req *types.QueryPendingLienRequest) (*types.QueryPendingLienResponse, error) {
	if req == nil {
		return nil, status.Error(codes.InvalidArgument, "empty request")
	}
	p, err := q.k.PendingLiens.Get(ctx, req.Id)
	if errors.Is(err, collections.ErrNotFound) {
		return nil, errorsmod.Wrapf(types.ErrUnknownPendingLien, "id %d", req.Id)
	} else if err != nil {
		return nil, err
	}
	return &types.QueryPendingLienResponse{PendingLien: p}, nil
}

// Lent implements types.QueryServer.
func (q queryServer) Lent(ctx context.Context, req *types.QueryLentRequest) (*types.QueryLentResponse, error) {
	if req == nil {
		return nil, status.Error(codes.InvalidArgument, "empty request")
	}
	pageReq, err := capPage(req.Pagination)
	if err != nil {
		return nil, err
	}
	lent, page, err := query.CollectionPaginate(ctx, q.k.Lent, pageReq,
		func(holder string, amount math.Int) (types.HolderAmount, error) {
			return types.HolderAmount{Holder: holder, Amount: amount}, nil
		})
	if err != nil {
		return nil, err
	}
	return &types.QueryLentResponse{Lent: lent, Pagination: page}, nil
}

// Params implements types.QueryServer.
func (q queryServer) Params(ctx context.Context, _ *types.QueryParamsRequest) (*types.QueryParamsResponse, error) {
	p, err := q.k.GetParams(ctx)
	if err != nil {
		return nil, err
	}
	return &types.QueryParamsResponse{Params: p}, nil
}
