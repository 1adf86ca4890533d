// Package providerapp is the model of a chain that embeds the Mesh Security provider modules and
// runs testutil's block driver on its own app. Its code is in its tests: app_test.go builds a
// provider-only app (no mint, evidence or ICS-20) as an integrator would, and driver_test.go
// drives it, through testutil, across a cross-stake to a consumer chain and a downtime slash.
package providerapp
