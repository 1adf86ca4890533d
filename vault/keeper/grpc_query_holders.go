package keeper

import (
	"context"
	"errors"

	"cosmossdk.io/collections"
	"cosmossdk.io/math"
	"github.com/cosmos/cosmos-sdk/types/query"
	"google.golang.org/grpc/codes"
	"google.golang.org/grpc/status"

	"github.com/meshsecurity/mesh/lienholder"
	"github.com/meshsecurity/mesh/vault/types"
)

// custodyUnregistered names the custody of liens whose kind the app no longer registers.
const custodyUnregistered = "unregistered"

// HolderKinds implements types.QueryServer: the registered kinds in ascending order. The list is
// fixed when the app is built and small, so it is not paginated.
func (q queryServer) HolderKinds(_ context.Context, req *types.QueryHolderKindsRequest) (*types.QueryHolderKindsResponse, error) {
	if req == nil {
		return nil, status.Error(codes.InvalidArgument, "empty request")
	}
	kinds := q.k.HolderKinds()
	out := make([]types.HolderKind, 0, len(kinds))
	for _, kind := range kinds {
		reg := q.k.holders.byKind[kind]
		_, keyed := reg.holder.(lienholder.KeyedHolder)
		out = append(out, types.HolderKind{Kind: kind, Custody: reg.custody.String(), CustodyModule: reg.module, Keyed: keyed})
	}
	return &types.QueryHolderKindsResponse{Kinds: out}, nil
}

// ActiveHolders implements types.QueryServer: the holders at least one user has a lien with, in
// ascending (kind, key) order, optionally of one kind only.
func (q queryServer) ActiveHolders(ctx context.Context, req *types.QueryActiveHoldersRequest) (*types.QueryActiveHoldersResponse, error) {
	if req == nil {
		return nil, status.Error(codes.InvalidArgument, "empty request")
	}
	pageReq, err := capPage(req.Pagination)
	if err != nil {
		return nil, err
	}
	var opts []func(*query.CollectionsPaginateOptions[holderKey])
	if req.Kind != "" {
		if err := (lienholder.HolderID{Kind: req.Kind}).Validate(); err != nil {
			return nil, status.Error(codes.InvalidArgument, err.Error())
		}
		opts = append(opts, query.WithCollectionPaginationPairPrefix[string, string](req.Kind))
	}
	holders, page, err := query.CollectionPaginate(ctx, q.k.HolderLiens, pageReq,
		func(key holderKey, liens uint64) (types.ActiveHolder, error) {
			return q.activeHolder(ctx, lienholder.HolderID{Kind: key.K1(), Key: key.K2()}, liens)
		}, opts...)
	if err != nil {
		return nil, err
	}
	return &types.QueryActiveHoldersResponse{Holders: holders, Pagination: page}, nil
}

// activeHolder describes one holder with its lien count and, if custodial, what it holds.
func (q queryServer) activeHolder(ctx context.Context, id lienholder.HolderID, liens uint64) (types.ActiveHolder, error) {
	lent, err := q.k.Lent.Get(ctx, id.String())
	if errors.Is(err, collections.ErrNotFound) {
		lent = math.ZeroInt()
	} else if err != nil {
		return types.ActiveHolder{}, err
	}
	custody := custodyUnregistered
	if reg, ok := q.k.holders.byKind[id.Kind]; ok {
		custody = reg.custody.String()
	}
	return types.ActiveHolder{
		Holder: id.String(), Kind: id.Kind, Key: id.Key, Custody: custody, Liens: liens, Lent: lent,
	}, nil
}
