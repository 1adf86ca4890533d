package testutil

import (
	"fmt"

	abci "github.com/cometbft/cometbft/abci/types"

	sdk "github.com/cosmos/cosmos-sdk/types"
	authtypes "github.com/cosmos/cosmos-sdk/x/auth/types"
)

// accountInfoPath is x/auth's query for an account's number, sequence and public key.
const accountInfoPath = "/cosmos.auth.v1beta1.Query/AccountInfo"

// accountInfo reads an account's number and sequence through x/auth's query service, so the
// driver needs no account keeper from the app. It queries the state Context() reads (on a branch
// of it), so it works before a reimported chain's first block too, when ABCI queries have no
// committed height to read.
func (c *Chain) accountInfo(addr sdk.AccAddress) (*authtypes.BaseAccount, error) {
	handler := c.app.GetBaseApp().GRPCQueryRouter().Route(accountInfoPath)
	if handler == nil {
		return nil, fmt.Errorf("%s: the app serves no %s", c.ChainID, accountInfoPath)
	}
	cdc := c.app.AppCodec()
	req, err := cdc.Marshal(&authtypes.QueryAccountInfoRequest{Address: addr.String()})
	if err != nil {
		return nil, err
	}
	ctx, _ := c.Context().CacheContext()
	res, err := handler(ctx, &abci.RequestQuery{Path: accountInfoPath, Data: req})
	if err != nil {
		return nil, fmt.Errorf("%s: account %s: %w", c.ChainID, addr, err)
	}
	var info authtypes.QueryAccountInfoResponse
	if err := cdc.Unmarshal(res.Value, &info); err != nil {
		return nil, err
	}
	return info.Info, nil
}
