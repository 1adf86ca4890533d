// Package valuerange implements the value range used for two-phase (in-flight) amounts in Mesh
// Security.
//
// A Range is a pair (Low, High) with 0 ≤ Low ≤ High. Low is the value if every pending increase
// rolls back and every pending decrease commits; High is the value in the opposite case. A lien
// with a cross-stake in flight over IBC is therefore counted at High when checking that collateral
// covers it, and at Low when checking what may be released.
//
// Every operation is a pure function of its receiver: it returns a new Range and an error, and the
// receiver is never modified. No input makes any function panic: overflow, underflow, negative
// or unset amounts and broken bounds are all returned as registered errors (see errors.go). Every
// operation validates its receiver and arguments first, and a result returned with a nil error is
// always a valid range. The few functions without an error result document what they do with
// invalid input: the predicates (IsZero, IsUnderMax, IsOverMin) report false, and the aggregates
// (MaxRange, MinRange, Spread) replace an invalid argument by the smallest valid range holding its
// ends, an unset or negative end counting as zero.
//
// The semantics follow the value range of the public CosmWasm implementation of Mesh Security
// (github.com/osmosis-labs/mesh-security), with one deliberate difference: the saturating variants never fail on a valid receiver
// and amount, where the reference aborts when a saturating rollback would take High below zero.
package valuerange
