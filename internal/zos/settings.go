package zos

import (
	"errors"
	"fmt"
	"strconv"
	"time"

	"github.com/zftp/zftp/client"
	"github.com/zftp/zftp/internal/config"
	"github.com/zftp/zftp/transcript"
)

// Flags are the values of the z/OS UNIX ftp command-line options (and
// zftp's long options) that become settings; the program parses them.
type Flags struct {
	Verbose     bool   // -v
	NoAutoLogin bool   // -n
	ExitOnError bool   // -e
	Debug       bool   // -d
	NoPrompt    bool   // -i
	NoGlob      bool   // -g
	Timeout     int    // -w SECONDS
	SourceAddr  string // -s ADDR
	Passive     bool   // --passive
	MsgIDs      bool   // --msgids
	Attempt     string // -a NEVER|GSSAPI|TLS
	Require     string // -r NEVER|GSSAPI|TLS
	FTPData     string // -f FILE
	Stack       string // -p: TCP/IP stack name (z/OS only; accepted, no effect)
	Translate   string // -t: translation table (z/OS only; accepted, no effect)
	NetrcPath   string // --netrc FILE
	Keyring     string // --keyring SPEC: KEYRING
	Parallel    int    // --parallel N: PARALLEL (zftp extension); 0 = not given
	// FixedExit (-e=nn, (EXIT=nn) makes an exit on error return the
	// fixed code FixedExitCode instead of a computed one (IBM rc_type
	// FIX); ExitOnError is then set too.
	FixedExit     bool
	FixedExitCode int
	// StrictFTPData (--strict-ftpdata) makes a bad FTP.DATA statement
	// fatal (exit 7 before connecting); without it the statement is
	// reported (EZYFT46E) and skipped, as z/OS does.
	StrictFTPData bool
}

// Settings is what the interpreter and the engine need to know about the
// session. The FTP.DATA statements live in cfg, filled in the z/OS order
// by LoadSettings: built-in defaults, then FTP.DATA, then the command-line
// flags; LOCSITE changes cfg at run time. The other fields are front-end
// state that has no FTP.DATA statement.
type Settings struct {
	cfg     *config.Settings
	ftpData config.Located       // the FTP.DATA file used (EZY2640I); Path "" for none
	notes   []config.Warning     // FTP.DATA and flag warnings, printed at start
	badData []*config.ParseError // FTP.DATA statements skipped (EZYFT46E), printed at start

	Verbose   bool          // show message IDs (-v, VERBOSE)
	AutoLogin bool          // log in after OPEN: netrc, else prompts (not -n)
	Prompting bool          // MGET/MPUT/MDELETE ask per file (not -i, PROMPT)
	Glob      bool          // wildcard expansion for MPUT/MGET/MDELETE (not -g, GLOB)
	Timeout   time.Duration // -w: overrides MYOPENTIME and INACTTIME; 0 = theirs
	NetrcPath string        // --netrc; "" = netrc.DefaultPath()

	fixedExit     bool // -e=nn, (EXIT=nn (exitcode.go)
	fixedExitCode int
}

// LoadSettings builds the settings: defaults, the FTP.DATA file found by
// find's lookup order (-f first), then the flags. Errors are *Error: a
// bad flag value has code ExitUsage, an FTP.DATA problem the client error
// code zftp ends with (a bad statement wraps a *config.ParseError).
func LoadSettings(f *Flags, find config.Finder) (*Settings, error) {
	loc, err := find.Find(f.FTPData)
	if err != nil {
		ec := ecNotFound
		if !errors.Is(err, config.ErrNotFound) {
			ec = ecFileAccess
		}
		return nil, &Error{Code: ec, Err: err}
	}
	cfg := config.Defaults()
	var notes []config.Warning
	var badData []*config.ParseError
	if loc.Path != "" {
		load := func(c *config.Settings, p string) ([]config.Warning, error) { return c.LoadFTPData(p) }
		if !f.StrictFTPData {
			load = func(c *config.Settings, p string) (w []config.Warning, err error) {
				w, badData, err = c.LoadFTPDataLenient(p)
				return w, err
			}
		}
		w, err := load(cfg, loc.Path)
		if err != nil {
			ec := ecUsage
			var pe *config.ParseError
			if !errors.As(err, &pe) {
				ec = ecFileAccess
			}
			return nil, &Error{Code: ec, Err: err}
		}
		notes = w
	}
	s := &Settings{
		cfg:       cfg,
		ftpData:   loc,
		badData:   badData,
		Verbose:   f.Verbose,
		AutoLogin: !f.NoAutoLogin,
		Prompting: !f.NoPrompt,
		Glob:      !f.NoGlob,
		Timeout:   time.Duration(f.Timeout) * time.Second,
		NetrcPath: f.NetrcPath,

		fixedExit:     f.FixedExit,
		fixedExitCode: f.FixedExitCode,
	}
	for _, fl := range flagStatements {
		if !fl.on(f) {
			continue
		}
		w, err := cfg.Set(fl.statement, fl.value(f))
		if err != nil {
			return nil, &Error{Code: ExitUsage, Err: fmt.Errorf("%s: %w", fl.flag, err)}
		}
		notes = append(notes, w...)
	}
	for _, m := range []struct{ flag, value string }{{"a", f.Attempt}, {"r", f.Require}} {
		if m.value == "" {
			continue
		}
		if err := cfg.ApplyMechanismFlag(m.flag, m.value); err != nil {
			return nil, &Error{Code: ExitUsage, Err: fmt.Errorf("-%s %s: %w", m.flag, m.value, err)}
		}
	}
	cfg.SourceAddr = f.SourceAddr
	for _, z := range []struct{ flag, value string }{{"-p", f.Stack}, {"-t", f.Translate}} {
		if z.value != "" {
			notes = append(notes, config.Warning{ID: config.IDNoEffect,
				Text: fmt.Sprintf("option %s %s has no effect on this platform", z.flag, z.value) + stackNote(z.flag)})
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
	on        func(*Flags) bool
	value     func(*Flags) string
}

// constant returns a value function for a fixed statement value.
func constant(v string) func(*Flags) string { return func(*Flags) string { return v } }

// flagStatements is read-only.
var flagStatements = []flagStatement{
	{"-e", "CLIENTEXIT", func(f *Flags) bool { return f.ExitOnError || f.FixedExit }, constant("TRUE")},
	{"-d", "DEBUG", func(f *Flags) bool { return f.Debug }, constant(debugDefault)},
	{"--passive", "FWFRIENDLY", func(f *Flags) bool { return f.Passive }, constant("TRUE")},
	{"--msgids", "MSGIDS", func(f *Flags) bool { return f.MsgIDs }, constant("TRUE")},
	{"--keyring", "KEYRING", func(f *Flags) bool { return f.Keyring != "" }, func(f *Flags) string { return f.Keyring }},
	{"--parallel", "PARALLEL", func(f *Flags) bool { return f.Parallel != 0 }, func(f *Flags) string { return strconv.Itoa(f.Parallel) }},
}

// debugDefault is the trace option of -d and of DEBUG without options.
const debugDefault = "BAS"

// ExitOnError reports whether a failing subcommand ends the client
// (-e, CLIENTEXIT TRUE).
func (s *Settings) ExitOnError() bool { return s.cfg.ClientExit }

// Set codes one FTP.DATA statement over the loaded settings, as if it
// were the file's last line, without the file's EZY2640I line (a test
// harness codes VERIFYSIZE FALSE this way for its z/OS transcripts).
func (s *Settings) Set(statement, value string) error {
	_, err := s.cfg.Set(statement, value)
	return err
}

// Tracing reports whether a DEBUG trace is on.
func (s *Settings) Tracing() bool { return len(s.cfg.Debug) > 0 }

// clientConfig returns the engine configuration for these settings. It
// has no Observer: the transcript's comes with each call (job.go).
func (s *Settings) clientConfig() client.Config {
	c := s.cfg.ClientConfig()
	if s.Timeout > 0 {
		// -w bounds every wait of a command: the connection, each reply,
		// and the data connection's opening and silences (DCONNTIME and
		// DATACTTIME only when they are shorter).
		c.ConnectTimeout, c.ReplyTimeout = s.Timeout, s.Timeout
		c.DataConnectTimeout = min(c.DataConnectTimeout, s.Timeout)
		c.DataIdleTimeout = min(c.DataIdleTimeout, s.Timeout)
	}
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
		out.Printf(w.ID, text)
	}
}

// onOff names a toggle's state.
func onOff(b bool) string {
	if b {
		return "ON"
	}
	return "OFF"
}

// stackNote explains -p, which lftp and tnftp users take for a port.
func stackNote(flag string) string {
	if flag != "-p" {
		return ""
	}
	return " (on z/OS it names a TCP/IP stack; a port goes after the host: zftp host port)"
}
