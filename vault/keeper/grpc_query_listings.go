package keeper

import (
	"context"

	"cosmossdk.io/math"
	sdk "github.com/cosmos/cosmos-sdk/types"
	"github.com/cosmos/cosmos-sdk/types/query"
	"google.golang.org/grpc/codes"
	"google.golang.org/grpc/status"

	"github.com/meshsecurity/mesh/vault/types"
)

// The listings answer from stored state and settle no one: settling a page of users would cost
// O(their liens) holder calls per query. An account entry says whether its figures are known to be
// stale (the user waits in the settlement queue).

// Accounts implements types.QueryServer: every stored account in ascending address order, with
// its stored figures when asked for (the collateral, and the max lien and total slashable of the
// user's stored liens, read with them).
func (q queryServer) Accounts(ctx context.Context, req *types.QueryAccountsRequest) (*types.QueryAccountsResponse, error) {
	if req == nil {
		return nil, status.Error(codes.InvalidArgument, "empty request")
	}
	pageReq, err := capPage(req.Pagination)
	if err != nil {
		return nil, err
	}
	p, err := q.k.GetParams(ctx)
	if err != nil {
		return nil, err
	}
	accounts, page, err := query.CollectionPaginate(ctx, q.k.Accounts, pageReq,
		func(owner sdk.AccAddress, _ math.Int) (types.AccountEntry, error) {
			return q.accountEntry(ctx, owner, req.WithCollateral)
		})
	if err != nil {
		return nil, err
	}
	return &types.QueryAccountsResponse{Denom: p.Denom, Accounts: accounts, Pagination: page}, nil
}

// accountEntry lists one account, with its stored figures and queue state if withCollateral.
func (q queryServer) accountEntry(ctx context.Context, owner sdk.AccAddress, withCollateral bool) (types.AccountEntry, error) {
	addr, err := q.k.addressCodec.BytesToString(owner)
	if err != nil {
		return types.AccountEntry{}, err
	}
	entry := types.AccountEntry{Address: addr}
	if !withCollateral {
		return entry, nil
	}
	queued, err := q.k.SettlementQueue.Has(ctx, owner)
	if err != nil {
		return types.AccountEntry{}, err
	}
	b, err := q.k.loadBook(ctx, owner)
	if err != nil {
		return types.AccountEntry{}, err
	}
	acct := b.account()
	free := types.NewValueRange(acct.Free())
	entry.Account, entry.Free, entry.SettlementQueued = &acct, &free, queued
	return entry, nil
}

// AllPendingLiens implements types.QueryServer: every pending lien, newest (highest id) first;
// pagination.reverse gives oldest first.
func (q queryServer) AllPendingLiens(ctx context.Context, req *types.QueryAllPendingLiensRequest) (*types.QueryAllPendingLiensResponse, error) {
	if req == nil {
		return nil, status.Error(codes.InvalidArgument, "empty request")
	}
	pageReq, err := capPage(req.Pagination)
	if err != nil {
		return nil, err
	}
	pageReq.Reverse = !pageReq.Reverse
	pending, page, err := query.CollectionPaginate(ctx, q.k.PendingLiens, pageReq,
		func(_ uint64, p types.PendingLien) (types.PendingLien, error) { return p, nil })
	if err != nil {
		return nil, err
	}
	return &types.QueryAllPendingLiensResponse{PendingLiens: pending, Pagination: page}, nil
}
