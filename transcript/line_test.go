package transcript

import (
	"testing"

	"github.com/zftp/zftp/client"
)

// lineRecorder is a Sink that keeps the lines.
type lineRecorder struct{ lines []Line }

func (r *lineRecorder) WriteLine(l Line) error {
	r.lines = append(r.lines, l)
	return nil
}

func TestLineKinds(t *testing.T) {
	for _, tt := range []struct {
		name string
		do   func(w *Writer)
		want Line
	}{
		{"command prompt", func(w *Writer) { w.Printf(MsgCommandPrompt) },
			Line{ID: MsgCommandPrompt, Severity: Info, Text: "Command:", Kind: KindPromptCommand, ShowID: true}},
		{"name prompt", func(w *Writer) { w.Printf(MsgNamePrompt, "h", "u") },
			Line{ID: MsgNamePrompt, Severity: Info, Text: "NAME (h:u):", Kind: KindPromptName, ShowID: true}},
		{"password prompt", func(w *Writer) { w.Printf(MsgPasswordPrompt) },
			Line{ID: MsgPasswordPrompt, Severity: Info, Text: "PASSWORD:", Kind: KindPromptPassword, ShowID: true}},
		{"account prompt", func(w *Writer) { w.Printf(MsgAccountPrompt) },
			Line{ID: MsgAccountPrompt, Severity: Info, Text: "ACCOUNT:", Kind: KindPromptAccount, ShowID: true}},
		{"%s error from the catalog", func(w *Writer) { w.Printf(MsgCommandFailed, "x") },
			Line{ID: MsgCommandFailed, Severity: Error, Text: "x", Kind: KindMessage, ShowID: true}},
		{"echo", func(w *Writer) { w.Printf(MsgInputEcho, "pwd") },
			Line{ID: MsgInputEcho, Severity: Info, Text: "pwd", Kind: KindEcho, ShowID: true}},
		{"error reply", func(w *Writer) {
			w.Observe(client.ReplyReceived{Reply: &client.Reply{Code: 550, Lines: []string{"550 no"}}})
		}, Line{Severity: Error, Text: "550 no", Kind: KindReply}},
		{"reply", func(w *Writer) {
			w.Observe(client.ReplyReceived{Reply: &client.Reply{Code: 250, Lines: []string{"250 ok"}}})
		}, Line{Severity: Info, Text: "250 ok", Kind: KindReply}},
		{"output", func(w *Writer) { w.Raw("text") }, Line{Severity: Info, Text: "text", Kind: KindOutput}},
	} {
		var r lineRecorder
		tt.do(NewSink(&r, Options{Verbose: true}))
		if len(r.lines) != 1 || r.lines[0] != tt.want {
			t.Errorf("%s: lines %+v, want %+v", tt.name, r.lines, tt.want)
		}
	}
}

// TestCommandLineBlank: a command sent is ">>> VERB" after its ID and
// ">>>VERB" without it, as IBM's examples print it (EZA1701I >>> USER
// user2; >>>PWD, >>>DELE etchost, >>>SITE file=jes); no other line loses a
// blank.
func TestCommandLineBlank(t *testing.T) {
	for _, tt := range []struct {
		l    Line
		want string
	}{
		{Line{ID: MsgCommandSent, Text: ">>> USER user2", Kind: KindCommand, ShowID: true}, "EZA1701I >>> USER user2"},
		{Line{ID: MsgCommandSent, Text: ">>> PWD", Kind: KindCommand}, ">>>PWD"},
		{Line{ID: MsgCommandSent, Text: ">>> DELE etchost", Kind: KindCommand}, ">>>DELE etchost"},
		{Line{ID: MsgCommandSent, Text: ">>> SITE file=jes", Kind: KindCommand}, ">>>SITE file=jes"},
		{Line{ID: MsgInputEcho, Text: ">>> typed", Kind: KindEcho}, ">>> typed"},
		{Line{Text: ">>> a reply", Kind: KindReply}, ">>> a reply"},
	} {
		if got := tt.l.String(); got != tt.want {
			t.Errorf("%+v: %q, want %q", tt.l, got, tt.want)
		}
	}
}
