package transcript

import (
	"io"
	"strings"
)

// Kind tells what a transcript line is, so that a sink can treat prompts,
// replies and messages differently without reading their text.
type Kind int

// The kinds of line a Writer produces.
const (
	KindMessage        Kind = iota // a catalog message (Printf)
	KindReply                      // a line of a server reply, as received
	KindCommand                    // EZA1701I >>> a command sent to the server
	KindEcho                       // EZA1736I a batch input line echoed
	KindListing                    // EZA2284I a line of LS or DIR data
	KindOutput                     // a line with no ID: HELP text, output of !
	KindPromptCommand              // EZA1460I Command:
	KindPromptName                 // EZA1459I NAME (host:user):
	KindPromptPassword             // EZA1789I PASSWORD:
	KindPromptAccount              // ZFT0111I ACCOUNT:
)

// IsPrompt reports whether k is a prompt for input.
func (k Kind) IsPrompt() bool { return k >= KindPromptCommand }

// kindOf returns the kind of catalog message id.
func kindOf(id ID) Kind {
	switch id {
	case MsgCommandSent:
		return KindCommand
	case MsgInputEcho:
		return KindEcho
	case MsgListLine:
		return KindListing
	case MsgCommandPrompt:
		return KindPromptCommand
	case MsgNamePrompt:
		return KindPromptName
	case MsgPasswordPrompt:
		return KindPromptPassword
	case MsgAccountPrompt:
		return KindPromptAccount
	}
	return KindMessage
}

// Line is one line of the transcript as a value: its message ID ("" for
// reply lines and output), severity, text without the ID, and kind.
// ShowID says whether the ID is printed (the verbose rule, decided by the
// Writer).
type Line struct {
	ID       ID
	Severity Severity
	Text     string
	Kind     Kind
	ShowID   bool
}

// String returns the line as z/OS prints it, without a line end: the text,
// after "ID " when the ID is shown. A command sent (EZA1701I) without its
// ID has no blank after ">>>": IBM's examples show "EZA1701I >>> USER
// user2" with IDs and ">>>PWD", ">>>DELE etchost", ">>>SITE file=jes"
// without them (IP User's Guide and Commands: "Interpreting FTP client
// output" and the DELEte, SIte and CD examples).
func (l Line) String() string {
	if l.ShowID && l.ID != "" {
		return string(l.ID) + " " + l.Text
	}
	if l.Kind == KindCommand {
		if rest, ok := strings.CutPrefix(l.Text, ">>> "); ok {
			return ">>>" + rest
		}
	}
	return l.Text
}

// appendText appends what String returns to b, without making the string.
func (l Line) appendText(b []byte) []byte {
	if l.ShowID && l.ID != "" {
		b = append(b, l.ID...)
		b = append(b, ' ')
		return append(b, l.Text...)
	}
	if l.Kind == KindCommand {
		if rest, ok := strings.CutPrefix(l.Text, ">>> "); ok {
			b = append(b, ">>>"...)
			return append(b, rest...)
		}
	}
	return append(b, l.Text...)
}

// Sink receives the lines of a transcript, in order, one call per line.
// A Writer calls it with its lock held: a sink needs no locking of its own
// against the Writer.
type Sink interface {
	WriteLine(Line) error
}

// TextSink is the batch sink: it writes each line as z/OS prints it,
// followed by "\n", with one Write call per line.
type TextSink struct {
	W io.Writer
}

// WriteLine writes l's text and a line end.
func (s TextSink) WriteLine(l Line) error {
	b := l.appendText(make([]byte, 0, len(l.ID)+len(l.Text)+2))
	b = append(b, '\n')
	_, err := s.W.Write(b)
	return err
}

// replySeverity is the severity of the lines of a reply with code: Error
// for 4xx and 5xx replies, Info otherwise.
func replySeverity(code int) Severity {
	if code >= 400 {
		return Error
	}
	return Info
}
