//go:build e2emesh

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

// The two networks of scripts/localnet-mesh.sh: the provider's validators, the consumer's, and the
// ports they take from the base port (the consumer starts 50 above it).
const (
	providerValidators = 3
	consumerValidators = 4
	meshPorts          = 50 + 10*consumerValidators
)

// addressPrefixes are the bech32 account prefixes of the two networks.
var addressPrefixes = map[string]string{"provider": "provider", "consumer": "consumer"}

// meshnet is the pair of networks and the relayer the test started.
type meshnet struct {
	*shell
	home string // LOCALNET_MESH_HOME
	base int    // LOCALNET_MESH_BASE_PORT
}

// TestMeshNetworksAsAUser runs docs/localnet-mesh.md: two meshd networks and the Go relayer
// started by make localnet-mesh, both governance pairings and the Mesh Security channel, tokens
// sent to the consumer and back over the relayed transfer channel, collateral bonded and staked on
// the provider, a cross-stake that becomes virtual stake in the consumer's x/staking, rewards
// credited on the provider and withdrawn to the consumer, an unstake, a consumer validator with
// alice's cross-stake on it stopped until it is jailed for downtime (the provider's stake on it,
// the vault's collateral and lien drop by the downtime ratio) and restarted, and the unbonded
// cross-stake released to the vault and the free collateral unbonded, every figure read back with
// meshd queries. Each network has its own address prefix: the document's addresses, the
// validators' operator addresses from genesis and the pairings' prefixes carry them. The relayer's
// running process (not a setup step) delivered the packets, the restarted validator caught up,
// and the stop block stops every process the networks and the relayer recorded.
func TestMeshNetworksAsAUser(t *testing.T) {
	n := &meshnet{shell: newShell(t, filepath.Join("docs", "localnet-mesh.md"))}
	n.home = filepath.Join(n.work, "localnet-mesh")
	n.base = freePortRange(t, meshPorts)
	n.env = append(n.env, "LOCALNET_MESH_HOME="+n.home, "LOCALNET_MESH_BASE_PORT="+strconv.Itoa(n.base))
	t.Cleanup(n.killAll)

	prelude, stopBlocks := n.runDocument("localnet-mesh-stop")

	relayed, err := os.ReadFile(filepath.Join(n.home, "relayer", "relayer.log"))
	require.NoError(t, err)
	for _, chain := range []string{"mesh-provider-1", "mesh-consumer-1"} {
		require.Regexp(t, fmt.Sprintf(`"chain_id": "%s".*"msg_types": \[[^\]]*MsgRecvPacket`, chain), string(relayed),
			"rly start delivered a packet to %s", chain)
	}

	n.waitCaughtUp(3)
	n.checkMeshChannel()
	n.checkAddressPrefixes(prelude)

	pids := n.pids()
	require.Len(t, pids, providerValidators+consumerValidators+1, "every validator and the relayer recorded a pid")
	for _, pid := range pids {
		require.True(t, alive(pid), "process %d stopped before the document stopped it", pid)
	}
	for _, b := range stopBlocks {
		n.runDocBlock(b, prelude)
	}
	for _, pid := range pids {
		require.False(t, alive(pid), "process %d that make localnet-mesh started is still running", pid)
	}
}

// checkMeshChannel checks the mesh stage: with the converter in meshd, the Mesh Security channel
// is open from the consumer's port to the provider's with the protocol's version, and both
// pairings name it; without it, only the provider's pairing exists (the document shows it) and no
// channel was opened on the Mesh Security ports.
func (n *meshnet) checkMeshChannel() {
	t := n.t
	help, _, _ := n.run(time.Minute, n.meshdPath(), "query", "converter", "--help")
	hasConverter := strings.Contains(help, "meshd query converter")
	var channels struct {
		Channels []struct {
			PortID       string `json:"port_id"`
			ChannelID    string `json:"channel_id"`
			State        string `json:"state"`
			Ordering     string `json:"ordering"`
			Version      string `json:"version"`
			Counterparty struct {
				PortID    string `json:"port_id"`
				ChannelID string `json:"channel_id"`
			} `json:"counterparty"`
		} `json:"channels"`
	}
	out := n.meshd("consumer", "query", "ibc", "channel", "channels")
	require.NoError(t, json.Unmarshal([]byte(out), &channels))
	var mesh []string
	for _, c := range channels.Channels {
		if c.PortID != "meshconsumer" {
			continue
		}
		mesh = append(mesh, c.ChannelID)
		require.Equal(t, "STATE_OPEN", c.State)
		require.Equal(t, "ORDER_UNORDERED", c.Ordering)
		require.Equal(t, `{"protocol":"mesh-security","version":"0.11.0"}`, c.Version)
		require.Equal(t, "meshprovider", c.Counterparty.PortID)
		provider := n.meshd("provider", "query", "externalstaking", "pairing", "mesh-consumer-1")
		require.Contains(t, compact(provider), fmt.Sprintf(`"channel_id":"%s"`, c.Counterparty.ChannelID))
		consumer := n.meshd("consumer", "query", "converter", "pairing", "mesh-provider-1")
		require.Contains(t, compact(consumer), fmt.Sprintf(`"channel_id":"%s"`, c.ChannelID))
	}
	if hasConverter {
		require.Len(t, mesh, 1, "one Mesh Security channel")
	} else {
		require.Empty(t, mesh, "no Mesh Security channel without the converter")
	}
}

// checkAddressPrefixes checks that the addresses the document worked with, and every validator
// each network made in genesis, carry their network's prefix.
func (n *meshnet) checkAddressPrefixes(prelude []string) {
	t := n.t
	vars := n.shellVars(prelude, "")
	for name, prefix := range map[string]string{
		"ALICE": "provider1", "PVAL0": "providervaloper1",
		"BOB": "consumer1", "CVAL0": "consumervaloper1", "VAL3": "consumervaloper1",
	} {
		require.True(t, strings.HasPrefix(vars[name], prefix), "%s=%q is no %s... address", name, vars[name], prefix)
	}
	for network, count := range map[string]int{"provider": providerValidators, "consumer": consumerValidators} {
		var validators struct {
			Validators []struct {
				OperatorAddress string `json:"operator_address"`
			} `json:"validators"`
		}
		require.NoError(t, json.Unmarshal([]byte(n.meshd(network, "query", "staking", "validators")), &validators))
		require.Len(t, validators.Validators, count, network)
		for _, v := range validators.Validators {
			require.True(t, strings.HasPrefix(v.OperatorAddress, addressPrefixes[network]+"valoper1"),
				"%s validator %s", network, v.OperatorAddress)
		}
	}
}

// meshd runs a meshd command against a network as its users do: with the network's address
// prefix, its client home and JSON output.
func (n *meshnet) meshd(network string, args ...string) string {
	n.t.Helper()
	args = append(args, "-o", "json", "--home", filepath.Join(n.home, network, "client"))
	return n.mustRun(time.Minute, "env", append([]string{"MESHD_ADDRESS_PREFIX=" + addressPrefixes[network], n.meshdPath()}, args...)...)
}

// compact is JSON output without its white space.
func compact(s string) string { return strings.Join(strings.Fields(s), "") }

func (n *meshnet) meshdPath() string { return filepath.Join(n.repo, "build", "meshd") }

// waitCaughtUp waits (at most two minutes) until consumer validator i reports the height validator 0
// had when the wait began, and is no longer catching up.
func (n *meshnet) waitCaughtUp(i int) {
	n.t.Helper()
	target := n.consumerHeight(0)
	require.Positive(n.t, target)
	deadline := time.Now().Add(2 * time.Minute)
	for time.Now().Before(deadline) {
		if n.consumerHeight(i) >= target {
			return
		}
		time.Sleep(time.Second)
	}
	n.t.Fatalf("consumer validator %d did not catch up with height %d", i, target)
}

// consumerHeight is consumer validator i's latest height once it has caught up, -1 before.
func (n *meshnet) consumerHeight(i int) int64 {
	out, _, err := n.run(time.Minute, n.meshdPath(), "status", "--node",
		fmt.Sprintf("tcp://127.0.0.1:%d", n.base+50+10*i+1))
	if err != nil {
		return -1
	}
	var status struct {
		SyncInfo struct {
			LatestBlockHeight string `json:"latest_block_height"`
			CatchingUp        bool   `json:"catching_up"`
		} `json:"sync_info"`
	}
	if json.Unmarshal([]byte(out), &status) != nil || status.SyncInfo.CatchingUp {
		return -1
	}
	h, err := strconv.ParseInt(status.SyncInfo.LatestBlockHeight, 10, 64)
	if err != nil {
		return -1
	}
	return h
}

// pidFiles are where the networks and the relayer recorded their processes.
func (n *meshnet) pidFiles() []string {
	files := []string{filepath.Join(n.home, "relayer", "relayer.pid")}
	for i := 0; i < providerValidators; i++ {
		files = append(files, filepath.Join(n.home, "provider", fmt.Sprintf("node%d", i), "meshd.pid"))
	}
	for i := 0; i < consumerValidators; i++ {
		files = append(files, filepath.Join(n.home, "consumer", fmt.Sprintf("node%d", i), "meshd.pid"))
	}
	return files
}

// pids are the processes recorded in the pid files that exist.
func (n *meshnet) pids() []int {
	var pids []int
	for _, file := range n.pidFiles() {
		raw, err := os.ReadFile(file)
		if err != nil {
			continue
		}
		pid, err := strconv.Atoi(strings.TrimSpace(string(raw)))
		require.NoError(n.t, err, file)
		pids = append(pids, pid)
	}
	return pids
}

// killAll stops whatever the test started that is still running (on failure, too).
func (n *meshnet) killAll() {
	pids := n.pids()
	_, _, _ = n.run(2*time.Minute, "bash", "scripts/localnet-mesh.sh", "stop")
	for _, pid := range pids {
		if alive(pid) {
			_ = syscall.Kill(pid, syscall.SIGKILL)
		}
	}
}
