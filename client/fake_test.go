package client

import (
	"bufio"
	"fmt"
	"net"
	"strings"
	"sync"
	"testing"
	"time"
)

// fakeServer runs a scripted control connection on loopback for protocol
// edge cases that real servers do not produce on demand.
type fakeServer struct {
	t    *testing.T
	ln   net.Listener
	done chan struct{}
}

// fakeConn is the server side of one control connection.
type fakeConn struct {
	t    *testing.T
	conn net.Conn
	r    *bufio.Reader
	mu   sync.Mutex
	got  []string
}

func newFake(t *testing.T, script func(c *fakeConn)) *fakeServer {
	t.Helper()
	ln, err := net.Listen("tcp", "127.0.0.1:0")
	if err != nil {
		t.Fatal(err)
	}
	fs := &fakeServer{t: t, ln: ln, done: make(chan struct{})}
	go func() {
		defer close(fs.done)
		conn, err := ln.Accept()
		if err != nil {
			return
		}
		defer conn.Close()
		conn.SetDeadline(time.Now().Add(10 * time.Second))
		script(&fakeConn{t: t, conn: conn, r: bufio.NewReader(conn)})
	}()
	t.Cleanup(func() {
		ln.Close()
		<-fs.done
	})
	return fs
}

func (fs *fakeServer) dial(t *testing.T, cfg Config) (*Session, []Event) {
	t.Helper()
	port := fs.ln.Addr().(*net.TCPAddr).Port
	rec := &recorder{}
	cfg.Observer = rec
	if cfg.ReplyTimeout == 0 {
		cfg.ReplyTimeout = 5 * time.Second
	}
	if cfg.Type == "" {
		// The scripts answer the commands they name: no TYPE I after
		// login (TestLoginType covers that default).
		cfg.Type = TypeASCII
	}
	s, err := Dial(t.Context(), "127.0.0.1", port, cfg)
	if err != nil {
		t.Fatalf("Dial: %v", err)
	}
	t.Cleanup(func() { s.Close() })
	return s, nil
}

// send writes reply lines.
func (c *fakeConn) send(lines ...string) {
	for _, l := range lines {
		fmt.Fprintf(c.conn, "%s\r\n", l)
	}
}

// recv reads one command line.
func (c *fakeConn) recv() string {
	line, err := c.r.ReadString('\n')
	if err != nil {
		return ""
	}
	line = strings.TrimRight(line, "\r\n")
	c.mu.Lock()
	c.got = append(c.got, line)
	c.mu.Unlock()
	return line
}

// expect reads one command and fails the test unless it starts with want.
func (c *fakeConn) expect(want string) string {
	line := c.recv()
	if !strings.HasPrefix(line, want) {
		c.t.Errorf("fake server got %q, want %q", line, want)
	}
	return line
}

// pasv answers a PASV command with a fresh listener and returns it.
func (c *fakeConn) pasv() net.Listener {
	c.expect("PASV")
	ln, err := net.Listen("tcp", "127.0.0.1:0")
	if err != nil {
		c.t.Error(err)
		return nil
	}
	ln.(*net.TCPListener).SetDeadline(time.Now().Add(10 * time.Second)) // a script gone astray fails, not hangs
	p := ln.Addr().(*net.TCPAddr).Port
	c.send(fmt.Sprintf("227 Entering Passive Mode (127,0,0,1,%d,%d).", p>>8, p&0xff))
	return ln
}

// serveRetr answers a RETR on ln's next data connection with data.
func serveRetr(c *fakeConn, ln net.Listener, data string) {
	dc, err := ln.Accept()
	if err != nil {
		c.t.Error(err)
		return
	}
	c.send("150 here")
	dc.Write([]byte(data))
	dc.Close()
	c.send("226 done")
}

// pasvOnly answers a PASV read already with a fresh listener.
func pasvOnly(c *fakeConn) net.Listener {
	ln, err := net.Listen("tcp", "127.0.0.1:0")
	if err != nil {
		c.t.Error(err)
		return nil
	}
	ln.(*net.TCPListener).SetDeadline(time.Now().Add(10 * time.Second)) // a script gone astray fails, not hangs
	c.send(fmtPASV("127,0,0,1", portOf(ln)))
	return ln
}

// partialRetr answers PASV and RETR with a 150 and some data on a data
// connection it keeps open while then runs (the rest of the script).
func partialRetr(c *fakeConn, then func()) {
	ln := c.pasv()
	defer ln.Close()
	c.expect("RETR")
	dc, err := ln.Accept()
	if err != nil {
		return
	}
	defer dc.Close()
	c.send("150 here it comes")
	dc.Write([]byte("partial"))
	then()
}

// recorder keeps the events a session reports.
type recorder struct {
	mu     sync.Mutex
	events []Event
}

func (r *recorder) Observe(e Event) {
	r.mu.Lock()
	r.events = append(r.events, e)
	r.mu.Unlock()
}

func (r *recorder) commands() []string {
	r.mu.Lock()
	defer r.mu.Unlock()
	var out []string
	for _, e := range r.events {
		if c, ok := e.(CommandSent); ok {
			out = append(out, c.Line)
		}
	}
	return out
}

func netListen(addr string) (net.Listener, error) { return net.Listen("tcp", addr) }

func portOf(ln net.Listener) int { return ln.Addr().(*net.TCPAddr).Port }

func fmtPASV(host string, p int) string {
	return fmt.Sprintf("227 Entering Passive Mode (%s,%d,%d).", host, p>>8, p&0xff)
}

// listingFake starts a fake server that answers one listing command
// (its line starts with cmd) over PASV with data, then a NOOP.
func listingFake(t *testing.T, cmd, data string) *fakeServer {
	return newFake(t, func(c *fakeConn) {
		c.send("220 hi")
		ln := c.pasv()
		defer ln.Close()
		c.expect(cmd)
		dc, err := ln.Accept()
		if err != nil {
			return
		}
		c.send("150 listing")
		dc.Write([]byte(data))
		dc.Close()
		c.send("226 done")
		c.expect("NOOP")
		c.send("200 ok")
	})
}
