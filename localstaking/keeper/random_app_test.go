package keeper_test

import (
	"errors"
	"fmt"
	"math/rand"
	"testing"

	"cosmossdk.io/collections"
	sdkmath "cosmossdk.io/math"
	sdk "github.com/cosmos/cosmos-sdk/types"
	"github.com/stretchr/testify/require"

	"github.com/meshsecurity/mesh/localstaking/types"
	"github.com/meshsecurity/mesh/testutil"
	vaultkeeper "github.com/meshsecurity/mesh/vault/keeper"
	vaulttypes "github.com/meshsecurity/mesh/vault/types"
)

// TestRandomisedLocalStaking runs seeded random sequences of local stakes, unstakes, losses the
// vault propagates to local stake (burns of delegations and, for stake that is unbonding, burn
// debt on the entries), one double-sign that slashes delegations and unbonding entries that
// carry debt, and maturity with release. After every step the invariants of both modules hold
// and no token was created (inflation is off and transactions pay no fees, so the supply can
// only fall).
func TestRandomisedLocalStaking(t *testing.T) {
	debtSlashed := 0
	for _, seed := range []int64{7, 11} {
		t.Run(fmt.Sprintf("seed %d", seed), func(t *testing.T) {
			if runRandomised(t, seed, 24) {
				debtSlashed++
			}
		})
	}
	require.Positive(t, debtSlashed, "some run slashed an entry that carries debt")
}

// randomRun is the state of one randomised run.
type randomRun struct {
	*env
	rnd        *rand.Rand
	holder     *testVirtualHolder
	users      []testutil.Account
	validators []testutil.Validator
	early      infraction
	slashed    bool
	// debtSlashed says the double-sign slashed entries that carry debt.
	debtSlashed bool
	supply      sdkmath.Int
}

// runRandomised runs steps random steps and then one of each kind that changes a loss, and
// reports whether the double-sign slashed an entry carrying debt.
func runRandomised(t *testing.T, seed int64, steps int) bool {
	e, holder := debtEnv(t)
	r := &randomRun{env: e, rnd: rand.New(rand.NewSource(seed)), holder: holder,
		users: e.chain.Accounts[:3], validators: e.chain.Validators[:3]}
	for _, u := range r.users {
		r.stakeLocal(u, 1_000_000, 400_000, r.validators[0].ValAddress())
		r.stakeRemote(u, 1_000_000)
	}
	r.early = r.now()
	r.supply = r.env.supply()
	for i := 0; i < steps; i++ {
		switch n := r.rnd.Intn(10); {
		case n < 3:
			r.stake()
		case n < 6:
			r.unstake()
		case n < 8:
			r.propagateLoss()
		case n < 9:
			r.doubleSignOnce()
		default:
			r.matureAndRelease()
		}
		r.chain.NextBlock()
		r.check(fmt.Sprintf("seed %d step %d", seed, i))
	}
	r.doubleSignOnce()
	r.propagateLoss()
	r.matureAndRelease()
	r.check(fmt.Sprintf("seed %d end", seed))
	return r.debtSlashed
}

// check asserts both modules' invariants and that the supply never rose.
func (r *randomRun) check(where string) {
	r.t.Helper()
	r.checkInvariants()
	supply := r.env.supply()
	require.True(r.t, supply.LTE(r.supply), "%s: supply rose from %s to %s", where, r.supply, supply)
	r.supply = supply
}

func (r *randomRun) user() testutil.Account { return r.users[r.rnd.Intn(len(r.users))] }

// stake bonds more collateral and stakes it locally with a random validator, and raises the
// user's virtual lien to the collateral, so later losses have something to propagate.
func (r *randomRun) stake() {
	u, v := r.user(), r.validators[r.rnd.Intn(len(r.validators))]
	amount := 10_000 + r.rnd.Int63n(200_000)
	require.NoError(r.t, r.deliver(u, &vaulttypes.MsgBond{Owner: u.String(), Amount: coin(amount)}))
	err := r.deliver(u, &vaulttypes.MsgStakeLocal{Owner: u.String(), Amount: coin(amount), Validator: v.ValAddress().String()})
	var txErr *testutil.TxError
	require.True(r.t, err == nil || errors.As(err, &txErr), "%v", err)
	r.stakeRemote(u, amount)
}

// stakeRemote raises the user's virtual lien by amount, as far as the collateral allows.
func (r *randomRun) stakeRemote(u testutil.Account, amount int64) {
	room := r.vaultAccount(u.Address).Collateral.Sub(r.lienOf(u.Address, testVirtualKind))
	if x := sdkmath.MinInt(room, sdkmath.NewInt(amount)); x.IsPositive() {
		require.NoError(r.t, r.deliver(u, &vaulttypes.MsgStakeRemote{Owner: u.String(), Holder: testVirtualKind,
			Amount: sdk.NewCoin(denom, x), Validator: "n/a"}))
	}
}

// lienOf is the user's lien (its high end) with the holder kind, zero when none.
func (r *randomRun) lienOf(owner sdk.AccAddress, kind string) sdkmath.Int {
	res, err := vaultkeeper.NewQueryServerImpl(r.chain.App.VaultKeeper).Liens(r.chain.Context(),
		&vaulttypes.QueryLiensRequest{Address: owner.String()})
	require.NoError(r.t, err)
	for _, l := range res.Liens {
		if l.Holder == kind {
			return l.Lien.Amount.High
		}
	}
	return sdkmath.ZeroInt()
}

// unstake queues part of a random position and lets the batch reach x/staking.
func (r *randomRun) unstake() {
	u := r.user()
	var positions []collections.Pair[sdk.AccAddress, sdk.ValAddress]
	var free []sdkmath.Int
	rng := collections.NewPrefixedPairRange[sdk.AccAddress, sdk.ValAddress](u.Address)
	require.NoError(r.t, r.chain.App.LocalStakingKeeper.Positions.Walk(r.chain.Context(), rng,
		func(key collections.Pair[sdk.AccAddress, sdk.ValAddress], p types.Position) (bool, error) {
			positions = append(positions, key)
			free = append(free, p.Principal.Sub(p.Queued))
			return false, nil
		}))
	if len(positions) == 0 {
		return
	}
	i := r.rnd.Intn(len(positions))
	if !free[i].IsPositive() {
		return
	}
	amount := 1 + r.rnd.Int63n(free[i].Int64())
	err := r.deliver(u, &types.MsgUnstake{Owner: u.String(), Validator: positions[i].K2().String(), Amount: coin(amount)})
	var txErr *testutil.TxError
	require.True(r.t, err == nil || errors.As(err, &txErr), "%v", err)
	for queuedBatchesOf(r.t, r.env) > 0 {
		r.chain.NextBlock()
	}
}

// propagateLoss gives a random user's virtual lien a loss; the vault burns what its collateral
// no longer covers from the user's local stake, as burn debt where the stake is unbonding.
func (r *randomRun) propagateLoss() {
	u := r.user()
	virtual, local := r.lienOf(u.Address, testVirtualKind), r.lienOf(u.Address, "local")
	if !virtual.IsPositive() || !local.IsPositive() {
		return
	}
	uncovered := r.vaultAccount(u.Address).Collateral.Sub(local)
	loss := sdkmath.MinInt(virtual, uncovered.AddRaw(1+r.rnd.Int63n(local.Int64())))
	r.holder.loss[u.String()] = loss
	r.chain.NextBlock()
	require.True(r.t, r.holder.loss[u.String()].IsZero(), "the crank settled the loss")
}

// doubleSignOnce proves, once per run, that a validator double-signed before every local stake
// and unbonding of the run, which slashes its delegations and unbonding entries; the validator
// whose entries carry the most burn debt is chosen, so a debted entry is slashed when one exists.
func (r *randomRun) doubleSignOnce() {
	if r.slashed {
		return
	}
	r.slashed = true
	target, most := r.validators[r.rnd.Intn(len(r.validators))], sdkmath.ZeroInt()
	for _, v := range r.validators {
		debt := sdkmath.ZeroInt()
		for _, u := range r.users {
			debt = debt.Add(r.entryDebt(u.Address, v.ValAddress()))
		}
		if debt.GT(most) {
			target, most = v, debt
		}
	}
	r.debtSlashed = most.IsPositive()
	r.doubleSign(target, r.early)
}

// matureAndRelease lets every unbonding entry complete and each user release what matured.
func (r *randomRun) matureAndRelease() {
	require.NoError(r.t, r.net.AdvanceTime(testutil.DefaultUnbondingPeriod))
	r.chain.NextBlock()
	for _, u := range r.users {
		err := r.deliver(u, &types.MsgReleaseUnbonded{Owner: u.String()})
		if err != nil {
			requireCode(r.t, err, types.ErrNothingToRelease.ABCICode())
		}
	}
}
