package main

import (
	"bytes"
	"errors"
	"fmt"
	"os"
	"path/filepath"
	"strings"
	"testing"
	"time"

	"github.com/zftp/zftp/internal/config"
)

func TestParseFlagsHostPort(t *testing.T) {
	tests := []struct {
		args []string
		host string
		port int
	}{
		{nil, "", 21},
		{[]string{"zos.example.com", "2121"}, "zos.example.com", 2121},
		{[]string{"-ven", "host"}, "host", 21},
	}
	for _, tt := range tests {
		f, _, err := parseFlags(tt.args, &bytes.Buffer{})
		if err != nil || f.host != tt.host || f.port != tt.port {
			t.Errorf("%v: %v %q %d, want %q %d", tt.args, err, f.host, f.port, tt.host, tt.port)
		}
	}
}

// TestSettingsOrder checks defaults -> FTP.DATA -> flags: each flag sets
// the statement z/OS documents for it, over the file's value.
func TestSettingsOrder(t *testing.T) {
	dir := t.TempDir()
	data := filepath.Join(dir, "ftp.data")
	if err := os.WriteFile(data, []byte("CLIENTEXIT FALSE\nFWFRIENDLY FALSE\nINACTTIME 300 ; comment\nANONYMOUS\n"), 0o644); err != nil {
		t.Fatal(err)
	}
	tests := []struct {
		args  []string
		check func(*settings) string
	}{
		{[]string{"-f", data}, func(s *settings) string {
			if s.cfg.InactTime != 300 || s.cfg.ClientExit || s.cfg.FWFriendly || s.ftpData.Path != data {
				return "FTP.DATA not applied"
			}
			if len(s.notes) != 1 || s.notes[0].ID != config.IDIgnoredServerStatement {
				return fmt.Sprintf("want one EZYFT47I for ANONYMOUS: %v", s.notes)
			}
			return ""
		}},
		{[]string{"-f", data, "-e", "--passive", "--msgids", "-d"}, func(s *settings) string {
			if !s.ExitOnError() || !s.cfg.FWFriendly || !s.cfg.MsgIDs || !s.Tracing() {
				return "flags did not override FTP.DATA"
			}
			return ""
		}},
		{[]string{"-r", "TLS"}, func(s *settings) string {
			if s.cfg.SecureMechanism != config.MechanismTLS || s.cfg.SecureFTP != config.SecureFTPRequired {
				return "-r TLS"
			}
			return ""
		}},
		{[]string{"-a", "tls"}, func(s *settings) string {
			if s.cfg.SecureMechanism != config.MechanismTLS || s.cfg.SecureFTP != config.SecureFTPAllowed {
				return "-a TLS"
			}
			return ""
		}},
		{[]string{"-n", "-i", "-g", "-w", "30", "-s", "127.0.0.2", "--netrc", "/x/netrc", "-p", "TCPIP"}, func(s *settings) string {
			if s.AutoLogin || s.Prompting || s.Glob || s.Timeout != 30*time.Second || s.cfg.SourceAddr != "127.0.0.2" || s.NetrcPath != "/x/netrc" {
				return "front-end flags"
			}
			if len(s.notes) != 1 || s.notes[0].ID != config.IDNoEffect {
				return fmt.Sprintf("-p: want a no-effect warning: %v", s.notes)
			}
			return ""
		}},
		{nil, func(s *settings) string {
			if s.ftpData.Path != "" || s.ExitOnError() || !s.AutoLogin || !s.Prompting || !s.Glob || s.cfg.FWFriendly {
				return "defaults"
			}
			return ""
		}},
	}
	for _, tt := range tests {
		f, _, err := parseFlags(tt.args, &bytes.Buffer{})
		if err != nil {
			t.Fatalf("%v: %v", tt.args, err)
		}
		s, err := loadSettings(f, testEnv(t, dir))
		if err != nil {
			t.Fatalf("%v: %v", tt.args, err)
		}
		if msg := tt.check(s); msg != "" {
			t.Errorf("%v: %s", tt.args, msg)
		}
	}
}

func TestParseFlagsErrors(t *testing.T) {
	for _, args := range [][]string{
		{"-x"},
		{"-w", "-1"},
		{"-w", "abc"},
		{"h", "0"},
		{"h", "65536"},
		{"h", "21", "extra"},
		{"--data-method", "epsv"},
	} {
		_, _, err := parseFlags(args, &bytes.Buffer{})
		var ue *errUsage
		if !errors.As(err, &ue) {
			t.Errorf("%v: err = %v, want a usage error", args, err)
		}
	}
	for _, args := range [][]string{{"-a", "KERBEROS"}, {"-r", "GSSAPI"}} {
		f, _, err := parseFlags(args, &bytes.Buffer{})
		if err != nil {
			t.Fatal(err)
		}
		_, err = loadSettings(f, testEnv(t, t.TempDir()))
		var ue *errUsage
		if !errors.As(err, &ue) {
			t.Errorf("%v: err = %v, want a usage error", args, err)
		}
	}
}

// TestFTPDataErrors: a bad statement prints EZYFT46E and ends with a
// nonzero status; a missing -f file ends with FTP_NOTFOUND.
func TestFTPDataErrors(t *testing.T) {
	dir := t.TempDir()
	bad := filepath.Join(dir, "bad.data")
	os.WriteFile(bad, []byte("; test\nINACTTIME 5\n"), 0o644)
	var out, errOut bytes.Buffer
	env := testEnv(t, dir)
	env.stdin, env.stdout, env.stderr = strings.NewReader("quit\n"), &out, &errOut
	if st := run([]string{"-v", "-f", bad}, env); st != ecUsage ||
		out.String() != "EZYFT46E Error in '"+bad+"' file: line 2 near column 11.\n" ||
		!strings.Contains(errOut.String(), "INACTTIME") {
		t.Errorf("bad FTP.DATA: status %d, stdout %q, stderr %q", st, out.String(), errOut.String())
	}
	out.Reset()
	errOut.Reset()
	if st := run([]string{"-f", filepath.Join(dir, "none.data")}, env); st != ecNotFound || !strings.Contains(errOut.String(), "not found") {
		t.Errorf("missing FTP.DATA: status %d, stderr %q", st, errOut.String())
	}
}

func TestHelpVersionAndBadFlags(t *testing.T) {
	var out, errOut bytes.Buffer
	env := environment{stdin: strings.NewReader(""), stdout: &out, stderr: &errOut}
	if st := run([]string{"--help"}, env); st != 0 || !strings.Contains(out.String(), "Usage: zftp [options] [host [port]]") ||
		!strings.Contains(out.String(), "--netrc") || strings.Contains(out.String(), "--data-method") {
		t.Errorf("--help: status %d, output\n%s", st, out.String())
	}
	out.Reset()
	if st := run([]string{"--version"}, env); st != 0 || !strings.HasPrefix(out.String(), "zftp ") {
		t.Errorf("--version: status %d, output %q", st, out.String())
	}
	out.Reset()
	if st := run([]string{"--bogus"}, env); st != exitInvalidCommandLine || out.Len() != 0 || !strings.Contains(errOut.String(), "bogus") {
		t.Errorf("--bogus: status %d, stdout %q, stderr %q", st, out.String(), errOut.String())
	}
}

func TestExitStatus(t *testing.T) {
	for _, tt := range []struct{ rc, want int }{
		{0, 0}, {16550, 166}, {27000, 120}, {10234, 250}, {32000, 255}, {1000, 232},
	} {
		if got := exitStatus(tt.rc); got != tt.want {
			t.Errorf("exitStatus(%d) = %d, want %d", tt.rc, got, tt.want)
		}
	}
}

func TestReturnedCode(t *testing.T) {
	for _, tt := range []struct {
		form         config.ErrCodes
		sub, std, ec int
		want         int
	}{
		{config.ErrCodesFalse, 16, 16550, 2, 16550},
		{config.ErrCodesTrue, 16, 16550, 2, 2},
		{config.ErrCodesExtended, 16, 16550, 2, 216},
	} {
		if got := returnedCode(tt.form, tt.sub, tt.std, tt.ec); got != tt.want {
			t.Errorf("returnedCode(%s) = %d, want %d", tt.form, got, tt.want)
		}
	}
}
