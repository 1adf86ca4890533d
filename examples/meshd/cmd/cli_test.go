package cmd_test

import (
	"bytes"
	"testing"

	"github.com/cosmos/gogoproto/proto"
	"github.com/stretchr/testify/require"
	"google.golang.org/protobuf/reflect/protoreflect"

	"cosmossdk.io/math"

	svrcmd "github.com/cosmos/cosmos-sdk/server/cmd"
	sdk "github.com/cosmos/cosmos-sdk/types"
	moduletestutil "github.com/cosmos/cosmos-sdk/types/module/testutil"
	govv1 "github.com/cosmos/cosmos-sdk/x/gov/types/v1"

	"github.com/meshsecurity/mesh/examples/meshd/cmd"
	"github.com/meshsecurity/mesh/externalstaking"
	exttypes "github.com/meshsecurity/mesh/externalstaking/types"
	"github.com/meshsecurity/mesh/localstaking"
	localtypes "github.com/meshsecurity/mesh/localstaking/types"
	"github.com/meshsecurity/mesh/vault"
	vaulttypes "github.com/meshsecurity/mesh/vault/types"
)

var (
	cliOwner = sdk.AccAddress(bytes.Repeat([]byte{1}, 20)).String()
	cliValA  = sdk.ValAddress(bytes.Repeat([]byte{2}, 20)).String()
	cliValB  = sdk.ValAddress(bytes.Repeat([]byte{3}, 20)).String()
)

// txCase is one module command and the message it must produce.
type txCase struct {
	args []string
	want sdk.Msg
}

func stake(amount int64) sdk.Coin { return sdk.NewCoin("stake", math.NewInt(amount)) }

// cliTxCases has one case per user Msg of the vault, local staking and external staking (the
// authority's Msgs, UpdateParams and the pairing Msgs, go through a governance proposal).
func cliTxCases() map[string]txCase {
	return map[string]txCase{
		"/meshsecurity.vault.v1.MsgBond": {[]string{"vault", "bond", "100stake"},
			&vaulttypes.MsgBond{Owner: cliOwner, Amount: stake(100)}},
		"/meshsecurity.vault.v1.MsgUnbond": {[]string{"vault", "unbond", "7stake"},
			&vaulttypes.MsgUnbond{Owner: cliOwner, Amount: stake(7)}},
		"/meshsecurity.vault.v1.MsgStakeLocal": {[]string{"vault", "stake-local", cliValA, "40stake"},
			&vaulttypes.MsgStakeLocal{Owner: cliOwner, Validator: cliValA, Amount: stake(40)}},
		"/meshsecurity.vault.v1.MsgStakeRemote": {[]string{"vault", "stake-remote", "external/p1", "remoteval", "30stake"},
			&vaulttypes.MsgStakeRemote{Owner: cliOwner, Holder: "external/p1", Validator: "remoteval", Amount: stake(30)}},
		"/meshsecurity.localstaking.v1.MsgUnstake": {[]string{"localstaking", "unstake", cliValA, "5stake"},
			&localtypes.MsgUnstake{Owner: cliOwner, Validator: cliValA, Amount: stake(5)}},
		"/meshsecurity.localstaking.v1.MsgRedelegate": {[]string{"localstaking", "redelegate", cliValA, cliValB, "6stake"},
			&localtypes.MsgRedelegate{Owner: cliOwner, SrcValidator: cliValA, DstValidator: cliValB, Amount: stake(6)}},
		"/meshsecurity.localstaking.v1.MsgWithdrawRewards": {[]string{"localstaking", "withdraw-rewards"},
			&localtypes.MsgWithdrawRewards{Owner: cliOwner}},
		"/meshsecurity.localstaking.v1.MsgVote": {[]string{"localstaking", "vote", "3", "no-with-veto"},
			&localtypes.MsgVote{Owner: cliOwner, ProposalId: 3, Option: govv1.OptionNoWithVeto}},
		"/meshsecurity.localstaking.v1.MsgVoteWeighted": {[]string{"localstaking", "vote-weighted", "4",
			`{"option":"VOTE_OPTION_YES","weight":"0.6"}`, `{"option":"VOTE_OPTION_ABSTAIN","weight":"0.4"}`},
			&localtypes.MsgVoteWeighted{Owner: cliOwner, ProposalId: 4, Options: []*govv1.WeightedVoteOption{
				{Option: govv1.OptionYes, Weight: "0.6"}, {Option: govv1.OptionAbstain, Weight: "0.4"}}}},
		"/meshsecurity.localstaking.v1.MsgReleaseUnbonded": {[]string{"localstaking", "release-unbonded"},
			&localtypes.MsgReleaseUnbonded{Owner: cliOwner}},
		"/meshsecurity.localstaking.v1.MsgRestake": {[]string{"localstaking", "restake", cliValB, "9stake"},
			&localtypes.MsgRestake{Owner: cliOwner, Validator: cliValB, Amount: stake(9)}},
		"/meshsecurity.externalstaking.v1.MsgUnstake": {[]string{"externalstaking", "unstake", "p1", "remoteval", "12"},
			&exttypes.MsgUnstake{Owner: cliOwner, PairingId: "p1", Validator: "remoteval", Amount: math.NewInt(12)}},
		"/meshsecurity.externalstaking.v1.MsgWithdrawUnbonded": {[]string{"externalstaking", "withdraw-unbonded", "p1"},
			&exttypes.MsgWithdrawUnbonded{Owner: cliOwner, PairingId: "p1"}},
		"/meshsecurity.externalstaking.v1.MsgWithdrawRewards": {[]string{"externalstaking", "withdraw-rewards", "p1", "remoteval", "consumer1rcpt"},
			&exttypes.MsgWithdrawRewards{Owner: cliOwner, PairingId: "p1", Validator: "remoteval", Recipient: "consumer1rcpt"}},
	}
}

// runMeshd runs one meshd command line in home and returns what it printed and its error.
// authorityMsgs are the Msgs only the module authority sends; they have no CLI command.
var authorityMsgs = map[string]bool{
	"UpdateParams": true, "CreatePairing": true, "UpdatePairing": true, "PausePairing": true,
	"ClosePairing": true, "ReopenPairing": true, "AbandonPendingTxs": true,
}

func runMeshd(t *testing.T, home string, args ...string) (string, error) {
	t.Helper()
	root, err := cmd.NewRootCmd()
	require.NoError(t, err)
	var out bytes.Buffer
	root.SetOut(&out)
	root.SetErr(&out)
	root.SetArgs(append(args, "--home", home))
	err = svrcmd.Execute(root, "", home)
	return out.String(), err
}

func TestEveryTxCommandGeneratesItsMsg(t *testing.T) {
	home := t.TempDir()
	config := moduletestutil.MakeTestEncodingConfig(vault.AppModuleBasic{}, localstaking.AppModuleBasic{}, externalstaking.AppModuleBasic{})
	cases := cliTxCases()
	for typeURL, tc := range cases {
		t.Run(typeURL, func(t *testing.T) {
			args := append([]string{"tx"}, tc.args...)
			args = append(args, "--from", cliOwner, "--generate-only", "--chain-id", "mesh-test-1", "--output", "json")
			out, err := runMeshd(t, home, args...)
			require.NoError(t, err, out)
			tx, err := config.TxConfig.TxJSONDecoder()(extractJSON(t, out))
			require.NoError(t, err, out)
			msgs := tx.GetMsgs()
			require.Len(t, msgs, 1)
			require.Equal(t, typeURL, sdk.MsgTypeURL(msgs[0]))
			require.Equal(t, tc.want, msgs[0])
		})
	}
	// every Msg of the three services has a case, except the authority's
	for _, service := range []string{"meshsecurity.vault.v1.Msg", "meshsecurity.localstaking.v1.Msg", "meshsecurity.externalstaking.v1.Msg"} {
		found, err := proto.HybridResolver.FindDescriptorByName(protoreflect.FullName(service))
		require.NoError(t, err)
		methods := found.(protoreflect.ServiceDescriptor).Methods()
		for i := 0; i < methods.Len(); i++ {
			input := "/" + string(methods.Get(i).Input().FullName())
			if authorityMsgs[string(methods.Get(i).Name())] {
				continue
			}
			_, ok := cases[input]
			require.True(t, ok || fileTxCommands[input], "no CLI case for %s", input)
		}
	}
}

// extractJSON returns the first line of out that holds the generated transaction.
func extractJSON(t *testing.T, out string) []byte {
	t.Helper()
	for _, line := range bytes.Split([]byte(out), []byte("\n")) {
		if bytes.HasPrefix(line, []byte(`{"body"`)) {
			return line
		}
	}
	t.Fatalf("no transaction in output:\n%s", out)
	return nil
}

func TestEveryQueryCommandExists(t *testing.T) {
	root, err := cmd.NewRootCmd()
	require.NoError(t, err)
	for _, path := range [][]string{
		{"query", "vault", "account"}, {"query", "vault", "liens"}, {"query", "vault", "pending-liens"},
		{"query", "vault", "pending-lien"}, {"query", "vault", "lent"}, {"query", "vault", "params"},
		{"query", "vault", "accounts"}, {"query", "vault", "all-pending-liens"},
		{"query", "vault", "holder-kinds"}, {"query", "vault", "active-holders"},
		{"query", "localstaking", "account"}, {"query", "localstaking", "delegations"},
		{"query", "localstaking", "unbondings"}, {"query", "localstaking", "pending-batches"},
		{"query", "localstaking", "params"},
		{"query", "externalstaking", "params"}, {"query", "externalstaking", "pairings"},
		{"query", "externalstaking", "pairing"}, {"query", "externalstaking", "stakes"},
		{"query", "externalstaking", "pending-txs"}, {"query", "externalstaking", "validators"},
		{"query", "externalstaking", "slash-queue"}, {"query", "externalstaking", "exposure"},
		{"query", "externalstaking", "validator-exposure"}, {"query", "externalstaking", "user-exposure"},
		{"query", "externalstaking", "stake-exposure"},
		{"query", "virtualstaking", "params"}, {"query", "virtualstaking", "pairing"},
		{"query", "virtualstaking", "targets"}, {"query", "virtualstaking", "validator"},
		{"query", "converter", "params"}, {"query", "converter", "pairings"}, {"query", "converter", "pairing"},
		{"query", "converter", "delegator-requests"}, {"query", "converter", "validator-requests"},
		{"query", "converter", "reward-reserve"}, {"query", "converter", "outbox"},
	} {
		found, _, err := root.Find(path)
		require.NoError(t, err, "%v", path)
		require.Equal(t, path[len(path)-1], found.Name())
		require.NotNil(t, found.RunE, "%v", path)
	}
	counts := map[string]int{
		"meshsecurity.vault.v1.Query": 10, "meshsecurity.localstaking.v1.Query": 5, "meshsecurity.externalstaking.v1.Query": 11,
		"meshsecurity.virtualstaking.v1.Query": 4,
		"meshsecurity.converter.v1.Query":      7,
	}
	for service, want := range counts {
		found, err := proto.HybridResolver.FindDescriptorByName(protoreflect.FullName(service))
		require.NoError(t, err)
		require.Equal(t, want,
			found.(protoreflect.ServiceDescriptor).Methods().Len(), "a new query needs a CLI case here")
	}
}

func TestBadArgumentsFailWithClearErrors(t *testing.T) {
	home := t.TempDir()
	for _, tc := range []struct {
		args []string
		want string
	}{
		{[]string{"vault", "bond", "abc"}, `invalid amount "abc": want a whole number followed by a denom, such as 100stake`},
		{[]string{"vault", "bond", "-5stake"}, `-5stake is not a valid argument: amounts and numbers must be positive`},
		{[]string{"vault", "bond", "0stake"}, `invalid amount "0stake": must be positive`},
		{[]string{"vault", "unbond", "1.5stake"}, `invalid amount "1.5stake": want a whole number followed by a denom`},
		{[]string{"vault", "bond", "10s"}, `invalid amount "10s": want a whole number followed by a denom`},
		{[]string{"vault", "stake-local", "cosmosvaloper1x", "10stake"}, `invalid validator "cosmosvaloper1x": want a validator operator address`},
		{[]string{"vault", "stake-local", "10stake", cliValA}, `invalid amount "` + cliValA + `": want a whole number`},
		{[]string{"localstaking", "unstake", cliValA, "stake"}, `invalid amount "stake": want a whole number followed by a denom`},
		{[]string{"localstaking", "vote", "1", "maybe"}, `invalid option "maybe": maybe is not a valid value`},
		{[]string{"localstaking", "vote", "x", "yes"}, `invalid proposal-id "x"`},
		{[]string{"vault", "bond"}, `accepts 1 arg(s), received 0; usage: meshd tx vault bond [amount]`},
	} {
		args := append([]string{"tx"}, tc.args...)
		args = append(args, "--from", cliOwner, "--generate-only", "--chain-id", "mesh-test-1")
		out, err := runMeshd(t, home, args...)
		require.Error(t, err, "%v printed %s", tc.args, out)
		require.Contains(t, err.Error(), tc.want, "%v", tc.args)
		require.NotContains(t, out, `{"body"`, "%v", tc.args)
	}
}
