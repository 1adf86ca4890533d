#!/usr/bin/env bash
# Two local meshd networks on the loopback interface, a provider and a consumer, joined by the Go
# relayer (build/relayer, see scripts/build-relayer.sh). Each network is a scripts/localnet.sh
# network with its own chain id, denom, address prefix, ports and homes: every meshd of a network,
# its validators and the script's own calls, runs with that network's MESHD_ADDRESS_PREFIX. The
# script gives the relayer a key funded on both chains (one mnemonic, an address of each prefix),
# creates the light clients, the connection and a transfer channel, and leaves `rly start` running
# with a time threshold that keeps the short-lived clients fresh.
#
# Then the mesh stage: the provider's governance pairs external staking with the consumer; once
# meshd has the converter (the consumer end of Mesh Security), the consumer's governance pairs it
# with the provider and the relayer opens the Mesh Security channel from the consumer. Without the
# converter those two steps are skipped, and the script says so.
#
# Usage: scripts/localnet-mesh.sh start | stop | status | start-node provider|consumer I
#
# Settings (environment):
#   MESHD, RLY                 the binaries (default: build/meshd, build/relayer)
#   LOCALNET_MESH_HOME         where both networks and the relayer live (default: build/localnet-mesh)
#   LOCALNET_MESH_BASE_PORT    first port; the provider uses BASE.., the consumer BASE+50..
#                              (default: 26800)
#   LOCALNET_MESH_BLOCK_TIME   CometBFT timeout_commit of both networks (default: 500ms)
#   LOCALNET_MESH_UNBONDING    unbonding time of both networks (default: 120s); the relayer's
#                              clients trust for 85% of it
#   LOCALNET_MESH_THRESHOLD    rly start --time-threshold: the longest a client goes without an
#                              update (default: 20s)
#   LOCALNET_MESH_VOTING       governance voting period of both networks (default: 20s)
#   LOCALNET_MESH_EPOCH        virtual staking's epoch length in blocks (default: 10), so that
#                              cross-stakes reach the consumer's x/staking within seconds
set -euo pipefail
cd "$(dirname "$0")/.."

MESHD=${MESHD:-build/meshd}
RLY=${RLY:-build/relayer}
MESH_DIR=${LOCALNET_MESH_HOME:-build/localnet-mesh}
case "$MESH_DIR" in /*) ;; *) MESH_DIR="$PWD/$MESH_DIR" ;; esac # pid checks compare absolute homes
BASE_PORT=${LOCALNET_MESH_BASE_PORT:-26800}
BLOCK_TIME=${LOCALNET_MESH_BLOCK_TIME:-500ms}
UNBONDING=${LOCALNET_MESH_UNBONDING:-120s}
THRESHOLD=${LOCALNET_MESH_THRESHOLD:-20s}
VOTING=${LOCALNET_MESH_VOTING:-20s}
EPOCH=${LOCALNET_MESH_EPOCH:-10}
RLY_HOME="$MESH_DIR/relayer"
PATH_NAME=mesh

# The two networks: chain id, denom, bech32 address prefix (validators add "valoper"), validators.
PROVIDER_CHAIN=mesh-provider-1
PROVIDER_DENOM=pstake
PROVIDER_PREFIX=provider
PROVIDER_VALIDATORS=3
CONSUMER_CHAIN=mesh-consumer-1
CONSUMER_DENOM=cstake
CONSUMER_PREFIX=consumer
CONSUMER_VALIDATORS=4

# The Mesh Security channel (consumer end opens it).
MESH_VERSION='{"protocol":"mesh-security","version":"0.11.0"}'
CONSUMER_PORT=meshconsumer
PROVIDER_PORT=meshprovider

die() { echo "localnet-mesh: $*" >&2; exit 1; }
say() { echo "localnet-mesh: $*"; }

# prefix NAME: the bech32 account prefix of a network.
prefix() {
	case "$1" in
		provider) echo "$PROVIDER_PREFIX" ;;
		consumer) echo "$CONSUMER_PREFIX" ;;
		*) die "unknown network $1" ;;
	esac
}

# meshd_on NAME ARGS...: runs meshd with a network's address prefix.
meshd_on() {
	local name=$1
	shift
	MESHD_ADDRESS_PREFIX=$(prefix "$name") "$MESHD" "$@"
}

# network NAME ARGS...: runs scripts/localnet.sh for the provider or the consumer network, with its
# address prefix in the environment of every meshd it starts.
network() {
	local name=$1
	shift
	local chain denom validators base
	case "$name" in
		provider) chain=$PROVIDER_CHAIN denom=$PROVIDER_DENOM validators=$PROVIDER_VALIDATORS base=$BASE_PORT ;;
		consumer) chain=$CONSUMER_CHAIN denom=$CONSUMER_DENOM validators=$CONSUMER_VALIDATORS base=$((BASE_PORT + 50)) ;;
		*) die "unknown network $name" ;;
	esac
	MESHD_ADDRESS_PREFIX=$(prefix "$name") MESHD=$MESHD LOCALNET_HOME="$MESH_DIR/$name" LOCALNET_CHAIN_ID=$chain LOCALNET_DENOM=$denom \
		LOCALNET_VALIDATORS=$validators LOCALNET_BASE_PORT=$base LOCALNET_BLOCK_TIME=$BLOCK_TIME \
		LOCALNET_UNBONDING=$UNBONDING LOCALNET_VOTING=$VOTING LOCALNET_SIGNED_BLOCKS=20 LOCALNET_EPOCH=$EPOCH \
		LOCALNET_FUND="${FUND:-}" LOCALNET_STOP="make localnet-mesh-stop" bash scripts/localnet.sh "$@"
}

# rpc NAME: the RPC address of validator 0 of a network.
rpc() {
	case "$1" in
		provider) echo "http://127.0.0.1:$((BASE_PORT + 1))" ;;
		consumer) echo "http://127.0.0.1:$((BASE_PORT + 50 + 1))" ;;
	esac
}

rly() { "$RLY" --home "$RLY_HOME" "$@"; }

# relayer_chain NAME CHAIN DENOM: adds a network to the relayer's configuration, with its address
# prefix.
relayer_chain() {
	local file="$RLY_HOME/$1.json"
	cat >"$file" <<EOF
{"type": "cosmos", "value": {
  "key": "relayer", "chain-id": "$2", "rpc-addr": "$(rpc "$1")", "account-prefix": "$(prefix "$1")",
  "keyring-backend": "test", "gas-adjustment": 1.5, "gas-prices": "0$3", "debug": false,
  "timeout": "20s", "output-format": "json", "sign-mode": "direct", "coin-type": 118,
  "broadcast-mode": "batch"}}
EOF
	rly chains add --file "$file" "$1" >/dev/null
}

# init_relayer: the relayer's configuration, both chains and one key (same mnemonic on both), and
# the path between them with the consumer as source.
init_relayer() {
	rm -rf "$RLY_HOME"
	mkdir -p "$RLY_HOME"
	rly config init >/dev/null
	relayer_chain provider "$PROVIDER_CHAIN" "$PROVIDER_DENOM"
	relayer_chain consumer "$CONSUMER_CHAIN" "$CONSUMER_DENOM"
	local key mnemonic
	key=$(rly keys add consumer relayer)
	mnemonic=$(sed -n 's/.*"mnemonic":"\([^"]*\)".*/\1/p' <<<"$key")
	[ -n "$mnemonic" ] || die "the relayer printed no mnemonic"
	rly keys restore provider relayer "$mnemonic" >/dev/null
	rly paths new "$CONSUMER_CHAIN" "$PROVIDER_CHAIN" "$PATH_NAME" >/dev/null
}

# running_relayer: whether the relayer this script started is still running.
running_relayer() {
	local pidfile="$RLY_HOME/relayer.pid" pid
	[ -f "$pidfile" ] || return 1
	pid=$(cat "$pidfile")
	[ -r "/proc/$pid/cmdline" ] || return 1
	case "$(tr '\0' ' ' <"/proc/$pid/cmdline")" in *"--home $RLY_HOME "*) return 0 ;; *) return 1 ;; esac
}

start_relayer() {
	running_relayer && return
	nohup "$RLY" --home "$RLY_HOME" start "$PATH_NAME" --time-threshold "$THRESHOLD" \
		>>"$RLY_HOME/relayer.log" 2>&1 &
	echo $! >"$RLY_HOME/relayer.pid"
}

# height NAME: the latest block height of a network.
height() {
	meshd_on "$1" status --node "$(rpc "$1" | sed 's|^http|tcp|')" 2>/dev/null |
		sed -n 's/.*"latest_block_height":"\([0-9]*\)".*/\1/p'
}

# settle: waits until both networks have made two more blocks, so that what the last step wrote
# is in the state the relayer queries next (it reads one block behind the latest).
settle() {
	local name
	for name in provider consumer; do
		network "$name" wait-height $(($(height "$name") + 2))
	done
}

# relay STEP ARGS...: one setup step of the relayer, logged to setup.log.
relay() {
	local step=$1
	shift
	say "$step"
	rly tx "$@" >>"$RLY_HOME/setup.log" 2>&1 || die "$step failed (rly tx $*); see $RLY_HOME/setup.log"
	settle
}

# link: light clients, connection and the transfer channel, step by step.
link() {
	relay "creating the light clients" clients "$PATH_NAME"
	relay "opening the connection" connection "$PATH_NAME"
	relay "opening the transfer channel" channel "$PATH_NAME" --src-port transfer --dst-port transfer \
		--order unordered --version ics20-1
}

# ---- mesh stage: governance pairings, then the Mesh Security channel ------------------------------

# has_converter: whether meshd has the consumer end of Mesh Security (cobra answers --help of an
# unknown subcommand with its parent's help, so the usage line tells them apart).
has_converter() { "$MESHD" query converter --help 2>/dev/null | grep -q 'meshd query converter'; }

# client NAME: the client home of a network (keys alice, bob, val0.. and client.toml).
client() { echo "$MESH_DIR/$1/client"; }

gov_address() {
	meshd_on "$1" query auth module-account gov --home "$(client "$1")" -o json | tr -d ' \n' |
		sed -n 's/.*"address":"\([^"]*\)".*/\1/p'
}

# pass_proposal NAME FILE: alice submits the proposal in FILE on a network, every validator votes
# yes, and it waits for the proposal to pass.
pass_proposal() {
	local name=$1 file=$2 home id validators deadline status
	home=$(client "$name")
	id=$(meshd_on "$name" tx gov submit-proposal "$file" --from alice --gas auto --gas-adjustment 1.5 --home "$home" -y -o json |
		meshd_on "$name" query wait-tx --home "$home" -o json | tr -d ' \n' |
		sed -n 's/.*"key":"proposal_id","value":"\([0-9]*\)".*/\1/p')
	[ -n "$id" ] || die "the $name proposal in $file was not accepted"
	validators=$([ "$name" = provider ] && echo "$PROVIDER_VALIDATORS" || echo "$CONSUMER_VALIDATORS")
	for i in $(seq 0 $((validators - 1))); do
		meshd_on "$name" tx gov vote "$id" yes --from "val$i" --home "$home" -y -o json >/dev/null
	done
	deadline=$((SECONDS + ${VOTING%s} + 60))
	while [ $SECONDS -lt $deadline ]; do
		status=$(meshd_on "$name" query gov proposal "$id" --home "$home" -o json | tr -d ' \n' | sed -n 's/.*"status":"\([A-Z_]*\)".*/\1/p')
		case "$status" in
			PROPOSAL_STATUS_PASSED) return 0 ;;
			PROPOSAL_STATUS_REJECTED | PROPOSAL_STATUS_FAILED) die "$name proposal $id: $status" ;;
		esac
		sleep 1
	done
	die "$name proposal $id did not pass in time"
}

# connection NAME: the connection the relayer opened, as NAME's end names it.
connection() {
	meshd_on "$1" query ibc connection connections --home "$(client "$1")" -o json | tr -d ' \n' |
		tr '{' '\n' | sed -n 's/^"id":"\(connection-[0-9]*\)".*/\1/p' | head -n 1
}

# authorise_provider: the provider's governance registers the consumer as a pairing of external
# staking, on the relayer's connection, with the consumer's port, prefixes (the validators users
# cross-stake to and the recipients of their rewards are consumer addresses) and unbonding period.
authorise_provider() {
	local file="$MESH_DIR/provider-pairing.json"
	cat >"$file" <<EOF
{"messages": [{"@type": "/meshsecurity.externalstaking.v1.MsgCreatePairing", "authority": "$(gov_address provider)",
  "pairing": {"id": "$CONSUMER_CHAIN", "connection_id": "$(connection provider)", "counterparty_port": "$CONSUMER_PORT",
    "consumer_chain_id": "$CONSUMER_CHAIN", "account_prefix": "$CONSUMER_PREFIX", "valoper_prefix": "${CONSUMER_PREFIX}valoper",
    "unbonding_period": "$UNBONDING", "double_sign_ratio": "0.05", "downtime_ratio": "0.01", "min_cross_stake": "1",
    "rewards_denom": "$CONSUMER_DENOM", "status": "PAIRING_STATUS_ACTIVE"}}],
 "metadata": "localnet-mesh", "deposit": "10000000$PROVIDER_DENOM",
 "title": "Provide security to $CONSUMER_CHAIN", "summary": "Pair external staking with the consumer's converter."}
EOF
	say "provider governance: pairing $CONSUMER_CHAIN"
	pass_proposal provider "$file"
}

# authorise_consumer: the consumer's governance registers the provider as a pairing of the
# converter, on the relayer's connection, with the provider's port, prefixes (the converter refuses
# a stake whose delegator is no provider address) and denom: one pstake
# is priced at one cstake for a day, less a 10% discount, and backs at most 1,000,000,000cstake of
# virtual stake, which abstains in the consumer's governance.
authorise_consumer() {
	local file="$MESH_DIR/consumer-pairing.json"
	cat >"$file" <<EOF
{"messages": [{"@type": "/meshsecurity.converter.v1.MsgCreatePairing", "authority": "$(gov_address consumer)",
  "pairing": {"id": "$PROVIDER_CHAIN", "connection_id": "$(connection consumer)", "counterparty_port": "$PROVIDER_PORT",
    "provider_chain_id": "$PROVIDER_CHAIN", "account_prefix": "$PROVIDER_PREFIX", "valoper_prefix": "${PROVIDER_PREFIX}valoper",
    "remote_denom": "$PROVIDER_DENOM", "fixed_price": {"price": "1", "max_age": "86400s"}, "discount": "0.1",
    "max_cap": "1000000000", "gov_policy": "GOV_POLICY_ABSTAIN"}}],
 "metadata": "localnet-mesh", "deposit": "10000000$CONSUMER_DENOM",
 "title": "Take security from $PROVIDER_CHAIN", "summary": "Pair the converter with the provider's external staking."}
EOF
	say "consumer governance: pairing $PROVIDER_CHAIN"
	pass_proposal consumer "$file"
}

# mesh_stage: the provider's pairing; then, once meshd has the converter, the consumer's pairing
# and the Mesh Security channel, opened from the consumer.
mesh_stage() {
	authorise_provider
	if ! has_converter; then
		say "mesh channel skipped: this meshd has no converter (meshd query converter), so the consumer cannot pair yet"
		return 0
	fi
	authorise_consumer
	relay "opening the Mesh Security channel" channel "$PATH_NAME" --src-port "$CONSUMER_PORT" \
		--dst-port "$PROVIDER_PORT" --order unordered --version "$MESH_VERSION"
}

# ---------------------------------------------------------------------------------------------------

start() {
	[ -x "$MESHD" ] || die "$MESHD not found: run make build first"
	[ -x "$RLY" ] || die "$RLY not found: run scripts/build-relayer.sh first"
	if running_relayer; then
		die "already running (pid file $RLY_HOME/relayer.pid); run: make localnet-mesh-stop"
	fi
	mkdir -p "$MESH_DIR"
	init_relayer
	local provider_key consumer_key
	provider_key=$(rly keys show provider relayer)
	consumer_key=$(rly keys show consumer relayer)
	say "relayer key $provider_key on the provider, $consumer_key on the consumer"
	FUND=$provider_key network provider start >"$MESH_DIR/provider.txt"
	FUND=$consumer_key network consumer start >"$MESH_DIR/consumer.txt"
	link
	mesh_stage
	start_relayer
	cat <<EOF
localnet-mesh: two networks on 127.0.0.1, joined by the relayer
  provider  $PROVIDER_CHAIN, $PROVIDER_VALIDATORS validators, denom $PROVIDER_DENOM, addresses ${PROVIDER_PREFIX}1..., RPC $(rpc provider), client home $MESH_DIR/provider/client
  consumer  $CONSUMER_CHAIN, $CONSUMER_VALIDATORS validators, denom $CONSUMER_DENOM, addresses ${CONSUMER_PREFIX}1..., RPC $(rpc consumer), client home $MESH_DIR/consumer/client
  relayer   home $RLY_HOME (path $PATH_NAME, log relayer.log, pid relayer.pid), key $provider_key / $consumer_key
  meshd     run it with the network's prefix: MESHD_ADDRESS_PREFIX=$PROVIDER_PREFIX or $CONSUMER_PREFIX
  unbonding $UNBONDING, voting period $VOTING, block time $BLOCK_TIME, client updates every $THRESHOLD
Stop it with: make localnet-mesh-stop   (docs/localnet-mesh.md walks through it)
EOF
}

stop() {
	local pid stopped=0
	if running_relayer; then
		pid=$(cat "$RLY_HOME/relayer.pid")
		kill "$pid"
		local deadline=$((SECONDS + 30))
		while kill -0 "$pid" 2>/dev/null && [ $SECONDS -lt $deadline ]; do sleep 0.2; done
		if kill -0 "$pid" 2>/dev/null; then kill -9 "$pid"; fi
		stopped=1
	fi
	rm -f "$RLY_HOME/relayer.pid"
	echo "localnet-mesh: stopped $stopped relayer"
	network provider stop
	network consumer stop
}

status() {
	if running_relayer; then echo "$RLY_HOME: relayer running (pid $(cat "$RLY_HOME/relayer.pid"))"
	else echo "$RLY_HOME: relayer stopped"; fi
	network provider status
	network consumer status
}

case "${1:-}" in
	start) start ;;
	stop) stop ;;
	status) status ;;
	start-node) network "${2:?provider or consumer}" start-node "${3:?validator index}" ;;
	*) die "usage: $0 start | stop | status | start-node provider|consumer I" ;;
esac
