package keeper_test

import (
	"cosmossdk.io/collections"
	abci "github.com/cometbft/cometbft/abci/types"
	sdk "github.com/cosmos/cosmos-sdk/types"

	"github.com/meshsecurity/mesh/lienholder"
)

func joinKey(u sdk.AccAddress, h lienholder.HolderID) collections.Pair[sdk.AccAddress, string] {
	return collections.Join(u, h.String())
}

func abciEvent(ev sdk.Event) abci.Event { return abci.Event(ev) }
