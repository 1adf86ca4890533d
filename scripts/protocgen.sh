#!/usr/bin/env bash
# Regenerates the Go code for every .proto file under proto/ with protoc, protoc-gen-gocosmos and
# protoc-gen-grpc-gateway. Imports are resolved from the Go module cache (no buf registry needed).
set -euo pipefail
cd "$(dirname "$0")/.."

command -v protoc >/dev/null || { echo "protoc not found: apt-get install protobuf-compiler" >&2; exit 1; }
export PATH="$(go env GOPATH)/bin:$PATH"
GOFLAGS=-mod=mod go install github.com/cosmos/gogoproto/protoc-gen-gocosmos@v1.7.0
GOFLAGS=-mod=mod go install github.com/grpc-ecosystem/grpc-gateway/protoc-gen-grpc-gateway@v1.16.0

moddir() { go list -m -f '{{.Dir}}' "$1"; }
go mod download github.com/cosmos/cosmos-sdk github.com/cosmos/cosmos-proto github.com/cosmos/gogoproto github.com/grpc-ecosystem/grpc-gateway
includes=(
  -I proto
  -I "$(moddir github.com/cosmos/cosmos-sdk)/proto"
  -I "$(moddir github.com/cosmos/cosmos-proto)/proto"
  -I "$(moddir github.com/cosmos/gogoproto)"
  -I "$(moddir github.com/grpc-ecosystem/grpc-gateway)/third_party/googleapis"
)

out=$(mktemp -d)
trap 'rm -rf "$out"' EXIT
for dir in $(find proto -name '*.proto' -exec dirname {} \; | sort -u); do
  files=$(find "$dir" -maxdepth 1 -name '*.proto' | sort)
  protoc "${includes[@]}" \
    --gocosmos_out=plugins=grpc,Mgoogle/protobuf/any.proto=github.com/cosmos/gogoproto/types/any,Mcosmos/app/v1alpha1/module.proto=cosmossdk.io/api/cosmos/app/v1alpha1:"$out" \
    --grpc-gateway_out=logtostderr=true,allow_colon_final_segments=true:"$out" \
    $files
done
cp -r "$out"/github.com/meshsecurity/mesh/* ./
echo "generated:"; (cd "$out"/github.com/meshsecurity/mesh && find . -name '*.go' | sort)
