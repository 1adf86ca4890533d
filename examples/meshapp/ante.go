package meshapp

import (
	errorsmod "cosmossdk.io/errors"

	sdk "github.com/cosmos/cosmos-sdk/types"
	sdkerrors "github.com/cosmos/cosmos-sdk/types/errors"
	"github.com/cosmos/cosmos-sdk/x/auth/ante"

	ibcante "github.com/cosmos/ibc-go/v8/modules/core/ante"
)

// newAnteHandler builds the SDK's standard ante chain and appends IBC's redundant-relay check,
// which rejects a relay transaction whose packets were all delivered already, so relayers
// racing each other do not pay for no-ops. A non-nil wrap observes each transaction's gas meter
// (see WithTxGasMeterWrapper); it runs right after the meter is created, so it sees every charge.
func newAnteHandler(app *MeshApp, wrap TxGasMeterWrapper) (sdk.AnteHandler, error) {
	if app.IBCKeeper == nil {
		return nil, errorsmod.Wrap(sdkerrors.ErrLogic, "IBC keeper is required for the ante handler")
	}
	options := ante.HandlerOptions{
		AccountKeeper:   app.AccountKeeper,
		BankKeeper:      app.BankKeeper,
		SignModeHandler: app.txConfig.SignModeHandler(),
		SigGasConsumer:  ante.DefaultSigVerificationGasConsumer,
	}
	decorators := []sdk.AnteDecorator{ante.NewSetUpContextDecorator()}
	if wrap != nil {
		decorators = append(decorators, gasMeterDecorator{wrap: wrap})
	}
	decorators = append(decorators,
		ante.NewExtensionOptionsDecorator(options.ExtensionOptionChecker),
		ante.NewValidateBasicDecorator(),
		ante.NewTxTimeoutHeightDecorator(),
		ante.NewValidateMemoDecorator(options.AccountKeeper),
		ante.NewConsumeGasForTxSizeDecorator(options.AccountKeeper),
		ante.NewDeductFeeDecorator(options.AccountKeeper, options.BankKeeper, options.FeegrantKeeper, options.TxFeeChecker),
		ante.NewSetPubKeyDecorator(options.AccountKeeper),
		ante.NewValidateSigCountDecorator(options.AccountKeeper),
		ante.NewSigGasConsumeDecorator(options.AccountKeeper, options.SigGasConsumer),
		ante.NewSigVerificationDecorator(options.AccountKeeper, options.SignModeHandler),
		ante.NewIncrementSequenceDecorator(options.AccountKeeper),
		ibcante.NewRedundantRelayDecorator(app.IBCKeeper),
	)
	return sdk.ChainAnteDecorators(decorators...), nil
}

// gasMeterDecorator hands the transaction's gas meter to a TxGasMeterWrapper.
type gasMeterDecorator struct{ wrap TxGasMeterWrapper }

// AnteHandle implements sdk.AnteDecorator.
func (d gasMeterDecorator) AnteHandle(ctx sdk.Context, tx sdk.Tx, simulate bool, next sdk.AnteHandler) (sdk.Context, error) {
	return next(ctx.WithGasMeter(d.wrap(ctx.GasMeter())), tx, simulate)
}
