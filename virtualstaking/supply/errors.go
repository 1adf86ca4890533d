package supply

import errorsmod "cosmossdk.io/errors"

// Codespace is the codespace of this package's errors.
const Codespace = "vssupply"

// ErrUnknownValidatorType is returned when x/staking hands the tally a validator of a type the
// decorator cannot reduce.
var ErrUnknownValidatorType = errorsmod.Register(Codespace, 2, "unknown validator type")
