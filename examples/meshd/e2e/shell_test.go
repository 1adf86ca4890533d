//go:build e2e || e2emesh

package e2e

import (
	"bytes"
	"context"
	"encoding/json"
	"fmt"
	"net"
	"os"
	"os/exec"
	"path/filepath"
	"strings"
	"testing"
	"time"

	"github.com/stretchr/testify/require"
)

// shell runs commands as a user would from the repository root: with the repository's build/
// first on PATH (as the documents tell the reader) and a home directory of the test's own.
type shell struct {
	t    *testing.T
	repo string   // the repository root, where make and the document's commands run
	work string   // the test's temporary directory
	env  []string // the environment of every command
	doc  string   // the document whose blocks runDocBlock runs, relative to repo
}

// newShell prepares the environment of a test that runs doc.
func newShell(t *testing.T, doc string) *shell {
	repo, err := filepath.Abs(filepath.Join("..", "..", ".."))
	require.NoError(t, err)
	work := t.TempDir()
	s := &shell{t: t, repo: repo, work: work, doc: doc}
	s.env = append(os.Environ(),
		"PATH="+filepath.Join(repo, "build")+string(os.PathListSeparator)+os.Getenv("PATH"),
		"HOME="+filepath.Join(work, "user"),
	)
	if gocache, err := exec.Command("go", "env", "GOCACHE").Output(); err == nil {
		s.env = append(s.env, "GOCACHE="+strings.TrimSpace(string(gocache))) // HOME moved; keep the cache
	}
	if gopath, err := exec.Command("go", "env", "GOPATH").Output(); err == nil {
		s.env = append(s.env, "GOPATH="+strings.TrimSpace(string(gopath)))
	}
	return s
}

// run runs a command in the repository root with the test's environment, for at most timeout.
func (s *shell) run(timeout time.Duration, name string, args ...string) (string, string, error) {
	ctx, cancel := context.WithTimeout(context.Background(), timeout)
	defer cancel()
	cmd := exec.CommandContext(ctx, name, args...)
	cmd.Dir = s.repo
	cmd.Env = s.env
	var stdout, stderr bytes.Buffer
	cmd.Stdout, cmd.Stderr = &stdout, &stderr
	err := cmd.Run()
	if ctx.Err() != nil {
		err = fmt.Errorf("%s %v did not finish within %s", name, args, timeout)
	}
	return stdout.String(), stderr.String(), err
}

func (s *shell) mustRun(timeout time.Duration, name string, args ...string) string {
	s.t.Helper()
	out, errOut, err := s.run(timeout, name, args...)
	require.NoError(s.t, err, "%s %v\nstdout:\n%s\nstderr:\n%s", name, args, out, errOut)
	return out
}

// runDocument runs the document's shell blocks in order, each after the variable assignments of
// the blocks before it, except those containing stop (the blocks that stop what the document
// started), which it returns with the assignments for the caller to run last.
func (s *shell) runDocument(stop string) (prelude []string, stopBlocks []docBlock) {
	s.t.Helper()
	blocks, err := readDocBlocks(filepath.Join(s.repo, s.doc))
	require.NoError(s.t, err)
	require.NotEmpty(s.t, blocks)
	for _, b := range blocks {
		if strings.Contains(b.script, stop) {
			stopBlocks = append(stopBlocks, b)
			continue
		}
		s.runDocBlock(b, prelude)
		prelude = append(prelude, assignments(b.script)...)
	}
	require.NotEmpty(s.t, stopBlocks, "%s shows how to stop what it started (%s)", s.doc, stop)
	return prelude, stopBlocks
}

// runDocBlock runs one shell block of the document after the variable assignments of the blocks
// before it, and checks its output against the output the document shows.
func (s *shell) runDocBlock(b docBlock, prelude []string) {
	s.t.Helper()
	script := strings.Join(append(append([]string{}, prelude...), b.script), "\n")
	out, errOut, err := s.run(20*time.Minute, "bash", "-euo", "pipefail", "-c", script)
	require.NoError(s.t, err, "%s:%d\n%s\nstdout:\n%s\nstderr:\n%s", s.doc, b.line, b.script, out, errOut)
	switch b.format {
	case "json":
		var got, want any
		require.NoError(s.t, json.Unmarshal([]byte(out), &got), "%s:%d prints no JSON:\n%s", s.doc, b.line, out)
		require.NoError(s.t, json.Unmarshal([]byte(b.want), &want), "%s:%d: the shown output is not JSON", s.doc, b.line)
		vars := s.shellVars(prelude, b.script)
		require.NoError(s.t, matchJSON(want, got, vars, "output"), "%s:%d\n%s\nprinted:\n%s", s.doc, b.line, b.script, out)
	case "text":
		for _, line := range strings.Split(strings.TrimSpace(b.want), "\n") {
			require.Contains(s.t, out, strings.TrimSpace(line), "%s:%d\n%s", s.doc, b.line, b.script)
		}
	}
}

// shellVars evaluates the variable assignments the document has made up to and in script.
func (s *shell) shellVars(prelude []string, script string) map[string]string {
	s.t.Helper()
	lines := append(append([]string{"set -a"}, prelude...), assignments(script)...)
	out := s.mustRun(time.Minute, "bash", "-euo", "pipefail", "-c", strings.Join(append(lines, "env -0"), "\n"))
	vars := map[string]string{}
	for _, kv := range strings.Split(out, "\x00") {
		if k, v, ok := strings.Cut(kv, "="); ok {
			vars[k] = v
		}
	}
	return vars
}

// freePortRange finds a base port such that base .. base+size-1 are all free on 127.0.0.1.
func freePortRange(t *testing.T, size int) int {
	for attempt := 0; attempt < 100; attempt++ {
		base := 20000 + (os.Getpid()*7919+attempt*104729)%30000
		var held []net.Listener
		ok := true
		for p := base; p < base+size; p++ {
			l, err := net.Listen("tcp", fmt.Sprintf("127.0.0.1:%d", p))
			if err != nil {
				ok = false
				break
			}
			held = append(held, l)
		}
		for _, l := range held {
			require.NoError(t, l.Close())
		}
		if ok {
			return base
		}
	}
	t.Fatal("no free range of ports on 127.0.0.1")
	return 0
}

// alive reports whether pid is a running process (not a zombie).
func alive(pid int) bool {
	raw, err := os.ReadFile(fmt.Sprintf("/proc/%d/stat", pid))
	if err != nil {
		return false
	}
	fields := strings.Fields(string(raw[bytes.LastIndexByte(raw, ')')+1:]))
	return len(fields) > 0 && fields[0] != "Z"
}
