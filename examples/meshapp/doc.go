// Package meshapp is an example Cosmos SDK application that wires the Mesh Security components
// next to the standard modules a staking chain runs (auth, bank, staking, slashing, distribution,
// gov, mint, evidence, consensus, params, capability, upgrade, ibc and transfer).
//
// It is written to be copied, and wired by hand rather than with depinject because ibc-go v8 is
// wired by hand. Each concern lives in its own file, and every choice a chain
// developer has to make in the same way is commented where it is made:
//
//   - app.go: the MeshApp type, its constructor and the ABCI entry points;
//   - keys.go: the stores every module mounts;
//   - permissions.go: module account permissions and the accounts that may not receive funds;
//   - keepers.go: keeper construction, in dependency order, and the staking hook wiring;
//   - ibc.go: capability scopes, the IBC router and the transfer stack;
//   - modules.go: the module manager and the basic manager;
//   - order.go: pre-block, begin-block, end-block, genesis and migration order;
//   - ante.go: the transaction ante handler;
//   - options.go: extension points (extra IBC applications) used by tests and derived chains;
//   - genesis.go and export.go: default genesis and state export;
//   - upgrades.go: the software upgrade that adds the Mesh Security modules to a running chain;
//   - server.go and autocli.go: the services a node and its command-line client use.
//
// The app implements what ibc-go's testing package expects from a TestingApp (GetBaseApp,
// GetStakingKeeper, GetIBCKeeper, GetScopedIBCKeeper, GetTxConfig, AppCodec), so it can be driven
// by ibc-go's helpers as well as by this repository's testutil block driver; the stockibc tests
// check that contract and relay a transfer between two meshapp chains with ibc-go's coordinator.
package meshapp
