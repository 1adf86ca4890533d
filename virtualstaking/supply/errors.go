package supply

import errorsmod "cosmossdk.io/errors"

// Codespace is the codespace of this package's errors.
const Codespace = "vssupply"

// ErrVirtualStake wraps a panic of virtual staking while it reported its stake.
var ErrVirtualStake = errorsmod.Register(Codespace, 2, "virtual stake not readable")
