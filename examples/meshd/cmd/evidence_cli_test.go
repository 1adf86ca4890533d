package cmd_test

import (
	"os"
	"path/filepath"
	"testing"

	"github.com/cosmos/cosmos-sdk/codec"
	codectypes "github.com/cosmos/cosmos-sdk/codec/types"
	moduletestutil "github.com/cosmos/cosmos-sdk/types/module/testutil"
	"github.com/stretchr/testify/require"

	"github.com/meshsecurity/mesh/externalstaking"
	"github.com/meshsecurity/mesh/externalstaking/evidence/evidencetest"
	exttypes "github.com/meshsecurity/mesh/externalstaking/types"
)

// fileTxCommands are the user Msgs whose command reads files; each has its own test below
// instead of a case in cliTxCases.
var fileTxCommands = map[string]bool{
	"/meshsecurity.externalstaking.v1.MsgSubmitConsumerDoubleSign": true,
}

// The evidence command reads the votes and the header from files, as protobuf JSON or binary, and
// puts their binary encodings in the message.
func TestSubmitDoubleSignCommandReadsFiles(t *testing.T) {
	home, dir := t.TempDir(), t.TempDir()
	fx, err := evidencetest.New()
	require.NoError(t, err)
	voteA, voteB, header, err := fx.Encoded()
	require.NoError(t, err)
	cdc := codec.NewProtoCodec(codectypes.NewInterfaceRegistry())
	jsonA, err := cdc.MarshalJSON(fx.VoteA.ToProto())
	require.NoError(t, err)
	jsonHeader, err := cdc.MarshalJSON(fx.Header)
	require.NoError(t, err)
	files := map[string][]byte{"vote-a.json": jsonA, "vote-b.bin": voteB, "header.json": jsonHeader, "bad.json": []byte(`{"signed_header": 7}`)}
	for name, bz := range files {
		require.NoError(t, os.WriteFile(filepath.Join(dir, name), bz, 0o600))
	}
	path := func(name string) string { return filepath.Join(dir, name) }

	out, err := runMeshd(t, home, "tx", "externalstaking", "submit-double-sign", "p1", "remoteval",
		path("vote-a.json"), path("vote-b.bin"), path("header.json"),
		"--from", cliOwner, "--generate-only", "--chain-id", "mesh-test-1", "--output", "json")
	require.NoError(t, err, out)
	config := moduletestutil.MakeTestEncodingConfig(externalstaking.AppModuleBasic{})
	tx, err := config.TxConfig.TxJSONDecoder()(extractJSON(t, out))
	require.NoError(t, err, out)
	require.Len(t, tx.GetMsgs(), 1)
	require.Equal(t, &exttypes.MsgSubmitConsumerDoubleSign{Submitter: cliOwner, PairingId: "p1", Validator: "remoteval",
		VoteA: voteA, VoteB: voteB, Header: header}, tx.GetMsgs()[0])

	out, err = runMeshd(t, home, "tx", "externalstaking", "submit-double-sign", "p1", "remoteval",
		path("vote-a.json"), path("vote-b.bin"), path("bad.json"),
		"--from", cliOwner, "--generate-only", "--chain-id", "mesh-test-1")
	require.Error(t, err, out)
	require.Contains(t, err.Error(), "bad.json: not a ibc.lightclients.tendermint.v1.Header")

	// Votes that do not conflict are refused before anything is generated.
	out, err = runMeshd(t, home, "tx", "externalstaking", "submit-double-sign", "p1", "remoteval",
		path("vote-a.json"), path("vote-a.json"), path("header.json"),
		"--from", cliOwner, "--generate-only", "--chain-id", "mesh-test-1")
	require.Error(t, err, out)
	require.Contains(t, err.Error(), "votes are not a double sign")
	require.NotContains(t, out, `{"body"`)
}
