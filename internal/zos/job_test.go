package zos

import (
	"bytes"
	"fmt"
	"os"
	"path/filepath"
	"slices"
	"strings"
	"testing"

	"github.com/zftp/zftp/client"
	"github.com/zftp/zftp/client/ftptest"
	"github.com/zftp/zftp/transcript"
)

// TestMirrorListingFailsLoudly serves LIST lines no parser knows, links
// and z/OS data sets: a line no parser knows stops MIRROR before any
// file is copied, naming the line, with a non-zero return code; links and
// data sets are each named as left out; "0 files copied" appears only for
// a tree that is really empty.
func TestMirrorListingFailsLoudly(t *testing.T) {
	file := "-rw-r--r--   1 zftp     zftp            5 Mar  1 10:00 a.bin"
	for _, tt := range []struct {
		name    string
		lines   []string
		status  bool     // a non-zero exit status
		copied  bool     // a.bin was copied
		want    []string // in the transcript
		notWant []string
	}{
		{
			name:    "unparsed",
			lines:   []string{file, "this is no listing line \x1b[2J"},
			status:  true,
			want:    []string{`"this is no listing line \x1b[2J"`, "MIRROR stops before copying", "EZA1735I"},
			notWant: []string{"RETR", "files copied", "\x1b"},
		},
		{
			name:    "unparsed_first",
			lines:   []string{"?????", file},
			status:  true,
			want:    []string{`"?????"`},
			notWant: []string{"RETR", "files copied"},
		},
		{
			// A sequential data set in a list is a file (mirror_mvs.go):
			// this server has none by that name, and the RETR fails loudly.
			name:   "links_and_data_sets",
			copied: true,
			status: true,
			lines:  []string{"total 8", file, "lrwxrwxrwx   1 zftp     zftp            5 Mar  1 10:00 l -> a.bin", "CPDLB4 2008/10/31 1 1 VB 256 6233 PS FIFO.DEMO", "CPDLB4 2008/10/31 1 1 VB 256 6233 VS VSAM.KSDS"},
			want: []string{`ZFT0193W "l" is not mirrored: a symbolic link`, `ZFT0193W "VSAM.KSDS" is not mirrored: DSORG VS`,
				"RETR tree/a.bin", "RETR FIFO.DEMO", "MIRROR: 1 file copied, 0 up to date, 1 directory created."},
		},
		{
			name:  "empty",
			lines: []string{},
			want:  []string{"MIRROR: 0 files copied, 0 up to date, 1 directory created."},
		},
	} {
		t.Run(tt.name, func(t *testing.T) {
			srv := ftptest.NewServer(t, ftptest.WithFaults(ftptest.Faults{NameList: tt.lines}))
			srv.WriteFile(t, "tree/a.bin", []byte("hello"))
			work := t.TempDir()
			status, got := runBatch(t, srv, Flags{Verbose: true, ExitOnError: true}, work, "binary\nmirror tree copy\nquit\n")
			if (status != 0) != tt.status {
				t.Errorf("status %d\n%s", status, got)
			}
			for _, w := range tt.want {
				if !strings.Contains(got, w) {
					t.Errorf("transcript lacks %q:\n%s", w, got)
				}
			}
			for _, w := range tt.notWant {
				if strings.Contains(got, w) {
					t.Errorf("transcript holds %q:\n%s", w, got)
				}
			}
			if _, err := os.Stat(filepath.Join(work, "copy", "a.bin")); (err == nil) != tt.copied {
				t.Errorf("copy/a.bin: %v", err)
			}
		})
	}
}

// TestMirrorUpListingFailsLoudly: MIRROR -R compares with the remote
// listing; a line no parser knows stops it before anything is sent.
func TestMirrorUpListingFailsLoudly(t *testing.T) {
	srv := ftptest.NewServer(t, ftptest.WithFaults(ftptest.Faults{NameList: []string{"?? not a listing ??"}}))
	work := t.TempDir()
	os.MkdirAll(filepath.Join(work, "up"), 0o755)
	os.WriteFile(filepath.Join(work, "up", "f.bin"), []byte("data"), 0o644)
	status, got := runBatch(t, srv, Flags{Verbose: true, ExitOnError: true}, work, "binary\nmirror -R up up\nquit\n")
	if status == 0 || !strings.Contains(got, `"?? not a listing ??"`) || strings.Contains(got, "STOR") || strings.Contains(got, "MKD") {
		t.Errorf("status %d\n%s", status, got)
	}
}

// TestLiteralPasswordMasked: LITERAL is no z/OS subcommand (IBM's table
// has QUOte only), but "literal PASS x" is echoed without the password,
// as "quote PASS x" is, and nothing else in the transcript shows it. An
// account is shown, as IBM shows ACCT (IP User's Guide, "ACCt
// subcommand").
func TestLiteralPasswordMasked(t *testing.T) {
	srv := ftptest.NewServer(t)
	status, got := runBatch(t, srv, Flags{Verbose: true}, t.TempDir(),
		"literal PASS s3cretA\nlit acct D4711\nquote PASS s3cretC\nq pass s3cretD\nquit\n")
	if status != 0 {
		t.Errorf("status %d", status)
	}
	if strings.Contains(got, "s3cret") {
		t.Errorf("a password is in the transcript:\n%s", got)
	}
	for _, w := range []string{"EZA1736I literal PASS\n", "EZA1736I lit acct D4711\n", "EZA1736I quote PASS\n", "EZA1736I q pass\n", ">>> PASS"} {
		if !strings.Contains(got, w) {
			t.Errorf("transcript lacks %q:\n%s", w, got)
		}
	}
	for _, tt := range []struct {
		line string
		want bool
	}{
		{"literal PASS s3cret", true}, {"lit user alice", true}, {"literal site x", false},
		{"quote pass x", true}, {"q acct x", true}, {"user alice", true}, {"pa x", true},
		{"pwd", false}, {"get pass", false}, {"frob", false}, {"", false},
	} {
		if got := HoldsCredentials(tt.line); got != tt.want {
			t.Errorf("HoldsCredentials(%q) = %v, want %v", tt.line, got, tt.want)
		}
	}
}

// TestCompleteRemoteListings completes remote names from a LIST in the
// formats client.ParseListLine reads (DOS/IIS here), and from NLST when a
// line is in none; a name with blanks is offered double-quoted (the rule
// of quotedFields); the listing never reaches the transcript.
func TestCompleteRemoteListings(t *testing.T) {
	for _, tt := range []struct {
		name  string
		lines []string
		want  []string
	}{
		{"dos", []string{"12-06-26  03:04PM       <DIR>          sub", "12-06-26  03:04PM                 1234 data.csv", "12-06-26  03:04PM                 1 with blank"}, []string{"\"with blank\" ", "data.csv ", "sub/"}},
		{"unix", []string{"total 4", "drwxr-xr-x 2 u g 4096 Jan 01 12:00 sub", "-rw-r--r-- 1 u g 12 Jan 01 12:00 data.csv", "lrwxrwxrwx 1 u g 8 Jan 01 12:00 ln -> data.csv"}, []string{"data.csv ", "ln ", "sub/"}},
		{"nlst", []string{"?? what ??", "data.csv", "dir/sub"}, []string{"\"?? what ??\" ", "data.csv ", "sub "}},
	} {
		t.Run(tt.name, func(t *testing.T) {
			srv := ftptest.NewServer(t, ftptest.WithFaults(ftptest.Faults{NameList: tt.lines}))
			set, err := LoadSettings(&Flags{}, testFinder(t.TempDir()))
			if err != nil {
				t.Fatal(err)
			}
			var out bytes.Buffer
			a := New(set, Options{
				Output:    transcript.TextSink{W: &out},
				Source:    NewBatchSource(strings.NewReader(srv.User+"\n"+srv.Password+"\n"), true),
				WorkDir:   t.TempDir(),
				NetrcPath: func() (string, error) { return filepath.Join(t.TempDir(), "none"), nil },
			})
			if err := a.connect(srv.Host, srv.Port); err != nil {
				t.Fatal(err)
			}
			defer a.sess.Close()
			before := out.Len()
			a.busy.Unlock() // as at the Command: prompt
			got := a.Complete("get ")
			a.busy.Lock()
			if !slices.Equal(got, tt.want) {
				t.Errorf("complete = %q, want %q", got, tt.want)
			}
			if out.Len() != before {
				t.Errorf("the listing reached the transcript: %q", out.String()[before:])
			}
		})
	}
}

// TestParallelMdelete deletes over 3 sessions with the serial transcript.
func TestParallelMdelete(t *testing.T) {
	var want string
	for _, par := range []int{1, 3} {
		srv := ftptest.NewServer(t)
		for i := range 30 {
			srv.WriteFile(t, fmt.Sprintf("f%03d.bin", i), fileData(i))
		}
		srv.WriteFile(t, "keep.bin", nil)
		status, got := runBatch(t, srv, Flags{Verbose: true, ExitOnError: true, Parallel: par}, t.TempDir(), "mdelete f*.bin\nquit\n")
		if status != 0 {
			t.Fatalf("parallel %d: status %d\n%s", par, status, got)
		}
		left, _ := os.ReadDir(srv.Path("."))
		if len(left) != 1 || left[0].Name() != "keep.bin" {
			t.Errorf("parallel %d: left %v", par, left)
		}
		got = normalizeParallel(got)
		if par == 1 {
			want = got
		} else if got != want {
			t.Errorf("parallel transcript differs\n--- parallel\n%s--- serial\n%s", got, want)
		}
	}
}

// TestFrontEndCallsUnobserved: the SIZE the progress line asks for is
// sent with no observer, so neither the transcript nor the hooks see it.
func TestFrontEndCallsUnobserved(t *testing.T) {
	srv := ftptest.NewServer(t)
	srv.WriteFile(t, "f.bin", bytes.Repeat([]byte("x"), 1000))
	set, err := LoadSettings(&Flags{Verbose: true}, testFinder(t.TempDir()))
	if err != nil {
		t.Fatal(err)
	}
	var out bytes.Buffer
	var sizes []int64
	var sent []string
	a := New(set, Options{
		Output:    transcript.TextSink{W: &out},
		Source:    NewBatchSource(strings.NewReader(srv.User+"\n"+srv.Password+"\nascii\nget f.bin\nquit\n"), true),
		WorkDir:   t.TempDir(),
		NetrcPath: func() (string, error) { return filepath.Join(t.TempDir(), "none"), nil },
		Hooks: Hooks{
			ExpectSize: func(n int64) { sizes = append(sizes, n) },
			Event: func(e client.Event) {
				if c, ok := e.(client.CommandSent); ok {
					sent = append(sent, c.Verb)
				}
			},
		},
	})
	if st := a.Run(srv.Host, srv.Port); st != 0 {
		t.Fatalf("status %d\n%s", st, out.String())
	}
	if strings.Contains(out.String(), "SIZE") || slices.Contains(sent, "SIZE") {
		t.Errorf("the progress line's SIZE was observed: %q\n%s", sent, out.String())
	}
	if !slices.Contains(sizes, 1000) {
		t.Errorf("ExpectSize saw %v, want 1000", sizes)
	}
	if !slices.Contains(sent, "RETR") {
		t.Errorf("hooks saw %q, want RETR", sent)
	}
}
