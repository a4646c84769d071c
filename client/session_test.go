package client

import (
	"bytes"
	"errors"
	"io"
	"strings"
	"testing"
	"time"
)

func TestLoginMasksPassword(t *testing.T) {
	fs := newFake(t, func(c *fakeConn) {
		c.send("220-FTPD1 IBM FTP CS V2R8", "220 Connection will close if idle.")
		c.expect("USER tiffany")
		c.send("331 Send password please.")
		c.expect("PASS s3cret")
		c.send("332 Need account.")
		c.expect("ACCT acct1")
		c.send("230 TIFFANY is logged on.")
		c.expect("QUIT")
		c.send("221 Goodbye.")
	})
	s, _ := fs.dial(t, Config{})
	rec := s.cfg.Observer.(*recorder)
	if g := s.Greeting(); g.Code != 220 || len(g.Lines) != 2 {
		t.Fatalf("greeting %+v", g)
	}
	if err := s.Login(t.Context(), "tiffany", "s3cret", "acct1"); err != nil {
		t.Fatal(err)
	}
	if _, err := s.Quit(t.Context()); err != nil {
		t.Fatal(err)
	}
	got := strings.Join(rec.commands(), "|")
	if got != "USER tiffany|PASS|ACCT acct1|QUIT" {
		t.Fatalf("commands reported %q", got)
	}
	for _, e := range rec.events {
		if strings.Contains(fmtEvent(e), "s3cret") {
			t.Fatalf("password in event %#v", e)
		}
	}
}

// TestQuotePassMasked: a PASS sent by Quote, with a tab or blanks after
// the verb, is reported without its argument, and its verb is PASS.
func TestQuotePassMasked(t *testing.T) {
	for _, line := range []string{"PASS\tpw1", "  pass   pw1"} {
		fs := newFake(t, func(c *fakeConn) {
			c.send("220 hi")
			c.recv()
			c.send("230 ok")
		})
		s, _ := fs.dial(t, Config{})
		rec := s.cfg.Observer.(*recorder)
		if _, err := s.Quote(t.Context(), line); err != nil {
			t.Fatal(err)
		}
		for _, e := range rec.events {
			if c, ok := e.(CommandSent); ok && (c.Verb != "PASS" || c.Line != "PASS") {
				t.Errorf("Quote(%q) reported %+v, want verb and line PASS", line, c)
			}
			if strings.Contains(fmtEvent(e), "pw1") {
				t.Errorf("Quote(%q): password in event %#v", line, e)
			}
		}
	}
}

func fmtEvent(e Event) string {
	var b strings.Builder
	switch v := e.(type) {
	case CommandSent:
		b.WriteString(v.Line)
	case ReplyReceived:
		b.WriteString(strings.Join(v.Reply.Lines, "\n"))
	case Warning:
		b.WriteString(v.Message)
	}
	return b.String()
}

func TestLoginRefused(t *testing.T) {
	fs := newFake(t, func(c *fakeConn) {
		c.send("220 hi")
		c.expect("USER u")
		c.send("331 pw")
		c.expect("PASS")
		c.send("530 Login incorrect.")
	})
	s, _ := fs.dial(t, Config{})
	err := s.Login(t.Context(), "u", "bad", "")
	var re *ReplyError
	if !errors.As(err, &re) || re.Reply.Code != 530 || re.Command != "PASS" {
		t.Fatalf("err = %v", err)
	}
	if strings.Contains(err.Error(), "bad") {
		t.Fatalf("password in error %q", err)
	}
}

func TestArgumentInjectionRefused(t *testing.T) {
	fs := newFake(t, func(c *fakeConn) {
		c.send("220 hi")
		c.expect("NOOP")
		c.send("200 ok")
	})
	s, _ := fs.dial(t, Config{})
	for _, arg := range []string{"a\r\nDELE x", "a\nb", "a\x00b"} {
		if _, err := s.Cwd(t.Context(), arg); !errors.Is(err, ErrBadArgument) {
			t.Fatalf("Cwd(%q) err = %v", arg, err)
		}
		if _, err := s.Retr(t.Context(), arg, io.Discard, nil); !errors.Is(err, ErrBadArgument) {
			t.Fatalf("Retr(%q) err = %v", arg, err)
		}
	}
	if _, err := s.Pass(t.Context(), "x\r\nDELE y"); !errors.Is(err, ErrBadArgument) || strings.Contains(err.Error(), "DELE") {
		t.Fatalf("Pass err = %v", err)
	}
	// The session is still in step with the server.
	if _, err := s.Noop(t.Context()); err != nil {
		t.Fatal(err)
	}
}

func TestPwdAndGreetingRefused(t *testing.T) {
	fs := newFake(t, func(c *fakeConn) {
		c.send("220 hi")
		c.expect("PWD")
		c.send(`257 "'TIFFANY.'" is working directory.`)
	})
	s, _ := fs.dial(t, Config{})
	dir, _, err := s.Pwd(t.Context())
	if err != nil || dir != "'TIFFANY.'" {
		t.Fatalf("Pwd = %q, %v", dir, err)
	}
}

// retrScript serves one RETR over PASV: reply1 after the command, then
// data, then the final reply lines.
func retrScript(data string, closeEarly bool, final ...string) func(c *fakeConn) {
	return func(c *fakeConn) {
		c.send("220 hi")
		ln := c.pasv()
		defer ln.Close()
		c.expect("RETR")
		dc, err := ln.Accept()
		if err != nil {
			return
		}
		c.send("125 Sending data set /u/x")
		dc.Write([]byte(data))
		dc.Close()
		if !closeEarly {
			time.Sleep(10 * time.Millisecond)
		}
		c.send(final...)
		c.recv()
	}
}

func TestRetrCompletionCodes(t *testing.T) {
	tests := []struct {
		name  string
		final []string
		code  int
		ok    bool
	}{
		{"226", []string{"226 Transfer complete"}, 226, true},
		{"ibm 250", []string{"250 Transfer completed successfully."}, 250, true},
		{"multi-line 226", []string{"226-Transfer complete", "226 bye"}, 226, true},
		{"451 after bytes", []string{"451 Local error"}, 451, false},
		{"550 after bytes", []string{"550 File unavailable"}, 550, false},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			fs := newFake(t, retrScript("hello\n", false, tt.final...))
			s, _ := fs.dial(t, Config{})
			s.typ = TypeImage
			var buf bytes.Buffer
			tr, err := s.Retr(t.Context(), "x", &buf, &TransferOptions{SizeCheck: SizeOff})
			if tt.ok != (err == nil) {
				t.Fatalf("err = %v", err)
			}
			if tr == nil || tr.Reply == nil || tr.Reply.Code != tt.code {
				t.Fatalf("transfer %+v", tr)
			}
			if !tt.ok && ReplyCode(err) != tt.code {
				t.Fatalf("ReplyCode(err) = %d", ReplyCode(err))
			}
			if tt.ok && (buf.String() != "hello\n" || tr.Bytes != 6) {
				t.Fatalf("data %q bytes %d", buf.String(), tr.Bytes)
			}
		})
	}
}

func TestRetrErrorWhileDataOpen(t *testing.T) {
	// 1xx, then 426 on the control connection while the data connection
	// stays open: the client must stop at once, not wait for the data.
	fs := newFake(t, func(c *fakeConn) {
		c.send("220 hi")
		partialRetr(c, func() {
			c.send("426 Connection closed; transfer aborted.")
			c.recv()
		})
	})
	s, _ := fs.dial(t, Config{DataIdleTimeout: 5 * time.Second})
	start := time.Now()
	_, err := s.Retr(t.Context(), "x", io.Discard, nil)
	if ReplyCode(err) != 426 {
		t.Fatalf("err = %v", err)
	}
	if d := time.Since(start); d > 3*time.Second {
		t.Fatalf("took %s", d)
	}
}

func TestRetrNoFinalReply(t *testing.T) {
	fs := newFake(t, func(c *fakeConn) {
		c.send("220 hi")
		ln := c.pasv()
		defer ln.Close()
		c.expect("RETR")
		dc, _ := ln.Accept()
		c.send("150 ok")
		dc.Write([]byte("abc"))
		dc.Close()
		c.recv() // never answers
	})
	s, _ := fs.dial(t, Config{ReplyTimeout: 300 * time.Millisecond})
	_, err := s.Retr(t.Context(), "x", io.Discard, nil)
	if err == nil || !strings.Contains(err.Error(), "no reply") {
		t.Fatalf("err = %v", err)
	}
	if _, err := s.Noop(t.Context()); !errors.Is(err, ErrClosed) {
		t.Fatalf("session after lost reply: %v", err)
	}
}

func TestEPSVFallsBackToPASV(t *testing.T) {
	fs := newFake(t, func(c *fakeConn) {
		c.send("220 hi")
		c.expect("EPSV")
		c.send("500 EPSV not understood")
		ln := c.pasv()
		defer ln.Close()
		c.expect("NLST")
		dc, _ := ln.Accept()
		c.send("150 ok")
		dc.Write([]byte("a\r\nb\r\n"))
		dc.Close()
		c.send("226 done")
		// second transfer goes straight to PASV
		ln2 := c.pasv()
		defer ln2.Close()
		c.expect("NLST")
		dc2, _ := ln2.Accept()
		c.send("150 ok")
		dc2.Close()
		c.send("226 done")
		c.recv()
	})
	s, _ := fs.dial(t, Config{DataMethod: ExtendedPassive})
	var buf bytes.Buffer
	if _, err := s.Nlst(t.Context(), "", &buf); err != nil {
		t.Fatal(err)
	}
	if buf.String() != "a\nb\n" {
		t.Fatalf("listing %q", buf.String())
	}
	if _, err := s.Nlst(t.Context(), "", io.Discard); err != nil {
		t.Fatal(err)
	}
}

func TestPassiveForeignAddressWarns(t *testing.T) {
	fs := newFake(t, func(c *fakeConn) {
		c.send("220 hi")
		c.expect("PASV")
		ln, _ := netListen("127.0.0.1:0")
		defer ln.Close()
		p := portOf(ln)
		c.send(fmtPASV("127,0,0,2", p))
		c.expect("NLST")
		dc, err := ln.Accept()
		if err != nil {
			return
		}
		c.send("150 ok")
		dc.Close()
		c.send("226 done")
		c.recv()
	})
	s, _ := fs.dial(t, Config{PassiveIgnoreAddr: true})
	rec := s.cfg.Observer.(*recorder)
	if _, err := s.Nlst(t.Context(), "", io.Discard); err != nil {
		t.Fatal(err)
	}
	for _, e := range rec.events {
		if _, ok := e.(Warning); ok {
			t.Fatalf("unexpected warning with PassiveIgnoreAddr: %v", e)
		}
	}
}

func TestASCIIConversion(t *testing.T) {
	fs := newFake(t, retrScript("l1\r\nl2\r\nbare\rcr\r\n", false, "226 ok"))
	s, _ := fs.dial(t, Config{})
	var buf bytes.Buffer
	if _, err := s.Retr(t.Context(), "x", &buf, nil); err != nil {
		t.Fatal(err)
	}
	if buf.String() != localText("l1\nl2\nbare\rcr\n", "l1\r\nl2\r\nbare\rcr\r\n") {
		t.Fatalf("ascii download %q", buf.String())
	}
}

func TestLFReaderAndCRLFWriter(t *testing.T) {
	in := "a\nb\n\nc"
	out, _ := io.ReadAll(newLFReader(strings.NewReader(in)))
	if string(out) != "a\r\nb\r\n\r\nc" {
		t.Fatalf("lfReader %q", out)
	}
	// CRLF split across writes.
	var buf bytes.Buffer
	w := newCRLFWriter(&buf)
	for _, p := range []string{"x\r", "\ny\r", "z\r"} {
		w.Write([]byte(p))
	}
	w.Flush()
	if buf.String() != "x\ny\rz\r" {
		t.Fatalf("crlfWriter %q", buf.String())
	}
}

func TestRetrShortOfAnnouncedSize(t *testing.T) {
	fs := newFake(t, func(c *fakeConn) {
		c.send("220 hi")
		ln := c.pasv()
		defer ln.Close()
		c.expect("RETR")
		dc, _ := ln.Accept()
		c.send("150 Opening BINARY mode data connection for x (10 bytes).")
		dc.Write([]byte("short"))
		dc.Close()
		c.send("226 Transfer complete.")
		c.recv()
	})
	s, _ := fs.dial(t, Config{})
	s.typ = TypeImage
	_, err := s.Retr(t.Context(), "x", io.Discard, &TransferOptions{SizeCheck: SizeOff})
	if !errors.Is(err, ErrShortTransfer) {
		t.Fatalf("err = %v", err)
	}
}
