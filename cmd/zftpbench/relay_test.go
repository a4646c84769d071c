//go:build linux

package main

import (
	"bufio"
	"bytes"
	"context"
	"fmt"
	"io"
	"math/rand/v2"
	"net"
	"runtime"
	"strings"
	"testing"
	"time"

	"github.com/zftp/zftp/client"
	"github.com/zftp/zftp/client/ftptest"
)

// listen starts a loopback listener closed at the end of the test.
func listen(t *testing.T) net.Listener {
	t.Helper()
	ln, err := net.Listen("tcp", "127.0.0.1:0")
	if err != nil {
		t.Fatal(err)
	}
	t.Cleanup(func() { ln.Close() })
	return ln
}

// startRelay starts a relay to ln's address, closed at the end of the test, and checks that
// Close leaves no goroutine behind.
func startRelay(t *testing.T, ln net.Listener, rtt time.Duration, data bool) *relay {
	t.Helper()
	before := runtime.NumGoroutine()
	r, err := newRelay(ln.Addr().String(), rtt, data)
	if err != nil {
		t.Fatal(err)
	}
	t.Cleanup(func() {
		r.Close()
		// Goroutines of the test's own servers may still be ending: allow them a moment.
		for deadline := time.Now().Add(2 * time.Second); ; time.Sleep(10 * time.Millisecond) {
			if n := runtime.NumGoroutine(); n <= before {
				return
			} else if time.Now().After(deadline) {
				t.Errorf("relay closed: %d goroutines, %d before it started", n, before)
				return
			}
		}
	})
	return r
}

func dialRelay(t *testing.T, r *relay) *net.TCPConn {
	t.Helper()
	c, err := net.DialTCP("tcp", nil, r.Addr())
	if err != nil {
		t.Fatal(err)
	}
	t.Cleanup(func() { c.Close() })
	return c
}

// TestRelayOrderAndClose sends data of several sizes through the relay to an echo server and
// checks it comes back complete and in order, and that the end of file propagates both ways.
func TestRelayOrderAndClose(t *testing.T) {
	for _, tc := range []struct {
		name  string
		size  int
		write int // bytes per client write
		rtt   time.Duration
	}{
		{"empty", 0, 1, 10 * time.Millisecond},
		{"one byte", 1, 1, 10 * time.Millisecond},
		{"small writes", 10000, 7, 2 * time.Millisecond},
		{"4 MiB", 4 << 20, 100 << 10, 10 * time.Millisecond},
		{"no delay", 1 << 20, 64 << 10, 0},
	} {
		t.Run(tc.name, func(t *testing.T) {
			ln := listen(t)
			go func() {
				c, err := ln.Accept()
				if err != nil {
					return
				}
				defer c.Close()
				io.Copy(c, c)                 // echo until the client's end of file
				c.(*net.TCPConn).CloseWrite() // then end ours
			}()
			r := startRelay(t, ln, tc.rtt, false)
			c := dialRelay(t, r)
			want := make([]byte, tc.size)
			rand.NewChaCha8([32]byte{1}).Read(want)
			werr := make(chan error, 1)
			go func() {
				for p := want; len(p) > 0; {
					n := min(tc.write, len(p))
					if _, err := c.Write(p[:n]); err != nil {
						werr <- err
						return
					}
					p = p[n:]
				}
				werr <- c.CloseWrite()
			}()
			c.SetReadDeadline(time.Now().Add(20 * time.Second))
			got, err := io.ReadAll(c) // ends only when the server's close came through
			if err != nil {
				t.Fatal(err)
			}
			if err := <-werr; err != nil {
				t.Fatal(err)
			}
			if !bytes.Equal(got, want) {
				t.Fatalf("got %d bytes back, want %d (equal prefix: %d)", len(got), len(want), commonPrefix(got, want))
			}
		})
	}
}

func commonPrefix(a, b []byte) int {
	i := 0
	for i < len(a) && i < len(b) && a[i] == b[i] {
		i++
	}
	return i
}

// TestRelayDelay checks the delay as a lower bound only (a loaded machine adds to it): a
// byte reaches the server no sooner than RTT/2 after the client sent it, and the answer
// reaches the client no sooner than RTT/2 after the server sent it.
func TestRelayDelay(t *testing.T) {
	for _, rtt := range []time.Duration{10 * time.Millisecond, 40 * time.Millisecond} {
		t.Run(rtt.String(), func(t *testing.T) {
			ln := listen(t)
			arrived := make(chan time.Time, 1)
			sent := make(chan time.Time, 1)
			go func() {
				c, err := ln.Accept()
				if err != nil {
					return
				}
				defer c.Close()
				buf := make([]byte, 1)
				if _, err := c.Read(buf); err != nil {
					return
				}
				arrived <- time.Now()
				sent <- time.Now()
				c.Write(buf)
				io.Copy(io.Discard, c)
			}()
			r := startRelay(t, ln, rtt, false)
			c := dialRelay(t, r)
			t0 := time.Now()
			if _, err := c.Write([]byte{'x'}); err != nil {
				t.Fatal(err)
			}
			buf := make([]byte, 1)
			c.SetReadDeadline(time.Now().Add(10 * time.Second))
			if _, err := c.Read(buf); err != nil {
				t.Fatal(err)
			}
			t3 := time.Now()
			t1, t2 := <-arrived, <-sent
			if d := t1.Sub(t0); d < rtt/2 {
				t.Errorf("client to server: %v, want at least %v", d, rtt/2)
			}
			if d := t3.Sub(t2); d < rtt/2 {
				t.Errorf("server to client: %v, want at least %v", d, rtt/2)
			}
			if d := t3.Sub(t0); d < rtt {
				t.Errorf("round trip: %v, want at least %v", d, rtt)
			}
		})
	}
}

// TestRelayBandwidth checks that the delay is not a sleep per read: 8 MiB through a relay
// with 200 ms of round trip (a sleep per 64 KiB read would take 12.8 s) must take well
// under that.
func TestRelayBandwidth(t *testing.T) {
	if testing.Short() {
		t.Skip("moves 8 MiB")
	}
	ln := listen(t)
	const size = 8 << 20
	go func() {
		c, err := ln.Accept()
		if err != nil {
			return
		}
		defer c.Close()
		c.Write(make([]byte, size))
	}()
	r := startRelay(t, ln, 200*time.Millisecond, false)
	c := dialRelay(t, r)
	start := time.Now()
	c.SetReadDeadline(time.Now().Add(30 * time.Second))
	n, err := io.Copy(io.Discard, c)
	if err != nil || n != size {
		t.Fatalf("read %d bytes, %v; want %d", n, err, size)
	}
	if d := time.Since(start); d > 5*time.Second {
		t.Errorf("8 MiB took %v: the delay caps the bandwidth", d)
	}
}

// TestRelayPassive checks the rewriting of passive replies: a 227 or 229 reply through a
// relay with data delay points at a relay of the data port, a TLS session (after 234) and a
// relay without data delay leave them alone.
func TestRelayPassive(t *testing.T) {
	for _, tc := range []struct {
		name    string
		data    bool   // relay data connections
		before  string // a reply the server sends first
		reply   string // format: %d is the data port (227: %d,%d)
		rewrite bool
	}{
		{"227", true, "", "227 Entering Passive Mode (127,0,0,1,%d,%d).\r\n", true},
		{"229", true, "", "229 Entering Extended Passive Mode (|||%d|)\r\n", true},
		{"227 no data delay", false, "", "227 Entering Passive Mode (127,0,0,1,%d,%d).\r\n", false},
		{"227 after 234", true, "234 AUTH TLS OK.\r\n", "227 Entering Passive Mode (127,0,0,1,%d,%d).\r\n", false},
	} {
		t.Run(tc.name, func(t *testing.T) {
			dataLn := listen(t)
			dport := dataLn.Addr().(*net.TCPAddr).Port
			go func() {
				c, err := dataLn.Accept()
				if err != nil {
					return
				}
				defer c.Close()
				c.Write([]byte("data bytes"))
			}()
			reply := fmt.Sprintf(tc.reply, dport)
			if strings.HasPrefix(tc.reply, "227") {
				reply = fmt.Sprintf(tc.reply, dport>>8, dport&0xff)
			}
			ln := listen(t)
			go func() {
				c, err := ln.Accept()
				if err != nil {
					return
				}
				defer c.Close()
				c.Write([]byte("220 hello\r\n" + tc.before + reply))
				io.Copy(io.Discard, c)
			}()
			r := startRelay(t, ln, 2*time.Millisecond, tc.data)
			c := dialRelay(t, r)
			c.SetReadDeadline(time.Now().Add(10 * time.Second))
			br := bufio.NewReader(c)
			var got string
			for range 2 + strings.Count(tc.before, "\n") {
				l, err := br.ReadString('\n')
				if err != nil {
					t.Fatal(err)
				}
				got = l
			}
			if !tc.rewrite {
				if got != reply {
					t.Fatalf("reply %q, want it unchanged: %q", got, reply)
				}
				return
			}
			if got == reply {
				t.Fatalf("reply %q not rewritten", got)
			}
			var port int
			if strings.HasPrefix(got, "227") {
				var h1, h2, h3, h4, p1, p2 int
				if _, err := fmt.Sscanf(got, "227 Entering Passive Mode (%d,%d,%d,%d,%d,%d).", &h1, &h2, &h3, &h4, &p1, &p2); err != nil {
					t.Fatalf("%q: %v", got, err)
				}
				port = p1<<8 | p2
			} else if _, err := fmt.Sscanf(got, "229 Entering Extended Passive Mode (|||%d|)", &port); err != nil {
				t.Fatalf("%q: %v", got, err)
			}
			d, err := net.Dial("tcp", fmt.Sprintf("127.0.0.1:%d", port))
			if err != nil {
				t.Fatal(err)
			}
			defer d.Close()
			d.SetReadDeadline(time.Now().Add(10 * time.Second))
			b, err := io.ReadAll(d)
			if err != nil || string(b) != "data bytes" {
				t.Fatalf("data connection through the relay: %q, %v", b, err)
			}
		})
	}
}

// TestRelayFTP runs the client package through relays in front of an in-process FTP server:
// PASV and EPSV, with and without data delay; the files arrive intact, and with data delay each
// transfer's data connection went through the relay (a round trip per file at least).
func TestRelayFTP(t *testing.T) {
	srv := ftptest.NewServer(t)
	want := make([]byte, 300<<10)
	rand.NewChaCha8([32]byte{3}).Read(want)
	srv.WriteFile(t, "f.bin", want)
	const rtt = 20 * time.Millisecond
	for _, tc := range []struct {
		name   string
		method client.DataMethod
		data   bool
	}{
		{"PASV control only", client.Passive, false},
		{"PASV with data", client.Passive, true},
		{"EPSV with data", client.ExtendedPassive, true},
	} {
		t.Run(tc.name, func(t *testing.T) {
			before := runtime.NumGoroutine()
			r, err := newRelay(srv.Addr, rtt, tc.data)
			if err != nil {
				t.Fatal(err)
			}
			ctx, cancel := context.WithTimeout(context.Background(), 30*time.Second)
			defer cancel()
			s, err := client.Dial(ctx, "127.0.0.1", r.Addr().Port, client.Config{DataMethod: tc.method})
			if err != nil {
				t.Fatal(err)
			}
			if err := s.Login(t.Context(), srv.User, srv.Password, ""); err != nil {
				t.Fatal(err)
			}
			if _, err := s.Type(t.Context(), client.TypeImage); err != nil {
				t.Fatal(err)
			}
			start := time.Now()
			var got bytes.Buffer
			if _, err := s.Retr(t.Context(), "f.bin", &got, nil); err != nil {
				t.Fatal(err)
			}
			d := time.Since(start)
			if !bytes.Equal(got.Bytes(), want) {
				t.Fatalf("got %d bytes, want %d intact", got.Len(), len(want))
			}
			if _, err := s.Stor(t.Context(), "up.bin", bytes.NewReader(want), nil); err != nil {
				t.Fatal(err)
			}
			if !bytes.Equal(srv.ReadFile(t, "up.bin"), want) {
				t.Fatal("upload differs")
			}
			// PASV (or EPSV) and RETR are two round trips on the control connection.
			if d < 2*rtt {
				t.Errorf("RETR took %v, want at least two round trips (%v)", d, 2*rtt)
			}
			if n, want := r.dataConns.Load(), map[bool]int64{false: 0, true: 2}[tc.data]; n != want {
				t.Errorf("%d data connections through the relay, want %d", n, want)
			}
			s.Quit(t.Context())
			r.Close()
			for deadline := time.Now().Add(2 * time.Second); runtime.NumGoroutine() > before; time.Sleep(10 * time.Millisecond) {
				if time.Now().After(deadline) {
					t.Errorf("%d goroutines after the relay closed, %d before", runtime.NumGoroutine(), before)
					break
				}
			}
		})
	}
}
