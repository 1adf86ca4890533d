package meshapp_test

import (
	"fmt"
	"go/ast"
	"go/parser"
	"go/token"
	"os"
	"regexp"
	"strconv"
	"strings"
	"testing"

	"github.com/stretchr/testify/require"
)

var errorModules = []string{"vault", "localstaking", "externalstaking", "converter", "virtualstaking"}

// registeredErrors reads a module's types/errors.go and returns one "code|name|message" line per
// errorsmod.Register call.
func registeredErrors(t *testing.T, module string) []string {
	file, err := parser.ParseFile(token.NewFileSet(), "../../"+module+"/types/errors.go", nil, 0)
	require.NoError(t, err)
	var rows []string
	ast.Inspect(file, func(n ast.Node) bool {
		spec, ok := n.(*ast.ValueSpec)
		if !ok || len(spec.Values) != 1 {
			return true
		}
		call, ok := spec.Values[0].(*ast.CallExpr)
		if !ok || len(call.Args) != 3 {
			return true
		}
		if sel, ok := call.Fun.(*ast.SelectorExpr); !ok || sel.Sel.Name != "Register" {
			return true
		}
		code := call.Args[1].(*ast.BasicLit).Value
		msg, err := strconv.Unquote(call.Args[2].(*ast.BasicLit).Value)
		require.NoError(t, err)
		rows = append(rows, fmt.Sprintf("%s|%s|%s", code, spec.Names[0].Name, msg))
		return true
	})
	return rows
}

// documentedErrors returns the "code|name|message" lines of a module's table in docs/operations.md.
func documentedErrors(t *testing.T, doc, module string) []string {
	start := strings.Index(doc, "\n### "+module+"\n")
	require.GreaterOrEqual(t, start, 0, "no error table for %s", module)
	section := doc[start+1:]
	if end := strings.Index(section[4:], "\n### "); end >= 0 {
		section = section[:end+4]
	}
	row := regexp.MustCompile("(?m)^\\| (\\d+) \\| `(\\w+)` \\| ([^|]*) \\| [^|]+ \\|$")
	var rows []string
	for _, m := range row.FindAllStringSubmatch(section, -1) {
		rows = append(rows, fmt.Sprintf("%s|%s|%s", m[1], m[2], m[3]))
	}
	return rows
}

// TestOperationsErrorTableMatchesRegistered checks that docs/operations.md lists every registered
// error of every module, with its code and message, and nothing else.
func TestOperationsErrorTableMatchesRegistered(t *testing.T) {
	raw, err := os.ReadFile("../../docs/operations.md")
	require.NoError(t, err)
	for _, module := range errorModules {
		registered := registeredErrors(t, module)
		require.NotEmpty(t, registered, module)
		require.Equal(t, registered, documentedErrors(t, string(raw), module), module)
	}
}
