package types_test

import (
	"testing"
	"time"

	"cosmossdk.io/math"
	"github.com/stretchr/testify/require"

	"github.com/meshsecurity/mesh/externalstaking/types"
)

func TestSlashGuardParamsAreBounded(t *testing.T) {
	require.NoError(t, types.DefaultParams().Validate())
	require.Equal(t, "1.000000000000000000", types.DefaultParams().SlashMeterFraction.String())
	require.True(t, types.DefaultParams().BreakerThreshold.IsZero())
	for name, edit := range map[string]func(*types.Params){
		"fraction zero":    func(p *types.Params) { p.SlashMeterFraction = math.LegacyZeroDec() },
		"fraction above 1": func(p *types.Params) { p.SlashMeterFraction = math.LegacyNewDecWithPrec(11, 1) },
		"fraction missing": func(p *types.Params) { p.SlashMeterFraction = math.LegacyDec{} },
		"period zero":      func(p *types.Params) { p.SlashMeterPeriod = 0 },
		"negative period":  func(p *types.Params) { p.SlashMeterPeriod = -time.Second },
		"negative breaker": func(p *types.Params) { p.BreakerThreshold = math.LegacyNewDec(-1) },
		"breaker missing":  func(p *types.Params) { p.BreakerThreshold = math.LegacyDec{} },
	} {
		p := types.DefaultParams()
		edit(&p)
		require.ErrorIs(t, p.Validate(), types.ErrInvalidParams, name)
	}
}
