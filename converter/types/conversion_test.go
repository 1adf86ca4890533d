package types_test

import (
	"math/big"
	"testing"

	"cosmossdk.io/math"
	"github.com/stretchr/testify/require"

	"github.com/meshsecurity/mesh/converter/types"
)

func dec(s string) math.LegacyDec { return math.LegacyMustNewDecFromStr(s) }

// TestConversionFigures checks the reference's arithmetic to the unit.
func TestConversionFigures(t *testing.T) {
	for _, c := range []struct {
		name            string
		price, discount string
		in              int64
		normalized      int64
		inverted        int64
	}{
		// the reference's own examples: 1000 at p 0.5, discount 0.4 gives 300; 600 inverted gives 1999
		{"reference", "0.5", "0.4", 1000, 300, 1999},
		// price 0.5, discount 0.1: floor(floor(1000*0.5)*0.9) = 450; 600 local: floor(1200*1.111111111111111111) = 1333
		{"half price, tenth discount", "0.5", "0.1", 1000, 450, 1333},
		{"odd amount floors twice", "0.5", "0.1", 999, 449, 1333},
		{"one token", "0.5", "0.1", 1, 0, 1333},
	} {
		t.Run(c.name, func(t *testing.T) {
			adj := math.LegacyOneDec().Sub(dec(c.discount))
			got, err := types.Normalize(math.NewInt(c.in), dec(c.price), adj)
			require.NoError(t, err)
			require.Equal(t, c.normalized, got.Int64())
			inv, err := types.Invert(math.NewInt(600), dec(c.price), adj)
			require.NoError(t, err)
			require.Equal(t, c.inverted, inv.Int64())
		})
	}
}

// TestConversionRefusesOutOfBounds checks nothing panics on extreme inputs.
func TestConversionRefusesOutOfBounds(t *testing.T) {
	huge := math.NewIntFromBigInt(new(big.Int).Lsh(big.NewInt(1), 200))
	_, err := types.Normalize(huge, dec("0.5"), dec("0.9"))
	require.ErrorIs(t, err, types.ErrOverflow)
	_, err = types.Invert(math.NewInt(1), math.LegacyZeroDec(), dec("0.9"))
	require.ErrorIs(t, err, types.ErrInvalidPrice)
	_, err = types.Invert(math.NewInt(1), dec("0.5"), math.LegacyZeroDec())
	require.ErrorIs(t, err, types.ErrInvalidPrice)
	max := math.NewIntFromBigInt(new(big.Int).Sub(new(big.Int).Lsh(big.NewInt(1), 128), big.NewInt(1)))
	got, err := types.Normalize(max, types.MaxPrice, math.LegacyOneDec())
	require.NoError(t, err)
	require.Equal(t, max.Mul(math.NewInt(1_000_000_000_000)).String(), got.String())
	_, err = types.Invert(max, math.LegacyNewDecWithPrec(1, 18), math.LegacyNewDecWithPrec(1, 18))
	require.NoError(t, err)
}
