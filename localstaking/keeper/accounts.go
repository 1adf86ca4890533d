package keeper

import (
	"context"
	"encoding/binary"
	"errors"

	"cosmossdk.io/collections"
	errorsmod "cosmossdk.io/errors"
	sdk "github.com/cosmos/cosmos-sdk/types"
	"github.com/cosmos/cosmos-sdk/types/address"
	distrtypes "github.com/cosmos/cosmos-sdk/x/distribution/types"

	"github.com/meshsecurity/mesh/localstaking/types"
)

// maxDerivationAttempts bounds how many candidate addresses a user's account creation tries
// before giving up: each candidate someone else already created is skipped.
const maxDerivationAttempts = 16

// AccountOf returns the user's derived account, or ErrNoAccount.
func (k *Keeper) AccountOf(ctx context.Context, owner sdk.AccAddress) (sdk.AccAddress, error) {
	bz, err := k.Accounts.Get(ctx, owner)
	if errors.Is(err, collections.ErrNotFound) {
		return nil, errorsmod.Wrapf(types.ErrNoAccount, "%s", owner)
	}
	return bz, err
}

// ensureAccount returns the user's derived account, creating it on first use (DESIGN.md D10): the
// address is derived from the module name, the owner, the block height and a counter, and any
// candidate that already exists in x/auth (someone created it) is skipped, so nobody can plant an
// account the module would then use. The new account withdraws its rewards to the owner.
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
		if k.accounts.HasAccount(ctx, addr) {
			continue
		}
		return addr, k.createAccount(ctx, owner, addr)
	}
	return nil, errorsmod.Wrapf(types.ErrAccountUnavailable, "owner %s", owner)
}

// createAccount records the derived account, creates it in x/auth and points its reward
// withdrawals at the owner through x/distribution's Msg server.
func (k *Keeper) createAccount(ctx context.Context, owner, addr sdk.AccAddress) error {
	k.accounts.SetAccount(ctx, k.accounts.NewAccountWithAddress(ctx, addr))
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
