package lienholder_test

import (
	"context"
	"errors"
	"fmt"
	"testing"

	"cosmossdk.io/collections"
	corestore "cosmossdk.io/core/store"
	"cosmossdk.io/math"
	sdk "github.com/cosmos/cosmos-sdk/types"

	"github.com/meshsecurity/mesh/lienholder"
	vtu "github.com/meshsecurity/mesh/vault/testutil"
	"github.com/meshsecurity/mesh/vault/types"
)

// daoHolder is a small custom lien holder: a DAO that lets members back its treasury with vault
// collateral, up to a limit per member. It is virtual (no tokens move), never slashes on its own,
// and completes each lien at once by committing it from AcceptLien. Like any module it keeps its
// state in its own store, so a refused or failed transaction leaves no trace and restarts keep it.
type daoHolder struct {
	limit   math.Int
	vault   lienholder.Vault
	backing collections.Map[sdk.AccAddress, math.Int]
}

// newDAOHolder creates the DAO holder over its store.
func newDAOHolder(store corestore.KVStoreService, limit math.Int) *daoHolder {
	sb := collections.NewSchemaBuilder(store)
	return &daoHolder{
		limit:   limit,
		backing: collections.NewMap(sb, collections.NewPrefix(3), "dao_backing", sdk.AccAddressKey, sdk.IntValue),
	}
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
	backed, err := d.backed(ctx, req.Owner)
	if err != nil {
		return err
	}
	backed = backed.Add(req.Amount)
	if backed.GT(d.limit) {
		return fmt.Errorf("%w: member limit is %s", lienholder.ErrLienRefused, d.limit)
	}
	if err := d.backing.Set(ctx, req.Owner, backed); err != nil {
		return err
	}
	return d.vault.CommitLien(ctx, req.Holder.Key, req.TxID)
}

func (d *daoHolder) PendingSlash(context.Context, lienholder.HolderID, sdk.AccAddress) (math.Int, error) {
	return math.ZeroInt(), nil
}

func (d *daoHolder) SlashSettled(context.Context, lienholder.HolderID, sdk.AccAddress, math.Int) error {
	return nil
}

func (d *daoHolder) BurnStake(ctx context.Context, _ lienholder.HolderID, owner sdk.AccAddress, amount math.Int) error {
	backed, err := d.backed(ctx, owner)
	if err != nil {
		return err
	}
	return d.backing.Set(ctx, owner, subFloor(backed, amount))
}

// backed is what owner backs the treasury with, zero if nothing.
func (d *daoHolder) backed(ctx context.Context, owner sdk.AccAddress) (math.Int, error) {
	b, err := d.backing.Get(ctx, owner)
	if errors.Is(err, collections.ErrNotFound) {
		return math.ZeroInt(), nil
	}
	return b, err
}

// subFloor is a - b, never below zero: a burn never takes more than the member backs.
func subFloor(a, b math.Int) math.Int {
	if b.GT(a) {
		return math.ZeroInt()
	}
	return a.Sub(b)
}

// Example wires a custom DAO lien holder to a vault: a member bonds collateral, backs the DAO
// within the limit, and is refused above it.
func Example() {
	f := vtu.NewFixture(&testing.T{}, math.LegacyMustNewDecFromStr("0.1"))
	dao := newDAOHolder(f.HolderStore, math.NewInt(500))
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
	backed, _ := dao.backed(f.Ctx, member)
	fmt.Println("backed by member:", backed)

	acct, _ := f.Query.Account(f.Ctx, &types.QueryAccountRequest{Address: member.String()})
	fmt.Println("collateral:", acct.Collateral, "max lien:", acct.MaxLien.High, "slashable:", acct.TotalSlashable.High, "free:", acct.Free.Low)
	// Output:
	// bond: <nil>
	// back 400: <nil>
	// back 200 more refused: true
	// backed by member: 400
	// collateral: 1000 max lien: 400 slashable: 20 free: 600
}
