package keeper_test

import "cosmossdk.io/collections"

// collectionsJoin builds a (pairing, validator) key.
func collectionsJoin(a, b string) collections.Pair[string, string] { return collections.Join(a, b) }
