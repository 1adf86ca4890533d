// Package cmd builds the meshd command tree: node commands (init, start, export), genesis
// commands, keys, and the tx and query commands AutoCLI generates from the app's modules.
package cmd

import (
	"os"
	"path/filepath"

	dbm "github.com/cosmos/cosmos-db"
	"github.com/spf13/cobra"

	"cosmossdk.io/log"

	cmtcfg "github.com/cometbft/cometbft/config"

	"github.com/cosmos/cosmos-sdk/client"
	"github.com/cosmos/cosmos-sdk/client/config"
	addresscodec "github.com/cosmos/cosmos-sdk/codec/address"
	"github.com/cosmos/cosmos-sdk/server"
	serverconfig "github.com/cosmos/cosmos-sdk/server/config"
	simtestutil "github.com/cosmos/cosmos-sdk/testutil/sims"
	sdk "github.com/cosmos/cosmos-sdk/types"
	authtypes "github.com/cosmos/cosmos-sdk/x/auth/types"

	"github.com/meshsecurity/mesh/examples/meshapp"
)

// DefaultNodeHome is where meshd keeps its configuration and data unless --home says otherwise.
func DefaultNodeHome() string {
	home, err := os.UserHomeDir()
	if err != nil {
		return ".meshd"
	}
	return filepath.Join(home, ".meshd")
}

// NewRootCmd builds the meshd root command. It creates a throwaway app on an in-memory database
// to learn the app's codecs, modules and AutoCLI options.
func NewRootCmd() (*cobra.Command, error) {
	tempHome, err := os.MkdirTemp("", "meshd")
	if err != nil {
		return nil, err
	}
	defer os.RemoveAll(tempHome)
	tempApp, err := meshapp.New(log.NewNopLogger(), dbm.NewMemDB(), nil, true,
		simtestutil.NewAppOptionsWithFlagHome(tempHome), nil)
	if err != nil {
		return nil, err
	}
	clientCtx := client.Context{}.
		WithCodec(tempApp.AppCodec()).
		WithInterfaceRegistry(tempApp.InterfaceRegistry()).
		WithLegacyAmino(tempApp.LegacyAmino()).
		WithTxConfig(tempApp.TxConfig()).
		WithInput(os.Stdin).
		WithAccountRetriever(authtypes.AccountRetriever{}).
		WithHomeDir(DefaultNodeHome()).
		WithViper("")

	root := &cobra.Command{
		Use:           "meshd",
		Short:         "Node of the example Mesh Security app",
		SilenceErrors: true,
		PersistentPreRunE: func(cmd *cobra.Command, _ []string) error {
			return preRun(cmd, clientCtx)
		},
	}
	addCommands(root, tempApp)
	if err := enhanceWithAutoCLI(root, tempApp, clientCtx); err != nil {
		return nil, err
	}
	return root, nil
}

// preRun reads the client configuration and flags into the command's client context and loads
// the node's app.toml and config.toml.
func preRun(cmd *cobra.Command, clientCtx client.Context) error {
	cmd.SetOut(cmd.OutOrStdout())
	cmd.SetErr(cmd.ErrOrStderr())
	// A fresh viper per command: viper remembers the first client.toml it found, so a shared
	// one would read another home's settings.
	clientCtx = clientCtx.WithCmdContext(cmd.Context()).WithViper("")
	clientCtx, err := client.ReadPersistentCommandFlags(clientCtx, cmd.Flags())
	if err != nil {
		return err
	}
	if clientCtx, err = config.ReadFromClientConfig(clientCtx); err != nil {
		return err
	}
	if err := client.SetCmdClientContextHandler(clientCtx, cmd); err != nil {
		return err
	}
	appConfig := serverconfig.DefaultConfig()
	// Operators set their chain's own fee denom; zero fees in the default denom keep a fresh
	// local node usable.
	appConfig.MinGasPrices = "0" + sdk.DefaultBondDenom
	return server.InterceptConfigsPreRunHandler(cmd, serverconfig.DefaultConfigTemplate, appConfig, cmtcfg.DefaultConfig())
}

// enhanceWithAutoCLI adds the tx and query commands described by the modules, with arguments
// that explain themselves when they are wrong.
func enhanceWithAutoCLI(root *cobra.Command, app *meshapp.MeshApp, clientCtx client.Context) error {
	opts := app.AutoCliOpts()
	opts.AddressCodec = addresscodec.NewBech32Codec(sdk.GetConfig().GetBech32AccountAddrPrefix())
	opts.ValidatorAddressCodec = addresscodec.NewBech32Codec(sdk.GetConfig().GetBech32ValidatorAddrPrefix())
	opts.ConsensusAddressCodec = addresscodec.NewBech32Codec(sdk.GetConfig().GetBech32ConsensusAddrPrefix())
	// AutoCLI only needs the interface registry here; each command reads the client
	// configuration of its own --home when it runs (preRun).
	opts.ClientCtx = clientCtx
	if err := opts.EnhanceRootCommand(root); err != nil {
		return err
	}
	return clarifyArgs(root, opts.ModuleOptions)
}
