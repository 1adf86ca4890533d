package keeper

import (
	"context"

	"cosmossdk.io/collections"
	errorsmod "cosmossdk.io/errors"
	sdk "github.com/cosmos/cosmos-sdk/types"
	"github.com/cosmos/cosmos-sdk/types/query"

	"github.com/meshsecurity/mesh/localstaking/types"
)

// queryServer implements types.QueryServer.
type queryServer struct{ k *Keeper }

var _ types.QueryServer = queryServer{}

// NewQueryServerImpl returns the query server over the keeper.
func NewQueryServerImpl(k *Keeper) types.QueryServer { return queryServer{k: k} }

func (q queryServer) owner(s string) (sdk.AccAddress, error) {
	bz, err := q.k.addressCodec.StringToBytes(s)
	if err != nil || len(bz) == 0 {
		return nil, errorsmod.Wrapf(types.ErrInvalidAddress, "owner %q", s)
	}
	return bz, nil
}

// Account implements types.QueryServer.
func (q queryServer) Account(ctx context.Context, req *types.QueryAccountRequest) (*types.QueryAccountResponse, error) {
	owner, err := q.owner(req.Owner)
	if err != nil {
		return nil, err
	}
	account, err := q.k.AccountOf(ctx, owner)
	if err != nil {
		return nil, err
	}
	v, err := q.k.value(ctx, owner)
	if err != nil {
		return nil, err
	}
	return &types.QueryAccountResponse{
		Account: account.String(), Holdings: v.holdings, Principal: v.principal(), PendingSlash: v.loss(),
	}, nil
}

// Delegations implements types.QueryServer.
func (q queryServer) Delegations(ctx context.Context, req *types.QueryDelegationsRequest) (*types.QueryDelegationsResponse, error) {
	owner, err := q.owner(req.Owner)
	if err != nil {
		return nil, err
	}
	items, page, err := query.CollectionPaginate(ctx, q.k.Positions, capPage(req.Pagination),
		func(key collections.Pair[sdk.AccAddress, sdk.ValAddress], p types.Position) (types.GenesisPosition, error) {
			return types.GenesisPosition{Owner: req.Owner, Validator: key.K2().String(), Position: p}, nil
		}, query.WithCollectionPaginationPairPrefix[sdk.AccAddress, sdk.ValAddress](owner))
	if err != nil {
		return nil, err
	}
	return &types.QueryDelegationsResponse{Positions: items, Pagination: page}, nil
}

// Unbondings implements types.QueryServer.
func (q queryServer) Unbondings(ctx context.Context, req *types.QueryUnbondingsRequest) (*types.QueryUnbondingsResponse, error) {
	owner, err := q.owner(req.Owner)
	if err != nil {
		return nil, err
	}
	items, page, err := query.CollectionPaginate(ctx, q.k.Unbondings, capPage(req.Pagination),
		func(key collections.Triple[sdk.AccAddress, sdk.ValAddress, int64], u types.Unbonding) (types.GenesisUnbonding, error) {
			return types.GenesisUnbonding{Owner: req.Owner, Validator: key.K2().String(), CreationHeight: key.K3(), Unbonding: u}, nil
		}, withTriplePrefix[sdk.AccAddress, sdk.ValAddress, int64](owner))
	if err != nil {
		return nil, err
	}
	return &types.QueryUnbondingsResponse{Unbondings: items, Pagination: page}, nil
}

// PendingBatches implements types.QueryServer.
func (q queryServer) PendingBatches(ctx context.Context, req *types.QueryPendingBatchesRequest) (*types.QueryPendingBatchesResponse, error) {
	items, page, err := query.CollectionPaginate(ctx, q.k.BatchQueue, capPage(req.Pagination),
		func(key batchKey, _ collections.NoValue) (types.GenesisPosition, error) {
			p, _, err := q.k.positionOf(ctx, key.K2(), key.K3())
			return types.GenesisPosition{Owner: key.K2().String(), Validator: key.K3().String(), Position: p}, err
		})
	if err != nil {
		return nil, err
	}
	return &types.QueryPendingBatchesResponse{Batches: items, Pagination: page}, nil
}

// Params implements types.QueryServer.
func (q queryServer) Params(ctx context.Context, _ *types.QueryParamsRequest) (*types.QueryParamsResponse, error) {
	p, err := q.k.GetParams(ctx)
	if err != nil {
		return nil, err
	}
	return &types.QueryParamsResponse{Params: p}, nil
}
