// Package scenarios_test runs the whole protocol across two meshapp chains through the testutil
// driver: a provider running the vault, local staking and external staking, and a consumer
// running the converter and virtual staking, joined by the Mesh Security channel the consumer
// opens. Each scenario ends with every component's invariants checked on both chains and a
// token-conservation check.
package scenarios_test
