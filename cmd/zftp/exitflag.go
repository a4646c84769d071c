package main

import (
	"fmt"
	"strconv"
	"strings"

	"github.com/zftp/zftp/internal/zos"
)

// The exit-on-error forms of the FTP command (IBM, IP User's Guide and
// Commands, "FTP return codes": "Specify the EXIT or EXIT=nn parameter on
// the FTP command"; "FTP command — Entering the FTP environment": -e, and
// the TSO-style parameters after a left parenthesis, as in
// PARM='(EXIT=08' or ftp host \(exit). -e and --exit-on-error take an
// optional value: -e=nn and --exit-on-error=nn are EXIT=nn, a fixed
// return code (rc_type FIX in IBM's EZZ9830I); -e alone is EXIT.

// maxFixedExit is the largest EXIT=nn: a z/OS condition code is at most
// 4095.
const maxFixedExit = 4095

// exitValue is the pflag.Value of -e: "true" (the flag alone), "false",
// or a fixed return code nn.
type exitValue struct{ z *zos.Flags }

func (v exitValue) String() string {
	switch {
	case v.z.FixedExit:
		return strconv.Itoa(v.z.FixedExitCode)
	case v.z.ExitOnError:
		return "true"
	}
	return "false"
}

// Set takes true (the flag alone), false, or nn.
func (v exitValue) Set(s string) error {
	switch strings.ToLower(s) { // a number is EXIT=nn: -e=1 is EXIT=1
	case "true", "t":
		v.z.ExitOnError, v.z.FixedExit = true, false
		return nil
	case "false", "f":
		v.z.ExitOnError, v.z.FixedExit = false, false
		return nil
	}
	n, err := parseFixedExit(s)
	if err != nil {
		return err
	}
	v.z.ExitOnError, v.z.FixedExit, v.z.FixedExitCode = true, true, n
	return nil
}

// Type is "bool": the flag is given alone or as -e=nn, never with a
// separate argument (-e 8 would make 8 the host).
func (v exitValue) Type() string { return "bool" }

// parseFixedExit parses the nn of EXIT=nn: a decimal number from 0 to
// 4095, leading zeros allowed (IBM's sample job codes EXIT=08).
func parseFixedExit(s string) (int, error) {
	n, err := strconv.Atoi(s)
	if err != nil || n < 0 || n > maxFixedExit || strings.ContainsAny(s, "+-") {
		return 0, fmt.Errorf("invalid exit code %q: want EXIT=nn with nn from 0 to %d", s, maxFixedExit)
	}
	return n, nil
}

// splitTSOOptions separates the TSO-style parameters from the positional
// arguments: the first argument that starts with "(" and every argument
// after it ("(EXIT=08", "(exit trace"). It returns the rest and the
// options without the parenthesis.
func splitTSOOptions(args []string) (rest, opts []string) {
	for i, a := range args {
		if strings.HasPrefix(a, "(") {
			for _, o := range args[i:] {
				o = strings.TrimPrefix(o, "(")
				opts = append(opts, strings.Fields(o)...)
			}
			return args[:i], opts
		}
	}
	return args, nil
}

// applyTSOOptions applies the TSO-style parameters zftp knows: EXIT (as
// -e), EXIT=nn (as -e=nn) and TRACE (as -d; IBM's own example of the form
// is "ftp 1.1.2.3 \(trace"). Any other is refused, never ignored: a job
// must not run without an option it asked for.
func applyTSOOptions(z *zos.Flags, opts []string) error {
	for _, o := range opts {
		name, value, hasValue := strings.Cut(o, "=")
		switch strings.ToUpper(name) {
		case "EXIT":
			if !hasValue {
				z.ExitOnError = true
				continue
			}
			n, err := parseFixedExit(value)
			if err != nil {
				return fmt.Errorf("(%s: %w", o, err)
			}
			z.ExitOnError, z.FixedExit, z.FixedExitCode = true, true, n
		case "TRACE":
			if hasValue {
				return fmt.Errorf("(%s: TRACE takes no value", o)
			}
			z.Debug = true
		default:
			return fmt.Errorf("(%s: unknown or unsupported FTP command parameter; zftp takes EXIT, EXIT=nn and TRACE after the parenthesis", o)
		}
	}
	return nil
}
