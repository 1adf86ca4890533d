//go:build e2e

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
	"strconv"
	"strings"
	"syscall"
	"testing"
	"time"

	"github.com/stretchr/testify/require"
)

// validators is the size of the local network: four, so that each holds a quarter of the power
// and the chain keeps going while one is stopped.
const validators = 4

// localnet is the network the test started, and how to reach it.
type localnet struct {
	t    *testing.T
	repo string   // the repository root, where make and the document's commands run
	work string   // the test's temporary directory
	env  []string // the environment of every command
	base int      // the first port
}

func TestMeshdAsAUser(t *testing.T) {
	n := newLocalnet(t)

	blocks, err := readDocBlocks(filepath.Join(n.repo, "docs", "meshd.md"))
	require.NoError(t, err)
	require.NotEmpty(t, blocks)
	var prelude []string
	var stopBlocks []docBlock
	for _, b := range blocks {
		if strings.Contains(b.script, "localnet-stop") {
			stopBlocks = append(stopBlocks, b)
			continue
		}
		n.runDocBlock(b, prelude)
		prelude = append(prelude, assignments(b.script)...)
	}
	require.NotEmpty(t, stopBlocks, "the document shows how to stop the localnet")

	n.checkRestartKeepsState()
	n.checkBadInput()

	pids := n.pids()
	require.Len(t, pids, validators)
	for _, b := range stopBlocks {
		n.runDocBlock(b, prelude)
	}
	for _, pid := range pids {
		require.False(t, alive(pid), "process %d the localnet started is still running", pid)
	}
}

// newLocalnet prepares the environment: the repository's build/ first on PATH (as the document
// tells the reader), the localnet's home in a temporary directory, free loopback ports.
func newLocalnet(t *testing.T) *localnet {
	repo, err := filepath.Abs(filepath.Join("..", "..", ".."))
	require.NoError(t, err)
	work := t.TempDir()
	n := &localnet{t: t, repo: repo, work: work, base: freePortRange(t, 10*validators)}
	n.env = append(os.Environ(),
		"PATH="+filepath.Join(repo, "build")+string(os.PathListSeparator)+os.Getenv("PATH"),
		"HOME="+filepath.Join(work, "user"),
		"LOCALNET_HOME="+filepath.Join(work, "localnet"),
		"LOCALNET_BASE_PORT="+strconv.Itoa(n.base),
		"LOCALNET_VALIDATORS="+strconv.Itoa(validators),
		"MESH_HOME="+filepath.Join(work, "localnet", "client"),
		"NODE_HOME="+filepath.Join(work, "single-node"),
	)
	if gocache, err := exec.Command("go", "env", "GOCACHE").Output(); err == nil {
		n.env = append(n.env, "GOCACHE="+strings.TrimSpace(string(gocache))) // HOME moved; keep the cache
	}
	if gopath, err := exec.Command("go", "env", "GOPATH").Output(); err == nil {
		n.env = append(n.env, "GOPATH="+strings.TrimSpace(string(gopath)))
	}
	t.Cleanup(n.killAll)
	return n
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

// run runs a command in the repository root with the test's environment, for at most timeout.
func (n *localnet) run(timeout time.Duration, name string, args ...string) (string, string, error) {
	ctx, cancel := context.WithTimeout(context.Background(), timeout)
	defer cancel()
	cmd := exec.CommandContext(ctx, name, args...)
	cmd.Dir = n.repo
	cmd.Env = n.env
	var stdout, stderr bytes.Buffer
	cmd.Stdout, cmd.Stderr = &stdout, &stderr
	err := cmd.Run()
	if ctx.Err() != nil {
		err = fmt.Errorf("%s %v did not finish within %s", name, args, timeout)
	}
	return stdout.String(), stderr.String(), err
}

func (n *localnet) mustRun(timeout time.Duration, name string, args ...string) string {
	n.t.Helper()
	out, errOut, err := n.run(timeout, name, args...)
	require.NoError(n.t, err, "%s %v\nstdout:\n%s\nstderr:\n%s", name, args, out, errOut)
	return out
}

// meshd runs meshd against the client home (validator 0 unless --node says otherwise).
func (n *localnet) meshd(args ...string) (string, string, error) {
	return n.run(time.Minute, filepath.Join(n.repo, "build", "meshd"),
		append(args, "--home", filepath.Join(n.work, "localnet", "client"))...)
}

func (n *localnet) mustMeshd(args ...string) string {
	n.t.Helper()
	out, errOut, err := n.meshd(args...)
	require.NoError(n.t, err, "meshd %v\nstdout:\n%s\nstderr:\n%s", args, out, errOut)
	return out
}

// runDocBlock runs one shell block of the document after the variable assignments of the blocks
// before it, and checks its output against the output the document shows.
func (n *localnet) runDocBlock(b docBlock, prelude []string) {
	n.t.Helper()
	script := strings.Join(append(append([]string{}, prelude...), b.script), "\n")
	out, errOut, err := n.run(10*time.Minute, "bash", "-euo", "pipefail", "-c", script)
	require.NoError(n.t, err, "docs/meshd.md:%d\n%s\nstdout:\n%s\nstderr:\n%s", b.line, b.script, out, errOut)
	switch b.format {
	case "json":
		var got, want any
		require.NoError(n.t, json.Unmarshal([]byte(out), &got), "docs/meshd.md:%d prints no JSON:\n%s", b.line, out)
		require.NoError(n.t, json.Unmarshal([]byte(b.want), &want), "docs/meshd.md:%d: the shown output is not JSON", b.line)
		vars := n.shellVars(prelude, b.script)
		require.NoError(n.t, matchJSON(want, got, vars, "output"), "docs/meshd.md:%d\n%s\nprinted:\n%s", b.line, b.script, out)
	case "text":
		for _, line := range strings.Split(strings.TrimSpace(b.want), "\n") {
			require.Contains(n.t, out, strings.TrimSpace(line), "docs/meshd.md:%d\n%s", b.line, b.script)
		}
	}
}

// shellVars evaluates the variable assignments the document has made up to and in script.
func (n *localnet) shellVars(prelude []string, script string) map[string]string {
	n.t.Helper()
	lines := append(append([]string{"set -a"}, prelude...), assignments(script)...)
	out := n.mustRun(time.Minute, "bash", "-euo", "pipefail", "-c", strings.Join(append(lines, "env -0"), "\n"))
	vars := map[string]string{}
	for _, kv := range strings.Split(out, "\x00") {
		if k, v, ok := strings.Cut(kv, "="); ok {
			vars[k] = v
		}
	}
	return vars
}

// nodeURL is validator i's RPC address.
func (n *localnet) nodeURL(i int) string { return fmt.Sprintf("tcp://127.0.0.1:%d", n.base+10*i+1) }

// height is validator i's latest block height.
func (n *localnet) height(i int) int64 {
	n.t.Helper()
	out, _, err := n.meshd("status", "--node", n.nodeURL(i))
	if err != nil {
		return -1
	}
	var status struct {
		SyncInfo struct {
			LatestBlockHeight string `json:"latest_block_height"`
		} `json:"sync_info"`
	}
	if json.Unmarshal([]byte(out), &status) != nil {
		return -1
	}
	h, err := strconv.ParseInt(status.SyncInfo.LatestBlockHeight, 10, 64)
	if err != nil {
		return -1
	}
	return h
}

// waitHeight waits (at most a minute) until validator i has reached height h.
func (n *localnet) waitHeight(i int, h int64) {
	n.t.Helper()
	deadline := time.Now().Add(time.Minute)
	for time.Now().Before(deadline) {
		if n.height(i) >= h {
			return
		}
		time.Sleep(300 * time.Millisecond)
	}
	n.t.Fatalf("validator %d did not reach height %d within a minute (it is at %d)", i, h, n.height(i))
}

// pidFile is where the localnet recorded validator i's process.
func (n *localnet) pidFile(i int) string {
	return filepath.Join(n.work, "localnet", fmt.Sprintf("node%d", i), "meshd.pid")
}

// pids are the processes the localnet recorded.
func (n *localnet) pids() []int {
	var pids []int
	for i := 0; i < validators; i++ {
		raw, err := os.ReadFile(n.pidFile(i))
		if err != nil {
			continue
		}
		pid, err := strconv.Atoi(strings.TrimSpace(string(raw)))
		require.NoError(n.t, err)
		pids = append(pids, pid)
	}
	return pids
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

// killAll stops whatever the localnet started that is still running (on failure, too).
func (n *localnet) killAll() {
	_, _, _ = n.run(time.Minute, "bash", "scripts/localnet.sh", "stop")
	for _, pid := range n.pids() {
		if alive(pid) {
			_ = syscall.Kill(pid, syscall.SIGKILL)
		}
	}
}

// vaultAccount is a user's vault account as validator i reports it at height (0: latest).
func (n *localnet) vaultAccount(i int, owner string, height int64) map[string]any {
	n.t.Helper()
	args := []string{"query", "vault", "account", owner, "--node", n.nodeURL(i), "-o", "json"}
	if height > 0 {
		args = append(args, "--height", strconv.FormatInt(height, 10))
	}
	var account map[string]any
	require.NoError(n.t, json.Unmarshal([]byte(n.mustMeshd(args...)), &account))
	return account
}

// checkRestartKeepsState stops a validator: the others keep making blocks; restarted, it loads its
// state from disk, catches up, and answers queries as the others do.
func (n *localnet) checkRestartKeepsState() {
	t := n.t
	alice := strings.TrimSpace(n.mustMeshd("keys", "show", "alice", "-a"))
	last := validators - 1
	before := n.height(0)
	n.waitHeight(last, before)
	stateBefore := n.vaultAccount(last, alice, before)
	require.Equal(t, n.vaultAccount(0, alice, before), stateBefore, "validators agree at height %d", before)

	pid := n.pids()[last]
	require.NoError(t, syscall.Kill(pid, syscall.SIGTERM))
	deadline := time.Now().Add(30 * time.Second)
	for alive(pid) && time.Now().Before(deadline) {
		time.Sleep(100 * time.Millisecond)
	}
	require.False(t, alive(pid), "validator %d did not stop within 30s", last)
	stopped := n.height(0)
	n.waitHeight(0, stopped+3) // the chain goes on without it

	n.mustRun(time.Minute, "bash", "scripts/localnet.sh", "start-node", strconv.Itoa(last))
	restarted := n.pids()[last]
	require.NotEqual(t, pid, restarted)
	n.waitHeight(last, stopped+3)
	require.Equal(t, stateBefore, n.vaultAccount(last, alice, before), "the restarted validator kept its state")
	now := n.height(last)
	n.waitHeight(0, now)
	require.Equal(t, n.vaultAccount(0, alice, now), n.vaultAccount(last, alice, now), "validators agree at height %d", now)
}

// txResult is what a broadcast or an included transaction reports.
type txResult struct {
	Code      uint32 `json:"code"`
	Codespace string `json:"codespace"`
	RawLog    string `json:"raw_log"`
	TxHash    string `json:"txhash"`
}

// checkBadInput sends the bad inputs a user tries: the command line refuses malformed arguments
// with a clear message, CheckTx refuses malformed messages, and a stateful refusal reads in the
// user's terms with no source paths.
func (n *localnet) checkBadInput() {
	t := n.t
	val0 := strings.TrimSpace(n.mustMeshd("keys", "show", "val0", "--bech", "val", "-a"))
	for _, c := range []struct {
		args []string
		want string
	}{
		{[]string{"tx", "vault", "bond", "abc"}, `invalid amount "abc": want a whole number followed by a denom, such as 100stake`},
		{[]string{"tx", "vault", "bond", "-5stake"}, "-5stake is not a valid argument: amounts and numbers must be positive"},
		{[]string{"tx", "vault", "bond", "0stake"}, `invalid amount "0stake": must be positive`},
		{[]string{"tx", "vault", "stake-local", "100stake", val0}, `invalid amount "` + val0 + `"`},
		{[]string{"tx", "localstaking", "unstake", "cosmosvaloper1xyz", "1stake"}, `invalid validator "cosmosvaloper1xyz": want a validator operator address`},
		{[]string{"tx", "localstaking", "vote", "1", "maybe"}, `invalid option "maybe"`},
	} {
		out, errOut, err := n.meshd(append(c.args, "--from", "alice", "-y")...)
		require.Error(t, err, "%v printed %s", c.args, out)
		require.Contains(t, errOut, c.want, "%v", c.args)
		require.NotContains(t, errOut, "panic", "%v", c.args)
	}

	_, errOut, err := n.meshd("query", "vault", "pending-lien", "999")
	require.Error(t, err)
	require.Contains(t, errOut, "id 999: unknown pending lien")

	// malformed messages signed and broadcast anyway fail in CheckTx
	for _, c := range []struct {
		args       []string
		field, bad string
		code       uint32
		want       string
	}{
		{[]string{"tx", "vault", "bond", "1stake"}, `"amount":"1"`, `"amount":"0"`, 2, "the amount must be positive"},
		{[]string{"tx", "vault", "unbond", "1stake"}, `"denom":"stake"`, `"denom":"5"`, 2, "invalid denom"},
		{[]string{"tx", "vault", "stake-local", val0, "1stake"}, `"validator":"` + val0 + `"`, `"validator":"nobody"`, 11,
			"is not a validator operator address"},
		{[]string{"tx", "localstaking", "redelegate", val0, val0, "1stake"}, "", "", 19, "name another destination"},
	} {
		res := n.broadcastModified(c.args, c.field, c.bad)
		require.Equal(t, c.code, res.Code, "%v: CheckTx refuses it: %s", c.args, res.RawLog)
		require.Contains(t, res.RawLog, c.want, "%v", c.args)
	}

	// stateful refusals fail in the block, in the user's terms
	for _, c := range []struct {
		from string
		args []string
		code uint32
		want string
	}{
		{"bob", []string{"tx", "vault", "unbond", "5stake"}, 2,
			"you asked to unbond 5stake but your collateral is 0stake; unbond at most what you bonded"},
		{"alice", []string{"tx", "vault", "stake-local", val0, "999999999999stake"}, 5, "you asked to stake 999999999999stake with local"},
	} {
		var sent txResult
		require.NoError(t, json.Unmarshal([]byte(n.mustMeshd(append(c.args, "--from", c.from, "-y", "-o", "json")...)), &sent))
		require.Zero(t, sent.Code, "%v passes CheckTx: %s", c.args, sent.RawLog)
		var included txResult
		require.NoError(t, json.Unmarshal([]byte(n.mustMeshd("query", "wait-tx", sent.TxHash, "-o", "json")), &included))
		require.Equal(t, c.code, included.Code, "%v: %s", c.args, included.RawLog)
		require.Contains(t, included.RawLog, c.want)
		require.NotContains(t, included.RawLog, ".go:")
	}
}

// broadcastModified generates the transaction of args, replaces field with bad in its JSON
// (when field is set), signs it as alice and broadcasts it, returning the broadcast's result.
func (n *localnet) broadcastModified(args []string, field, bad string) txResult {
	t := n.t
	generated := n.mustMeshd(append(args, "--from", "alice", "--generate-only")...)
	if field != "" {
		require.Contains(t, generated, field)
		generated = strings.Replace(generated, field, bad, 1)
	}
	unsigned := filepath.Join(n.work, "unsigned.json")
	require.NoError(t, os.WriteFile(unsigned, []byte(generated), 0o600))
	signed := n.mustMeshd("tx", "sign", unsigned, "--from", "alice")
	signedFile := filepath.Join(n.work, "signed.json")
	require.NoError(t, os.WriteFile(signedFile, []byte(signed), 0o600))
	var res txResult
	require.NoError(t, json.Unmarshal([]byte(n.mustMeshd("tx", "broadcast", signedFile, "-o", "json")), &res))
	return res
}
