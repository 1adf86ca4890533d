package keeper_test

import (
	"context"
	"errors"
	"fmt"
	"math/rand"
	"os"
	"reflect"
	"strconv"
	"testing"
	"time"

	"cosmossdk.io/collections"
	errorsmod "cosmossdk.io/errors"
	"cosmossdk.io/math"
	sdk "github.com/cosmos/cosmos-sdk/types"
	"github.com/stretchr/testify/require"

	"github.com/meshsecurity/mesh/internal/eventattr"
	"github.com/meshsecurity/mesh/lienholder"
	vtu "github.com/meshsecurity/mesh/vault/testutil"
	"github.com/meshsecurity/mesh/vault/types"
)

// randomRun is the state of one randomised run of vault operations.
type randomRun struct {
	t        *testing.T
	f        *vtu.Fixture
	rnd      *rand.Rand
	users    []sdk.AccAddress
	holders  []lienholder.HolderID
	pending  []pendingRef
	unsettle map[string]math.Int // loss inflicted but not yet settled, per holder|user
	deposits math.Int
	withdraw math.Int
}

type pendingRef struct {
	id     uint64
	holder lienholder.HolderID
}

// TestRandomOperations runs random bonds, unbonds, local and remote stakes, commits, rollbacks,
// releases, slashes and settlements across several users, one custodial and one virtual fake
// holder (two keys), checking every invariant after every step and token conservation at the end.
// MESH_SEED fixes the seed and MESH_RANDOM_STEPS raises the step count.
func TestRandomOperations(t *testing.T) {
	seed := time.Now().UnixNano()
	if s, err := strconv.ParseInt(os.Getenv("MESH_SEED"), 10, 64); err == nil {
		seed = s
	}
	steps := 10_000
	if n, err := strconv.Atoi(os.Getenv("MESH_RANDOM_STEPS")); err == nil && n > 0 {
		steps = n
	}
	t.Logf("seed %d, %d steps (rerun with MESH_SEED=%d)", seed, steps, seed)
	defer func() {
		if t.Failed() {
			t.Logf("FAILED with seed %d: rerun with MESH_SEED=%d", seed, seed)
		}
	}()
	f := vtu.NewFixture(t, dec("0.1"))
	// ratios whose sum passes 1 make total slashable dominate, so Branch B runs too
	f.Virtual.Ratio = []math.LegacyDec{dec("0.35"), dec("0.6"), dec("0.95")}[((seed%3)+3)%3]
	r := &randomRun{
		t: t, f: f, rnd: rand.New(rand.NewSource(seed)), unsettle: map[string]math.Int{},
		holders:  []lienholder.HolderID{local, c1, c2},
		deposits: math.ZeroInt(), withdraw: math.ZeroInt(),
	}
	for i := byte(1); i <= 4; i++ {
		r.users = append(r.users, user(i))
	}
	ops := []func(){r.bond, r.bond, r.unbond, r.stakeLocal, r.stakeRemote, r.stakeRemote, r.smallStake, r.commit,
		r.commit, r.rollback, r.release, r.slash, r.slash, r.settle, r.crank, r.failingNotification,
		r.panickingCrank, r.reentrantSettle}
	for step := 0; step < steps; step++ {
		ops[r.rnd.Intn(len(ops))]()
		if err := f.Keeper.CheckInvariants(f.Ctx); err != nil {
			t.Fatalf("step %d (seed %d): %v", step, seed, err)
		}
		r.checkExposure(step)
	}
	r.checkConservation()
}

// checkExposure checks, from the stored liens alone, that what the holders can slash from each
// user (Σ ⌊amount·ratio⌋ over the liens' worst case) fits the user's collateral.
func (r *randomRun) checkExposure(step int) {
	for _, u := range r.users {
		acct, err := r.f.Keeper.Accounts.Get(r.f.Ctx, u)
		if err != nil {
			continue
		}
		exposure := math.ZeroInt()
		rng := collections.NewPrefixedPairRange[sdk.AccAddress, string](u)
		require.NoError(r.t, r.f.Keeper.Liens.Walk(r.f.Ctx, rng, func(_ collections.Pair[sdk.AccAddress, string], l types.Lien) (bool, error) {
			exposure = exposure.Add(l.Slashable.MulInt(l.Amount.High).TruncateInt())
			return false, nil
		}))
		require.True(r.t, exposure.LTE(acct.Collateral), "step %d: %s can be slashed %s on collateral %s", step, u, exposure, acct.Collateral)
	}
}

// smallStake opens a stake of one to three units, whose slashable share rounds to zero on its own:
// many of them make the per-operation rounding drift.
func (r *randomRun) smallStake() {
	u, h := r.pick(), r.holders[1+r.rnd.Intn(2)]
	amt := 1 + r.rnd.Int63n(3)
	var id uint64
	if r.run(u, func(ctx sdk.Context) error {
		res, err := r.f.Msg.StakeRemote(ctx, &types.MsgStakeRemote{Owner: u.String(), Holder: h.String(), Amount: vtu.Coin(amt), Validator: "v"})
		if err == nil {
			id = res.PendingId
		}
		return err
	}) {
		r.pending = append(r.pending, pendingRef{id: id, holder: h})
	}
}

// failingNotification runs the crank while the virtual holder's SlashSettled fails: the losses are
// applied anyway and never twice.
func (r *randomRun) failingNotification() {
	r.f.Virtual.FailSettled = errors.New("notification failed")
	defer func() { r.f.Virtual.FailSettled = nil }()
	r.crank()
}

// panickingCrank runs the crank while the custodial holder panics: the block goes on.
func (r *randomRun) panickingCrank() {
	r.f.Custodial.PanicPending = "custodial holder panic"
	defer func() { r.f.Custodial.PanicPending = nil }()
	require.NotPanics(r.t, func() { require.NoError(r.t, r.f.Keeper.EndBlock(r.f.Ctx)) })
}

// reentrantSettle settles a user while the virtual holder tries to release from SlashSettled,
// which the vault must refuse.
func (r *randomRun) reentrantSettle() {
	var refused []error
	r.f.Virtual.OnSettled = func(ctx context.Context, id lienholder.HolderID, owner sdk.AccAddress, _ math.Int) error {
		refused = append(refused, r.f.Virtual.Vault.Release(ctx, id.Key, owner, math.OneInt()))
		return nil
	}
	defer func() { r.f.Virtual.OnSettled = nil }()
	r.settle()
	for _, err := range refused {
		require.ErrorIs(r.t, err, types.ErrReentrant)
	}
}

func (r *randomRun) pick() sdk.AccAddress { return r.users[r.rnd.Intn(len(r.users))] }

func (r *randomRun) amount(max int64) int64 {
	if max <= 0 {
		return 1 + r.rnd.Int63n(5)
	}
	return 1 + r.rnd.Int63n(max)
}

// run executes op for user u in a cache context, written only on success as for a message. A
// failure must be a registered error, and the cache context it leaves (kept for inspection) must
// hold the state as it was before, or as settling u alone would have left it: a failing operation
// may settle its user first, and nothing else.
func (r *randomRun) run(u sdk.AccAddress, op func(ctx sdk.Context) error) bool {
	cacheCtx, write := r.f.Ctx.CacheContext()
	err := op(cacheCtx)
	if err == nil {
		write()
		return true
	}
	codespace, _, _ := errorsmod.ABCIInfo(err, false)
	require.NotEqual(r.t, errorsmod.UndefinedCodespace, codespace, "unregistered error %v", err)
	after := r.snapshotAt(cacheCtx)
	if reflect.DeepEqual(after, r.snapshotAt(r.f.Ctx)) {
		return false
	}
	require.NotNil(r.t, u, "failed op changed state: %v", err)
	settled, _ := r.f.Ctx.CacheContext()
	require.NoError(r.t, r.f.Keeper.Settle(settled, u))
	require.Equal(r.t, r.snapshotAt(settled), after, "failed op changed more than settling its user: %v", err)
	return false
}

// snapshotAt takes the snapshot of the state ctx sees.
func (r *randomRun) snapshotAt(ctx sdk.Context) snapshot {
	saved := r.f.Ctx
	defer func() { r.f.Ctx = saved }()
	r.f.Ctx = ctx
	return takeSnapshot(r.t, r.f, r.users...)
}

func (r *randomRun) bond() {
	u, amt := r.pick(), r.amount(1000)
	r.f.Fund(r.t, u, amt)
	if r.run(u, func(ctx sdk.Context) error {
		_, err := r.f.Msg.Bond(ctx, &types.MsgBond{Owner: u.String(), Amount: vtu.Coin(amt)})
		return err
	}) {
		r.deposits = r.deposits.AddRaw(amt)
	}
}

func (r *randomRun) unbond() {
	u := r.pick()
	amt := r.amount(r.f.Account(r.t, u).Free.Low.Int64() + 20)
	if r.run(u, func(ctx sdk.Context) error {
		_, err := r.f.Msg.Unbond(ctx, &types.MsgUnbond{Owner: u.String(), Amount: vtu.Coin(amt)})
		return err
	}) {
		r.withdraw = r.withdraw.AddRaw(amt)
	}
}

func (r *randomRun) stakeLocal() {
	u := r.pick()
	amt := r.amount(r.f.Account(r.t, u).Free.Low.Int64() + 10)
	r.run(u, func(ctx sdk.Context) error {
		_, err := r.f.Msg.StakeLocal(ctx, &types.MsgStakeLocal{Owner: u.String(), Amount: vtu.Coin(amt), Validator: "v"})
		return err
	})
}

func (r *randomRun) stakeRemote() {
	u, h := r.pick(), r.holders[1+r.rnd.Intn(2)]
	amt := r.amount(r.f.Account(r.t, u).Free.Low.Int64() + 10)
	var id uint64
	if r.run(u, func(ctx sdk.Context) error {
		res, err := r.f.Msg.StakeRemote(ctx, &types.MsgStakeRemote{Owner: u.String(), Holder: h.String(), Amount: vtu.Coin(amt), Validator: "v"})
		if err == nil {
			id = res.PendingId
		}
		return err
	}) {
		r.pending = append(r.pending, pendingRef{id: id, holder: h})
	}
}

// takePending removes and returns a random pending lien, or false if none.
func (r *randomRun) takePending() (pendingRef, bool) {
	if len(r.pending) == 0 {
		return pendingRef{}, false
	}
	i := r.rnd.Intn(len(r.pending))
	p := r.pending[i]
	r.pending = append(r.pending[:i], r.pending[i+1:]...)
	return p, true
}

func (r *randomRun) commit() {
	if p, ok := r.takePending(); ok {
		require.True(r.t, r.run(nil, func(ctx sdk.Context) error { return r.f.Virtual.Vault.CommitLien(ctx, p.holder.Key, p.id) }))
	}
}

func (r *randomRun) rollback() {
	if p, ok := r.takePending(); ok {
		require.True(r.t, r.run(nil, func(ctx sdk.Context) error { return r.f.Virtual.Vault.RollbackLien(ctx, p.holder.Key, p.id) }))
	}
}

// lien returns the settled lien of u with h as (low, high).
func (r *randomRun) lien(u sdk.AccAddress, h lienholder.HolderID) (int64, int64) {
	res, err := r.f.Query.Liens(r.f.Ctx, &types.QueryLiensRequest{Address: u.String()})
	require.NoError(r.t, err)
	for _, l := range res.Liens {
		if l.Holder == h.String() {
			return l.Lien.Amount.Low.Int64(), l.Lien.Amount.High.Int64()
		}
	}
	return 0, 0
}

func (r *randomRun) release() {
	u, h := r.pick(), r.holders[r.rnd.Intn(3)]
	low, _ := r.lien(u, h)
	amt := r.amount(low + 5)
	holder := r.f.Virtual
	if h.Kind == lienholder.KindLocal {
		holder = r.f.Custodial
	}
	r.run(u, func(ctx sdk.Context) error { return holder.Vault.Release(ctx, h.Key, u, math.NewInt(amt)) })
}

func (r *randomRun) slash() {
	u, h := r.pick(), r.holders[r.rnd.Intn(3)]
	// the holder can only lose what it holds: the stored lien less losses not settled yet
	stored, err := r.f.Keeper.Liens.Get(r.f.Ctx, joinKey(u, h))
	if err != nil {
		return
	}
	key := h.String() + "|" + u.String()
	left := stored.Amount.High.Sub(r.unsettled(key))
	if !left.IsPositive() {
		return
	}
	amt := math.NewInt(r.amount(left.Int64()))
	holder := r.f.Virtual
	if h.Kind == lienholder.KindLocal {
		holder = r.f.Custodial
	}
	require.NoError(r.t, holder.Slash(r.f.Ctx, h, u, amt))
	r.unsettle[key] = r.unsettled(key).Add(amt)
}

func (r *randomRun) unsettled(key string) math.Int {
	if v, ok := r.unsettle[key]; ok {
		return v
	}
	return math.ZeroInt()
}

func (r *randomRun) settle() {
	u := r.pick()
	require.True(r.t, r.run(u, func(ctx sdk.Context) error { return r.f.Keeper.Settle(ctx, u) }))
	r.forget(u)
}

func (r *randomRun) crank() {
	require.NoError(r.t, r.f.Keeper.EndBlock(r.f.Ctx))
	// the crank settles at most MaxSettlementsPerBlock (50) users: all of ours
	for _, u := range r.users {
		r.forget(u)
	}
}

// forget drops the test's record of u's unsettled losses once the vault settled them.
func (r *randomRun) forget(u sdk.AccAddress) {
	for _, h := range r.holders {
		delete(r.unsettle, h.String()+"|"+u.String())
	}
}

// checkConservation settles everyone and checks that every token is accounted for: what the vault
// holds, what it lent, what it burned and what the holders destroyed add up to deposits less
// withdrawals, and the custodial holder holds exactly what it was lent.
func (r *randomRun) checkConservation() {
	for _, u := range r.users {
		require.NoError(r.t, r.f.Keeper.Settle(r.f.Ctx, u))
	}
	require.NoError(r.t, r.f.Keeper.CheckInvariants(r.f.Ctx))
	lent := math.ZeroInt()
	if v, err := r.f.Keeper.Lent.Get(r.f.Ctx, local.String()); err == nil {
		lent = v
	}
	vaultBalance := r.f.ModuleBalance(types.ModuleName)
	burnedByVault := collateralBurned(r.t, r.f)
	burnedInHolders := r.f.Custodial.TotalBurned(r.f.Ctx)
	slashedInHolders := r.f.Custodial.Slashed(r.f.Ctx)
	total := vaultBalance.Add(lent).Add(burnedByVault).Add(burnedInHolders).Add(slashedInHolders)
	require.Equal(r.t, r.deposits.Sub(r.withdraw).String(), total.String(), fmt.Sprintf(
		"vault %s + lent %s + vault burns %s + holder burns %s + holder slashes %s",
		vaultBalance, lent, burnedByVault, burnedInHolders, slashedInHolders))
	require.Equal(r.t, lent.String(), r.f.ModuleBalance(vtu.CustodialModule).String(), "custodial holder holds what it was lent")
	collateral := math.ZeroInt()
	for _, u := range r.users {
		collateral = collateral.Add(r.f.Account(r.t, u).Collateral)
	}
	require.Equal(r.t, collateral.String(), vaultBalance.Add(lent).String())
}

// collateralBurned sums the vault's EventCollateralBurned amounts.
func collateralBurned(t *testing.T, f *vtu.Fixture) math.Int {
	total := math.ZeroInt()
	for _, ev := range f.Ctx.EventManager().Events() {
		if ev.Type != "meshsecurity.vault.v1.EventCollateralBurned" {
			continue
		}
		msg, err := eventattr.Parse(abciEvent(ev))
		require.NoError(t, err)
		amt, ok := math.NewIntFromString(msg.(*types.EventCollateralBurned).Amount)
		require.True(t, ok)
		total = total.Add(amt)
	}
	return total
}
