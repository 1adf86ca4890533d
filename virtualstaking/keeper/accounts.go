package keeper

import (
	sdk "github.com/cosmos/cosmos-sdk/types"
	"github.com/cosmos/cosmos-sdk/types/address"

	"github.com/meshsecurity/mesh/virtualstaking/types"
)

// DelegatorAccount is the index-th derived delegator account of a pairing. Nobody holds its key:
// the address is derived from the module name, the pairing and the index. x/bank creates it on the
// first transfer; it is not a module account, so x/bank does not block it and x/distribution pays
// its rewards like any delegator's.
func DelegatorAccount(pairingID string, index uint32) sdk.AccAddress {
	return sdk.AccAddress(address.Module(types.ModuleName, []byte("pairing"), []byte(pairingID), []byte{byte(index)}))
}

// accounts lists a pairing's derived accounts, starting at the rotation index.
func accounts(pairingID string, count, start uint32) []sdk.AccAddress {
	out := make([]sdk.AccAddress, 0, count)
	for i := uint32(0); i < count; i++ {
		out = append(out, DelegatorAccount(pairingID, (start+i)%count))
	}
	return out
}
