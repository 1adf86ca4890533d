package keeper

import (
	"context"
	"encoding/binary"
	"errors"

	"cosmossdk.io/collections"
	errorsmod "cosmossdk.io/errors"
	sdk "github.com/cosmos/cosmos-sdk/types"
	"github.com/cosmos/cosmos-sdk/types/address"
	authtypes "github.com/cosmos/cosmos-sdk/x/auth/types"
	distrtypes "github.com/cosmos/cosmos-sdk/x/distribution/types"

	"github.com/meshsecurity/mesh/localstaking/types"
)

// maxDerivationAttempts bounds how many candidate addresses a user's account creation tries
// before giving up: each candidate that exists and cannot be adopted is skipped.
const maxDerivationAttempts = 16

// AccountOf returns the user's derived account, or ErrNoAccount.
func (k *Keeper) AccountOf(ctx context.Context, owner sdk.AccAddress) (sdk.AccAddress, error) {
	bz, err := k.Accounts.Get(ctx, owner)
	if errors.Is(err, collections.ErrNotFound) {
		return nil, errorsmod.Wrapf(types.ErrNoAccount, "%s", owner)
	}
	return bz, err
}

// ensureAccount returns the user's derived account, creating it on first use: the address is
// derived from the module name, the owner, the block height and a counter. Since those are public,
// anyone can create a candidate first by sending it tokens; such a plain account (a BaseAccount
// with no public key and sequence 0, so nobody holds its key or ever signed for it) is adopted,
// and whatever it holds is paid to the owner. A candidate of any other kind or with a key is
// skipped for the next counter. The account withdraws its rewards to the owner.
func (k *Keeper) ensureAccount(ctx context.Context, owner sdk.AccAddress) (sdk.AccAddress, error) {
	if acc, err := k.AccountOf(ctx, owner); err == nil {
		return acc, nil
	} else if !errors.Is(err, types.ErrNoAccount) {
		return nil, err
	}
	height := make([]byte, 8)
	binary.BigEndian.PutUint64(height, uint64(sdk.UnwrapSDKContext(ctx).BlockHeight()))
	for nonce := byte(0); nonce < maxDerivationAttempts; nonce++ {
		addr := sdk.AccAddress(address.Module(types.ModuleName, owner, height, []byte{nonce}))
		existing := k.accounts.GetAccount(ctx, addr)
		if existing == nil {
			k.accounts.SetAccount(ctx, k.accounts.NewAccountWithAddress(ctx, addr))
			return addr, k.createAccount(ctx, owner, addr)
		}
		adoptable, err := k.adoptable(ctx, existing)
		if err != nil {
			return nil, err
		}
		if adoptable {
			return addr, k.adopt(ctx, owner, addr)
		}
	}
	return nil, errorsmod.Wrapf(types.ErrAccountUnavailable, "owner %s", owner)
}

// adoptable reports whether an existing account at a candidate address can become a derived
// account: a plain BaseAccount nobody has a key for (no public key, sequence 0) that no user owns.
func (k *Keeper) adoptable(ctx context.Context, acc sdk.AccountI) (bool, error) {
	base, plain := acc.(*authtypes.BaseAccount)
	if !plain || base.GetPubKey() != nil || base.GetSequence() != 0 {
		return false, nil
	}
	owned, err := k.Owners.Has(ctx, base.GetAddress())
	return !owned, err
}

// adopt makes an existing plain account the user's derived account and pays whatever it holds to
// the owner: tokens found there are nobody's principal.
func (k *Keeper) adopt(ctx context.Context, owner, addr sdk.AccAddress) error {
	if found := k.bank.GetAllBalances(ctx, addr); !found.IsZero() {
		if err := k.bank.SendCoins(ctx, addr, owner, found); err != nil {
			return errorsmod.Wrap(types.ErrRewardsFailed, err.Error())
		}
	}
	return k.createAccount(ctx, owner, addr)
}

// createAccount records the derived account (which exists in x/auth) and points its reward
// withdrawals at the owner through x/distribution's Msg server.
func (k *Keeper) createAccount(ctx context.Context, owner, addr sdk.AccAddress) error {
	if err := k.Accounts.Set(ctx, owner, addr); err != nil {
		return err
	}
	if err := k.Owners.Set(ctx, addr, owner); err != nil {
		return err
	}
	if err := k.withdrawToOwner(ctx, owner, addr); err != nil {
		return err
	}
	return k.emit(ctx, &types.EventAccountCreated{Owner: owner.String(), Account: addr.String()})
}

// withdrawToOwner makes the owner the account's reward withdraw address. A chain that disables
// withdraw addresses (x/distribution's withdraw_addr_enabled) refuses, and that refusal is
// accepted: rewards then land in the account itself and WithdrawRewards forwards them.
func (k *Keeper) withdrawToOwner(ctx context.Context, owner, addr sdk.AccAddress) error {
	_, err := k.distrMsgs.SetWithdrawAddress(ctx, &distrtypes.MsgSetWithdrawAddress{
		DelegatorAddress: addr.String(), WithdrawAddress: owner.String(),
	})
	if err != nil && !errors.Is(err, distrtypes.ErrSetWithdrawAddrDisabled) {
		return errorsmod.Wrap(types.ErrRewardsFailed, err.Error())
	}
	return nil
}
