package main

import (
	"bytes"
	"regexp"
	"runtime"
	"strings"
	"testing"
	"unicode/utf8"

	"github.com/zftp/zftp/client"
	"github.com/zftp/zftp/transcript"
)

func TestUseColor(t *testing.T) {
	env := func(kv ...string) func(string) string {
		return func(k string) string {
			for i := 0; i+1 < len(kv); i += 2 {
				if kv[i] == k {
					return kv[i+1]
				}
			}
			return ""
		}
	}
	for _, tt := range []struct {
		mode        colorMode
		interactive bool
		env         func(string) string
		goos        string
		want        bool
	}{
		{colorAuto, true, env(), "linux", true},
		{colorAuto, false, env(), "linux", false},
		{colorAlways, false, env(), "linux", false}, // batch: never
		{colorAuto, true, env("NO_COLOR", "1"), "linux", false},
		{colorAuto, true, env("NO_COLOR", ""), "linux", true},
		{colorAuto, true, env("TERM", "dumb"), "linux", false},
		{colorAlways, true, env("NO_COLOR", "1"), "linux", true},
		{colorNever, true, env(), "linux", false},
		{colorAuto, true, env(), "windows", false},
		{colorAlways, true, env(), "windows", true},
	} {
		if got := useColor(tt.mode, tt.interactive, tt.env, tt.goos); got != tt.want {
			t.Errorf("useColor(%s, %t, %s) = %t, want %t", tt.mode, tt.interactive, tt.goos, got, tt.want)
		}
	}
}

func TestColorFlag(t *testing.T) {
	f, _, err := parseFlags([]string{"--color=NEVER"}, &bytes.Buffer{})
	if err != nil || f.color != colorNever {
		t.Fatalf("--color=NEVER: %v, %q", err, f.color)
	}
	if _, _, err := parseFlags([]string{"--color=sometimes"}, &bytes.Buffer{}); err == nil {
		t.Error("--color=sometimes accepted")
	}
	f, _, _ = parseFlags(nil, &bytes.Buffer{})
	if f.color != colorAuto {
		t.Errorf("default --color %q, want auto", f.color)
	}
}

func TestTerminalSinkColour(t *testing.T) {
	var b bytes.Buffer
	w := transcript.NewSink(newTerminalSink(&b, newPalette()), transcript.Options{})
	w.Observe(client.ReplyReceived{Reply: &client.Reply{Code: 250, Lines: []string{"250 OK"}}})
	w.Observe(client.ReplyReceived{Reply: &client.Reply{Code: 550, Lines: []string{"550 No such file"}}})
	w.Printf(transcript.MsgEngineWarning, "anything")
	w.Printf(transcript.MsgCommandFailed, "broken")
	want := "250 OK\n\x1b[31;1m550 No such file\x1b[0;22m\n\x1b[33manything\x1b[0m\n\x1b[31;1mbroken\x1b[0;22m\n"
	if b.String() != want {
		t.Errorf("got %q, want %q", b.String(), want)
	}
}

func TestProgressMeter(t *testing.T) {
	var b bytes.Buffer
	m := newProgressMeter(&b, func() int { return 0 })
	m.throttle = 0
	m.expect(1000)
	m.observe(client.TransferStarted{Command: "RETR", Name: "dir/file.bin"})
	m.observe(client.TransferProgress{Bytes: 500})
	m.observe(client.ReplyReceived{Reply: &client.Reply{Code: 226}})
	out := b.String()
	if !strings.Contains(out, "file.bin") || !strings.Contains(out, "50%") || !strings.Contains(out, "500 B/1.0 kB") {
		t.Errorf("no progress with name, percent and bytes: %q", out)
	}
	if want := runtime.GOOS != "windows"; m.ansi != want {
		t.Errorf("ansi = %v by default on %s", m.ansi, runtime.GOOS)
	}
	if m.ansi && !strings.HasSuffix(out, "\x1b[2K\r") || !m.ansi && !regexp.MustCompile(`\r {20,}\r$`).MatchString(out) {
		t.Errorf("line not cleared at the end: %q", out)
	}
	if m.bar != nil {
		t.Error("bar still active after the reply")
	}

	// listings get no line; unknown size gets a spinner with bytes
	b.Reset()
	m.observe(client.TransferStarted{Command: "NLST"})
	if b.Len() != 0 || m.bar != nil {
		t.Errorf("progress for a listing: %q", b.String())
	}
	m.observe(client.TransferStarted{Command: "STOR", Name: "x"})
	m.observe(client.TransferProgress{Bytes: 2048})
	m.stop()
	if !strings.Contains(b.String(), "2.0 kB") || strings.Contains(b.String(), "%") {
		t.Errorf("unknown size: %q", b.String())
	}

	var nilMeter *progressMeter
	nilMeter.expect(1)
	nilMeter.observe(client.TransferStarted{Command: "RETR"})
	nilMeter.stop()
}

func TestVersionLine(t *testing.T) {
	old := version
	oldC := commit
	defer func() { version, commit = old, oldC }()
	version, commit = "v1.2.3", "abc1234"
	want := "zftp v1.2.3 (commit abc1234, " + runtime.Version() + ", " + runtime.GOOS + "/" + runtime.GOARCH + ")"
	if got := versionLine(); got != want {
		t.Errorf("versionLine() = %q, want %q", got, want)
	}
}

// TestProgressMeterWithoutANSI: on a console that reads no escape
// sequences (Windows without virtual terminal processing) the line is
// drawn and cleared without any: the end of a transfer writes blanks over
// the widest line drawn, so that no bar is left before the next line.
func TestProgressMeterWithoutANSI(t *testing.T) {
	var b bytes.Buffer
	m := newProgressMeter(&b, func() int { return 60 })
	m.ansi, m.throttle = false, 0
	m.expect(1000)
	m.observe(client.TransferStarted{Command: "RETR", Name: "file.bin"})
	m.observe(client.TransferProgress{Bytes: 500})
	m.observe(client.ReplyReceived{Reply: &client.Reply{Code: 226}})
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
