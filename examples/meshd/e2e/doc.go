// Package e2e drives the real meshd binary as a user would. With build tag e2e (make test-node) it
// builds meshd, starts a local network of validators on free loopback ports with on-disk homes,
// runs the shell blocks of docs/meshd.md and checks what they print against the outputs the
// document shows, stops and restarts a validator, sends bad input, and stops every process it
// started. With build tag e2emesh (make test-mesh-node) it runs docs/localnet-mesh.md the same
// way: a provider and a consumer network joined by the Go relayer, and tokens relayed both ways.
// Without a tag, go test runs only the unit test of the parser that picks the variable
// assignments later shell blocks replay.
package e2e
