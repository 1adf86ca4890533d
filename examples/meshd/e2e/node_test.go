//go:build e2e

package e2e

import (
	"encoding/json"
	"fmt"
	"os"
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
	*shell
	base int // the first port
}

func TestMeshdAsAUser(t *testing.T) {
	n := newLocalnet(t)
	prelude, stopBlocks := n.runDocument("localnet-stop")

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

// newLocalnet prepares the environment: the localnet's home in a temporary directory, free
// loopback ports.
func newLocalnet(t *testing.T) *localnet {
	n := &localnet{shell: newShell(t, filepath.Join("docs", "meshd.md")), base: freePortRange(t, 10*validators)}
	n.env = append(n.env,
		"LOCALNET_HOME="+filepath.Join(n.work, "localnet"),
		"LOCALNET_BASE_PORT="+strconv.Itoa(n.base),
		"LOCALNET_VALIDATORS="+strconv.Itoa(validators),
		"MESH_HOME="+filepath.Join(n.work, "localnet", "client"),
		"NODE_HOME="+filepath.Join(n.work, "single-node"),
	)
	t.Cleanup(n.killAll)
	return n
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
