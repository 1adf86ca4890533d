package keeper

import (
	"context"

	errorsmod "cosmossdk.io/errors"
	"cosmossdk.io/math"
	sdk "github.com/cosmos/cosmos-sdk/types"
	stakingtypes "github.com/cosmos/cosmos-sdk/x/staking/types"

	"github.com/meshsecurity/mesh/lienholder"
	"github.com/meshsecurity/mesh/localstaking/types"
)

var _ lienholder.CustodialHolder = (*Keeper)(nil)

// Custody implements lienholder.LienHolder: local staking receives the tokens of its liens.
func (k *Keeper) Custody() lienholder.Custody { return lienholder.Custodial }

// CustodyModule implements lienholder.CustodialHolder.
func (k *Keeper) CustodyModule() string { return types.ModuleName }

// CustodyAccount implements lienholder.CustodialHolder: the vault sends a new stake straight to
// the user's derived account (created on first use), which delegates it in AcceptLien.
func (k *Keeper) CustodyAccount(ctx context.Context, _ lienholder.HolderID, owner sdk.AccAddress) (sdk.AccAddress, error) {
	return k.ensureAccount(ctx, owner)
}

// MaxSlash implements lienholder.LienHolder: the larger of x/slashing's double-sign and downtime
// slash fractions. A local stake is an ordinary delegation, so either infraction can slash it, and
// a chain may set the downtime fraction above the double-sign one; the vault must reserve for the
// larger so that a lien never loses more than its slashable amount.
func (k *Keeper) MaxSlash(ctx context.Context, _ lienholder.HolderID) (math.LegacyDec, error) {
	p, err := k.slashing.GetParams(ctx)
	if err != nil {
		return math.LegacyDec{}, err
	}
	return math.LegacyMaxDec(p.SlashFractionDoubleSign, p.SlashFractionDowntime), nil
}

// AcceptLien implements lienholder.LienHolder: the tokens the vault sent to the user's derived
// account (see CustodyAccount) are delegated to the requested validator through x/staking's Msg
// server.
func (k *Keeper) AcceptLien(ctx context.Context, req lienholder.LienRequest) error {
	if req.Amount.IsNil() || !req.Amount.IsPositive() {
		return errorsmod.Wrapf(types.ErrInvalidAmount, "stake must be positive, got %s", req.Amount)
	}
	val, err := k.valCodec.StringToBytes(req.Validator)
	if err != nil {
		return errorsmod.Wrapf(types.ErrUnknownValidator, "%q: %s", req.Validator, err)
	}
	account, err := k.ensureAccount(ctx, req.Owner)
	if err != nil {
		return err
	}
	coin, err := k.bondCoin(ctx, req.Amount)
	if err != nil {
		return err
	}
	if _, err := k.stakingMsgs.Delegate(ctx, &stakingtypes.MsgDelegate{
		DelegatorAddress: account.String(), ValidatorAddress: req.Validator, Amount: coin,
	}); err != nil {
		return errorsmod.Wrap(types.ErrStakingFailed, err.Error())
	}
	if err := k.addPrincipal(ctx, req.Owner, val, req.Amount); err != nil {
		return err
	}
	if err := k.forgetUnlessExact(ctx, req.Owner, val); err != nil {
		return err
	}
	return k.emit(ctx, &types.EventStaked{Owner: req.Owner.String(), Validator: req.Validator, Amount: req.Amount.String()})
}

// addPrincipal records amount more principal delegated to val. A validator the user holds
// nothing with yet counts against max_positions_per_user.
func (k *Keeper) addPrincipal(ctx context.Context, owner sdk.AccAddress, val sdk.ValAddress, amount math.Int) error {
	p, found, err := k.positionOf(ctx, owner, val)
	if err != nil {
		return err
	}
	if !found {
		if err := k.checkPositionLimit(ctx, owner, val); err != nil {
			return err
		}
	}
	p.Principal = p.Principal.Add(amount)
	return k.setPosition(ctx, owner, val, p)
}

// forgetUnlessExact keeps the user's valuation stamp after a delegation to val only while val's
// shares are worth exactly one token each: then x/staking's share arithmetic is exact and the
// new principal is worth what it says. Otherwise the next settlement values the user in full.
func (k *Keeper) forgetUnlessExact(ctx context.Context, owner sdk.AccAddress, val sdk.ValAddress) error {
	validator, err := k.staking.GetValidator(ctx, val)
	if err != nil {
		return errorsmod.Wrap(types.ErrUnknownValidator, err.Error())
	}
	if validator.DelegatorShares.Equal(math.LegacyNewDecFromInt(validator.Tokens)) {
		return nil
	}
	return k.forget(ctx, owner)
}

// PendingSlash implements lienholder.LienHolder: recorded principal minus what x/staking holds
// for the user now. It reads only the user's own records, and only two of them while nothing the
// user holds was slashed since the user was last found whole. Its only write is that finding (a
// stamp of the slash epoch), which changes no amount anyone can observe.
func (k *Keeper) PendingSlash(ctx context.Context, _ lienholder.HolderID, owner sdk.AccAddress) (math.Int, error) {
	clean, err := k.unchanged(ctx, owner)
	if err != nil || clean {
		return math.ZeroInt(), err
	}
	v, err := k.value(ctx, owner)
	if err != nil {
		return math.Int{}, err
	}
	loss := v.loss()
	if loss.IsZero() {
		return loss, k.stamp(ctx, owner)
	}
	return loss, nil
}

// SlashSettled implements lienholder.LienHolder: the recorded amounts drop to their worth by the
// settled amount.
func (k *Keeper) SlashSettled(ctx context.Context, _ lienholder.HolderID, owner sdk.AccAddress, amount math.Int) error {
	v, err := k.value(ctx, owner)
	if err != nil {
		return err
	}
	if err := k.rebase(ctx, v, amount); err != nil {
		return err
	}
	if v.loss().IsZero() {
		if err := k.stamp(ctx, owner); err != nil {
			return err
		}
	}
	return k.emit(ctx, &types.EventSlashSettled{Owner: owner.String(), Amount: amount.String()})
}

// bondCoin is amount of the staking denom.
func (k *Keeper) bondCoin(ctx context.Context, amount math.Int) (sdk.Coin, error) {
	denom, err := k.staking.BondDenom(ctx)
	if err != nil {
		return sdk.Coin{}, err
	}
	return sdk.NewCoin(denom, amount), nil
}
