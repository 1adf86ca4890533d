package main

import (
	"fmt"
	"io"
	"strings"

	sdkmath "cosmossdk.io/math"
	sdk "github.com/cosmos/cosmos-sdk/types"

	converterkeeper "github.com/meshsecurity/mesh/converter/keeper"
	convertertypes "github.com/meshsecurity/mesh/converter/types"
	extkeeper "github.com/meshsecurity/mesh/externalstaking/keeper"
	exttypes "github.com/meshsecurity/mesh/externalstaking/types"
	"github.com/meshsecurity/mesh/testutil"
	vaultkeeper "github.com/meshsecurity/mesh/vault/keeper"
	vaulttypes "github.com/meshsecurity/mesh/vault/types"
	vskeeper "github.com/meshsecurity/mesh/virtualstaking/keeper"
)

// position is what the demo shows after each step: the user's figures on the provider (in
// uprov) and what they became on the consumer (in ucons).
type position struct {
	// Wallet is the user's liquid uprov on the provider.
	Wallet sdkmath.Int
	// Collateral is the user's collateral in the vault.
	Collateral sdkmath.Int
	// LocalLien and CrossLien are the vault's liens for local and external staking.
	LocalLien, CrossLien sdkmath.Int
	// CrossStake is the user's committed cross-stake on the consumer validator.
	CrossStake sdkmath.Int
	// Virtual is the consumer's bonded virtual stake of the pairing on that validator.
	Virtual sdkmath.Int
	// VirtualUnbonding is the pairing's virtual stake still unbonding from that validator.
	VirtualUnbonding sdkmath.Int
	// Targeted is what the converter asks virtual staking to hold on that validator.
	Targeted sdkmath.Int
	// PendingRewards is what the user can withdraw from the cross-stake, in ucons.
	PendingRewards sdkmath.Int
	// Reserve is the consumer's reward reserve for the pairing, in ucons.
	Reserve sdkmath.Int
	// Withdrawn is what reached the user's reward address on the consumer, in ucons.
	Withdrawn sdkmath.Int
}

// user is the demo's staker: an account on the provider and its reward address on the consumer.
type user struct {
	provider  testutil.Account
	recipient testutil.Account
	localVal  string
	remoteVal string
}

// read gathers the user's position from both chains' committed state.
func (w *world) read(u user) (position, error) {
	p := position{}
	pctx, cctx := w.provider.Context(), w.consumer.Context()
	p.Wallet = w.provider.App.BankKeeper.GetBalance(pctx, u.provider.Address, "uprov").Amount
	vq := vaultkeeper.NewQueryServerImpl(w.provider.App.VaultKeeper)
	acct, err := vq.Account(pctx, &vaulttypes.QueryAccountRequest{Address: u.provider.String()})
	if err != nil {
		return p, fmt.Errorf("vault account: %w", err)
	}
	p.Collateral = acct.Collateral
	liens, err := vq.Liens(pctx, &vaulttypes.QueryLiensRequest{Address: u.provider.String()})
	if err != nil {
		return p, fmt.Errorf("vault liens: %w", err)
	}
	p.LocalLien, p.CrossLien = sdkmath.ZeroInt(), sdkmath.ZeroInt()
	for _, l := range liens.Liens {
		switch l.Holder {
		case "local":
			p.LocalLien = l.Lien.Amount.High
		case externalHolder:
			p.CrossLien = l.Lien.Amount.High
		}
	}
	if err := w.readCrossStake(u, &p); err != nil {
		return p, err
	}
	return p, w.readConsumer(cctx, u, &p)
}

// readCrossStake reads the user's cross-stake and pending rewards from external staking.
func (w *world) readCrossStake(u user, p *position) error {
	p.CrossStake, p.PendingRewards = sdkmath.ZeroInt(), sdkmath.ZeroInt()
	eq := extkeeper.NewQueryServerImpl(w.provider.App.ExternalStakingKeeper)
	stakes, err := eq.Stakes(w.provider.Context(), &exttypes.QueryStakesRequest{PairingId: providerPairing, Owner: u.provider.String()})
	if err != nil {
		return fmt.Errorf("external stakes: %w", err)
	}
	for _, s := range stakes.Stakes {
		if s.Validator == u.remoteVal {
			p.CrossStake, p.PendingRewards = s.High, s.PendingRewards
		}
	}
	return nil
}

// readConsumer reads the pairing's virtual stake, reserve and the user's withdrawn rewards.
func (w *world) readConsumer(ctx sdk.Context, u user, p *position) error {
	app := w.consumer.App
	p.Virtual = sdkmath.ZeroInt()
	valAddr, err := sdk.ValAddressFromBech32(u.remoteVal)
	if err != nil {
		return err
	}
	values, err := app.VirtualStakingKeeper.PairingValues(ctx, valAddr)
	if err != nil {
		return fmt.Errorf("virtual stake: %w", err)
	}
	live := sdkmath.ZeroInt()
	for _, v := range values {
		if v.PairingID == consumerPairing {
			live = v.Value
		}
	}
	if p.Virtual, err = w.bondedVirtual(ctx, valAddr); err != nil {
		return err
	}
	p.VirtualUnbonding = live.Sub(p.Virtual)
	p.Targeted = sdkmath.ZeroInt()
	err = app.ConverterKeeper.IterateTargets(ctx, consumerPairing, "", func(val string, local sdkmath.Int) bool {
		if val == u.remoteVal {
			p.Targeted = local
		}
		return false
	})
	if err != nil {
		return fmt.Errorf("converter targets: %w", err)
	}
	cq := converterkeeper.NewQueryServerImpl(app.ConverterKeeper)
	reserve, err := cq.RewardReserve(ctx, &convertertypes.QueryRewardReserveRequest{PairingId: consumerPairing})
	if err != nil {
		return fmt.Errorf("reward reserve: %w", err)
	}
	p.Reserve = reserve.Amount
	p.Withdrawn = app.BankKeeper.GetBalance(ctx, u.recipient.Address, "ucons").Amount
	return nil
}

// print writes the position as a two-column table.
func (p position) print(out io.Writer) {
	rows := []struct {
		name  string
		value sdkmath.Int
		unit  string
	}{
		{"provider wallet", p.Wallet, "uprov"},
		{"vault collateral", p.Collateral, "uprov"},
		{"lien: local staking", p.LocalLien, "uprov"},
		{"lien: " + externalHolder, p.CrossLien, "uprov"},
		{"cross-stake on consumer validator", p.CrossStake, "uprov"},
		{"consumer virtual stake: bonded", p.Virtual, "ucons"},
		{"consumer virtual stake: unbonding", p.VirtualUnbonding, "ucons"},
		{"converter target for virtual stake", p.Targeted, "ucons"},
		{"rewards pending for the user", p.PendingRewards, "ucons"},
		{"consumer reward reserve", p.Reserve, "ucons"},
		{"rewards withdrawn on consumer", p.Withdrawn, "ucons"},
	}
	line := "  +" + strings.Repeat("-", 36) + "+" + strings.Repeat("-", 22) + "+"
	fmt.Fprintln(out, line)
	for _, r := range rows {
		fmt.Fprintf(out, "  | %-34s | %14s %-5s |\n", r.name, r.value.String(), r.unit)
	}
	fmt.Fprintln(out, line)
}

// bondedVirtual is the pairing's bonded virtual stake on a validator: the tokens of the
// delegations of its derived accounts there.
func (w *world) bondedVirtual(ctx sdk.Context, val sdk.ValAddress) (sdkmath.Int, error) {
	app := w.consumer.App
	params, err := app.VirtualStakingKeeper.Params.Get(ctx)
	if err != nil {
		return sdkmath.Int{}, err
	}
	validator, err := app.StakingKeeper.GetValidator(ctx, val)
	if err != nil {
		return sdkmath.Int{}, err
	}
	bonded := sdkmath.ZeroInt()
	for i := uint32(0); i < params.AccountsPerPairing; i++ {
		d, err := app.StakingKeeper.GetDelegation(ctx, vskeeper.DelegatorAccount(consumerPairing, i), val)
		if err != nil {
			continue
		}
		bonded = bonded.Add(validator.TokensFromShares(d.Shares).TruncateInt())
	}
	return bonded, nil
}
