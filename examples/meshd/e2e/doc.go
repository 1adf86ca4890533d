// Package e2e drives the real meshd binary as a user would (build tag e2e, run by make test-node):
// it builds meshd, starts a local network of validators on free loopback ports with on-disk
// homes, runs the shell blocks of docs/meshd.md and checks what they print against the outputs
// the document shows, stops and restarts a validator, sends bad input, and stops every process
// it started.
package e2e
