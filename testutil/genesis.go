package testutil

import (
	"time"

	sdkmath "cosmossdk.io/math"

	"github.com/cosmos/cosmos-sdk/codec"
	codectypes "github.com/cosmos/cosmos-sdk/codec/types"
	sdk "github.com/cosmos/cosmos-sdk/types"
	authtypes "github.com/cosmos/cosmos-sdk/x/auth/types"
	banktypes "github.com/cosmos/cosmos-sdk/x/bank/types"
	govtypes "github.com/cosmos/cosmos-sdk/x/gov/types"
	govv1 "github.com/cosmos/cosmos-sdk/x/gov/types/v1"
	minttypes "github.com/cosmos/cosmos-sdk/x/mint/types"
	slashingtypes "github.com/cosmos/cosmos-sdk/x/slashing/types"
	stakingtypes "github.com/cosmos/cosmos-sdk/x/staking/types"

	"github.com/meshsecurity/mesh/examples/meshapp"
	vaulttypes "github.com/meshsecurity/mesh/vault/types"
)

// genesisInputs are the keys and settings a chain's genesis is written from.
type genesisInputs struct {
	cfg        ChainConfig
	validators []Validator
	accounts   []Account
}

// buildGenesis writes the auth, bank, staking, slashing, mint, gov and vault sections of the app's
// default genesis for the chain's denom, accounts and validators, skipping the modules the app does
// not have, then applies the config's modifiers.
//
// Genesis validators are written as unbonded with their stake in the not-bonded pool, so
// x/staking bonds them in InitGenesis and runs the bonding hooks (x/slashing creates their
// signing info there, which downtime and double-sign handling need).
func buildGenesis(app App, in genesisInputs) (meshapp.GenesisState, error) {
	state := meshapp.GenesisState(app.DefaultGenesis())
	writers := []struct {
		module string
		write  genesisWriter
	}{
		{authtypes.ModuleName, writeAuthGenesis}, {banktypes.ModuleName, writeBankGenesis},
		{stakingtypes.ModuleName, writeStakingGenesis}, {slashingtypes.ModuleName, writeSlashingGenesis},
		{minttypes.ModuleName, writeMintGenesis}, {govtypes.ModuleName, writeGovGenesis},
		{vaulttypes.ModuleName, writeVaultGenesis},
	}
	for _, w := range writers {
		if _, ok := state[w.module]; !ok {
			continue
		}
		if err := w.write(app.AppCodec(), in, state); err != nil {
			return nil, err
		}
	}
	for _, modify := range in.cfg.GenesisModifiers {
		if err := modify(app.AppCodec(), state); err != nil {
			return nil, err
		}
	}
	return state, nil
}

// genesisWriter writes one module's section of the genesis state.
type genesisWriter func(cdc codec.Codec, in genesisInputs, state meshapp.GenesisState) error

// genesisAccounts returns every account funded at genesis: test accounts, then operators.
func (in genesisInputs) genesisAccounts() []Account {
	all := append([]Account{}, in.accounts...)
	for _, v := range in.validators {
		all = append(all, v.Operator)
	}
	return all
}

func writeAuthGenesis(cdc codec.Codec, in genesisInputs, state meshapp.GenesisState) error {
	var accounts []authtypes.GenesisAccount
	for i, a := range in.genesisAccounts() {
		accounts = append(accounts, authtypes.NewBaseAccount(a.Address, a.PrivKey.PubKey(), uint64(i), 0))
	}
	raw, err := cdc.MarshalJSON(authtypes.NewGenesisState(authtypes.DefaultParams(), accounts))
	state[authtypes.ModuleName] = raw
	return err
}

func writeBankGenesis(cdc codec.Codec, in genesisInputs, state meshapp.GenesisState) error {
	var balances []banktypes.Balance
	funds := sdk.NewCoins(sdk.NewCoin(in.cfg.BondDenom, in.cfg.AccountBalance))
	for _, a := range in.genesisAccounts() {
		balances = append(balances, banktypes.Balance{Address: a.String(), Coins: funds})
	}
	staked := in.cfg.ValidatorStake.MulRaw(int64(len(in.validators)))
	balances = append(balances, banktypes.Balance{
		Address: authtypes.NewModuleAddress(stakingtypes.NotBondedPoolName).String(),
		Coins:   sdk.NewCoins(sdk.NewCoin(in.cfg.BondDenom, staked)),
	})
	bank := banktypes.DefaultGenesisState()
	bank.Balances = banktypes.SanitizeGenesisBalances(balances)
	raw, err := cdc.MarshalJSON(bank)
	state[banktypes.ModuleName] = raw
	return err
}

func writeStakingGenesis(cdc codec.Codec, in genesisInputs, state meshapp.GenesisState) error {
	params := stakingtypes.DefaultParams()
	params.BondDenom = in.cfg.BondDenom
	params.UnbondingTime = in.cfg.UnbondingPeriod
	var validators []stakingtypes.Validator
	var delegations []stakingtypes.Delegation
	for _, v := range in.validators {
		validator, err := genesisValidator(v, in.cfg.ValidatorStake)
		if err != nil {
			return err
		}
		validators = append(validators, validator)
		delegations = append(delegations, stakingtypes.NewDelegation(v.Operator.String(),
			v.ValAddress().String(), sdkmath.LegacyNewDecFromInt(in.cfg.ValidatorStake)))
	}
	raw, err := cdc.MarshalJSON(stakingtypes.NewGenesisState(params, validators, delegations))
	state[stakingtypes.ModuleName] = raw
	return err
}

// genesisValidator is an unbonded validator holding its self-delegation, with a 10% commission
// so tests can tell commission from delegator rewards.
func genesisValidator(v Validator, stake sdkmath.Int) (stakingtypes.Validator, error) {
	pkAny, err := codectypes.NewAnyWithValue(v.ConsPubKey)
	if err != nil {
		return stakingtypes.Validator{}, err
	}
	rate := sdkmath.LegacyNewDecWithPrec(1, 1)
	return stakingtypes.Validator{
		OperatorAddress:   v.ValAddress().String(),
		ConsensusPubkey:   pkAny,
		Status:            stakingtypes.Unbonded,
		Tokens:            stake,
		DelegatorShares:   sdkmath.LegacyNewDecFromInt(stake),
		Description:       stakingtypes.NewDescription(v.ValAddress().String(), "", "", "", ""),
		UnbondingTime:     time.Unix(0, 0).UTC(),
		Commission:        stakingtypes.NewCommission(rate, sdkmath.LegacyOneDec(), sdkmath.LegacyOneDec()),
		MinSelfDelegation: sdkmath.OneInt(),
	}, nil
}

func writeSlashingGenesis(cdc codec.Codec, in genesisInputs, state meshapp.GenesisState) error {
	slashing := slashingtypes.DefaultGenesisState()
	slashing.Params.SignedBlocksWindow = in.cfg.SignedBlocksWindow
	slashing.Params.MinSignedPerWindow = sdkmath.LegacyNewDecWithPrec(5, 1)
	raw, err := cdc.MarshalJSON(slashing)
	state[slashingtypes.ModuleName] = raw
	return err
}

func writeMintGenesis(cdc codec.Codec, in genesisInputs, state meshapp.GenesisState) error {
	mint := minttypes.DefaultGenesisState()
	mint.Params.MintDenom = in.cfg.BondDenom
	raw, err := cdc.MarshalJSON(mint)
	state[minttypes.ModuleName] = raw
	return err
}

func writeGovGenesis(cdc codec.Codec, in genesisInputs, state meshapp.GenesisState) error {
	gov := govv1.DefaultGenesisState()
	gov.Params.MinDeposit = sdk.NewCoins(sdk.NewCoin(in.cfg.BondDenom, govv1.DefaultMinDepositTokens))
	gov.Params.ExpeditedMinDeposit = sdk.NewCoins(sdk.NewCoin(in.cfg.BondDenom, govv1.DefaultMinExpeditedDepositTokens))
	raw, err := cdc.MarshalJSON(gov)
	state[govtypes.ModuleName] = raw
	return err
}

// writeVaultGenesis makes the chain's bond denom the vault's collateral denom.
func writeVaultGenesis(cdc codec.Codec, in genesisInputs, state meshapp.GenesisState) error {
	vault := vaulttypes.DefaultGenesis()
	vault.Params.Denom = in.cfg.BondDenom
	raw, err := cdc.MarshalJSON(vault)
	state[vaulttypes.ModuleName] = raw
	return err
}
