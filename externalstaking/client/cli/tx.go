// Package cli holds external staking's hand-written commands: those AutoCLI cannot build, such as
// the double-sign evidence command, whose votes and header are CometBFT and ibc-go types read
// from files.
package cli

import (
	"bytes"
	"fmt"
	"os"

	cmtproto "github.com/cometbft/cometbft/proto/tendermint/types"
	"github.com/cosmos/cosmos-sdk/client"
	"github.com/cosmos/cosmos-sdk/client/flags"
	"github.com/cosmos/cosmos-sdk/client/tx"
	"github.com/cosmos/cosmos-sdk/codec"
	"github.com/cosmos/gogoproto/proto"
	ibctm "github.com/cosmos/ibc-go/v8/modules/light-clients/07-tendermint"
	"github.com/spf13/cobra"

	"github.com/meshsecurity/mesh/externalstaking/types"
)

// GetTxCmd returns the module's tx command with its hand-written subcommands; AutoCLI adds the
// commands it builds from the Msg service to it.
func GetTxCmd() *cobra.Command {
	cmd := &cobra.Command{
		Use:                        types.ModuleName,
		Short:                      "External staking transactions",
		DisableFlagParsing:         true,
		SuggestionsMinimumDistance: 2,
		RunE:                       client.ValidateCmd,
	}
	cmd.AddCommand(NewSubmitDoubleSignCmd())
	return cmd
}

// NewSubmitDoubleSignCmd builds MsgSubmitConsumerDoubleSign from three files: the two votes
// (tendermint.types.Vote) and the consumer header at their height
// (ibc.lightclients.tendermint.v1.Header), each as protobuf JSON or as binary protobuf.
func NewSubmitDoubleSignCmd() *cobra.Command {
	cmd := &cobra.Command{
		Use:   "submit-double-sign [pairing-id] [validator] [vote-a-file] [vote-b-file] [header-file]",
		Short: "Submit evidence that a consumer validator signed two conflicting votes",
		Long: `Submit evidence that a consumer validator double-signed. The vote files hold
tendermint.types.Vote messages and the header file an ibc.lightclients.tendermint.v1.Header at the
votes' height whose trusted height and validators match a consensus state of the pairing's light
client, each as protobuf JSON or binary protobuf. Anyone may submit evidence.`,
		Args: cobra.ExactArgs(5),
		RunE: func(cmd *cobra.Command, args []string) error {
			clientCtx, err := client.GetClientTxContext(cmd)
			if err != nil {
				return err
			}
			clientCtx = clientCtx.WithOutput(cmd.OutOrStdout())
			voteA, err := readEncoded(clientCtx.Codec, args[2], &cmtproto.Vote{})
			if err != nil {
				return err
			}
			voteB, err := readEncoded(clientCtx.Codec, args[3], &cmtproto.Vote{})
			if err != nil {
				return err
			}
			header, err := readEncoded(clientCtx.Codec, args[4], &ibctm.Header{})
			if err != nil {
				return err
			}
			msg := &types.MsgSubmitConsumerDoubleSign{Submitter: clientCtx.GetFromAddress().String(),
				PairingId: args[0], Validator: args[1], VoteA: voteA, VoteB: voteB, Header: header}
			return tx.GenerateOrBroadcastTxCLI(clientCtx, cmd.Flags(), msg)
		},
	}
	flags.AddTxFlagsToCmd(cmd)
	return cmd
}

// readEncoded reads into msg a file holding it as protobuf JSON (its first non-blank byte is '{')
// or binary protobuf, and returns its binary encoding.
func readEncoded(cdc codec.Codec, path string, msg proto.Message) ([]byte, error) {
	bz, err := os.ReadFile(path)
	if err != nil {
		return nil, err
	}
	if trimmed := bytes.TrimSpace(bz); len(trimmed) > 0 && trimmed[0] == '{' {
		err = cdc.UnmarshalJSON(trimmed, msg)
	} else {
		err = proto.Unmarshal(bz, msg)
	}
	if err != nil {
		return nil, fmt.Errorf("%s: not a %s: %w", path, proto.MessageName(msg), err)
	}
	return proto.Marshal(msg)
}
