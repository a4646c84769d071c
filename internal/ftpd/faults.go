package ftpd

import (
	"bufio"
	"context"
	"errors"
	"fmt"
	"io"
	"net"
	"strings"
	"time"
)

// Faults makes a Server misbehave on purpose, so that tests can exercise
// a client's error handling. The zero value injects nothing.
type Faults struct {
	// DropDataAfter, when positive, makes RETR, STOR and APPE move only
	// this many bytes of file data, close the data connection early and
	// answer "426 Connection closed; transfer aborted." (after the usual
	// 150 or 125 start reply).
	DropDataAfter int64

	// ReplyCodeFor maps a command verb to a whole reply line that is sent
	// instead of running the command, for example {"RETR": "550 forced"}.
	// Verbs are matched case-insensitively; each reply must start with a
	// three-digit code. A reply of only a code gets the text "forced".
	ReplyCodeFor map[string]string

	// Delay is slept before every reply, including the greeting.
	Delay time.Duration

	// DelayFor maps a verb (upper case) to a time slept before running
	// the command, on top of Delay: one slow command, such as a PASV
	// whose port takes time to open.
	DelayFor map[string]time.Duration

	// LoginDelay is slept before the reply to every PASS that logs in
	// (230): a server whose login is slow (an authentication back end,
	// a long round trip), so that a client that opens several sessions
	// one after the other pays it once per session.
	LoginDelay time.Duration

	// ClosingReplyAfterData makes a transfer that has moved all its data
	// (RETR, STOR, APPE, LIST, NLST) end with
	// "451 Requested action aborted: local error in processing." instead
	// of the completion reply.
	ClosingReplyAfterData bool

	// RawReplyFor maps a verb to bytes sent verbatim instead of running the
	// command; nothing is added, so the value carries its own line endings
	// (or none). It makes replies no well-behaved server sends: a line
	// over the client's cap, a code that is not three digits, a multi-line
	// reply cut short. The session then reads the next command.
	RawReplyFor map[string]string

	// EndlessReplyFor lists verbs answered with a multi-line reply that
	// never ends: "211-" and continuation lines until the client hangs up
	// (or EndlessReplyLimit lines, after which the server hangs up).
	EndlessReplyFor []string

	// SilentFor lists verbs that get no reply at all; the server goes on
	// reading commands. "GREETING" withholds the 220 greeting.
	SilentFor []string

	// HangUpFor lists verbs on which the server resets the control
	// connection (TCP RST) instead of replying.
	HangUpFor []string

	// PassivePort, when positive, is the port the 227 and 229 replies
	// name instead of the passive listener's (a privileged port such as
	// 21, or any port nothing listens on). PassivePortZero names port 0.
	PassivePort     int
	PassivePortZero bool

	// ActiveSource, when set, is the local address active-mode data
	// connections (PORT, EPRT) are dialled from instead of the control
	// connection's: in tests another loopback address such as 127.0.0.2,
	// so that the client sees a data connection from a foreign host.
	ActiveSource net.IP

	// NameList, when set, replaces the entries LIST and NLST send: each
	// string is sent as one line, as given (names with "../", absolute
	// paths, NUL or control characters).
	NameList []string

	// ListExtraLines adds this many made-up lines ("zftpd-fault-0000001")
	// after the entries of LIST and NLST: a huge listing.
	ListExtraLines int

	// ResetControlAfter, when positive, makes RETR, STOR and APPE move
	// only this many bytes and then reset the control connection and the data connection
	// (TCP RST on both), with no final reply: a server or firewall that
	// dies mid-transfer.
	ResetControlAfter int64

	// DropDataQuietly, with DropDataAfter, ends the shortened transfer
	// with the usual completion reply (226 or 250) instead of 426: a
	// server that loses data without noticing.
	DropDataQuietly bool

	// ResetDataOnDrop, with DropDataAfter, ends the shortened data
	// connection with a TCP reset (SO_LINGER 0 close) instead of a FIN,
	// then answers 426: a network that resets the data connection
	// mid-transfer.
	ResetDataOnDrop bool

	// NoCloseNotify ends protected (PROT P) data connections with a bare
	// TCP close instead of TLS close_notify, so that the client of a
	// download or listing cannot tell the end of the data from a
	// truncation.
	NoCloseNotify bool

	// HoldUploadData makes STOR and APPE answer their completion reply
	// while the data connection stays open (no close_notify, no FIN) until
	// the client closes it, as some servers (goftp.io/server) do: a client
	// that waits for the server's close before reading the reply waits in
	// vain.
	HoldUploadData bool

	// IgnoreRestart makes RETR after REST send the file from its start,
	// although REST was answered 350: a client that appends what arrives
	// to its partial file doubles the data.
	IgnoreRestart bool

	// LosePipelined makes the server forget whatever arrived after the
	// command line it read (a server that reads each command into a fresh
	// buffer): commands a client sent together with it get no reply.
	LosePipelined bool

	// AuthFirstOnly refuses AUTH (534) on every control connection after
	// the server's first: an extra parallel session of a client is then
	// offered no TLS, although the first session has it.
	AuthFirstOnly bool

	// StallOnce names a file whose first RETR (on whichever session)
	// sends its start reply and then nothing: no data and no final reply
	// until the client gives up and closes (five seconds at most), as a
	// stalled session does. Later RETRs of it are served.
	StallOnce string

	// FailAfterStart, when set, is a final reply (such as "451 disk
	// gone") that every transfer (RETR, STOR, APPE, LIST, NLST) sends
	// right after its 1xx start reply, without moving any data.
	FailAfterStart string

	// ClearDataUnderProtP makes transfers skip the data connection's TLS
	// handshake although PROT P is in force: the data moves in clear, as
	// a server that downgrades the data would send it. (PBSZ and PROT are
	// refused with ReplyCodeFor, e.g. {"PROT": "534 refused"}.)
	ClearDataUnderProtP bool

	// TLSBeforeStart makes a protected transfer run its data connection's
	// TLS handshake before its 1xx start reply, not after it: a server
	// that handshakes as it accepts. A client that waits for the 1xx
	// before its ClientHello waits until the server gives up.
	TLSBeforeStart bool

	// DataDelay, when positive, is slept before each 16 KiB block that
	// RETR sends: a slow download that a test can interrupt.
	DataDelay time.Duration

	// ListDelay, when positive, is slept before a LIST or NLST sends its
	// data: a listing that takes that long.
	ListDelay time.Duration

	// StoreDelay, when positive, is slept before each 16 KiB block that
	// STOR or APPE reads: a slow upload that a test can interrupt.
	StoreDelay time.Duration

	// PreliminaryFloodFor lists verbs answered with preliminary replies
	// only ("150 ..." lines, never a final reply) until the client hangs
	// up; "GREETING" floods instead of the 220 greeting. PreliminaryEvery
	// is the pause between two lines (0: as fast as the connection takes
	// them, a flood of megabytes per second).
	PreliminaryFloodFor []string
	PreliminaryEvery    time.Duration

	// NoDataConnection makes every transfer (RETR, STOR, APPE, LIST,
	// NLST) send its 1xx start reply and then never open the data
	// connection: in active mode (PORT, EPRT) the server never connects,
	// in passive mode it never accepts (the client's connect may still
	// complete in the listener's backlog). No final reply follows; the
	// server reads and ignores commands until the client hangs up.
	NoDataConnection bool

	// SilentData makes every RETR open the data connection and send its
	// 1xx start reply, then send no byte until the client closes the data
	// connection; the final reply is then 426. Unlike StallOnce it holds
	// for every RETR on every session.
	SilentData bool

	// MLSDLines, when not nil, makes the server offer MLST in FEAT and
	// answer MLSD (for any directory) with these fact lines, each sent as
	// given ("type=file;modify=20260101000000; f.bin"): entries without a
	// size fact, symbolic links, hostile facts. Without it MLSD is not a
	// command this server knows.
	MLSDLines []string

	// MLSDExtraEntries, with MLSDLines, adds this many made-up file
	// entries ("type=file;size=1; zftpd-fault-0000001") after the lines,
	// written as they go (never held): a directory of millions of names.
	MLSDExtraEntries int
}

// EndlessReplyLimit is the number of lines after which an endless reply
// (Faults.EndlessReplyFor) gives up and the server hangs up.
const EndlessReplyLimit = 1 << 20

// validate checks the forced replies.
func (f Faults) validate() error {
	for verb, reply := range f.ReplyCodeFor {
		if !validReply(reply) {
			return fmt.Errorf("ftpd: Faults.ReplyCodeFor[%q] = %q: want a reply starting with a code such as \"550\"", verb, reply)
		}
	}
	if f.FailAfterStart != "" && (!validReply(f.FailAfterStart) || f.FailAfterStart[0] < '4') {
		return fmt.Errorf("ftpd: Faults.FailAfterStart = %q: want a 4xx or 5xx reply such as \"451 disk gone\"", f.FailAfterStart)
	}
	if f.PassivePort < 0 || f.PassivePort > 65535 {
		return fmt.Errorf("ftpd: Faults.PassivePort = %d: want 1-65535 (PassivePortZero names 0)", f.PassivePort)
	}
	if f.ActiveSource != nil && !f.ActiveSource.IsLoopback() {
		return fmt.Errorf("ftpd: Faults.ActiveSource %v is not a loopback address", f.ActiveSource)
	}
	if f.ListExtraLines < 0 || f.ResetControlAfter < 0 || f.MLSDExtraEntries < 0 {
		return errors.New("ftpd: Faults.ListExtraLines, ResetControlAfter and MLSDExtraEntries must not be negative")
	}
	return nil
}

// validReply reports whether s starts with a reply code (100-599) that is
// followed by nothing or a space.
func validReply(s string) bool {
	if len(s) < 3 || s[0] < '1' || s[0] > '5' || !isDigit(s[1]) || !isDigit(s[2]) {
		return false
	}
	return len(s) == 3 || s[3] == ' '
}

func isDigit(b byte) bool { return '0' <= b && b <= '9' }

// normalized returns a copy of f with upper-case verbs in ReplyCodeFor and
// a text for replies that are a bare code.
func (f Faults) normalized() Faults {
	if f.FailAfterStart != "" && len(f.FailAfterStart) == 3 {
		f.FailAfterStart += " forced"
	}
	f.RawReplyFor = upperKeys(f.RawReplyFor)
	f.EndlessReplyFor = upperAll(f.EndlessReplyFor)
	f.SilentFor = upperAll(f.SilentFor)
	f.HangUpFor = upperAll(f.HangUpFor)
	f.PreliminaryFloodFor = upperAll(f.PreliminaryFloodFor)
	if f.ReplyCodeFor == nil {
		return f
	}
	m := make(map[string]string, len(f.ReplyCodeFor))
	for verb, reply := range f.ReplyCodeFor {
		if len(reply) == 3 {
			reply += " forced"
		}
		m[strings.ToUpper(verb)] = reply
	}
	f.ReplyCodeFor = m
	return f
}

// forcedReply returns the reply forced for verb, if any.
func (f *Faults) forcedReply(verb string) (string, bool) {
	r, ok := f.ReplyCodeFor[verb]
	return r, ok
}

// delay sleeps for the configured Delay or until ctx is done.
func (f *Faults) delay(ctx context.Context) { f.delayFor(ctx, f.Delay) }

// delayFor sleeps for d or until ctx is done.
func (f *Faults) delayFor(ctx context.Context, d time.Duration) {
	if d <= 0 {
		return
	}
	t := time.NewTimer(d)
	defer t.Stop()
	select {
	case <-t.C:
	case <-ctx.Done():
	}
}

// dataLimit returns how many bytes a transfer may move, or -1 for no limit.
func (f *Faults) dataLimit() int64 {
	switch {
	case f.ResetControlAfter > 0 && (f.DropDataAfter <= 0 || f.ResetControlAfter < f.DropDataAfter):
		return f.ResetControlAfter
	case f.DropDataAfter > 0:
		return f.DropDataAfter
	}
	return -1
}

func upperKeys(m map[string]string) map[string]string {
	if m == nil {
		return nil
	}
	out := make(map[string]string, len(m))
	for k, v := range m {
		out[strings.ToUpper(k)] = v
	}
	return out
}

func upperAll(verbs []string) []string {
	if verbs == nil {
		return nil
	}
	out := make([]string, len(verbs))
	for i, v := range verbs {
		out[i] = strings.ToUpper(v)
	}
	return out
}

func has(verbs []string, verb string) bool {
	for _, v := range verbs {
		if v == verb {
			return true
		}
	}
	return false
}

// injectReply runs the control-connection faults for verb (RawReplyFor,
// EndlessReplyFor, SilentFor, HangUpFor) and reports whether one took the
// command's place.
func (s *session) injectReply(verb string) bool {
	f := &s.srv.opts.Faults
	if raw, ok := f.RawReplyFor[verb]; ok {
		s.closePassive()
		f.delay(s.srv.ctx)
		s.w.WriteString(raw)
		s.log.Debug("fault: raw reply", "verb", verb, "bytes", len(raw))
		return true
	}
	switch {
	case has(f.EndlessReplyFor, verb):
		s.closePassive()
		s.endlessReply()
		return true
	case has(f.PreliminaryFloodFor, verb):
		s.closePassive()
		s.preliminaryFlood()
		return true
	case has(f.SilentFor, verb):
		s.closePassive()
		s.log.Debug("fault: no reply", "verb", verb)
		return true
	case has(f.HangUpFor, verb):
		s.log.Debug("fault: control connection reset", "verb", verb)
		s.resetControl()
		return true
	}
	return false
}

// endlessReply sends "211-" and continuation lines until the write fails
// or EndlessReplyLimit lines have gone, then hangs up.
func (s *session) endlessReply() {
	s.log.Debug("fault: endless reply")
	fmt.Fprintf(s.w, "211-Endless reply follows\r\n")
	for i := 0; i < EndlessReplyLimit; i++ {
		if s.srv.ctx.Err() != nil {
			break
		}
		if _, err := fmt.Fprintf(s.w, " line %d of a reply that never ends\r\n", i); err != nil {
			break
		}
	}
	s.w.Flush()
	s.resetControl()
}

// preliminaryFlood sends "150" lines, PreliminaryEvery apart, until a
// write fails (the client hung up) or the server closes; then it ends the
// session.
func (s *session) preliminaryFlood() {
	f := &s.srv.opts.Faults
	s.log.Debug("fault: preliminary reply flood")
	for i := 0; s.srv.ctx.Err() == nil; i++ {
		if _, err := fmt.Fprintf(s.w, "150 Still working on it, preliminary reply %d of a flood that never ends\r\n", i); err != nil {
			break
		}
		if f.PreliminaryEvery > 0 || i%64 == 0 {
			if err := s.w.Flush(); err != nil {
				break
			}
		}
		f.delayFor(s.srv.ctx, f.PreliminaryEvery)
	}
	s.resetControl()
}

// resetControl ends the session with a TCP RST on the control connection
// (SO_LINGER 0) and closes any data connection or listener.
func (s *session) resetControl() {
	if tc, ok := s.rawCtrl.(*net.TCPConn); ok {
		tc.SetLinger(0)
	}
	s.mu.Lock()
	if tc, ok := s.data.(*net.TCPConn); ok {
		tc.SetLinger(0)
	}
	s.mu.Unlock()
	s.quit = true
	s.shutdown()
}

// slowed returns r, or with DataDelay a reader that sleeps before each
// 16 KiB block (until ctx is done).
func (f *Faults) slowed(ctx context.Context, r io.Reader) io.Reader {
	if f.DataDelay <= 0 {
		return r
	}
	return &slowReader{r: r, f: f, d: f.DataDelay, ctx: ctx}
}

// slowedStore is slowed for STOR and APPE, with StoreDelay.
func (f *Faults) slowedStore(ctx context.Context, r io.Reader) io.Reader {
	if f.StoreDelay <= 0 {
		return r
	}
	return &slowReader{r: r, f: f, d: f.StoreDelay, ctx: ctx}
}

type slowReader struct {
	r   io.Reader
	f   *Faults
	d   time.Duration
	ctx context.Context
}

func (s *slowReader) Read(p []byte) (int, error) {
	s.f.delayFor(s.ctx, s.d)
	return s.r.Read(p[:min(len(p), 16<<10)])
}

// advertisedPort returns the port a 227 or 229 reply names for a
// listener on port.
func (f *Faults) advertisedPort(port int) int {
	switch {
	case f.PassivePortZero:
		return 0
	case f.PassivePort > 0:
		return f.PassivePort
	}
	return port
}

// activeSource returns the local address to dial active data connections
// from.
func (f *Faults) activeSource(local net.IP) net.IP {
	if f.ActiveSource != nil {
		return f.ActiveSource
	}
	return local
}

// listing returns the lines LIST or NLST sends, given the real ones.
func (f *Faults) listing(lines []string) []string {
	if f.NameList != nil {
		lines = append([]string(nil), f.NameList...)
	}
	for i := range f.ListExtraLines {
		lines = append(lines, fmt.Sprintf("zftpd-fault-%07d", i+1))
	}
	return lines
}

// afterMove applies the faults that act once a transfer's data has moved
// (or stopped moving): it reports whether the control connection was
// reset (the transfer then ends with no reply), and returns the error the
// final reply follows from.
func (s *session) afterMove(err error) (reset bool, _ error) {
	f := &s.srv.opts.Faults
	if errors.Is(err, errDropped) {
		if f.ResetControlAfter > 0 && (f.DropDataAfter <= 0 || f.ResetControlAfter <= f.DropDataAfter) {
			s.log.Debug("fault: control connection reset mid-transfer")
			s.resetControl()
			return true, err
		}
		if f.DropDataQuietly {
			return false, nil
		}
	}
	return false, err
}

// resetDataOnDrop makes the close of a data connection that
// Faults.DropDataAfter cut short a TCP reset, under
// Faults.ResetDataOnDrop.
func (s *session) resetDataOnDrop(dc net.Conn, err error) {
	if !s.srv.opts.Faults.ResetDataOnDrop || !errors.Is(err, errDropped) {
		return
	}
	if tc, ok := dc.(*net.TCPConn); ok {
		s.log.Debug("fault: data connection reset mid-transfer")
		tc.SetLinger(0)
	}
}

// noDataConnection plays Faults.NoDataConnection: the start reply, then
// no data connection and no final reply; the commands that follow are
// read and ignored until the client hangs up (or a minute has passed, or
// the server closes), and the session ends.
func (s *session) noDataConnection(start string) {
	s.log.Debug("fault: no data connection")
	if err := s.replyNow(s.msgs.startCode, start); err != nil {
		s.closePassive()
		return
	}
	stop := context.AfterFunc(s.srv.ctx, func() { s.rawCtrl.SetReadDeadline(time.Now()) })
	defer stop()
	s.rawCtrl.SetReadDeadline(time.Now().Add(time.Minute))
	io.Copy(io.Discard, s.r)
	s.closePassive()
	s.quit = true
	s.shutdown()
}

// mlsdFault plays Faults.MLSDLines: MLSD sends the given fact lines.
func (s *session) mlsdFault() {
	lines := s.srv.opts.Faults.MLSDLines
	s.transfer(s.msgs.listing(s.typeName()), true, func(dc net.Conn) error {
		bw := bufio.NewWriter(dc)
		for _, line := range lines {
			if _, err := bw.WriteString(line + "\r\n"); err != nil {
				return err
			}
		}
		for i := range s.srv.opts.Faults.MLSDExtraEntries {
			if _, err := fmt.Fprintf(bw, "type=file;size=1; zftpd-fault-%07d\r\n", i+1); err != nil {
				return err
			}
		}
		return bw.Flush()
	})
}
