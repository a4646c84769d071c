package zos

import (
	"slices"
	"strings"
	"testing"
	"unicode/utf8"

	"github.com/zftp/zftp/internal/config"
	"github.com/zftp/zftp/transcript"
)

// helpAt runs a HELP line at a terminal cols wide (0: no terminal) and
// returns its lines.
func helpAt(t *testing.T, cols int, line string) []string {
	t.Helper()
	var out strings.Builder
	a := &Interpreter{set: &Settings{cfg: config.Defaults()}, table: newTable(), out: transcript.New(&out, transcript.Options{Verbose: true})}
	if cols >= 0 {
		a.hooks.Columns = func() int { return cols }
	}
	words := strings.Fields(line)
	if err := a.help(&call{sub: lookup(a.table, words[0]).sub, word: words[0], args: words[1:]}); err != nil {
		t.Fatal(err)
	}
	return strings.Split(strings.TrimSuffix(out.String(), "\n"), "\n")
}

// TestHelpWidth: at a terminal of 80 or 40 columns (and one that reports
// 0, taken as 80) HELP's lines fit the width, are broken at blanks only
// (every word of the unwrapped text is whole), and list zftp's extensions
// in a group of their own after z/OS's subcommands.
func TestHelpWidth(t *testing.T) {
	for _, line := range []string{"help", "help reput", "help mirror", "help all", "?"} {
		flat := strings.Fields(strings.Join(helpAt(t, -1, line), " "))
		for _, cols := range []int{80, 40, 0} {
			got := helpAt(t, cols, line)
			width := cols
			if width == 0 {
				width = 80
			}
			for _, l := range got {
				if n := utf8.RuneCountInString(l); n >= width {
					t.Errorf("%s at %d columns: a line of %d columns: %q", line, cols, n, l)
				}
			}
			if words := strings.Fields(strings.Join(got, " ")); !slices.Equal(words, flat) {
				t.Errorf("%s at %d columns: the words differ from the unwrapped text (a word was cut):\n%q", line, cols, got)
			}
		}
	}
	for _, cols := range []int{-1, 80, 40} {
		got := strings.Join(helpAt(t, cols, "help"), "\n")
		z, e := strings.Index(got, "Subcommands ("), strings.Index(got, "zftp extensions")
		if z < 0 || e < z {
			t.Fatalf("at %d columns: no extensions group after z/OS's list:\n%s", cols, got)
		}
		for _, name := range []string{"MIRror", "REGet", "REPUt"} {
			if !strings.Contains(got[e:], name) || strings.Contains(got[:e], name) {
				t.Errorf("at %d columns: %s is not in the extensions group alone:\n%s", cols, name, got)
			}
		}
	}
}
