package ftpd

import (
	"fmt"
	"io"
	"net"
	"net/textproto"
	"os"
	"path/filepath"
	"regexp"
	"strconv"
	"strings"
	"testing"
	"time"
)

const (
	testUser = "alice"
	testPass = "s3cret"
)

// startServer starts a server on a fresh temporary root; mod may change
// the options first.
func startServer(t *testing.T, mod func(*Options)) *Server {
	t.Helper()
	opts := Options{
		Root:        t.TempDir(),
		Users:       map[string]string{testUser: testPass},
		DataTimeout: 5 * time.Second,
	}
	if mod != nil {
		mod(&opts)
	}
	srv, err := New(opts)
	if err != nil {
		t.Fatalf("New: %v", err)
	}
	srv.Start()
	t.Cleanup(func() { srv.Close() })
	return srv
}

// writeFile creates a file under the server's root.
func writeFile(t *testing.T, srv *Server, name string, data []byte) {
	t.Helper()
	p := filepath.Join(srv.Root(), filepath.FromSlash(name))
	if err := os.MkdirAll(filepath.Dir(p), 0o755); err != nil {
		t.Fatal(err)
	}
	if err := os.WriteFile(p, data, 0o644); err != nil {
		t.Fatal(err)
	}
}

func readFile(t *testing.T, srv *Server, name string) []byte {
	t.Helper()
	b, err := os.ReadFile(filepath.Join(srv.Root(), filepath.FromSlash(name)))
	if err != nil {
		t.Fatal(err)
	}
	return b
}

// client is a raw FTP client over net/textproto.
type rawClient struct {
	t  *testing.T
	nc net.Conn
	c  *textproto.Conn
}

// dial connects and reads the greeting.
func dial(t *testing.T, srv *Server) *rawClient {
	t.Helper()
	return dialAddr(t, srv.Addr().String())
}

func dialAddr(t *testing.T, addr string) *rawClient {
	t.Helper()
	c := dialRaw(t, addr)
	c.expect(220)
	return c
}

// dialRaw connects without reading the greeting.
func dialRaw(t *testing.T, addr string) *rawClient {
	t.Helper()
	nc, err := net.DialTimeout("tcp", addr, 5*time.Second)
	if err != nil {
		t.Fatalf("dial: %v", err)
	}
	nc.SetDeadline(time.Now().Add(30 * time.Second))
	c := &rawClient{t: t, nc: nc, c: textproto.NewConn(nc)}
	t.Cleanup(func() { c.c.Close() })
	return c
}

// read reads one reply.
func (c *rawClient) read() (int, string) {
	c.t.Helper()
	code, msg, err := c.c.ReadResponse(0)
	if err != nil {
		if _, ok := err.(*textproto.Error); !ok {
			c.t.Fatalf("read reply: %v", err)
		}
	}
	return code, msg
}

// expect reads one reply and fails unless it has the code.
func (c *rawClient) expect(code int) string {
	c.t.Helper()
	got, msg := c.read()
	if got != code {
		c.t.Fatalf("reply %d %q, want %d", got, msg, code)
	}
	return msg
}

// send sends a command line.
func (c *rawClient) send(format string, args ...any) {
	c.t.Helper()
	if err := c.c.PrintfLine(format, args...); err != nil {
		c.t.Fatalf("send: %v", err)
	}
}

// cmd sends a command and returns the reply.
func (c *rawClient) cmd(format string, args ...any) (int, string) {
	c.t.Helper()
	c.send(format, args...)
	return c.read()
}

// must sends a command and fails unless the reply has the code.
func (c *rawClient) must(code int, format string, args ...any) string {
	c.t.Helper()
	c.send(format, args...)
	return c.expect(code)
}

func (c *rawClient) login() {
	c.t.Helper()
	c.must(331, "USER %s", testUser)
	c.must(230, "PASS %s", testPass)
}

var (
	pasvRE = regexp.MustCompile(`\((\d+),(\d+),(\d+),(\d+),(\d+),(\d+)\)`)
	epsvRE = regexp.MustCompile(`\(\|\|\|(\d+)\|\)`)
)

// dataSetup prepares a data connection with method (PASV, EPSV, PORT or
// EPRT) and returns a function that yields the connection once the
// transfer command has been sent.
func (c *rawClient) dataSetup(method string) func() net.Conn {
	c.t.Helper()
	switch method {
	case "PASV":
		msg := c.must(227, "PASV")
		m := pasvRE.FindStringSubmatch(msg)
		if m == nil {
			c.t.Fatalf("bad 227 %q", msg)
		}
		p1, _ := strconv.Atoi(m[5])
		p2, _ := strconv.Atoi(m[6])
		addr := net.JoinHostPort(strings.Join(m[1:5], "."), strconv.Itoa(p1<<8|p2))
		return c.dialData(addr)
	case "EPSV":
		msg := c.must(229, "EPSV")
		m := epsvRE.FindStringSubmatch(msg)
		if m == nil {
			c.t.Fatalf("bad 229 %q", msg)
		}
		host, _, _ := net.SplitHostPort(c.nc.RemoteAddr().String())
		return c.dialData(net.JoinHostPort(host, m[1]))
	case "PORT", "EPRT":
		return c.activeData(method)
	}
	c.t.Fatalf("unknown method %s", method)
	return nil
}

func (c *rawClient) dialData(addr string) func() net.Conn {
	c.t.Helper()
	dc, err := net.DialTimeout("tcp", addr, 5*time.Second)
	if err != nil {
		c.t.Fatalf("dial data: %v", err)
	}
	dc.SetDeadline(time.Now().Add(30 * time.Second))
	c.t.Cleanup(func() { dc.Close() })
	return func() net.Conn { return dc }
}

func (c *rawClient) activeData(method string) func() net.Conn {
	c.t.Helper()
	local := c.nc.LocalAddr().(*net.TCPAddr)
	ln, err := net.ListenTCP("tcp", &net.TCPAddr{IP: local.IP})
	if err != nil {
		c.t.Fatalf("listen: %v", err)
	}
	c.t.Cleanup(func() { ln.Close() })
	port := ln.Addr().(*net.TCPAddr).Port
	if method == "PORT" {
		ip := local.IP.To4()
		c.must(200, "PORT %d,%d,%d,%d,%d,%d", ip[0], ip[1], ip[2], ip[3], port>>8, port&0xFF)
	} else {
		proto := 1
		if local.IP.To4() == nil {
			proto = 2
		}
		c.must(200, "EPRT |%d|%s|%d|", proto, local.IP, port)
	}
	return func() net.Conn {
		ln.SetDeadline(time.Now().Add(10 * time.Second))
		dc, err := ln.Accept()
		if err != nil {
			c.t.Fatalf("accept data: %v", err)
		}
		dc.SetDeadline(time.Now().Add(30 * time.Second))
		c.t.Cleanup(func() { dc.Close() })
		return dc
	}
}

// reply is a code and message.
type reply struct {
	code int
	msg  string
}

func (r reply) String() string { return fmt.Sprintf("%d %s", r.code, r.msg) }

// download runs a command that sends data (RETR, LIST, NLST) and returns
// the data, the start reply and the final reply.
func (c *rawClient) download(method, line string) ([]byte, reply, reply) {
	c.t.Helper()
	conn := c.dataSetup(method)
	c.send("%s", line)
	var start reply
	start.code, start.msg = c.read()
	if start.code >= 200 {
		return nil, start, reply{}
	}
	dc := conn()
	data, _ := io.ReadAll(dc)
	dc.Close()
	var final reply
	final.code, final.msg = c.read()
	return data, start, final
}

// upload runs a command that receives data (STOR, APPE).
func (c *rawClient) upload(method, line string, data []byte) (reply, reply) {
	c.t.Helper()
	conn := c.dataSetup(method)
	c.send("%s", line)
	var start reply
	start.code, start.msg = c.read()
	if start.code >= 200 {
		return start, reply{}
	}
	dc := conn()
	dc.Write(data) // may fail when a fault drops the connection
	dc.Close()
	var final reply
	final.code, final.msg = c.read()
	return start, final
}
