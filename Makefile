# Mesh Security for Go: build, test, lint, proto and benchmark targets.

GO ?= go
FUZZTIME ?= 10m
FUZZTIME_SHORT ?= 10s

.PHONY: all build demo relayer test test-node test-mesh-node lint vet fmt-check proto-gen bench fuzz fuzz-short \
	localnet localnet-stop localnet-mesh localnet-mesh-stop

all: build lint test

LDFLAGS = -X github.com/cosmos/cosmos-sdk/version.Name=mesh -X github.com/cosmos/cosmos-sdk/version.AppName=meshd

## build: compile every package and write the node binary to build/meshd
build:
	$(GO) build ./...
	$(GO) build -trimpath -ldflags '$(LDFLAGS)' -o build/meshd ./examples/meshd

## demo: a narrated provider and consumer lifecycle in one process, checking every figure
demo:
	$(GO) run ./examples/demo

## relayer: build the Go relayer pinned in scripts/relayer/go.mod into build/relayer (and build/rly)
relayer:
	bash scripts/build-relayer.sh

## test: the whole test suite, a short seeded fuzzing run, then the node test (what CI runs)
test:
	bash scripts/fuzz.sh $(FUZZTIME_SHORT)
	$(GO) test ./...
	$(MAKE) test-node

## test-node: builds meshd and drives a local network as docs/meshd.md does (build tag e2e)
test-node:
	$(GO) test -tags e2e -count=1 -timeout 20m ./examples/meshd/e2e/...

## test-mesh-node: builds meshd and the relayer and drives two networks joined by the relayer as
## docs/localnet-mesh.md does (build tag e2emesh)
test-mesh-node: relayer
	$(GO) test -tags e2emesh -count=1 -timeout 30m ./examples/meshd/e2e/...

## localnet: start a local network of validators on 127.0.0.1 (see scripts/localnet.sh for settings)
localnet: build
	bash scripts/localnet.sh start

## localnet-stop: stop exactly the processes make localnet started
localnet-stop:
	bash scripts/localnet.sh stop

## localnet-mesh: start a provider and a consumer network on 127.0.0.1 joined by the Go relayer
## (see scripts/localnet-mesh.sh for settings)
localnet-mesh: build relayer
	bash scripts/localnet-mesh.sh start

## localnet-mesh-stop: stop exactly the processes make localnet-mesh started
localnet-mesh-stop:
	bash scripts/localnet-mesh.sh stop

## lint: gofmt and go vet must be clean
lint: fmt-check vet

fmt-check:
	@out=$$(gofmt -l $$(git ls-files '*.go')); if [ -n "$$out" ]; then echo "gofmt needed:"; echo "$$out"; exit 1; fi

## vet: go vet without the unreachable-code check, which the generated API types under api/ fail
## (their generator writes a panic after every exhaustive switch) and which go vet also applies to
## them when it vets a package that imports them
vet:
	$(GO) vet -unreachable=false ./...

## proto-gen: regenerate Go code from proto/ (needs protoc: apt-get install protobuf-compiler)
proto-gen:
	bash scripts/protocgen.sh

## bench: gas per operation of our handlers and transactions next to native ones; local
## staking's block benchmarks and the scenarios' scale benchmark build their chains per iteration
## (up to 1,000 stakers), so they run once
bench:
	$(GO) test -run '^$$' -bench . -benchtime 20x $$($(GO) list ./... | grep -v -e /localstaking -e /examples/scenarios)
	$(GO) test -run '^$$' -bench . -benchtime 1x ./localstaking/... ./examples/scenarios/...

## fuzz: long fuzzing run of every decoder of untrusted input
fuzz:
	bash scripts/fuzz.sh $(FUZZTIME)

## fuzz-short: the short fuzzing run that make test ends with
fuzz-short:
	bash scripts/fuzz.sh $(FUZZTIME_SHORT)
