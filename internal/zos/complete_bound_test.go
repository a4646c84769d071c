package zos

import (
	"context"
	"os"
	"path/filepath"
	"strings"
	"testing"
	"time"

	"github.com/zftp/zftp/client/ftptest"
	"github.com/zftp/zftp/internal/ftpd"
	"github.com/zftp/zftp/transcript"
)

// completionSession runs an interpreter logged in to srv, reading lines
// from a pipe as a terminal's source would (no echo), and waits until its
// command loop waits at the Command: prompt. It returns the interpreter,
// the transcript, a function that types a line, and one that ends the
// session and returns the transcript.
func completionSession(t *testing.T, srv *ftptest.Server) (*Interpreter, func(string), func() string) {
	t.Helper()
	tmp := t.TempDir()
	set, err := LoadSettings(&Flags{Verbose: true, Timeout: 60}, testFinder(tmp))
	if err != nil {
		t.Fatal(err)
	}
	var out syncBuffer
	pr, pw, err := os.Pipe()
	if err != nil {
		t.Fatal(err)
	}
	t.Cleanup(func() { pr.Close(); pw.Close() })
	in := New(set, Options{
		Output:    transcript.TextSink{W: &out},
		Source:    NewBatchSource(pr, false),
		WorkDir:   tmp,
		NetrcPath: func() (string, error) { return filepath.Join(tmp, "netrc"), nil },
	})
	done := make(chan int, 1)
	go func() { done <- in.Run(srv.Host, srv.Port) }()
	pw.WriteString(srv.User + "\n" + srv.Password + "\n")
	deadline := time.Now().Add(10 * time.Second)
	for strings.Count(out.String(), "Command:") == 0 && time.Now().Before(deadline) {
		time.Sleep(5 * time.Millisecond)
	}
	typeLine := func(l string) { pw.WriteString(l + "\n") }
	end := func() string {
		pw.WriteString("quit\n")
		pw.Close()
		select {
		case <-done:
		case <-time.After(20 * time.Second):
			t.Fatal("the interpreter did not end")
		}
		return out.String()
	}
	return in, typeLine, end
}

// TestCompletionEscapesHostileNames: names a hostile server lists reach
// the terminal through Tab completion only escaped: no ESC, OSC, BEL, C1
// control or DEL in any candidate (issue 25 item 9).
func TestCompletionEscapesHostileNames(t *testing.T) {
	srv := ftptest.NewServer(t, ftptest.WithIBM(), ftptest.WithFaults(ftpd.Faults{NameList: []string{
		"\x1b]0;PWNED\x07evil", "c1\u009b31mred", "del\x7fname", "plain.txt", "bad\xffbyte",
	}}))
	in, _, end := completionSession(t, srv)
	got := in.Complete("get ")
	end()
	want := map[string]bool{"^[]0;PWNED^Gevil ": true, `c1\u009b31mred `: true, "del^?name ": true, "plain.txt ": true, `bad\xffbyte `: true}
	for _, c := range got {
		if transcript.Escape(c) != c {
			t.Errorf("candidate %q is not escaped", c)
		}
		delete(want, c)
	}
	if len(want) != 0 {
		t.Errorf("candidates %q; missing %v", got, want)
	}
}

// TestCompletionListingBounded: a server that never answers the listing
// Tab completion asks for holds the prompt only for the completion's
// bound, not the reply timeout (60 s here), and Ctrl-C (the caller's
// context) ends the wait at once. The session, whose reply may still
// come, is closed with ZFT0112E before the next subcommand (issue 25
// item 9).
func TestCompletionListingBounded(t *testing.T) {
	for _, interrupt := range []bool{false, true} {
		t.Run(map[bool]string{false: "bound", true: "interrupted"}[interrupt], func(t *testing.T) {
			srv := ftptest.NewServer(t, ftptest.WithIBM(), ftptest.WithFaults(ftpd.Faults{SilentFor: []string{"LIST", "NLST"}}))
			in, typeLine, end := completionSession(t, srv)
			ctx := context.Background()
			if interrupt {
				var cancel context.CancelFunc
				ctx, cancel = context.WithCancel(ctx)
				time.AfterFunc(100*time.Millisecond, cancel)
			} else {
				in.comp.wait = 200 * time.Millisecond
			}
			done := make(chan []string, 1)
			go func() { done <- in.CompleteContext(ctx, "get ") }()
			select {
			case got := <-done:
				if len(got) != 0 {
					t.Errorf("candidates %q from a listing that never came", got)
				}
			case <-time.After(20 * time.Second):
				t.Fatal("Tab completion still waits for the listing")
			}
			typeLine("pwd")
			o := end()
			i := strings.LastIndex(o, "Command:")
			if !strings.Contains(o, "ZFT0112E") || !strings.Contains(o, "Tab completion") {
				t.Errorf("no ZFT0112E for the session the listing left unusable:\n%s", o)
			}
			if strings.Contains(o[:i], ">>> LIST") || strings.Contains(o[:i], ">>> NLST") {
				t.Errorf("completion's listing reached the transcript:\n%s", o)
			}
		})
	}
}
