package eventattr_test

import (
	"testing"
	"time"

	abci "github.com/cometbft/cometbft/abci/types"
	"github.com/cosmos/gogoproto/proto"

	"github.com/stretchr/testify/require"

	"cosmossdk.io/math"

	sdk "github.com/cosmos/cosmos-sdk/types"

	"github.com/meshsecurity/mesh/internal/eventattr"
	localtypes "github.com/meshsecurity/mesh/localstaking/types"
	vaulttypes "github.com/meshsecurity/mesh/vault/types"
)

func attrs(t *testing.T, ev sdk.Event) map[string]string {
	t.Helper()
	out := map[string]string{}
	for _, a := range ev.Attributes {
		out[a.Key] = a.Value
	}
	return out
}

func TestPlainRendersAmountsAsCoinStrings(t *testing.T) {
	ev, err := eventattr.Plain(&vaulttypes.EventBond{Owner: "cosmos1abc", Amount: sdk.NewCoin("stake", math.NewInt(100))}, "stake")
	require.NoError(t, err)
	require.Equal(t, "meshsecurity.vault.v1.EventBond", ev.Type)
	require.Equal(t, map[string]string{"owner": "cosmos1abc", "amount": "100stake"}, attrs(t, ev))

	ev, err = eventattr.Plain(&vaulttypes.EventLienOpened{Owner: "cosmos1abc", Holder: "local", Amount: "40", PendingId: 7}, "stake")
	require.NoError(t, err)
	require.Equal(t, map[string]string{"owner": "cosmos1abc", "holder": "local", "amount": "40stake", "pending_id": "7"},
		attrs(t, ev))

	ev, err = eventattr.Plain(&vaulttypes.EventSlashSettled{Owner: "o", Holder: "local", Loss: "10", Applied: "9", Collateral: "91"}, "umesh")
	require.NoError(t, err)
	require.Equal(t, map[string]string{"owner": "o", "holder": "local", "loss": "10umesh", "applied": "9umesh",
		"collateral": "91umesh"}, attrs(t, ev))

	ev, err = eventattr.Plain(&localtypes.EventBatchUndelegated{Owner: "o", Validator: "v", Amount: "5", Instant: true}, "stake")
	require.NoError(t, err)
	require.Equal(t, map[string]string{"owner": "o", "validator": "v", "amount": "5stake", "instant": "true"}, attrs(t, ev))
}

func TestParseReversesPlain(t *testing.T) {
	for _, ev := range []proto.Message{
		&vaulttypes.EventBond{Owner: "cosmos1abc", Amount: sdk.NewCoin("stake", math.NewInt(100))},
		&vaulttypes.EventLienOpened{Owner: "cosmos1abc", Holder: "local", Amount: "40", PendingId: 7},
		&localtypes.EventBatchUndelegated{Owner: "o", Validator: "v", Amount: "5", Instant: true},
		&localtypes.EventRedelegated{Owner: "o", SrcValidator: "a", DstValidator: "b", Amount: "6",
			CompletionTime: time.Date(2026, 1, 2, 3, 4, 5, 500_000_000, time.UTC)},
	} {
		plain, err := eventattr.Plain(ev, "stake")
		require.NoError(t, err)
		parsed, err := eventattr.Parse(abci.Event(plain))
		require.NoError(t, err)
		require.Equal(t, ev, parsed)
	}
}
