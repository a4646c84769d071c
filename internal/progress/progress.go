// Package progress draws the progress line of an interactive zftp
// session.
package progress

import (
	"fmt"
	"io"
	"os"
	"runtime"
	"strings"
	"sync"
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
	mu       sync.Mutex // Observe and Stop may come from different goroutines (Ctrl-C)
	w        *fitWriter // the terminal's stderr
	width    int        // width of the bar itself
	cols     func() int
	throttle time.Duration
	ANSI     bool // the terminal reads ANSI escape sequences

	next    int64 // size of the next transfer, -1 when unknown
	bar     *progressbar.ProgressBar
	compact *compactLine // the line of a narrow terminal, instead of bar
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
	m.mu.Lock()
	defer m.mu.Unlock()
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
	m.mu.Lock()
	defer m.mu.Unlock()
	switch e := e.(type) {
	case client.TransferStarted:
		m.stop()
		if progressCommands[e.Command] {
			m.start(e.Name)
		}
	case client.TransferProgress:
		if m.compact != nil {
			m.compact.set(e.Bytes, time.Now())
		}
		if m.bar != nil {
			if max := m.bar.GetMax64(); m.next >= 0 && e.Bytes > max {
				m.bar.ChangeMax64(e.Bytes) // ASCII conversion, a file that grew
			}
			m.bar.Set64(e.Bytes)
		}
	default:
		m.stop()
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
	switch c := m.cols(); {
	case c > 0 && c < wideCols:
		// a narrow terminal: the compact line, whose fields are dropped
		// whole, never cut
		m.compact = &compactLine{w: m.w, cols: c, name: transcript.Escape(name), total: total, throttle: m.throttle, ansi: m.ANSI}
		m.compact.set(0, time.Now())
		return
	case c > 0:
		// the bar takes what the name, counts, rate and times leave
		desc = progressName(name, min(30, c/5))
		width = max(10, min(40, c-1-utf8.RuneCountInString(desc)-barFixed))
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

// Stop clears the line, if one is drawn. It may be called from another
// goroutine than Observe (the Ctrl-C handler).
func (m *Meter) Stop() {
	if m == nil {
		return
	}
	m.mu.Lock()
	defer m.mu.Unlock()
	m.stop()
}

// stop is Stop with m.mu held.
func (m *Meter) stop() {
	if m.compact != nil {
		m.compact.clear()
		m.compact = nil
	}
	if m.bar == nil {
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

// wideCols is the narrowest terminal that gets the bar; a narrower one
// gets the compact line.
const wideCols = 60

// barFixed is what the bar's line holds besides the name and the bar
// itself, at most: "  45% |" "| (999 MB/999 MB, 999 MB/s) [59m59s:59m59s]".
const barFixed = 52

// compactLine is the progress line of a narrow terminal: the name, then
// percent (or bytes when the size is unknown), rate and time left. A
// field that does not fit is left out whole, from the right; the name
// takes what is left, shortened from its start.
type compactLine struct {
	w        io.Writer
	cols     int
	name     string
	total    int64 // -1: unknown
	throttle time.Duration
	ansi     bool

	start, drawn time.Time
	widest       int
}

// set draws the line for n bytes done at now, at most once a throttle.
func (c *compactLine) set(n int64, now time.Time) {
	if c.start.IsZero() {
		c.start = now
	} else if now.Sub(c.drawn) < c.throttle {
		return
	}
	c.drawn = now
	line := c.line(n, now.Sub(c.start))
	pad := ""
	if w := utf8.RuneCountInString(line); w < c.widest && !c.ansi {
		pad = strings.Repeat(" ", c.widest-w)
	} else {
		c.widest = max(c.widest, w)
	}
	if c.ansi {
		io.WriteString(c.w, "\r"+line+"\x1b[K")
		return
	}
	io.WriteString(c.w, "\r"+line+pad)
}

// line returns the text of the line: it fits in cols-1 columns.
func (c *compactLine) line(n int64, elapsed time.Duration) string {
	var fields []string
	rate := 0.0
	if elapsed > 0 {
		rate = float64(n) / elapsed.Seconds()
	}
	if c.total > 0 {
		fields = append(fields, fmt.Sprintf("%d%%", min(100, n*100/c.total)))
	} else {
		fields = append(fields, humanBytes(float64(n)))
	}
	if rate > 0 {
		fields = append(fields, humanBytes(rate)+"/s")
		if c.total > 0 && n < c.total {
			fields = append(fields, clock(time.Duration(float64(c.total-n)/rate*float64(time.Second))))
		}
	}
	room := c.cols - 1
	var keep []string
	used := 0
	for _, f := range fields {
		w := utf8.RuneCountInString(f) + 1
		if used+w > room {
			break
		}
		keep, used = append(keep, f), used+w
	}
	text := strings.Join(keep, " ")
	if left := room - used; left >= 6 {
		return progressName(c.name, left) + " " + text
	}
	return text
}

// clear takes the line off the terminal.
func (c *compactLine) clear() {
	if c.ansi {
		io.WriteString(c.w, "\r\x1b[2K")
		return
	}
	if c.widest > 0 {
		io.WriteString(c.w, "\r"+strings.Repeat(" ", c.widest)+"\r")
	}
}

// humanBytes says a byte count (or rate) in B, kB, MB, GB (powers of
// 1000, as the bar does), in at most 5 columns and its unit.
func humanBytes(v float64) string {
	units := []string{"B", "kB", "MB", "GB", "TB"}
	i := 0
	for v >= 1000 && i < len(units)-1 {
		v /= 1000
		i++
	}
	if i == 0 || v >= 10 {
		return fmt.Sprintf("%.0f%s", v, units[i])
	}
	return fmt.Sprintf("%.1f%s", v, units[i])
}

// clock says a duration as m:ss (or h:mm:ss).
func clock(d time.Duration) string {
	s := int64(d.Round(time.Second).Seconds())
	if s >= 3600 {
		return fmt.Sprintf("%d:%02d:%02d", s/3600, s/60%60, s%60)
	}
	return fmt.Sprintf("%d:%02d", s/60, s%60)
}
