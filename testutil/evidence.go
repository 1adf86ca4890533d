package testutil

import (
	"fmt"

	clienttypes "github.com/cosmos/ibc-go/v8/modules/core/02-client/types"
	ibctm "github.com/cosmos/ibc-go/v8/modules/light-clients/07-tendermint"
)

// HeaderAt rebuilds the full light-client header of a committed past block, as evidence of an
// infraction at that height carries it: the signed header (its time and state root come from
// x/staking's historical info, which records the block header), the validator set that signed it,
// and the trusted height with the validators a client's consensus state at that height commits
// to. Signatures are deterministic, so the header is the one the chain signed at the time.
func (c *Chain) HeaderAt(height int64, trusted clienttypes.Height) (*ibctm.Header, error) {
	info, err := c.app.GetStakingKeeper().GetHistoricalInfo(c.Context(), height)
	if err != nil {
		return nil, fmt.Errorf("%s: no historical info for height %d: %w", c.ChainID, height, err)
	}
	vals, err := c.ValidatorSet(height)
	if err != nil {
		return nil, err
	}
	next, err := c.ValidatorSet(height + 1)
	if err != nil {
		return nil, err
	}
	header, err := c.signHeader(height, info.Header.Time, info.Header.AppHash, vals, next)
	if err != nil {
		return nil, err
	}
	// The consensus state at height h commits to the validator set of h+1.
	trustedVals, err := c.ValidatorSet(int64(trusted.RevisionHeight) + 1)
	if err != nil {
		return nil, err
	}
	if header.TrustedValidators, err = trustedVals.ToProto(); err != nil {
		return nil, err
	}
	header.TrustedHeight = trusted
	return header, nil
}
