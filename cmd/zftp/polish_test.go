package main

import (
	"bytes"
	"runtime"
	"testing"

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
