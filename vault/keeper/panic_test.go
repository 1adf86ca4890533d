package keeper_test

import (
	"strings"
	"testing"

	sdk "github.com/cosmos/cosmos-sdk/types"
	"github.com/cosmos/gogoproto/proto"
	"github.com/stretchr/testify/require"

	"github.com/meshsecurity/mesh/lienholder"
	vtu "github.com/meshsecurity/mesh/vault/testutil"
	"github.com/meshsecurity/mesh/vault/types"
)

// A holder that panics while the crank settles a user fails that user's settlement only: the block
// goes on, the failure is logged and emitted, other users settle, and an acknowledgement for the
// user still commits (the user is queued). Once the holder recovers the user settles.
func TestPanickingHolderDoesNotHaltTheCrank(t *testing.T) {
	f := vtu.NewFixture(t, dec("0.1"))
	dao, err := vtu.NewVirtualHolder(dec("0.1"), f.HolderStore, 3)
	require.NoError(t, err)
	dao.Vault, err = f.Keeper.RegisterHolder("dao", dao)
	require.NoError(t, err)
	daoID := lienholder.HolderID{Kind: "dao", Key: "x"}

	faulty, healthy := user(1), user(2)
	bonded(t, f, faulty, 100)
	bonded(t, f, healthy, 100)
	require.NoError(t, dao.Vault.CommitLien(f.Ctx, "x", stakeRemote(t, f, faulty, daoID, 50)))
	crossStake(t, f, faulty, c1, 50)
	ack := stakeRemote(t, f, faulty, c2, 10)
	stakeLocal(t, f, healthy, 100)
	require.NoError(t, f.Virtual.Slash(f.Ctx, c1, faulty, mathInt(5)))
	require.NoError(t, f.Custodial.Slash(f.Ctx, local, healthy, mathInt(10)))
	for _, u := range []sdk.AccAddress{faulty, healthy} {
		require.NoError(t, f.Virtual.Vault.QueueSettlement(f.Ctx, u))
	}
	dao.PanicPending = "dao store corrupted"

	ctx := f.Ctx.WithEventManager(sdk.NewEventManager())
	require.NotPanics(t, func() { require.NoError(t, f.Keeper.EndBlock(ctx)) })
	require.Equal(t, int64(90), storedCollateral(t, f, healthy))
	require.Equal(t, int64(100), storedCollateral(t, f, faulty))
	failures := 0
	for _, e := range ctx.EventManager().Events() {
		if e.Type == proto.MessageName(&types.EventSettlementFailed{}) {
			failures++
			require.Contains(t, eventAttr(e, "owner"), faulty.String())
			require.Contains(t, eventAttr(e, "error"), "panicked: dao store corrupted")
		}
	}
	require.Equal(t, 2, failures, "the queued pass and the round-robin pass each tried the user once")

	// an acknowledgement never fails for another holder's panic: it commits and queues the user
	require.NoError(t, f.Virtual.Vault.CommitLien(f.Ctx, c2.Key, ack))
	queued, err := f.Keeper.SettlementQueue.Has(f.Ctx, faulty)
	require.NoError(t, err)
	require.True(t, queued)

	dao.PanicPending = nil
	require.NoError(t, f.Keeper.EndBlock(f.Ctx))
	require.Equal(t, int64(95), storedCollateral(t, f, faulty))
	requireLiens(t, f, faulty, map[lienholder.HolderID][2]int64{daoID: {50, 50}, c1: {45, 45}, c2: {10, 10}})
	requireInvariants(t, f)
}

func storedCollateral(t *testing.T, f *vtu.Fixture, u sdk.AccAddress) int64 {
	t.Helper()
	a, err := f.Keeper.Accounts.Get(f.Ctx, u)
	require.NoError(t, err)
	return a.Int64()
}

func eventAttr(e sdk.Event, key string) string {
	for _, a := range e.Attributes {
		if a.Key == key {
			return strings.Trim(a.Value, `"`)
		}
	}
	return ""
}
