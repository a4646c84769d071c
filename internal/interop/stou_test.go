//go:build linux

package interop

import (
	"os"
	"path/filepath"
	"regexp"
	"strings"
	"testing"
)

// TestSuniqueVsftpd: with SUNIQUE on, PUT of a name that exists sends
// STOU; vsftpd keeps the file, stores a second copy under a unique name
// and reports it ("150 FILE: name", RFC 1123 4.1.2.9), which the
// transcript shows (IBM, IP User's Guide "SUnique subcommand": the
// unique name is displayed). After SUNIQUE OFF, PUT sends STOR and
// overwrites.
func TestSuniqueVsftpd(t *testing.T) {
	bin := buildZftp(t)
	vs := StartVsftpd(t, Options{})
	dir := t.TempDir()
	first, second := filepath.Join(dir, "a.txt"), filepath.Join(dir, "b.txt")
	if err := os.WriteFile(first, []byte("first copy\n"), 0o644); err != nil {
		t.Fatal(err)
	}
	if err := os.WriteFile(second, []byte("second version\n"), 0o644); err != nil {
		t.Fatal(err)
	}
	script := strings.Join([]string{vs.User, vs.Password, "binary",
		"put " + first + " a.txt", "sunique on", "put " + first + " a.txt",
		"sunique off", "put " + second + " a.txt", "quit", ""}, "\n")
	out := runBatch(t, bin, vs.Port, script)
	if !strings.Contains(out, "EZA1701I >>> STOU a.txt\n") {
		t.Fatalf("no STOU a.txt sent:\n%s", out)
	}
	m := regexp.MustCompile(`(?m)^1[25]0 FILE: (\S+)$`).FindStringSubmatch(out)
	if m == nil {
		t.Fatalf("the unique name vsftpd reported is not in the transcript:\n%s", out)
	}
	unique := filepath.Base(m[1])
	if unique == "a.txt" {
		t.Fatalf("STOU stored under the existing name:\n%s", out)
	}
	if b, err := os.ReadFile(filepath.Join(vs.Home, unique)); err != nil || string(b) != "first copy\n" {
		t.Errorf("%s (the unique copy) = %q, %v; want the first copy", unique, b, err)
	}
	if b, err := os.ReadFile(filepath.Join(vs.Home, "a.txt")); err != nil || string(b) != "second version\n" {
		t.Errorf("a.txt = %q, %v; want the second version (PUT after SUNIQUE OFF overwrites)", b, err)
	}
	if strings.Contains(out, "ZFT0204W") {
		t.Errorf("the unique name was not read from vsftpd's reply:\n%s", out)
	}
}
