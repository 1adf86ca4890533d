package lienholder_test

import (
	"context"
	"fmt"
	"testing"

	"cosmossdk.io/math"
	sdk "github.com/cosmos/cosmos-sdk/types"

	"github.com/meshsecurity/mesh/lienholder"
	vtu "github.com/meshsecurity/mesh/vault/testutil"
	"github.com/meshsecurity/mesh/vault/types"
)

// daoHolder is a small custom lien holder: a DAO that lets members back its treasury with vault
// collateral, up to a limit per member. It is virtual (no tokens move), never slashes on its own,
// and completes each lien at once by committing it from AcceptLien.
type daoHolder struct {
	limit   math.Int
	vault   lienholder.Vault
	backing map[string]math.Int
}

func (d *daoHolder) Custody() lienholder.Custody { return lienholder.Virtual }

// ValidateKey serves one holder of the kind, the treasury.
func (d *daoHolder) ValidateKey(_ context.Context, key string) error {
	if key != "treasury" {
		return fmt.Errorf("the DAO has no %q", key)
	}
	return nil
}

func (d *daoHolder) MaxSlash(context.Context, lienholder.HolderID) (math.LegacyDec, error) {
	return math.LegacyMustNewDecFromStr("0.05"), nil
}

func (d *daoHolder) AcceptLien(ctx context.Context, req lienholder.LienRequest) error {
	backed := d.backed(req.Owner).Add(req.Amount)
	if backed.GT(d.limit) {
		return fmt.Errorf("%w: member limit is %s", lienholder.ErrLienRefused, d.limit)
	}
	d.backing[req.Owner.String()] = backed
	return d.vault.CommitLien(ctx, req.Holder.Key, req.TxID)
}

func (d *daoHolder) PendingSlash(context.Context, lienholder.HolderID, sdk.AccAddress) (math.Int, error) {
	return math.ZeroInt(), nil
}

func (d *daoHolder) SlashSettled(context.Context, lienholder.HolderID, sdk.AccAddress, math.Int) error {
	return nil
}

func (d *daoHolder) BurnStake(_ context.Context, _ lienholder.HolderID, owner sdk.AccAddress, amount math.Int) error {
	d.backing[owner.String()] = d.backed(owner).Sub(amount)
	return nil
}

func (d *daoHolder) backed(owner sdk.AccAddress) math.Int {
	if b, ok := d.backing[owner.String()]; ok {
		return b
	}
	return math.ZeroInt()
}

// Example wires a custom DAO lien holder to a vault: a member bonds collateral, backs the DAO
// within the limit, and is refused above it.
func Example() {
	f := vtu.NewFixture(&testing.T{}, math.LegacyMustNewDecFromStr("0.1"))
	dao := &daoHolder{limit: math.NewInt(500), backing: map[string]math.Int{}}
	handle, err := f.Keeper.RegisterHolder("dao", dao)
	if err != nil {
		fmt.Println(err)
		return
	}
	dao.vault = handle

	member := sdk.AccAddress("dao-member-address-1")
	f.Fund(&testing.T{}, member, 1000)
	_, err = f.Msg.Bond(f.Ctx, &types.MsgBond{Owner: member.String(), Amount: vtu.Coin(1000)})
	fmt.Println("bond:", err)

	stake := func(amount int64) error {
		return f.Run(func(ctx sdk.Context) error {
			_, err := f.Msg.StakeRemote(ctx, &types.MsgStakeRemote{
				Owner: member.String(), Holder: "dao/treasury", Amount: vtu.Coin(amount), Validator: "n/a",
			})
			return err
		})
	}
	fmt.Println("back 400:", stake(400))
	fmt.Println("back 200 more refused:", stake(200) != nil)

	acct, _ := f.Query.Account(f.Ctx, &types.QueryAccountRequest{Address: member.String()})
	fmt.Println("collateral:", acct.Collateral, "max lien:", acct.MaxLien.High, "slashable:", acct.TotalSlashable.High, "free:", acct.Free.Low)
	// Output:
	// bond: <nil>
	// back 400: <nil>
	// back 200 more refused: true
	// collateral: 1000 max lien: 400 slashable: 20 free: 600
}
