package main

import (
	"bytes"
	"errors"
	"strconv"
	"strings"
	"testing"

	"github.com/zftp/zftp/internal/zos"
)

// TestParseFlagsExit: -e, -e=nn, --exit-on-error=nn and the TSO-style
// "(EXIT", "(EXIT=nn" and "(TRACE" parameters (IBM, IP User's Guide and
// Commands, "FTP return codes": "Specify the EXIT or EXIT=nn parameter on
// the FTP command"); the parameters after "(" never become the host.
func TestParseFlagsExit(t *testing.T) {
	for _, tt := range []struct {
		args        []string
		host        string
		exit, fixed bool
		code        int
		debug       bool
	}{
		{args: []string{"h"}, host: "h"},
		{args: []string{"-e", "h"}, host: "h", exit: true},
		{args: []string{"-e=08", "h"}, host: "h", exit: true, fixed: true, code: 8},
		{args: []string{"-e=1", "h"}, host: "h", exit: true, fixed: true, code: 1},
		{args: []string{"--exit-on-error=12", "h"}, host: "h", exit: true, fixed: true, code: 12},
		{args: []string{"--exit-on-error", "h"}, host: "h", exit: true},
		{args: []string{"-e=true", "h"}, host: "h", exit: true},
		{args: []string{"-ve", "h"}, host: "h", exit: true},
		{args: []string{"h", "(EXIT=08"}, host: "h", exit: true, fixed: true, code: 8},
		{args: []string{"h", "21", "(exit"}, host: "h", exit: true},
		{args: []string{"h", "(EXIT", "TRACE"}, host: "h", exit: true, debug: true},
		{args: []string{"h", "(trace exit=4095"}, host: "h", exit: true, fixed: true, code: 4095, debug: true},
		{args: []string{"(EXIT=0"}, exit: true, fixed: true, code: 0},
	} {
		f, _, err := parseFlags(tt.args, &bytes.Buffer{})
		if err != nil {
			t.Errorf("%q: %v", tt.args, err)
			continue
		}
		if f.host != tt.host || f.z.ExitOnError != tt.exit || f.z.FixedExit != tt.fixed || f.z.FixedExitCode != tt.code || f.z.Debug != tt.debug {
			t.Errorf("%q: host %q exit %v fixed %v code %d debug %v, want %q %v %v %d %v", tt.args,
				f.host, f.z.ExitOnError, f.z.FixedExit, f.z.FixedExitCode, f.z.Debug, tt.host, tt.exit, tt.fixed, tt.code, tt.debug)
		}
	}
	for _, args := range [][]string{
		{"-e=4096", "h"},
		{"-e=-1", "h"},
		{"-e=x", "h"},
		{"-e=+8", "h"},
		{"h", "(EXIT=abc"},
		{"h", "(EXIT=5000"},
		{"h", "(TIMEOUT", "30"},
		{"h", "(TRACE=1"},
	} {
		_, _, err := parseFlags(args, &bytes.Buffer{})
		var ue *zos.Error
		if !errors.As(err, &ue) || ue.Code != zos.ExitUsage {
			t.Errorf("%q: err = %v, want a usage error", args, err)
		}
	}
}

// TestExitFixed runs a job that expects condition code 8 (real job input
// PARM='(EXIT=08'): the failing GET prints EZA1735I with the standard
// return code and the client error code, as IBM says it does whatever the
// return code type, and the client ends with 8, not 16550 mod 256. The
// same job with -e=08 and --exit-on-error=8 gives the same transcript.
func TestExitFixed(t *testing.T) {
	const source = "IP User's Guide and Commands \"FTP return codes\" (EXIT=nn on the FTP command; EZA1735I still shows the standard return code and client error code); " +
		"Configuration Assistant \"Converting return codes\" and EZZ9830I (rc_type FIX); real job input PARM='(EXIT=08': the job ends with 8"
	for _, form := range [][]string{{"(EXIT=08"}, {"-e=08"}, {"--exit-on-error=8"}} {
		t.Run(form[0], func(t *testing.T) {
			srv := startServer(t, nil)
			tmp := t.TempDir()
			args := []string{"-v", "-w", "20"}
			hostPort := []string{srv.Host, strconv.Itoa(srv.Port)}
			if strings.HasPrefix(form[0], "(") {
				args = append(append(args, hostPort...), form...)
			} else {
				args = append(append(args, form...), hostPort...)
			}
			input := srv.User + "\n" + srv.Password + "\nget nosuch.txt " + tmp + "/x\npwd\nquit\n"
			out, errOut, status := runFrontEndWith(t, tmp, args, input, []string{"VERIFYSIZE FALSE"})
			if status != 8 {
				t.Errorf("exit status %d, want 8 (EXIT=08)", status)
			}
			if errOut != "" {
				t.Errorf("stderr: %q", errOut)
			}
			compareGolden(t, "exit_fixed", source, normalise(out, tmp))
		})
	}
}
