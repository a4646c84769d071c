package zos

import (
	"bytes"
	"github.com/zftp/zftp/internal/platformtest"
	"os"
	"path/filepath"
	"strings"
	"testing"

	"github.com/zftp/zftp/client/ftptest"
	"github.com/zftp/zftp/transcript"
)

// runIn runs an interpreter against srv with input, as a terminal does
// (batch false: no echo, a Hint hook) or as a batch job, in a new local
// directory, and returns the transcript, the hints and the directory.
func runIn(t *testing.T, srv *ftptest.Server, batch bool, input string) (out string, hints []string, dir string) {
	t.Helper()
	dir = t.TempDir()
	out, hints = runAt(t, srv, dir, batch, input)
	return out, hints, dir
}

// runAt is runIn in the local directory dir.
func runAt(t *testing.T, srv *ftptest.Server, dir string, batch bool, input string) (out string, hints []string) {
	t.Helper()
	set := bareSettings(t, &Flags{Verbose: true}, dir)
	var b bytes.Buffer
	opts := Options{
		Output:    transcript.TextSink{W: &b},
		Source:    NewBatchSource(strings.NewReader(input), batch),
		LocalUser: "TESTER",
		WorkDir:   dir,
		NetrcPath: func() (string, error) { return filepath.Join(dir, "no-netrc"), nil },
	}
	if !batch {
		opts.Hooks = Hooks{Hint: func(s string) { hints = append(hints, s) }}
	}
	New(set, opts).Run(srv.Host, srv.Port)
	return b.String(), hints
}

// crlfPairs is a file full of CR LF pairs: TYPE A makes it half as long.
var crlfPairs = bytes.Repeat([]byte("\r\n"), 150_000)

// TestBinaryForUnixAtTerminal: at a terminal, a server whose SYST says
// UNIX Type: L8 gets TYPE I after the login, with ZFT0230I; the SYST is
// not in the transcript; a file of CR LF pairs arrives byte-exact. ascii
// switches back, and a GET in TYPE A of data with NUL bytes or lone CRs
// warns (ZFT0231W) naming binary.
func TestBinaryForUnixAtTerminal(t *testing.T) {
	srv := ftptest.NewServer(t) // zftpd's replies: 215 UNIX Type: L8
	srv.WriteFile(t, "x1.bin", crlfPairs)
	srv.WriteFile(t, "zip.bin", []byte("PK\x03\x04\x00\x00\r\x1a\r\n"))
	out, _, dir := runIn(t, srv, false, srv.User+"\n"+srv.Password+"\nget x1.bin\nascii\nget zip.bin\nquit\n")
	for _, want := range []string{
		"230 Login successful\nEZA1701I >>> TYPE I\n200 Type set to I\nZFT0230I The server is a UNIX system (215 UNIX Type: L8): files are transferred in binary (TYPE I), byte for byte; ascii switches to text.\n",
		// zftpd sends LF as CR LF in TYPE A: the file's CR before LF is then a lone CR too.
		"ZFT0231W " + filepath.Join(dir, "zip.bin") + " is probably not text (NUL bytes: 2, CRs without LF: 2), and TYPE A (ascii) converts line ends. For an exact copy, type binary and get it again.\n",
	} {
		if !strings.Contains(out, want) {
			t.Errorf("transcript lacks %q:\n%s", want, out)
		}
	}
	if strings.Contains(out, "SYST") {
		t.Errorf("the SYST question reached the transcript:\n%s", out)
	}
	if got, err := os.ReadFile(filepath.Join(dir, "x1.bin")); err != nil || !bytes.Equal(got, crlfPairs) {
		t.Errorf("x1.bin: %d bytes (%v), want %d byte-exact", len(got), err, len(crlfPairs))
	}
}

// TestBinaryDefaultKeepsZOS: a z/OS-style server (SYST 215 MVS) keeps TYPE
// A at a terminal, and a batch job never asks SYST or switches, whatever
// the server: its transcript is z/OS's. A batch GET in TYPE A of a binary
// file warns (ZFT0231W) before the file is kept; a text file does not.
func TestBinaryDefaultKeepsZOS(t *testing.T) {
	ibm := ftptest.NewServer(t, ftptest.WithIBM())
	out, _, _ := runIn(t, ibm, false, ibm.User+"\n"+ibm.Password+"\npwd\nquit\n")
	if strings.Contains(out, ">>> TYPE") || strings.Contains(out, "ZFT0230I") {
		t.Errorf("a z/OS server was switched to binary:\n%s", out)
	}

	unix := ftptest.NewServer(t)
	unix.WriteFile(t, "x1.bin", append([]byte("\x00\x01"), crlfPairs...))
	unix.WriteFile(t, "t.txt", []byte("one\ntwo\n")) // the server sends CR LF in TYPE A
	out, _, dir := runIn(t, unix, true, unix.User+"\n"+unix.Password+"\nget x1.bin\nget t.txt\nquit\n")
	if strings.Contains(out, ">>> TYPE") || strings.Contains(out, "ZFT0230I") || strings.Contains(out, "SYST") {
		t.Errorf("a batch job asked SYST or switched the type:\n%s", out)
	}
	if n := strings.Count(out, "ZFT0231W"); n != 1 || !strings.Contains(out, "ZFT0231W "+filepath.Join(dir, "x1.bin")+" is probably not text (NUL bytes: 1, CRs without LF: 150000)") {
		t.Errorf("want one ZFT0231W for x1.bin, got %d:\n%s", n, out)
	}
	if _, err := os.Stat(filepath.Join(dir, "x1.bin")); err != nil {
		t.Errorf("x1.bin not kept: %v", err)
	}
	if got, err := os.ReadFile(filepath.Join(dir, "t.txt")); err != nil || string(got) != platformtest.LocalText("one\ntwo\n") {
		t.Errorf("t.txt = %q, %v", got, err)
	}
}

// TestBinaryForUnixAfterUserSubcommand: with -n, the switch follows the
// USER subcommand's login too, once per session.
func TestBinaryForUnixAfterUserSubcommand(t *testing.T) {
	srv := ftptest.NewServer(t)
	dir := t.TempDir()
	set := bareSettings(t, &Flags{Verbose: true, NoAutoLogin: true}, dir)
	var b bytes.Buffer
	input := "user " + srv.User + " " + srv.Password + "\nascii\nuser " + srv.User + " " + srv.Password + "\ntype\nquit\n"
	New(set, Options{Output: transcript.TextSink{W: &b}, Source: NewBatchSource(strings.NewReader(input), false),
		LocalUser: "TESTER", WorkDir: dir}).Run(srv.Host, srv.Port)
	out := b.String()
	if n := strings.Count(out, "ZFT0230I"); n != 1 {
		t.Errorf("ZFT0230I %d times, want once per session:\n%s", n, out)
	}
	if !strings.Contains(out, "Transfer type is A") {
		t.Errorf("ascii did not stay after a second USER:\n%s", out)
	}
}
