package keeper

import (
	"context"
	"time"

	errorsmod "cosmossdk.io/errors"
	sdk "github.com/cosmos/cosmos-sdk/types"
	govv1 "github.com/cosmos/cosmos-sdk/x/gov/types/v1"
	stakingtypes "github.com/cosmos/cosmos-sdk/x/staking/types"

	"github.com/meshsecurity/mesh/localstaking/types"
)

// Vote votes on a proposal from the user's account, so x/gov counts the account's delegations.
// It does not settle the user: x/gov weighs the delegations as x/staking holds them at tally
// time, so a settlement would change nothing in the vote.
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

// VoteWeighted casts a weighted vote from the user's account; like Vote, it does not settle.
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

// Redelegate settles the user, then moves amount of the user's stake from src to dst through
// x/staking's Msg server. The recorded principal moves with it; x/staking's rounding shows up at
// the next settlement.
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
		return time.Time{}, errorsmod.Wrapf(types.ErrNoPosition, "you have no local stake with %s", src)
	}
	if free := from.Principal.Sub(from.Queued); free.LT(amount.Amount) {
		return time.Time{}, errorsmod.Wrapf(types.ErrInsufficientStake,
			"you asked to redelegate %s from %s but only %s of your stake there is not already unbonding",
			amount, src, sdk.NewCoin(amount.Denom, free))
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
	if err := k.addPrincipal(ctx, owner, dst, amount.Amount); err != nil {
		return time.Time{}, err
	}
	if err := k.forget(ctx, owner); err != nil {
		return time.Time{}, err
	}
	return res.CompletionTime, k.emit(ctx, &types.EventRedelegated{Owner: owner.String(), SrcValidator: src.String(),
		DstValidator: dst.String(), Amount: amount.Amount.String(), CompletionTime: res.CompletionTime})
}
