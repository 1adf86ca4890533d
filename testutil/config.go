package testutil

import (
	"time"

	sdkmath "cosmossdk.io/math"

	"github.com/cosmos/cosmos-sdk/codec"

	"github.com/meshsecurity/mesh/examples/meshapp"
)

// Defaults used by ChainConfig when a field is left zero.
const (
	// DefaultValidators is the number of genesis validators.
	DefaultValidators = 4
	// DefaultAccounts is the number of funded test accounts.
	DefaultAccounts = 5
	// DefaultUnbondingPeriod is short so unbonding completes within a test; a test that needs a
	// real-world period (21 days) sets UnbondingPeriod explicitly.
	DefaultUnbondingPeriod = 10 * time.Minute
	// DefaultSignedBlocksWindow is x/slashing's window, short so downtime jailing is quick.
	DefaultSignedBlocksWindow = 10
	// DefaultBlockInterval is the time between two blocks of the network.
	DefaultBlockInterval = 5 * time.Second
)

// DefaultValidatorStake is each genesis validator's self-delegation (100 consensus power).
var DefaultValidatorStake = sdkmath.NewInt(100_000_000)

// DefaultAccountBalance is what each test account holds in the bond denom at genesis.
var DefaultAccountBalance = sdkmath.NewInt(1_000_000_000_000)

// GenesisModifier edits a chain's genesis state before InitChain, for parameters the config does
// not name (a later component's params, for example).
type GenesisModifier func(cdc codec.Codec, state meshapp.GenesisState) error

// ChainConfig describes one test chain. Zero fields take the defaults above.
type ChainConfig struct {
	// ChainID must be in revision format ("name-1"), as IBC light clients expect.
	ChainID string
	// BondDenom is the chain's staking token; staking, mint and gov use it, and the test
	// accounts are funded in it.
	BondDenom string
	// Validators is the number of genesis validators.
	Validators int
	// ValidatorStake is each genesis validator's self-delegation.
	ValidatorStake sdkmath.Int
	// Accounts is the number of funded test accounts.
	Accounts int
	// AccountBalance is each test account's genesis balance in BondDenom.
	AccountBalance sdkmath.Int
	// UnbondingPeriod is x/staking's unbonding time; IBC clients of this chain use it too.
	UnbondingPeriod time.Duration
	// SignedBlocksWindow is x/slashing's window; half of it may be missed before jailing.
	SignedBlocksWindow int64
	// AppOptions are passed to meshapp.New (extra IBC applications, for example) when NewApp is
	// unset.
	AppOptions []meshapp.Option
	// GenesisModifiers run in order after the driver has written its genesis sections.
	GenesisModifiers []GenesisModifier
	// NewApp, if set, builds the chain's own app instead of meshapp (AppOptions are then unused,
	// and Chain.App is nil): a chain that embeds the Mesh Security modules runs the driver's
	// tests on its app this way.
	NewApp func(AppInputs) (App, error)
}

// withDefaults fills the zero fields.
func (c ChainConfig) withDefaults() ChainConfig {
	if c.BondDenom == "" {
		c.BondDenom = "stake"
	}
	if c.Validators == 0 {
		c.Validators = DefaultValidators
	}
	if c.ValidatorStake.IsNil() {
		c.ValidatorStake = DefaultValidatorStake
	}
	if c.Accounts == 0 {
		c.Accounts = DefaultAccounts
	}
	if c.AccountBalance.IsNil() {
		c.AccountBalance = DefaultAccountBalance
	}
	if c.UnbondingPeriod == 0 {
		c.UnbondingPeriod = DefaultUnbondingPeriod
	}
	if c.SignedBlocksWindow == 0 {
		c.SignedBlocksWindow = DefaultSignedBlocksWindow
	}
	return c
}
