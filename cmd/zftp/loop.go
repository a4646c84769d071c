package main

import (
	"errors"
	"fmt"
	"io"
	"os"
	"strings"

	"github.com/zftp/zftp/client"
	"github.com/zftp/zftp/internal/config"
	"github.com/zftp/zftp/internal/netrc"
	"github.com/zftp/zftp/transcript"
)

// run is zftp without the process around it: it parses args, loads the
// settings, runs the session and returns the exit status.
func run(args []string, env environment) int {
	f, fs, err := parseFlags(args, env.stderr)
	if err != nil {
		fmt.Fprintf(env.stderr, "zftp: %v\nRun zftp --help for usage.\n", err)
		return exitInvalidCommandLine
	}
	if f.help {
		printHelp(env.stdout, fs)
		return 0
	}
	if f.version {
		fmt.Fprintln(env.stdout, versionLine())
		return 0
	}
	set, err := loadSettings(f, env)
	if err != nil {
		return startError(f, env, err)
	}
	a := newApp(set, env, newBatchSource(env.stdin, !env.interactive))
	a.start()
	return a.main(f.host, f.port)
}

// startError reports settings that cannot be used and returns the exit
// status: 4 for a bad flag, the client error code for an FTP.DATA file
// that cannot be used (EZYFT46E for a bad statement, as z/OS prints it,
// then the whole reason on stderr).
func startError(f *flags, env environment, err error) int {
	var ue *errUsage
	if errors.As(err, &ue) {
		fmt.Fprintf(env.stderr, "zftp: %v\nRun zftp --help for usage.\n", err)
		return exitInvalidCommandLine
	}
	out := transcript.New(env.stdout, transcript.Options{Verbose: f.verbose, AlwaysShowIDs: f.msgIDs})
	var pe *config.ParseError
	if errors.As(err, &pe) {
		out.Printf(transcript.MsgConfigError, pe.File, pe.Line, pe.Column)
	}
	fmt.Fprintf(env.stderr, "zftp: FTP.DATA cannot be used: %v\n", err)
	var ce *errConfig
	if errors.As(err, &ce) {
		return ce.ec
	}
	return ecInternal
}

// app is one run of the front end: settings, transcript, input, and the
// session when connected.
type app struct {
	set       *settings
	env       environment
	out       *transcript.Writer
	src       lineSource
	table     []*subcommand
	localUser string

	sess      *client.Session
	host      string // as typed, for the NAME prompt
	port      int
	connected bool // the control connection came up during the last OPEN

	localDir  string // LCD
	sunique   bool   // SUNIQUE
	restartAt int64  // RESTART: offset of the next transfer

	netrc      *netrc.File
	netrcTried bool
	swallow    []string // login lines a batch script holds for a login netrc did

	ui    *terminalUI // interactive extras (ui.go); nil in batch
	quiet bool        // the front end's own commands are running (app.quietly)

	lastReply  int  // last reply code seen during the current subcommand
	skipPrompt bool // the next Command: prompt was already printed
	done       bool // QUIT, or the client ends
	status     int  // process exit status

}

// errEndOfInput reports that input ended while a prompt waited for a line.
var errEndOfInput = errors.New("end of input")

func newApp(set *settings, env environment, src lineSource) *app {
	dir := env.workDir
	if dir == "" {
		d, err := os.Getwd()
		if err != nil {
			d = "."
		}
		dir = d
	}
	a := &app{
		set:       set,
		env:       env,
		out:       transcript.New(env.stdout, transcript.Options{Verbose: set.Verbose, AlwaysShowIDs: set.cfg.MsgIDs}),
		src:       src,
		table:     newTable(),
		localUser: env.localUser,
		localDir:  dir,
		ui:        env.ui,
	}
	a.ui.attach(a)
	return a
}

// start prints what z/OS prints before connecting: the FTP.DATA file used
// (EZY2640I) and its warnings.
func (a *app) start() {
	if a.set.ftpData.Path != "" {
		a.out.Printf(transcript.MsgConfigFile, a.set.ftpData.Path)
	}
	a.ui.mark(transcript.Warning)
	printNotes(a.out, a.set.notes)
	a.ui.mark(0)
}

// Observe records the last reply code for return codes, writes the DEBUG
// trace, and passes every event on to the transcript.
func (a *app) Observe(e client.Event) {
	if a.quiet {
		return
	}
	a.ui.observe(e)
	switch e := e.(type) {
	case client.ReplyReceived:
		if e.Reply != nil {
			a.lastReply = e.Reply.Code
		}
	case client.Connected:
		a.connected = true
	}
	if a.set.Tracing() && a.env.stderr != nil {
		writeTrace(a.env.stderr, e)
	}
	if _, ok := e.(client.Warning); ok {
		a.ui.mark(transcript.Warning)
		defer a.ui.mark(0)
	}
	a.out.Observe(e)
}

// main connects when a host was given, then runs the command loop until
// QUIT, the end of input, or an error that ends the client.
func (a *app) main(host string, port int) int {
	if host != "" {
		a.lastReply = 0
		if err := a.connect(host, port); err != nil {
			if errors.Is(err, errEndOfInput) {
				a.endOfInput()
				return a.status
			}
			a.failed(codeOpen, true, err)
		}
	}
	for !a.done {
		if !a.skipPrompt {
			a.out.Printf(transcript.MsgCommandPrompt)
		}
		a.skipPrompt = false
		line, err := a.src.ReadLine()
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
		a.execute(line)
	}
	return a.status
}

// execute runs one input line.
func (a *app) execute(line string) {
	c, res := parseLine(a.table, line)
	if c == nil {
		a.echo(line)
		return
	}
	a.echo(echoText(c, line))
	a.lastReply = 0
	switch {
	case res.sub == nil && len(res.candidates) > 0:
		a.out.Printf(transcript.MsgAmbiguous, c.word, strings.ToLower(strings.Join(res.candidates, ", ")))
		a.failed(codeAmbiguous, false, shown(ecUsage, fmt.Errorf("ambiguous subcommand %q", c.word)))
		return
	case res.sub == nil:
		a.out.Printf(transcript.MsgUnknownCommand, c.word)
		a.failed(codeNone, false, shown(ecUsage, fmt.Errorf("unknown subcommand %q", c.word)))
		return
	case res.sub.conn && a.sess == nil:
		a.out.Printf(transcript.MsgNotConnected)
		err := shown(ecConnectFailed, errors.New("not connected"))
		a.failed(res.sub.code, res.sub.exit, err)
		a.ui.hint(res.sub, err)
		return
	}
	defer a.ui.afterCommand(res.sub)
	if err := a.runInterruptible(res.sub, c); err != nil { // Ctrl-C aborts a transfer: interrupt.go
		if errors.Is(err, errEndOfInput) {
			a.endOfInput()
			return
		}
		exit := res.sub.exit
		if res.sub.name == "LOCSITE" {
			exit = false // IBM: LOCSITE ends the client only when issued without parameters
			if c.rest == "" {
				exit = true
			}
		}
		a.ui.afterCommand(nil) // no progress line left over the messages
		a.failed(res.sub.code, exit, err)
		a.ui.hint(res.sub, err)
	}
}

// echo writes the input line to the transcript when the source asks for
// it (batch): EZA1736I, exactly as read.
func (a *app) echo(line string) {
	if a.src.EchoInput() {
		a.out.Printf(transcript.MsgInputEcho, line)
	}
}

// failed handles a failed subcommand: it prints what the transcript does
// not show yet, drops a session that can no longer be used, and ends the
// client with EZA1735I when exit-on-error is in force and the subcommand's
// EXIT_IF_ERROR is true.
func (a *app) failed(code int, exit bool, err error) {
	var ce *codedError
	var re *client.ReplyError
	switch {
	case errors.As(err, &ce) && ce.shown:
	case errors.As(err, &re):
		// the reply is in the transcript already
	default:
		a.ui.mark(transcript.Error)
		a.out.Printf(transcript.MsgCommandFailed, err.Error())
		a.ui.mark(0)
	}
	if a.sess != nil && a.sess.Err() != nil {
		a.out.Printf(transcript.MsgConnectionLost, "the session is closed")
		a.sess.Close()
		a.sess = nil
	}
	if !a.set.ExitOnError() || !exit {
		return
	}
	ec := errorCode(err)
	rc := stdReturnCode(code, a.lastReply)
	a.out.Printf(transcript.MsgReturnCode, rc, ec)
	if a.sess != nil {
		a.sess.Close()
		a.sess = nil
	}
	v := returnedCode(a.set.cfg.ClientErrCodes, code, rc, ec)
	if v == 0 {
		v = ec // no subcommand code and no reply: a failure must not end with 0
	}
	a.status = exitStatus(v)
	a.done = true
}

// endOfInput ends the session as QUIT does.
func (a *app) endOfInput() {
	if a.sess != nil {
		a.sess.Quit()
		a.sess = nil
	}
	a.done = true
}
