package zos

import (
	"bytes"
	"os"
	"path/filepath"
	"regexp"
	"strconv"
	"strings"
	"testing"

	"github.com/zftp/zftp/client/ftptest"
	"github.com/zftp/zftp/internal/platformtest"
	"github.com/zftp/zftp/transcript"
)

// TestInterpreterDirect drives the interpreter as a program embedding it
// would: LoadSettings, New with a TextSink and a batch source, Run. The
// binary's own golden tests (cmd/zftp) cover flags and the terminal.
func TestInterpreterDirect(t *testing.T) {
	srv := ftptest.NewServer(t, ftptest.WithIBM())
	srv.WriteFile(t, "data.txt", []byte("line one\nline two\n"))
	work := t.TempDir()
	tests := []struct {
		name   string
		flags  Flags
		input  string
		status int
	}{
		{"direct_session", Flags{Verbose: true}, srv.User + "\n" + srv.Password + "\nascii\nget data.txt copy.txt\npwd\nquit\n", 0},
		{"direct_exit_on_error", Flags{Verbose: true, ExitOnError: true}, srv.User + "\n" + srv.Password + "\ncd nowhere\npwd\n", 7550 % 256},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			empty := t.TempDir()
			set := bareSettings(t, &tt.flags, empty)
			var out bytes.Buffer
			in := New(set, Options{
				Output:    transcript.TextSink{W: &out},
				Source:    NewBatchSource(strings.NewReader(tt.input), true),
				LocalUser: "TESTER",
				WorkDir:   work,
				NetrcPath: func() (string, error) { return filepath.Join(work, "no-netrc"), nil },
			})
			if got := in.Run(srv.Host, srv.Port); got != tt.status {
				t.Errorf("status %d, want %d", got, tt.status)
			}
			got := normalizeDirect(out.String(), srv.Port)
			if strings.Contains(got, srv.Password) {
				t.Fatal("the password is in the transcript")
			}
			compareGolden(t, filepath.Join("testdata", tt.name+".golden"), got)
		})
	}
	if b, err := os.ReadFile(filepath.Join(work, "copy.txt")); err != nil || string(b) != platformtest.LocalText("line one\nline two\n") {
		t.Errorf("copy.txt = %q, %v", b, err)
	}
}

var (
	directTime = regexp.MustCompile(`\d\d:\d\d:\d\d on \d{4}-\d\d-\d\d`)
	directRate = regexp.MustCompile(`in \d+\.\d+ seconds\. Transfer rate \d+\.\d+`)
	directPORT = regexp.MustCompile(`PORT 127,0,0,1,\d+,\d+`)
)

// normalizeDirect replaces what changes from run to run: the port, the
// banner's time and the transfer time and rate.
func normalizeDirect(s string, port int) string {
	s = strings.ReplaceAll(s, "port: "+strconv.Itoa(port)+".", "port: PORT.")
	s = directTime.ReplaceAllString(s, "HH:MM:SS on YYYY-MM-DD")
	s = directPORT.ReplaceAllString(s, "PORT 127,0,0,1,P1,P2")
	return directRate.ReplaceAllString(s, "in S.SSS seconds. Transfer rate R.RR")
}

// compareGolden compares got with the golden file, or rewrites it with
// -update.
func compareGolden(t *testing.T, path, got string) {
	t.Helper()
	if *update {
		if err := os.WriteFile(path, []byte(got), 0o644); err != nil {
			t.Fatal(err)
		}
		return
	}
	want, err := os.ReadFile(path)
	if err != nil {
		t.Fatal(err)
	}
	if got != string(want) {
		t.Errorf("transcript differs from %s\n--- got\n%s--- want\n%s", path, got, want)
	}
}
