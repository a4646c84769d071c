//go:build linux

package interop

import (
	"net"
	"strconv"
	"sync"
	"testing"
	"time"
)

// delayProxy forwards connections to target, holding each chunk for
// delay in both directions: a control connection across a network. Data
// connections go straight to the server (its 227 names its own port).
type delayProxy struct {
	ln net.Listener
	wg sync.WaitGroup
}

// newDelayProxy starts a proxy to target, closed at the test's end.
func newDelayProxy(t *testing.T, target string, delay time.Duration) *delayProxy {
	t.Helper()
	p := &delayProxy{}
	p.ln = relayTo(t, target, &p.wg, func(c, u net.Conn) {
		p.wg.Add(2)
		go p.pipe(u, c, delay)
		go p.pipe(c, u, delay)
	})
	t.Cleanup(func() {
		p.ln.Close()
		p.wg.Wait()
	})
	return p
}

// relayTo listens on a loopback port and joins each connection it
// accepts to a new connection to target (join starts what copies
// between them), in a goroutine counted in wg, until the listener is
// closed.
func relayTo(t *testing.T, target string, wg *sync.WaitGroup, join func(client, server net.Conn)) net.Listener {
	t.Helper()
	ln, err := net.Listen("tcp", net.JoinHostPort(Host, "0"))
	if err != nil {
		t.Fatal(err)
	}
	wg.Add(1)
	go func() {
		defer wg.Done()
		for {
			c, err := ln.Accept()
			if err != nil {
				return
			}
			u, err := net.Dial("tcp", target)
			if err != nil {
				c.Close()
				continue
			}
			join(c, u)
		}
	}()
	return ln
}

// pipe copies from to dst, each chunk after delay, and closes both at the
// end of either.
func (p *delayProxy) pipe(dst, from net.Conn, delay time.Duration) {
	defer p.wg.Done()
	defer dst.Close()
	defer from.Close()
	buf := make([]byte, 32<<10)
	for {
		n, err := from.Read(buf)
		if n > 0 {
			time.Sleep(delay)
			if _, werr := dst.Write(buf[:n]); werr != nil {
				return
			}
		}
		if err != nil {
			return
		}
	}
}

// port is the proxy's port.
func (p *delayProxy) port() int {
	_, port, _ := net.SplitHostPort(p.ln.Addr().String())
	n, _ := strconv.Atoi(port)
	return n
}
