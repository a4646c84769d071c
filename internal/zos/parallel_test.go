package zos

import (
	"bytes"
	"fmt"
	"os"
	"path/filepath"
	"regexp"
	"strings"
	"testing"

	"github.com/zftp/zftp/client/ftptest"
	"github.com/zftp/zftp/transcript"
)

// runBatch runs input as a batch job against srv with flags and returns
// the exit status and the transcript.
func runBatch(t *testing.T, srv *ftptest.Server, flags Flags, work, input string) (int, string) {
	t.Helper()
	in, out := newBatchInterp(t, flags, work, srv.User+"\n"+srv.Password+"\n"+input)
	status := in.Run(srv.Host, srv.Port)
	got := out.String()
	if strings.Contains(got, srv.Password) {
		t.Fatal("the password is in the transcript")
	}
	return status, got
}

// newBatchInterp returns an interpreter that reads input as a batch job,
// with flags, no configuration or netrc file, in work, and its transcript.
func newBatchInterp(t *testing.T, flags Flags, work, input string) (*Interpreter, *bytes.Buffer) {
	t.Helper()
	empty := t.TempDir()
	set := bareSettings(t, &flags, empty)
	out := &bytes.Buffer{}
	in := New(set, Options{
		Output:    transcript.TextSink{W: out},
		Source:    NewBatchSource(strings.NewReader(input), true),
		LocalUser: "TESTER",
		WorkDir:   work,
		NetrcPath: func() (string, error) { return filepath.Join(work, "no-netrc"), nil },
	})
	return in, out
}

// fileData is the content of test file i: sizes vary so that files end
// out of order.
func fileData(i int) []byte {
	return bytes.Repeat([]byte(fmt.Sprintf("file %03d\n", i)), 1+(i*37)%300)
}

var (
	parallelPort = regexp.MustCompile(`port: \d+\.`)
	parallelRate = regexp.MustCompile(`in \d+\.\d+ seconds\. Transfer rate \d+\.\d+`)
	parallelPORT = regexp.MustCompile(`(PORT|PASV|EPSV|Entering Passive Mode|Entering Extended Passive Mode).*`)
)

// normalizeParallel drops what changes from run to run.
func normalizeParallel(s string) string {
	s = parallelPort.ReplaceAllString(s, "port: PORT.")
	s = directTime.ReplaceAllString(s, "HH:MM:SS on YYYY-MM-DD")
	s = parallelPORT.ReplaceAllString(s, "$1 ...")
	return parallelRate.ReplaceAllString(s, "in S.SSS seconds. Transfer rate R.RR")
}

// TestParallelMgetMput moves 200 files each way over 4 sessions and
// checks every byte, and that the transcript is the serial one.
func TestParallelMgetMput(t *testing.T) {
	const n = 200
	for _, tc := range []struct {
		name string
		opts []ftptest.Option
		pre  string // subcommands before the MGET and MPUT
	}{
		{"plain", nil, ""},
		{"max_sessions_2", []ftptest.Option{ftptest.WithMaxSessions(2)}, ""},
		// One command at a time (client/passive_test.go checks the wire).
		{"nopipeline", nil, "locsite nopipeline\nlocstat pipeline\n"},
	} {
		t.Run(tc.name, func(t *testing.T) {
			srv := ftptest.NewServer(t, tc.opts...)
			for i := range n {
				srv.WriteFile(t, fmt.Sprintf("f%03d.bin", i), fileData(i))
			}
			transcripts := map[int]string{}
			for _, par := range []int{1, 4} {
				work := t.TempDir()
				status, got := runBatch(t, srv, Flags{Verbose: true, ExitOnError: true, Parallel: par}, work,
					tc.pre+"binary\nmget f*.bin\nquit\n")
				if status != 0 {
					t.Fatalf("parallel %d: status %d\n%s", par, status, got)
				}
				if tc.pre != "" && !strings.Contains(got, "PIPELINE is set to FALSE") {
					t.Fatalf("LOCSTAT PIPELINE after LOCSITE NOPIPELINE:\n%s", got)
				}
				for i := range n {
					name := fmt.Sprintf("f%03d.bin", i)
					b, err := os.ReadFile(filepath.Join(work, name))
					if err != nil || !bytes.Equal(b, fileData(i)) {
						t.Fatalf("parallel %d: %s differs (%v)", par, name, err)
					}
				}
				transcripts[par] = normalizeParallel(got)
			}
			warn := "ZFT0190W"
			p4 := transcripts[4]
			if tc.name == "max_sessions_2" {
				if strings.Count(p4, warn) != 1 {
					t.Errorf("want one %s warning:\n%s", warn, p4)
				}
				p4 = regexp.MustCompile(`(?m)^ZFT0190W.*\n`).ReplaceAllString(p4, "")
			}
			if p4 != transcripts[1] {
				t.Errorf("parallel transcript differs from the serial one\n--- parallel\n%s--- serial\n%s", p4, transcripts[1])
			}

			// MPUT the files back under another directory.
			local := t.TempDir()
			for i := range n {
				os.WriteFile(filepath.Join(local, fmt.Sprintf("u%03d.bin", i)), fileData(i), 0o644)
			}
			for _, par := range []int{1, 4} {
				dir := fmt.Sprintf("up%d", par)
				os.Mkdir(srv.Path(dir), 0o755)
				status, got := runBatch(t, srv, Flags{Verbose: true, ExitOnError: true, Parallel: par}, local,
					tc.pre+"binary\ncd "+dir+"\nmput u*.bin\nquit\n")
				if status != 0 {
					t.Fatalf("mput parallel %d: status %d\n%s", par, status, got)
				}
				for i := range n {
					name := fmt.Sprintf("%s/u%03d.bin", dir, i)
					if b := srv.ReadFile(t, name); !bytes.Equal(b, fileData(i)) {
						t.Fatalf("mput parallel %d: %s differs", par, name)
					}
				}
			}
		})
	}
}

// TestParallelFailureReturnCode checks that a file failing in the middle
// gives the same transcript and exit status as in serial mode.
func TestParallelFailureReturnCode(t *testing.T) {
	srv := ftptest.NewServer(t)
	for i := range 20 {
		if i == 10 {
			os.Mkdir(srv.Path("f010.bin"), 0o755) // RETR of a directory fails: 550
			continue
		}
		srv.WriteFile(t, fmt.Sprintf("f%03d.bin", i), fileData(i))
	}
	var want string
	for _, par := range []int{1, 3} {
		status, got := runBatch(t, srv, Flags{Verbose: true, ExitOnError: true, Parallel: par}, t.TempDir(),
			"binary\nmget f*.bin\nquit\n")
		got = normalizeParallel(got)
		if par == 1 {
			want = got
			compareGolden(t, filepath.Join("testdata", "parallel_failure.golden"), got)
		} else if got != want {
			t.Errorf("parallel transcript differs\n--- parallel\n%s--- serial\n%s", got, want)
		}
		if status == 0 {
			t.Errorf("parallel %d: status 0 after a failed file", par)
		}
	}
}
