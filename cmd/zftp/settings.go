package main

import (
	"errors"
	"fmt"
	"time"

	"github.com/zftp/zftp/client"
	"github.com/zftp/zftp/internal/config"
	"github.com/zftp/zftp/transcript"
)

// settings is what the front end and the engine need to know about the
// session. The FTP.DATA statements live in cfg, filled in the z/OS order
// by loadSettings: built-in defaults, then FTP.DATA, then the command-line
// flags; LOCSITE changes cfg at run time. The other fields are front-end
// state that has no FTP.DATA statement.
type settings struct {
	cfg     *config.Settings
	ftpData config.Located   // the FTP.DATA file used (EZY2640I); Path "" for none
	notes   []config.Warning // FTP.DATA and flag warnings, printed at start

	Verbose   bool          // show message IDs (-v, VERBOSE)
	AutoLogin bool          // log in after OPEN: netrc, else prompts (not -n)
	Prompting bool          // MGET/MPUT/MDELETE ask per file (not -i, PROMPT)
	Glob      bool          // wildcard expansion for MPUT/MGET/MDELETE (not -g, GLOB)
	Timeout   time.Duration // -w: overrides MYOPENTIME and INACTTIME; 0 = theirs
	NetrcPath string        // --netrc; "" = netrc.DefaultPath()
}

// errConfig is an FTP.DATA file that cannot be used: it ends zftp with
// the client error code ec before any session starts.
type errConfig struct {
	ec  int
	err error
}

func (e *errConfig) Error() string { return e.err.Error() }
func (e *errConfig) Unwrap() error { return e.err }

// loadSettings builds the settings: defaults, the FTP.DATA file found by
// the lookup order (-f first), then the flags. A bad flag value is an
// *errUsage; an FTP.DATA problem an *errConfig.
func loadSettings(f *flags, env environment) (*settings, error) {
	loc, err := env.finder().Find(f.ftpData)
	if err != nil {
		ec := ecNotFound
		if !errors.Is(err, config.ErrNotFound) {
			ec = ecFileAccess
		}
		return nil, &errConfig{ec: ec, err: err}
	}
	cfg := config.Defaults()
	var notes []config.Warning
	if loc.Path != "" {
		w, err := cfg.LoadFTPData(loc.Path)
		if err != nil {
			ec := ecUsage
			var pe *config.ParseError
			if !errors.As(err, &pe) {
				ec = ecFileAccess
			}
			return nil, &errConfig{ec: ec, err: err}
		}
		notes = w
	}
	s := &settings{
		cfg:       cfg,
		ftpData:   loc,
		Verbose:   f.verbose,
		AutoLogin: !f.noAutoLogin,
		Prompting: !f.noPrompt,
		Glob:      !f.noGlob,
		Timeout:   time.Duration(f.timeout) * time.Second,
		NetrcPath: f.netrcPath,
	}
	for _, fl := range flagStatements {
		if !fl.on(f) {
			continue
		}
		w, err := cfg.Set(fl.statement, fl.value(f))
		if err != nil {
			return nil, &errUsage{fmt.Sprintf("%s: %v", fl.flag, err)}
		}
		notes = append(notes, w...)
	}
	for _, m := range []struct{ flag, value string }{{"a", f.attempt}, {"r", f.require}} {
		if m.value == "" {
			continue
		}
		if err := cfg.ApplyMechanismFlag(m.flag, m.value); err != nil {
			return nil, &errUsage{fmt.Sprintf("-%s %s: %v", m.flag, m.value, err)}
		}
	}
	cfg.SourceAddr = f.srcAddr
	for _, z := range []struct{ flag, value string }{{"-p", f.stack}, {"-t", f.translate}} {
		if z.value != "" {
			notes = append(notes, config.Warning{ID: config.IDNoEffect,
				Text: fmt.Sprintf("option %s %s has no effect on this platform", z.flag, z.value)})
		}
	}
	s.notes = notes
	return s, nil
}

// flagStatement maps a command-line flag to the FTP.DATA statement it
// sets, as z/OS documents for -e (CLIENTEXIT TRUE) and -d (DEBUG).
type flagStatement struct {
	flag      string
	statement string
	on        func(*flags) bool
	value     func(*flags) string
}

// constant returns a value function for a fixed statement value.
func constant(v string) func(*flags) string { return func(*flags) string { return v } }

// flagStatements is read-only.
var flagStatements = []flagStatement{
	{"-e", "CLIENTEXIT", func(f *flags) bool { return f.exitOnError }, constant("TRUE")},
	{"-d", "DEBUG", func(f *flags) bool { return f.debug }, constant(debugDefault)},
	{"--passive", "FWFRIENDLY", func(f *flags) bool { return f.passive }, constant("TRUE")},
	{"--msgids", "MSGIDS", func(f *flags) bool { return f.msgIDs }, constant("TRUE")},
	{"--keyring", "KEYRING", func(f *flags) bool { return f.keyring != "" }, func(f *flags) string { return f.keyring }},
}

// debugDefault is the trace option of -d and of DEBUG without options.
const debugDefault = "BAS"

// ExitOnError reports whether a failing subcommand ends the client
// (-e, CLIENTEXIT TRUE).
func (s *settings) ExitOnError() bool { return s.cfg.ClientExit }

// Tracing reports whether a DEBUG trace is on.
func (s *settings) Tracing() bool { return len(s.cfg.Debug) > 0 }

// clientConfig returns the engine configuration for these settings.
func (s *settings) clientConfig(obs client.Observer) client.Config {
	c := s.cfg.ClientConfig()
	if s.Timeout > 0 {
		c.ConnectTimeout, c.ReplyTimeout = s.Timeout, s.Timeout
	}
	c.Observer = obs
	return c
}

// printNotes writes configuration warnings to the transcript, each under
// its own message ID (EZYFT47I for a server statement, ZFT000nW for
// zftp's), with "file:line:" when it came from FTP.DATA.
func printNotes(out *transcript.Writer, ws []config.Warning) {
	for _, w := range ws {
		text := w.Text
		if w.File != "" {
			text = fmt.Sprintf("%s:%d: %s", w.File, w.Line, text)
		}
		out.Printf(transcript.ID(w.ID), text)
	}
}

// onOff names a toggle's state.
func onOff(b bool) string {
	if b {
		return "ON"
	}
	return "OFF"
}
