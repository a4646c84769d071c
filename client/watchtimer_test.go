package client

import (
	"io"
	"testing"
	"time"
)

// TestRetrErrorAfterQuickTransfers: the final-reply watch's timer is the
// session's and stays armed from one transfer to the next (watchFinal).
// After quick transfers, one that sets it again right away and one that
// starts once it has gone off unarmed, a transfer whose data stalls
// while the server answers 426 still ends at once on that reply, not at
// the data idle timeout.
func TestRetrErrorAfterQuickTransfers(t *testing.T) {
	for _, tt := range []struct {
		name  string
		pause time.Duration // between the quick transfers and the stalled one
	}{
		{"timer still armed", 0},
		{"timer gone off", 3 * watchDelay},
	} {
		t.Run(tt.name, func(t *testing.T) {
			const quick = 3
			fs := newFake(t, func(c *fakeConn) {
				c.send("220 hi")
				for range quick {
					ln := c.pasv()
					c.expect("RETR")
					serveRetr(c, ln, "data\r\n")
					ln.Close()
				}
				partialRetr(c, func() {
					c.send("426 Connection closed; transfer aborted.")
					c.recv()
				})
			})
			s, _ := fs.dial(t, Config{DataIdleTimeout: 5 * time.Second})
			for i := range quick {
				if _, err := s.Retr(t.Context(), "q", io.Discard, nil); err != nil {
					t.Fatalf("quick transfer %d: %v", i, err)
				}
			}
			time.Sleep(tt.pause)
			start := time.Now()
			_, err := s.Retr(t.Context(), "x", io.Discard, nil)
			if ReplyCode(err) != 426 {
				t.Fatalf("err = %v, want the 426", err)
			}
			if d := time.Since(start); d > 3*time.Second {
				t.Fatalf("took %s: the watch did not start", d)
			}
		})
	}
}
