package keeper_test

import (
	"errors"
	"fmt"
	"math/rand"
	"os"
	"strconv"
	"strings"
	"testing"

	"cosmossdk.io/collections"
	sdkmath "cosmossdk.io/math"
	sdk "github.com/cosmos/cosmos-sdk/types"
	"github.com/stretchr/testify/require"

	"github.com/meshsecurity/mesh/lienholder"
	"github.com/meshsecurity/mesh/localstaking/types"
	"github.com/meshsecurity/mesh/testutil"
	vaultkeeper "github.com/meshsecurity/mesh/vault/keeper"
	vaulttypes "github.com/meshsecurity/mesh/vault/types"
)

// TestRandomisedLocalStaking runs seeded random sequences of local stakes, unstakes, losses the
// vault propagates to local stake (burns of delegations and liquid principal and, for stake that
// is unbonding, burn debt on the entries), one double-sign that slashes delegations and unbonding
// entries that carry debt, maturity without release, and maturity with release. After every step
// the invariants of both modules hold, each user's local lien equals the principal local staking
// records for the user less what is pending, the tokens held for the user cover it, and the
// supply fell by exactly what was burned (inflation is off and transactions pay no fees): the
// propagated burns, the burn debt paid, and x/staking's slash, less the debt that slash absorbed.
// MESH_SEED runs one seed and MESH_RANDOM_STEPS sets the steps per run.
func TestRandomisedLocalStaking(t *testing.T) {
	seeds, steps := []int64{7, 11, 14, 25, 42}, 24
	if s, err := strconv.ParseInt(os.Getenv("MESH_SEED"), 10, 64); err == nil {
		seeds = []int64{s}
	}
	if n, err := strconv.Atoi(os.Getenv("MESH_RANDOM_STEPS")); err == nil && n > 0 {
		steps = n
	}
	debtSlashed := 0
	for _, seed := range seeds {
		t.Run(fmt.Sprintf("seed %d", seed), func(t *testing.T) {
			defer func() {
				if t.Failed() {
					t.Logf("rerun with MESH_SEED=%d MESH_RANDOM_STEPS=%d", seed, steps)
				}
			}()
			slashedDebt := runRandomised(t, seed, steps)
			t.Logf("seed %d, %d steps, the double-sign slashed debted entries: %v", seed, steps, slashedDebt)
			if slashedDebt {
				debtSlashed++
			}
		})
	}
	if len(seeds) > 1 {
		require.Positive(t, debtSlashed, "some run slashed an entry that carries debt")
	}
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
	// supply and debt are the bond denom's supply and the burn debt recorded on every entry
	// after the last step.
	supply, debt sdkmath.Int
	// burned is what the vault burned of the collateral it holds and asked local staking to burn
	// in this step (EventCollateralBurned, EventStakeBurned), and stakingBurn what x/staking's
	// slash destroyed in it.
	burned, stakingBurn sdkmath.Int
	// absorbed is what left the books without being destroyed by a burn so far: debt x/staking's
	// slash absorbed, and share rounding of unbond-and-burn after the slash. absorbable is its
	// bound: the slash fraction of the debt on the slashed validator's entries, rounded up per
	// entry, and one token per validator for each burn after the slash.
	absorbed, absorbable sdkmath.Int
}

// runRandomised runs steps random steps, then the double-sign if it did not happen, an unstake
// of every user that matures unreleased, a loss for every user, and a release; it reports
// whether the double-sign slashed an entry carrying debt.
func runRandomised(t *testing.T, seed int64, steps int) bool {
	e, holder := debtEnv(t)
	r := &randomRun{env: e, rnd: rand.New(rand.NewSource(seed)), holder: holder,
		users: e.chain.Accounts[:3], validators: e.chain.Validators[:3],
		burned: sdkmath.ZeroInt(), stakingBurn: sdkmath.ZeroInt(), absorbed: sdkmath.ZeroInt(), absorbable: sdkmath.ZeroInt()}
	for _, u := range r.users {
		r.stakeLocal(u, 1_000_000, 400_000, r.validators[0].ValAddress())
		r.stakeRemote(u, 1_000_000)
	}
	r.early = r.now()
	r.supply, r.debt = r.env.supply(), r.totalDebt()
	for i := 0; i < steps; i++ {
		switch n := r.rnd.Intn(12); {
		case n < 3:
			r.stake()
		case n < 6:
			r.unstake()
		case n < 9:
			r.propagateLoss()
		case n < 10:
			r.doubleSignOnce()
		case n < 11:
			r.mature()
		default:
			r.matureAndRelease()
		}
		r.chain.NextBlock()
		r.check(fmt.Sprintf("seed %d step %d", seed, i))
	}
	r.doubleSignOnce()
	r.check(fmt.Sprintf("seed %d final slash", seed))
	// Every user unbonds part of a stake and lets it mature unreleased; a loss then burns the
	// liquid principal first.
	for _, u := range r.users {
		r.unstakeOf(u)
	}
	r.mature()
	r.check(fmt.Sprintf("seed %d final maturity", seed))
	for i, u := range r.users {
		r.propagateLossOf(u)
		r.chain.NextBlock()
		r.check(fmt.Sprintf("seed %d final loss %d", seed, i))
	}
	r.matureAndRelease()
	r.check(fmt.Sprintf("seed %d end", seed))
	return r.debtSlashed
}

// check asserts both modules' invariants, each user's lien against local staking's records and
// holdings, and that the supply fell by exactly what the step burned.
func (r *randomRun) check(where string) {
	r.t.Helper()
	r.checkInvariants()
	for _, u := range r.users {
		r.checkUser(where, u.Address)
	}
	supply, debt := r.env.supply(), r.totalDebt()
	// Destroyed: the vault's burns and the propagated burns less the part recorded as debt, the
	// debt paid, and x/staking's slash; debt that left the books unpaid was absorbed by the slash.
	absorbed := r.burned.Add(r.debt).Sub(debt).Add(r.stakingBurn).Sub(r.supply.Sub(supply))
	require.False(r.t, absorbed.IsNegative(), "%s: supply %s -> %s burned more than the protocol says (%s propagated, "+
		"debt %s -> %s, x/staking %s)", where, r.supply, supply, r.burned, r.debt, debt, r.stakingBurn)
	r.absorbed = r.absorbed.Add(absorbed)
	require.True(r.t, r.absorbed.LTE(r.absorbable), "%s: %s left the books unburned, at most %s was slashed or rounded",
		where, r.absorbed, r.absorbable)
	r.supply, r.debt = supply, debt
	r.burned, r.stakingBurn = sdkmath.ZeroInt(), sdkmath.ZeroInt()
}

// checkUser asserts that the user's local lien (as the vault reports it, settled) equals the
// principal local staking records for the user (delegated, unbonding net of debt, liquid) less
// the loss it reports pending, and that the tokens held for the user cover the lien and the debt.
func (r *randomRun) checkUser(where string, owner sdk.AccAddress) {
	r.t.Helper()
	ctx := r.chain.Context()
	k := r.chain.App.LocalStakingKeeper
	account, err := k.AccountOf(ctx, owner)
	if errors.Is(err, types.ErrNoAccount) {
		return
	}
	require.NoError(r.t, err)
	principal, held := sdkmath.ZeroInt(), r.balance(account)
	vals := map[string]sdk.ValAddress{}
	rng := collections.NewPrefixedPairRange[sdk.AccAddress, sdk.ValAddress](owner)
	require.NoError(r.t, k.Positions.Walk(ctx, rng, func(key collections.Pair[sdk.AccAddress, sdk.ValAddress], p types.Position) (bool, error) {
		principal = principal.Add(p.Principal)
		vals[key.K2().String()] = key.K2()
		return false, nil
	}))
	debt := sdkmath.ZeroInt()
	urng := collections.NewPrefixedTripleRange[sdk.AccAddress, sdk.ValAddress, int64](owner)
	require.NoError(r.t, k.Unbondings.Walk(ctx, urng, func(key collections.Triple[sdk.AccAddress, sdk.ValAddress, int64], u types.Unbonding) (bool, error) {
		principal = principal.Add(u.Principal)
		if !u.BurnDebt.IsNil() {
			principal, debt = principal.Sub(u.BurnDebt), debt.Add(u.BurnDebt)
		}
		vals[key.K2().String()] = key.K2()
		return false, nil
	}))
	if h, err := k.Holdings.Get(ctx, owner); err == nil {
		principal = principal.Add(h.Liquid)
	}
	for _, val := range vals {
		held = held.Add(r.delegationWorth(account, val))
		if ubd, err := r.chain.App.StakingKeeper.GetUnbondingDelegation(ctx, account, val); err == nil {
			for _, entry := range ubd.Entries {
				held = held.Add(entry.Balance)
			}
		}
	}
	cached, _ := ctx.CacheContext()
	pending, err := k.PendingSlash(cached, lienholder.HolderID{Kind: lienholder.KindLocal}, owner)
	require.NoError(r.t, err)
	lien := r.lienOf(owner, lienholder.KindLocal)
	require.Equal(r.t, principal.Sub(pending).String(), lien.String(), "%s: %s's local lien against recorded principal %s, "+
		"pending %s", where, owner, principal, pending)
	require.True(r.t, held.GTE(lien.Add(debt)), "%s: %s holds %s for a lien of %s and debt of %s", where, owner, held, lien, debt)
}

// totalDebt is the burn debt recorded on every user's entries.
func (r *randomRun) totalDebt() sdkmath.Int {
	total := sdkmath.ZeroInt()
	for _, u := range r.users {
		for _, v := range r.validators {
			total = total.Add(r.entryDebt(u.Address, v.ValAddress()))
		}
	}
	return total
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
func (e *env) lienOf(owner sdk.AccAddress, kind string) sdkmath.Int {
	res, err := vaultkeeper.NewQueryServerImpl(e.chain.App.VaultKeeper).Liens(e.chain.Context(),
		&vaulttypes.QueryLiensRequest{Address: owner.String()})
	require.NoError(e.t, err)
	for _, l := range res.Liens {
		if l.Holder == kind {
			return l.Lien.Amount.High
		}
	}
	return sdkmath.ZeroInt()
}

// unstake queues part of a random position and lets the batch reach x/staking.
func (r *randomRun) unstake() { r.unstakeOf(r.user()) }

// unstakeOf queues part of a random position of u and lets the batch reach x/staking.
func (r *randomRun) unstakeOf(u testutil.Account) {
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
func (r *randomRun) propagateLoss() { r.propagateLossOf(r.user()) }

// propagateLossOf gives u's virtual lien a loss that the vault propagates to local stake.
func (r *randomRun) propagateLossOf(u testutil.Account) {
	virtual, local := r.lienOf(u.Address, testVirtualKind), r.lienOf(u.Address, "local")
	if !virtual.IsPositive() || !local.IsPositive() {
		return
	}
	uncovered := r.vaultAccount(u.Address).Collateral.Sub(local)
	loss := sdkmath.MinInt(virtual, uncovered.AddRaw(1+r.rnd.Int63n(local.Int64())))
	r.holder.loss[u.String()] = loss
	res := r.chain.NextBlock()
	require.True(r.t, r.holder.loss[u.String()].IsZero(), "the crank settled the loss")
	for _, ev := range typedEvents(r.t, res.Events, &types.EventStakeBurned{}) {
		r.burned = r.burned.Add(r.amountOf(ev.(*types.EventStakeBurned).Amount))
		if r.slashed {
			// After a slash a validator's shares are worth a fraction of a token, so an
			// unbond-and-burn of x may leave up to one token of x in the validator's pool.
			r.absorbable = r.absorbable.AddRaw(int64(len(r.validators)))
		}
	}
	for _, ev := range typedEvents(r.t, res.Events, &vaulttypes.EventCollateralBurned{}) {
		r.burned = r.burned.Add(r.amountOf(ev.(*vaulttypes.EventCollateralBurned).Amount))
	}
}

// amountOf parses an event's amount of the bond denom.
func (r *randomRun) amountOf(amount string) sdkmath.Int {
	x, ok := sdkmath.NewIntFromString(strings.TrimSuffix(amount, denom))
	require.True(r.t, ok, "amount %q", amount)
	return x
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
			debt = debt.Add(r.liveDebt(u.Address, v.ValAddress(), sdkmath.LegacyOneDec()))
		}
		if debt.GT(most) {
			target, most = v, debt
		}
	}
	r.debtSlashed = most.IsPositive()
	for _, u := range r.users {
		r.absorbable = r.absorbable.Add(r.liveDebt(u.Address, target.ValAddress(), fivePercent))
	}
	power := r.doubleSign(target, r.early)
	// x/staking destroys the fraction of the stake behind the power, from entries and the validator.
	r.stakingBurn = r.chain.App.StakingKeeper.TokensFromConsensusPower(r.chain.Context(), power).
		ToLegacyDec().Mul(fivePercent).TruncateInt()
}

// liveDebt is the fraction of the debt on each of the user's entries with val that x/staking
// has not completed, rounded up per entry: x/staking slashes only those.
func (r *randomRun) liveDebt(owner sdk.AccAddress, val sdk.ValAddress, fraction sdkmath.LegacyDec) sdkmath.Int {
	total, now := sdkmath.ZeroInt(), r.chain.LastBlockTime()
	rng := collections.NewSuperPrefixedTripleRange[sdk.AccAddress, sdk.ValAddress, int64](owner, val)
	require.NoError(r.t, r.chain.App.LocalStakingKeeper.Unbondings.Walk(r.chain.Context(), rng,
		func(_ collections.Triple[sdk.AccAddress, sdk.ValAddress, int64], u types.Unbonding) (bool, error) {
			if !u.BurnDebt.IsNil() && u.CompletionTime.After(now) {
				total = total.Add(u.BurnDebt.ToLegacyDec().Mul(fraction).Ceil().TruncateInt())
			}
			return false, nil
		}))
	return total
}

// mature lets every unbonding entry complete without releasing it, so its tokens wait in the
// derived account as liquid principal.
func (r *randomRun) mature() {
	require.NoError(r.t, r.net.AdvanceTime(testutil.DefaultUnbondingPeriod))
	r.chain.NextBlock()
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
