package client

import (
	"errors"
	"testing"
	"time"
)

// slowWriter calls f after the first write.
type slowWriter struct {
	n int64
	f func()
}

func (w *slowWriter) Write(p []byte) (int, error) {
	if w.n == 0 && w.f != nil {
		go w.f()
	}
	w.n += int64(len(p))
	return len(p), nil
}

// endlessRetr serves RETR big with data that never ends until ABOR,
// answered with replies; then NOOP.
func endlessRetr(replies ...string) func(c *fakeConn) {
	return func(c *fakeConn) {
		c.send("220 hi")
		ln := c.pasv()
		defer ln.Close()
		c.expect("RETR big")
		dc, err := ln.Accept()
		if err != nil {
			return
		}
		c.send("150 here it comes")
		go func() {
			for {
				if _, err := dc.Write(make([]byte, 4096)); err != nil {
					return
				}
				time.Sleep(time.Millisecond)
			}
		}()
		c.expect("ABOR")
		dc.Close()
		c.send(replies...)
		c.expect("NOOP")
		c.send("200 still here")
	}
}

func TestAbortDuringRetr(t *testing.T) {
	for _, replies := range [][]string{
		{"426 Connection closed; transfer aborted.", "226 ABOR command successful."},
		{"225 ABOR command successful."}, // one reply only
	} {
		t.Run(replies[0][:3], func(t *testing.T) {
			fs := newFake(t, endlessRetr(replies...))
			s, _ := fs.dial(t, Config{})
			rec := s.cfg.Observer.(*recorder)
			w := &slowWriter{f: func() { time.Sleep(20 * time.Millisecond); s.Abort() }}
			_, err := s.Retr(t.Context(), "big", w, nil)
			if !errors.Is(err, ErrAborted) {
				t.Fatalf("err = %v", err)
			}
			if r, err := s.Noop(t.Context()); err != nil || r.Code != 200 {
				t.Fatalf("session after abort: %v %v", r, err)
			}
			cmds := rec.commands()
			if cmds[len(cmds)-2] != "ABOR" {
				t.Fatalf("commands %v", cmds)
			}
		})
	}
	// Abort with no transfer running does nothing.
	fs := newFake(t, func(c *fakeConn) { c.send("220 hi"); c.expect("NOOP"); c.send("200 ok") })
	s, _ := fs.dial(t, Config{})
	s.Abort()
	if _, err := s.Noop(t.Context()); err != nil {
		t.Fatal(err)
	}
}
