package main

import (
	"bytes"
	"strings"
	"testing"
)

// TestDemoRunsEveryStep runs the demo as make demo does: every step's figures match (run returns
// no error, which is exit status 0), a table follows each of the ten steps, and the final
// summary carries the slash the protocol computes.
func TestDemoRunsEveryStep(t *testing.T) {
	var out, progress bytes.Buffer
	if err := run(&out, &progress); err != nil {
		t.Fatalf("demo failed: %v\n%s", err, out.String())
	}
	text := out.String()
	if got := strings.Count(text, "\n  ok\n"); got != len(steps()) {
		t.Fatalf("%d steps passed, want %d:\n%s", got, len(steps()), text)
	}
	if got := strings.Count(text, "| vault collateral "); got != len(steps()) {
		t.Fatalf("%d tables printed, want %d", got, len(steps()))
	}
	for _, want := range []string{
		"| consumer virtual stake: bonded     |         225000 ucons |",
		"| lien: local staking                |         285044 uprov |",
		"all steps matched: 1000000 uprov bonded, 14956 lost to the slash",
	} {
		if !strings.Contains(text, want) {
			t.Fatalf("output lacks %q:\n%s", want, text)
		}
	}
	if !strings.HasSuffix(progress.String(), "ready\n") {
		t.Fatalf("progress line: %q", progress.String())
	}
}

// TestLocalSlashFigure pins the slash arithmetic the demo expects: the validator's 100,300,000
// tokens have consensus power 100, so 5,000,000 is slashed and the user keeps
// floor(300,000 × 95,300,000 / 100,300,000) = 285,044.
func TestLocalSlashFigure(t *testing.T) {
	if got := localSlash().Int64(); got != 14_956 {
		t.Fatalf("local slash %d, want 14956", got)
	}
	if got := converted(crossAmount); got != 225_000 {
		t.Fatalf("converted %d, want 225000", got)
	}
}
