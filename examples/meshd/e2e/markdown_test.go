//go:build e2e || e2emesh

package e2e

import (
	"encoding/json"
	"fmt"
	"os"
	"regexp"
	"strings"
)

// docBlock is one shell block of the document and the output the document shows after it.
type docBlock struct {
	line   int    // where the block starts in the document
	script string // the shell code
	want   string // the output block that follows it, if any
	format string // "json" (a subset of the printed JSON) or "text" (text the output contains)
}

var fence = regexp.MustCompile("^```([a-z]*)\\s*$")

// readDocBlocks returns the ```sh blocks of path, each with the ```json or ```text block that
// directly follows it. Other blocks (```console for commands that run in the foreground) are
// for the reader only.
func readDocBlocks(path string) ([]docBlock, error) {
	raw, err := os.ReadFile(path)
	if err != nil {
		return nil, err
	}
	type fenced struct {
		line       int
		lang, body string
		prevEnd    int
	}
	var blocks []fenced
	lines := strings.Split(string(raw), "\n")
	for i := 0; i < len(lines); i++ {
		m := fence.FindStringSubmatch(lines[i])
		if m == nil {
			continue
		}
		start := i
		var body []string
		for i++; i < len(lines) && strings.TrimSpace(lines[i]) != "```"; i++ {
			body = append(body, lines[i])
		}
		if i == len(lines) {
			return nil, fmt.Errorf("%s:%d: unclosed block", path, start+1)
		}
		blocks = append(blocks, fenced{line: start + 1, lang: m[1], body: strings.Join(body, "\n"), prevEnd: i})
	}
	var out []docBlock
	for i, b := range blocks {
		if b.lang != "sh" {
			continue
		}
		block := docBlock{line: b.line, script: b.body}
		if i+1 < len(blocks) && (blocks[i+1].lang == "json" || blocks[i+1].lang == "text") &&
			onlyBlankBetween(lines, b.prevEnd, blocks[i+1].line-1) {
			block.want, block.format = blocks[i+1].body, blocks[i+1].lang
		}
		out = append(out, block)
	}
	return out, nil
}

// onlyBlankBetween reports whether the lines after from and before to (0-based) are blank or
// a short lead-in such as "It prints:".
func onlyBlankBetween(lines []string, from, to int) bool {
	for _, l := range lines[from+1 : to] {
		if t := strings.TrimSpace(l); t != "" && !strings.HasSuffix(t, ":") {
			return false
		}
	}
	return true
}

// matchJSON checks that got contains want: every key of a wanted object with a matching value,
// every element of a wanted array matched by some element of got's array, "*" matching any
// value, and $NAME in a wanted string replaced by vars[NAME].
func matchJSON(want, got any, vars map[string]string, path string) error {
	switch w := want.(type) {
	case map[string]any:
		g, ok := got.(map[string]any)
		if !ok {
			return fmt.Errorf("%s: want an object, got %s", path, show(got))
		}
		for k, wv := range w {
			gv, ok := g[k]
			if !ok {
				return fmt.Errorf("%s: no field %q in %s", path, k, show(got))
			}
			if err := matchJSON(wv, gv, vars, path+"."+k); err != nil {
				return err
			}
		}
		return nil
	case []any:
		g, ok := got.([]any)
		if !ok {
			return fmt.Errorf("%s: want an array, got %s", path, show(got))
		}
		for i, wv := range w {
			found := false
			for _, gv := range g {
				if matchJSON(wv, gv, vars, path) == nil {
					found = true
					break
				}
			}
			if !found {
				return fmt.Errorf("%s[%d]: nothing matches %s in %s", path, i, show(wv), show(got))
			}
		}
		return nil
	case string:
		if w == "*" {
			return nil
		}
		expanded := os.Expand(w, func(name string) string { return vars[name] })
		if gs, ok := got.(string); !ok || gs != expanded {
			return fmt.Errorf("%s: want %q, got %s", path, expanded, show(got))
		}
		return nil
	default:
		if show(want) != show(got) {
			return fmt.Errorf("%s: want %s, got %s", path, show(want), show(got))
		}
		return nil
	}
}

func show(v any) string {
	bz, err := json.Marshal(v)
	if err != nil {
		return fmt.Sprint(v)
	}
	return string(bz)
}
