package main

import "strings"

// completer is readline's Tab completer: it asks the interpreter
// (zos.Interpreter.Complete), which completes only while its command loop
// waits at the Command: prompt.
type completer struct{ t *terminal }

// Do returns the candidates for the word before pos, as suffixes of what
// is typed, and the length of the typed part.
func (c completer) Do(line []rune, pos int) ([][]rune, int) {
	in := c.t.in.Load()
	if in == nil {
		return nil, 0
	}
	text := string(line[:pos])
	cur := ""
	if f := strings.Fields(text); len(f) > 0 && !strings.HasSuffix(text, " ") && !strings.HasSuffix(text, "\t") {
		cur = f[len(f)-1]
	}
	n := len([]rune(cur))
	var out [][]rune
	for _, s := range in.Complete(text) {
		out = append(out, []rune(s)[n:])
	}
	return out, n
}
