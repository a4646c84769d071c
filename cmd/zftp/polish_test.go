package main

import (
	"bytes"
	"errors"
	"os"
	"path/filepath"
	"runtime"
	"slices"
	"strings"
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

func TestLineSeverity(t *testing.T) {
	for _, tt := range []struct {
		line string
		want transcript.Severity
	}{
		{"ZFT0101E Unknown subcommand x. Enter HELP for the list of subcommands.", transcript.Error},
		{"Unknown subcommand x. Enter HELP for the list of subcommands.", transcript.Error},
		{"Usage: get remote_file", transcript.Error},
		{"ZFT0105W the server said so", transcript.Warning},
		{"550 No such file", transcript.Error},
		{"550-first line", transcript.Error},
		{"421 Service not available", transcript.Error},
		{"250 Transfer completed successfully.", transcript.Info},
		{"EZA1617I 6 bytes transferred in 0.001 seconds. Transfer rate 6.00 Kbytes/sec.", transcript.Info},
		{"Command:", transcript.Info},
		{"hello.txt", transcript.Info},
	} {
		if got := lineSeverity(tt.line); got != tt.want {
			t.Errorf("lineSeverity(%q) = %q, want %q", tt.line, got, tt.want)
		}
	}
}

func TestColourWriter(t *testing.T) {
	var b bytes.Buffer
	w := newColourWriter(&b, newPalette())
	w.Write([]byte("250 OK\n"))
	w.Write([]byte("550 No such file\n"))
	w.setMark(transcript.Warning)
	w.Write([]byte("anything\n"))
	w.setMark(0)
	want := "250 OK\n\x1b[31;1m550 No such file\x1b[0;22m\n\x1b[33manything\x1b[0m\n"
	if b.String() != want {
		t.Errorf("got %q, want %q", b.String(), want)
	}
}

func TestProgressMeter(t *testing.T) {
	var b bytes.Buffer
	m := newProgressMeter(&b)
	m.throttle = 0
	m.expect(1000)
	m.observe(client.TransferStarted{Command: "RETR", Name: "dir/file.bin"})
	m.observe(client.TransferProgress{Bytes: 500})
	m.observe(client.ReplyReceived{Reply: &client.Reply{Code: 226}})
	out := b.String()
	if !strings.Contains(out, "file.bin") || !strings.Contains(out, "50%") || !strings.Contains(out, "500 B/1.0 kB") {
		t.Errorf("no progress with name, percent and bytes: %q", out)
	}
	if runtime.GOOS != "windows" && !strings.HasSuffix(out, "\x1b[2K\r") {
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

func TestNilTerminalUI(t *testing.T) {
	var u *terminalUI
	u.attach(nil)
	u.mark(transcript.Error)
	u.observe(client.TransferStarted{})
	u.expect(1)
	u.afterCommand(nil)
	u.hint(nil, errors.New("x"))
	u.idle()
	u.busy()
	if u.autoCompleter() != nil {
		t.Error("nil UI has a completer")
	}
	if p := u.paintPrompt(prompt{line: "Command:"}); p.line != "Command:" {
		t.Errorf("nil UI painted the prompt: %q", p.line)
	}
	var b bytes.Buffer
	if u.terminalOut(&b) != &b {
		t.Error("nil UI wraps the terminal")
	}
}

func TestCompletionArgsInTable(t *testing.T) {
	for name := range completionArgs {
		if res := lookup(newTable(), name); res.sub == nil || res.sub.name != name {
			t.Errorf("completionArgs names %q, not in the subcommand table", name)
		}
	}
	for name := range remoteChanging {
		if res := lookup(newTable(), name); res.sub == nil || res.sub.name != name {
			t.Errorf("remoteChanging names %q, not in the subcommand table", name)
		}
	}
}

// completeLine runs the completer on line (cursor at the end) and returns
// the completed candidates.
func completeLine(c *completer, line string) []string {
	r := []rune(line)
	sufs, n := c.Do(r, len(r))
	var out []string
	for _, s := range sufs {
		out = append(out, string(r[len(r)-n:])+string(s))
	}
	return out
}

func TestCompleter(t *testing.T) {
	dir := t.TempDir()
	os.Mkdir(filepath.Join(dir, "sub"), 0o755)
	os.WriteFile(filepath.Join(dir, "sub", "inner.txt"), nil, 0o644)
	os.WriteFile(filepath.Join(dir, "data.csv"), nil, 0o644)
	os.WriteFile(filepath.Join(dir, ".hidden"), nil, 0o644)
	u := &terminalUI{}
	u.comp = &completer{ui: u}
	a := &app{table: newTable(), localDir: dir, set: &settings{}}
	u.attach(a)
	for _, tt := range []struct {
		line string
		want []string
	}{
		{"pw", []string{"pwd "}},
		{"PW", []string{"PWD "}},
		{"lm", []string{"lmkdir "}},
		{"mv", nil}, // MVSGET/MVSPUT are z/OS only
		{"put ", []string{"data.csv ", "sub/"}},
		{"put d", []string{"data.csv "}},
		{"put sub/", []string{"sub/inner.txt "}},
		{"put .h", []string{".hidden "}},
		{"lcd ", []string{"sub/"}},
		{"help ge", []string{"get "}},
		{"get ", nil},            // not connected: no remote names
		{"pwd ", nil},            // no arguments to complete
		{"put data.csv x ", nil}, // PUT has two arguments
		{"mput data.csv ", []string{"data.csv ", "sub/"}},
	} {
		got := completeLine(u.comp, tt.line)
		if !slices.Equal(got, tt.want) {
			t.Errorf("complete %q = %q, want %q", tt.line, got, tt.want)
		}
	}

	// While the command loop holds the session (not at the prompt),
	// nothing is completed.
	u.sess.Lock()
	if got := completeLine(u.comp, "pw"); got != nil {
		t.Errorf("completed %q while busy", got)
	}
	u.sess.Unlock()
}

func TestHintFor(t *testing.T) {
	tbl := newTable()
	sub := func(name string) *subcommand { return lookup(tbl, name).sub }
	for _, tt := range []struct {
		sub  *subcommand
		err  error
		want string
	}{
		{sub("GET"), shown(ecUsage, errors.New("get: wrong arguments")), "help get shows"},
		{sub("PWD"), shown(ecConnectFailed, errors.New("not connected")), "open host"},
		{sub("OPEN"), shown(ecAuthentication, errors.New("x")), "--keyring"},
		{sub("GET"), shown(ecFileAccess, errors.New("get: /tmp/x exists")), "(replace"},
		{sub("GET"), &client.ReplyError{Command: "RETR", Reply: &client.Reply{Code: 550}}, "ls lists"},
		{sub("OPEN"), shown(ecConnectFailed, errors.New("open x: refused")), "--passive"},
		{sub("NOOP"), errors.New("odd"), ""},
	} {
		if got := hintFor(tt.sub, tt.err); !strings.Contains(got, tt.want) || tt.want == "" && got != "" {
			t.Errorf("hintFor(%s, %v) = %q, want it to hold %q", tt.sub.name, tt.err, got, tt.want)
		}
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
