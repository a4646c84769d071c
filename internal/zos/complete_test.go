package zos

import (
	"errors"
	"fmt"
	"io"
	"os"
	"path/filepath"
	"slices"
	"strings"
	"testing"

	"github.com/zftp/zftp/client"
	"github.com/zftp/zftp/transcript"
)

// TestSynonymFacts checks that a synonym (CWD, ACCT, ?) has the
// per-subcommand facts of the subcommand it stands for: completion, echo
// masking, history and hints treat both alike.
func TestSynonymFacts(t *testing.T) {
	table := newTable()
	synonyms := 0
	for _, s := range table {
		if s.aliasOf == "" {
			continue
		}
		synonyms++
		o := lookup(table, s.aliasOf).sub
		if o == nil || o.name != s.aliasOf {
			t.Fatalf("%s: aliasOf %q names no subcommand", s.name, s.aliasOf)
		}
		type facts struct {
			args                                     string
			repeat, changes, bare, opens, repl, rarg bool
			secret                                   secretArgs
		}
		f := func(x *subcommand) facts {
			return facts{fmt.Sprint(x.args), x.argsRepeat, x.changesRemote, x.exitBare, x.opens, x.localReplace, x.remoteArg, x.secret}
		}
		if f(s) != f(o) {
			t.Errorf("%s has facts %+v, %s (which it stands for) %+v", s.name, f(s), o.name, f(o))
		}
	}
	if synonyms < 3 {
		t.Errorf("%d synonyms in the table, want CWD, ACCT and ? at least", synonyms)
	}
}

func TestCompleter(t *testing.T) {
	dir := t.TempDir()
	os.Mkdir(filepath.Join(dir, "sub"), 0o755)
	os.WriteFile(filepath.Join(dir, "sub", "inner.txt"), nil, 0o644)
	os.WriteFile(filepath.Join(dir, "data.csv"), nil, 0o644)
	os.WriteFile(filepath.Join(dir, ".hidden"), nil, 0o644)
	a := &Interpreter{table: newTable(), localDir: dir, set: &Settings{}}
	for _, tt := range []struct {
		line string
		want []string
	}{
		{"pw", []string{"pwd "}},
		{"PW", []string{"PWD "}},
		{"lm", []string{"lmkdir "}},
		{"mv", nil}, // MVSGET/MVSPUT are z/OS only
		{"put ", []string{"data.csv ", "sub/"}},
		{"put d", []string{"data.csv "}},
		{"put sub/", []string{"sub/inner.txt "}},
		{"put .h", []string{".hidden "}},
		{"lcd ", []string{"sub/"}},
		{"help ge", []string{"get "}},
		{"get ", nil},            // not connected: no remote names
		{"pwd ", nil},            // no arguments to complete
		{"put data.csv x ", nil}, // PUT has two arguments
		{"mput data.csv ", []string{"data.csv ", "sub/"}},
	} {
		got := a.Complete(tt.line)
		if !slices.Equal(got, tt.want) {
			t.Errorf("complete %q = %q, want %q", tt.line, got, tt.want)
		}
	}

	// While the command loop holds the session (not at the prompt),
	// nothing is completed.
	a.busy.Lock()
	if got := a.Complete("pw"); got != nil {
		t.Errorf("completed %q while busy", got)
	}
	a.busy.Unlock()
}

func TestHintFor(t *testing.T) {
	tbl := newTable()
	sub := func(name string) *subcommand { return lookup(tbl, name).sub }
	for _, tt := range []struct {
		sub  *subcommand
		err  error
		want string
	}{
		{sub("GET"), shown(ecUsage, errors.New("get: wrong arguments")), "help get shows"},
		{sub("PWD"), shown(ecConnectFailed, errors.New("not connected")), "open host"},
		{sub("OPEN"), shown(ecAuthentication, errors.New("x")), "--keyring"},
		{sub("GET"), shown(ecFileAccess, errors.New("get: /tmp/x exists")), "(replace"},
		{sub("GET"), &client.ReplyError{Command: "RETR", Reply: &client.Reply{Code: 550}}, "ls lists"},
		{sub("OPEN"), shown(ecConnectFailed, errors.New("open x: refused")), "is an FTP server listening"},
		{sub("NOOP"), errors.New("odd"), ""},
	} {
		if got := hintFor(tt.sub, tt.err, false); !strings.Contains(got, tt.want) || tt.want == "" && got != "" {
			t.Errorf("hintFor(%s, %v) = %q, want it to hold %q", tt.sub.name, tt.err, got, tt.want)
		}
	}
}

func TestInterruptAtNoSubcommand(t *testing.T) {
	var a Interpreter
	if a.Interrupt() {
		t.Fatal("Ctrl-C with no subcommand running was taken as an abort; the program must end")
	}
}

// TestCompleteWhileRunning calls Complete from another goroutine, as a
// line editor does on Tab, while the command loop runs subcommands that
// change what it reads (LCD): go test -race must stay clean.
func TestCompleteWhileRunning(t *testing.T) {
	dir := t.TempDir()
	os.Mkdir(filepath.Join(dir, "sub"), 0o755)
	set, err := LoadSettings(&Flags{NoAutoLogin: true}, testFinder(dir))
	if err != nil {
		t.Fatal(err)
	}
	var in strings.Builder
	for range 50 {
		in.WriteString("lcd sub\nlcd ..\nprompt\n")
	}
	in.WriteString("quit\n")
	a := New(set, Options{
		Output:  transcript.TextSink{W: io.Discard},
		Source:  NewBatchSource(strings.NewReader(in.String()), true),
		WorkDir: dir,
	})
	stop := make(chan struct{})
	done := make(chan struct{})
	go func() {
		defer close(done)
		for {
			select {
			case <-stop:
				return
			default:
				a.Complete("lcd ")
				a.Complete("pw")
			}
		}
	}()
	if st := a.Run("", 0); st != 0 {
		t.Errorf("status %d", st)
	}
	close(stop)
	<-done
}
