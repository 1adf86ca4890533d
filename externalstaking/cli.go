package externalstaking

import (
	"github.com/spf13/cobra"

	"github.com/meshsecurity/mesh/externalstaking/client/cli"
)

// GetTxCmd returns the hand-written tx commands (double-sign evidence); AutoCLI adds the rest.
func (AppModuleBasic) GetTxCmd() *cobra.Command { return cli.GetTxCmd() }
