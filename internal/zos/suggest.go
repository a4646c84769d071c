package zos

import "strings"

// maxSuggestDistance is how far a mistyped subcommand word may be from a
// name for "did you mean": two edits (a transposition of neighbours is
// one), and fewer than the word has letters.
const maxSuggestDistance = 2

// suggest returns the subcommand name closest to an unknown word, in
// lower case, or "" when none is within maxSuggestDistance edits. Names
// that only z/OS runs are left out; among equally close names the first
// in the table wins.
func suggest(table []*subcommand, word string) string {
	w := strings.ToUpper(word)
	best, bestDist := "", min(maxSuggestDistance, len(w)-1)+1
	for _, s := range table {
		if s.zosOnly || len(s.name) < 2 {
			continue
		}
		if d := editDistance(w, s.name); d < bestDist {
			best, bestDist = s.name, d
		}
	}
	return strings.ToLower(best)
}

// editDistance returns the optimal string alignment distance between a
// and b (bytes): insertions, deletions, substitutions and transpositions
// of neighbours, one edit each.
func editDistance(a, b string) int {
	d := make([][]int, len(a)+1)
	for i := range d {
		d[i] = make([]int, len(b)+1)
		d[i][0] = i
	}
	for j := range d[0] {
		d[0][j] = j
	}
	for i := 1; i <= len(a); i++ {
		for j := 1; j <= len(b); j++ {
			cost := 1
			if a[i-1] == b[j-1] {
				cost = 0
			}
			d[i][j] = min(d[i-1][j]+1, d[i][j-1]+1, d[i-1][j-1]+cost)
			if i > 1 && j > 1 && a[i-1] == b[j-2] && a[i-2] == b[j-1] {
				d[i][j] = min(d[i][j], d[i-2][j-2]+1)
			}
		}
	}
	return d[len(a)][len(b)]
}

// suggestHint passes "did you mean" for an unknown subcommand word to the
// Hint hook (a terminal only: batch output never gets it): another
// client's name for a subcommand first (peers.go), then the one
// subcommand the word abbreviates too briefly, then the closest name.
func (a *Interpreter) suggestHint(word string) {
	if a.hooks.Hint == nil {
		return
	}
	if h := peerHint(word); h != "" {
		a.hooks.Hint(h)
		return
	}
	if s := tooShort(lookup(a.table, word), a.table); s != nil && !s.zosOnly {
		a.hooks.Hint("did you mean " + strings.ToLower(s.name) + "? (" + strings.ToLower(s.name[:s.min]) + " is its shortest abbreviation)")
		return
	}
	if s := suggest(a.table, word); s != "" {
		a.hooks.Hint("did you mean " + s + "? (help lists the subcommands)")
	}
}

// ambiguousHint passes another client's meaning of an ambiguous word (mv:
// RENAME, not MVSGET or MVSPUT) to the Hint hook.
func (a *Interpreter) ambiguousHint(word string) {
	if h := peerHint(word); h != "" && a.hooks.Hint != nil {
		a.hooks.Hint(h)
	}
}

// shellWord splits a "!command" line typed without a blank after the "!"
// into the ! subcommand and its command; ok is false for any other line.
func shellWord(line string) (rest string, ok bool) {
	t := strings.TrimLeft(line, " \t")
	if len(t) < 2 || t[0] != '!' || isBlank(rune(t[1])) {
		return "", false
	}
	return t[1:], true
}
