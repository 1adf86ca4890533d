// Command demo runs the whole Mesh Security lifecycle on two example chains in one process, a
// provider and a consumer joined by a real IBC channel, and narrates it: a user bonds collateral,
// stakes it locally, cross-stakes it to a consumer validator, the consumer turns the cross-stake
// into virtual stake at its epoch, rewards travel back and are withdrawn, a validator is slashed,
// and the user unstakes, waits out the unbonding and withdraws. After every step it prints the
// user's position and checks it against the figures the protocol promises; it exits with status
// 1 at the first step that does not match.
package main

import (
	"fmt"
	"os"
)

func main() {
	if err := run(os.Stdout, os.Stderr); err != nil {
		fmt.Fprintln(os.Stderr, "demo failed:", err)
		os.Exit(1)
	}
}
