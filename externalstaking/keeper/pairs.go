package keeper

import (
	"cosmossdk.io/collections"
	sdk "github.com/cosmos/cosmos-sdk/types"
)

// collectionsPair is the (pairing, user) key.
func collectionsPair(pairing string, owner sdk.AccAddress) collections.Pair[string, sdk.AccAddress] {
	return collections.Join(pairing, owner)
}

// sdkAcc shortens the user key type in collection callbacks.
type sdkAcc = sdk.AccAddress
