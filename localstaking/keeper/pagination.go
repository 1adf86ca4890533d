package keeper

import (
	"cosmossdk.io/collections"
	"github.com/cosmos/cosmos-sdk/types/query"
)

// MaxPageLimit caps the page size of every paginated query, as the vault's queries are capped; a
// request without a limit gets a page of this size.
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

// withTriplePrefix restricts a paginated walk of a triple-keyed collection to one first key part,
// as query.WithCollectionPaginationPairPrefix does for pairs.
func withTriplePrefix[K1, K2, K3 any](prefix K1) func(*query.CollectionsPaginateOptions[collections.Triple[K1, K2, K3]]) {
	return func(o *query.CollectionsPaginateOptions[collections.Triple[K1, K2, K3]]) {
		p := collections.TriplePrefix[K1, K2, K3](prefix)
		o.Prefix = &p
	}
}
