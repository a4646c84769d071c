package transcript

import (
	"bytes"
	"fmt"
	"io"
	"strconv"
	"strings"
	"sync"
	"time"

	"github.com/zftp/zftp/client"
)

// Options configure a Writer.
type Options struct {
	// Verbose shows message IDs, as the z/OS UNIX client does with -v or
	// after the VERBOSE subcommand. SetVerbose changes it later.
	Verbose bool
	// AlwaysShowIDs shows message IDs whatever Verbose says, as z/OS TSO
	// and batch jobs do (the --msgids flag).
	AlwaysShowIDs bool
}

// Writer renders engine events and front-end messages as z/OS client lines
// and hands them to a Sink. It is safe for use by several goroutines. The
// first sink error is kept (Err) and later lines are dropped.
type Writer struct {
	mu      sync.Mutex
	sink    Sink
	verbose bool
	always  bool
	err     error
}

// New returns a Writer that writes z/OS text to out (a TextSink): each
// line with one Write call.
func New(out io.Writer, opts Options) *Writer {
	return NewSink(TextSink{W: out}, opts)
}

// NewSink returns a Writer that hands its lines to sink.
func NewSink(sink Sink, opts Options) *Writer {
	return &Writer{sink: sink, verbose: opts.Verbose, always: opts.AlwaysShowIDs}
}

// SetVerbose turns verbose mode (message IDs) on or off.
func (w *Writer) SetVerbose(on bool) {
	w.mu.Lock()
	w.verbose = on
	w.mu.Unlock()
}

// SetAlwaysShowIDs turns on or off showing message IDs whatever verbose
// mode says (LOCSITE MSGIDS, NOMSGIDS).
func (w *Writer) SetAlwaysShowIDs(on bool) {
	w.mu.Lock()
	w.always = on
	w.mu.Unlock()
}

// Verbose reports whether verbose mode is on.
func (w *Writer) Verbose() bool {
	w.mu.Lock()
	defer w.mu.Unlock()
	return w.verbose
}

// ShowsIDs reports whether message IDs are printed now.
func (w *Writer) ShowsIDs() bool {
	w.mu.Lock()
	defer w.mu.Unlock()
	return w.verbose || w.always
}

// Err returns the first error met writing the transcript.
func (w *Writer) Err() error {
	w.mu.Lock()
	defer w.mu.Unlock()
	return w.err
}

// Printf writes message id from the catalog with args substituted, prefixed
// by the ID when IDs are shown; its severity is the catalog's. Every
// string, error and fmt.Stringer argument goes through Escape first: any
// of them may hold server text (a reply in an error, a name from a
// listing, an AUTH refusal), and none may drive the terminal. The one
// exception is EZA1736I, the echo of a batch input line: the job's own
// text, shown verbatim as z/OS shows it.
func (w *Writer) Printf(id ID, args ...any) {
	sev := Info
	if m, ok := Lookup(id); ok {
		sev = m.Severity
	}
	if id != MsgInputEcho { // the job's own input line, echoed verbatim as z/OS does
		args = escapeArgs(args)
	}
	text := Format(id, args...)
	w.mu.Lock()
	defer w.mu.Unlock()
	w.write(Line{ID: id, Severity: sev, Text: text, Kind: kindOf(id), ShowID: w.verbose || w.always})
}

// escapeArgs returns args with each string, error and fmt.Stringer
// replaced by its text through Escape; numbers are kept. args itself is
// returned when nothing changes (numbers and clean strings only), a copy
// otherwise.
func escapeArgs(args []any) []any {
	var out []any
	for i, a := range args {
		e, changed := a, true
		switch v := a.(type) {
		case string:
			changed = !isClean(v)
			if changed {
				e = Escape(v)
			}
		case error:
			e = Escape(v.Error())
		case fmt.Stringer:
			e = Escape(v.String())
		default:
			changed = false
		}
		if changed && out == nil {
			out = make([]any, len(args))
			copy(out, args)
		}
		if out != nil {
			out[i] = e
		}
	}
	if out == nil {
		return args
	}
	return out
}

// Raw writes line as it is, with no ID: HELP text and the output of !
// (local text only: server text goes through Printf or Observe, which
// escape it).
func (w *Writer) Raw(line string) {
	w.mu.Lock()
	defer w.mu.Unlock()
	w.write(Line{Severity: Info, Text: line, Kind: KindOutput})
}

// WriteLine writes a line rendered by another Writer as it is: MGET and
// MPUT over parallel sessions collect each file's lines apart and write
// them here in list order.
func (w *Writer) WriteLine(l Line) error {
	w.mu.Lock()
	defer w.mu.Unlock()
	w.write(l)
	return w.err
}

// write hands one line to the sink; w.mu is held.
func (w *Writer) write(l Line) {
	if w.err != nil {
		return
	}
	if err := w.sink.WriteLine(l); err != nil {
		w.err = fmt.Errorf("transcript: %w", err)
	}
}

// printCommand is Printf(MsgCommandSent, line) with line escaped and then
// masked as Format masks it (no PASS argument), built without boxing: two
// lines of every file of an MGET or MPUT.
func (w *Writer) printCommand(line string) {
	m, _ := Lookup(MsgCommandSent)
	var parts [2]string
	if !verbParts(m.Text, parts[:]) {
		w.Printf(MsgCommandSent, line)
		return
	}
	var buf [128]byte
	b := append(buf[:0], parts[0]...)
	b = append(b, MaskCommand(Escape(line))...)
	b = append(b, parts[1]...)
	w.mu.Lock()
	defer w.mu.Unlock()
	w.write(Line{ID: MsgCommandSent, Severity: m.Severity, Text: string(b), Kind: kindOf(MsgCommandSent), ShowID: w.verbose || w.always})
}

// printTransferred is Printf(MsgTransferred, n, Seconds(d), Rate(n, d)),
// the EZA1617I line of every file, built without boxing or the
// intermediate strings.
func (w *Writer) printTransferred(n int64, d time.Duration) {
	m, _ := Lookup(MsgTransferred)
	var parts [4]string
	if !verbParts(m.Text, parts[:]) {
		w.Printf(MsgTransferred, n, Seconds(d), Rate(n, d))
		return
	}
	var buf [128]byte
	b := append(buf[:0], parts[0]...)
	b = strconv.AppendInt(b, n, 10)
	b = append(b, parts[1]...)
	b = appendSeconds(b, d)
	b = append(b, parts[2]...)
	b = appendRate(b, n, d)
	b = append(b, parts[3]...)
	w.mu.Lock()
	defer w.mu.Unlock()
	w.write(Line{ID: MsgTransferred, Severity: m.Severity, Text: string(b), Kind: kindOf(MsgTransferred), ShowID: w.verbose || w.always})
}

// Observe renders one engine event; it makes Writer a client.Observer.
//
//   - Connecting: EZA1554I Connecting to: host addr port: n.
//   - CommandSent: EZA1701I >>> line (PASS never with its argument)
//   - ReplyReceived: every line of the reply kept, escaped, without ID;
//     then ZFT0129I when lines of a long reply were not kept (Omitted)
//   - TransferFinished of RETR, STOR, STOU or APPE: EZA1617I
//   - Warning, ForeignPassiveAddress, CCCRecordDiscarded: ZFT0105W with
//     the text of WarningText
//   - TLSHandshake of the control connection: ZFT0114I Using TLSv1.3 with
//     TLS_AES_128_GCM_SHA256 on the control connection. (data connections
//     print nothing, as z/OS prints nothing for them; a debug trace shows
//     them)
//
// Connected, TransferStarted, TransferProgress and listing completions
// print nothing, as on z/OS; nor does ControlCleared, whose ZFT0115I names
// the TLSRFCLEVEL in force, which the interpreter prints after CCC (the
// TLSRFCLEVEL words are internal/config's). No event carries key material, and none is
// printed.
func (w *Writer) Observe(e client.Event) {
	switch e := e.(type) {
	case client.Connecting:
		w.Printf(MsgConnecting, e.Host, e.Addr, e.Port)
	case client.CommandSent:
		w.printCommand(e.Line)
	case client.ReplyReceived:
		if e.Reply == nil {
			return
		}
		sev := replySeverity(e.Reply.Code)
		w.mu.Lock()
		for _, l := range e.Reply.Lines {
			w.write(Line{Severity: sev, Text: Escape(l), Kind: KindReply})
		}
		if n := e.Reply.Omitted; n > 0 {
			w.write(Line{ID: MsgReplyOmitted, Severity: Info, Text: Format(MsgReplyOmitted, n), Kind: kindOf(MsgReplyOmitted), ShowID: w.verbose || w.always})
		}
		w.mu.Unlock()
	case client.TransferFinished:
		if ratedCommands[e.Command] {
			w.printTransferred(e.Bytes, e.Duration)
		}
	case client.TLSHandshake:
		if e.Conn == "control" {
			w.Printf(MsgTLSInUse, e.Protocol, e.Cipher)
		}
	default:
		if text, ok := WarningText(e); ok {
			w.Printf(MsgEngineWarning, text)
		}
	}
}

// WarningText returns the text of an event that warns, in the z/OS
// client's words, and whether e is one: a Warning's message; a 227 reply
// naming a foreign address (ForeignPassiveAddress), with the
// PASSIVEIGNOREADDR setting that would do otherwise; a TLS record the
// server sent after CCC without close_notify (CCCRecordDiscarded). The
// transcript prints it as ZFT0105W, the DEBUG trace as a warning. The
// texts are zftp's (no z/OS message was found for either case).
func WarningText(e client.Event) (string, bool) {
	switch e := e.(type) {
	case client.Warning:
		return e.Message, true
	case client.ForeignPassiveAddress:
		if e.Followed {
			return fmt.Sprintf("227 reply names %s, not the server's address %s", e.Named, e.Server), true
		}
		return fmt.Sprintf("227 reply names %s, not the server's address %s; connecting to %s (PASSIVEIGNOREADDR FALSE would follow the reply)",
			e.Named, e.Server, e.Server), true
	case client.CCCRecordDiscarded:
		return "the server sent a TLS record (its close_notify) after CCC although TLSRFCLEVEL is CCCNONOTIFY; it was discarded", true
	}
	return "", false
}

// ratedCommands are the transfer commands followed by an EZA1617I line.
// Listings (LIST, NLST) are not: IBM's LS sample ends at the 250 reply.
var ratedCommands = map[string]bool{"RETR": true, "STOR": true, "STOU": true, "APPE": true}

// MaskCommand returns a command line as it may be shown: the argument of
// PASS (a password) is removed, whatever the case of the verb and the
// blanks or tabs around it ("quote pass<TAB>pw" shows as "PASS"), so that
// no path prints a password. Other lines, ACCT's included, are returned as
// they are: IBM's client hides only the password (IP User's Guide and
// Commands, "ACCt subcommand"; the PASS echo "EZA1701I >>> PASS").
func MaskCommand(line string) string {
	t := strings.TrimLeft(line, " \t")
	if len(t) < 4 || (len(t) > 4 && t[4] != ' ' && t[4] != '\t') {
		return line
	}
	if v := strings.ToUpper(t[:4]); v == "PASS" {
		return v
	}
	return line
}

// Listing returns an io.Writer for the data of an LS or DIR: each complete
// line written to it is printed as an EZA2284I message. Call Flush at the
// end to print a last line that had no line end.
func (w *Writer) Listing() *ListingWriter {
	return &ListingWriter{w: w}
}

// maxListingLine bounds the partial line a ListingWriter keeps: a longer
// line is printed in pieces of this size.
const maxListingLine = 64 << 10

// ListingWriter prints listing data line by line; see Writer.Listing. It
// buffers at most one partial line, of at most maxListingLine bytes.
type ListingWriter struct {
	w       *Writer
	partial []byte
}

// Write prints each complete line in p and keeps the rest for later.
func (l *ListingWriter) Write(p []byte) (int, error) {
	n := len(p)
	for {
		i := bytes.IndexByte(p, '\n')
		if i < 0 {
			l.partial = append(l.partial, p...)
			if len(l.partial) >= maxListingLine {
				l.Flush()
			}
			break
		}
		line := append(l.partial, p[:i]...)
		l.partial = l.partial[:0]
		l.w.Printf(MsgListLine, strings.TrimSuffix(string(line), "\r")) // Printf escapes it
		p = p[i+1:]
	}
	if err := l.w.Err(); err != nil {
		return n, err
	}
	return n, nil
}

// Flush prints a final line that had no line end.
func (l *ListingWriter) Flush() error {
	if len(l.partial) > 0 {
		l.w.Printf(MsgListLine, strings.TrimSuffix(string(l.partial), "\r")) // Printf escapes it
		l.partial = l.partial[:0]
	}
	return l.w.Err()
}
