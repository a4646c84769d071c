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
// typed ahead), so the password is read by readline too, in its password
// mode, rather than by a second reader such as golang.org/x/term's
// ReadPassword: a password typed ahead then still goes to the PASSWORD:
// prompt and never to the next Command: prompt. readline's password mode
// would echo a mask character per key; its output is muted instead, so
// nothing at all is shown, as on z/OS: not the password, not its length.
// Editing keys (Backspace, Ctrl-U) still work, invisibly. Ctrl-C and
// Ctrl-D are keys in raw mode, not signals; they come back as interrupted
// and io.EOF. The terminal leaves raw mode before read returns, whatever
// happens (readline restores it in a deferred call).
type passwordReader struct {
	rl    *readline.Instance
	mute  *muteWriter
	cfg   *readline.Config // reused: readline sets up each new Config once
	typed atomic.Int64     // length of the password so far, for Ctrl-C
}

func newPasswordReader(rl *readline.Instance, mute *muteWriter) *passwordReader {
	p := &passwordReader{rl: rl, mute: mute}
	p.cfg = rl.GenPasswordConfig() // no history, no completion
	p.cfg.Stdout = mute
	p.cfg.Listener = p
	return p
}

// OnChange records how much has been typed (readline.Listener); a Ctrl-C
// clears the line before the listener sees it, so that key is skipped.
func (p *passwordReader) OnChange(line []rune, _ int, key rune) ([]rune, int, bool) {
	if key != readline.CharInterrupt {
		p.typed.Store(int64(len(line)))
	}
	return nil, 0, false
}

// read reads one password. The prompt is written by the editor when the
// terminal turns raw (readline's own prompt would be muted); inline says
// whether it ends with an inline prompt, after which the cursor stands.
func (p *passwordReader) read(inline bool, out io.Writer) (string, error) {
	p.typed.Store(0)
	p.cfg.Prompt = ""
	p.mute.set(true)
	b, err := p.rl.ReadPasswordWithConfig(p.cfg)
	p.mute.set(false)
	end := ""
	if inline {
		end = "\n" // the line end typed, not echoed
	}
	switch {
	case err == nil:
		io.WriteString(out, end)
		return string(b), nil
	case errors.Is(err, readline.ErrInterrupt):
		io.WriteString(out, "^C\n")
		return "", interrupted{typed: p.typed.Load() > 0}
	default:
		io.WriteString(out, end)
		return "", err
	}
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
