package e2e

import (
	"testing"

	"github.com/stretchr/testify/require"
)

// TestAssignmentsAreWhatLaterBlocksSee checks which lines of a document's block later blocks
// replay: variables set alone, not commands run with a variable in their environment.
func TestAssignmentsAreWhatLaterBlocksSee(t *testing.T) {
	script := `export LOCALNET_MESH_HOME=${LOCALNET_MESH_HOME:-$PWD/build/localnet-mesh}
export PATH="$PWD/build:$PATH"
PROVIDER=$LOCALNET_MESH_HOME/provider/client
ALICE=$(MESHD_ADDRESS_PREFIX=provider meshd keys show alice -a --home "$PROVIDER")
STAKER=$(meshd query localstaking account "$ALICE" | awk '/^account:/ {print $2}')
DUE=$(($(date +%s) + 3))
NOTE='two words'  
MESHD_ADDRESS_PREFIX=provider meshd tx vault bond 1pstake --from alice --home "$PROVIDER" -y
MESHD_ADDRESS_PREFIX=consumer meshd query bank balances "$BOB" --home "$CONSUMER"
X="$(echo a) b" echo c
lower=$(cstake)
  INDENTED=1`
	require.Equal(t, []string{
		`export LOCALNET_MESH_HOME=${LOCALNET_MESH_HOME:-$PWD/build/localnet-mesh}`,
		`export PATH="$PWD/build:$PATH"`,
		`PROVIDER=$LOCALNET_MESH_HOME/provider/client`,
		`ALICE=$(MESHD_ADDRESS_PREFIX=provider meshd keys show alice -a --home "$PROVIDER")`,
		`STAKER=$(meshd query localstaking account "$ALICE" | awk '/^account:/ {print $2}')`,
		`DUE=$(($(date +%s) + 3))`,
		`NOTE='two words'  `,
	}, assignments(script))
}
