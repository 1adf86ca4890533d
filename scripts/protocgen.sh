#!/usr/bin/env bash
# Regenerates all Go code for the .proto files under proto/, from those files alone:
#   - gogoproto types and gRPC services next to each component (protoc-gen-gocosmos),
#   - REST gateways (protoc-gen-grpc-gateway),
#   - the protobuf-v2 ("pulsar") API types under api/meshsecurity/<component>/v1 that AutoCLI
#     resolves messages with (protoc-gen-go-pulsar), as the cosmos-sdk's modules have under
#     cosmossdk.io/api. The cosmos-sdk's own files map to cosmossdk.io/api.
# The plugins are built from the versions this module's go.mod requires (no @version lookups);
# imports are resolved from the Go module cache (no buf registry needed).
set -euo pipefail
cd "$(dirname "$0")/.."

command -v protoc >/dev/null || { echo "protoc not found: apt-get install protobuf-compiler" >&2; exit 1; }
bin=$(mktemp -d)
out=$(mktemp -d)
trap 'rm -rf "$bin" "$out"' EXIT
export PATH="$bin:$PATH"
GOBIN="$bin" GOFLAGS=-mod=mod go install github.com/cosmos/gogoproto/protoc-gen-gocosmos@v1.7.0
GOBIN="$bin" GOFLAGS=-mod=mod go install github.com/grpc-ecosystem/grpc-gateway/protoc-gen-grpc-gateway@v1.16.0
go build -o "$bin/" github.com/cosmos/cosmos-proto/cmd/protoc-gen-go-pulsar

moddir() { go list -m -f '{{.Dir}}' "$1"; }
go mod download github.com/cosmos/cosmos-sdk github.com/cosmos/cosmos-proto github.com/cosmos/gogoproto github.com/grpc-ecosystem/grpc-gateway
sdkproto="$(moddir github.com/cosmos/cosmos-sdk)/proto"
includes=(
  -I proto
  -I "$sdkproto"
  -I "$(moddir github.com/cosmos/cosmos-proto)/proto"
  -I "$(moddir github.com/cosmos/gogoproto)"
  -I "$(moddir github.com/grpc-ecosystem/grpc-gateway)/third_party/googleapis"
)

# Go packages of the pulsar output: the cosmos-sdk's files live in cosmossdk.io/api/<dir>, ours in
# api/<dir> with a package name such as vaultv1 (the SDK's convention).
pulsar_map="paths=import"
while read -r file; do
  pulsar_map+=",M${file}=cosmossdk.io/api/$(dirname "$file")"
done < <(cd "$sdkproto" && find cosmos amino -name '*.proto' | sort)
while read -r file; do
  dir=$(dirname "$file")
  component=$(basename "$(dirname "$dir")")
  pulsar_map+=",M${file}=github.com/meshsecurity/mesh/api/${dir};${component}$(basename "$dir")"
done < <(cd proto && find . -path '*/module/*' -prune -o -name '*.proto' -print | sed 's|^\./||' | sort)

for dir in $(find proto -name '*.proto' -exec dirname {} \; | sort -u); do
  files=$(find "$dir" -maxdepth 1 -name '*.proto' | sort)
  protoc "${includes[@]}" \
    --gocosmos_out=plugins=grpc,Mgoogle/protobuf/any.proto=github.com/cosmos/gogoproto/types/any,Mcosmos/app/v1alpha1/module.proto=cosmossdk.io/api/cosmos/app/v1alpha1:"$out" \
    --grpc-gateway_out=logtostderr=true,allow_colon_final_segments=true:"$out" \
    $files
  case "$dir" in
    */module/*) ;; # depinject configs need no API types
    *) protoc "${includes[@]}" --go-pulsar_out="${pulsar_map}:$out" $files ;;
  esac
done
rm -rf api
cp -r "$out"/github.com/meshsecurity/mesh/* ./
echo "generated:"; (cd "$out"/github.com/meshsecurity/mesh && find . -name '*.go' | sort)
