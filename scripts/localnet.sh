#!/usr/bin/env bash
# A local network of meshd validators on the loopback interface, one process each, with on-disk
# homes, short unbonding and voting periods and funded demo keys. scripts/localnet-mesh.sh runs it
# twice, with different settings, for a provider and a consumer network.
#
# Usage: scripts/localnet.sh start | stop | status | start-node I | wait-height H
#
# Settings (environment):
#   MESHD                    the binary (default: build/meshd)
#   LOCALNET_HOME            where the homes, logs and pid files go (default: build/localnet)
#   LOCALNET_VALIDATORS      number of validators, at least 3 (default: 4, so that each holds under
#                            a third of the power and any one can stop without halting the chain)
#   LOCALNET_BASE_PORT       first port; validator i uses BASE+10*i .. BASE+10*i+5 (default: 26600)
#   LOCALNET_CHAIN_ID        chain id (default: mesh-local-1)
#   LOCALNET_DENOM           bond, fee and vault denom (default: stake)
#   LOCALNET_KEYS            demo keys made in the client home and funded (default: alice bob)
#   LOCALNET_FUND            more addresses funded in genesis, space-separated (default: none)
#   LOCALNET_BLOCK_TIME      CometBFT timeout_commit (default: 300ms)
#   LOCALNET_UNBONDING       x/staking unbonding time (default: 30s)
#   LOCALNET_VOTING          governance voting period (default: 20s; expedited: half of it)
#   LOCALNET_SIGNED_BLOCKS   x/slashing signed_blocks_window (default: 20)
#   LOCALNET_EPOCH           virtual staking's epoch_length in blocks (default: 100)
#   MESHD_ADDRESS_PREFIX     bech32 prefix of the network's addresses; every meshd the script runs,
#                            the validators included, inherits it, and the commands it suggests
#                            carry it (default: meshd's, cosmos)
#   LOCALNET_STOP            the command the script's messages name to stop the network
#                            (default: make localnet-stop)
set -euo pipefail
cd "$(dirname "$0")/.."

MESHD=${MESHD:-build/meshd}
HOME_DIR=${LOCALNET_HOME:-build/localnet}
case "$HOME_DIR" in /*) ;; *) HOME_DIR="$PWD/$HOME_DIR" ;; esac # pid checks compare absolute homes
VALIDATORS=${LOCALNET_VALIDATORS:-4}
BASE_PORT=${LOCALNET_BASE_PORT:-26600}
CHAIN_ID=${LOCALNET_CHAIN_ID:-mesh-local-1}
BLOCK_TIME=${LOCALNET_BLOCK_TIME:-300ms}
UNBONDING=${LOCALNET_UNBONDING:-30s}
VOTING=${LOCALNET_VOTING:-20s}
DENOM=${LOCALNET_DENOM:-stake}
KEYS=${LOCALNET_KEYS:-alice bob}
FUND=${LOCALNET_FUND:-}
SIGNED_BLOCKS=${LOCALNET_SIGNED_BLOCKS:-20}
EPOCH=${LOCALNET_EPOCH:-100}
STOP=${LOCALNET_STOP:-make localnet-stop}
CLIENT="$HOME_DIR/client"

die() { echo "localnet: $*" >&2; exit 1; }

# port I OFFSET: p2p 0, rpc 1, grpc 2, api 3, abci 4, pprof 5.
port() { echo $((BASE_PORT + 10 * $1 + $2)); }

node_home() { echo "$HOME_DIR/node$1"; }

# running PIDFILE: whether the process recorded in PIDFILE is still a meshd of this localnet.
running() {
	local pid args
	[ -f "$1" ] || return 1
	pid=$(cat "$1")
	if [ -d /proc ]; then
		[ -r "/proc/$pid/cmdline" ] || return 1
		args=$(tr '\0' ' ' <"/proc/$pid/cmdline")
	else
		args=$(ps -p "$pid" -o args= 2>/dev/null) || return 1
	fi
	case "$args" in *"--home $(dirname "$1")"*) return 0 ;; *) return 1 ;; esac
}

# set_value FILE SED: edits a configuration file in place with one sed expression.
set_value() {
	local file=$1 expr=$2
	sed -i "$expr" "$file"
}

# genesis_set FILE OLD NEW: replaces an exact default in the genesis and checks it took.
genesis_set() {
	grep -q -- "$2" "$1" || die "genesis has no $2"
	sed -i "s|$2|$3|" "$1"
}

init_nodes() {
	[ -x "$MESHD" ] || die "$MESHD not found: run make build first"
	[ "$VALIDATORS" -ge 3 ] || die "LOCALNET_VALIDATORS must be at least 3"
	rm -rf "$HOME_DIR"
	mkdir -p "$CLIENT"
	local i gentxs="$HOME_DIR/gentxs"
	mkdir -p "$gentxs"
	for name in $KEYS; do
		"$MESHD" keys add "$name" --keyring-backend test --home "$CLIENT" >/dev/null 2>&1
	done
	for i in $(seq 0 $((VALIDATORS - 1))); do
		local home
		home=$(node_home "$i")
		"$MESHD" init "node$i" --chain-id "$CHAIN_ID" --default-denom "$DENOM" --home "$home" >/dev/null 2>&1
		"$MESHD" keys add "val$i" --keyring-backend test --home "$CLIENT" >/dev/null 2>&1
		"$MESHD" genesis add-genesis-account "$("$MESHD" keys show "val$i" -a --keyring-backend test --home "$CLIENT")" \
			"1000000000$DENOM" --home "$home"
		"$MESHD" genesis gentx "val$i" "100000000$DENOM" --chain-id "$CHAIN_ID" --home "$home" \
			--keyring-backend test --keyring-dir "$CLIENT" --output-document "$gentxs/node$i.json" >/dev/null 2>&1
	done
	local genesis_home
	genesis_home=$(node_home 0)
	for i in $(seq 1 $((VALIDATORS - 1))); do
		"$MESHD" genesis add-genesis-account "$("$MESHD" keys show "val$i" -a --keyring-backend test --home "$CLIENT")" \
			"1000000000$DENOM" --home "$genesis_home"
	done
	local address
	for address in $(for name in $KEYS; do "$MESHD" keys show "$name" -a --keyring-backend test --home "$CLIENT"; done) $FUND; do
		"$MESHD" genesis add-genesis-account "$address" "1000000000$DENOM" --home "$genesis_home"
	done
	"$MESHD" genesis collect-gentxs --gentx-dir "$gentxs" --home "$genesis_home" >/dev/null 2>&1
	local genesis="$genesis_home/config/genesis.json"
	genesis_set "$genesis" '"unbonding_time": "1814400s"' "\"unbonding_time\": \"$UNBONDING\""
	genesis_set "$genesis" '"voting_period": "172800s"' "\"voting_period\": \"$VOTING\""
	genesis_set "$genesis" '"max_deposit_period": "172800s"' "\"max_deposit_period\": \"$VOTING\""
	genesis_set "$genesis" '"expedited_voting_period": "86400s"' "\"expedited_voting_period\": \"$(( ${VOTING%s} / 2 ))s\""
	genesis_set "$genesis" '"signed_blocks_window": "100"' "\"signed_blocks_window\": \"$SIGNED_BLOCKS\""
	genesis_set "$genesis" '"epoch_length": 100' "\"epoch_length\": $EPOCH"
	if [ "$DENOM" != stake ]; then
		# the vault's default collateral denom does not follow --default-denom
		genesis_set "$genesis" '"denom": "stake"' "\"denom\": \"$DENOM\""
	fi
	genesis_set "$genesis" '"downtime_jail_duration": "600s"' '"downtime_jail_duration": "60s"'
	"$MESHD" genesis validate "$genesis" --home "$genesis_home" >/dev/null

	local peers=""
	for i in $(seq 0 $((VALIDATORS - 1))); do
		local id
		id=$("$MESHD" comet show-node-id --home "$(node_home "$i")")
		peers+="${peers:+,}$id@127.0.0.1:$(port "$i" 0)"
	done
	for i in $(seq 0 $((VALIDATORS - 1))); do
		configure_node "$i" "$peers" "$genesis"
	done
	configure_client "$CLIENT" 0
}

# configure_node I PEERS GENESIS: ports, peers, block time and the shared genesis of validator I.
configure_node() {
	local home config app
	home=$(node_home "$1")
	config="$home/config/config.toml"
	app="$home/config/app.toml"
	[ "$1" -eq 0 ] || cp "$3" "$home/config/genesis.json"
	set_value "$config" "s|^proxy_app = .*|proxy_app = \"tcp://127.0.0.1:$(port "$1" 4)\"|"
	set_value "$config" "/^\[rpc\]/,/^\[/ s|^laddr = .*|laddr = \"tcp://127.0.0.1:$(port "$1" 1)\"|"
	set_value "$config" "/^\[p2p\]/,/^\[/ s|^laddr = .*|laddr = \"tcp://127.0.0.1:$(port "$1" 0)\"|"
	set_value "$config" "s|^pprof_laddr = .*|pprof_laddr = \"127.0.0.1:$(port "$1" 5)\"|"
	set_value "$config" "s|^persistent_peers = .*|persistent_peers = \"$2\"|"
	set_value "$config" "s|^addr_book_strict = .*|addr_book_strict = false|"
	set_value "$config" "s|^allow_duplicate_ip = .*|allow_duplicate_ip = true|"
	set_value "$config" "s|^timeout_commit = .*|timeout_commit = \"$BLOCK_TIME\"|"
	set_value "$config" "s|^timeout_propose = .*|timeout_propose = \"1s\"|"
	set_value "$config" "s|^timeout_prevote = .*|timeout_prevote = \"500ms\"|"
	set_value "$config" "s|^timeout_precommit = .*|timeout_precommit = \"500ms\"|"
	set_value "$app" "/^\[api\]/,/^\[/ s|^address = .*|address = \"tcp://127.0.0.1:$(port "$1" 3)\"|"
	set_value "$app" "/^\[grpc\]/,/^\[/ s|^address = .*|address = \"127.0.0.1:$(port "$1" 2)\"|"
	set_value "$app" "s|^minimum-gas-prices = .*|minimum-gas-prices = \"0$DENOM\"|"
	configure_client "$home" "$1"
}

# configure_client HOME I: the client settings of HOME point at validator I.
configure_client() {
	local client="$1/config/client.toml"
	mkdir -p "$1/config"
	cat >"$client" <<EOF
chain-id = "$CHAIN_ID"
keyring-backend = "test"
keyring-default-keyname = ""
output = "text"
node = "tcp://127.0.0.1:$(port "$2" 1)"
broadcast-mode = "sync"
EOF
}

# start_node I: starts validator I in the background and records its pid.
start_node() {
	local home
	home=$(node_home "$1")
	if running "$home/meshd.pid"; then
		return
	fi
	nohup "$MESHD" start --home "$home" >>"$home/meshd.log" 2>&1 &
	echo $! >"$home/meshd.pid"
}

# wait_height H: waits (at most 90s) until validator 0 reports height H or more.
wait_height() {
	local deadline=$((SECONDS + 90)) height
	while [ $SECONDS -lt $deadline ]; do
		height=$("$MESHD" status --node "tcp://127.0.0.1:$(port 0 1)" 2>/dev/null |
			sed -n 's/.*"latest_block_height":"\([0-9]*\)".*/\1/p' || true)
		if [ -n "$height" ] && [ "$height" -ge "$1" ]; then
			return 0
		fi
		sleep 0.5
	done
	die "no block $1 after 90s; see $HOME_DIR/node*/meshd.log"
}

start() {
	for i in $(seq 0 $((VALIDATORS - 1))); do
		if running "$(node_home "$i")/meshd.pid"; then
			die "already running (pid file $(node_home "$i")/meshd.pid); run: $STOP"
		fi
	done
	init_nodes
	for i in $(seq 0 $((VALIDATORS - 1))); do
		start_node "$i"
	done
	wait_height 2
	local client run=$MESHD
	client=$(cd "$CLIENT" && pwd)
	if [ -n "${MESHD_ADDRESS_PREFIX:-}" ]; then
		run="MESHD_ADDRESS_PREFIX=$MESHD_ADDRESS_PREFIX $MESHD"
	fi
	cat <<EOF
localnet: $VALIDATORS validators of $CHAIN_ID are running on 127.0.0.1.
  homes and logs:  $HOME_DIR/node<i> (meshd.log, meshd.pid)
  RPC:             $(for i in $(seq 0 $((VALIDATORS - 1))); do printf 'tcp://127.0.0.1:%s ' "$(port "$i" 1)"; done)
  client home:     $client (keys $KEYS, val0..val$((VALIDATORS - 1)); keyring-backend test; node $(port 0 1))
  unbonding $UNBONDING, voting period $VOTING, block time $BLOCK_TIME

Try:
  export MESH_HOME=$client
  $run keys list --home \$MESH_HOME
  $run tx vault bond 1000000$DENOM --from alice --home \$MESH_HOME -y
  $run query vault account \$($run keys show alice -a --home \$MESH_HOME) --home \$MESH_HOME
Stop it with: $STOP   (docs/meshd.md walks through every action)
EOF
}

stop() {
	local pidfile pid stopped=0
	for pidfile in "$HOME_DIR"/node*/meshd.pid; do
		[ -f "$pidfile" ] || continue
		if running "$pidfile"; then
			pid=$(cat "$pidfile")
			kill "$pid"
			local deadline=$((SECONDS + 30))
			while kill -0 "$pid" 2>/dev/null && [ $SECONDS -lt $deadline ]; do sleep 0.2; done
			if kill -0 "$pid" 2>/dev/null; then
				kill -9 "$pid"
			fi
			stopped=$((stopped + 1))
		fi
		rm -f "$pidfile"
	done
	echo "localnet: stopped $stopped validator(s)"
}

status() {
	for pidfile in "$HOME_DIR"/node*/meshd.pid; do
		[ -f "$pidfile" ] || continue
		if running "$pidfile"; then echo "$(dirname "$pidfile"): running (pid $(cat "$pidfile"))"
		else echo "$(dirname "$pidfile"): stopped"; fi
	done
}

case "${1:-}" in
	start) start ;;
	stop) stop ;;
	status) status ;;
	start-node) start_node "${2:?validator index}" ;;
	wait-height) wait_height "${2:?height}" ;;
	*) die "usage: $0 start | stop | status | start-node I | wait-height H" ;;
esac
