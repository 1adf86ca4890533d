package testutil

import (
	"testing"
	"time"
)

// GenesisTime is when every test network starts.
var GenesisTime = time.Date(2026, 1, 1, 0, 0, 0, 0, time.UTC)

// Network is a set of test chains sharing one clock, and the IBC links between them. Every block
// on any chain advances the clock by BlockInterval, so block times are strictly increasing
// across the network and a header is never ahead of the chain that receives it.
type Network struct {
	t testing.TB
	// BlockInterval is how far the clock moves for each block.
	BlockInterval time.Duration

	now    time.Time
	chains []*Chain
	links  []*Link
}

// NewNetwork creates an empty network starting at GenesisTime.
func NewNetwork(t testing.TB) *Network {
	return &Network{t: t, BlockInterval: DefaultBlockInterval, now: GenesisTime}
}

// NewChain creates a network holding a single chain built from cfg.
func NewChain(t testing.TB, cfg ChainConfig) *Chain {
	t.Helper()
	return NewNetwork(t).AddChain(cfg)
}

// AddChain builds a chain from cfg, runs its genesis and commits its first block.
func (n *Network) AddChain(cfg ChainConfig) *Chain {
	n.t.Helper()
	chain := newChain(n.t, n, cfg)
	n.chains = append(n.chains, chain)
	return chain
}

// Now returns the network's clock: the time of the latest block on any chain.
func (n *Network) Now() time.Time {
	return n.now
}

// tick advances the clock for a new block and returns the block's time.
func (n *Network) tick() time.Time {
	n.now = n.now.Add(n.BlockInterval)
	return n.now
}

// AdvanceTime moves the clock forward by at least d. It does so in steps no longer than half the
// shortest trusting period of any link, and at each step produces a block on every chain and
// updates both clients of every link, so every light client stays within its trusting period and
// every channel stays usable. With no link, one step suffices. Each block's last commit is fully
// signed except for validators marked absent, as for any other block.
func (n *Network) AdvanceTime(d time.Duration) error {
	n.t.Helper()
	step := n.maxTimeStep(d)
	for remaining := d; remaining > 0; remaining -= step {
		jump := min(step, remaining)
		if jump > n.BlockInterval {
			n.now = n.now.Add(jump - n.BlockInterval)
		}
		for _, c := range n.chains {
			c.NextBlock()
		}
		for _, l := range n.links {
			if err := l.UpdateClients(); err != nil {
				return err
			}
		}
	}
	return nil
}

// maxTimeStep is the longest clock jump that keeps every client alive.
func (n *Network) maxTimeStep(d time.Duration) time.Duration {
	step := d
	for _, l := range n.links {
		for _, c := range []*Chain{l.A, l.B} {
			step = min(step, c.TrustingPeriod()/2)
		}
	}
	return max(step, n.BlockInterval)
}
