package client

import (
	"bufio"
	"context"
	"errors"
	"fmt"
	"io"
	"net"
	"strings"
	"testing"
	"time"
)

// bound is the most any of these tests may take: the engine must end each
// case on its own bound, well before the fake server's 10 s deadline.
const bound = 8 * time.Second

// flood writes line to c until the client goes away or stop is closed.
func flood(c *fakeConn, line string, every time.Duration, stop <-chan struct{}) {
	for {
		if _, err := fmt.Fprintf(c.conn, "%s\r\n", line); err != nil {
			return
		}
		select {
		case <-stop:
			return
		case <-time.After(every):
		}
	}
}

func TestPreliminaryFloodDuringTransfer(t *testing.T) {
	fs := newFake(t, func(c *fakeConn) {
		c.send("220 hi")
		partialRetr(c, func() {
			flood(c, "150 still coming", 0, nil) // the data connection stays open
		})
	})
	s, _ := fs.dial(t, Config{DataIdleTimeout: 9 * time.Second})
	start := time.Now()
	_, err := s.Retr(t.Context(), "x", io.Discard, nil)
	if !errors.Is(err, ErrTooManyPreliminary) {
		t.Fatalf("err = %v, want ErrTooManyPreliminary", err)
	}
	if d := time.Since(start); d > bound {
		t.Fatalf("took %s", d)
	}
}

func TestPreliminaryRepliesDoNotExtendTheWait(t *testing.T) {
	tests := []struct {
		name string
		run  func(port int) error
	}{
		{"greeting", func(port int) error {
			s, err := Dial(context.Background(), "127.0.0.1", port, Config{ConnectTimeout: 2 * time.Second})
			if err == nil {
				s.Close()
			}
			return err
		}},
		{"command", func(port int) error {
			s, err := Dial(context.Background(), "127.0.0.1", port, Config{ReplyTimeout: 2 * time.Second})
			if err != nil {
				return fmt.Errorf("dial: %w", err)
			}
			defer s.Close()
			_, err = s.Noop(t.Context())
			return err
		}},
		{"quit", func(port int) error {
			s, err := Dial(context.Background(), "127.0.0.1", port, Config{ReplyTimeout: 2 * time.Second})
			if err != nil {
				return fmt.Errorf("dial: %w", err)
			}
			_, err = s.Quit(t.Context())
			return err
		}},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			stop := make(chan struct{})
			defer close(stop)
			fs := newFake(t, func(c *fakeConn) {
				if tt.name != "greeting" {
					c.send("220 hi")
					c.recv()
				}
				flood(c, "120 Service ready in a while", 300*time.Millisecond, stop)
			})
			start := time.Now()
			err := tt.run(portOf(fs.ln))
			var ne net.Error
			if !errors.As(err, &ne) || !ne.Timeout() {
				t.Fatalf("err = %v, want a timeout", err)
			}
			if !strings.Contains(err.Error(), "no final reply within 2s") {
				t.Errorf("err = %v, want the bound named", err)
			}
			if d := time.Since(start); d > bound {
				t.Fatalf("took %s", d)
			}
		})
	}
}

func TestTooManyPreliminaryReplies(t *testing.T) {
	fs := newFake(t, func(c *fakeConn) {
		c.send("220 hi")
		c.expect("NOOP")
		for i := 0; i < 5; i++ {
			c.send("120 wait")
		}
		c.send("200 ok")
		c.expect("NOOP")
		for i := 0; i < 6; i++ {
			c.send("120 wait")
		}
		c.send("200 ok")
		c.recv()
	})
	s, _ := fs.dial(t, Config{MaxPreliminary: 5})
	if _, err := s.Noop(t.Context()); err != nil {
		t.Fatalf("5 preliminary replies: %v", err)
	}
	if _, err := s.Noop(t.Context()); !errors.Is(err, ErrTooManyPreliminary) {
		t.Fatalf("6 preliminary replies: err = %v", err)
	}
}

// sendLong writes a multi-line 211 reply of n lines in all.
func sendLong(c *fakeConn, n int) {
	w := bufio.NewWriter(c.conn)
	fmt.Fprintf(w, "211-status of dir\r\n")
	for i := 1; i < n-1; i++ {
		fmt.Fprintf(w, " file%06d\r\n", i)
	}
	fmt.Fprintf(w, "211 End of status\r\n")
	w.Flush()
}

func TestLongReplies(t *testing.T) {
	t.Run("5000 lines", func(t *testing.T) {
		fs := newFake(t, func(c *fakeConn) {
			c.send("220 hi")
			c.expect("STAT dir")
			sendLong(c, 5000)
			c.recv()
		})
		s, _ := fs.dial(t, Config{})
		r, err := s.Quote(t.Context(), "STAT dir")
		if err != nil {
			t.Fatal(err)
		}
		if len(r.Lines) != 5000 || r.Omitted != 0 || r.Last() != "211 End of status" {
			t.Fatalf("%d lines, %d omitted, last %q", len(r.Lines), r.Omitted, r.Last())
		}
	})
	t.Run("200000 lines", func(t *testing.T) {
		fs := newFake(t, func(c *fakeConn) {
			c.send("220 hi")
			c.expect("STAT dir")
			sendLong(c, 200000)
		})
		s, _ := fs.dial(t, Config{})
		_, err := s.Quote(t.Context(), "STAT dir")
		if !errors.Is(err, ErrTooManyLines) || !strings.Contains(err.Error(), "more than 100000") {
			t.Fatalf("err = %v", err)
		}
		if s.Err() == nil {
			t.Fatal("session still usable after a reply over the cap")
		}
	})
}

func TestReplyKeepsBoundedText(t *testing.T) {
	tests := []struct {
		name    string
		in      string
		keep    int
		lines   []string
		omitted int
	}{
		{"fits", "211-a\r\n b\r\n211 c\r\n", 100, []string{"211-a", " b", "211 c"}, 0},
		{"over", "211-a\r\n bbbb\r\n cccc\r\n dd\r\n211 end\r\n", 10,
			[]string{"211-a", " bbbb", "211 end"}, 2},
		{"first alone", "211-aaaaaaaa\r\n bbbb\r\n211 end\r\n", 8, []string{"211-aaaaaaaa", "211 end"}, 1},
		{"preliminary", "150-" + strings.Repeat("x", prelimKeepBytes) + "\r\n y\r\n150 end\r\n", 1 << 20,
			[]string{"150-" + strings.Repeat("x", prelimKeepBytes), "150 end"}, 1},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			rr := newReplyReader(strings.NewReader(tt.in), 1<<20, 100)
			rr.keep = tt.keep
			r, err := rr.ReadReply()
			if err != nil {
				t.Fatal(err)
			}
			if strings.Join(r.Lines, "|") != strings.Join(tt.lines, "|") || r.Omitted != tt.omitted {
				t.Fatalf("got %q omitted %d, want %q omitted %d", r.Lines, r.Omitted, tt.lines, tt.omitted)
			}
		})
	}
}
