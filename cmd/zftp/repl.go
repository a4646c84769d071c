package main

import (
	"errors"
	"fmt"
	"io"
	"os"
	"strings"
	"sync"
	"sync/atomic"

	"github.com/spf13/pflag"

	"github.com/zftp/zftp/internal/history"
	"github.com/zftp/zftp/internal/progress"
	"github.com/zftp/zftp/internal/zos"
	"github.com/zftp/zftp/transcript"
)

// Interactive mode: when stdin and stdout are both terminals, subcommands
// (and the answers to the NAME, PASSWORD and ACCOUNT prompts) are read with
// a line editor: editing keys, history (up arrow, Ctrl-R) kept between
// sessions in a history file, passwords read without echo. The command
// loop is the batch one; only the lineSource differs.
//
// Keys at a prompt:
//
//   - Ctrl-C at the Command: prompt drops what is typed and prompts
//     again; at the NAME and PASSWORD prompts and MGET's questions, Ctrl-C
//     on an empty line is the end of input there (a question: stop).
//   - Ctrl-D on an empty line is the end of input: QUIT.
//
// The transcript itself writes the prompts (EZA1460I Command:, EZA1459I
// NAME (host:user):, EZA1789I PASSWORD:, ZFT0111I ACCOUNT:), with or
// without IDs by the verbose rule, as lines of a prompt kind. The terminal
// sink holds them and hands them to the editor, which shows them when it
// starts reading: on their own line, as z/OS does (--prompt=zos, the
// default), or as an inline prompt, zftp> for subcommands
// (--prompt=compact).

// runTerminal runs zftp: run, with the line editor around it when stdin and
// stdout are terminals. The terminal is restored when it returns, and by a
// signal that ends the process.
func runTerminal(args []string, env environment) int {
	if !env.interactive {
		return runBatch(args, env)
	}
	f, _, err := parseFlags(args, io.Discard)
	if err != nil || f.help || f.version {
		return run(args, env) // reports the error, or prints and exits
	}
	t, err := openTerminal(f, env)
	if err != nil {
		fmt.Fprintf(env.stderr, "zftp: no line editing: %v\n", err) // local text: a terminal set-up error
		return run(args, env)
	}
	defer t.close()
	env.term = t
	return run(args, env)
}

// terminal is the interactive set-up of one run: what a terminal adds to
// the interpreter (colour, progress, completion, hints, Ctrl-C). It talks
// to the interpreter only through its API: Complete from readline's
// goroutine, Interrupt from the signal handler.
type terminal struct {
	guard    *terminalGuard
	ed       lineEditor
	sink     *terminalSink
	src      *terminalSource
	progress *progress.Meter // nil: no progress line

	in atomic.Pointer[zos.Interpreter] // set by attach
}

// openTerminal starts the line editor on the process's terminal, loads the
// history, and sets up the terminal sink (coloured when --color says so)
// and the progress line. History problems are reported on env.stderr and
// end only the history.
func openTerminal(f *flags, env environment) (*terminal, error) {
	t := &terminal{}
	var pal *palette
	if useColor(f.color, env.interactive, env.env(), runtimeGOOS) {
		pal = newPalette()
	}
	if fe, ok := env.stderr.(*os.File); ok && isTerminal(fe) {
		t.progress = progress.New(fe, progress.TermCols(fe))
		t.progress.ANSI = consoleANSI(fe) // on Windows: virtual terminal processing, or blanks
	}
	guard, err := guardTerminal(int(os.Stdin.Fd()), t.interrupt)
	if err != nil {
		return nil, err
	}
	tab := &tabInterrupt{}
	ed, err := newReadlineEditor(completer{t: t, stop: tab}, tab)
	if err != nil {
		guard.restore()
		return nil, err
	}
	t.guard, t.ed = guard, ed
	t.sink = newTerminalSink(env.stdout, pal)
	t.src = newTerminalSource(ed, t.sink, f.prompt, env.stderr)
	if path, err := history.Path(); err != nil {
		fmt.Fprintf(env.stderr, "zftp: no history: %v\n", err) // local text: a history file error
	} else {
		t.src.hist = &history.File{Path: path, Limit: history.Limit}
		lines, err := t.src.hist.Load()
		if err != nil {
			t.src.historyFailed(err)
		}
		for _, l := range lines {
			ed.AddHistory(l)
		}
	}
	return t, nil
}

// hooks returns the interpreter hooks of the terminal: hints, and the
// progress line when there is one.
func (t *terminal) hooks() zos.Hooks {
	h := zos.Hooks{Hint: t.sink.hint, Columns: screenCols}
	if t.progress != nil {
		h.Event, h.ExpectSize, h.AfterCommand = t.progress.Observe, t.progress.Expect, t.progress.Stop
	}
	return h
}

// attach gives Tab completion and Ctrl-C the interpreter to ask.
func (t *terminal) attach(in *zos.Interpreter) { t.in.Store(in) }

// interrupt handles a Ctrl-C while a subcommand runs: true when it
// aborted the subcommand's transfer (zos.Interpreter.Interrupt).
func (t *terminal) interrupt() bool {
	t.progress.Stop() // the line goes before what Ctrl-C prints (nil: no line)
	in := t.in.Load()
	return in != nil && in.Interrupt()
}

// close writes out a prompt nobody read, stops the editor and restores the
// terminal.
func (t *terminal) close() {
	t.sink.Flush()
	t.ed.Close()
	t.guard.restore()
}

// lineEditor is the line-editing terminal behind an interactive session;
// readlineEditor implements it. The command loop never sees it.
type lineEditor interface {
	// ReadLine reads a line with editing and history. Ctrl-C returns an
	// interrupted error, Ctrl-D on an empty line io.EOF.
	ReadLine(p prompt) (string, error)
	// ReadPassword reads a line without echo, as ReadLine otherwise.
	ReadPassword(p prompt) (string, error)
	// AddHistory adds a line to the editor's history (not to the file).
	AddHistory(line string)
	// Close stops the editor and leaves raw mode.
	Close() error
}

// prompt is what the editor shows when it starts reading.
type prompt struct {
	line   string // written on its own line first, when not ""
	inline string // the prompt before the cursor
}

// interrupted is the error of a read ended by Ctrl-C.
type interrupted struct {
	typed bool // the line held text
}

func (interrupted) Error() string { return "interrupted" }

// promptStyle is the value of --prompt.
type promptStyle string

const (
	promptZOS     promptStyle = "zos"     // prompts on their own line, as z/OS
	promptCompact promptStyle = "compact" // zftp> and inline prompts
)

// compactPrompt is the subcommand prompt of --prompt=compact.
const compactPrompt = "zftp> "

// addPromptFlag registers --prompt on fs; parseFlags calls it.
func addPromptFlag(fs *pflag.FlagSet, p *promptStyle) {
	*p = promptZOS
	fs.Var(p, "prompt", "interactive prompt: zos (Command: on its own line, as z/OS) or compact (zftp> )")
}

func (p *promptStyle) String() string {
	if *p == "" {
		return string(promptZOS)
	}
	return string(*p)
}

func (p *promptStyle) Set(s string) error {
	switch v := promptStyle(strings.ToLower(s)); v {
	case promptZOS, promptCompact:
		*p = v
		return nil
	}
	return fmt.Errorf("want zos or compact")
}

func (p *promptStyle) Type() string { return "zos|compact" }

// promptKind is which prompt a transcript line is: one of the prompt
// kinds of the transcript, or promptNone.
type promptKind = transcript.Kind

// The prompts the editor shows.
const (
	promptNone     = transcript.KindMessage        // not a prompt
	promptCommand  = transcript.KindPromptCommand  // EZA1460I Command:
	promptName     = transcript.KindPromptName     // EZA1459I NAME (host:user):
	promptPassword = transcript.KindPromptPassword // EZA1789I PASSWORD:
)

// terminalSink is the transcript's sink in interactive mode. It writes
// each line to the terminal, in the colour of its severity when pal is
// set, except a prompt, which it holds for the editor to show when it
// reads (take). A held prompt that is not read is written out before
// anything else is.
type terminalSink struct {
	mu   sync.Mutex
	w    io.Writer
	pal  *palette // nil: no colour
	kind promptKind
	line string // the held prompt, as shown
}

func newTerminalSink(w io.Writer, pal *palette) *terminalSink {
	return &terminalSink{w: w, pal: pal}
}

// WriteLine writes l, or holds it when it is a prompt.
func (t *terminalSink) WriteLine(l transcript.Line) error {
	t.mu.Lock()
	defer t.mu.Unlock()
	if err := t.flushLocked(); err != nil {
		return err
	}
	if l.Kind.IsPrompt() {
		t.kind, t.line = l.Kind, l.String()
		return nil
	}
	text := l.String()
	switch l.Severity {
	case transcript.Error:
		text = t.pal.paint(errColor, text)
	case transcript.Warning:
		text = t.pal.paint(warnColor, text)
	}
	_, err := io.WriteString(t.w, text+"\n")
	return err
}

// hint writes a hint line after a failure: on the terminal only.
func (t *terminalSink) hint(text string) {
	t.mu.Lock()
	defer t.mu.Unlock()
	if t.flushLocked() == nil {
		io.WriteString(t.w, t.pal.paint(hintColor, "Hint: "+text)+"\n")
	}
}

// take returns the held prompt and forgets it; promptNone when there is
// none.
func (t *terminalSink) take() (promptKind, string) {
	t.mu.Lock()
	defer t.mu.Unlock()
	k, l := t.kind, t.line
	t.kind, t.line = promptNone, ""
	return k, l
}

// Flush writes out a held prompt.
func (t *terminalSink) Flush() error {
	t.mu.Lock()
	defer t.mu.Unlock()
	return t.flushLocked()
}

func (t *terminalSink) flushLocked() error {
	if t.kind == promptNone {
		return nil
	}
	line := t.line
	t.kind, t.line = promptNone, ""
	_, err := io.WriteString(t.w, line+"\n")
	return err
}

// terminalSource is the lineSource of interactive sessions. It reads with
// the editor, after the prompt the terminal sink holds; it is also an io.Reader of
// those lines (each with "\n"), for a reader that expects one.
//
// A line read at the Command: prompt is offered to the history, which
// keeps it when history.Keep says so; answers to NAME, PASSWORD and
// ACCOUNT never are. The PASSWORD: prompt, or ReadSecret, reads without
// echo.
type terminalSource struct {
	ed     lineEditor
	sink   *terminalSink
	style  promptStyle
	hist   *history.File // nil: no history file
	errOut io.Writer     // where a failing history file is reported

	rest []byte // the rest of the line Read is returning
}

func newTerminalSource(ed lineEditor, sink *terminalSink, style promptStyle, errOut io.Writer) *terminalSource {
	return &terminalSource{ed: ed, sink: sink, style: style, errOut: errOut}
}

// ReadLine reads the answer to the prompt just written.
func (s *terminalSource) ReadLine() (string, error) { return s.read(false) }

// ReadSecret reads without echo.
func (s *terminalSource) ReadSecret() (string, error) { return s.read(true) }

// EchoInput is false: the terminal shows what is typed.
func (s *terminalSource) EchoInput() bool { return false }

// Read returns the lines ReadLine reads, each ended by "\n".
func (s *terminalSource) Read(p []byte) (int, error) {
	if len(s.rest) == 0 {
		line, err := s.read(false)
		if err != nil {
			return 0, err
		}
		s.rest = append(append(s.rest[:0], line...), '\n')
	}
	n := copy(p, s.rest)
	s.rest = s.rest[n:]
	return n, nil
}

// read reads one line for the held prompt. At the Command: prompt Ctrl-C
// drops what is typed and prompts again, as readline shells do (Ctrl-D or
// QUIT ends the session). At another prompt (NAME, PASSWORD, an MGET
// question) Ctrl-C on text prompts again; on an empty line, or twice in a
// row, it is the end of input, which stops what asked.
func (s *terminalSource) read(secret bool) (string, error) {
	kind, shown := s.sink.take()
	secret = secret || kind == promptPassword
	p := s.promptFor(kind, shown)
	p.line = s.sink.pal.paint(promptColor, p.line)
	p.inline = s.sink.pal.paint(promptColor, p.inline)
	for again := false; ; again = true {
		var line string
		var err error
		if secret {
			line, err = s.ed.ReadPassword(p)
		} else {
			line, err = s.ed.ReadLine(p)
		}
		var intr interrupted
		if errors.As(err, &intr) {
			if kind == promptCommand && !secret {
				continue
			}
			if !intr.typed || again {
				return "", io.EOF
			}
			continue
		}
		if err != nil {
			return "", err
		}
		if kind == promptCommand && !secret {
			line = tidyTyped(line)
			s.remember(line)
		}
		return line, nil
	}
}

// tidyTyped drops what Tab completion leaves at the end of a subcommand
// line typed at the terminal: trailing blanks, and the slash after the
// directory of CD, CWD or LCD (cd pu<Tab> shows "cd pub/", and sends
// CWD pub).
func tidyTyped(line string) string {
	line = strings.TrimRight(line, " \t")
	f := strings.Fields(line)
	if len(f) == 2 && len(f[1]) > 1 && strings.HasSuffix(f[1], "/") {
		switch strings.ToUpper(f[0]) {
		case "CD", "CWD", "LCD":
			line = strings.TrimSuffix(line, "/")
		}
	}
	return line
}

// promptFor returns how the editor shows a prompt the transcript wrote as
// shown.
func (s *terminalSource) promptFor(kind promptKind, shown string) prompt {
	switch {
	case kind == promptNone:
		return prompt{}
	case s.style != promptCompact:
		return prompt{line: shown}
	case kind == promptCommand:
		return prompt{inline: compactPrompt}
	default:
		return prompt{inline: shown + " "}
	}
}

// remember adds a subcommand line to the history, when history.Keep lets
// it: in the editor, and at the end of the history file.
func (s *terminalSource) remember(line string) {
	if !history.Keep(line) {
		return
	}
	s.ed.AddHistory(line)
	if s.hist == nil {
		return
	}
	if err := s.hist.Add(line); err != nil {
		s.historyFailed(err)
	}
}

// historyFailed reports a history file that cannot be used and stops
// using it; the session goes on.
func (s *terminalSource) historyFailed(err error) {
	fmt.Fprintf(s.errOut, "zftp: history not saved: %v\n", err) // local text: a history file error
	s.hist = nil
}
