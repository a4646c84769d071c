package progress

import (
	"bytes"
	"regexp"
	"runtime"
	"strings"
	"testing"
	"unicode/utf8"

	"github.com/zftp/zftp/client"
)

func TestProgressMeter(t *testing.T) {
	var b bytes.Buffer
	m := New(&b, func() int { return 0 })
	m.throttle = 0
	m.Expect(1000)
	m.Observe(client.TransferStarted{Command: "RETR", Name: "dir/file.bin"})
	m.Observe(client.TransferProgress{Bytes: 500})
	m.Observe(client.ReplyReceived{Reply: &client.Reply{Code: 226}})
	out := b.String()
	if !strings.Contains(out, "file.bin") || !strings.Contains(out, "50%") || !strings.Contains(out, "500 B/1.0 kB") {
		t.Errorf("no progress with name, percent and bytes: %q", out)
	}
	if want := runtime.GOOS != "windows"; m.ANSI != want {
		t.Errorf("ansi = %v by default on %s", m.ANSI, runtime.GOOS)
	}
	if m.ANSI && !strings.HasSuffix(out, "\x1b[2K\r") || !m.ANSI && !regexp.MustCompile(`\r {20,}\r$`).MatchString(out) {
		t.Errorf("line not cleared at the end: %q", out)
	}
	if m.bar != nil {
		t.Error("bar still active after the reply")
	}

	// listings get no line; unknown size gets a spinner with bytes
	b.Reset()
	m.Observe(client.TransferStarted{Command: "NLST"})
	if b.Len() != 0 || m.bar != nil {
		t.Errorf("progress for a listing: %q", b.String())
	}
	m.Observe(client.TransferStarted{Command: "STOR", Name: "x"})
	m.Observe(client.TransferProgress{Bytes: 2048})
	m.Stop()
	if !strings.Contains(b.String(), "2.0 kB") || strings.Contains(b.String(), "%") {
		t.Errorf("unknown size: %q", b.String())
	}

	var nilMeter *Meter
	nilMeter.Expect(1)
	nilMeter.Observe(client.TransferStarted{Command: "RETR"})
	nilMeter.Stop()
}

// TestProgressMeterWithoutANSI: on a console that reads no escape
// sequences (Windows without virtual terminal processing) the line is
// drawn and cleared without any: the end of a transfer writes blanks over
// the widest line drawn, so that no bar is left before the next line.
func TestProgressMeterWithoutANSI(t *testing.T) {
	var b bytes.Buffer
	m := New(&b, func() int { return 60 })
	m.ANSI, m.throttle = false, 0
	m.Expect(1000)
	m.Observe(client.TransferStarted{Command: "RETR", Name: "file.bin"})
	m.Observe(client.TransferProgress{Bytes: 500})
	m.Observe(client.ReplyReceived{Reply: &client.Reply{Code: 226}})
	out := b.String()
	if strings.Contains(out, "\x1b") {
		t.Errorf("escape sequence without ANSI: %q", out)
	}
	last := strings.LastIndex(strings.TrimSuffix(out, "\r"), "\r")
	drawn := 0
	for _, line := range strings.Split(out[:last], "\r") {
		drawn = max(drawn, utf8.RuneCountInString(line))
	}
	if blank := out[last:]; blank != "\r"+strings.Repeat(" ", drawn)+"\r" || drawn == 0 || drawn > 59 {
		t.Errorf("line not blanked (widest %d of 60 columns): %q", drawn, out)
	}
}

func TestFitWriter(t *testing.T) {
	for _, tt := range []struct {
		cols     int
		in, want string
	}{
		{10, "0123456789abc", "012345678"},
		{10, "\x1b[2K\r012345678901\r\nab", "\x1b[2K\r012345678\r\nab"},
		{10, "\x1b[31mééééééééééé\x1b[0m", "\x1b[31mééééééééé\x1b[0m"},
		{0, "0123456789abc", "0123456789abc"},
	} {
		var b bytes.Buffer
		f := &fitWriter{w: &b, cols: func() int { return tt.cols }}
		if n, err := f.Write([]byte(tt.in)); err != nil || n != len(tt.in) {
			t.Errorf("Write(%q) = %d, %v", tt.in, n, err)
		}
		if b.String() != tt.want {
			t.Errorf("cols %d: %q -> %q, want %q", tt.cols, tt.in, b.String(), tt.want)
		}
	}
}
