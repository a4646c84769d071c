package main

import (
	"io"
	"runtime"
	"strings"
	"time"

	"github.com/schollz/progressbar/v3"

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

// progressMeter draws the progress line of one transfer at a time.
type progressMeter struct {
	w        io.Writer // the terminal's stderr
	width    int       // width of the bar itself
	throttle time.Duration

	next int64 // size of the next transfer, -1 when unknown
	bar  *progressbar.ProgressBar
}

func newProgressMeter(w io.Writer) *progressMeter {
	return &progressMeter{w: w, width: 25, throttle: 100 * time.Millisecond, next: -1}
}

// expect sets the byte count of the next transfer's data connection;
// negative for unknown.
func (m *progressMeter) expect(n int64) {
	if m == nil {
		return
	}
	m.next = n
}

// progressCommands are the transfers that get a progress line; listings
// do not.
var progressCommands = map[string]bool{"RETR": true, "STOR": true, "STOU": true, "APPE": true}

// observe follows the engine's events: a transfer's start draws the line,
// progress redraws it, and any other event (the reply that ends the
// transfer, above all) clears it first.
func (m *progressMeter) observe(e client.Event) {
	if m == nil {
		return
	}
	switch e := e.(type) {
	case client.TransferStarted:
		m.stop()
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
		m.stop()
	}
}

// start draws the line for a transfer of name, at once, so that even a
// transfer too quick to be followed shows it.
func (m *progressMeter) start(name string) {
	total := m.next
	m.next = -1
	if total == 0 {
		total = -1 // nothing to show a percentage of
	}
	opts := []progressbar.Option{
		progressbar.OptionSetWriter(m.w),
		progressbar.OptionSetDescription(progressName(name)),
		progressbar.OptionSetWidth(m.width),
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
		progressbar.OptionUseANSICodes(runtime.GOOS != "windows"),
	}
	m.bar = progressbar.NewOptions64(total, opts...)
}

// stop clears the line, if one is drawn.
func (m *progressMeter) stop() {
	if m == nil || m.bar == nil {
		return
	}
	bar := m.bar
	m.bar = nil
	bar.Finish() // with ClearOnFinish: the line is cleared, not filled
	bar.Exit()
}

// progressName shortens a remote or local name for the line; a name from
// a server's listing (MGET) is escaped as all server text is.
func progressName(name string) string {
	name = transcript.Escape(name)
	const max = 30
	if i := strings.LastIndexAny(name, `/\`); i >= 0 && i < len(name)-1 {
		name = name[i+1:]
	}
	if r := []rune(name); len(r) > max {
		name = "…" + string(r[len(r)-max+1:])
	}
	return name
}
