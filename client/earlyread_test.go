package client

import (
	"errors"
	"io"
	"net"
	"slices"
	"strings"
	"testing"
	"time"
)

// downloadScript serves two RETRs: "a" on its own (the passive command
// then has worked), and "b", taken with its PASV together or not; the
// 227 for b takes twice earlyReadWait, as across a network. For b
// the server writes data and shuts the connection for writing, and when
// early is set sends its 150 and 226 only once the client has closed the
// data connection: a client that reads the 1xx before the data never
// closes, and never gets them. refuse answers b with a 550 and keeps the
// accepted connection open and silent: the client must not wait on it.
// slow sends the first 100 bytes, then the 150, then the rest after a
// pause, with a 226 after the client's close.
func downloadScript(data string, together, early, refuse, slow bool) func(c *fakeConn) {
	return func(c *fakeConn) {
		c.send("220 hi")
		ln := c.pasv()
		c.expect("RETR a")
		sendAfter150(c, ln, "first")
		ln.Close()
		c.expect("PASV")
		if together {
			c.expect("RETR b")
			time.Sleep(2 * earlyReadWait) // a server across a network
			ln = pasvOnly(c)
		} else {
			ln = pasvOnly(c)
			c.expect("RETR b")
		}
		defer ln.Close()
		dc, err := ln.Accept()
		if err != nil {
			c.t.Error(err)
			return
		}
		defer dc.Close()
		switch {
		case refuse:
			c.send("550 no such file")
			c.expect("NOOP")
			c.send("200 ok")
		case slow:
			io.WriteString(dc, data[:100])
			time.Sleep(100 * time.Millisecond)
			c.send("150 here it comes")
			time.Sleep(100 * time.Millisecond)
			io.WriteString(dc, data[100:])
			dc.(*net.TCPConn).CloseWrite()
			readFor(dc, 5*time.Second)
			c.send("226 sent")
		case early:
			io.WriteString(dc, data)
			dc.(*net.TCPConn).CloseWrite()
			if _, closed := readFor(dc, 5*time.Second); !closed {
				c.t.Error("the client did not close the data connection before the 150")
			}
			c.send("150 here it comes", "226 sent")
		default:
			c.send("150 here it comes")
			io.WriteString(dc, data)
			dc.(*net.TCPConn).CloseWrite()
			readFor(dc, 5*time.Second)
			c.send("226 sent")
		}
	}
}

// sendAfter150 serves a download on ln's next connection in RFC 959's
// order: 150, the data, 226.
func sendAfter150(c *fakeConn, ln net.Listener, data string) {
	dc, err := ln.Accept()
	if err != nil {
		c.t.Error(err)
		return
	}
	c.send("150 here it comes")
	io.WriteString(dc, data)
	dc.Close()
	c.send("226 sent")
}

// TestDownloadBeforePreliminary: a download sent together with its PASV
// reads its data as it comes, before the 150, and closes the data
// connection at its end (client/earlystart.go): against a server that
// sends its 150 and 226 only after that close it completes, and the
// events are those of the serial order. A refusal with a silent open data
// connection ends at once; a server that sends part of the data before
// its 150 and the rest after it gives the whole file; a file larger than
// earlyLimit arrives whole.
func TestDownloadBeforePreliminary(t *testing.T) {
	small := strings.Repeat("s", 3000)
	large := strings.Repeat("0123456789", earlyLimit/5)
	tests := []struct {
		name                                 string
		data                                 string
		cfg                                  Config
		together, early, refuse, slow, large bool
	}{
		{name: "small file, 1xx after the client's close", data: small, together: true, early: true},
		{name: "empty file", data: "", together: true, early: true},
		{name: "PIPELINE FALSE: read after the 150", data: small, cfg: Config{NoPipelining: true}},
		{name: "larger than earlyLimit", data: large, together: true},
		{name: "part before the 150, the rest after", data: small, together: true, slow: true},
		{name: "refused, the data connection open and silent", data: small, together: true, refuse: true},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			fs := newFake(t, downloadScript(tt.data, tt.together, tt.early, tt.refuse, tt.slow))
			cfg := tt.cfg
			cfg.DataMethod = Passive
			cfg.Type = TypeImage
			cfg.DataIdleTimeout = time.Minute // a read left waiting would outlast the test
			s, _ := fs.dial(t, cfg)
			s.typ = TypeImage
			var b strings.Builder
			if _, err := s.Retr(t.Context(), "a", &b, noCheck); err != nil || b.String() != "first" {
				t.Fatalf("RETR a: %v, %q", err, b.String())
			}
			b.Reset()
			start := time.Now()
			_, err := s.Retr(t.Context(), "b", &b, noCheck)
			if tt.refuse {
				var re *ReplyError
				if !errors.As(err, &re) || re.Reply.Code != 550 {
					t.Fatalf("RETR b: %v, want the 550", err)
				}
				if d := time.Since(start); d > 2*time.Second {
					t.Errorf("the refusal took %v", d)
				}
				if _, err := s.Noop(t.Context()); err != nil {
					t.Fatalf("NOOP after the refusal: %v", err)
				}
				<-fs.done
				return
			}
			if err != nil {
				t.Fatalf("RETR b: %v", err)
			}
			if b.String() != tt.data {
				t.Errorf("got %d bytes, want %d", b.Len(), len(tt.data))
			}
			<-fs.done
		})
	}
}

// TestDownloadBeforePreliminaryEvents: a download read before its 150
// reports the events of one read after it, in the same order, small or
// larger than earlyLimit (the progress events fall on the same counts).
func TestDownloadBeforePreliminaryEvents(t *testing.T) {
	for _, data := range []string{strings.Repeat("x", 1000), strings.Repeat("y", 300<<10)} {
		kinds := func(noPipe bool) []string {
			fs := newFake(t, downloadScript(data, !noPipe, false, false, false))
			s, _ := fs.dial(t, Config{DataMethod: Passive, Type: TypeImage, NoPipelining: noPipe})
			s.typ = TypeImage
			if _, err := s.Retr(t.Context(), "a", io.Discard, noCheck); err != nil {
				t.Fatal(err)
			}
			rec := &recorder{}
			if _, err := s.Retr(WithObserver(t.Context(), rec), "b", io.Discard, noCheck); err != nil {
				t.Fatal(err)
			}
			<-fs.done
			return transferEvents(rec.events)
		}
		early, serial := kinds(false), kinds(true)
		if !slices.Equal(early, serial) {
			t.Errorf("%d bytes, events read early:\n%q\nafter the 150:\n%q", len(data), early, serial)
		}
	}
}

// noCheck is a RETR without the size check (the fake answers no FEAT).
var noCheck = &TransferOptions{SizeCheck: SizeOff}

// TestReadEarlyOnlyAcrossANetwork: a plain download is read before its
// 1xx only when its passive exchange took earlyReadWait or more (on
// loopback the goroutine costs more CPU than the half round trip saves);
// under PROT P always (it rides in the handshake's goroutine); an upload
// never.
func TestReadEarlyOnlyAcrossANetwork(t *testing.T) {
	for _, tt := range []struct {
		verb string
		prot byte
		wait time.Duration
		want bool
	}{
		{"RETR", 'C', 0, false},
		{"RETR", 'C', earlyReadWait - 1, false},
		{"RETR", 'C', earlyReadWait, true},
		{"LIST", 'C', 20 * time.Millisecond, true},
		{"NLST", 'P', 0, true},
		{"STOR", 'C', 20 * time.Millisecond, false},
		{"STOR", 'P', 20 * time.Millisecond, false},
	} {
		s := &Session{}
		s.sec.prot = tt.prot
		if got := s.readEarly(tt.verb, tt.wait); got != tt.want {
			t.Errorf("%s, PROT %c, passive exchange of %v: read early %v, want %v", tt.verb, tt.prot, tt.wait, got, tt.want)
		}
	}
}

// TestNotePassiveKeepsTheShortest: one slow passive exchange on a busy
// loopback does not make a session read early; a network's round trip,
// every exchange at least that long, does.
func TestNotePassiveKeepsTheShortest(t *testing.T) {
	loopback := &Session{}
	for _, w := range []time.Duration{200 * time.Microsecond, 5 * time.Millisecond, 300 * time.Microsecond} {
		if loopback.readEarly("RETR", loopback.notePassive(w)) {
			t.Errorf("loopback: read early after an exchange of %v", w)
		}
	}
	wan := &Session{}
	for _, w := range []time.Duration{21 * time.Millisecond, 40 * time.Millisecond, 20 * time.Millisecond} {
		if !wan.readEarly("RETR", wan.notePassive(w)) {
			t.Errorf("20 ms away: not read early after an exchange of %v", w)
		}
	}
}
