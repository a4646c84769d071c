package main

import (
	"os"
	"path/filepath"
	"regexp"
	"runtime"
	"strconv"
	"strings"
	"testing"

	"github.com/zftp/zftp/client/ftptest"
	"github.com/zftp/zftp/internal/ftpd"
)

// forbiddenOnWindows are names a server may list that Windows cannot
// hold as files, with the rule each breaks (localNameProblem).
var forbiddenOnWindows = []struct{ name, rule string }{
	{"con", `CON is a device name on Windows`},
	{"NUL", `NUL is a device name on Windows`},
	{"aux.log", `AUX is a device name on Windows, with any extension`},
	{"com1", `COM1 is a device name on Windows`},
	{"lpt1.txt", `LPT1 is a device name on Windows, with any extension`},
	{"a:b", `it holds ':', which Windows does not allow in a file name`},
	{"q?x", `it holds '\?', which Windows does not allow in a file name`},
	{`x"y`, `it holds '"', which Windows does not allow in a file name`},
	{"p|q", `it holds '\|', which Windows does not allow in a file name`},
	{"trail.", `it ends with a period, which Windows drops from a file name`},
	{"trail ", `it ends with a blank, which Windows drops from a file name`},
}

// TestMgetWindowsForbiddenNames: on Windows, MGET refuses each name
// Windows forbids before its RETR, saying which rule it breaks, fetches
// the others, and its return code says a file failed. Elsewhere the same
// names are ordinary files and are all fetched.
func TestMgetWindowsForbiddenNames(t *testing.T) {
	names := []string{"ok.txt"}
	for _, f := range forbiddenOnWindows {
		names = append(names, f.name)
	}
	names = append(names, "last.txt")
	srv := ftptest.NewServer(t, ftptest.WithIBM(), ftptest.WithFaults(ftpd.Faults{NameList: names}))
	srv.WriteFile(t, "ok.txt", []byte("fine\n"))
	srv.WriteFile(t, "last.txt", []byte("last\n"))
	windows := runtime.GOOS == "windows"
	if !windows {
		for _, f := range forbiddenOnWindows {
			srv.WriteFile(t, f.name, []byte("data of "+f.name+"\n"))
		}
	}
	tmp := t.TempDir()
	out, _, status := runFrontEnd(t, tmp, []string{"-v", "-e", "-w", "10", srv.Host, strconv.Itoa(srv.Port)},
		srv.User+"\n"+srv.Password+"\nmget *\nquit\n")
	for _, f := range []string{"ok.txt", "last.txt"} {
		if _, err := os.Stat(filepath.Join(tmp, f)); err != nil {
			t.Errorf("%s not fetched: %v\n%s", f, err, clip(out))
		}
	}
	for _, f := range forbiddenOnWindows {
		refusal := regexp.MustCompile(`ZFT0119E ` + regexp.QuoteMeta(strconv.Quote(f.name)) + `: name refused: ` + f.rule)
		retr := ">>> RETR " + f.name + "\n"
		if !windows {
			if refusal.MatchString(out) || !strings.Contains(out, retr) {
				t.Errorf("%q: refused or not fetched on %s:\n%s", f.name, runtime.GOOS, clip(out))
			}
			if got, err := os.ReadFile(filepath.Join(tmp, f.name)); err != nil || string(got) != "data of "+f.name+"\n" {
				t.Errorf("%q: local copy %q, %v", f.name, got, err)
			}
			continue
		}
		if !refusal.MatchString(out) {
			t.Errorf("%q: no refusal matching %q:\n%s", f.name, refusal, clip(out))
		}
		if strings.Contains(out, retr) {
			t.Errorf("%q: RETR sent before the refusal:\n%s", f.name, clip(out))
		}
	}
	rc := regexp.MustCompile(`EZA1735I Std Return Code = (\d+), Error Code = (\d+)`).FindStringSubmatch(out)
	if windows {
		if status == 0 || rc == nil || rc[2] != "00018" {
			t.Errorf("status %d, return code %v: want a failure with error code 18 (file access):\n%s", status, rc, clip(out))
		}
	} else if status != 0 || rc != nil {
		t.Errorf("status %d, return code %v: want success:\n%s", status, rc, clip(out))
	}
	assertNoTemp(t, tmp)
}

// TestGetWindowsDeviceName: on Windows a GET whose local name is a device
// name is refused before the transfer, naming the rule; elsewhere the
// file is fetched.
func TestGetWindowsDeviceName(t *testing.T) {
	srv := ftptest.NewServer(t, ftptest.WithIBM())
	if runtime.GOOS != "windows" {
		srv.WriteFile(t, "aux.log", []byte("log\n"))
	}
	tmp := t.TempDir()
	out, _, status := runFrontEnd(t, tmp, []string{"-v", "-e", "-w", "10", srv.Host, strconv.Itoa(srv.Port)},
		srv.User+"\n"+srv.Password+"\nget aux.log\nquit\n")
	if runtime.GOOS != "windows" {
		if status != 0 {
			t.Fatalf("status %d:\n%s", status, clip(out))
		}
		if got := readLocal(t, tmp, "aux.log"); string(got) != "log\n" {
			t.Fatalf("aux.log = %q", got)
		}
		return
	}
	if !strings.Contains(out, "AUX is a device name on Windows") || strings.Contains(out, ">>> RETR") || status == 0 {
		t.Fatalf("status %d, want a refusal before RETR:\n%s", status, clip(out))
	}
	assertNoTemp(t, tmp)
}
