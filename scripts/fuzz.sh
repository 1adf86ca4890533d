#!/usr/bin/env bash
# Runs every fuzz target (the ibcproto wire codec's decoders, the value-range primitive and the
# double-sign evidence verifier), one after the other, for DURATION each (a go test -fuzztime
# value such as 30s, 10m or 5000x). Fails if any target fails.
# Usage: scripts/fuzz.sh DURATION
set -euo pipefail

if [ "$#" -ne 1 ]; then
	echo "usage: $0 DURATION" >&2
	exit 2
fi
duration="$1"

cd "$(dirname "$0")/.."

# New inputs are minimised for at most 10s (the default is 60s, which can take a short run's
# whole budget) so that the time goes to fuzzing.
targets=(
	./ibcproto:FuzzProviderPacket
	./ibcproto:FuzzConsumerPacket
	./ibcproto:FuzzAck
	./ibcproto:FuzzVersion
	./valuerange:FuzzOperations
	./externalstaking/evidence:FuzzVerify
)
for entry in "${targets[@]}"; do
	pkg="${entry%%:*}"
	target="${entry#*:}"
	echo "==> ${pkg} ${target} for ${duration}"
	go test "${pkg}" -run '^$' -fuzz "^${target}\$" -fuzztime "${duration}" -fuzzminimizetime 10s
done
