package client

import (
	"bytes"
	"errors"
	"fmt"
	"io"
	"net"
	"slices"
	"strings"
	"testing"
	"time"

	"github.com/zftp/zftp/internal/platformtest"
)

// earlyRun is what the fake server saw of the second upload of
// TestUploadBeforePreliminary.
type earlyRun struct {
	before  []byte // on the data connection before the 150 was sent
	eofSeen bool   // the client had shut it for writing by then
	stored  []byte // all it carried
	clean   bool   // and it ended with end of file, not a reset
}

// earlyScript serves two STORs: "a" on its own (the passive command then
// has worked), and "b", taken with its PASV together or not. For b the
// server reads the data connection before it answers 150: until end of
// file when the client is to send early (a client that waits for the 150
// never gets it), else for quiet (nothing may come). refuse answers b with
// a 553 and never accepts its data connection, whose listener it keeps
// open: the data written early waits in the kernel, and the client must
// not wait for it.
func earlyScript(run *earlyRun, together, early, refuse bool) func(c *fakeConn) {
	return func(c *fakeConn) {
		c.send("220 hi")
		ln := c.pasv()
		c.expect("STOR a")
		receiveAfter150(c, ln)
		ln.Close()
		c.expect("PASV")
		if together {
			c.expect("STOR b")
			ln = pasvOnly(c)
		} else {
			ln = pasvOnly(c)
			c.expect("STOR b")
		}
		defer ln.Close()
		if refuse {
			// The listener stays open and the connection in its queue,
			// unaccepted, until the session has gone on.
			c.send("553 not allowed")
			c.expect("NOOP")
			c.send("200 ok")
			return
		}
		dc, err := ln.Accept()
		if err != nil {
			c.t.Error(err)
			return
		}
		defer dc.Close()
		wait := 200 * time.Millisecond // nothing may come: a window to see it in
		if early {
			wait = 5 * time.Second // all of it comes, then end of file
		}
		run.before, run.eofSeen = readFor(dc, wait)
		c.send("150 send it")
		rest, clean := readFor(dc, 5*time.Second)
		run.stored, run.clean = append(run.before, rest...), clean
		c.send("226 stored")
	}
}

// receiveAfter150 takes an upload on ln's next connection in RFC 959's
// order: 150, then the data.
func receiveAfter150(c *fakeConn, ln net.Listener) {
	dc, err := ln.Accept()
	if err != nil {
		c.t.Error(err)
		return
	}
	defer dc.Close()
	c.send("150 send it")
	io.ReadAll(dc)
	c.send("226 stored")
}

// readFor reads conn until end of file or for d, and says whether it
// ended.
func readFor(conn net.Conn, d time.Duration) ([]byte, bool) {
	conn.SetReadDeadline(time.Now().Add(d))
	defer conn.SetReadDeadline(time.Time{})
	var got bytes.Buffer
	_, err := io.Copy(&got, conn)
	return got.Bytes(), err == nil
}

func TestUploadBeforePreliminary(t *testing.T) {
	small := strings.Repeat("x", 4096)
	tests := []struct {
		name     string
		cfg      Config
		typ      TransferType
		payload  string
		wire     string // what the server must store
		together bool   // PASV and STOR b in one write
		early    bool   // all of b before the 150
		refuse   bool
	}{
		{name: "small file", payload: small, together: true, early: true},
		{name: "empty file", payload: "", together: true, early: true},
		{name: "at the limit", payload: strings.Repeat("y", earlyLimit), together: true, early: true},
		{name: "over the limit: after the 150", payload: strings.Repeat("z", earlyLimit+1), together: true},
		{name: "ASCII converted before", typ: TypeASCII, payload: "a\nb\n", wire: "a\r\nb\r\n", together: true, early: true},
		{name: "PIPELINE FALSE: after the 150", cfg: Config{NoPipelining: true}, payload: small},
		{name: "refused", payload: small, together: true, early: true, refuse: true},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			run := &earlyRun{}
			fs := newFake(t, earlyScript(run, tt.together, tt.early, tt.refuse))
			cfg := tt.cfg
			cfg.DataMethod = Passive
			cfg.Type = TypeImage
			if tt.typ != "" {
				cfg.Type = tt.typ
			}
			s, _ := fs.dial(t, cfg)
			s.typ = cfg.Type // the fake answers no TYPE
			if _, err := s.Stor(t.Context(), "a", strings.NewReader("first"), nil); err != nil {
				t.Fatalf("STOR a: %v", err)
			}
			_, err := s.Stor(t.Context(), "b", strings.NewReader(tt.payload), nil)
			if tt.refuse {
				var re *ReplyError
				if !errors.As(err, &re) || re.Reply.Code != 553 {
					t.Fatalf("STOR b: %v, want the 553", err)
				}
				if _, err := s.Noop(t.Context()); err != nil {
					t.Fatalf("NOOP after the refusal: %v", err)
				}
				<-fs.done
				return
			}
			if err != nil {
				t.Fatalf("STOR b: %v", err)
			}
			<-fs.done
			want := tt.payload
			if tt.wire != "" {
				want = tt.wire
			}
			if string(run.stored) != want {
				t.Errorf("stored %d bytes %.20q, want %d", len(run.stored), run.stored, len(want))
			}
			if tt.early != (run.eofSeen && string(run.before) == want) {
				t.Errorf("before the 150: %d bytes, end of file %v; want all of it and the end: %v",
					len(run.before), run.eofSeen, tt.early)
			}
			if !tt.early && len(run.before) > 0 {
				t.Errorf("%d bytes came before the 150", len(run.before))
			}
		})
	}
}

// TestUploadBeforePreliminaryEvents: a small upload sent before its 150
// reports the events of one sent after it, in the same order.
func TestUploadBeforePreliminaryEvents(t *testing.T) {
	kinds := func(noPipe bool) []string {
		run := &earlyRun{}
		fs := newFake(t, earlyScript(run, !noPipe, !noPipe, false))
		s, _ := fs.dial(t, Config{DataMethod: Passive, Type: TypeImage, NoPipelining: noPipe})
		s.typ = TypeImage
		if _, err := s.Stor(t.Context(), "a", strings.NewReader("first"), nil); err != nil {
			t.Fatal(err)
		}
		rec := &recorder{}
		if _, err := s.Stor(WithObserver(t.Context(), rec), "b", strings.NewReader("second"), nil); err != nil {
			t.Fatal(err)
		}
		<-fs.done
		return transferEvents(rec.events)
	}
	early, serial := kinds(false), kinds(true)
	if !slices.Equal(early, serial) {
		t.Errorf("events sent early:\n%q\none at a time:\n%q", early, serial)
	}
	if !slices.Contains(early, "progress 6") {
		t.Errorf("no progress event for the 6 bytes: %q", early)
	}
}

// TestUploadEarlyLocalReadError: a small source that fails is not sent
// before the 150, and its upload ends with a reset, never an end of file
// the server could take for a complete file.
func TestUploadEarlyLocalReadError(t *testing.T) {
	run := &earlyRun{}
	fs := newFake(t, earlyScript(run, true, false, false))
	s, _ := fs.dial(t, Config{DataMethod: Passive, Type: TypeImage})
	s.typ = TypeImage
	if _, err := s.Stor(t.Context(), "a", strings.NewReader("first"), nil); err != nil {
		t.Fatal(err)
	}
	_, err := s.Stor(t.Context(), "b", io.MultiReader(strings.NewReader("0123456789"), errReader{errors.New("disk on fire")}), nil)
	if !errors.Is(err, ErrLocalRead) {
		t.Fatalf("STOR b: %v, want ErrLocalRead", err)
	}
	<-fs.done
	if len(run.before) > 0 {
		t.Errorf("server saw %d bytes before the 150, want none", len(run.before))
	}
	switch {
	case platformtest.UnderWine():
		// A close with SO_LINGER 0 reaches the server as an end of file
		// under wine (wantRefused, upload_failed_test.go).
		t.Logf("under wine the data connection ended cleanly: %v", run.clean)
	case run.clean:
		t.Error("the data connection ended with an end of file, not a reset")
	}
}

// transferEvents names a transfer's events for comparison: the command
// lines, the reply codes, the progress counts, the start and the end.
func transferEvents(events []Event) []string {
	var out []string
	for _, e := range events {
		switch e := e.(type) {
		case CommandSent:
			out = append(out, e.Line)
		case ReplyReceived:
			out = append(out, fmt.Sprint(e.Reply.Code))
		case TransferProgress:
			out = append(out, fmt.Sprintf("progress %d", e.Bytes))
		case TransferStarted, TransferFinished:
			out = append(out, fmt.Sprintf("%T", e))
		}
	}
	return out
}
