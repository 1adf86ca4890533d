package keeper_test

import (
	"encoding/binary"
	"testing"

	"github.com/cosmos/cosmos-sdk/crypto/keys/secp256k1"
	sdk "github.com/cosmos/cosmos-sdk/types"
	"github.com/cosmos/cosmos-sdk/types/address"
	authtypes "github.com/cosmos/cosmos-sdk/x/auth/types"
	"github.com/stretchr/testify/require"

	"github.com/meshsecurity/mesh/localstaking/types"
	vaulttypes "github.com/meshsecurity/mesh/vault/types"
)

// candidates are the 16 addresses a user's derived account may take in the next block.
func (e *env) candidates(owner sdk.AccAddress) []sdk.AccAddress {
	height := make([]byte, 8)
	binary.BigEndian.PutUint64(height, uint64(e.chain.Height()+1))
	out := make([]sdk.AccAddress, 16)
	for i := range out {
		out[i] = address.Module(types.ModuleName, owner, height, []byte{byte(i)})
	}
	return out
}

// TestPlantedCandidatesAreAdopted: someone sends 1 token to each of the 16 candidate addresses
// of a user's derived account before the user's first local stake. The stake still succeeds: the
// first candidate, a plain account nobody has a key for, is adopted, and the token found there
// is paid to the owner, not counted as principal.
func TestPlantedCandidatesAreAdopted(t *testing.T) {
	e := newEnv(t)
	user, attacker := e.chain.Accounts[0], e.chain.Accounts[1]
	val := e.chain.Validators[0].ValAddress()
	require.NoError(t, e.deliver(user, &vaulttypes.MsgBond{Owner: user.String(), Amount: coin(1_000_000)}))
	candidates := e.candidates(user.Address)
	for _, c := range candidates {
		require.NoError(t, e.chain.App.BankKeeper.SendCoins(e.chain.Context(), attacker.Address, c, sdk.NewCoins(coin(1))))
	}
	before := e.balance(user.Address)
	require.NoError(t, e.deliver(user, &vaulttypes.MsgStakeLocal{Owner: user.String(), Amount: coin(400_000), Validator: val.String()}))
	require.Equal(t, candidates[0], e.account(user.Address), "the first candidate was adopted")
	require.Equal(t, before.AddRaw(1), e.balance(user.Address), "the planted token went to the owner")
	require.True(t, e.balance(candidates[0]).IsZero())
	require.Equal(t, int64(400_000), e.delegationWorth(candidates[0], val).Int64())
	require.Equal(t, int64(400_000), e.vaultAccount(user.Address).MaxLien.High.Int64())
	e.chain.NextBlock()
	e.checkInvariants()
}

// TestCandidatesWithKeysOrOtherTypesAreSkipped: a candidate with a public key, one that has
// signed (sequence 1) and one of another account type are never adopted; the first plain one is.
func TestCandidatesWithKeysOrOtherTypesAreSkipped(t *testing.T) {
	e := newEnv(t)
	user := e.chain.Accounts[0]
	val := e.chain.Validators[0].ValAddress()
	require.NoError(t, e.deliver(user, &vaulttypes.MsgBond{Owner: user.String(), Amount: coin(1_000_000)}))
	ctx, ak := e.chain.Context(), e.chain.App.AccountKeeper
	c := e.candidates(user.Address)
	withKey := authtypes.NewBaseAccount(c[0], secp256k1.GenPrivKey().PubKey(), ak.NextAccountNumber(ctx), 0)
	ak.SetAccount(ctx, withKey)
	signed := authtypes.NewBaseAccount(c[1], nil, ak.NextAccountNumber(ctx), 1)
	ak.SetAccount(ctx, signed)
	module := authtypes.NewModuleAccount(authtypes.NewBaseAccount(c[2], nil, ak.NextAccountNumber(ctx), 0), "planted")
	ak.SetAccount(ctx, module)
	ak.SetAccount(ctx, ak.NewAccountWithAddress(ctx, c[3]))

	require.NoError(t, e.deliver(user, &vaulttypes.MsgStakeLocal{Owner: user.String(), Amount: coin(400_000), Validator: val.String()}))
	require.Equal(t, c[3], e.account(user.Address))
	for _, skipped := range c[:3] {
		_, err := e.chain.App.LocalStakingKeeper.Owners.Get(e.chain.Context(), skipped)
		require.Error(t, err, "%s is not a derived account", skipped)
		require.True(t, e.delegationWorth(skipped, val).IsZero())
	}
	require.Equal(t, int64(400_000), e.delegationWorth(c[3], val).Int64())
	e.chain.NextBlock()
	e.checkInvariants()
}
