package client

import (
	"bytes"
	"io"
	"testing"
	"time"
)

// A plain upload keeps its data connection open until the server closes
// it or answers (drainPlain); a server that answers 226 and never closes
// the data connection ends the wait with its reply, not after the drain
// limit (10 s), and the session goes on.
func TestStorPlainDrainEndsWithReply(t *testing.T) {
	const size = 3<<20 + 17
	got := make(chan int64, 1)
	fs := newFake(t, func(c *fakeConn) {
		c.send("220 hi")
		ln := c.pasv()
		if ln == nil {
			return
		}
		defer ln.Close()
		c.expect("STOR held.bin")
		dc, err := ln.Accept()
		if err != nil {
			c.t.Error(err)
			return
		}
		defer dc.Close() // only when the script ends: the reply comes first
		c.send("150 go")
		n, _ := io.Copy(io.Discard, dc)
		got <- n
		c.send("226 have it all, data connection left open")
		c.expect("NOOP")
		c.send("200 ok")
	})
	s, _ := fs.dial(t, Config{Type: TypeImage, DataIdleTimeout: time.Minute})
	start := time.Now()
	tr, err := s.Stor(t.Context(), "held.bin", bytes.NewReader(make([]byte, size)), nil)
	if err != nil {
		t.Fatal(err)
	}
	if took := time.Since(start); took >= drainLimit/2 {
		t.Errorf("STOR took %s: the drain waited for the server's close, not its reply", took)
	}
	if n := <-got; n != size || tr.Bytes != size {
		t.Errorf("server read %d bytes, client sent %d, want %d", n, tr.Bytes, size)
	}
	if _, err := s.Noop(t.Context()); err != nil {
		t.Fatal(err)
	}
}
