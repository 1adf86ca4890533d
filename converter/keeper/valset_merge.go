package keeper

import "github.com/meshsecurity/mesh/ibcproto"

// mergeValset folds next into base as if next's changes happened after base's: a validator added
// again leaves the removals, a removed one leaves the additions and updates, unjailing cancels an
// earlier jailing and the other way round, and duplicates collapse (the latest key wins).
// Slashes and tombstones accumulate. Height and time are set when the update is sent.
func mergeValset(base, next ibcproto.ValsetUpdatePacket) ibcproto.ValsetUpdatePacket {
	for _, v := range next.Additions {
		base.Removals = without(base.Removals, v.Valoper)
		base.Additions = upsert(base.Additions, v)
	}
	for _, name := range next.Removals {
		base.Additions = withoutValidator(base.Additions, name)
		base.Updated = withoutValidator(base.Updated, name)
		base.Removals = with(base.Removals, name)
	}
	for _, v := range next.Updated {
		base.Updated = upsert(base.Updated, v)
	}
	for _, name := range next.Jailed {
		base.Unjailed = without(base.Unjailed, name)
		base.Jailed = with(base.Jailed, name)
	}
	for _, name := range next.Unjailed {
		base.Jailed = without(base.Jailed, name)
		base.Unjailed = with(base.Unjailed, name)
	}
	for _, name := range next.Tombstoned {
		base.Tombstoned = with(base.Tombstoned, name)
	}
	for _, s := range next.Slashed {
		if !hasSlash(base.Slashed, s) {
			base.Slashed = append(base.Slashed, s)
		}
	}
	return base
}

// empty says whether an update carries nothing.
func emptyValset(p ibcproto.ValsetUpdatePacket) bool {
	return len(p.Additions)+len(p.Removals)+len(p.Updated)+len(p.Jailed)+len(p.Unjailed)+
		len(p.Tombstoned)+len(p.Slashed) == 0
}

func with(list []string, name string) []string {
	for _, n := range list {
		if n == name {
			return list
		}
	}
	return append(list, name)
}

func without(list []string, name string) []string {
	out := list[:0:0]
	for _, n := range list {
		if n != name {
			out = append(out, n)
		}
	}
	return out
}

func upsert(list []ibcproto.AddValidator, v ibcproto.AddValidator) []ibcproto.AddValidator {
	for i := range list {
		if list[i].Valoper == v.Valoper {
			list[i] = v
			return list
		}
	}
	return append(list, v)
}

func withoutValidator(list []ibcproto.AddValidator, name string) []ibcproto.AddValidator {
	out := list[:0:0]
	for _, v := range list {
		if v.Valoper != name {
			out = append(out, v)
		}
	}
	return out
}

func hasSlash(list []ibcproto.ValidatorSlashInfo, s ibcproto.ValidatorSlashInfo) bool {
	for _, have := range list {
		if have.Address == s.Address && have.InfractionHeight == s.InfractionHeight {
			return true
		}
	}
	return false
}
