package e2e

import (
	"regexp"
	"strings"
)

// assignment is the start of a top-level shell variable assignment, which later blocks see as a
// user's shell would.
var assignment = regexp.MustCompile(`^(export )?[A-Z][A-Z0-9_]*=`)

// assignments returns the variable assignments of script: the lines that set a variable and do
// nothing else. A line such as MESHD_ADDRESS_PREFIX=consumer meshd ... runs a command with the
// variable in its environment only, so it is no assignment.
func assignments(script string) []string {
	var out []string
	for _, l := range strings.Split(script, "\n") {
		if m := assignment.FindString(l); m != "" && oneWord(strings.TrimRight(l[len(m):], " \t")) {
			out = append(out, l)
		}
	}
	return out
}

// oneWord reports whether a shell value is a single word: no blank outside quotes, $(...),
// $((...)) and ${...}.
func oneWord(value string) bool {
	var quote byte
	depth := 0
	for i := 0; i < len(value); i++ {
		c := value[i]
		switch {
		case quote == '\'':
			if c == '\'' {
				quote = 0
			}
		case c == '\\':
			i++
		case quote == '"' && c == '"':
			quote = 0
		case quote == 0 && (c == '"' || c == '\''):
			quote = c
		case c == '$' && i+1 < len(value) && (value[i+1] == '(' || value[i+1] == '{'):
			depth++
			i++
		case depth > 0 && quote == 0 && c == '(':
			depth++
		case depth > 0 && (c == ')' || c == '}'):
			depth--
		case quote == 0 && depth == 0 && (c == ' ' || c == '\t'):
			return false
		}
	}
	return true
}
