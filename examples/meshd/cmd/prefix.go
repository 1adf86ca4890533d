package cmd

import (
	"fmt"
	"regexp"

	sdk "github.com/cosmos/cosmos-sdk/types"
)

// AddressPrefixEnv names the environment variable that sets meshd's bech32 account prefix, so that
// each network can give its addresses their own prefix. Unset or empty, meshd keeps the
// cosmos-sdk's prefixes (cosmos, cosmosvaloper, cosmosvalcons).
const AddressPrefixEnv = "MESHD_ADDRESS_PREFIX"

// addressPrefix is what a bech32 human-readable part of meshd may be: lower-case letters and
// digits, starting with a letter, short enough to leave room for the validator suffixes.
var addressPrefix = regexp.MustCompile(`^[a-z][a-z0-9]{0,15}$`)

// SetAddressPrefixes gives the SDK's address configuration the account prefix prefix: accounts
// prefix, validators prefix+"valoper", consensus addresses prefix+"valcons", and their public
// keys with "pub" appended. It seals the configuration, so it must run before the app is built
// (NewRootCmd). An empty prefix keeps the defaults and seals them too.
func SetAddressPrefixes(prefix string) error {
	config := sdk.GetConfig()
	if prefix != "" {
		if !addressPrefix.MatchString(prefix) {
			return fmt.Errorf("%s=%q: a prefix is 1 to 16 lower-case letters and digits, starting with a letter",
				AddressPrefixEnv, prefix)
		}
		config.SetBech32PrefixForAccount(prefix, prefix+"pub")
		config.SetBech32PrefixForValidator(prefix+"valoper", prefix+"valoperpub")
		config.SetBech32PrefixForConsensusNode(prefix+"valcons", prefix+"valconspub")
	}
	config.Seal()
	return nil
}
