package main

import (
	"errors"
	"fmt"
	"io"
	"strings"

	"github.com/zftp/zftp/client"
	"github.com/zftp/zftp/transcript"
)

// run is zftp without the process around it: it parses args, runs the
// session and returns the exit status.
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
		fmt.Fprintf(env.stdout, "zftp %s\n", versionString())
		return 0
	}
	set := settingsFromFlags(f)
	a := newApp(set, env, newBatchSource(env.stdin, !env.interactive))
	return a.main(f.host, f.port)
}

// app is one run of the front end: settings, transcript, input, and the
// session when connected.
type app struct {
	set       settings
	out       *transcript.Writer
	src       lineSource
	table     []*subcommand
	localUser string

	sess *client.Session
	host string // as typed, for the NAME prompt

	lastReply int  // last reply code seen during the current subcommand
	done      bool // QUIT, or the client ends
	status    int  // process exit status
}

// errEndOfInput reports that input ended while a prompt waited for a line.
var errEndOfInput = errors.New("end of input")

func newApp(set settings, env environment, src lineSource) *app {
	return &app{
		set:       set,
		out:       transcript.New(env.stdout, transcript.Options{Verbose: set.Verbose, AlwaysShowIDs: set.AlwaysShowIDs}),
		src:       src,
		table:     newTable(),
		localUser: env.localUser,
	}
}

// Observe records the last reply code for return codes and passes every
// event on to the transcript.
func (a *app) Observe(e client.Event) {
	if r, ok := e.(client.ReplyReceived); ok && r.Reply != nil {
		a.lastReply = r.Reply.Code
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
		a.out.Printf(transcript.MsgCommandPrompt)
		line, err := a.src.ReadLine()
		if errors.Is(err, io.EOF) {
			a.endOfInput()
			break
		}
		if err != nil {
			a.failed(codeNone, true, withCode(ecInput, fmt.Errorf("read input: %w", err)))
			continue
		}
		a.execute(line)
	}
	return a.status
}

// execute runs one input line.
func (a *app) execute(line string) {
	word, rest := splitWord(line)
	if word == "" {
		a.echo(line)
		return
	}
	res := lookup(a.table, word)
	c := &call{sub: res.sub, word: word, rest: rest, args: fields(rest)}
	a.echo(echoText(c, line))
	a.lastReply = 0
	switch {
	case res.sub == nil && len(res.candidates) > 0:
		a.out.Printf(transcript.MsgAmbiguous, word, strings.ToLower(strings.Join(res.candidates, ", ")))
		a.failed(codeAmbiguous, false, shown(ecUsage, fmt.Errorf("ambiguous subcommand %q", word)))
		return
	case res.sub == nil:
		a.out.Printf(transcript.MsgUnknownCommand, word)
		a.failed(codeNone, false, shown(ecUsage, fmt.Errorf("unknown subcommand %q", word)))
		return
	case res.sub.conn && a.sess == nil:
		a.out.Printf(transcript.MsgNotConnected)
		a.failed(res.sub.code, res.sub.exit, shown(ecConnectFailed, errors.New("not connected")))
		return
	}
	if err := res.sub.run(a, c); err != nil {
		if errors.Is(err, errEndOfInput) {
			a.endOfInput()
			return
		}
		a.failed(res.sub.code, res.sub.exit, err)
	}
}

// echo writes the input line to the transcript when the source asks for
// it (batch): EZA1736I, exactly as read.
func (a *app) echo(line string) {
	if a.src.EchoInput() {
		a.out.Printf(transcript.MsgInputEcho, line)
	}
}

// echoText returns the line to echo, without any password it carries:
// USER keeps only the user ID, PASS only its name, QUOTE PASS only the verb.
func echoText(c *call, line string) string {
	if c.sub == nil {
		return line
	}
	switch c.sub.name {
	case "USER":
		if len(c.args) > 1 {
			return c.word + " " + c.args[0]
		}
	case "PASS":
		return c.word
	case "QUOTE":
		if len(c.args) > 0 && strings.EqualFold(c.args[0], "PASS") {
			return c.word + " " + c.args[0]
		}
	}
	return line
}

// failed handles a failed subcommand: it prints what the transcript does
// not show yet, drops a session whose connection is gone, and ends the
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
		a.out.Printf(transcript.MsgCommandFailed, err.Error())
	}
	if errors.Is(err, client.ErrClosed) && a.sess != nil {
		a.out.Printf(transcript.MsgConnectionLost, "the session is closed")
		a.sess.Close()
		a.sess = nil
	}
	if !a.set.ExitOnError || !exit {
		return
	}
	rc := stdReturnCode(code, a.lastReply)
	a.out.Printf(transcript.MsgReturnCode, rc, errorCode(err))
	if a.sess != nil {
		a.sess.Close()
		a.sess = nil
	}
	a.status = exitStatus(rc)
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

// isBlank reports whether c separates words on a subcommand line.
func isBlank(c rune) bool { return c == ' ' || c == '\t' }

// splitWord returns the first word of line and the rest after the blanks
// that follow it; the rest is otherwise verbatim.
func splitWord(line string) (word, rest string) {
	t := strings.TrimLeft(line, " \t")
	i := strings.IndexAny(t, " \t")
	if i < 0 {
		return t, ""
	}
	return t[:i], strings.TrimLeft(t[i:], " \t")
}

// fields splits s at blanks.
func fields(s string) []string { return strings.FieldsFunc(s, isBlank) }
