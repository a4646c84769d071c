package main

import (
	"bytes"
	"errors"
	"os"
	"path/filepath"
	"strings"
	"testing"

	"github.com/zftp/zftp/internal/zos"
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
		var ue *zos.Error
		if !errors.As(err, &ue) || ue.Code != zos.ExitUsage {
			t.Errorf("%v: err = %v, want a usage error", args, err)
		}
	}
	for _, args := range [][]string{{"-a", "KERBEROS"}, {"-r", "GSSAPI"}} {
		f, _, err := parseFlags(args, &bytes.Buffer{})
		if err != nil {
			t.Fatal(err)
		}
		_, err = zos.LoadSettings(&f.z, testEnv(t, t.TempDir()).finder())
		var ue *zos.Error
		if !errors.As(err, &ue) || ue.Code != zos.ExitUsage {
			t.Errorf("%v: err = %v, want a usage error", args, err)
		}
	}
}

// TestFTPDataErrors: with --strict-ftpdata a bad statement prints
// EZYFT46E and ends with a nonzero status; a missing -f file ends with
// FTP_NOTFOUND. (Without the flag the session goes on: ftpdata_error.)
func TestFTPDataErrors(t *testing.T) {
	dir := t.TempDir()
	bad := filepath.Join(dir, "bad.data")
	os.WriteFile(bad, []byte("; test\nINACTTIME 5\n"), 0o644)
	var out, errOut bytes.Buffer
	env := testEnv(t, dir)
	env.stdin, env.stdout, env.stderr = strings.NewReader("quit\n"), &out, &errOut
	if st := run([]string{"-v", "--strict-ftpdata", "-f", bad}, env); st != 7 /* FTP_USAGE */ ||
		out.String() != "EZYFT46E Error in '"+bad+"' file: line 2 near column 11.\n" ||
		!strings.Contains(errOut.String(), "INACTTIME") {
		t.Errorf("bad FTP.DATA: status %d, stdout %q, stderr %q", st, out.String(), errOut.String())
	}
	out.Reset()
	errOut.Reset()
	if st := run([]string{"-f", filepath.Join(dir, "none.data")}, env); st != 14 /* FTP_NOTFOUND */ || !strings.Contains(errOut.String(), "not found") {
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
	if st := run([]string{"--bogus"}, env); st != zos.ExitUsage || out.Len() != 0 || !strings.Contains(errOut.String(), "bogus") {
		t.Errorf("--bogus: status %d, stdout %q, stderr %q", st, out.String(), errOut.String())
	}
}

// TestStackFlagIsNoPort: -p with a port number, as lftp and tnftp users
// type it, is a usage error that says -p names a TCP/IP stack on z/OS and
// where the port goes; a stack name is accepted with a warning that says
// the same.
func TestStackFlagIsNoPort(t *testing.T) {
	for _, tt := range []struct {
		args []string
		want string
	}{
		{[]string{"-p", "2121", "127.0.0.1"}, "-p 2121: on z/OS, -p names a TCP/IP stack, not a port; the port goes after the host: zftp 127.0.0.1 2121"},
		{[]string{"127.0.0.1", "-p", "2121"}, "zftp 127.0.0.1 2121"},
		{[]string{"-p2121"}, "zftp HOST 2121"},
	} {
		_, _, err := parseFlags(tt.args, &bytes.Buffer{})
		var ue *zos.Error
		if !errors.As(err, &ue) || ue.Code != zos.ExitUsage || !strings.Contains(err.Error(), tt.want) {
			t.Errorf("%v: err = %v, want a usage error holding %q", tt.args, err, tt.want)
		}
	}
	dir := t.TempDir()
	var out, errOut bytes.Buffer
	env := testEnv(t, dir)
	env.stdin, env.stdout, env.stderr = strings.NewReader("quit\n"), &out, &errOut
	if st := run([]string{"-p", "TCPCS"}, env); st != 0 ||
		!strings.Contains(out.String(), "option -p TCPCS has no effect on this platform (on z/OS it names a TCP/IP stack; a port goes after the host: zftp host port)") {
		t.Errorf("-p TCPCS: status %d, stdout %q, stderr %q", st, out.String(), errOut.String())
	}
}
