package zos

import (
	"bytes"
	"os"
	"path/filepath"
	"strings"
	"testing"

	"github.com/zftp/zftp/client/ftptest"
	"github.com/zftp/zftp/transcript"
)

// ibmRun is one interpreter session against an IBM-style test server whose
// transcript is compared with testdata/<name>.golden. The golden's leading
// "#" lines name the IBM page its client lines come from.
type ibmRun struct {
	name   string // golden file testdata/<name>.golden
	source string // the IBM page(s) behind the transcript (the header)
	flags  Flags
	batch  bool // echo input lines (EZA1736I), as a batch job; false: an interactive session's answers
	input  string
	setup  func(t *testing.T, srv *ftptest.Server, work string)
}

// run runs the session and compares its transcript with the golden; it
// returns the work directory and the exit status.
func (r ibmRun) run(t *testing.T, srv *ftptest.Server) (work string, status int) {
	t.Helper()
	work = t.TempDir()
	if r.setup != nil {
		r.setup(t, srv, work)
	}
	empty := t.TempDir()
	set := bareSettings(t, &r.flags, empty)
	if err := set.Set("VERIFYSIZE", "FALSE"); err != nil { // z/OS's transcript: no FEAT or SIZE
		t.Fatal(err)
	}
	var out bytes.Buffer
	in := New(set, Options{
		Output:    transcript.TextSink{W: &out},
		Source:    NewBatchSource(strings.NewReader(strings.NewReplacer("$USER", srv.User, "$PASS", srv.Password).Replace(r.input)), r.batch),
		LocalUser: "TESTER",
		WorkDir:   work,
		NetrcPath: func() (string, error) { return filepath.Join(work, "no-netrc"), nil },
	})
	status = in.Run(srv.Host, srv.Port)
	got := strings.ReplaceAll(normalizeDirect(out.String(), srv.Port), work, "$WORK")
	if strings.Contains(got, srv.Password) {
		t.Fatal("the password is in the transcript")
	}
	compareHeaderGolden(t, filepath.Join("testdata", r.name+".golden"), r.source, got)
	return work, status
}

// compareHeaderGolden compares got with the golden file after its leading
// "#" lines, or rewrites the file (header and all) with -update.
func compareHeaderGolden(t *testing.T, path, source, got string) {
	t.Helper()
	if *update {
		head := "# " + source + "\n# normalised: port, times, rates, $WORK\n"
		if err := os.WriteFile(path, []byte(head+got), 0o644); err != nil {
			t.Fatal(err)
		}
	}
	b, err := os.ReadFile(path)
	if err != nil {
		t.Fatal(err)
	}
	want := string(b)
	for strings.HasPrefix(want, "#") {
		_, want, _ = strings.Cut(want, "\n")
	}
	if got != want {
		t.Errorf("transcript differs from %s\n--- got\n%s--- want\n%s", path, got, want)
	}
}
