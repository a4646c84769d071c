package main

import (
	"bytes"
	"errors"
	"strings"
	"testing"
	"time"

	"github.com/zftp/zftp/client"
)

func TestParseFlags(t *testing.T) {
	tests := []struct {
		args []string
		want settings
		host string
		port int
	}{
		{nil, settings{AutoLogin: true, Prompting: true, DataMethod: client.Active}, "", 21},
		{[]string{"-v", "-n", "-e", "-d", "-i", "-w", "30", "-s", "127.0.0.2", "zos.example.com", "2121"},
			settings{Verbose: true, ExitOnError: true, Debug: true, Timeout: 30 * time.Second, SourceAddr: "127.0.0.2", DataMethod: client.Active},
			"zos.example.com", 2121},
		{[]string{"-ven", "host"}, settings{Verbose: true, ExitOnError: true, Prompting: true, DataMethod: client.Active}, "host", 21},
		{[]string{"--passive", "h"}, settings{AutoLogin: true, Prompting: true, DataMethod: client.Passive}, "h", 21},
		{[]string{"--data-method", "epsv", "h"}, settings{AutoLogin: true, Prompting: true, DataMethod: client.ExtendedPassive}, "h", 21},
		{[]string{"--data-method=EPRT", "h"}, settings{AutoLogin: true, Prompting: true, DataMethod: client.ExtendedActive}, "h", 21},
		{[]string{"--msgids", "h"}, settings{AlwaysShowIDs: true, AutoLogin: true, Prompting: true, DataMethod: client.Active}, "h", 21},
	}
	for _, tt := range tests {
		f, _, err := parseFlags(tt.args, &bytes.Buffer{})
		if err != nil {
			t.Errorf("%v: %v", tt.args, err)
			continue
		}
		if got := settingsFromFlags(f); got != tt.want || f.host != tt.host || f.port != tt.port {
			t.Errorf("%v: got %+v %q %d, want %+v %q %d", tt.args, got, f.host, f.port, tt.want, tt.host, tt.port)
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
		{"--data-method", "carrier-pigeon"},
		{"--passive", "--data-method", "port"},
	} {
		_, _, err := parseFlags(args, &bytes.Buffer{})
		var ue *errUsage
		if !errors.As(err, &ue) {
			t.Errorf("%v: err = %v, want a usage error", args, err)
		}
	}
}

func TestHelpVersionAndBadFlags(t *testing.T) {
	var out, errOut bytes.Buffer
	env := environment{stdin: strings.NewReader(""), stdout: &out, stderr: &errOut}
	if st := run([]string{"--help"}, env); st != 0 || !strings.Contains(out.String(), "Usage: zftp [options] [host [port]]") ||
		!strings.Contains(out.String(), "--data-method") {
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
