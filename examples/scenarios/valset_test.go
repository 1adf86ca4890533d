package scenarios_test

import (
	"encoding/base64"
	"fmt"
	"testing"
	"time"

	sdkmath "cosmossdk.io/math"
	sdk "github.com/cosmos/cosmos-sdk/types"
	slashingtypes "github.com/cosmos/cosmos-sdk/x/slashing/types"
	stakingtypes "github.com/cosmos/cosmos-sdk/x/staking/types"
	"github.com/stretchr/testify/require"

	exttypes "github.com/meshsecurity/mesh/externalstaking/types"
	"github.com/meshsecurity/mesh/lienholder"
	"github.com/meshsecurity/mesh/testutil"
	vaulttypes "github.com/meshsecurity/mesh/vault/types"
)

// joinStake is the self-delegation of the validator that joins the consumer: 10 consensus power.
var joinStake = sdkmath.NewInt(10_000_000)

// valsetRun drives the consumer's validator-set transitions with the relayer either relaying
// after every step (inOrder) or away until the end.
type valsetRun struct {
	*mesh
	inOrder bool
	joiner  testutil.Validator
	// the consumer heights of the blocks that bonded the joiner, jailed it, unjailed it and
	// took its last self-delegation away
	joinedAt, jailedAt, unjailedAt, removedAt int64
	// mergedAt is the consumer height that sent the merged update, when the relayer was away
	mergedAt int64
}

// step lets the consumer's reports of a step go out: with the relayer present, a few consumer
// blocks each followed by a relay; with it away, the blocks alone.
func (r *valsetRun) step() {
	r.t.Helper()
	for i := 0; i < 3; i++ {
		r.consumer.NextBlock()
		if r.inOrder {
			r.relay()
		}
	}
}

// pass lets d of time pass on both chains, relaying at the end only when the relayer is present.
func (r *valsetRun) pass(d time.Duration) {
	r.t.Helper()
	require.NoError(r.t, r.net.AdvanceTime(d))
	if r.inOrder {
		r.relay()
	}
}

// expect requires the provider's view of a consumer validator's status, checked only when the relayer
// relays every step (otherwise the provider has not heard yet).
func (r *valsetRun) expect(val string, want exttypes.ValidatorStatus) {
	r.t.Helper()
	if r.inOrder {
		require.Equal(r.t, want.String(), r.providerView(val).Status.String(), val)
	}
}

// join creates the joining validator with MsgCreateValidator from a funded consumer account; it
// bonds at the end of the block.
func (r *valsetRun) join() {
	r.t.Helper()
	signer, err := testutil.SeededValidator("scenario-joiner")
	require.NoError(r.t, err)
	r.joiner = testutil.Validator{Operator: r.consumer.Accounts[4], ConsSigner: signer.ConsSigner, ConsPubKey: signer.ConsPubKey}
	require.NoError(r.t, r.consumer.AddConsensusSigner(r.joiner.ConsSigner))
	msg, err := stakingtypes.NewMsgCreateValidator(r.joiner.ValAddress().String(), r.joiner.ConsPubKey,
		sdk.NewCoin(consDenom, joinStake), stakingtypes.NewDescription("joiner", "", "", "", ""),
		stakingtypes.NewCommissionRates(dec("0.1"), dec("1"), dec("1")), sdkmath.OneInt())
	require.NoError(r.t, err)
	r.deliver(r.consumer, r.joiner.Operator, msg)
	r.joinedAt = r.consumer.Height()
	r.step()
}

// jailJoiner keeps the joiner from signing until x/slashing jails it for downtime.
func (r *valsetRun) jailJoiner() {
	r.t.Helper()
	r.consumer.SetAbsent(r.joiner)
	for i := 0; i < 30 && !r.consumerValidator(r.joiner.ValAddress()).Jailed; i++ {
		r.consumer.NextBlock()
	}
	require.True(r.t, r.consumerValidator(r.joiner.ValAddress()).Jailed)
	r.jailedAt = r.consumer.Height()
	r.consumer.SetPresent(r.joiner)
	r.step()
}

// removeJoiner undelegates the joiner's whole self-delegation: it leaves the active set, and x/staking
// deletes it when its unbonding completes.
func (r *valsetRun) removeJoiner() {
	r.t.Helper()
	ctx := r.consumer.Context()
	del, err := r.consumer.App.StakingKeeper.GetDelegation(ctx, r.joiner.Operator.Address, r.joiner.ValAddress())
	require.NoError(r.t, err)
	tokens := r.consumerValidator(r.joiner.ValAddress()).TokensFromShares(del.Shares).TruncateInt()
	r.deliver(r.consumer, r.joiner.Operator, stakingtypes.NewMsgUndelegate(r.joiner.Operator.String(),
		r.joiner.ValAddress().String(), sdk.NewCoin(consDenom, tokens)))
	r.removedAt = r.consumer.Height()
	r.step()
}

// consumerValidator reads a validator from the consumer's x/staking.
func (m *mesh) consumerValidator(val sdk.ValAddress) stakingtypes.Validator {
	m.t.Helper()
	v, err := m.consumer.App.StakingKeeper.GetValidator(m.consumer.Context(), val)
	require.NoError(m.t, err)
	return v
}

// transitions runs the consumer's validator-set changes: a validator joins, is jailed for
// downtime, is unjailed, and is finally removed (fully unbonded, then deleted); a genesis
// validator is tombstoned for double-signing. Once they are over, a provider user cross-stakes on
// two untouched validators and on the removed joiner, which is refused: by the provider when it
// knows, by the consumer when the provider still takes the joiner for active. It returns what the
// provider ends up seeing.
func transitions(t *testing.T, inOrder bool) (*valsetRun, map[string]string) {
	r := &valsetRun{mesh: newMesh(t), inOrder: inOrder}
	u := r.provider.Accounts[0]
	r.join()
	joiner := r.joiner.ValAddress().String()
	require.Equal(t, stakingtypes.Bonded, r.consumerValidator(r.joiner.ValAddress()).Status)
	r.expect(joiner, exttypes.VALIDATOR_STATUS_ACTIVE)

	r.jailJoiner()
	r.expect(joiner, exttypes.VALIDATOR_STATUS_JAILED)
	r.pass(11 * time.Minute) // x/slashing's jail duration is 10 minutes
	r.deliver(r.consumer, r.joiner.Operator, &slashingtypes.MsgUnjail{ValidatorAddr: joiner})
	r.unjailedAt = r.consumer.Height()
	r.step()
	require.Equal(t, stakingtypes.Bonded, r.consumerValidator(r.joiner.ValAddress()).Status)
	r.expect(joiner, exttypes.VALIDATOR_STATUS_ACTIVE)

	require.NoError(t, r.consumer.InjectDoubleSign(r.consumer.Validators[2]))
	r.step()
	r.expect(r.cval(2), exttypes.VALIDATOR_STATUS_TOMBSTONED)

	r.removeJoiner()
	r.expect(joiner, exttypes.VALIDATOR_STATUS_UNBONDED)
	r.pass(11 * time.Minute) // the consumer's unbonding period is 10 minutes
	_, err := r.consumer.App.StakingKeeper.GetValidator(r.consumer.Context(), r.joiner.ValAddress())
	require.ErrorIs(t, err, stakingtypes.ErrNoValidatorFound, "deleted")
	r.expect(joiner, exttypes.VALIDATOR_STATUS_UNBONDED)

	r.deliver(r.provider, u, &vaulttypes.MsgBond{Owner: u.String(), Amount: sdk.NewInt64Coin(provDenom, 3_000)})
	for _, i := range []int{1, 3} {
		r.deliver(r.provider, u, &vaulttypes.MsgStakeRemote{Owner: u.String(), Holder: holder, Amount: sdk.NewInt64Coin(provDenom, 1_000), Validator: r.cval(i)})
	}
	toJoiner := &vaulttypes.MsgStakeRemote{Owner: u.String(), Holder: holder, Amount: sdk.NewInt64Coin(provDenom, 1_000), Validator: joiner}
	if inOrder {
		// the provider knows the joiner left: it refuses the stake itself
		_, _, err := r.provider.DeliverTx(u, toJoiner)
		r.requireRefused(err, lienholder.ErrLienRefused)
		r.relay()
	} else {
		require.Equal(t, exttypes.VALIDATOR_STATUS_UNKNOWN, r.providerView(joiner).Status, "nothing relayed yet")
		require.Equal(t, exttypes.VALIDATOR_STATUS_ACTIVE, r.providerView(r.cval(2)).Status, "nothing relayed yet")
		// the relayer delivers the first update only: the provider sees the joiner active and
		// takes a stake on it, which the consumer, where the joiner no longer exists, refuses
		r.relayFrom(r.consumer)
		// its acknowledgement's block sent the merged update
		r.mergedAt = r.consumer.Height()
		require.Equal(t, exttypes.VALIDATOR_STATUS_ACTIVE, r.providerView(joiner).Status)
		r.deliver(r.provider, u, toJoiner)
		require.Equal(t, "0-1000", r.stake(u, joiner))
		require.Equal(t, "0-3000", span(r.account(u).Free), "three stakes pending")
		r.relayReversed()
	}
	require.Equal(t, "0-0", r.stake(u, joiner), "rolled back")
	acc := r.account(u)
	require.Equal(t, "3000 2000-2000 1000-1000", acc.Collateral.String()+" "+span(acc.MaxLien)+" "+span(acc.Free))
	seen := map[string]string{}
	for _, val := range []string{r.cval(0), r.cval(1), r.cval(2), r.cval(3), joiner} {
		seen[val] = r.providerView(val).Status.String()
	}
	require.Equal(t, "1000-1000 1000-1000", r.stake(u, r.cval(1))+" "+r.stake(u, r.cval(3)))
	return r, seen
}

// relayReversed is a relayer that delivers, round after round, every pending packet newest first
// and then every pending acknowledgement newest first, until nothing is pending.
func (m *mesh) relayReversed() {
	m.t.Helper()
	for round := 0; round < 20; round++ {
		packets := m.link.PendingPackets()
		acks := append(m.provider.PendingAcks(), m.consumer.PendingAcks()...)
		if len(packets)+len(acks) == 0 {
			return
		}
		for i := len(packets) - 1; i >= 0; i-- {
			require.NoError(m.t, m.link.ReceivePacket(packets[i]))
		}
		acks = append(m.provider.PendingAcks(), m.consumer.PendingAcks()...)
		for i := len(acks) - 1; i >= 0; i-- {
			require.NoError(m.t, m.link.RelayAck(acks[i]))
		}
	}
	m.t.Fatal("packets still pending after 20 rounds")
}

// TestValsetTransitionsReachTheProvider runs the consumer's validator-set transitions twice: with
// the relayer relaying after every step, checking the provider's view of each validator as it
// changes, and with the relayer away until the end and then delivering everything newest first.
// The converter keeps one valset_update of a pairing in flight and merges what happens meanwhile
// into the next, so the late relayer delivers the first update (the joiner's addition) before the
// provider's stake packets, in reverse, and the merged rest after its acknowledgement: there the
// unjailing has cancelled the jailing, and the final removal the re-addition. Both runs end with
// the same statuses, and the provider pins the joiner's consensus key.
func TestValsetTransitionsReachTheProvider(t *testing.T) {
	r, seen := transitions(t, true)
	joiner := r.joiner.ValAddress().String()
	want := map[string]string{
		r.cval(0): exttypes.VALIDATOR_STATUS_ACTIVE.String(), r.cval(1): exttypes.VALIDATOR_STATUS_ACTIVE.String(),
		r.cval(2): exttypes.VALIDATOR_STATUS_TOMBSTONED.String(), r.cval(3): exttypes.VALIDATOR_STATUS_ACTIVE.String(),
		joiner: exttypes.VALIDATOR_STATUS_UNBONDED.String(),
	}
	require.Equal(t, want, seen)
	key := base64.StdEncoding.EncodeToString(r.joiner.ConsPubKey.Bytes())
	v := r.providerView(joiner).Validator
	require.Equal(t, key, v.PubKey)
	// the consumer reports each change in the block it happens in, and the provider records a
	// report at its height plus one
	require.Equal(t, heights(r.joinedAt+1, r.unjailedAt+1, r.jailedAt+1, r.removedAt+1), heightsOf(v),
		"key pinned at the join, added again at the unjailing, jailed, removed")
	// x/staking burned 1% of the joiner's 10 power and 5% of validator 2's 100 (10^6 tokens each)
	r.check(ints(0), ints(100_000+5_000_000))

	r, seen = transitions(t, false)
	require.Equal(t, want, seen)
	v = r.providerView(joiner).Validator
	require.Equal(t, key, v.PubKey)
	require.Equal(t, heights(r.joinedAt+1, r.joinedAt+1, 0, r.mergedAt+1), heightsOf(v),
		"added at the join, then removed in the merged update, which cancelled the jailing")
	r.check(ints(0), ints(100_000+5_000_000))
}

// heights writes the heights the provider records for a consumer validator.
func heights(pubKey, added, jailed, removed int64) string {
	return fmt.Sprintf("key %d added %d jailed %d removed %d", pubKey, added, jailed, removed)
}

// heightsOf writes the heights the provider recorded for v.
func heightsOf(v exttypes.Validator) string {
	return heights(int64(v.PubKeyHeight), int64(v.AddedHeight), int64(v.JailedHeight), int64(v.RemovedHeight))
}
