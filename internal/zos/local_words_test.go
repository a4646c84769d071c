package zos

import (
	"bytes"
	"os"
	"path/filepath"
	"regexp"
	"strings"
	"testing"

	"github.com/zftp/zftp/client/ftptest"
)

// goIsms are the Go and system-call words that must not reach a user:
// the os package's operation names before a path, and Go's own phrasing.
var goIsms = regexp.MustCompile(`(?m)(^|: )(statat|openat|mkdirat|unlinkat|fstatat|readdirent|lstat|stat|open|mkdir|remove|chdir) [^ ]+: (no such file or directory|permission denied|not a directory|file exists)`)

// TestNoGoErrorText: local failures (lcd to a missing directory, lcd -
// with no previous directory, put of a missing file, get into a missing
// directory, reget into a directory) are said in words, never as Go's
// "statat x: no such file or directory"; lcd - goes back to the previous
// local directory.
func TestNoGoErrorText(t *testing.T) {
	srv := ftptest.NewServer(t)
	work := t.TempDir()
	os.Mkdir(filepath.Join(work, "sub"), 0o755)
	_, out := runBatch(t, srv, Flags{}, work, strings.Join([]string{
		"lcd -",
		"lcd nowhere",
		"lcd sub",
		"lcd -",
		"put missing.bin",
		"get x.bin nodir/x.bin",
		"mirror -R nolocal noremote",
		"quit",
	}, "\n")+"\n")
	for _, want := range []string{
		"no previous local directory",
		"nowhere: no such local directory",
		"Local directory name set to hierarchical file " + filepath.Join(work, "sub"),
		"Local directory name set to hierarchical file " + work + "\n",
		"cannot open " + filepath.Join(work, "missing.bin") + ": ",
	} {
		if !strings.Contains(out, want) {
			t.Errorf("transcript lacks %q:\n%s", want, out)
		}
	}
	if m := goIsms.FindString(out); m != "" {
		t.Errorf("Go error text %q reached the transcript:\n%s", m, out)
	}
}

// TestLocalWords: each os error is said as what could not be done.
func TestLocalWords(t *testing.T) {
	_, errStat := os.Stat("/nonexistent-zftp/x")
	root, err := os.OpenRoot(t.TempDir())
	if err != nil {
		t.Fatal(err)
	}
	defer root.Close()
	_, errAt := root.Stat("missing")
	_, errOpen := root.Open("missing")
	errMkdir := root.Mkdir("a/b", 0o755)
	for _, tt := range []struct {
		err  error
		want string
	}{
		{errStat, "/nonexistent-zftp/x: "},
		{errAt, "missing: "},
		{errOpen, "cannot open missing: "},
		{errMkdir, "cannot create directory a/b: "},
	} {
		got := describe(tt.err)
		if !strings.HasPrefix(got, tt.want) || goIsms.MatchString(got) {
			t.Errorf("describe(%q) = %q, want it to start %q", tt.err, got, tt.want)
		}
	}
	var b bytes.Buffer
	b.WriteString(describe(errAt))
	if strings.Contains(b.String(), "statat") {
		t.Errorf("statat in %q", b.String())
	}
}

// TestRegetNeedsBinary: REGET of a partial file in TYPE A (the z/OS
// default) is refused with a message naming TYPE I, before any REST or
// RETR, and the partial file is left as it was; OPEN host:port gets the
// exact fix, as the command line does, and no look-up of the whole word.
func TestRegetNeedsBinary(t *testing.T) {
	srv := ftptest.NewServer(t)
	srv.WriteFile(t, "f.bin", bytes.Repeat([]byte("x"), 1000))
	work := t.TempDir()
	local := filepath.Join(work, "f.bin")
	os.WriteFile(local, []byte("xxxx"), 0o644)
	_, out := runBatch(t, srv, Flags{Verbose: true}, work, "ascii\nreget f.bin\nclose\nopen "+srv.Host+":2121\nquit\n")
	for _, want := range []string{"needs TYPE I: type binary", "is not a host name: give the port as a second argument (open " + srv.Host + " 2121)"} {
		if !strings.Contains(out, want) {
			t.Errorf("transcript lacks %q:\n%s", want, out)
		}
	}
	for _, bad := range []string{">>> REST", ">>> RETR", "Connecting to: " + srv.Host + ":2121"} {
		if strings.Contains(out, bad) {
			t.Errorf("transcript holds %q:\n%s", bad, out)
		}
	}
	if got, _ := os.ReadFile(local); string(got) != "xxxx" {
		t.Errorf("the partial file changed: %q", got)
	}
}

// TestCounted: a count is said in the singular for 1 only.
func TestCounted(t *testing.T) {
	for n, want := range map[int64]string{0: "0 bytes", 1: "1 byte", 2: "2 bytes"} {
		if got := counted(n, "byte"); got != want {
			t.Errorf("counted(%d) = %q, want %q", n, got, want)
		}
	}
}
