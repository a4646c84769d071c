package main

import (
	"bytes"
	"errors"
	"fmt"
	"io"
	"os"
	"path/filepath"
	"runtime"
	"slices"
	"strings"
	"testing"

	"github.com/zftp/zftp/internal/history"
	"github.com/zftp/zftp/internal/zos"
	"github.com/zftp/zftp/transcript"
)

func TestKeepInHistory(t *testing.T) {
	tests := []struct {
		line string
		keep bool
	}{
		{"pwd", true},
		{"cd sub", true},
		{"get a.txt b.txt (replace", true},
		{"binary", true},
		{"put x", true},
		{"pu x", true},
		{"ascii", true},
		{"quote noop", true},
		{"quote site filetype=jes", true},
		{"quit", true},
		{"open host 21", true},
		{"", false},
		{"   ", false},
		{" pwd", false}, // a leading blank keeps a line out
		{"\tpwd", false},
		{"user alice", false},
		{"user alice s3cret", false},
		{"USER alice s3cret", false},
		{"u alice s3cret", false},
		{"us alice", false},
		{"pass s3cret", false},
		{"PASS s3cret", false},
		{"pa s3cret", false},
		{"p s3cret", false}, // ambiguous, but a prefix of PASS
		{"account dept42", false},
		{"acc dept42", false},
		{"acct dept42", false},
		{"a dept42", false},
		{"quote pass s3cret", false},
		{"QUOTE PASS s3cret", false},
		{"quo pass s3cret", false},
		{"quote user alice", false},
		{"quote acct dept42", false},
		{"quote\tpass\ts3cret", false},
		{"quote pa s3cret", false},
		{"quote passwd s3cret", false},
		{"literal pass s3cret", false},
		{"lit user alice", false},
		{"q pass s3cret", false},
	}
	for _, tt := range tests {
		if got := history.Keep(tt.line); got != tt.keep {
			t.Errorf("history.Keep(%q) = %v, want %v", tt.line, got, tt.keep)
		}
	}
}

func TestPromptFor(t *testing.T) {
	tests := []struct {
		style promptStyle
		kind  promptKind
		shown string
		want  prompt
	}{
		{promptZOS, promptCommand, "EZA1460I Command:", prompt{line: "EZA1460I Command:"}},
		{promptZOS, promptCommand, "Command:", prompt{line: "Command:"}},
		{promptZOS, promptPassword, "EZA1789I PASSWORD:", prompt{line: "EZA1789I PASSWORD:"}},
		{promptZOS, promptName, "NAME (h:u):", prompt{line: "NAME (h:u):"}},
		{promptCompact, promptCommand, "EZA1460I Command:", prompt{inline: "zftp> "}},
		{promptCompact, promptCommand, "Command:", prompt{inline: "zftp> "}},
		{promptCompact, promptName, "NAME (h:u):", prompt{inline: "NAME (h:u): "}},
		{promptCompact, promptPassword, "EZA1789I PASSWORD:", prompt{inline: "EZA1789I PASSWORD: "}},
		{promptZOS, promptNone, "", prompt{}},
		{promptCompact, promptNone, "", prompt{}},
	}
	for _, tt := range tests {
		s := &terminalSource{style: tt.style}
		if got := s.promptFor(tt.kind, tt.shown); got != tt.want {
			t.Errorf("%s: promptFor(%v, %q) = %+v, want %+v", tt.style, tt.kind, tt.shown, got, tt.want)
		}
	}
}

func TestPromptFlag(t *testing.T) {
	for _, tt := range []struct {
		args []string
		want promptStyle
		bad  bool
	}{
		{nil, promptZOS, false},
		{[]string{"--prompt=compact"}, promptCompact, false},
		{[]string{"--prompt", "ZOS"}, promptZOS, false},
		{[]string{"--prompt=fancy"}, "", true},
	} {
		f, _, err := parseFlags(tt.args, io.Discard)
		if tt.bad {
			if err == nil {
				t.Errorf("parseFlags(%q): no error", tt.args)
			}
			continue
		}
		if err != nil {
			t.Errorf("parseFlags(%q): %v", tt.args, err)
			continue
		}
		if f.prompt != tt.want {
			t.Errorf("parseFlags(%q): prompt %q, want %q", tt.args, f.prompt, tt.want)
		}
	}
}

func TestTerminalSinkPrompt(t *testing.T) {
	var out bytes.Buffer
	tap := newTerminalSink(&out, nil)
	w := transcript.NewSink(tap, transcript.Options{Verbose: true})
	w.Raw("230 logged on.")
	w.Printf(transcript.MsgCommandPrompt)
	if got := out.String(); got != "230 logged on.\n" {
		t.Fatalf("written %q: the prompt must be held", got)
	}
	if k, l := tap.take(); k != promptCommand || l != "EZA1460I Command:" {
		t.Fatalf("take = %v %q", k, l)
	}
	if k, _ := tap.take(); k != promptNone {
		t.Fatalf("second take = %v, want none", k)
	}
	// A prompt followed by other output is written out first.
	w.Printf(transcript.MsgPasswordPrompt)
	w.Raw("421 bye")
	w.Printf(transcript.MsgCommandPrompt)
	tap.Flush()
	want := "230 logged on.\nEZA1789I PASSWORD:\n421 bye\nEZA1460I Command:\n"
	if got := out.String(); got != want {
		t.Fatalf("written %q, want %q", got, want)
	}
}

// fakeEditor replays scripted reads and records what it was asked.
type fakeEditor struct {
	reads   []fakeRead
	calls   []fakeCall
	history []string
}

type fakeRead struct {
	line string
	err  error
}

type fakeCall struct {
	p      prompt
	secret bool
}

func (e *fakeEditor) read(p prompt, secret bool) (string, error) {
	e.calls = append(e.calls, fakeCall{p, secret})
	if len(e.reads) == 0 {
		return "", io.EOF
	}
	r := e.reads[0]
	e.reads = e.reads[1:]
	return r.line, r.err
}

func (e *fakeEditor) ReadLine(p prompt) (string, error)     { return e.read(p, false) }
func (e *fakeEditor) ReadPassword(p prompt) (string, error) { return e.read(p, true) }
func (e *fakeEditor) AddHistory(line string)                { e.history = append(e.history, line) }
func (e *fakeEditor) Close() error                          { return nil }

// TestTerminalSourceLogin runs the prompts of a login and two subcommands
// through the source, as the loop reads them through a batch reader.
func TestTerminalSourceLogin(t *testing.T) {
	ed := &fakeEditor{reads: []fakeRead{
		{line: "alice"},
		{line: "s3cret"},
		{line: "pwd"},
		{line: "user bob pw2"},
		{line: "quote pass pw3"},
	}}
	dir := t.TempDir()
	var errOut, term bytes.Buffer
	tap := newTerminalSink(&term, nil)
	src := newTerminalSource(ed, tap, promptCompact, &errOut)
	src.hist = &history.File{Path: filepath.Join(dir, "zftp", "history"), Limit: history.Limit}
	out := transcript.NewSink(tap, transcript.Options{})
	in := zos.NewBatchSource(src, false)

	ask := func(id transcript.ID, secret bool, args ...any) string {
		t.Helper()
		out.Printf(id, args...)
		read := in.ReadLine
		if secret {
			read = in.ReadSecret
		}
		line, err := read()
		if err != nil {
			t.Fatalf("read after %s: %v", id, err)
		}
		return line
	}
	ask(transcript.MsgNamePrompt, false, "host", "tester")
	ask(transcript.MsgPasswordPrompt, true) // batchSource.ReadSecret is ReadLine
	for range 3 {
		ask(transcript.MsgCommandPrompt, false)
	}
	out.Printf(transcript.MsgCommandPrompt)
	if _, err := in.ReadLine(); !errors.Is(err, io.EOF) {
		t.Fatalf("read at the end: %v, want EOF", err)
	}

	want := []fakeCall{
		{prompt{inline: "NAME (host:tester): "}, false},
		{prompt{inline: "PASSWORD: "}, true},
		{prompt{inline: "zftp> "}, false},
		{prompt{inline: "zftp> "}, false},
		{prompt{inline: "zftp> "}, false},
		{prompt{inline: "zftp> "}, false},
	}
	if !slices.Equal(ed.calls, want) {
		t.Errorf("editor calls\n got %+v\nwant %+v", ed.calls, want)
	}
	if !slices.Equal(ed.history, []string{"pwd"}) {
		t.Errorf("editor history %q, want only pwd", ed.history)
	}
	b, err := os.ReadFile(src.hist.Path)
	if err != nil {
		t.Fatal(err)
	}
	if string(b) != "pwd\n" {
		t.Errorf("history file %q, want %q", b, "pwd\n")
	}
	if term.Len() != 0 || errOut.Len() != 0 {
		t.Errorf("terminal %q, errors %q: want nothing (prompts go to the editor)", term.String(), errOut.String())
	}
}

func TestTerminalSourceInterrupt(t *testing.T) {
	tests := []struct {
		name   string
		kind   transcript.ID
		reads  []fakeRead
		want   string // line, or "EOF"
		nCalls int
	}{
		{"ctrl-c on empty line prompts again", transcript.MsgCommandPrompt, []fakeRead{{err: interrupted{}}, {line: "pwd"}}, "pwd", 2},
		{"ctrl-c on text prompts again", transcript.MsgCommandPrompt, []fakeRead{{err: interrupted{typed: true}}, {line: "pwd"}}, "pwd", 2},
		{"ctrl-c twice prompts again", transcript.MsgCommandPrompt, []fakeRead{{err: interrupted{typed: true}}, {err: interrupted{}}, {line: "pwd"}}, "pwd", 3},
		{"ctrl-d ends", transcript.MsgCommandPrompt, []fakeRead{{err: io.EOF}}, "EOF", 1},
		{"ctrl-c on empty line ends", transcript.MsgPasswordPrompt, []fakeRead{{err: interrupted{}}}, "EOF", 1},
		{"ctrl-c on text prompts again", transcript.MsgPasswordPrompt, []fakeRead{{err: interrupted{typed: true}}, {line: "pwd"}}, "pwd", 2},
		{"second ctrl-c ends", transcript.MsgPasswordPrompt, []fakeRead{{err: interrupted{typed: true}}, {err: interrupted{typed: true}}}, "EOF", 2},
		{"ctrl-d ends", transcript.MsgPasswordPrompt, []fakeRead{{err: io.EOF}}, "EOF", 1},
	}
	for _, tt := range tests {
		{
			kind := tt.kind
			t.Run(fmt.Sprintf("%s/%s", tt.name, kind), func(t *testing.T) {
				ed := &fakeEditor{reads: slices.Clone(tt.reads)}
				tap := newTerminalSink(io.Discard, nil)
				src := newTerminalSource(ed, tap, promptZOS, io.Discard)
				transcript.NewSink(tap, transcript.Options{Verbose: true}).Printf(kind)
				line, err := src.ReadLine()
				got := line
				if errors.Is(err, io.EOF) {
					got = "EOF"
				} else if err != nil {
					t.Fatal(err)
				}
				if got != tt.want || len(ed.calls) != tt.nCalls {
					t.Errorf("got %q after %d reads, want %q after %d", got, len(ed.calls), tt.want, tt.nCalls)
				}
				for _, c := range ed.calls {
					if c.p.line != string(kind)+" "+transcript.Format(kind) {
						t.Errorf("prompt %+v: want the z/OS line again", c.p)
					}
					if c.secret != (kind == transcript.MsgPasswordPrompt) {
						t.Errorf("secret read %v at %s", c.secret, kind)
					}
				}
				if len(ed.history) != 0 && kind == transcript.MsgPasswordPrompt {
					t.Errorf("history %q after a password", ed.history)
				}
			})
		}
	}
}

func TestHistoryFile(t *testing.T) {
	dir := filepath.Join(t.TempDir(), "cfg", "zftp")
	h := &history.File{Path: filepath.Join(dir, "history"), Limit: 3}
	if lines, err := h.Load(); err != nil || lines != nil {
		t.Fatalf("load of a missing file = %q, %v", lines, err)
	}
	for _, l := range []string{"pwd", "user alice pw", "cd a", "quote pass pw", "cd b", "dir"} {
		if err := h.Add(l); err != nil {
			t.Fatal(err)
		}
	}
	if runtime.GOOS != "windows" {
		for p, want := range map[string]os.FileMode{dir: 0o700, h.Path: 0o600} {
			st, err := os.Stat(p)
			if err != nil {
				t.Fatal(err)
			}
			if st.Mode().Perm() != want {
				t.Errorf("%s: mode %v, want %v", p, st.Mode().Perm(), want)
			}
		}
	}
	lines, err := h.Load()
	if err != nil {
		t.Fatal(err)
	}
	if want := []string{"cd a", "cd b", "dir"}; !slices.Equal(lines, want) {
		t.Errorf("load = %q, want %q", lines, want)
	}
	b, _ := os.ReadFile(h.Path)
	if string(b) != "cd a\ncd b\ndir\n" {
		t.Errorf("file after load %q: want it trimmed to the limit", b)
	}

	// Lines written by something else are filtered, and the file made private.
	if err := os.WriteFile(h.Path, []byte("pwd\nPASS pw\r\nls\n"), 0o644); err != nil {
		t.Fatal(err)
	}
	if runtime.GOOS != "windows" {
		os.Chmod(h.Path, 0o644)
	}
	lines, err = h.Load()
	if err != nil {
		t.Fatal(err)
	}
	if want := []string{"pwd", "ls"}; !slices.Equal(lines, want) {
		t.Errorf("load = %q, want %q", lines, want)
	}
	b, _ = os.ReadFile(h.Path)
	if strings.Contains(string(b), "pw\r") || strings.Contains(string(b), "PASS") {
		t.Errorf("file after load %q still holds the PASS line", b)
	}
	if st, _ := os.Stat(h.Path); runtime.GOOS != "windows" && st.Mode().Perm() != 0o600 {
		t.Errorf("mode %v after load, want 0600", st.Mode().Perm())
	}
}

// TestHistoryPath: the history is zftp/history in the platform's config
// directory: $XDG_CONFIG_HOME (Linux and other Unix), ~/Library/
// Application Support (macOS), %AppData% (Windows).
func TestHistoryPath(t *testing.T) {
	dir := t.TempDir()
	switch runtime.GOOS {
	case "windows":
		t.Setenv("AppData", dir)
	case "darwin", "ios":
		t.Setenv("HOME", dir)
		dir = filepath.Join(dir, "Library", "Application Support")
	default:
		t.Setenv("XDG_CONFIG_HOME", dir)
	}
	p, err := history.Path()
	if err != nil {
		t.Fatal(err)
	}
	if want := filepath.Join(dir, "zftp", "history"); p != want {
		t.Errorf("historyPath = %q, want %q", p, want)
	}
}
