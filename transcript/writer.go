package transcript

import (
	"bytes"
	"fmt"
	"io"
	"strings"
	"sync"

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
// by the ID when IDs are shown; its severity is the catalog's.
func (w *Writer) Printf(id ID, args ...any) {
	sev := Info
	if m, ok := Lookup(id); ok {
		sev = m.Severity
	}
	w.mu.Lock()
	defer w.mu.Unlock()
	w.write(Line{ID: id, Severity: sev, Text: Format(id, args...), Kind: kindOf(id), ShowID: w.verbose || w.always})
}

// Raw writes line as it is, with no ID: HELP text and the output of !.
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

// Observe renders one engine event; it makes Writer a client.Observer.
//
//   - Connecting: EZA1554I Connecting to: host addr port: n.
//   - CommandSent: EZA1701I >>> line (PASS never with its argument)
//   - ReplyReceived: every line of the reply, as received, without ID
//   - TransferFinished of RETR, STOR, STOU or APPE: EZA1617I
//   - Warning: ZFT0105W text
//   - TLSHandshake of the control connection: ZFT0114I Using TLSv1.3 with
//     TLS_AES_128_GCM_SHA256 on the control connection. (data connections
//     print nothing, as z/OS prints nothing for them; a debug trace shows
//     them)
//   - ControlCleared: ZFT0115I, naming the TLSRFCLEVEL that was used
//
// Connected, TransferStarted, TransferProgress and listing completions
// print nothing, as on z/OS. No event carries key material, and none is
// printed.
func (w *Writer) Observe(e client.Event) {
	switch e := e.(type) {
	case client.Connecting:
		w.Printf(MsgConnecting, e.Host, e.Addr, e.Port)
	case client.CommandSent:
		w.Printf(MsgCommandSent, maskVerb(e.Verb, e.Line))
	case client.ReplyReceived:
		if e.Reply == nil {
			return
		}
		sev := replySeverity(e.Reply.Code)
		w.mu.Lock()
		for _, l := range e.Reply.Lines {
			w.write(Line{Severity: sev, Text: Printable(l), Kind: KindReply})
		}
		w.mu.Unlock()
	case client.TransferFinished:
		if ratedCommands[e.Command] {
			w.Printf(MsgTransferred, e.Bytes, Seconds(e.Duration), Rate(e.Bytes, e.Duration))
		}
	case client.Warning:
		w.Printf(MsgEngineWarning, e.Message)
	case client.TLSHandshake:
		if e.Conn == "control" {
			w.Printf(MsgTLSInUse, e.Protocol, e.Cipher)
		}
	case client.ControlCleared:
		w.Printf(MsgControlCleared, rfcLevel(e.Mode))
	}
}

// rfcLevel names the TLSRFCLEVEL value of a CCC mode.
func rfcLevel(m client.CCCMode) string {
	if m == client.CCCNoNotify {
		return "CCCNONOTIFY"
	}
	return "RFC4217"
}

// ratedCommands are the transfer commands followed by an EZA1617I line.
// Listings (LIST, NLST) are not: IBM's LS sample ends at the 250 reply.
var ratedCommands = map[string]bool{"RETR": true, "STOR": true, "STOU": true, "APPE": true}

// maskVerb returns line, or just "PASS" when verb is PASS.
func maskVerb(verb, line string) string {
	if strings.EqualFold(verb, "PASS") {
		return "PASS"
	}
	return maskCommand(line)
}

// maskCommand removes the argument of a PASS command line, whatever its
// case and spacing, so that no path can print a password.
func maskCommand(line string) string {
	t := strings.TrimLeft(line, " \t")
	if len(t) >= 4 && strings.EqualFold(t[:4], "PASS") && (len(t) == 4 || t[4] == ' ' || t[4] == '\t') {
		return "PASS"
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
		l.w.Printf(MsgListLine, Printable(strings.TrimSuffix(string(line), "\r")))
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
		l.w.Printf(MsgListLine, Printable(strings.TrimSuffix(string(l.partial), "\r")))
		l.partial = l.partial[:0]
	}
	return l.w.Err()
}

// Printable shows control characters in text from the server (replies,
// listing lines) in caret notation (ESC as ^[, DEL as ^?), so that a
// hostile server cannot drive the user's terminal with escape sequences.
// Tabs and printable text, UTF-8 included, are kept as they are.
func Printable(s string) string {
	clean := true
	for i := 0; i < len(s); i++ {
		if c := s[i]; (c < 0x20 && c != '\t') || c == 0x7f {
			clean = false
			break
		}
	}
	if clean {
		return s
	}
	var b strings.Builder
	for i := 0; i < len(s); i++ {
		switch c := s[i]; {
		case c == 0x7f:
			b.WriteString("^?")
		case c < 0x20 && c != '\t':
			b.WriteByte('^')
			b.WriteByte(c + 0x40)
		default:
			b.WriteByte(c)
		}
	}
	return b.String()
}
