package client

import (
	"bufio"
	"context"
	"errors"
	"fmt"
	"net"
	"strings"
	"sync"
	"time"
)

// control is the control connection: commands out, replies in.
type control struct {
	conn   net.Conn
	rr     *replyReader
	w      *bufio.Writer
	cfg    *Config
	wmu    sync.Mutex // one writer at a time (Abort writes from another goroutine)
	report func(Event)
	ctx    context.Context // the running call's context (see Session.begin)
}

func newControl(conn net.Conn, cfg *Config, report func(Event)) *control {
	c := &control{cfg: cfg, report: report, ctx: context.Background()}
	c.swap(conn)
	return c
}

// swap makes conn the connection commands and replies travel on (a TLS
// connection after AUTH, the TCP connection again after CCC).
func (c *control) swap(conn net.Conn) {
	c.conn = conn
	c.rr = newReplyReader(conn, c.cfg.MaxLineLength, c.cfg.MaxReplyLines)
	c.rr.keep = c.cfg.MaxReplyBytes
	c.w = bufio.NewWriter(conn)
}

// checkArg refuses characters that would end the command line early.
func checkArg(s string) error {
	if strings.ContainsAny(s, "\r\n\x00") {
		return fmt.Errorf("%q: %w", clip(s), ErrBadArgument)
	}
	return nil
}

// commandLine builds "VERB args" and checks both parts.
func commandLine(verb, args string) (string, error) {
	if err := checkArg(verb); err != nil {
		return "", err
	}
	if err := checkArg(args); err != nil {
		return "", err
	}
	if args == "" {
		return verb, nil
	}
	return verb + " " + args, nil
}

// shown returns the verb and the line of a command as events carry them:
// the verb is the line's first word, up to a blank or a tab (quote may
// send "PASS<TAB>pw" as one verb), and PASS loses its argument.
func shown(line string) (verb, show string) {
	t := strings.TrimLeft(line, " \t")
	if i := strings.IndexAny(t, " \t"); i >= 0 {
		t = t[:i]
	}
	verb = strings.ToUpper(t)
	if verb == "PASS" {
		return verb, verb
	}
	return verb, line
}

// send writes one command line terminated by CRLF.
func (c *control) send(verb, args string) error {
	line, err := commandLine(verb, args)
	if err != nil {
		return err
	}
	return c.sendLine(line)
}

// sendLine writes line (checked by commandLine) and reports it.
func (c *control) sendLine(line string) error {
	if err := c.write(line); err != nil {
		return err
	}
	c.reportSent(line)
	return nil
}

// reportSent reports line as a command sent (PASS without its argument).
func (c *control) reportSent(line string) {
	v, show := shown(line)
	c.report(CommandSent{Verb: v, Line: show})
}

// sendBatch writes lines (each checked by commandLine) in one flush, for
// a pipelined exchange; the caller reports each as it reads its reply.
func (c *control) sendBatch(lines []string) error {
	return c.write(lines...)
}

// write writes lines terminated by CRLF and flushes them, within
// ReplyTimeout and the call's context.
func (c *control) write(lines ...string) error {
	c.wmu.Lock()
	defer c.wmu.Unlock()
	verb, _ := shown(lines[0])
	deadline, byCtx := c.callDeadline(time.Now().Add(c.cfg.ReplyTimeout))
	c.conn.SetWriteDeadline(deadline)
	defer c.conn.SetWriteDeadline(time.Time{})
	if err := c.ctx.Err(); err != nil {
		return fmt.Errorf("send %s: %w", verb, err)
	}
	for _, l := range lines {
		c.w.WriteString(l)
		c.w.WriteString("\r\n")
	}
	if err := c.w.Flush(); err != nil {
		return fmt.Errorf("send %s: %w", verb, ctxTimeout(err, byCtx))
	}
	return nil
}

// sendRaw writes a command from another goroutine (ABOR while a transfer
// runs) without reporting it: events stay on the session's goroutine.
func (c *control) sendRaw(line string) error {
	c.wmu.Lock()
	defer c.wmu.Unlock()
	c.conn.SetWriteDeadline(time.Now().Add(c.cfg.ReplyTimeout))
	defer c.conn.SetWriteDeadline(time.Time{})
	c.w.WriteString(line + "\r\n")
	return c.w.Flush()
}

// read reads one reply, waiting at most ReplyTimeout.
func (c *control) read() (*Reply, error) {
	return c.readWithin(c.cfg.ReplyTimeout)
}

func (c *control) readWithin(d time.Duration) (*Reply, error) {
	return c.readBy(time.Now().Add(d))
}

// readBy reads one reply that must be complete by deadline.
// The call's context may end the wait sooner.
func (c *control) readBy(deadline time.Time) (*Reply, error) {
	deadline, byCtx := c.callDeadline(deadline)
	c.conn.SetReadDeadline(deadline)
	defer c.conn.SetReadDeadline(time.Time{})
	if err := c.ctx.Err(); err != nil {
		return nil, fmt.Errorf("read reply: %w", err)
	}
	r, err := c.rr.ReadReply()
	if err != nil {
		return nil, fmt.Errorf("read reply: %w", ctxTimeout(err, byCtx))
	}
	c.report(ReplyReceived{Reply: r})
	return r, nil
}

// TLS record content types (RFC 8446 §5.1) that a server may send first.
const (
	tlsAlertRecord     = 0x15
	tlsHandshakeRecord = 0x16
)

// peekByte returns the next byte from the server without consuming it,
// waiting until deadline.
func (c *control) peekByte(deadline time.Time) (byte, error) {
	deadline, byCtx := c.callDeadline(deadline)
	c.conn.SetReadDeadline(deadline)
	defer c.conn.SetReadDeadline(time.Time{})
	if err := c.ctx.Err(); err != nil {
		return 0, err
	}
	b, err := c.rr.r.Peek(1)
	if err != nil {
		return 0, ctxTimeout(err, byCtx)
	}
	return b[0], nil
}

// timeoutHint explains a timeout that came after preliminary replies: they
// do not extend the wait.
func timeoutHint(err error, d time.Duration, prelim int) error {
	var ne net.Error
	if prelim > 0 && errors.As(err, &ne) && ne.Timeout() {
		return fmt.Errorf("%w (no final reply within %s; %d preliminary replies do not extend the wait)", err, d, prelim)
	}
	return err
}

// readFinal reads replies until one that is not preliminary (1xx).
func (c *control) readFinal() (*Reply, error) {
	return c.readFinalWithin(c.cfg.ReplyTimeout)
}

// readFinalWithin is readFinal bounded by d in all: preliminary replies do
// not extend the wait, and more than MaxPreliminary of them is an error.
func (c *control) readFinalWithin(d time.Duration) (*Reply, error) {
	return c.readFinalBy(time.Now().Add(d), d)
}

// readFinalBy is readFinalWithin with the deadline already set: d is the
// bound that deadline came from, for the error.
func (c *control) readFinalBy(deadline time.Time, d time.Duration) (*Reply, error) {
	for n := 0; ; n++ {
		r, err := c.readBy(deadline)
		if err != nil {
			return nil, timeoutHint(err, d, n)
		}
		if !r.Preliminary() {
			return r, nil
		}
		if n >= c.cfg.MaxPreliminary {
			return nil, fmt.Errorf("read reply: %w (more than %d)", ErrTooManyPreliminary, c.cfg.MaxPreliminary)
		}
	}
}
