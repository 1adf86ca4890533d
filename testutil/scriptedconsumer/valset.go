package scriptedconsumer

import (
	"github.com/meshsecurity/mesh/ibcproto"
	"github.com/meshsecurity/mesh/testutil"
)

// BondedValset returns a valset_update that announces every bonded validator of chain c, in
// order of power, as an addition with its consensus key, at c's last height and block time:
// what a consumer sends once its channel is open. The keys are the validators' raw ed25519 keys,
// as the protocol carries them.
func BondedValset(c *testutil.Chain) (ibcproto.ValsetUpdatePacket, error) {
	ctx := c.Context()
	validators, err := c.App.StakingKeeper.GetBondedValidatorsByPower(ctx)
	if err != nil {
		return ibcproto.ValsetUpdatePacket{}, err
	}
	update := ibcproto.ValsetUpdatePacket{Height: uint64(c.Height()), Time: uint64(c.LastBlockTime().Unix())}
	for _, v := range validators {
		key, err := v.ConsPubKey()
		if err != nil {
			return ibcproto.ValsetUpdatePacket{}, err
		}
		update.Additions = append(update.Additions, ibcproto.AddValidator{
			Valoper: v.GetOperator(), PubKey: ibcproto.NewEd25519PubKey(key.Bytes()),
		})
	}
	return update, nil
}
