// Package lienholder is the seam between the vault and the components that put liens on a user's
// collateral.
//
// A lien holder is anything that lets a user's vault collateral back a commitment: local staking
// (real delegations on this chain), external staking (cross-stake to a consumer chain over IBC),
// or a holder an integrator writes, such as a DAO treasury. The vault never knows what a holder
// does with a lien; it only keeps every user's collateral at least as large as the largest lien
// and as the sum of what the liens can lose.
//
// The seam has two sides:
//
//   - LienHolder is what a holder implements and the vault calls: accept or refuse a lien, report
//     the largest fraction of a lien one slash can take, report each user's realised loss since the
//     last settlement, and burn stake when the vault propagates a loss another holder caused.
//   - Vault is what the vault hands a holder when it registers: a handle bound to the holder's
//     kind, so no module can act as another holder. Through it the holder releases liens, commits
//     or rolls back two-phase liens, and reports that a user has a loss to settle.
//
// A holder is identified by a HolderID{Kind, Key}. One keeper serves a whole kind: local staking
// is {local}, and external staking registers the kind "external" once and then serves
// {external, <pairing-id>} for every pairing governance creates later.
//
// Custody: a Custodial holder receives the tokens of each lien from the vault's module account, at
// the destination it names (local staking names x/staking's bonded pool and delegates them there);
// a Virtual holder receives none (external staking's stake lives on another chain). The vault
// records what it has lent to each custodial holder, wherever the tokens went, and keeps
// vault balance + Σ lent = Σ collateral at all times.
//
// Re-entrancy: while the vault is inside a call to a holder about a user, the holder may not call
// back into the vault about that user (the vault refuses with ErrReentrant), except that
// AcceptLien may complete its own pending lien; QueueSettlement is always allowed. See LienHolder.
//
// Panics: the vault recovers a panic in any holder method and treats it as that method's error,
// so a faulty holder fails the operation, or the block crank's settlement of one user, and never
// the block.
package lienholder
