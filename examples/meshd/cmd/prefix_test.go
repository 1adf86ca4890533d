package cmd_test

import (
	"bytes"
	"os"
	"os/exec"
	"strings"
	"testing"

	"github.com/stretchr/testify/require"

	svrcmd "github.com/cosmos/cosmos-sdk/server/cmd"
	sdk "github.com/cosmos/cosmos-sdk/types"

	"github.com/meshsecurity/mesh/examples/meshd/cmd"
)

// prefixChild marks the copy of the test binary that sets the prefixes: the SDK's configuration is
// process-wide and sealed once set, so the other tests of this package keep the defaults.
const prefixChild = "MESHD_PREFIX_TEST_CHILD"

func TestAddressPrefixFromEnvironment(t *testing.T) {
	if os.Getenv(prefixChild) != "" {
		addressesWithPrefix(t, os.Getenv(cmd.AddressPrefixEnv))
		return
	}
	child := exec.Command(os.Args[0], "-test.run=^TestAddressPrefixFromEnvironment$", "-test.v")
	child.Env = append(os.Environ(), prefixChild+"=1", cmd.AddressPrefixEnv+"=consumer")
	out, err := child.CombinedOutput()
	require.NoError(t, err, string(out))
	require.Contains(t, string(out), "--- PASS: TestAddressPrefixFromEnvironment")
}

// addressesWithPrefix sets the prefixes as meshd's main does and checks a new key's account and
// validator addresses, a command's example, and that the configuration can no longer change.
func addressesWithPrefix(t *testing.T, prefix string) {
	require.Equal(t, "consumer", prefix)
	require.NoError(t, cmd.SetAddressPrefixes(prefix))
	home := t.TempDir()
	for _, args := range [][]string{
		{"keys", "add", "carol", "--keyring-backend", "test", "--home", home, "--output", "json"},
		{"keys", "show", "carol", "-a", "--keyring-backend", "test", "--home", home},
		{"keys", "show", "carol", "-a", "--bech", "val", "--keyring-backend", "test", "--home", home},
	} {
		root, err := cmd.NewRootCmd()
		require.NoError(t, err)
		var out bytes.Buffer
		root.SetOut(&out)
		root.SetArgs(args)
		require.NoError(t, svrcmd.Execute(root, "", home))
		switch args[len(args)-3] {
		case "-a":
			require.True(t, strings.HasPrefix(out.String(), "consumer1"), out.String())
		case "val":
			require.True(t, strings.HasPrefix(out.String(), "consumervaloper1"), out.String())
		}
	}
	root, err := cmd.NewRootCmd()
	require.NoError(t, err)
	var help bytes.Buffer
	root.SetOut(&help)
	root.SetArgs([]string{"tx", "vault", "stake-local", "--help"})
	require.NoError(t, svrcmd.Execute(root, "", home))
	require.Contains(t, help.String(), "tx vault stake-local consumervaloper1... 1000000stake", "the example shows the chain's prefix")
	require.Equal(t, "consumervalcons", sdk.GetConfig().GetBech32ConsensusAddrPrefix())
	require.Panics(t, func() { sdk.GetConfig().SetBech32PrefixForAccount("other", "otherpub") })
}

func TestAddressPrefixRejectsBadPrefix(t *testing.T) {
	for _, bad := range []string{"Consumer", "1abc", "con-sumer", "averyveryverylongprefix"} {
		err := cmd.SetAddressPrefixes(bad)
		require.ErrorContains(t, err, cmd.AddressPrefixEnv, bad)
		require.Equal(t, "cosmos", sdk.GetConfig().GetBech32AccountAddrPrefix(), "unchanged after %q", bad)
	}
}
