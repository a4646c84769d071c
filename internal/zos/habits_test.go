package zos

import (
	"bytes"
	"path/filepath"
	"strings"
	"testing"

	"github.com/zftp/zftp/client/ftptest"
	"github.com/zftp/zftp/transcript"
)

func TestSuggest(t *testing.T) {
	tbl := newTable()
	for _, tt := range []struct{ word, want string }{
		{"lsit", "ls"},
		{"mgte", "mget"},
		{"pwdd", "pwd"},
		{"dleete", "delete"},
		{"quti", "quit"},
		{"binray", "binary"},
		{"xyzzyplugh", ""},
		{"q", ""},
	} {
		if got := suggest(tbl, tt.word); got != tt.want {
			t.Errorf("suggest(%q) = %q, want %q", tt.word, got, tt.want)
		}
	}
}

func TestEditDistance(t *testing.T) {
	for _, tt := range []struct {
		a, b string
		want int
	}{{"", "", 0}, {"A", "", 1}, {"LSIT", "LIST", 1}, {"CA", "ABC", 3}, {"PWD", "PWD", 0}, {"KITTEN", "SITTING", 3}} {
		if got := editDistance(tt.a, tt.b); got != tt.want {
			t.Errorf("editDistance(%q, %q) = %d, want %d", tt.a, tt.b, got, tt.want)
		}
	}
}

func TestShellWithoutBlank(t *testing.T) {
	tbl := newTable()
	for _, tt := range []struct{ line, word, rest string }{
		{"!ls -l", "!", "ls -l"},
		{"  !pwd", "!", "pwd"},
		{"! ls", "!", "ls"},
		{"!", "!", ""},
	} {
		c, res := parseLine(tbl, tt.line)
		if c == nil || res.sub == nil || res.sub.name != "!" || c.rest != tt.rest {
			t.Errorf("parseLine(%q) = %+v, want ! with %q", tt.line, c, tt.rest)
		}
	}
}

// interactive runs an interpreter as a terminal does (no echo, a Hint
// hook) with input, and returns the transcript and the hints.
func interactive(t *testing.T, srv *ftptest.Server, localUser, input string) (string, []string) {
	t.Helper()
	empty := t.TempDir()
	set := bareSettings(t, &Flags{Verbose: true}, empty)
	var out bytes.Buffer
	var hints []string
	in := New(set, Options{
		Output:    transcript.TextSink{W: &out},
		Source:    NewBatchSource(strings.NewReader(input), false),
		Hooks:     Hooks{Hint: func(s string) { hints = append(hints, s) }},
		LocalUser: localUser,
		WorkDir:   empty,
		NetrcPath: func() (string, error) { return filepath.Join(empty, "no-netrc"), nil },
	})
	in.Run(srv.Host, srv.Port)
	return out.String(), hints
}

// TestEnterAtNameTakesShownUser: Enter at NAME (host:user): at a terminal
// sends USER with the user shown; a typo gets "did you mean".
func TestEnterAtNameTakesShownUser(t *testing.T) {
	srv := ftptest.NewServer(t, ftptest.WithIBM())
	out, hints := interactive(t, srv, srv.User, "\n"+srv.Password+"\nmgte\nquit\n")
	if !strings.Contains(out, ">>> USER "+srv.User+"\n") || !strings.Contains(out, "230") {
		t.Errorf("Enter at NAME did not log in as %s:\n%s", srv.User, out)
	}
	if len(hints) != 1 || !strings.Contains(hints[0], "did you mean mget?") {
		t.Errorf("hints = %q, want did you mean mget?", hints)
	}
	if strings.Contains(out, "did you mean") {
		t.Errorf("the suggestion reached the transcript:\n%s", out)
	}
}

// TestCommandLineHostHint: a failed start with the host on the command
// line gets the same hint as OPEN.
func TestCommandLineHostHint(t *testing.T) {
	srv := ftptest.NewServer(t, ftptest.WithIBM())
	_, hints := interactive(t, srv, "nobody", "nobody\nwrong\nquit\n")
	if len(hints) == 0 || !strings.Contains(hints[0], "log in with") {
		t.Errorf("hints = %q, want the login hint", hints)
	}
}
