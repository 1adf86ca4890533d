package keeper_test

import (
	"github.com/stretchr/testify/require"

	"github.com/meshsecurity/mesh/externalstaking/types"
	"github.com/meshsecurity/mesh/ibcproto"
	"github.com/meshsecurity/mesh/testutil"
)

// settle makes the vault settle the user (a withdrawal that releases nothing does).
func (e *env) settle(users ...testutil.Account) {
	for _, u := range users {
		require.NoError(e.t, e.deliver(u, &types.MsgWithdrawUnbonded{Owner: u.String(), PairingId: pairingID}))
	}
}

// slashReport is a valset_update of height 50 reporting one slash of val.
func slashReport(val string, height uint64, amount int64, ratio string, tombstone bool) ibcproto.ValsetUpdatePacket {
	p := ibcproto.ValsetUpdatePacket{Height: 50, Time: 50, Slashed: []ibcproto.ValidatorSlashInfo{{
		Address: val, InfractionHeight: height, InfractionTime: 1, Power: 1,
		SlashAmount: ibcproto.NewCoin(denom, ints(amount)), SlashRatio: ratio,
	}}}
	if tombstone {
		p.Tombstoned = []string{val}
	}
	return p
}
