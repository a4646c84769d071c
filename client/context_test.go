package client

import (
	"context"
	"errors"
	"net"
	"slices"
	"strings"
	"testing"
	"time"
)

// A server that accepts and never greets: Dial's context bounds the wait
// for the 220, whatever ConnectTimeout says.
func TestDialContextBoundsGreeting(t *testing.T) {
	ln, err := net.Listen("tcp", "127.0.0.1:0")
	if err != nil {
		t.Fatal(err)
	}
	defer ln.Close()
	go func() {
		c, err := ln.Accept()
		if err == nil {
			defer c.Close()
			time.Sleep(5 * time.Second)
		}
	}()
	for _, tc := range []struct {
		name string
		ctx  func() (context.Context, context.CancelFunc)
		want error
	}{
		{"deadline", func() (context.Context, context.CancelFunc) {
			return context.WithTimeout(context.Background(), time.Second)
		}, context.DeadlineExceeded},
		{"cancel", func() (context.Context, context.CancelFunc) {
			ctx, cancel := context.WithCancel(context.Background())
			time.AfterFunc(300*time.Millisecond, cancel)
			return ctx, cancel
		}, context.Canceled},
	} {
		t.Run(tc.name, func(t *testing.T) {
			ctx, cancel := tc.ctx()
			defer cancel()
			start := time.Now()
			_, err := Dial(ctx, "127.0.0.1", ln.Addr().(*net.TCPAddr).Port, Config{ConnectTimeout: 8 * time.Second})
			if took := time.Since(start); took > 1500*time.Millisecond {
				t.Errorf("Dial took %s", took)
			}
			if !errors.Is(err, tc.want) {
				t.Fatalf("err = %v, want %v", err, tc.want)
			}
			var se *StartError
			if !errors.As(err, &se) {
				t.Errorf("err = %T, want a *StartError", err)
			}
		})
	}
}

// Cancelling the context of a running Retr sends ABOR, closes the data
// connection and returns; the session stays usable.
func TestRetrContextCancelAborts(t *testing.T) {
	fs := newFake(t, endlessRetr("426 Connection closed; transfer aborted.", "226 ABOR command successful."))
	s, _ := fs.dial(t, Config{})
	rec := s.cfg.Observer.(*recorder)
	ctx, cancel := context.WithCancel(t.Context())
	var cancelled time.Time
	w := &slowWriter{f: func() { time.Sleep(50 * time.Millisecond); cancelled = time.Now(); cancel() }}
	_, err := s.Retr(ctx, "big", w, nil)
	if took := time.Since(cancelled); took > time.Second {
		t.Errorf("Retr returned %s after the cancel", took)
	}
	if !errors.Is(err, context.Canceled) || !errors.Is(err, ErrAborted) {
		t.Fatalf("err = %v, want context.Canceled and ErrAborted", err)
	}
	if r, err := s.Noop(t.Context()); err != nil || r.Code != 200 {
		t.Fatalf("session after the cancelled Retr: %v %v", r, err)
	}
	if cmds := rec.commands(); !slices.Contains(cmds, "ABOR") {
		t.Errorf("commands %v: no ABOR", cmds)
	}
}

// A context that ends while a command waits for its reply ends the wait;
// the session is then unusable (the reply may still come).
func TestCommandContextDeadline(t *testing.T) {
	fs := newFake(t, func(c *fakeConn) {
		c.send("220 hi")
		c.expect("NOOP")
		time.Sleep(2 * time.Second)
	})
	s, _ := fs.dial(t, Config{ReplyTimeout: 10 * time.Second})
	ctx, cancel := context.WithTimeout(t.Context(), 200*time.Millisecond)
	defer cancel()
	start := time.Now()
	_, err := s.Noop(ctx)
	if took := time.Since(start); took > time.Second {
		t.Errorf("Noop took %s", took)
	}
	if !errors.Is(err, context.DeadlineExceeded) {
		t.Fatalf("err = %v, want context.DeadlineExceeded", err)
	}
	if !errors.Is(s.Err(), ErrClosed) {
		t.Errorf("session still usable after a lost reply: %v", s.Err())
	}
}

// A zero Config logs in and then asks for binary transfers (TYPE I); an
// ASCII Config sends no TYPE.
func TestLoginType(t *testing.T) {
	for _, tc := range []struct {
		typ  TransferType
		want []string
	}{
		{"", []string{"USER u", "PASS p", "TYPE I"}},
		{TypeASCII, []string{"USER u", "PASS p", "NOOP"}},
	} {
		t.Run(string(tc.typ), func(t *testing.T) {
			fs := newFake(t, func(c *fakeConn) {
				c.send("220 hi")
				c.expect("USER u")
				c.send("331 password")
				c.expect("PASS p")
				c.send("230 in")
				c.expect(tc.want[2])
				c.send("200 ok")
			})
			// Not fs.dial: it makes a zero Type ASCII for the scripts.
			s, err := Dial(t.Context(), "127.0.0.1", fs.ln.Addr().(*net.TCPAddr).Port, Config{Type: tc.typ})
			if err != nil {
				t.Fatal(err)
			}
			defer s.Close()
			if err := s.Login(t.Context(), "u", "p", ""); err != nil {
				t.Fatal(err)
			}
			if tc.typ == "" {
				if s.CurrentType() != TypeImage {
					t.Errorf("type %q after login, want I", s.CurrentType())
				}
				return
			}
			if _, err := s.Noop(t.Context()); err != nil {
				t.Fatal(err)
			}
		})
	}
}

// WithObserver sees the events of the call it was given to, and only those.
func TestWithObserverPerCall(t *testing.T) {
	fs := newFake(t, func(c *fakeConn) {
		c.send("220 hi")
		c.expect("NOOP")
		c.send("200 one")
		c.expect("SYST")
		c.send("215 UNIX Type: L8")
	})
	s, _ := fs.dial(t, Config{})
	var seen []string
	obs := ObserverFunc(func(e Event) {
		if c, ok := e.(CommandSent); ok {
			seen = append(seen, c.Line)
		}
	})
	if _, err := s.Noop(WithObserver(t.Context(), obs)); err != nil {
		t.Fatal(err)
	}
	if _, err := s.Syst(t.Context()); err != nil {
		t.Fatal(err)
	}
	if strings.Join(seen, ",") != "NOOP" {
		t.Errorf("per-call observer saw %q, want only NOOP", seen)
	}
}

// NewSession starts over a connection the caller dialled, and DialData
// dials the data connections.
func TestNewSessionAndDialData(t *testing.T) {
	fs := newFake(t, func(c *fakeConn) {
		c.send("220 hi")
		ln := c.pasv()
		defer ln.Close()
		c.expect("NLST")
		dc, err := ln.Accept()
		if err != nil {
			return
		}
		c.send("150 list")
		dc.Write([]byte("a\r\nb\r\n"))
		dc.Close()
		c.send("226 done")
	})
	conn, err := net.Dial("tcp", fs.ln.Addr().String())
	if err != nil {
		t.Fatal(err)
	}
	var dialled []string
	cfg := Config{Type: TypeASCII, DialData: func(ctx context.Context, network, addr string) (net.Conn, error) {
		dialled = append(dialled, addr)
		var d net.Dialer
		return d.DialContext(ctx, network, addr)
	}}
	s, err := NewSession(t.Context(), conn, "127.0.0.1", cfg)
	if err != nil {
		t.Fatal(err)
	}
	defer s.Close()
	var names []string
	if _, err := s.NameList(t.Context(), "", func(n string) error { names = append(names, n); return nil }); err != nil {
		t.Fatal(err)
	}
	if strings.Join(names, ",") != "a,b" || len(dialled) != 1 {
		t.Errorf("names %q, DialData calls %q", names, dialled)
	}
}
