#!/usr/bin/env bash
# Builds the Go relayer (github.com/cosmos/relayer/v2, the version pinned in scripts/relayer/go.mod)
# into build/relayer, with build/rly linked to it. It is its own module, so the library's go.mod
# and `go test ./...` never see it; its go.sum pins every dependency.
#
# Usage: scripts/build-relayer.sh        (does nothing when build/relayer is newer than the pin)
set -euo pipefail
cd "$(dirname "$0")/.."

OUT=build/relayer
PIN=scripts/relayer
if [ -x "$OUT" ] && [ "$OUT" -nt "$PIN/go.mod" ] && [ "$OUT" -nt "$PIN/go.sum" ] && [ "$OUT" -nt "$PIN/main.go" ]; then
	exit 0
fi
mkdir -p build
version=$(sed -n 's|^require github.com/cosmos/relayer/v2 \(v[^ ]*\)$|\1|p' "$PIN/go.mod")
[ -n "$version" ] || { echo "build-relayer: no relayer version in $PIN/go.mod" >&2; exit 1; }
echo "build-relayer: building the Go relayer $version (a few minutes the first time)"
(cd "$PIN" && go build -mod=readonly -trimpath \
	-ldflags "-X github.com/cosmos/relayer/v2/cmd.Version=$version" \
	-o ../../"$OUT" .)
ln -sf relayer build/rly
