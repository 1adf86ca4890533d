package testutil

import (
	"encoding/json"
	"errors"

	"cosmossdk.io/log"
	pruningtypes "cosmossdk.io/store/pruning/types"
	storetypes "cosmossdk.io/store/types"
	dbm "github.com/cosmos/cosmos-db"

	"github.com/cosmos/cosmos-sdk/baseapp"
	"github.com/cosmos/cosmos-sdk/client"
	"github.com/cosmos/cosmos-sdk/codec"
	simtestutil "github.com/cosmos/cosmos-sdk/testutil/sims"

	ibckeeper "github.com/cosmos/ibc-go/v8/modules/core/keeper"
	ibctestingtypes "github.com/cosmos/ibc-go/v8/testing/types"

	"github.com/meshsecurity/mesh/examples/meshapp"
)

// App is what the driver needs of an application, after ibc-go's TestingApp but smaller. A chain
// that embeds the Mesh Security modules implements it on its own app and sets ChainConfig.NewApp,
// and the driver runs it block by block as it runs meshapp: genesis, votes, misbehaviour, time,
// transactions and IBC relay.
type App interface {
	// GetBaseApp returns the app's BaseApp, through which the driver runs InitChain,
	// FinalizeBlock, Commit and queries.
	GetBaseApp() *baseapp.BaseApp
	// AppCodec returns the codec genesis sections and proofs are encoded with.
	AppCodec() codec.Codec
	// GetTxConfig returns the configuration the driver builds and signs transactions with.
	GetTxConfig() client.TxConfig
	// GetIBCKeeper returns IBC core's keeper, whose clients and channels the relayer reads.
	GetIBCKeeper() *ibckeeper.Keeper
	// GetStakingKeeper returns the staking keeper, whose historical info HeaderAt rebuilds past
	// headers from.
	GetStakingKeeper() ibctestingtypes.StakingKeeper
	// DefaultGenesis returns every module's default genesis JSON by module name. The driver
	// writes the sections of the modules it knows (auth, bank, staking, slashing, mint, gov,
	// vault) that are present, and leaves the others as they are.
	DefaultGenesis() map[string]json.RawMessage
}

// AppInputs is what the driver hands to ChainConfig.NewApp.
type AppInputs struct {
	// ChainID is the chain's id.
	ChainID string
	// Logger is the logger to build the BaseApp with.
	Logger log.Logger
	// DB is the app's database; the driver keeps every version (no pruning).
	DB dbm.DB
	// BaseAppOptions set the chain id and the pruning the driver needs; pass them to
	// baseapp.NewBaseApp.
	BaseAppOptions []func(*baseapp.BaseApp)
	// TxGasMeterWrapper, if the app installs it on each transaction's gas meter right after its
	// ante handler creates the meter, lets LastTxGas and LastTxStoreOps measure a transaction the
	// driver delivers itself (a relayed packet, for example). An app that ignores it reports zero.
	TxGasMeterWrapper func(storetypes.GasMeter) storetypes.GasMeter
}

// meshApp adapts meshapp to App: its DefaultGenesis returns meshapp's named genesis type.
type meshApp struct{ *meshapp.MeshApp }

// DefaultGenesis returns meshapp's default genesis as a plain map.
func (a meshApp) DefaultGenesis() map[string]json.RawMessage {
	return a.MeshApp.DefaultGenesis()
}

// appInputs returns the inputs of the chain's app.
func (c *Chain) appInputs() AppInputs {
	return AppInputs{
		ChainID: c.ChainID,
		Logger:  log.NewNopLogger(),
		DB:      dbm.NewMemDB(),
		BaseAppOptions: []func(*baseapp.BaseApp){baseapp.SetChainID(c.ChainID),
			baseapp.SetPruning(pruningtypes.NewPruningOptions(pruningtypes.PruningNothing))},
		TxGasMeterWrapper: c.countStoreOps,
	}
}

// buildApp builds the chain's app: the config's NewApp if set, meshapp with the config's
// AppOptions otherwise (then App is set too).
func (c *Chain) buildApp() error {
	in := c.appInputs()
	if c.Config.NewApp != nil {
		app, err := c.Config.NewApp(in)
		if err == nil && app == nil {
			err = errors.New("NewApp returned no app")
		}
		c.app = app
		return err
	}
	options := append([]meshapp.Option{meshapp.WithTxGasMeterWrapper(in.TxGasMeterWrapper)}, c.Config.AppOptions...)
	app, err := meshapp.New(in.Logger, in.DB, nil, true, simtestutil.EmptyAppOptions{}, options, in.BaseAppOptions...)
	if err != nil {
		return err
	}
	c.App = app
	c.app = meshApp{app}
	return nil
}

// DrivenApp returns the app the driver runs, meshapp or the config's own.
func (c *Chain) DrivenApp() App {
	return c.app
}
