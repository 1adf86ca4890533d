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
// driver needs no account keeper from the app.
func (c *Chain) accountInfo(addr sdk.AccAddress) (*authtypes.BaseAccount, error) {
	cdc := c.app.AppCodec()
	req, err := cdc.Marshal(&authtypes.QueryAccountInfoRequest{Address: addr.String()})
	if err != nil {
		return nil, err
	}
	res, err := c.app.GetBaseApp().Query(c.Context().Context(), &abci.RequestQuery{Path: accountInfoPath, Data: req})
	if err != nil {
		return nil, err
	}
	if res.Code != 0 {
		return nil, fmt.Errorf("%s: account %s: %s", c.ChainID, addr, res.Log)
	}
	var info authtypes.QueryAccountInfoResponse
	if err := cdc.Unmarshal(res.Value, &info); err != nil {
		return nil, err
	}
	return info.Info, nil
}
