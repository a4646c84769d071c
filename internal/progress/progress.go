// Package progress draws the progress line of an interactive zftp
// session.
package progress

import (
	"io"
	"os"
	"runtime"
	"strings"
	"time"
	"unicode/utf8"

	"github.com/schollz/progressbar/v3"
	"golang.org/x/term"

	"github.com/zftp/zftp/client"
	"github.com/zftp/zftp/transcript"
)

// The progress line of an interactive session: GET, PUT, APPEND, MGET and
// MPUT draw one line on stderr while the data moves (name, percent and a
// bar when the size is known, bytes, rate, time left), and clear it before
// the server's reply and the EZA1617I line are printed, so the transcript
// on the terminal is the same as without it. It is drawn only when stdin,
// stdout and stderr are terminals; batch mode, a redirected stream or a
// DEBUG trace (which shares stderr) get none. The engine's
// TransferStarted/TransferProgress events drive it; the transcript package
// knows nothing of it.
//
// The library is github.com/schollz/progressbar/v3 rather than
// github.com/vbauerster/mpb/v8: zftp moves one file at a time, so one
// line that is redrawn in place is all it needs, and progressbar draws
// exactly that synchronously from the caller's goroutine (Set64 from the
// event), with byte units, rate, ETA, a spinner when the size is unknown,
// and clear-on-finish. mpb is built for many concurrent bars, owns a
// rendering goroutine and wants to own the terminal's output while it
// runs, which fits badly with a REPL that writes the transcript between
// transfers.

// Meter draws the progress line of one transfer at a time.
//
// The line is cleared with the ANSI "erase line" sequence where the
// terminal reads it (ANSI): every Unix terminal, and a Windows console
// once virtual terminal processing is on (consoleANSI turns it on,
// Windows 10 and later). A console without it would print the sequence
// as text, and progressbar's own fallback on Windows only returns the
// cursor, leaving the bar behind the next line ("226 Transfer
// complete.█████"): there the meter writes blanks over what it drew.
type Meter struct {
	w        *fitWriter // the terminal's stderr
	width    int        // width of the bar itself
	cols     func() int
	throttle time.Duration
	ANSI     bool // the terminal reads ANSI escape sequences

	next int64 // size of the next transfer, -1 when unknown
	bar  *progressbar.ProgressBar
}

// New returns the meter drawing on w, a terminal cols
// columns wide (0: unknown).
func New(w io.Writer, cols func() int) *Meter {
	return &Meter{w: &fitWriter{w: w, cols: cols}, width: 25, cols: cols, throttle: 100 * time.Millisecond, next: -1,
		ANSI: runtime.GOOS != "windows"}
}

// TermCols returns the width of the terminal f, asked each time (the
// window may be resized); 0 when it cannot be read.
func TermCols(f *os.File) func() int {
	return func() int {
		w, _, err := term.GetSize(int(f.Fd()))
		if err != nil {
			return 0
		}
		return w
	}
}

// Expect sets the byte count of the next transfer's data connection;
// negative for unknown.
func (m *Meter) Expect(n int64) {
	if m == nil {
		return
	}
	m.next = n
}

// progressCommands are the transfers that get a progress line; listings
// do not.
var progressCommands = map[string]bool{"RETR": true, "STOR": true, "STOU": true, "APPE": true}

// Observe follows the engine's events: a transfer's start draws the line,
// progress redraws it, and any other event (the reply that ends the
// transfer, above all) clears it first.
func (m *Meter) Observe(e client.Event) {
	if m == nil {
		return
	}
	switch e := e.(type) {
	case client.TransferStarted:
		m.Stop()
		if progressCommands[e.Command] {
			m.start(e.Name)
		}
	case client.TransferProgress:
		if m.bar != nil {
			if max := m.bar.GetMax64(); m.next >= 0 && e.Bytes > max {
				m.bar.ChangeMax64(e.Bytes) // ASCII conversion, a file that grew
			}
			m.bar.Set64(e.Bytes)
		}
	default:
		m.Stop()
	}
}

// start draws the line for a transfer of name, at once, so that even a
// transfer too quick to be followed shows it.
func (m *Meter) start(name string) {
	total := m.next
	m.next = -1
	if total == 0 {
		total = -1 // nothing to show a percentage of
	}
	width, desc := m.width, progressName(name, 30)
	if c := m.cols(); c > 0 && c < 100 {
		width, desc = 10, progressName(name, max(8, c/4)) // a narrow terminal: fitWriter cuts the rest
	}
	opts := []progressbar.Option{
		progressbar.OptionSetWriter(m.w),
		progressbar.OptionSetDescription(desc),
		progressbar.OptionSetWidth(width),
		progressbar.OptionShowBytes(true),
		progressbar.OptionShowCount(),
		progressbar.OptionShowTotalBytes(true),
		progressbar.OptionSetPredictTime(true),
		progressbar.OptionSetElapsedTime(true),
		progressbar.OptionThrottle(m.throttle),
		progressbar.OptionClearOnFinish(),
		progressbar.OptionSetRenderBlankState(true),
		progressbar.OptionSetSpinnerChangeInterval(0), // no drawing goroutine
		progressbar.OptionSpinnerType(14),
		progressbar.OptionUseANSICodes(m.ANSI),
	}
	m.w.widest = 0
	m.bar = progressbar.NewOptions64(total, opts...)
}

// Stop clears the line, if one is drawn.
func (m *Meter) Stop() {
	if m == nil || m.bar == nil {
		return
	}
	bar := m.bar
	m.bar = nil
	bar.Finish() // with ClearOnFinish: the line is cleared, not filled
	bar.Exit()
	if !m.ANSI && m.w.widest > 0 {
		// blanks over the widest line drawn, then back to its start
		io.WriteString(m.w, "\r"+strings.Repeat(" ", m.w.widest)+"\r")
		m.w.widest = 0
	}
}

// progressName shortens a remote or local name for the line to at most
// max runes; a name from a server's listing (MGET) is escaped as all
// server text is.
func progressName(name string, max int) string {
	name = transcript.Escape(name)
	if i := strings.LastIndexAny(name, `/\`); i >= 0 && i < len(name)-1 {
		name = name[i+1:]
	}
	if r := []rune(name); len(r) > max {
		name = "…" + string(r[len(r)-max+1:])
	}
	return name
}

// fitWriter keeps each line it passes shorter than the terminal is wide,
// so that the progress line never wraps: a wrapped line is not redrawn in
// place by "\r" and piles up. Escape sequences pass and take no column;
// "\r" and "\n" start a new line; runes past the last column but one are
// dropped.
type fitWriter struct {
	w    io.Writer
	cols func() int // the terminal's width; 0 when unknown (no limit)
	col  int        // columns used on the current line
	esc  int        // 0: text; 1: after ESC; 2: in a CSI sequence
	// widest is the most columns a line has used since it was set to 0
	// (the progress meter's own blanking).
	widest int
}

func (f *fitWriter) Write(p []byte) (int, error) {
	limit := f.cols() - 1
	out := make([]byte, 0, len(p))
	for i := 0; i < len(p); {
		r, n := utf8.DecodeRune(p[i:])
		keep := true
		switch {
		case f.esc == 1:
			f.esc = 0
			if r == '[' {
				f.esc = 2
			}
		case f.esc == 2:
			if r >= 0x40 && r <= 0x7e {
				f.esc = 0
			}
		case r == 0x1b:
			f.esc = 1
		case r == '\r' || r == '\n':
			f.col = 0
		case limit > 0 && f.col >= limit:
			keep = false
		default:
			f.col++
			f.widest = max(f.widest, f.col)
		}
		if keep {
			out = append(out, p[i:i+n]...)
		}
		i += n
	}
	if _, err := f.w.Write(out); err != nil {
		return 0, err
	}
	return len(p), nil
}
