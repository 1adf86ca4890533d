// Package scenarios_test runs the whole protocol across meshapp chains through the testutil
// driver: a provider running the vault, local staking and external staking, and a consumer
// running the converter and virtual staking, joined by the Mesh Security channel the consumer
// opens; the topology scenarios join more chains, or the same two both ways. Each scenario ends
// with every component's invariants checked on every chain and a token-conservation check.
package scenarios_test
