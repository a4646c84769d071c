package main

import (
	"errors"
	"io"
	"sync/atomic"

	"github.com/chzyer/readline"
)

// passwordReader reads passwords on the terminal without echo.
//
// readline owns the terminal's input while zftp runs (it may hold keys
// typed ahead), so the password is read by readline too rather than by a
// second reader such as golang.org/x/term's ReadPassword: a password typed
// ahead then still goes to the PASSWORD: prompt and never to the next
// Command: prompt. It is an ordinary read with readline's output muted,
// so nothing at all is shown, as on z/OS: not the password, not its
// length, and with Tab completion off (secret). readline's own password
// mode is not used: switching to it and back rewrites readline's
// configuration while its input goroutine reads it (a data race in
// chzyer/readline v1.5.1). Editing keys (Backspace, Ctrl-U) still work,
// invisibly; the history is never saved from here (DisableAutoSaveHistory).
// Ctrl-C and Ctrl-D are keys in raw mode, not signals; they come back as
// interrupted and io.EOF.
type passwordReader struct {
	rl     *readline.Instance
	mute   *muteWriter
	secret *atomic.Bool // set while a password is read: no completion
}

func newPasswordReader(rl *readline.Instance, mute *muteWriter, secret *atomic.Bool) *passwordReader {
	return &passwordReader{rl: rl, mute: mute, secret: secret}
}

// read reads one password. The prompt is written by the editor when the
// terminal turns raw (readline's own prompt would be muted); inline says
// whether it ends with an inline prompt, after which the cursor stands.
func (p *passwordReader) read(inline bool, out io.Writer) (string, error) {
	p.rl.SetPrompt("")
	p.secret.Store(true)
	p.mute.set(true)
	line, err := p.rl.Readline()
	p.mute.set(false)
	p.secret.Store(false)
	end := ""
	if inline {
		end = "\n" // the line end typed, not echoed
	}
	switch {
	case err == nil:
		io.WriteString(out, end)
		return line, nil
	case errors.Is(err, readline.ErrInterrupt):
		io.WriteString(out, "^C\n")
		return "", interrupted{typed: line != ""}
	default:
		io.WriteString(out, end)
		return "", err
	}
}

// secretGuard is readline's completer: none while a password is read.
type secretGuard struct {
	secret *atomic.Bool
	next   readline.AutoCompleter
}

// Do completes line unless a password is being read.
func (g secretGuard) Do(line []rune, pos int) ([][]rune, int) {
	if g.secret.Load() || g.next == nil {
		return nil, 0
	}
	return g.next.Do(line, pos)
}

// muteWriter passes writes through to w unless it is muted; muted writes
// are dropped and reported as written.
type muteWriter struct {
	w     io.Writer
	muted atomic.Bool
}

func (m *muteWriter) set(muted bool) { m.muted.Store(muted) }

func (m *muteWriter) Write(b []byte) (int, error) {
	if m.muted.Load() {
		return len(b), nil
	}
	return m.w.Write(b)
}
