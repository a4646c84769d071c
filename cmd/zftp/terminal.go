package main

import (
	"errors"
	"io"
	"os"
	"os/signal"
	"sync"
	"sync/atomic"
	"syscall"

	"github.com/chzyer/readline"
	"golang.org/x/term"

	"github.com/zftp/zftp/internal/history"
	"github.com/zftp/zftp/internal/zos"
)

// readlineEditor is the lineEditor of interactive sessions, on
// github.com/chzyer/readline. It and password.go are the only code that
// knows readline.
//
// readline puts the terminal in raw mode only while it reads a line. The
// prompt line of a prompt (z/OS style) is written once the terminal is raw,
// so that what a person types after seeing a prompt is never echoed by the
// terminal itself; this matters for the PASSWORD: prompt.
type readlineEditor struct {
	rl   *readline.Instance
	out  io.Writer   // the terminal
	mute *muteWriter // readline's output; muted while a password is read
	raw  readline.RawMode

	mu    sync.Mutex
	atRaw string // prompt text to write when the terminal turns raw

	pw     *passwordReader
	secret atomic.Bool // a password is being read (passwordReader)
}

// newReadlineEditor starts readline on the process's terminal; complete,
// when not nil, completes on Tab. A Ctrl-C read from the terminal is
// passed to tab (keyWatch), to end a completion that waits.
func newReadlineEditor(complete readline.AutoCompleter, tab *tabInterrupt) (*readlineEditor, error) {
	e := &readlineEditor{out: readline.Stdout}
	e.mute = &muteWriter{w: readline.Stdout}
	rl, err := readline.NewEx(&readline.Config{
		Stdin:                  keyWatch{r: readline.NewCancelableStdin(readline.Stdin), on: tab},
		Stdout:                 e.mute,
		Stderr:                 readline.Stderr,
		HistoryLimit:           history.Limit,
		DisableAutoSaveHistory: true, // terminalSource decides what is kept
		HistorySearchFold:      true,
		InterruptPrompt:        "^C",
		EOFPrompt:              "\n", // readline's way of saying "nothing but the line end"
		FuncMakeRaw:            e.makeRaw,
		FuncExitRaw:            e.raw.Exit,
		AutoComplete:           secretGuard{secret: &e.secret, next: complete},
		FuncGetWidth:           screenCols,
	})
	if err != nil {
		return nil, err
	}
	e.rl = rl
	e.pw = newPasswordReader(rl, e.mute, &e.secret)
	return e, nil
}

// makeRaw puts the terminal in raw mode, then writes the pending prompt
// line.
func (e *readlineEditor) makeRaw() error {
	err := e.raw.Enter()
	e.mu.Lock()
	s := e.atRaw
	e.atRaw = ""
	e.mu.Unlock()
	if s != "" {
		io.WriteString(e.out, s)
	}
	return err
}

// writeAtRaw sets what makeRaw writes when the next read starts: the
// prompt line, on its own line, and for passwords the inline prompt too.
func (e *readlineEditor) writeAtRaw(p prompt, inline bool) {
	s := ""
	if p.line != "" {
		s = p.line + "\r\n"
	}
	if inline {
		s += p.inline
	}
	e.mu.Lock()
	e.atRaw = s
	e.mu.Unlock()
}

// ReadLine reads a line with editing and history.
func (e *readlineEditor) ReadLine(p prompt) (string, error) {
	e.writeAtRaw(p, false)
	e.rl.SetPrompt(p.inline)
	line, err := e.rl.Readline()
	if errors.Is(err, readline.ErrInterrupt) {
		return "", interrupted{typed: line != ""}
	}
	return line, err
}

// ReadPassword reads a line without echo; see passwordReader.
func (e *readlineEditor) ReadPassword(p prompt) (string, error) {
	e.writeAtRaw(p, true)
	return e.pw.read(p.inline != "", e.out)
}

// AddHistory adds a line to the in-memory history (up arrow, Ctrl-R).
func (e *readlineEditor) AddHistory(line string) { e.rl.SaveHistory(line) }

// Close stops readline and leaves raw mode.
func (e *readlineEditor) Close() error { return e.rl.Close() }

// terminalGuard restores the terminal as it was when zftp started: when
// the session ends (restore), and when a signal ends the process (SIGINT
// from Ctrl-C while no prompt is reading, or while something else holds
// the terminal; SIGTERM; SIGHUP; SIGQUIT, after which Go's goroutine dump
// still comes). A download's temporary file is removed first. At a prompt
// the terminal is raw and Ctrl-C is a key the line editor handles, not a
// signal.
type terminalGuard struct {
	fd        int
	interrupt func() bool // a Ctrl-C during a subcommand: true when it aborted it
	state     *term.State
	sigs      chan os.Signal
	done      chan struct{}
	once      sync.Once
}

// exitSignals end the process; the guard restores the terminal first.
var exitSignals = []os.Signal{os.Interrupt, syscall.SIGTERM, syscall.SIGHUP}

// guardTerminal saves the state of terminal fd and watches exitSignals.
// On one of them the terminal is restored and the process exits with
// 128 + the signal number, as a shell reports it. Nothing else needs
// saving then: the history file is written line by line.
// interrupt is asked first about SIGINT.
func guardTerminal(fd int, interrupt func() bool) (*terminalGuard, error) {
	st, err := term.GetState(fd)
	if err != nil {
		return nil, err
	}
	g := &terminalGuard{fd: fd, interrupt: interrupt, state: st, sigs: make(chan os.Signal, 1), done: make(chan struct{})}
	signal.Notify(g.sigs, terminalSignals...)
	go func() {
		for {
			select {
			case sig := <-g.sigs:
				if sig == os.Interrupt && g.interrupt() {
					continue // the first Ctrl-C during a subcommand aborts its transfer
				}
				zos.RemoveTempFiles()
				g.restoreState()
				if sig == syscall.SIGQUIT {
					raiseQuit() // the goroutine dump (quitsignal.go)
				}
				os.Exit(signalStatus(sig))
			case <-g.done:
				return
			}
		}
	}()
	return g, nil
}

// signalStatus is the exit status for a process ended by sig.
func signalStatus(sig os.Signal) int {
	if s, ok := sig.(syscall.Signal); ok {
		return 128 + int(s)
	}
	return 128 + 2
}

// restoreState puts the terminal back as it was.
func (g *terminalGuard) restoreState() { term.Restore(g.fd, g.state) }

// restore stops watching signals and restores the terminal.
func (g *terminalGuard) restore() {
	g.once.Do(func() {
		signal.Stop(g.sigs)
		close(g.done)
	})
	g.restoreState()
}

// stdioIsTerminal reports whether f is a terminal (x/term: a tty on Unix,
// a console on Windows; /dev/null is not one).
func stdioIsTerminal(f *os.File) bool { return term.IsTerminal(int(f.Fd())) }

// screenCols returns the terminal's width, asked each time (the window
// may be resized); a terminal that reports none (a 0x0 window: some
// ptys, serial consoles) is taken as 80 columns wide, so that Tab's list
// of candidates and HELP are laid out (readline lists nothing at width 0).
func screenCols() int {
	if w := readline.GetScreenWidth(); w > 0 {
		return w
	}
	return 80
}
