// Package testutil drives examples/meshapp, or any app implementing App, block by block for tests
// that need real chains: one chain, or several connected by IBC.
//
// # One chain
//
//	chain := testutil.NewChain(t, testutil.ChainConfig{ChainID: "provider-1", BondDenom: "uprov"})
//	gas, events, err := chain.DeliverTx(chain.Accounts[0], msg) // a signed tx in a block of its own
//	chain.NextBlock()                                         // an empty block
//	ctx := chain.Context()                                    // read (or seed) committed state
//
// Each chain has its own bond denom (used by staking, mint and gov), funded test accounts
// (Accounts, plus a Relayer account), genesis validators whose operator and consensus keys the
// driver holds (Validators), a short unbonding period (DefaultUnbondingPeriod, configurable per
// chain) and a short slashing window (DefaultSignedBlocksWindow, half of which may be missed).
// GenesisModifiers edit any other genesis section; AppOptions plug extra modules into the app.
//
// # Votes, absent validators and misbehaviour
//
// Every block carries, as its last commit, a signature of every validator of the previous block,
// with the validator's power, so x/distribution pays each validator its share and x/slashing
// counts signed blocks. SetAbsent marks validators as not signing from the next block until
// SetPresent; after more than half the window they are jailed for downtime. InjectDoubleSign puts
// a duplicate-vote misbehaviour of a validator at the last height into the next block; x/evidence
// slashes, jails and tombstones it. The set of validators that sign follows the app's validator
// updates with CometBFT's two-block delay, so a jailed validator stops signing; ValidatorSet
// returns the set of any height. A validator created by a transaction signs once the test gives
// the driver its key with AddConsensusSigner. InjectMisbehaviour injects any other misbehaviour
// as given, and SignConflictingVotes produces the two votes of a double sign, from which evidence
// for another chain is built, with HeaderAt rebuilding the light-client header of the infraction's
// block. Light-client headers are signed by the whole set, absent validators included.
//
// # Several chains and IBC
//
//	net := testutil.NewNetwork(t)
//	a := net.AddChain(testutil.ChainConfig{ChainID: "provider-1", BondDenom: "uprov"})
//	b := net.AddChain(testutil.ChainConfig{ChainID: "consumer-1", BondDenom: "ucons"})
//	link, err := net.Connect(a, b)                  // clients and connection handshake
//	channel, err := link.OpenTransferChannel()      // or link.OpenChannel(ChannelConfig{...})
//
// OpenChannel starts the channel handshake on A; OpenChannelFrom starts it on either end, and
// the channel it returns has the initiator as its A end. Channel.Close closes a channel from its
// A end (close init there, close confirm on the other end). A close an application starts on
// its own end (IBC core's close init with the channel's capability, as the mesh modules do when
// their authority closes a pairing) is confirmed on the other end by Link.ConfirmCloses, which
// Link.RelayAll runs first in every round.
//
// The chains of a network share a clock: every block on any chain moves it by BlockInterval, so
// headers never come from the future of the chain receiving them. Every handshake step, client
// update and packet delivery is a signed transaction from the chain's Relayer account in a block
// of its own, with a fully signed last commit like any other block.
//
// # Packets and relaying
//
// Every send_packet and write_acknowledgement event is collected, whether it comes from a
// transaction or from begin or end block. Chain.PendingPackets and Link.PendingPackets list what
// is waiting. Link.RelayAll delivers everything pending on the link in both directions until
// nothing is left; Link.RelayPacket delivers one packet and its synchronous acknowledgement;
// Link.ReceivePacket and Link.RelayAck split the two so a test can choose the order; and
// Link.TimeoutPacket moves the destination past a packet's timeout (producing blocks or
// advancing time) and times it out on the sender. Link.TimeoutOnClose times out a packet whose
// destination end has closed; RelayAll does so for every such packet, and discards an
// acknowledgement whose packet's sender end has closed, which IBC core can no longer take.
//
// # Time
//
// Network.AdvanceTime(d) moves the clock forward by at least d in steps no longer than half the
// shortest trusting period of any link (two thirds of the tracked chain's unbonding period),
// producing a block on every chain and updating both clients of every link at each step. A test
// can wait out a 21-day unbonding period and keep using its channels afterwards; the number of
// steps is d divided by that half trusting period, so chains that need a long advance should
// have a matching unbonding period.
//
// # Your own app
//
// A chain that embeds the Mesh Security modules runs the same tests on its own app: it implements
// App (its BaseApp, codec, transaction config, IBC and staking keepers and default genesis,
// methods ibc-go's TestingApp also asks for) and sets ChainConfig.NewApp to a constructor that builds the
// app from the driver's AppInputs (database, logger, BaseApp options). Chain.DrivenApp returns
// the app; Chain.App stays nil. The driver writes the genesis sections of the modules it knows
// (auth, bank, staking, slashing, mint, gov, vault) that the app's default genesis has and skips
// the others. LastTxGas and LastTxStoreOps need the app to install AppInputs.TxGasMeterWrapper
// on each transaction's gas meter; without it they are zero (DeliverTx reports gas either way).
// examples/providerapp is a provider-only app driven this way.
//
// # Gas benchmarks
//
// ReportTxGas delivers one signed transaction per benchmark iteration and reports its whole gas
// as "gas/op"; examples/meshapp's native MsgSend, MsgDelegate and MsgUndelegate benchmarks use it,
// and Mesh Security's transactions are measured the same way next to them.
//
// Failures of the driver itself (a block the app refuses, a header it cannot sign) fail the
// test at once; failures of what the test asked for (a rejected transaction, a relay the chain
// refuses) are returned as errors, a rejected transaction as a *TxError.
package testutil
