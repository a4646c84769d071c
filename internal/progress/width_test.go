package progress

import (
	"bytes"
	"regexp"
	"strings"
	"testing"
	"time"
	"unicode/utf8"

	"github.com/zftp/zftp/client"
)

var csiSeq = regexp.MustCompile("\x1b\\[[0-9;?]*[@-~]")

// blankedLine is a line overwritten with blanks, as the meter clears it
// where the terminal does not read ANSI (a Windows console without
// virtual terminal processing: Meter.ANSI false).
var blankedLine = regexp.MustCompile(`\r +\r$`)

// cleared reports whether the meter's output ends with its line taken off
// the terminal: ANSI's erase-line, or the line blanked.
func cleared(out string) bool {
	return strings.HasSuffix(out, "\x1b[2K\r") || strings.HasSuffix(out, "\r\x1b[2K") || blankedLine.MatchString(out)
}

// drawn returns the pieces of text the meter drew, escape sequences
// removed, blank pieces left out.
func drawn(out string) []string {
	var pieces []string
	for _, p := range strings.FieldsFunc(csiSeq.ReplaceAllString(out, ""), func(r rune) bool { return r == '\r' || r == '\n' }) {
		if strings.TrimSpace(p) != "" {
			pieces = append(pieces, p)
		}
	}
	return pieces
}

// TestProgressWidth: at 80 columns the line holds the name, the bar, the
// counts, the rate and the time left, whole (the bar is sized to fit, so
// nothing is cut at the edge); at 40 columns the compact line holds the
// name, percent, rate and time left, shorter than the terminal; at 24 a
// field that does not fit is left out whole. Every line is cleared at the
// end.
func TestProgressWidth(t *testing.T) {
	for _, tt := range []struct {
		cols int
		want *regexp.Regexp
	}{
		{80, regexp.MustCompile(`name\.iso +\d+% \|[^|]+\| \(([0-9.]+ ?[kMG]?B?/)?[0-9.]+ ?[kMG]?B, [0-9.]+ [kMG]?B/s\) \[[0-9hms]+:[0-9hms]+\]$`)},
		{40, regexp.MustCompile(`^…?[a-z-]*name\.iso \d+% [0-9.]+[kMG]B/s \d+:\d\d$`)},
		{24, regexp.MustCompile(`^(…?[a-z.-]+ )?\d+% [0-9.]+[kMG]B/s( \d+:\d\d)?$`)},
	} {
		var b bytes.Buffer
		m := New(&b, func() int { return tt.cols })
		m.throttle = 0
		m.Expect(8_400_000_000)
		m.Observe(client.TransferStarted{Command: "RETR", Name: "dir/a-rather-long-file-name.iso"})
		time.Sleep(20 * time.Millisecond) // a rate to show
		m.Observe(client.TransferProgress{Bytes: 3_800_000_000})
		m.Observe(client.ReplyReceived{Reply: &client.Reply{Code: 226}})
		pieces := drawn(b.String())
		last := ""
		for _, p := range pieces {
			if n := utf8.RuneCountInString(p); n >= tt.cols {
				t.Errorf("%d columns: a line of %d columns: %q", tt.cols, n, p)
			}
			if strings.Contains(p, "%") {
				last = p
			}
		}
		if !tt.want.MatchString(last) {
			t.Errorf("%d columns: last line %q does not match %s", tt.cols, last, tt.want)
		}
		if !cleared(b.String()) {
			t.Errorf("%d columns: not cleared at the end: %q", tt.cols, b.String())
		}
	}
}

// TestProgressStopFromAnotherGoroutine: Stop (Ctrl-C's handler) and
// Observe (the transfer) may run at once; the line is cleared.
func TestProgressStopFromAnotherGoroutine(t *testing.T) {
	var b bytes.Buffer
	m := New(&b, func() int { return 40 })
	m.throttle = 0
	m.Expect(1000)
	m.Observe(client.TransferStarted{Command: "RETR", Name: "f"})
	done := make(chan struct{})
	go func() {
		for i := int64(0); i < 100; i++ {
			m.Observe(client.TransferProgress{Bytes: i})
		}
		close(done)
	}()
	m.Stop()
	<-done
	m.Stop()
	if !cleared(b.String()) {
		t.Errorf("not cleared: %q", b.String())
	}
}
