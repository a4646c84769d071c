//go:build linux

package interop

import (
	"bytes"
	"os"
	"path/filepath"
	"strconv"
	"strings"
	"testing"
)

// No silent corruption with the default settings (issue 23 item 1).

// crlfFile is 300000 bytes full of CR LF pairs: TYPE A would make it
// 150000 bytes of LF.
var crlfFile = bytes.Repeat([]byte("\r\n"), 150_000)

// TestTerminalGetIsByteExact: at an 80x24 and a 40x12 terminal with default settings,
// vsftpd's SYST (215 UNIX Type: L8) switches the session to binary after
// the login, which zftp says; get of a file full of CR LF pairs then
// arrives byte-exact.
func TestTerminalGetIsByteExact(t *testing.T) {
	bin := buildZftp(t)
	srv := StartVsftpd(t, Options{})
	if err := os.WriteFile(filepath.Join(srv.Home, "x1.bin"), crlfFile, 0o644); err != nil {
		t.Fatal(err)
	}
	for _, sz := range termSizes {
		t.Run(strconv.Itoa(int(sz.cols)), func(t *testing.T) {
			dir := t.TempDir()
			s := startTerm(t, bin, dir, sz.rows, sz.cols, srv.Host, strconv.Itoa(srv.Port))
			s.login(srv)
			s.Send("get x1.bin\r")
			s.Expect("bytes transferred")
			s.Expect("Command:")
			s.Send("quit\r")
			if st := s.Wait(); st != 0 {
				t.Errorf("exit status %d, want 0", st)
			}
			out := s.Output()
			if !strings.Contains(out, "TYPE I") || !strings.Contains(strings.Join(strings.Fields(out), " "), "The server is a UNIX system (215 UNIX Type: L8): files are transferred in binary") {
				t.Errorf("no switch to binary said at the terminal:\n%s", out)
			}
			got, err := os.ReadFile(filepath.Join(dir, "x1.bin"))
			if err != nil || !bytes.Equal(got, crlfFile) {
				t.Errorf("x1.bin: %d bytes (%v), want %d byte-exact\n%s", len(got), err, len(crlfFile), out)
			}
		})
	}
}

// TestBatchKeepsTypeAAndWarns: a batch job keeps z/OS's TYPE A against
// vsftpd (no SYST, no TYPE in the transcript); a binary file with NUL
// bytes and lone CRs is fetched and kept as TYPE A makes it, with
// ZFT0231W naming binary before it is kept.
func TestBatchKeepsTypeAAndWarns(t *testing.T) {
	bin := buildZftp(t)
	srv := StartVsftpd(t, Options{})
	data := append([]byte("\x7fELF\x02\x01\x01\x00\x00\x00\r\x00"), crlfFile...)
	if err := os.WriteFile(filepath.Join(srv.Home, "x2.bin"), data, 0o644); err != nil {
		t.Fatal(err)
	}
	dir := t.TempDir()
	out, err := runZftpScript(t, bin, dir, srv.User+"\n"+srv.Password+"\nget x2.bin\nquit\n", srv.Host, strconv.Itoa(srv.Port))
	if err != nil {
		t.Fatalf("zftp: %v\n%s", err, out)
	}
	if strings.Contains(out, "SYST") || strings.Contains(out, ">>>TYPE") || strings.Contains(out, "ZFT0230I") {
		t.Errorf("a batch job asked SYST or switched the type:\n%s", out)
	}
	want := "x2.bin is probably not text (NUL bytes: 4, CRs without LF: 1), and TYPE A (ascii) converts line ends. For an exact copy, type binary and get it again."
	if strings.Count(out, want) != 1 {
		t.Errorf("want one warning %q:\n%s", want, out)
	}
	if got, err := os.ReadFile(filepath.Join(dir, "x2.bin")); err != nil || len(got) != len(data)-150_000 {
		t.Errorf("x2.bin: %d bytes (%v), want the TYPE A result (%d bytes)", len(got), err, len(data)-150_000)
	}
}
