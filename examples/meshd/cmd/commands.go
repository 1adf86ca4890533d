package cmd

import (
	"errors"
	"fmt"
	"io"

	dbm "github.com/cosmos/cosmos-db"
	"github.com/spf13/cobra"

	"cosmossdk.io/log"

	"github.com/cosmos/cosmos-sdk/client"
	"github.com/cosmos/cosmos-sdk/client/debug"
	"github.com/cosmos/cosmos-sdk/client/flags"
	"github.com/cosmos/cosmos-sdk/client/keys"
	"github.com/cosmos/cosmos-sdk/client/pruning"
	"github.com/cosmos/cosmos-sdk/client/rpc"
	"github.com/cosmos/cosmos-sdk/client/snapshot"
	"github.com/cosmos/cosmos-sdk/server"
	servertypes "github.com/cosmos/cosmos-sdk/server/types"
	authcmd "github.com/cosmos/cosmos-sdk/x/auth/client/cli"
	genutilcli "github.com/cosmos/cosmos-sdk/x/genutil/client/cli"

	"github.com/meshsecurity/mesh/examples/meshapp"
)

// addCommands adds the node, genesis, key, tx and query commands.
func addCommands(root *cobra.Command, app *meshapp.MeshApp) {
	home := DefaultNodeHome()
	root.AddCommand(
		genutilcli.InitCmd(app.BasicManager(), home),
		debug.Cmd(),
		pruning.Cmd(newApp, home),
		snapshot.Cmd(newApp),
	)
	server.AddCommands(root, home, newApp, exportApp, func(*cobra.Command) {})
	root.AddCommand(
		server.StatusCommand(),
		genutilcli.Commands(app.TxConfig(), app.BasicManager(), home),
		txCommand(),
		queryCommand(),
		keys.Commands(),
	)
}

// queryCommand groups the queries that are not generated from modules.
func queryCommand() *cobra.Command {
	cmd := &cobra.Command{
		Use: "query", Aliases: []string{"q"}, Short: "Query subcommands",
		SuggestionsMinimumDistance: 2, RunE: client.ValidateCmd,
	}
	cmd.AddCommand(
		rpc.ValidatorCommand(),
		rpc.WaitTxCmd(),
		server.QueryBlockCmd(),
		server.QueryBlocksCmd(),
		server.QueryBlockResultsCmd(),
		authcmd.QueryTxsByEventsCmd(),
		authcmd.QueryTxCmd(),
	)
	return cmd
}

// txCommand groups the transaction tools that are not generated from modules.
func txCommand() *cobra.Command {
	cmd := &cobra.Command{
		Use: "tx", Short: "Transaction subcommands",
		SuggestionsMinimumDistance: 2, RunE: client.ValidateCmd,
	}
	cmd.AddCommand(
		authcmd.GetSignCommand(),
		authcmd.GetSignBatchCommand(),
		authcmd.GetMultiSignCommand(),
		authcmd.GetValidateSignaturesCommand(),
		authcmd.GetBroadcastCommand(),
		authcmd.GetEncodeCommand(),
		authcmd.GetDecodeCommand(),
		authcmd.GetSimulateCmd(),
	)
	return cmd
}

// newApp creates the node's app. The server's AppCreator cannot return an error, so a node whose
// app cannot be built stops here with the reason.
func newApp(logger log.Logger, db dbm.DB, traceStore io.Writer, appOpts servertypes.AppOptions) servertypes.Application {
	app, err := meshapp.New(logger, db, traceStore, true, appOpts, nil, server.DefaultBaseappOptions(appOpts)...)
	if err != nil {
		panic(fmt.Errorf("meshd: build app: %w", err))
	}
	return app
}

// exportApp exports the state at height (or the latest height when height is -1).
func exportApp(logger log.Logger, db dbm.DB, traceStore io.Writer, height int64, forZeroHeight bool,
	jailAllowedAddrs []string, appOpts servertypes.AppOptions, modulesToExport []string,
) (servertypes.ExportedApp, error) {
	if home, ok := appOpts.Get(flags.FlagHome).(string); !ok || home == "" {
		return servertypes.ExportedApp{}, errors.New("application home is not set")
	}
	app, err := meshapp.New(logger, db, traceStore, height == -1, appOpts, nil)
	if err != nil {
		return servertypes.ExportedApp{}, err
	}
	if height != -1 {
		if err := app.LoadHeight(height); err != nil {
			return servertypes.ExportedApp{}, err
		}
	}
	return app.ExportAppStateAndValidators(forZeroHeight, jailAllowedAddrs, modulesToExport)
}
