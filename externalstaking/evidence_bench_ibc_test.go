package externalstaking_test

import (
	"fmt"
	"testing"

	"cosmossdk.io/collections"
	sdk "github.com/cosmos/cosmos-sdk/types"
	"github.com/stretchr/testify/require"

	"github.com/meshsecurity/mesh/externalstaking/types"
	"github.com/meshsecurity/mesh/testutil"
)

// BenchmarkSubmitConsumerDoubleSign is the whole transaction of valid double-sign evidence
// against a consumer validator with N cross-stakers (compare with BenchmarkRelayedNativeMsgDelegate
// in the same run): verification does not depend on N and the slash is O(1) in N. Between
// submissions the validator's record is put back as it was (not tombstoned), and the evidence is
// renewed every 20 submissions, before its trusted consensus state ages.
func BenchmarkSubmitConsumerDoubleSign(b *testing.B) {
	for _, n := range []int{10, 1_000} {
		b.Run(fmt.Sprintf("stakers=%d", n), func(b *testing.B) {
			e := newEvidenceEnv(b)
			e.populate(e.ch.ChannelB, e.name, n)
			k := e.provider.App.ExternalStakingKeeper
			key := collections.Join(pairingID, e.name)
			clean := e.validator(e.name)
			require.Equal(b, fmt.Sprint(n*1_000), clean.Tokens.String())
			submitter := e.provider.Accounts[1]
			var msg *types.MsgSubmitConsumerDoubleSign
			testutil.ReportTxGas(b, e.provider, func(i int) testutil.TxCase {
				require.NoError(b, k.Validators.Set(e.provider.Context(), key, clean))
				if i%20 == 0 {
					require.NoError(b, e.link.UpdateClients())
					voteA, voteB, header := e.doubleSign()
					msg = e.msg(submitter, voteA, voteB, header)
				}
				return testutil.TxCase{Signer: submitter, Msgs: []sdk.Msg{msg}}
			})
			require.True(b, e.validator(e.name).Tombstoned, "the last submission was applied")
		})
	}
}
