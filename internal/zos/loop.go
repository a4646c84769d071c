package zos

import (
	"context"
	"errors"
	"fmt"
	"io"
	"os"
	"strings"
	"sync"

	"github.com/zftp/zftp/client"
	"github.com/zftp/zftp/internal/config"
	"github.com/zftp/zftp/internal/netrc"
	"github.com/zftp/zftp/transcript"
)

// Options is what an Interpreter takes from the program around it. Only
// Output and Source are required; the zero value of the rest means the
// process's own (working directory, netrc, config dir, environment, sh).
type Options struct {
	// Output receives the transcript lines: transcript.TextSink for batch
	// output, a terminal sink for interactive sessions.
	Output transcript.Sink
	// Stderr receives the DEBUG trace; nil drops it.
	Stderr io.Writer
	// Source gives the subcommand lines and the answers to prompts.
	Source LineSource
	// Hooks are what a terminal adds; the zero value is batch.
	Hooks Hooks

	// Banner is the start-up line EZA1450I (z/OS: "IBM FTP CS V2R5"),
	// followed by EZA1466I; "" prints neither.
	Banner string

	LocalUser  string                            // shown in the NAME (host:user): prompt
	WorkDir    string                            // first local directory; "" = os.Getwd
	NetrcPath  func() (string, error)            // default netrc file; nil = netrc.DefaultPath
	ConfigDir  func() (string, error)            // zftp's config dir (keyrings); nil = os.UserConfigDir()/zftp
	Getenv     func(string) string               // environment (keyring passwords); nil = os.Getenv
	RunCommand func(line string) ([]byte, error) // the ! subcommand; nil = the system shell (sh -c, %ComSpec% /C) in the local directory
}

// Hooks are the calls an Interpreter makes for a terminal: progress,
// hints, the end of a subcommand. A nil func is not called.
type Hooks struct {
	// Event sees the engine's events that reach the transcript (for a
	// progress line); TransferStarted is left out while a DEBUG trace runs.
	Event func(client.Event)
	// ExpectSize is told the size of the next transfer's data (-1:
	// unknown), for a percentage. When it is set, GET asks the server
	// for the size (SIZE) out of the transcript.
	ExpectSize func(n int64)
	// AfterCommand runs after each subcommand, and before the messages
	// of a failed one.
	AfterCommand func()
	// Hint is told what to do next after a failed subcommand; the text
	// is for a terminal only, never for the transcript.
	Hint func(text string)
	// Columns returns the terminal's width, for HELP's lists and text
	// (wrapped at word boundaries); nil without a terminal (batch keeps
	// z/OS's layout). A width of 0 (a terminal that reports none) is
	// taken as 80.
	Columns func() int
}

// Interpreter is the z/OS FTP client's command interpreter: it reads
// subcommands from a LineSource, runs them over a client.Session and
// writes the transcript. Run and Execute are for one goroutine; Complete
// and Interrupt may be called from others.
type Interpreter struct {
	// mirrorLimit bounds the listings of one MIRROR (mirrorListLimit).
	mirrorLimit client.ListLimit
	set         *Settings
	opts        Options
	hooks       Hooks
	out         *transcript.Writer
	src         LineSource
	table       []*subcommand
	localUser   string

	// busy is held by the goroutine running the command loop, except
	// while it waits at the Command: prompt: Complete uses the session and
	// the local directory only when it can take it.
	busy sync.Mutex

	sess *client.Session
	obs  *lineObserver   // the transcript's: the events of the subcommands' calls (job.go)
	ctx  context.Context // what the session's calls run under: it carries obs
	host string          // as typed, for the NAME prompt
	port int

	localDir  string       // LCD
	prevLocal string       // the local directory before the last LCD ("lcd -" goes back to it); "" for none
	sunique   suniqueState // SUNIQUE (sunique.go)
	restartAt int64        // RESTART: offset of the next transfer

	netrc      *netrc.File
	netrcTried bool
	swallow    loginSkip // login records the batch input holds for a login that did not read them
	target     *Target   // the URL zftp was started with (RunTarget); nil otherwise

	systAsked  *client.Session // the session binaryForUnix asked SYST on (binarydefault.go)
	skipPrompt bool            // the next Command: prompt was already printed
	done       bool            // QUIT, or the client ends
	status     int             // process exit status

	comp    completion  // Tab completion's remote names; guarded by busy
	running interrupter // the subcommand Ctrl-C applies to

	par parallelState // PARALLEL: extra sessions (parallel.go)
}

// errEndOfInput reports that input ended while a prompt waited for a line.
var errEndOfInput = errors.New("end of input")

// New returns an interpreter for the settings. The goroutine that calls
// Run or Execute must be the one that calls New.
func New(set *Settings, opts Options) *Interpreter {
	dir := opts.WorkDir
	if dir == "" {
		d, err := os.Getwd()
		if err != nil {
			d = "."
		}
		dir = d
	}
	a := &Interpreter{
		set:         set,
		opts:        opts,
		hooks:       opts.Hooks,
		out:         transcript.NewSink(opts.Output, transcript.Options{Verbose: set.Verbose, AlwaysShowIDs: set.cfg.MsgIDs}),
		src:         batchRecords(opts.Source, set),
		table:       newTable(),
		localUser:   opts.LocalUser,
		localDir:    dir,
		mirrorLimit: mirrorListLimit(),
	}
	a.obs = &lineObserver{out: a.out, set: set, trace: opts.Stderr, hooks: opts.Hooks}
	a.ctx = client.WithObserver(context.Background(), a.obs)
	a.busy.Lock() // the command loop holds the session from the start
	return a
}

// start prints what z/OS prints before connecting: the FTP.DATA file used
// (EZY2640I), its errors (EZYFT46E) and warnings, then the banner
// (EZA1450I, EZA1466I), in the order of IBM's sample transcripts.
func (a *Interpreter) start() {
	if a.set.ftpData.Path != "" {
		a.out.Printf(transcript.MsgConfigFile, a.set.ftpData.Path)
	}
	printFTPDataErrors(a.out, a.set.badData)
	printNotes(a.out, a.set.notes)
	if a.opts.Banner != "" {
		a.out.Printf(transcript.MsgBanner, a.opts.Banner)
		a.out.Printf(transcript.MsgStack, "the system TCP/IP stack")
	}
}

// Run prints the start-up messages, connects when host is not "", then
// runs the command loop over the line source until QUIT, the end of input,
// or an error that ends the client. It returns the exit status.
func (a *Interpreter) Run(host string, port int) int {
	a.start()
	if host != "" {
		a.obs.last = 0
		if err := a.connect(host, port); err != nil {
			if errors.Is(err, errEndOfInput) {
				a.endOfInput()
				return a.status
			}
			a.failed(codeOpen, true, err)
			a.hint(nil, err) // as after OPEN: the host came from the command line
		}
	} else if a.src.EchoInput() && !a.hostRecord() {
		return a.status
	}
	return a.commandLoop()
}

// commandLoop runs subcommands from the line source until QUIT, the end
// of input, or an error that ends the client; it returns the exit status.
func (a *Interpreter) commandLoop() int {
	for !a.done {
		if !a.skipPrompt {
			a.out.Printf(transcript.MsgCommandPrompt)
		}
		a.skipPrompt = false
		a.busy.Unlock() // Tab completion may use the session while the loop waits here
		line, err := a.src.ReadLine()
		a.busy.Lock()
		a.reportCompletionLoss()
		if errors.Is(err, io.EOF) {
			a.endOfInput()
			break
		}
		if err != nil {
			a.failed(codeNone, true, withCode(ecInput, fmt.Errorf("read input: %w", err)))
			continue
		}
		if a.swallowed(line) {
			a.skipPrompt = true
			continue
		}
		a.Execute(line)
	}
	return a.status
}

// Execute runs one input line as a subcommand.
func (a *Interpreter) Execute(line string) {
	c, res := parseLine(a.table, line)
	if c == nil {
		a.echo(line)
		return
	}
	a.echo(echoText(c, line))
	a.obs.last = 0
	switch {
	case res.sub == nil && len(res.candidates) > 1: // one candidate is an unknown word (peers.go)
		a.out.Printf(transcript.MsgAmbiguous, c.word, strings.ToLower(strings.Join(res.candidates, ", ")))
		a.failed(codeAmbiguous, false, shown(ecUsage, fmt.Errorf("ambiguous subcommand %q", c.word)))
		a.ambiguousHint(c.word)
		return
	case res.sub == nil:
		a.out.Printf(transcript.MsgUnknownCommand, c.word)
		a.failed(codeNone, false, shown(ecUsage, fmt.Errorf("unknown subcommand %q", c.word)))
		a.suggestHint(c.word)
		return
	case res.sub.conn && a.sess == nil:
		a.out.Printf(transcript.MsgNotConnected)
		err := shown(ecConnectFailed, errors.New("not connected"))
		a.failed(res.sub.code, res.sub.exit, err)
		a.hint(res.sub, err)
		return
	}
	if err := a.transferWords(&res, c); err != nil { // lftp's -c, & and -x: transferwords.go
		a.failed(res.sub.code, res.sub.exit, err)
		a.hint(res.sub, err)
		return
	}
	defer a.afterCommand(res.sub)
	if err := a.runInterruptible(res.sub, c); err != nil { // Ctrl-C aborts a transfer: Interrupt
		if errors.Is(err, errEndOfInput) {
			a.endOfInput()
			return
		}
		exit := res.sub.exit && (!res.sub.exitBare || c.rest == "")
		if a.hooks.AfterCommand != nil {
			a.hooks.AfterCommand() // no progress line left over the messages
		}
		a.failed(res.sub.code, exit, err)
		a.hint(res.sub, err)
	}
}

// afterCommand runs after each subcommand: the hook, and the remote names
// of completion are forgotten when the subcommand may have changed them.
func (a *Interpreter) afterCommand(sub *subcommand) {
	if a.hooks.AfterCommand != nil {
		a.hooks.AfterCommand()
	}
	if sub.changesRemote {
		a.comp.forget()
	}
}

// hint passes the hint for a failure to the Hint hook.
func (a *Interpreter) hint(sub *subcommand, err error) {
	if a.hooks.Hint == nil || err == nil {
		return
	}
	if h := hintFor(sub, err, a.tlsInForce()); h != "" {
		a.hooks.Hint(h)
	}
}

// tlsInForce reports whether TLS protects the session, or was asked for
// (SECURE_MECHANISM TLS, -r TLS, -a TLS): a hint then never advises
// asking for it.
func (a *Interpreter) tlsInForce() bool {
	if a.sess != nil && a.sess.TLSSession() != nil {
		return true
	}
	return a.set != nil && a.set.cfg.SecureMechanism == config.MechanismTLS
}

// echo writes the input line to the transcript when the source asks for
// it (batch): EZA1736I, exactly as read.
func (a *Interpreter) echo(line string) {
	if a.src.EchoInput() {
		a.out.Printf(transcript.MsgInputEcho, line)
	}
}

// failed handles a failed subcommand: it prints what the transcript does
// not show yet, drops a session that can no longer be used, and ends the
// client with EZA1735I when exit-on-error is in force and the subcommand's
// EXIT_IF_ERROR is true.
func (a *Interpreter) failed(code int, exit bool, err error) {
	err = a.securityFailure(err)
	if !isShown(err) && !a.reportTimeout(err) { // EZA2589E: timeout.go
		a.out.Printf(transcript.MsgCommandFailed, describe(err))
	}
	if a.sess != nil && a.sess.Err() != nil {
		a.connectionLost(err)
		a.sess.Close()
		a.sess = nil
	}
	if !a.set.ExitOnError() || !exit {
		return
	}
	ec := errorCode(err)
	rc := stdReturnCode(code, a.obs.last)
	a.out.Printf(transcript.MsgReturnCode, rc, ec)
	if a.sess != nil {
		a.sess.Close()
		a.sess = nil
	}
	a.status = exitStatus(a.set.returnCode(code, rc, ec)) // exitcode.go
	a.done = true
}

// isShown reports whether the transcript already says what err is: a
// coded error marked shown, or a server reply.
func isShown(err error) bool {
	var ce *Error
	var re *client.ReplyError
	return errors.As(err, &ce) && ce.Shown || errors.As(err, &re)
}

// endOfInput ends the session as QUIT does.
func (a *Interpreter) endOfInput() {
	a.quitSession()
	a.done = true
}
