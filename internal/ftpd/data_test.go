package ftpd

import (
	"io"
	"net"
	"strconv"
	"strings"
	"testing"
	"time"
)

func TestBounceRefused(t *testing.T) {
	srv := startServer(t, nil)
	c := dial(t, srv)
	c.login()
	tests := []struct {
		line string
		code int
	}{
		{"PORT 127,0,0,2,200,10", 500},
		{"PORT 127,0,0,1,0,21", 500}, // privileged port
		{"EPRT |1|127.0.0.2|51210|", 500},
		{"EPRT |2|::1|51210|", 500}, // control connection is IPv4
		{"EPRT !1!127.0.0.3!51210!", 500},
		{"PORT 127,0,0,1,200,10", 200},
		{"EPRT |1|127.0.0.1|51210|", 200},
		{"EPRT !1!127.0.0.1!51210!", 200},
	}
	for _, tt := range tests {
		if code, msg := c.cmd("%s", tt.line); code != tt.code {
			t.Errorf("%s: %d %q, want %d", tt.line, code, msg, tt.code)
		}
	}
	// A refused PORT leaves no address behind.
	c.must(500, "PORT 127,0,0,2,200,10")
	c.must(200, "TYPE I")
	writeFile(t, srv, "f", []byte("x"))
	if code, msg := c.cmd("RETR f"); code != 425 {
		t.Errorf("RETR after refused PORT: %d %q", code, msg)
	}
}

func TestPassiveRefusesForeignPeer(t *testing.T) {
	probe, err := net.ListenTCP("tcp", &net.TCPAddr{IP: net.IPv4(127, 0, 0, 2)})
	if err != nil {
		t.Skipf("127.0.0.2 not usable: %v", err)
	}
	probe.Close()
	srv := startServer(t, nil)
	writeFile(t, srv, "f", []byte("payload"))
	c := dial(t, srv)
	c.login()
	msg := c.must(229, "EPSV")
	port := epsvRE.FindStringSubmatch(msg)[1]
	addr := net.JoinHostPort("127.0.0.1", port)
	d := net.Dialer{LocalAddr: &net.TCPAddr{IP: net.IPv4(127, 0, 0, 2)}, Timeout: 5 * time.Second}
	foreign, err := d.Dial("tcp", addr)
	if err != nil {
		t.Fatalf("foreign dial: %v", err)
	}
	defer foreign.Close()
	c.send("RETR f")
	// The server accepts the foreign connection first and drops it.
	foreign.SetReadDeadline(time.Now().Add(5 * time.Second))
	if n, err := foreign.Read(make([]byte, 16)); err == nil || n > 0 {
		t.Fatalf("foreign connection got data: %d %v", n, err)
	}
	dc, err := net.DialTimeout("tcp", addr, 5*time.Second)
	if err != nil {
		t.Fatalf("dial data: %v", err)
	}
	defer dc.Close()
	c.expect(150)
	data, _ := io.ReadAll(dc)
	c.expect(226)
	if string(data) != "payload" {
		t.Errorf("got %q", data)
	}
}

func TestPassiveTimeout(t *testing.T) {
	srv := startServer(t, func(o *Options) { o.DataTimeout = 200 * time.Millisecond })
	writeFile(t, srv, "f", []byte("x"))
	c := dial(t, srv)
	c.login()
	c.must(227, "PASV")
	start := time.Now()
	c.must(425, "RETR f")
	if d := time.Since(start); d > 5*time.Second {
		t.Errorf("425 after %v", d)
	}
}

func TestPassivePortRange(t *testing.T) {
	ln, err := net.Listen("tcp", "127.0.0.1:0")
	if err != nil {
		t.Fatal(err)
	}
	port := ln.Addr().(*net.TCPAddr).Port
	ln.Close()
	srv := startServer(t, func(o *Options) { o.PassivePorts = PortRange{Low: port, High: port} })
	c := dial(t, srv)
	c.login()
	msg := c.must(229, "EPSV")
	if got := epsvRE.FindStringSubmatch(msg)[1]; got != strconv.Itoa(port) {
		t.Errorf("EPSV port %s, want %d", got, port)
	}
	msg = c.must(227, "PASV") // the previous listener is closed first
	m := pasvRE.FindStringSubmatch(msg)
	p1, _ := strconv.Atoi(m[5])
	p2, _ := strconv.Atoi(m[6])
	if p1<<8|p2 != port {
		t.Errorf("PASV port %d, want %d", p1<<8|p2, port)
	}
	// A second session finds the only port taken.
	c2 := dial(t, srv)
	c2.login()
	c2.must(425, "PASV")
}

func TestEPSVAll(t *testing.T) {
	srv := startServer(t, nil)
	c := dial(t, srv)
	c.login()
	c.must(200, "EPSV ALL")
	c.must(501, "PASV")
	c.must(501, "PORT 127,0,0,1,200,10")
	c.must(501, "EPRT |1|127.0.0.1|51210|")
	c.must(229, "EPSV")
}

func TestLineTooLong(t *testing.T) {
	srv := startServer(t, func(o *Options) { o.MaxLineLength = 100 })
	c := dial(t, srv)
	c.must(500, "NOOP %s", strings.Repeat("x", 10000))
	c.must(200, "NOOP")
	c.must(200, "NOOP %s", strings.Repeat("x", 95))
}

func TestTelnetIACStripped(t *testing.T) {
	srv := startServer(t, nil)
	c := dial(t, srv)
	c.login()
	c.must(225, "\xff\xf4\xff\xf2ABOR")
}

func TestCloseEndsEverything(t *testing.T) {
	srv := startServer(t, nil)
	writeFile(t, srv, "f", []byte("x"))
	idle := dial(t, srv)
	busy := dial(t, srv)
	busy.login()
	busy.must(227, "PASV")
	busy.send("RETR f") // the server now waits in accept
	time.Sleep(50 * time.Millisecond)
	done := make(chan error, 1)
	go func() { done <- srv.Close() }()
	select {
	case err := <-done:
		if err != nil {
			t.Errorf("Close: %v", err)
		}
	case <-time.After(10 * time.Second):
		t.Fatal("Close did not return")
	}
	for _, c := range []*rawClient{idle, busy} {
		c.nc.SetReadDeadline(time.Now().Add(5 * time.Second))
		if _, err := io.ReadAll(c.nc); err != nil {
			t.Errorf("connection not closed: %v", err)
		}
	}
	if _, err := net.DialTimeout("tcp", srv.Addr().String(), time.Second); err == nil {
		t.Error("still accepting after Close")
	}
	if err := srv.Close(); err != nil {
		t.Errorf("second Close: %v", err)
	}
	if err := srv.Serve(); err != ErrServerClosed {
		t.Errorf("Serve after Close: %v", err)
	}
}
