package main

import (
	"errors"
	"fmt"
	"io"
	"os"
	"strings"
	"sync"

	"github.com/spf13/pflag"

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
//   - Ctrl-C on a line with text drops the text and prompts again; Ctrl-C
//     on an empty line, or a second Ctrl-C in a row, ends zftp as the end
//     of input does (QUIT when connected).
//   - Ctrl-D on an empty line is the end of input: QUIT.
//
// The transcript itself writes the prompts (EZA1460I Command:, EZA1459I
// NAME (host:user):, EZA1789I PASSWORD:, ZFT0111I ACCOUNT:), with or
// without IDs by the verbose rule. promptTap recognises them on their way
// to the terminal and hands them to the editor, which shows them when it
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
	ui := newTerminalUI(f, env)
	t, err := openTerminal(env.stdout, env.stderr, f.prompt, ui)
	if err != nil {
		fmt.Fprintf(env.stderr, "zftp: no line editing: %v\n", err)
		return run(args, env)
	}
	defer t.close()
	env.stdin = t.src
	env.stdout = t.tap
	env.ui = ui
	ui.out = t.tap
	return run(args, env)
}

// terminal is the interactive set-up of one run.
type terminal struct {
	guard *terminalGuard
	ed    lineEditor
	tap   *promptTap
	src   *terminalSource
}

// openTerminal starts the line editor on the process's terminal, loads the
// history, and routes out (the transcript's writer) through a promptTap
// (and colour, when ui says so). History problems are reported on errOut
// and end only the history.
func openTerminal(out, errOut io.Writer, style promptStyle, ui *terminalUI) (*terminal, error) {
	guard, err := guardTerminal(int(os.Stdin.Fd()))
	if err != nil {
		return nil, err
	}
	ed, err := newReadlineEditor(ui.autoCompleter())
	if err != nil {
		guard.restore()
		return nil, err
	}
	tap := newPromptTap(ui.terminalOut(out))
	src := newTerminalSource(ed, tap, style, errOut)
	src.ui = ui
	if path, err := historyPath(); err != nil {
		fmt.Fprintf(errOut, "zftp: no history: %v\n", err)
	} else {
		src.hist = &historyFile{path: path, limit: historyLimit}
		lines, err := src.hist.load()
		if err != nil {
			src.historyFailed(err)
		}
		for _, l := range lines {
			ed.AddHistory(l)
		}
	}
	return &terminal{guard: guard, ed: ed, tap: tap, src: src}, nil
}

// close writes out a prompt nobody read, stops the editor and restores the
// terminal.
func (t *terminal) close() {
	t.tap.Flush()
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

// promptKind is which prompt a transcript line is.
type promptKind int

const (
	promptNone     promptKind = iota // not a prompt
	promptCommand                    // EZA1460I Command:
	promptName                       // EZA1459I NAME (host:user):
	promptPassword                   // EZA1789I PASSWORD:
	promptAccount                    // ZFT0111I ACCOUNT:
)

// promptMessages are the transcript messages that prompt for input.
var promptMessages = []struct {
	id   transcript.ID
	kind promptKind
}{
	{transcript.MsgCommandPrompt, promptCommand},
	{transcript.MsgNamePrompt, promptName},
	{transcript.MsgPasswordPrompt, promptPassword},
	{transcript.MsgAccountPrompt, promptAccount},
}

// classifyPrompt tells which prompt line is (as the transcript writes it,
// without its line end), from the catalog's texts: the ID is optional (the
// verbose rule), arguments (NAME's host and user) match anything.
func classifyPrompt(line string) promptKind {
	for _, m := range promptMessages {
		msg, ok := transcript.Lookup(m.id)
		if !ok {
			continue
		}
		if matchTemplate(strings.TrimPrefix(line, string(m.id)+" "), msg.Text) {
			return m.kind
		}
	}
	return promptNone
}

// matchTemplate reports whether text is what the fmt template tmpl gives
// for some arguments: the same text before the first verb and after the
// last one (verbs are one letter, as %s and %d).
func matchTemplate(text, tmpl string) bool {
	i := strings.IndexByte(tmpl, '%')
	if i < 0 {
		return text == tmpl
	}
	j := strings.LastIndexByte(tmpl, '%')
	if j+2 > len(tmpl) {
		return false
	}
	prefix, suffix := tmpl[:i], tmpl[j+2:]
	return len(text) >= len(prefix)+len(suffix) &&
		strings.HasPrefix(text, prefix) && strings.HasSuffix(text, suffix)
}

// promptTap is the transcript's writer in interactive mode. It passes
// lines through to the terminal, except a prompt line, which it holds for
// the editor to show when it reads (take). A held prompt that is not read
// is written out before anything else is.
//
// The transcript writes each line with one Write call; a write that is
// not exactly one line is passed through.
type promptTap struct {
	mu   sync.Mutex
	w    io.Writer
	kind promptKind
	line string // the held prompt, without its line end
}

func newPromptTap(w io.Writer) *promptTap { return &promptTap{w: w} }

func (t *promptTap) Write(p []byte) (int, error) {
	t.mu.Lock()
	defer t.mu.Unlock()
	if err := t.flushLocked(); err != nil {
		return 0, err
	}
	if line, ok := strings.CutSuffix(string(p), "\n"); ok && !strings.Contains(line, "\n") {
		if k := classifyPrompt(line); k != promptNone {
			t.kind, t.line = k, line
			return len(p), nil
		}
	}
	return t.w.Write(p)
}

// take returns the held prompt and forgets it; promptNone when there is
// none.
func (t *promptTap) take() (promptKind, string) {
	t.mu.Lock()
	defer t.mu.Unlock()
	k, l := t.kind, t.line
	t.kind, t.line = promptNone, ""
	return k, l
}

// Flush writes out a held prompt.
func (t *promptTap) Flush() error {
	t.mu.Lock()
	defer t.mu.Unlock()
	return t.flushLocked()
}

func (t *promptTap) flushLocked() error {
	if t.kind == promptNone {
		return nil
	}
	line := t.line
	t.kind, t.line = promptNone, ""
	_, err := io.WriteString(t.w, line+"\n")
	return err
}

// terminalSource is the lineSource of interactive sessions. It reads with
// the editor, after the prompt promptTap holds; it is also an io.Reader of
// those lines (each with "\n"), for a reader that expects one.
//
// A line read at the Command: prompt is offered to the history, which
// keeps it when keepInHistory says so; answers to NAME, PASSWORD and
// ACCOUNT never are. The PASSWORD: prompt, or ReadSecret, reads without
// echo.
type terminalSource struct {
	ed     lineEditor
	tap    *promptTap
	style  promptStyle
	hist   *historyFile // nil: no history file
	errOut io.Writer    // where a failing history file is reported
	ui     *terminalUI  // colour and completion; nil: none

	rest []byte // the rest of the line Read is returning
}

func newTerminalSource(ed lineEditor, tap *promptTap, style promptStyle, errOut io.Writer) *terminalSource {
	return &terminalSource{ed: ed, tap: tap, style: style, errOut: errOut}
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

// read reads one line for the held prompt. Ctrl-C on text prompts again;
// on an empty line, or twice in a row, it is the end of input.
func (s *terminalSource) read(secret bool) (string, error) {
	kind, shown := s.tap.take()
	secret = secret || kind == promptPassword
	p := s.ui.paintPrompt(s.promptFor(kind, shown))
	if kind == promptCommand && !secret {
		s.ui.idle() // Tab completion may use the session while the loop waits here
		defer s.ui.busy()
	}
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
			if !intr.typed || again {
				return "", io.EOF
			}
			continue
		}
		if err != nil {
			return "", err
		}
		if kind == promptCommand && !secret {
			s.remember(line)
		}
		return line, nil
	}
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

// remember adds a subcommand line to the history, when keepInHistory lets
// it: in the editor, and at the end of the history file.
func (s *terminalSource) remember(line string) {
	if !keepInHistory(line) {
		return
	}
	s.ed.AddHistory(line)
	if s.hist == nil {
		return
	}
	if err := s.hist.add(line); err != nil {
		s.historyFailed(err)
	}
}

// historyFailed reports a history file that cannot be used and stops
// using it; the session goes on.
func (s *terminalSource) historyFailed(err error) {
	fmt.Fprintf(s.errOut, "zftp: history not saved: %v\n", err)
	s.hist = nil
}
