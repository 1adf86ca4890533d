// Command meshd runs a node of the example Mesh Security app (examples/meshapp).
package main

import (
	"fmt"
	"os"

	svrcmd "github.com/cosmos/cosmos-sdk/server/cmd"

	"github.com/meshsecurity/mesh/examples/meshd/cmd"
)

func main() {
	if err := cmd.SetAddressPrefixes(os.Getenv(cmd.AddressPrefixEnv)); err != nil {
		fmt.Fprintln(os.Stderr, err)
		os.Exit(1)
	}
	root, err := cmd.NewRootCmd()
	if err != nil {
		fmt.Fprintln(os.Stderr, err)
		os.Exit(1)
	}
	if err := svrcmd.Execute(root, "", cmd.DefaultNodeHome()); err != nil {
		fmt.Fprintln(root.OutOrStderr(), err)
		os.Exit(1)
	}
}
