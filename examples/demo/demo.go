package main

import (
	"fmt"
	"io"

	sdkmath "cosmossdk.io/math"
	sdk "github.com/cosmos/cosmos-sdk/types"

	exttypes "github.com/meshsecurity/mesh/externalstaking/types"
	localtypes "github.com/meshsecurity/mesh/localstaking/types"
	"github.com/meshsecurity/mesh/testutil"
	vaulttypes "github.com/meshsecurity/mesh/vault/types"
	vstypes "github.com/meshsecurity/mesh/virtualstaking/types"
)

// The user's amounts, in uprov.
const (
	bondAmount  = 1_000_000
	localAmount = 300_000
	crossAmount = 500_000
)

// doubleSignFraction is x/slashing's double-sign slash on the provider (its default).
var doubleSignFraction = sdkmath.LegacyNewDecWithPrec(5, 2)

// localSlash is what the double sign takes from the user's local stake. x/staking slashes the
// fraction of the validator's consensus power (whole tokens of 10^6 units, truncated) and spreads
// it over all the validator's tokens: the validator holds its genesis self-delegation plus the
// user's stake, and the user keeps floor(stake × (tokens − slash) / tokens).
func localSlash() sdkmath.Int {
	tokens := testutil.DefaultValidatorStake.AddRaw(localAmount)
	power := tokens.Quo(sdk.DefaultPowerReduction)
	slash := doubleSignFraction.MulInt(power.Mul(sdk.DefaultPowerReduction)).TruncateInt()
	kept := sdkmath.NewInt(localAmount).Mul(tokens.Sub(slash)).Quo(tokens)
	return sdkmath.NewInt(localAmount).Sub(kept)
}

// step is one narrated action and the figures it must produce.
type step struct {
	title  string
	act    func(w *world, u user) error
	expect func(before, after position) error
}

// run starts both chains, then runs every step, printing the position after each; it returns
// the first step whose figures differ from what the protocol promises.
func run(out, progress io.Writer) error {
	return runDriven(func(t *driver) error {
		w, err := startChains(t, progress)
		if err != nil {
			return fmt.Errorf("starting the chains: %w", err)
		}
		u := user{
			provider: w.provider.Accounts[0], recipient: testutil.SeededAccount("demo/rewards"),
			localVal:  w.provider.Validators[1].ValAddress().String(),
			remoteVal: w.consumer.Validators[0].ValAddress().String(),
		}
		fmt.Fprintf(out, "user %s on provider-1, rewards to %s on consumer-1\n", u.provider, u.recipient)
		before, err := w.read(u)
		if err != nil {
			return err
		}
		start := before
		for i, s := range steps() {
			fmt.Fprintf(out, "\n%d. %s\n", i+1, s.title)
			if err := s.act(w, u); err != nil {
				return fmt.Errorf("step %d (%s): %w", i+1, s.title, err)
			}
			after, err := w.read(u)
			if err != nil {
				return err
			}
			after.print(out)
			if err := s.expect(before, after); err != nil {
				return fmt.Errorf("step %d (%s): %w", i+1, s.title, err)
			}
			fmt.Fprintln(out, "  ok")
			before = after
		}
		return finalCheck(out, start, before)
	})
}

// finalCheck checks that rewards reached the user on the consumer and prints the summary.
func finalCheck(out io.Writer, start, end position) error {
	if !end.Withdrawn.GT(start.Withdrawn) {
		return fmt.Errorf("no rewards reached the consumer address")
	}
	fmt.Fprintf(out, "\nall steps matched: %d uprov bonded, %s lost to the slash, %s ucons of cross-stake rewards withdrawn on the consumer\n",
		bondAmount, localSlash(), end.Withdrawn.Sub(start.Withdrawn))
	return nil
}

// steps is the lifecycle, in order.
func steps() []step {
	return []step{
		{"bond 1,000,000 uprov as collateral in the vault", bond, expectBond},
		{"stake 300,000 uprov locally on a provider validator (a lien of local staking)", stakeLocal, expectStakeLocal},
		{"cross-stake 500,000 uprov to a consumer validator (a lien of external staking, relayed)", stakeRemote, expectStakeRemote},
		{"consumer epoch: virtual staking delegates the converted amount", epoch, expectEpoch},
		{"next epoch: rewards reach the converter and are sent to the provider", rewardsEpoch, expectRewards},
		{"withdraw the rewards to the user's address on the consumer", withdrawRewards, expectWithdraw},
		{"provider validator double-signs: the local stake is slashed and the vault settles", slashLocal, expectSlash},
		{"unstake everything, locally and from the consumer (relayed); at its epoch the consumer undelegates", unstake, expectUnstake},
		{"unbonding periods pass; the user releases both liens", unbonding, expectReleased},
		{"withdraw the collateral from the vault", withdraw, expectWithdrawn},
	}
}

func bond(w *world, u user) error {
	_, _, err := w.provider.DeliverTx(u.provider, &vaulttypes.MsgBond{Owner: u.provider.String(), Amount: sdk.NewInt64Coin("uprov", bondAmount)})
	return err
}

func expectBond(b, a position) error {
	return all(
		equal("wallet", a.Wallet, b.Wallet.SubRaw(bondAmount)),
		equal("collateral", a.Collateral, sdkmath.NewInt(bondAmount)),
	)
}

func stakeLocal(w *world, u user) error {
	_, _, err := w.provider.DeliverTx(u.provider, &vaulttypes.MsgStakeLocal{Owner: u.provider.String(),
		Amount: sdk.NewInt64Coin("uprov", localAmount), Validator: u.localVal})
	return err
}

func expectStakeLocal(b, a position) error {
	return all(
		equal("collateral", a.Collateral, b.Collateral),
		equal("local lien", a.LocalLien, sdkmath.NewInt(localAmount)),
	)
}

func stakeRemote(w *world, u user) error {
	_, _, err := w.provider.DeliverTx(u.provider, &vaulttypes.MsgStakeRemote{Owner: u.provider.String(), Holder: externalHolder,
		Amount: sdk.NewInt64Coin("uprov", crossAmount), Validator: u.remoteVal})
	if err != nil {
		return err
	}
	return w.link.RelayAll()
}

func expectStakeRemote(b, a position) error {
	return all(
		equal("collateral", a.Collateral, b.Collateral),
		equal("local lien", a.LocalLien, b.LocalLien),
		equal("cross lien", a.CrossLien, sdkmath.NewInt(crossAmount)),
		equal("cross-stake", a.CrossStake, sdkmath.NewInt(crossAmount)),
		equal("virtual stake target", a.Targeted, sdkmath.NewInt(converted(crossAmount))),
		equal("virtual stake before the epoch", a.Virtual, sdkmath.ZeroInt()),
	)
}

// epoch produces consumer blocks until the next epoch has run to completion, relaying whatever
// the chains send.
func epoch(w *world, _ user) error {
	k := w.consumer.App.VirtualStakingKeeper
	next, err := k.NextEpoch.Get(w.consumer.Context())
	if err != nil {
		return err
	}
	for i := 0; i < 10*epochLength; i++ {
		w.consumer.NextBlock()
		ctx := w.consumer.Context()
		run, err := k.Run.Get(ctx)
		if err != nil {
			return err
		}
		now, err := k.NextEpoch.Get(ctx)
		if err != nil {
			return err
		}
		if run.Phase == vstypes.EPOCH_PHASE_IDLE && now != next {
			return w.link.RelayAll()
		}
	}
	return fmt.Errorf("no epoch completed within %d blocks", 10*epochLength)
}

func expectEpoch(b, a position) error {
	return all(
		equal("virtual stake", a.Virtual, sdkmath.NewInt(converted(crossAmount))),
		equal("cross-stake", a.CrossStake, b.CrossStake),
	)
}

func rewardsEpoch(w *world, u user) error { return epoch(w, u) }

func expectRewards(b, a position) error {
	if !a.PendingRewards.IsPositive() {
		return fmt.Errorf("no rewards pending for the user")
	}
	return all(
		equal("reserve (the user is the pairing's only staker)", a.Reserve, a.PendingRewards),
		equal("virtual stake", a.Virtual, b.Virtual),
	)
}

func withdrawRewards(w *world, u user) error {
	_, _, err := w.provider.DeliverTx(u.provider, &exttypes.MsgWithdrawRewards{Owner: u.provider.String(),
		PairingId: providerPairing, Validator: u.remoteVal, Recipient: u.recipient.String()})
	if err != nil {
		return err
	}
	return w.link.RelayAll()
}

func expectWithdraw(b, a position) error {
	return all(
		equal("withdrawn on the consumer", a.Withdrawn, b.Withdrawn.Add(b.PendingRewards)),
		equal("reserve", a.Reserve, b.Reserve.Sub(b.PendingRewards).Add(a.PendingRewards)),
	)
}

func slashLocal(w *world, _ user) error {
	if err := w.provider.InjectDoubleSign(w.provider.Validators[1]); err != nil {
		return err
	}
	w.provider.NextBlock()
	w.provider.NextBlock()
	return nil
}

func expectSlash(b, a position) error {
	slashed := localSlash()
	return all(
		equal("local lien", a.LocalLien, b.LocalLien.Sub(slashed)),
		equal("collateral", a.Collateral, b.Collateral.Sub(slashed)),
		equal("cross lien", a.CrossLien, b.CrossLien),
		equal("virtual stake", a.Virtual, b.Virtual),
	)
}

func unstake(w *world, u user) error {
	p, err := w.read(u)
	if err != nil {
		return err
	}
	if _, _, err := w.provider.DeliverTx(u.provider, &localtypes.MsgUnstake{Owner: u.provider.String(),
		Validator: u.localVal, Amount: sdk.NewCoin("uprov", p.LocalLien)}); err != nil {
		return err
	}
	if _, _, err := w.provider.DeliverTx(u.provider, &exttypes.MsgUnstake{Owner: u.provider.String(),
		PairingId: providerPairing, Validator: u.remoteVal, Amount: p.CrossStake}); err != nil {
		return err
	}
	if err := w.link.RelayAll(); err != nil {
		return err
	}
	return epoch(w, u)
}

func expectUnstake(b, a position) error {
	return all(
		equal("cross-stake", a.CrossStake, sdkmath.ZeroInt()),
		equal("virtual stake target", a.Targeted, sdkmath.ZeroInt()),
		equal("local lien (held while unbonding)", a.LocalLien, b.LocalLien),
		equal("collateral", a.Collateral, b.Collateral),
		equal("cross lien (held while unbonding)", a.CrossLien, b.CrossLien),
		equal("virtual stake bonded", a.Virtual, sdkmath.ZeroInt()),
		equal("virtual stake unbonding", a.VirtualUnbonding, b.Virtual),
	)
}

func unbonding(w *world, u user) error {
	if err := w.net.AdvanceTime(pairingUnbonding + time10s); err != nil {
		return err
	}
	w.provider.NextBlock()
	if _, _, err := w.provider.DeliverTx(u.provider, &localtypes.MsgReleaseUnbonded{Owner: u.provider.String()}); err != nil {
		return err
	}
	if _, _, err := w.provider.DeliverTx(u.provider, &exttypes.MsgWithdrawUnbonded{Owner: u.provider.String(),
		PairingId: providerPairing}); err != nil {
		return err
	}
	return w.link.RelayAll()
}

func expectReleased(b, a position) error {
	return all(
		equal("local lien", a.LocalLien, sdkmath.ZeroInt()),
		equal("cross lien", a.CrossLien, sdkmath.ZeroInt()),
		equal("collateral", a.Collateral, b.Collateral),
	)
}

func withdraw(w *world, u user) error {
	p, err := w.read(u)
	if err != nil {
		return err
	}
	_, _, err = w.provider.DeliverTx(u.provider, &vaulttypes.MsgUnbond{Owner: u.provider.String(), Amount: sdk.NewCoin("uprov", p.Collateral)})
	return err
}

func expectWithdrawn(b, a position) error {
	return all(
		equal("collateral before withdrawal (bond less the slash)", b.Collateral, sdkmath.NewInt(bondAmount).Sub(localSlash())),
		equal("collateral", a.Collateral, sdkmath.ZeroInt()),
		equal("wallet", a.Wallet, b.Wallet.Add(b.Collateral)),
	)
}
