package ibcproto

import (
	"errors"
	"testing"

	errorsmod "cosmossdk.io/errors"
	sdkmath "cosmossdk.io/math"
	"github.com/stretchr/testify/require"
)

func slash(address, ratio string, amount int64) ValidatorSlashInfo {
	return ValidatorSlashInfo{
		Address: address, InfractionHeight: 5, InfractionTime: 6, Power: 7,
		SlashAmount: NewCoin("uosmo", sdkmath.NewInt(amount)), SlashRatio: ratio,
	}
}

func TestValidEntriesSkipsOnlyBadEntries(t *testing.T) {
	p := ValsetUpdatePacket{
		Height: 10, Time: 20,
		Additions:  []AddValidator{{Valoper: "a1", PubKey: testPubKey}, {Valoper: "", PubKey: testPubKey}, {Valoper: "a3", PubKey: "not-a-key"}},
		Removals:   []string{"", "r2"},
		Updated:    []AddValidator{{Valoper: ""}},
		Jailed:     []string{"j1"},
		Unjailed:   []string{""},
		Tombstoned: []string{"t1", ""},
		Slashed: []ValidatorSlashInfo{
			slash("s1", "0.1", 10),
			slash("", "0.1", 10),
			slash("s3", "1.5", 10),
			slash("s4", "abc", 10),
			{Address: "s5", SlashAmount: NewCoin("", sdkmath.NewInt(1)), SlashRatio: "0.1"},
			slash("s6", "1", 0),
		},
	}
	valid, errs := p.ValidEntries()

	require.Equal(t, uint64(10), valid.Height)
	require.Equal(t, uint64(20), valid.Time)
	// A key the receiver may not be able to parse does not drop the entry.
	require.Equal(t, []AddValidator{{Valoper: "a1", PubKey: testPubKey}, {Valoper: "a3", PubKey: "not-a-key"}}, valid.Additions)
	require.Equal(t, []string{"r2"}, valid.Removals)
	require.Empty(t, valid.Updated)
	require.Equal(t, []string{"j1"}, valid.Jailed)
	require.Empty(t, valid.Unjailed)
	require.Equal(t, []string{"t1"}, valid.Tombstoned)
	require.Equal(t, []ValidatorSlashInfo{slash("s1", "0.1", 10), slash("s6", "1", 0)}, valid.Slashed)

	type where struct {
		list  string
		index int
	}
	var got []where
	for _, e := range errs {
		require.True(t, errors.Is(e, ErrInvalidValsetEntry), e.Error())
		got = append(got, where{e.List, e.Index})
	}
	require.Equal(t, []where{
		{"additions", 1}, {"removals", 0}, {"updated", 0}, {"unjailed", 0}, {"tombstoned", 1},
		{"slashed", 1}, {"slashed", 2}, {"slashed", 3}, {"slashed", 4},
	}, got)
	require.Contains(t, errs[0].Error(), "additions[1]")
	for _, e := range errs {
		codespace, code, _ := errorsmod.ABCIInfo(e, false)
		require.Equal(t, Codespace, codespace)
		require.Equal(t, ErrInvalidValsetEntry.ABCICode(), code)
		require.NotContains(t, e.Error(), ".go:", "error text must not carry a stack frame")
	}
}

func TestValidEntriesOfCleanPacketKeepsEverything(t *testing.T) {
	p := consumerVectors[0].packet.(ValsetUpdatePacket)
	valid, errs := p.ValidEntries()
	require.Empty(t, errs)
	requireSameValue(t, p, valid)
}

func TestParseSlashRatio(t *testing.T) {
	for in, want := range map[string]string{
		"0": "0", "0.05": "0.05", "1": "1", "1.000": "1", "000.5": "0.5", "0.000000000000000001": "0.000000000000000001",
	} {
		got, err := ParseSlashRatio(in)
		require.NoError(t, err, in)
		require.True(t, got.Equal(sdkmath.LegacyMustNewDecFromStr(want)), in)
	}
	for _, bad := range []string{"", ".5", "1.", "-0.1", "+0.1", "0.1.2", "1e-2", "0.0000000000000000001", "1.01", "2", "10", "abc", " 0.1"} {
		_, err := ParseSlashRatio(bad)
		require.ErrorIs(t, err, ErrInvalidSlashRatio, bad)
	}
}
