// Package testutil holds a scripted converter for virtual staking's tests: it serves targets set
// by the test and records every report, reward and unwind virtual staking sends it.
package testutil

import (
	"context"
	"sort"

	"cosmossdk.io/math"
	sdk "github.com/cosmos/cosmos-sdk/types"

	convertertypes "github.com/meshsecurity/mesh/converter/types"
	"github.com/meshsecurity/mesh/virtualstaking/types"
)

// Bank moves the reward tokens the converter receives.
type Bank interface {
	SendCoins(ctx context.Context, from, to sdk.AccAddress, amt sdk.Coins) error
}

// RewardCall is one DistributeRewards call.
type RewardCall struct {
	PairingID string
	Height    int64
	Rewards   []convertertypes.ValidatorReward
}

// UnwindCall is one UnwindRequests call.
type UnwindCall struct {
	PairingID string
	Limit     uint32
}

// EndCall is one EndValidatorRequests call.
type EndCall struct {
	PairingID string
	Valoper   string
	Limit     uint32
}

// Converter is a scripted types.ConverterKeeper. Its state lives in memory, outside the chain's
// store.
type Converter struct {
	bank    Bank
	denom   string
	Reserve sdk.AccAddress

	Views   map[string]*types.PairingView
	Local   map[string]map[string]math.Int
	Stale   map[string]bool
	Rewards []RewardCall
	Unwinds []UnwindCall
	Ended   []EndCall
	Slashes []convertertypes.VirtualSlash
	Changes []convertertypes.ValidatorChange
}

var _ types.ConverterKeeper = (*Converter)(nil)

// NewConverter returns an empty converter that takes rewards into reserve.
func NewConverter(bank Bank, denom string, reserve sdk.AccAddress) *Converter {
	return &Converter{bank: bank, denom: denom, Reserve: reserve, Views: map[string]*types.PairingView{},
		Local: map[string]map[string]math.Int{}, Stale: map[string]bool{}}
}

// SetPairing adds or replaces a pairing.
func (c *Converter) SetPairing(v types.PairingView) {
	c.Views[v.ID] = &v
	if c.Local[v.ID] == nil {
		c.Local[v.ID] = map[string]math.Int{}
	}
}

// SetRequest sets a pairing's converted request on a validator; zero removes it.
func (c *Converter) SetRequest(pairingID, valoper string, local math.Int) {
	if local.IsZero() {
		delete(c.Local[pairingID], valoper)
		return
	}
	c.Local[pairingID][valoper] = local
}

// Pairings lists the pairings.
func (c *Converter) Pairings(context.Context) ([]types.PairingView, error) {
	out := make([]types.PairingView, 0, len(c.Views))
	for _, v := range c.Views {
		out = append(out, *v)
	}
	sort.Slice(out, func(i, j int) bool { return out[i].ID < out[j].ID })
	return out, nil
}

// IterateTargets walks a pairing's requests in ascending validator order after startAfter.
func (c *Converter) IterateTargets(_ context.Context, pairingID, startAfter string, fn func(string, math.Int) bool) error {
	if c.Stale[pairingID] {
		return convertertypes.ErrStalePrice
	}
	vals := make([]string, 0, len(c.Local[pairingID]))
	for v := range c.Local[pairingID] {
		if v > startAfter {
			vals = append(vals, v)
		}
	}
	sort.Strings(vals)
	for _, v := range vals {
		if fn(v, c.Local[pairingID][v]) {
			return nil
		}
	}
	return nil
}

// ReportValidatorChange records the change.
func (c *Converter) ReportValidatorChange(_ context.Context, change convertertypes.ValidatorChange) {
	c.Changes = append(c.Changes, change)
}

// ReportSlash records the slash.
func (c *Converter) ReportSlash(_ context.Context, _ string, slash convertertypes.VirtualSlash) {
	c.Slashes = append(c.Slashes, slash)
}

// DistributeRewards moves the rewards' sum from payer to the reserve and records the call.
func (c *Converter) DistributeRewards(ctx context.Context, pairingID string, payer sdk.AccAddress, rewards []convertertypes.ValidatorReward) error {
	sum := math.ZeroInt()
	for _, r := range rewards {
		sum = sum.Add(r.Amount)
	}
	if err := c.bank.SendCoins(ctx, payer, c.Reserve, sdk.NewCoins(sdk.NewCoin(c.denom, sum))); err != nil {
		return err
	}
	c.Rewards = append(c.Rewards, RewardCall{PairingID: pairingID, Height: sdk.UnwrapSDKContext(ctx).BlockHeight(), Rewards: rewards})
	return nil
}

// UnwindRequests drops up to limit of the pairing's requests, in ascending validator order, and
// reports whether none are left.
func (c *Converter) UnwindRequests(_ context.Context, pairingID string, limit uint32) (bool, error) {
	c.Unwinds = append(c.Unwinds, UnwindCall{PairingID: pairingID, Limit: limit})
	vals := make([]string, 0, len(c.Local[pairingID]))
	for v := range c.Local[pairingID] {
		vals = append(vals, v)
	}
	sort.Strings(vals)
	for i, v := range vals {
		if uint32(i) == limit {
			break
		}
		delete(c.Local[pairingID], v)
	}
	return len(c.Local[pairingID]) == 0, nil
}

// EndValidatorRequests drops the pairing's request on the validator and reports it ended.
func (c *Converter) EndValidatorRequests(_ context.Context, pairingID, valoper string, limit uint32) (uint32, bool, error) {
	c.Ended = append(c.Ended, EndCall{PairingID: pairingID, Valoper: valoper, Limit: limit})
	if _, ok := c.Local[pairingID][valoper]; !ok || limit == 0 {
		return 0, !ok, nil
	}
	delete(c.Local[pairingID], valoper)
	return 1, true, nil
}
