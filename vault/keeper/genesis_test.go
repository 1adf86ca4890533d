package keeper_test

import (
	"errors"
	stdmath "math"
	"strings"
	"testing"

	"cosmossdk.io/collections"
	"cosmossdk.io/math"
	"github.com/stretchr/testify/require"

	"github.com/meshsecurity/mesh/lienholder"
	vtu "github.com/meshsecurity/mesh/vault/testutil"
	"github.com/meshsecurity/mesh/vault/types"
)

// TestGenesisRoundTrip exports a busy state, imports it into a fresh keeper, and exports again:
// both exports must be identical and the imported state must keep every invariant.
func TestGenesisRoundTrip(t *testing.T) {
	f := vtu.NewFixture(t, dec("0.1"))
	u1, u2 := user(1), user(2)
	bonded(t, f, u1, 500)
	bonded(t, f, u2, 300)
	stakeLocal(t, f, u1, 200)
	crossStake(t, f, u1, c1, 150)
	stakeRemote(t, f, u1, c2, 40)
	stakeRemote(t, f, u2, c1, 100)
	require.NoError(t, f.Virtual.Vault.QueueSettlement(f.Ctx, u2))
	require.NoError(t, f.Keeper.EndBlock(f.Ctx))
	require.NoError(t, f.Virtual.Vault.QueueSettlement(f.Ctx, u1))

	exported, err := f.Keeper.ExportGenesis(f.Ctx)
	require.NoError(t, err)
	require.NoError(t, exported.Validate())
	require.Len(t, exported.PendingLiens, 2)
	require.Equal(t, uint64(4), exported.NextPendingId)
	require.NotEmpty(t, exported.CrankCursor)
	require.Equal(t, u2.String(), exported.QueueCursor, "the queued pass last tried u2")

	g := vtu.NewFixture(t, dec("0.1"))
	require.NoError(t, g.Keeper.InitGenesis(g.Ctx, *exported))
	again, err := g.Keeper.ExportGenesis(g.Ctx)
	require.NoError(t, err)
	require.Equal(t, exported, again)

	// the imported vault keeps working: the next pending id continues the sequence
	res, err := g.Msg.StakeRemote(g.Ctx, &types.MsgStakeRemote{Owner: u2.String(), Holder: c2.String(), Amount: vtu.Coin(10), Validator: "v"})
	require.NoError(t, err)
	require.Equal(t, uint64(4), res.PendingId)
}

func TestGenesisValidate(t *testing.T) {
	require.NoError(t, types.DefaultGenesis().Validate())
	addr := user(1).String()
	acct := types.NewAccount()
	acct.Collateral = math.NewInt(10)
	lien := types.Lien{
		Amount: types.NewValueRange(rangeOf(5, 5)), SlashableAmount: types.NewValueRange(rangeOf(0, 0)),
		Slashable: math.LegacyZeroDec(),
	}
	pending := func() types.PendingLien {
		return types.PendingLien{Id: 1, Owner: addr, Holder: "external/c1", Amount: math.NewInt(1), SlashableAmount: math.ZeroInt()}
	}
	// base is valid; each case breaks exactly one rule of it.
	base := func() *types.GenesisState {
		gs := types.DefaultGenesis()
		gs.Accounts = []types.GenesisAccount{{Address: addr, Account: acct}}
		gs.Liens = []types.GenesisLien{{Owner: addr, Holder: "external/c1", Lien: lien}}
		return gs
	}
	require.NoError(t, base().Validate())
	for name, mutate := range map[string]func(gs *types.GenesisState){
		"bad denom":    func(gs *types.GenesisState) { gs.Params.Denom = "" },
		"zero next id": func(gs *types.GenesisState) { gs.NextPendingId = 0 },
		"bad address":  func(gs *types.GenesisState) { gs.Accounts[0].Address = "x" },
		"duplicate acct": func(gs *types.GenesisState) {
			gs.Accounts = append(gs.Accounts, gs.Accounts[0])
		},
		"uncovered lien": func(gs *types.GenesisState) {
			gs.Accounts[0].Account.MaxLien = types.NewValueRange(rangeOf(0, 11))
		},
		"bad holder":           func(gs *types.GenesisState) { gs.Liens[0].Holder = "Bad Holder" },
		"lien without account": func(gs *types.GenesisState) { gs.Liens[0].Owner = user(2).String() },
		"pending id beyond next": func(gs *types.GenesisState) {
			gs.PendingLiens = []types.PendingLien{pending()}
		},
		"pending without lien": func(gs *types.GenesisState) {
			p := pending()
			p.Holder = "external/c2"
			gs.PendingLiens, gs.NextPendingId = []types.PendingLien{p}, 2
		},
		"negative absorbed": func(gs *types.GenesisState) {
			p := pending()
			p.Absorbed = math.NewInt(-7)
			gs.PendingLiens, gs.NextPendingId = []types.PendingLien{p}, 2
		},
		"absorbed beyond amount": func(gs *types.GenesisState) {
			p := pending()
			p.Absorbed = math.NewInt(2)
			gs.PendingLiens, gs.NextPendingId = []types.PendingLien{p}, 2
		},
		"negative lent": func(gs *types.GenesisState) {
			gs.Lent = []types.HolderAmount{{Holder: "local", Amount: math.NewInt(-1)}}
		},
		"zero lent": func(gs *types.GenesisState) {
			gs.Lent = []types.HolderAmount{{Holder: "local", Amount: math.ZeroInt()}}
		},
		"bad crank cursor": func(gs *types.GenesisState) { gs.CrankCursor = "not-an-address" },
		"bad queue cursor": func(gs *types.GenesisState) { gs.QueueCursor = "not-an-address" },
		"duplicate acct in upper case": func(gs *types.GenesisState) {
			gs.Accounts = append(gs.Accounts, types.GenesisAccount{Address: strings.ToUpper(addr), Account: acct})
		},
		"queued twice":       func(gs *types.GenesisState) { gs.SettlementQueue = []string{addr, addr} },
		"next id would wrap": func(gs *types.GenesisState) { gs.NextPendingId = stdmath.MaxUint64 },
		"pending id at next": func(gs *types.GenesisState) {
			gs.PendingLiens, gs.NextPendingId = []types.PendingLien{pending()}, 1
		},
		"too many pending liens": func(gs *types.GenesisState) {
			for id := uint64(1); id <= types.MaxPendingLiensPerUser+1; id++ {
				p := pending()
				p.Id, p.Absorbed = id, p.Amount
				gs.PendingLiens = append(gs.PendingLiens, p)
			}
			gs.NextPendingId = types.MaxPendingLiensPerUser + 2
		},
		"slashable below amount·ratio": func(gs *types.GenesisState) {
			gs.Liens[0].Lien.Slashable = dec("0.5") // ⌊5·0.5⌋ = 2, recorded 0
		},
		"slashable above amount·ratio": func(gs *types.GenesisState) {
			gs.Liens[0].Lien.SlashableAmount = types.NewValueRange(rangeOf(0, 1)) // ⌈5·0⌉ = 0
		},
		"zero unconfirmed loss": func(gs *types.GenesisState) {
			gs.UnconfirmedLosses = []types.UnconfirmedLoss{{Owner: addr, Holder: "external/c1", Amount: math.ZeroInt()}}
		},
	} {
		gs := base()
		mutate(gs)
		require.ErrorIs(t, gs.Validate(), errFor(name), name)
	}

	// An address may be written in upper case: it is the same account.
	upper := base()
	upper.Liens[0].Owner = strings.ToUpper(addr)
	require.NoError(t, upper.Validate())

	// A slashable amount anywhere between ⌊amount·ratio⌋ and ⌈amount·ratio⌉ is the vault's own
	// rounding: 5·0.5 = 2.5 may be recorded as 2 or 3.
	for _, recorded := range []int64{2, 3} {
		gs := base()
		gs.Accounts[0].Account.TotalSlashable = types.NewValueRange(rangeOf(recorded, recorded))
		gs.Liens[0].Lien.Slashable = dec("0.5")
		gs.Liens[0].Lien.SlashableAmount = types.NewValueRange(rangeOf(recorded, recorded))
		require.NoError(t, gs.Validate())
	}

	// The last usable id is 2^64 - 2 as the next one: the vault hands it out and refuses the one after.
	gs := base()
	gs.NextPendingId = stdmath.MaxUint64 - 1
	require.NoError(t, gs.Validate())

	// A pending lien a slash took whole may outlive its lien until it is acknowledged.
	gs = base()
	p := pending()
	p.Holder, p.Absorbed = "external/c2", p.Amount
	gs.PendingLiens, gs.NextPendingId = []types.PendingLien{p}, 2
	require.NoError(t, gs.Validate())
}

func errFor(name string) error {
	if name == "bad denom" {
		return types.ErrInvalidParams
	}
	return types.ErrInvalidGenesis
}

// InitGenesis refuses a state whose aggregates or lent figures disagree with its liens.
func TestInitGenesisRefusesInconsistentState(t *testing.T) {
	f := vtu.NewFixture(t, dec("0.1"))
	u := user(1)
	bonded(t, f, u, 100)
	stakeLocal(t, f, u, 50)
	good, err := f.Keeper.ExportGenesis(f.Ctx)
	require.NoError(t, err)

	wrongAggregate := *good
	wrongAggregate.Accounts = append([]types.GenesisAccount(nil), good.Accounts...)
	wrongAggregate.Accounts[0].Account.MaxLien = types.ZeroValueRange()
	g := vtu.NewFixture(t, dec("0.1"))
	require.ErrorIs(t, g.Keeper.InitGenesis(g.Ctx, wrongAggregate), types.ErrInvalidGenesis)

	wrongLent := *good
	wrongLent.Lent = nil
	g = vtu.NewFixture(t, dec("0.1"))
	require.ErrorIs(t, g.Keeper.InitGenesis(g.Ctx, wrongLent), types.ErrInvalidGenesis)
}

// The invariants see liens and pending liens whatever their owner's account says: a lien stored
// for an owner without an account breaks them.
func TestInvariantsCheckLiensWithoutAccount(t *testing.T) {
	f := vtu.NewFixture(t, dec("0.1"))
	require.NoError(t, f.Keeper.CheckInvariants(f.Ctx))
	orphan := types.Lien{
		Amount: types.NewValueRange(rangeOf(100, 100)), SlashableAmount: types.NewValueRange(rangeOf(10, 10)),
		Slashable: dec("0.1"),
	}
	require.NoError(t, f.Keeper.Liens.Set(f.Ctx, collections.Join(user(3), "external/c1"), orphan))
	require.ErrorContains(t, f.Keeper.CheckInvariants(f.Ctx), "owner has no account")
}

// Pending lien ids never wrap: once the last id is handed out, a new stake is refused with a
// registered error and the live pending liens are untouched.
func TestPendingIDsNeverWrap(t *testing.T) {
	f := vtu.NewFixture(t, dec("0.1"))
	gs := types.DefaultGenesis()
	gs.Params.Denom = vtu.Denom
	gs.NextPendingId = stdmath.MaxUint64
	require.ErrorIs(t, gs.Validate(), types.ErrInvalidGenesis)

	u := user(1)
	bonded(t, f, u, 100)
	require.NoError(t, f.Keeper.LastPendingID.Set(f.Ctx, stdmath.MaxUint64-1))
	last := stakeRemote(t, f, u, c1, 10)
	require.Equal(t, uint64(stdmath.MaxUint64), last)
	before := takeSnapshot(t, f, u)
	_, err := f.Msg.StakeRemote(f.Ctx, &types.MsgStakeRemote{Owner: u.String(), Holder: c1.String(), Amount: vtu.Coin(10), Validator: "v"})
	require.ErrorIs(t, err, types.ErrPendingIDsExhausted)
	require.Equal(t, before, takeSnapshot(t, f, u))
	require.NoError(t, f.Virtual.Vault.CommitLien(f.Ctx, c1.Key, last))
	requireLiens(t, f, u, map[lienholder.HolderID][2]int64{c1: {10, 10}})
}

// An unconfirmed loss survives export and import.
func TestGenesisKeepsUnconfirmedLosses(t *testing.T) {
	f := vtu.NewFixture(t, dec("0.1"))
	u := user(1)
	bonded(t, f, u, 100)
	crossStake(t, f, u, c1, 50)
	require.NoError(t, f.Virtual.Slash(f.Ctx, c1, u, mathInt(5)))
	f.Virtual.FailSettled = errors.New("unavailable")
	require.NoError(t, f.Keeper.EndBlock(f.Ctx))
	f.Virtual.FailSettled = nil
	exported, err := f.Keeper.ExportGenesis(f.Ctx)
	require.NoError(t, err)
	require.Equal(t, []types.UnconfirmedLoss{{Owner: u.String(), Holder: c1.String(), Amount: mathInt(5)}}, exported.UnconfirmedLosses)
	g := vtu.NewFixture(t, dec("0.1"))
	require.NoError(t, g.Keeper.InitGenesis(g.Ctx, *exported))
	again, err := g.Keeper.ExportGenesis(g.Ctx)
	require.NoError(t, err)
	require.Equal(t, exported, again)
}
