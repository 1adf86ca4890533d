# Mesh Security for Go: build, test, lint, proto and benchmark targets.

GO ?= go
FUZZTIME ?= 10m
FUZZTIME_SHORT ?= 10s

.PHONY: all build test lint vet fmt-check proto-gen bench fuzz fuzz-short

all: build lint test

## build: compile every package
build:
	$(GO) build ./...

## test: the whole test suite and a short seeded fuzzing run (what CI runs)
test:
	bash scripts/fuzz.sh $(FUZZTIME_SHORT)
	$(GO) test ./...

## lint: gofmt and go vet must be clean
lint: fmt-check vet

fmt-check:
	@out=$$(gofmt -l $$(git ls-files '*.go')); if [ -n "$$out" ]; then echo "gofmt needed:"; echo "$$out"; exit 1; fi

## vet: go vet, with the generated API types checked apart (their generator writes unreachable panics)
vet:
	$(GO) vet $$($(GO) list ./... | grep -v '/api/')
	$(GO) vet -unreachable=false ./api/...

## proto-gen: regenerate Go code from proto/ (needs protoc: apt-get install protobuf-compiler)
proto-gen:
	bash scripts/protocgen.sh

## bench: gas per operation of our handlers and transactions next to native ones; local
## staking's block benchmarks build a chain per iteration (up to 1,000 stakers), so they run once
bench:
	$(GO) test -run '^$$' -bench . -benchtime 20x $$($(GO) list ./... | grep -v /localstaking)
	$(GO) test -run '^$$' -bench . -benchtime 1x ./localstaking/...

## fuzz: long fuzzing run of every decoder of untrusted input
fuzz:
	bash scripts/fuzz.sh $(FUZZTIME)

## fuzz-short: the short fuzzing run that make test ends with
fuzz-short:
	bash scripts/fuzz.sh $(FUZZTIME_SHORT)
