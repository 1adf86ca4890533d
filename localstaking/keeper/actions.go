package keeper

import (
	"context"
	"time"

	"cosmossdk.io/collections"
	errorsmod "cosmossdk.io/errors"
	sdk "github.com/cosmos/cosmos-sdk/types"
	distrtypes "github.com/cosmos/cosmos-sdk/x/distribution/types"
	govv1 "github.com/cosmos/cosmos-sdk/x/gov/types/v1"
	stakingtypes "github.com/cosmos/cosmos-sdk/x/staking/types"

	"github.com/meshsecurity/mesh/localstaking/types"
)

// WithdrawRewards withdraws the rewards of every delegation of the user's account through
// x/distribution's Msg server; the account's withdraw address sends them to the owner.
func (k *Keeper) WithdrawRewards(ctx context.Context, owner sdk.AccAddress) (sdk.Coins, error) {
	account, err := k.AccountOf(ctx, owner)
	if err != nil {
		return nil, err
	}
	var vals []sdk.ValAddress
	rng := collections.NewPrefixedPairRange[sdk.AccAddress, sdk.ValAddress](owner)
	err = k.Positions.Walk(ctx, rng, func(key collections.Pair[sdk.AccAddress, sdk.ValAddress], _ types.Position) (bool, error) {
		vals = append(vals, key.K2())
		return false, nil
	})
	if err != nil {
		return nil, err
	}
	if len(vals) == 0 {
		return nil, errorsmod.Wrapf(types.ErrNoPosition, "%s has no delegations", owner)
	}
	total := sdk.NewCoins()
	for _, val := range vals {
		res, err := k.distrMsgs.WithdrawDelegatorReward(ctx, &distrtypes.MsgWithdrawDelegatorReward{
			DelegatorAddress: account.String(), ValidatorAddress: val.String(),
		})
		if err != nil {
			return nil, errorsmod.Wrap(types.ErrRewardsFailed, err.Error())
		}
		total = total.Add(res.Amount...)
	}
	return total, nil
}

// Vote votes on a proposal from the user's account, so x/gov counts the account's delegations.
func (k *Keeper) Vote(ctx context.Context, owner sdk.AccAddress, proposal uint64, option govv1.VoteOption, metadata string) error {
	account, err := k.AccountOf(ctx, owner)
	if err != nil {
		return err
	}
	_, err = k.govMsgs.Vote(ctx, &govv1.MsgVote{ProposalId: proposal, Voter: account.String(), Option: option, Metadata: metadata})
	if err != nil {
		return errorsmod.Wrap(types.ErrGovFailed, err.Error())
	}
	return nil
}

// VoteWeighted casts a weighted vote from the user's account.
func (k *Keeper) VoteWeighted(ctx context.Context, owner sdk.AccAddress, proposal uint64, options []*govv1.WeightedVoteOption, metadata string) error {
	account, err := k.AccountOf(ctx, owner)
	if err != nil {
		return err
	}
	_, err = k.govMsgs.VoteWeighted(ctx, &govv1.MsgVoteWeighted{
		ProposalId: proposal, Voter: account.String(), Options: options, Metadata: metadata,
	})
	if err != nil {
		return errorsmod.Wrap(types.ErrGovFailed, err.Error())
	}
	return nil
}

// Redelegate moves amount of the user's stake from src to dst through x/staking's Msg server.
// The recorded principal moves with it; x/staking's rounding shows up at the next settlement.
func (k *Keeper) Redelegate(ctx context.Context, owner sdk.AccAddress, src, dst sdk.ValAddress, amount sdk.Coin) (time.Time, error) {
	if src.Equals(dst) {
		return time.Time{}, errorsmod.Wrapf(types.ErrSameValidator, "%s", src)
	}
	account, err := k.actionable(ctx, owner, amount)
	if err != nil {
		return time.Time{}, err
	}
	from, found, err := k.positionOf(ctx, owner, src)
	if err != nil {
		return time.Time{}, err
	}
	if !found {
		return time.Time{}, errorsmod.Wrapf(types.ErrNoPosition, "%s", src)
	}
	if free := from.Principal.Sub(from.Queued); free.LT(amount.Amount) {
		return time.Time{}, errorsmod.Wrapf(types.ErrInsufficientStake, "redelegate %s, available %s", amount.Amount, free)
	}
	res, err := k.stakingMsgs.BeginRedelegate(ctx, &stakingtypes.MsgBeginRedelegate{
		DelegatorAddress: account.String(), ValidatorSrcAddress: src.String(), ValidatorDstAddress: dst.String(),
		Amount: amount,
	})
	if err != nil {
		return time.Time{}, errorsmod.Wrap(types.ErrStakingFailed, err.Error())
	}
	from.Principal = from.Principal.Sub(amount.Amount)
	if err := k.setPosition(ctx, owner, src, from); err != nil {
		return time.Time{}, err
	}
	return res.CompletionTime, k.addPrincipal(ctx, owner, dst, amount.Amount)
}
