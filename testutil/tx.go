package testutil

import (
	"fmt"

	abci "github.com/cometbft/cometbft/abci/types"

	sdk "github.com/cosmos/cosmos-sdk/types"
	"github.com/cosmos/cosmos-sdk/types/tx/signing"
	authsigning "github.com/cosmos/cosmos-sdk/x/auth/signing"
)

// DefaultTxGasLimit is the gas limit of transactions the driver signs. Gas used does not depend
// on the limit, so benchmarks read the real cost from the result.
const DefaultTxGasLimit = 20_000_000

// TxError is returned when a delivered transaction fails; the block is committed anyway.
type TxError struct {
	Codespace string
	Code      uint32
	Log       string
}

// Error describes the failure as the app reported it.
func (e *TxError) Error() string {
	return fmt.Sprintf("transaction failed: %s/%d: %s", e.Codespace, e.Code, e.Log)
}

// DeliverTx signs msgs with signer (SIGN_MODE_DIRECT, no fee), delivers them as the only
// transaction of a new block, commits it and returns the transaction's gas used and events. A
// transaction the app rejects returns a *TxError; its gas is still reported.
func (c *Chain) DeliverTx(signer Account, msgs ...sdk.Msg) (uint64, []abci.Event, error) {
	c.t.Helper()
	txBytes, err := c.SignTx(signer, msgs...)
	if err != nil {
		return 0, nil, err
	}
	res := c.produceBlock([][]byte{txBytes})
	result := res.TxResults[0]
	if result.Code != 0 {
		return uint64(result.GasUsed), result.Events, &TxError{Codespace: result.Codespace, Code: result.Code, Log: result.Log}
	}
	return uint64(result.GasUsed), result.Events, nil
}

// SignTx builds and signs a transaction of msgs for signer with its current account number and
// sequence, and returns its encoded bytes.
func (c *Chain) SignTx(signer Account, msgs ...sdk.Msg) ([]byte, error) {
	ctx := c.Context()
	account, err := c.accountInfo(signer.Address)
	if err != nil {
		return nil, err
	}
	txConfig := c.app.GetTxConfig()
	builder := txConfig.NewTxBuilder()
	if err := builder.SetMsgs(msgs...); err != nil {
		return nil, err
	}
	builder.SetGasLimit(DefaultTxGasLimit)

	pubKey := signer.PrivKey.PubKey()
	signMode := signing.SignMode_SIGN_MODE_DIRECT
	sigData := &signing.SingleSignatureData{SignMode: signMode}
	sig := signing.SignatureV2{PubKey: pubKey, Data: sigData, Sequence: account.GetSequence()}
	// The signer info must be in the transaction before the sign bytes are computed.
	if err := builder.SetSignatures(sig); err != nil {
		return nil, err
	}
	signerData := authsigning.SignerData{
		Address: signer.Address.String(), ChainID: c.ChainID,
		AccountNumber: account.GetAccountNumber(), Sequence: account.GetSequence(), PubKey: pubKey,
	}
	signBytes, err := authsigning.GetSignBytesAdapter(ctx, txConfig.SignModeHandler(), signMode, signerData, builder.GetTx())
	if err != nil {
		return nil, err
	}
	if sigData.Signature, err = signer.PrivKey.Sign(signBytes); err != nil {
		return nil, err
	}
	if err := builder.SetSignatures(sig); err != nil {
		return nil, err
	}
	return txConfig.TxEncoder()(builder.GetTx())
}
