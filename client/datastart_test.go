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
)

// firstRetr runs the session's first transfer, one command after the
// other: PASV, then RETR a.
func firstRetr(c *fakeConn) {
	c.send("220 hi")
	ln := c.pasv()
	defer ln.Close()
	c.expect("RETR a")
	serveRetr(c, ln, "first")
}

func TestPassiveWithTransferCommand(t *testing.T) {
	tests := []struct {
		name    string
		serve   func(c *fakeConn) // after firstRetr, with PASV and RETR b read
		want    string            // the data of RETR b; "" when it must fail
		errCode int               // the failing reply's code
	}{
		{
			name: "both answered",
			serve: func(c *fakeConn) {
				ln := pasvOnly(c)
				defer ln.Close()
				serveRetr(c, ln, "second")
			},
			want: "second",
		},
		{
			name: "passive refused, transfer command refused",
			serve: func(c *fakeConn) {
				c.send("425 no passive port", "425 use PASV first")
			},
			errCode: 425,
		},
		{
			name: "passive refused, transfer command says 150 then fails",
			serve: func(c *fakeConn) {
				c.send("500 no", "150 opening", "425 cannot open data connection")
			},
			errCode: 500,
		},
		{
			name: "data connection refused",
			serve: func(c *fakeConn) {
				ln, _ := net.Listen("tcp", "127.0.0.1:0")
				p := portOf(ln)
				ln.Close() // nothing listens there
				c.send(fmtPASV("127,0,0,1", p), "425 no data connection")
			},
		},
		{
			// The server took RETR before the client connected, refused
			// it and closed its port: the 550 is the outcome, as when
			// the commands go one at a time.
			name: "transfer command refused, port closed before the connect",
			serve: func(c *fakeConn) {
				ln, _ := net.Listen("tcp", "127.0.0.1:0")
				p := portOf(ln)
				ln.Close()
				c.send(fmtPASV("127,0,0,1", p), "550 no such file")
			},
			errCode: 550,
		},
		{
			name: "malformed 227",
			serve: func(c *fakeConn) {
				c.send("227 Entering Passive Mode (nonsense)", "425 no data connection")
			},
		},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			var got []string
			fs := newFake(t, func(c *fakeConn) {
				firstRetr(c)
				// Both commands are read before PASV is answered: a
				// client that waited for the 227 would wait for ever.
				c.expect("PASV")
				c.expect("RETR b")
				tt.serve(c)
				c.expect("NOOP")
				c.send("200 ok")
				c.mu.Lock()
				got = slices.Clone(c.got)
				c.mu.Unlock()
			})
			s, _ := fs.dial(t, Config{DataMethod: Passive})
			var buf bytes.Buffer
			if _, err := s.Retr(t.Context(), "a", &buf, nil); err != nil || buf.String() != "first" {
				t.Fatalf("first RETR: %q, %v", buf.String(), err)
			}
			buf.Reset()
			rec := &recorder{}
			_, err := s.Retr(WithObserver(t.Context(), rec), "b", &buf, nil)
			switch {
			case tt.want != "":
				if err != nil || buf.String() != tt.want {
					t.Fatalf("RETR b: %q, %v", buf.String(), err)
				}
			case err == nil:
				t.Fatalf("RETR b succeeded (%q)", buf.String())
			case tt.errCode != 0 && ReplyCode(err) != tt.errCode:
				t.Fatalf("RETR b: %v, want the %d reply", err, tt.errCode)
			}
			if s.Err() != nil {
				t.Fatalf("session unusable after RETR b: %v", s.Err())
			}
			if _, err := s.Noop(t.Context()); err != nil {
				t.Fatalf("NOOP: %v (replies out of step)", err)
			}
			<-fs.done
			if want := []string{"PASV", "RETR a", "PASV", "RETR b", "NOOP"}; !slices.Equal(got, want) {
				t.Errorf("server got %q, want %q", got, want)
			}
			if cmds := rec.commands(); !slices.Equal(cmds, []string{"PASV", "RETR b"}) {
				t.Errorf("events %q", cmds)
			}
		})
	}
}

// With REST, and before any passive command worked, the commands go one
// after the other: the fake answers each before it reads the next.
func TestPassiveSerialWithRest(t *testing.T) {
	fs := newFake(t, func(c *fakeConn) {
		firstRetr(c)
		ln := c.pasv()
		defer ln.Close()
		c.expect("REST 3")
		c.send("350 restarting")
		c.expect("RETR b")
		serveRetr(c, ln, "ond")
	})
	s, _ := fs.dial(t, Config{DataMethod: Passive})
	var buf bytes.Buffer
	if _, err := s.Retr(t.Context(), "a", &buf, nil); err != nil {
		t.Fatal(err)
	}
	buf.Reset()
	_, err := s.Retr(t.Context(), "b", &buf, &TransferOptions{Offset: 3, SizeCheck: SizeOff})
	if err != nil || buf.String() != "ond" {
		t.Fatalf("RETR b from 3: %q, %v", buf.String(), err)
	}
}

// A transport failure between the two replies ends the session.
func TestPassiveWithTransferCommandCut(t *testing.T) {
	fs := newFake(t, func(c *fakeConn) {
		firstRetr(c)
		c.expect("PASV")
		c.expect("RETR b")
		ln := pasvOnly(c)
		ln.Close()
		c.conn.Close()
	})
	s, _ := fs.dial(t, Config{DataMethod: Passive})
	var buf bytes.Buffer
	if _, err := s.Retr(t.Context(), "a", &buf, nil); err != nil {
		t.Fatal(err)
	}
	_, err := s.Retr(t.Context(), "b", &buf, nil)
	if err == nil || !errors.Is(s.Err(), ErrClosed) {
		t.Fatalf("RETR b = %v, session %v: want an error and a broken session", err, s.Err())
	}
}

// With NoPipelining each command waits for the reply to the one before:
// when the fake has read PASV, nothing more has arrived; pipelined, RETR
// came in the same write.
func TestNoPipelining(t *testing.T) {
	for _, off := range []bool{false, true} {
		t.Run(map[bool]string{false: "pipelined", true: "NoPipelining"}[off], func(t *testing.T) {
			var queued, queuedSettings []int
			fs := newFake(t, func(c *fakeConn) {
				firstRetr(c)
				c.expect("TYPE I")
				queuedSettings = append(queuedSettings, c.r.Buffered())
				c.send("200 binary")
				c.expect("CWD d")
				c.send("250 ok")
				c.expect("PASV")
				queued = append(queued, c.r.Buffered())
				ln := pasvOnly(c)
				defer ln.Close()
				c.expect("RETR b")
				serveRetr(c, ln, "second")
			})
			s, _ := fs.dial(t, Config{DataMethod: Passive, NoPipelining: off})
			var buf bytes.Buffer
			if _, err := s.Retr(t.Context(), "a", &buf, nil); err != nil {
				t.Fatal(err)
			}
			if err := s.Apply(t.Context(), Settings{Type: TypeImage, Dir: "d"}); err != nil {
				t.Fatal(err)
			}
			buf.Reset()
			if _, err := s.Retr(t.Context(), "b", &buf, &TransferOptions{SizeCheck: SizeOff}); err != nil || buf.String() != "second" {
				t.Fatalf("RETR b: %q, %v", buf.String(), err)
			}
			<-fs.done
			if waited := queued[0] == 0 && queuedSettings[0] == 0; waited != off {
				t.Errorf("bytes behind PASV %d, behind TYPE %d: NoPipelining %v", queued[0], queuedSettings[0], off)
			}
		})
	}
}

// activeConnect connects to the address of a PORT line, as a server
// does before its 150.
func activeConnect(c *fakeConn, line string) net.Conn {
	var h [4]int
	var p1, p2 int
	if _, err := fmt.Sscanf(strings.TrimPrefix(line, "PORT "), "%d,%d,%d,%d,%d,%d", &h[0], &h[1], &h[2], &h[3], &p1, &p2); err != nil {
		c.t.Errorf("PORT line %q: %v", line, err)
		return nil
	}
	dc, err := net.Dial("tcp", fmt.Sprintf("%d.%d.%d.%d:%d", h[0], h[1], h[2], h[3], p1<<8|p2))
	if err != nil {
		c.t.Error(err)
		return nil
	}
	return dc
}

// In active mode PORT is never sent together with RETR (pyftpdlib loses
// the data then, datastart.go): when the fake has read the second PORT,
// nothing more has arrived.
func TestActiveNotPipelined(t *testing.T) {
	var queued int
	fs := newFake(t, func(c *fakeConn) {
		c.send("220 hi")
		for i, name := range []string{"a", "b"} {
			port := c.expect("PORT ")
			if i == 1 {
				queued = c.r.Buffered()
			}
			c.send("200 ok")
			c.expect("RETR " + name)
			dc := activeConnect(c, port)
			if dc == nil {
				return
			}
			c.send("150 here")
			dc.Write([]byte(name))
			dc.Close()
			c.send("226 done")
		}
	})
	s, _ := fs.dial(t, Config{DataMethod: Active})
	for _, name := range []string{"a", "b"} {
		var buf bytes.Buffer
		if _, err := s.Retr(t.Context(), name, &buf, nil); err != nil || buf.String() != name {
			t.Fatalf("RETR %s: %q, %v", name, buf.String(), err)
		}
	}
	<-fs.done
	if queued != 0 {
		t.Errorf("%d bytes came with the second PORT: RETR was sent before its reply", queued)
	}
}

// A transfer command sent together with its PASV and refused at once (a
// 4xx before any data moved, as Twisted 22.4 answers such a STOR) is sent
// again on its own, the data whole; the session's next transfer commands
// go one at a time (nothing queued behind PASV), with a warning once.
func TestRefusedTogetherSentAgain(t *testing.T) {
	var alone []int
	var stored []string
	fs := newFake(t, func(c *fakeConn) {
		c.send("220 hi")
		receive := func(ln net.Listener) {
			dc, err := ln.Accept()
			if err != nil {
				c.t.Error(err)
				return
			}
			c.send("150 send it")
			b, _ := io.ReadAll(dc)
			dc.Close()
			stored = append(stored, string(b))
			c.send("226 stored")
		}
		ln := c.pasv()
		c.expect("STOR a")
		receive(ln)
		ln.Close()
		// Together: refused at once, as Twisted does.
		c.expect("PASV")
		c.expect("STOR b")
		ln = pasvOnly(c)
		if dc, err := ln.Accept(); err == nil {
			dc.Close()
		}
		ln.Close()
		c.send("426 Transfer aborted.  Data connection closed.")
		for _, name := range []string{"b", "c"} {
			c.expect("PASV")
			alone = append(alone, c.r.Buffered())
			ln := pasvOnly(c)
			c.expect("STOR " + name)
			receive(ln)
			ln.Close()
		}
	})
	s, _ := fs.dial(t, Config{DataMethod: Passive})
	rec := &recorder{}
	ctx := WithObserver(t.Context(), rec)
	for _, name := range []string{"a", "b", "c"} {
		if _, err := s.Stor(ctx, name, strings.NewReader("data of "+name), nil); err != nil {
			t.Fatalf("STOR %s: %v", name, err)
		}
	}
	<-fs.done
	if want := []string{"data of a", "data of b", "data of c"}; !slices.Equal(stored, want) {
		t.Errorf("stored %q, want %q", stored, want)
	}
	if !slices.Equal(alone, []int{0, 0}) {
		t.Errorf("bytes queued behind PASV after the refusal: %v, want none", alone)
	}
	var warnings int
	for _, e := range rec.events {
		if w, ok := e.(Warning); ok && strings.Contains(w.Message, "STOR was refused (426) when sent together with PASV") {
			warnings++
		}
	}
	if warnings != 1 {
		t.Errorf("%d warnings about the refusal, want 1", warnings)
	}
}
