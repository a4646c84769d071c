//go:build linux

package main

import (
	"bufio"
	"bytes"
	"errors"
	"fmt"
	"io"
	"net"
	"strconv"
	"sync"
	"sync/atomic"
	"time"

	"github.com/zftp/zftp/client"
)

// The latency relay: a TCP proxy on 127.0.0.1 between a client and an FTP server that delivers
// every byte one-way-delay (RTT/2) after it arrived, in each direction. Each direction of a
// connection is a timed queue: a reader goroutine stamps each chunk it reads with the time it
// is due and queues it; a writer goroutine waits until the head of the queue is due and writes
// it. Bytes stay in order and a chunk is never delivered before its time, but reading goes on
// while earlier chunks wait, so the delay does not cap the bandwidth (a sleep per read would
// allow one read's bytes per delay).
//
// What it models: the propagation delay of a WAN link on the control connection — every
// command/reply round trip costs RTT more — and, with data delay on, the first byte and the
// end of file of each passive-mode data connection arrive RTT/2 later too. What it does not:
//   - the TCP handshake: the client's connect(2) to the relay completes on loopback at once
//     (a real connect costs one RTT: per session for the control connection, per file for
//     data connections — the relay undercounts a data connection by that RTT);
//   - a bandwidth-delay window: TCP's congestion and receive windows never see the delay (the
//     relay reads from loopback at full speed and queues up to relayQueue chunks), so bulk
//     transfers run at loopback speed, not at window/RTT;
//   - loss, reordering, jitter, or a bandwidth limit.
//
// Data connections: with data delay on, the relay rewrites the server's 227 (PASV) and 229
// (EPSV) replies on the control connection so that the client connects to a one-shot relay
// listener that forwards (delayed) to the server's data port. It can do so only while the
// control connection is plain: after a 234 reply (AUTH TLS) it stops looking, and a TLS
// session's data connections go directly to the server, undelayed. PORT and EPRT (active
// mode) pass through unchanged: the server connects straight to the client.

// relayQueue bounds the chunks one direction may hold in flight (each at most relayChunk
// bytes): 16 MiB, far more than the delay times loopback bandwidth needs for the control
// connection, and enough that a delayed data connection is not capped below ~1.6 GB/s at 10 ms.
const (
	relayQueue = 256
	relayChunk = 64 << 10
	// dataAcceptTimeout bounds how long a data relay listener waits for the client.
	dataAcceptTimeout = 30 * time.Second
)

// relay forwards connections from its listener to target, delaying each direction.
type relay struct {
	ln     net.Listener
	target string        // host:port of the server
	delay  time.Duration // one way: RTT/2

	dataConns atomic.Int64 // data connections relayed (tests)

	mu      sync.Mutex
	closers map[io.Closer]struct{} // open connections and data listeners
	closed  bool
	wg      sync.WaitGroup
}

// newRelay starts a relay on 127.0.0.1 that forwards to target with rtt/2 of delay in each
// direction; with data, passive data connections of plain sessions are relayed (and delayed)
// too.
func newRelay(target string, rtt time.Duration, data bool) (*relay, error) {
	ln, err := net.Listen("tcp", "127.0.0.1:0")
	if err != nil {
		return nil, fmt.Errorf("relay: %w", err)
	}
	r := &relay{ln: ln, target: target, delay: rtt / 2, closers: map[io.Closer]struct{}{}}
	r.wg.Add(1)
	go func() {
		defer r.wg.Done()
		for {
			c, err := ln.Accept()
			if err != nil {
				return
			}
			r.wg.Add(1)
			go func() {
				defer r.wg.Done()
				r.pipe(c, target, data)
			}()
		}
	}()
	return r, nil
}

// Addr is the relay's listening address.
func (r *relay) Addr() *net.TCPAddr { return r.ln.Addr().(*net.TCPAddr) }

// Close stops the listener, closes every relayed connection and data listener, and waits
// for all the relay's goroutines to end.
func (r *relay) Close() error {
	r.mu.Lock()
	r.closed = true
	for c := range r.closers {
		c.Close()
	}
	r.mu.Unlock()
	err := r.ln.Close()
	r.wg.Wait()
	return err
}

// track registers c for Close; it reports false (and closes c) when the relay is closed.
func (r *relay) track(c io.Closer) bool {
	r.mu.Lock()
	defer r.mu.Unlock()
	if r.closed {
		c.Close()
		return false
	}
	r.closers[c] = struct{}{}
	return true
}

// untrack closes c and forgets it.
func (r *relay) untrack(c io.Closer) {
	r.mu.Lock()
	delete(r.closers, c)
	r.mu.Unlock()
	c.Close()
}

// pipe relays one client connection to target until both directions have ended. With
// rewrite, the server-to-client direction rewrites passive replies (control connections with
// data delay on).
func (r *relay) pipe(c net.Conn, target string, rewrite bool) {
	if !r.track(c) {
		return
	}
	defer r.untrack(c)
	s, err := net.DialTimeout("tcp", target, 10*time.Second)
	if err != nil {
		return
	}
	if !r.track(s) {
		return
	}
	defer r.untrack(s)
	var lines *passiveRewriter
	if rewrite {
		lines = &passiveRewriter{r: r}
	}
	up := make(chan struct{})
	go func() {
		defer close(up)
		r.direction(s, c, nil)
	}()
	r.direction(c, s, lines)
	<-up
}

// item is one chunk of a direction's queue, or its end.
type item struct {
	due  time.Time
	data []byte
	eof  bool
}

// direction copies src to dst, each chunk delivered r.delay after it was read. With lines,
// complete lines pass through lines.fix until it turns raw. At the end of src, dst is shut
// down for writing; an error on either side closes both.
func (r *relay) direction(dst, src net.Conn, lines *passiveRewriter) {
	q := make(chan item, relayQueue)
	done := make(chan struct{})
	go func() { // the writer: ends when the queue ends
		defer close(done)
		failed := false
		for it := range q {
			if failed {
				continue // keep taking the reader's items so that it never blocks
			}
			if d := time.Until(it.due); d > 0 {
				time.Sleep(d)
			}
			if it.eof {
				if tc, ok := dst.(*net.TCPConn); ok {
					tc.CloseWrite()
				}
				continue
			}
			if _, err := dst.Write(it.data); err != nil {
				failed = true
				dst.Close()
				src.Close()
			}
		}
	}()
	br := bufio.NewReaderSize(src, relayChunk)
	var pending []byte // the start of a line not yet complete
	for {
		var data []byte
		var err error
		if lines == nil || lines.raw {
			buf := make([]byte, relayChunk)
			var n int
			n, err = br.Read(buf)
			data = buf[:n]
		} else {
			var line []byte
			line, err = br.ReadSlice('\n')
			if errors.Is(err, bufio.ErrBufferFull) {
				err = nil
			}
			pending = append(pending, line...)
			if len(pending) > 0 && (pending[len(pending)-1] == '\n' || err != nil) {
				data = lines.fix(pending)
				pending = nil
			}
		}
		if len(data) > 0 {
			q <- item{due: time.Now().Add(r.delay), data: data}
		}
		if err != nil {
			if !errors.Is(err, io.EOF) {
				dst.Close()
				src.Close()
			}
			q <- item{due: time.Now().Add(r.delay), eof: true}
			close(q)
			<-done
			return
		}
	}
}

// passiveRewriter filters the lines of a control connection's server-to-client direction:
// 227 and 229 replies are made to point at a new one-shot data relay to the server's data
// port. After a 234 reply (TLS from then on) it turns raw: bytes pass unchanged and unparsed.
type passiveRewriter struct {
	r   *relay
	raw bool
}

// fix returns line, or its rewrite.
func (p *passiveRewriter) fix(line []byte) []byte {
	if len(line) < 4 {
		return line
	}
	switch string(line[:4]) {
	case "234 ":
		p.raw = true
	case "227 ":
		addr, err := client.ParsePASV(string(bytes.TrimRight(line[4:], "\r\n")))
		if err != nil {
			return line
		}
		port, err := p.r.dataRelay(addr.String())
		if err != nil {
			return line
		}
		return fmt.Appendf(nil, "227 Entering Passive Mode (127,0,0,1,%d,%d).\r\n", port>>8, port&0xff)
	case "229 ":
		i, j := bytes.Index(line, []byte("(|||")), bytes.LastIndex(line, []byte("|)"))
		if i < 0 || j < i+4 {
			return line
		}
		sport, err := strconv.Atoi(string(line[i+4 : j]))
		if err != nil {
			return line
		}
		host, _, _ := net.SplitHostPort(p.r.target)
		port, err := p.r.dataRelay(net.JoinHostPort(host, strconv.Itoa(sport)))
		if err != nil {
			return line
		}
		return fmt.Appendf(nil, "%s(|||%d|)%s", line[:i], port, line[j+2:])
	}
	return line
}

// dataRelay starts a listener for one data connection to target and returns its port. The
// listener closes after one connection or after dataAcceptTimeout.
func (r *relay) dataRelay(target string) (int, error) {
	ln, err := net.ListenTCP("tcp", &net.TCPAddr{IP: net.IPv4(127, 0, 0, 1)})
	if err != nil {
		return 0, err
	}
	if !r.track(ln) {
		return 0, errors.New("relay closed")
	}
	ln.SetDeadline(time.Now().Add(dataAcceptTimeout))
	r.wg.Add(1)
	go func() {
		defer r.wg.Done()
		c, err := ln.Accept()
		r.untrack(ln)
		if err != nil {
			return
		}
		r.dataConns.Add(1)
		r.pipe(c, target, false)
	}()
	return ln.Addr().(*net.TCPAddr).Port, nil
}
