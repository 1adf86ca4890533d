package meshapp_test

import (
	"encoding/json"
	"fmt"
	"os"
	"path/filepath"
	"regexp"
	"strings"
	"testing"
	"time"

	"github.com/stretchr/testify/require"

	"github.com/cosmos/cosmos-sdk/codec"
	sdk "github.com/cosmos/cosmos-sdk/types"
	govtypes "github.com/cosmos/cosmos-sdk/x/gov/types"
	govv1 "github.com/cosmos/cosmos-sdk/x/gov/types/v1"

	convertertypes "github.com/meshsecurity/mesh/converter/types"
	"github.com/meshsecurity/mesh/examples/meshapp"
	externalstakingtypes "github.com/meshsecurity/mesh/externalstaking/types"
	"github.com/meshsecurity/mesh/ibcproto"
	"github.com/meshsecurity/mesh/testutil"
)

const guidePath = "../../docs/integration.md"

// fencedBlocks returns the bodies of the fenced blocks of a language in a Markdown document, each
// with the comment line that precedes its fence ("" when there is none).
func fencedBlocks(t *testing.T, path, lang string) (bodies, labels []string) {
	raw, err := os.ReadFile(path)
	require.NoError(t, err)
	re := regexp.MustCompile("(?m)(?:<!-- (.*) -->\n)?^```" + lang + "\n((?s:.*?))^```$")
	for _, m := range re.FindAllStringSubmatch(string(raw), -1) {
		labels = append(labels, m[1])
		bodies = append(bodies, m[2])
	}
	return bodies, labels
}

// TestGuideSnippetsAreMeshappCode checks that every Go block of the integration guide appears
// verbatim in meshapp's sources, so the guide cannot drift from the code the tests build.
func TestGuideSnippetsAreMeshappCode(t *testing.T) {
	files, err := filepath.Glob("*.go")
	require.NoError(t, err)
	var sources strings.Builder
	for _, f := range files {
		if strings.HasSuffix(f, "_test.go") {
			continue
		}
		raw, err := os.ReadFile(f)
		require.NoError(t, err)
		sources.Write(raw)
	}
	blocks, _ := fencedBlocks(t, guidePath, "go")
	require.GreaterOrEqual(t, len(blocks), 15)
	for _, block := range blocks {
		require.Contains(t, sources.String(), block, "a Go block of docs/integration.md is not in meshapp's sources")
	}
}

// guideProposal is the file format of `tx gov submit-proposal`.
type guideProposal struct {
	Messages []json.RawMessage `json:"messages"`
	Metadata string            `json:"metadata"`
	Deposit  string            `json:"deposit"`
	Title    string            `json:"title"`
	Summary  string            `json:"summary"`
}

// TestGuideProposalsPass submits the guide's pairing proposals, exactly as written there, to a
// test chain's governance, votes them through and checks both pairings exist.
func TestGuideProposalsPass(t *testing.T) {
	voting := 30 * time.Second
	c := testutil.NewChain(t, testutil.ChainConfig{ChainID: "guide-1", GenesisModifiers: []testutil.GenesisModifier{
		func(cdc codec.Codec, state meshapp.GenesisState) error {
			var gov govv1.GenesisState
			if err := cdc.UnmarshalJSON(state[govtypes.ModuleName], &gov); err != nil {
				return err
			}
			gov.Params.VotingPeriod = &voting
			raw, err := cdc.MarshalJSON(&gov)
			state[govtypes.ModuleName] = raw
			return err
		},
	}})
	blocks, labels := fencedBlocks(t, guidePath, "json")
	var submitted []string
	for i, block := range blocks {
		if !strings.HasPrefix(labels[i], "proposal: ") {
			continue
		}
		submitted = append(submitted, strings.TrimPrefix(labels[i], "proposal: "))
		id := uint64(len(submitted))
		var p guideProposal
		require.NoError(t, json.Unmarshal([]byte(block), &p))
		msgs := make([]sdk.Msg, len(p.Messages))
		for j, raw := range p.Messages {
			require.NoError(t, c.App.AppCodec().UnmarshalInterfaceJSON(raw, &msgs[j]))
		}
		deposit, err := sdk.ParseCoinsNormalized(p.Deposit)
		require.NoError(t, err)
		proposer := c.Accounts[0]
		submit, err := govv1.NewMsgSubmitProposal(msgs, deposit, proposer.String(), p.Metadata, p.Title, p.Summary, false)
		require.NoError(t, err)
		_, _, err = c.DeliverTx(proposer, submit)
		require.NoError(t, err)
		for _, v := range c.Validators {
			_, _, err = c.DeliverTx(v.Operator, govv1.NewMsgVote(v.Operator.Address, id, govv1.OptionYes, ""))
			require.NoError(t, err)
		}
		c.NextBlocks(int(voting/testutil.DefaultBlockInterval) + 2)
		proposal, err := c.App.GovKeeper.Proposals.Get(c.Context(), id)
		require.NoError(t, err)
		require.Equal(t, govv1.StatusPassed, proposal.Status, proposal.FailedReason)
	}
	require.Equal(t, []string{"provider", "consumer"}, submitted)

	ctx := c.Context()
	provider, err := c.App.ExternalStakingKeeper.GetPairing(ctx, "mesh-consumer-1")
	require.NoError(t, err)
	require.Equal(t, "connection-0", provider.ConnectionId)
	require.Equal(t, 21*24*time.Hour, provider.UnbondingPeriod)
	consumer, err := c.App.ConverterKeeper.GetPairing(ctx, "mesh-provider-1")
	require.NoError(t, err)
	require.Equal(t, "stake", consumer.RemoteDenom)
	require.Equal(t, "1000000000", consumer.MaxCap.String())
}

// TestGuideRelayerCommandMatchesProtocol checks the relayer command of the guide: the consumer's
// port as source, the provider's as destination, an unordered channel and the protocol's version.
func TestGuideRelayerCommandMatchesProtocol(t *testing.T) {
	blocks, _ := fencedBlocks(t, guidePath, "sh")
	require.Len(t, blocks, 1)
	want := fmt.Sprintf("--src-port %s --dst-port %s --order unordered \\\n  --version '%s'",
		convertertypes.PortID, externalstakingtypes.PortID, ibcproto.DefaultVersion(nil).String())
	require.Contains(t, blocks[0], want)
}
