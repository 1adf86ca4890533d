package providerapp

import (
	"os"
	"strings"
	"testing"

	"github.com/stretchr/testify/require"
)

// TestTestingGuideQuotesThisCode checks that every Go block of docs/testing.md is a verbatim
// part of this package's code, so the guide cannot drift from the app the driver runs.
func TestTestingGuideQuotesThisCode(t *testing.T) {
	guide, err := os.ReadFile("../../docs/testing.md")
	require.NoError(t, err)
	var code strings.Builder
	for _, file := range []string{"app_test.go", "driver_test.go"} {
		src, err := os.ReadFile(file)
		require.NoError(t, err)
		code.Write(src)
	}
	blocks := goBlocks(string(guide))
	require.Len(t, blocks, 4)
	for _, block := range blocks {
		require.Contains(t, code.String(), block, "docs/testing.md quotes code that is not in examples/providerapp")
	}
}

// goBlocks returns the bodies of the markdown's fenced Go blocks.
func goBlocks(markdown string) []string {
	var blocks []string
	parts := strings.Split(markdown, "```go\n")
	for _, part := range parts[1:] {
		body, _, _ := strings.Cut(part, "```")
		blocks = append(blocks, strings.TrimSuffix(body, "\n"))
	}
	return blocks
}
