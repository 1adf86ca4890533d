// Command relayer is the Go relayer (github.com/cosmos/relayer/v2) at the version go.mod pins,
// unmodified: this module only gives it a main package that the Go toolchain can build without
// listing the relayer's versions, which `go install module@version` needs and the module proxy
// refuses here. scripts/build-relayer.sh builds it into build/relayer.
package main

import "github.com/cosmos/relayer/v2/cmd"

func main() {
	cmd.Execute()
}
