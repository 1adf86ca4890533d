package keeper

import (
	"context"
	"errors"

	"cosmossdk.io/collections"
	errorsmod "cosmossdk.io/errors"
	"cosmossdk.io/math"
	sdk "github.com/cosmos/cosmos-sdk/types"
	"github.com/cosmos/cosmos-sdk/types/query"
	stakingtypes "github.com/cosmos/cosmos-sdk/x/staking/types"

	"github.com/meshsecurity/mesh/virtualstaking/types"
)

// maxPageLimit bounds a page of a paginated query.
const maxPageLimit = 200

type queryServer struct{ k *Keeper }

var _ types.QueryServer = queryServer{}

// NewQueryServerImpl returns the Query service implementation.
func NewQueryServerImpl(k *Keeper) types.QueryServer { return queryServer{k: k} }

// Params returns the parameters.
func (q queryServer) Params(ctx context.Context, _ *types.QueryParamsRequest) (*types.QueryParamsResponse, error) {
	p, err := q.k.Params.Get(ctx)
	return &types.QueryParamsResponse{Params: p}, err
}

// Pairing returns a pairing's virtual supply, the part on bonded validators and the next epoch.
func (q queryServer) Pairing(ctx context.Context, req *types.QueryPairingRequest) (*types.QueryPairingResponse, error) {
	if req == nil || req.PairingId == "" {
		return nil, errorsmod.Wrap(types.ErrUnknownPairing, "empty pairing id")
	}
	s, err := q.k.Supplies.Get(ctx, req.PairingId)
	if errors.Is(err, collections.ErrNotFound) {
		return nil, errorsmod.Wrap(types.ErrUnknownPairing, req.PairingId)
	} else if err != nil {
		return nil, err
	}
	bonded, err := q.k.bondedOf(ctx, req.PairingId)
	if err != nil {
		return nil, err
	}
	next, err := q.k.NextEpoch.Get(ctx)
	if err != nil {
		return nil, err
	}
	return &types.QueryPairingResponse{Supply: s, Outstanding: s.Outstanding(), Bonded: bonded, NextEpoch: next}, nil
}

// Targets lists a pairing's targets.
func (q queryServer) Targets(ctx context.Context, req *types.QueryTargetsRequest) (*types.QueryTargetsResponse, error) {
	if req == nil || req.PairingId == "" {
		return nil, errorsmod.Wrap(types.ErrUnknownPairing, "empty pairing id")
	}
	page := req.Pagination
	if page != nil && page.Limit > maxPageLimit {
		page.Limit = maxPageLimit
	}
	targets, res, err := query.CollectionFilteredPaginate(ctx, q.k.Targets, page,
		func(key collections.Pair[string, string], _ math.Int) (bool, error) {
			return key.K1() == req.PairingId, nil
		},
		func(key collections.Pair[string, string], v math.Int) (types.Target, error) {
			return types.Target{PairingId: key.K1(), Validator: key.K2(), Amount: v}, nil
		},
		query.WithCollectionPaginationPairPrefix[string, string](req.PairingId))
	return &types.QueryTargetsResponse{Targets: targets, Pagination: res}, err
}

// Validator lists the live virtual stake of each pairing on a validator.
func (q queryServer) Validator(ctx context.Context, req *types.QueryValidatorRequest) (*types.QueryValidatorResponse, error) {
	if req == nil {
		return nil, errorsmod.Wrap(types.ErrInvalidAddress, "empty request")
	}
	val, err := sdk.ValAddressFromBech32(req.Validator)
	if err != nil {
		return nil, errorsmod.Wrapf(types.ErrInvalidAddress, "validator: %s", err)
	}
	values, err := q.k.PairingValues(ctx, val)
	if err != nil {
		return nil, err
	}
	out := make([]types.Target, 0, len(values))
	for _, v := range values {
		out = append(out, types.Target{PairingId: v.PairingID, Validator: req.Validator, Amount: v.Value})
	}
	return &types.QueryValidatorResponse{Values: out}, nil
}

// bondedOf is the live value of a pairing's delegations on bonded validators.
func (k *Keeper) bondedOf(ctx context.Context, pairingID string) (math.Int, error) {
	total := math.ZeroInt()
	rng := collections.NewPrefixedPairRange[string, string](pairingID)
	err := k.Targets.Walk(ctx, rng, func(key collections.Pair[string, string], _ math.Int) (bool, error) {
		valAddr, err := sdk.ValAddressFromBech32(key.K2())
		if err != nil {
			return true, err
		}
		v, err := k.staking.GetValidator(ctx, valAddr)
		if errors.Is(err, stakingtypes.ErrNoValidatorFound) {
			return false, nil
		} else if err != nil {
			return true, err
		}
		if !v.IsBonded() {
			return false, nil
		}
		shares, err := k.sharesOf(ctx, key.K2(), pairingID)
		if err != nil {
			return true, err
		}
		total = total.Add(valueOf(v, shares))
		return false, nil
	})
	return total, err
}
