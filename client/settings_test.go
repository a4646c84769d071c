package client

import (
	"bytes"
	"errors"
	"slices"
	"strconv"
	"testing"
)

// batchScript answers USER and PASS, then reads n commands before it
// answers any of them: a client that waited for each reply before the
// next command would never get one (the fake's deadline ends the test).
// Then it answers NOOP, which shows the replies and commands in step.
func batchScript(n int, replies ...string) func(c *fakeConn) {
	return func(c *fakeConn) {
		c.send("220 hi")
		c.expect("USER")
		c.send("331 password")
		c.expect("PASS")
		c.send("230 in")
		for range n {
			c.recv()
		}
		c.send(replies...)
		c.expect("NOOP")
		c.send("200 ok")
	}
}

func TestLoginAndApplyPipelines(t *testing.T) {
	feat := []string{"211-Features:", " SIZE", " MDTM", "211 End"}
	tests := []struct {
		name     string
		login    TransferType // Config.Type; ASCII (the session's first type) when ""
		st       Settings
		sent     []string // after PASS, in order
		replies  []string
		wantErr  error // errors.Is; nil for none
		wantCode int   // the refusal's reply code
		wantType TransferType
		wantSize bool // Features().Has("SIZE") without asking again
	}{
		{
			name:     "type features dir",
			st:       Settings{Type: TypeImage, Features: true, Dir: "/data/in"},
			sent:     []string{"TYPE I", "FEAT", "CWD /data/in"},
			replies:  append(append([]string{"200 binary"}, feat...), "250 ok"),
			wantType: TypeImage,
			wantSize: true,
		},
		{
			name:     "login type only",
			login:    TypeImage,
			st:       Settings{Dir: "d"},
			sent:     []string{"TYPE I", "CWD d"},
			replies:  []string{"200 binary", "250 ok"},
			wantType: TypeImage,
		},
		{
			name:     "refused type, the rest still read",
			st:       Settings{Type: TypeImage, Features: true, Dir: "d"},
			sent:     []string{"TYPE I", "FEAT", "CWD d"},
			replies:  append(append([]string{"504 no"}, feat...), "250 ok"),
			wantCode: 504,
			wantSize: true,
		},
		{
			name:     "refused FEAT means no features",
			st:       Settings{Type: TypeImage, Features: true},
			sent:     []string{"TYPE I", "FEAT"},
			replies:  []string{"200 binary", "502 no FEAT"},
			wantType: TypeImage,
		},
		{
			name:     "refused CWD",
			st:       Settings{Type: TypeImage, Dir: "gone"},
			sent:     []string{"TYPE I", "CWD gone"},
			replies:  []string{"200 binary", "550 no such directory"},
			wantCode: 550,
			wantType: TypeImage,
		},
		{
			name:     "site parameters after the directory, in order",
			st:       Settings{Type: TypeImage, Dir: "'ZFTP.'", Site: []string{"RECFM=FB LRECL=80", "FILETYPE=JES"}},
			sent:     []string{"TYPE I", "CWD 'ZFTP.'", "SITE RECFM=FB LRECL=80", "SITE FILETYPE=JES"},
			replies:  []string{"200 binary", "250 ok", "200 SITE command was accepted", "200 SITE command was accepted"},
			wantType: TypeImage,
		},
		{
			name:     "refused site",
			st:       Settings{Type: TypeImage, Site: []string{"UMASK 022", "BOGUS"}},
			sent:     []string{"TYPE I", "SITE UMASK 022", "SITE BOGUS"},
			replies:  []string{"200 binary", "200 umask", "500 unknown SITE command"},
			wantCode: 500,
			wantType: TypeImage,
		},
		{
			name:     "unexpected positive reply",
			st:       Settings{Type: TypeImage, Features: true},
			sent:     []string{"TYPE I", "FEAT"},
			replies:  []string{"200 binary", "200 not a feature list"},
			wantErr:  ErrUnexpectedReply,
			wantType: TypeImage,
		},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			var got []string
			fs := newFake(t, func(c *fakeConn) {
				batchScript(len(tt.sent), tt.replies...)(c)
				c.mu.Lock()
				got = slices.Clone(c.got)
				c.mu.Unlock()
			})
			login := tt.login
			if login == "" {
				login = TypeASCII
			}
			s, _ := fs.dial(t, Config{Type: login})
			rec := &recorder{}
			ctx := WithObserver(t.Context(), rec)
			err := s.LoginAndApply(ctx, "u", "pw", "", tt.st)
			switch {
			case tt.wantCode != 0:
				if ReplyCode(err) != tt.wantCode {
					t.Fatalf("LoginAndApply = %v, want reply %d", err, tt.wantCode)
				}
			case tt.wantErr != nil:
				if !errors.Is(err, tt.wantErr) {
					t.Fatalf("LoginAndApply = %v, want %v", err, tt.wantErr)
				}
			case err != nil:
				t.Fatalf("LoginAndApply: %v", err)
			}
			if _, err := s.Noop(ctx); err != nil {
				t.Fatalf("NOOP after the exchange: %v (replies out of step)", err)
			}
			<-fs.done
			if want := append([]string{"USER u", "PASS pw"}, append(tt.sent, "NOOP")...); !slices.Equal(got, want) {
				t.Errorf("server got %q, want %q", got, want)
			}
			if tt.wantType != "" && s.CurrentType() != tt.wantType {
				t.Errorf("type %q, want %q", s.CurrentType(), tt.wantType)
			}
			if tt.st.Features && tt.wantErr == nil {
				f, err := s.Features(ctx) // answered from the exchange: the server is gone
				if err != nil {
					t.Fatalf("Features: %v", err)
				}
				if f.Has("SIZE") != tt.wantSize {
					t.Errorf("Features %v, SIZE want %v", f, tt.wantSize)
				}
			}
			// Events in the order of a serial exchange: each command
			// just before its reply.
			var order []string
			for _, e := range rec.events {
				switch e := e.(type) {
				case CommandSent:
					order = append(order, "> "+e.Verb)
				case ReplyReceived:
					order = append(order, "< "+strconv.Itoa(e.Reply.Code))
				}
			}
			for i := 0; i+1 < len(order); i += 2 {
				if order[i][0] != '>' || order[i+1][0] != '<' {
					t.Fatalf("events %q: not command, reply, command, reply", order)
				}
			}
		})
	}
}

func TestApplyNothingToDo(t *testing.T) {
	fs := newFake(t, func(c *fakeConn) {
		c.send("220 hi")
		c.expect("NOOP")
		c.send("200 ok")
	})
	s, _ := fs.dial(t, Config{Type: TypeASCII})
	// No TLS: clear data protection is already in force; the type is the
	// current one (none asked yet: "" leaves it).
	if err := s.Apply(t.Context(), Settings{Protection: 'C'}); err != nil {
		t.Fatalf("Apply: %v", err)
	}
	if err := s.Apply(t.Context(), Settings{Protection: 'P'}); !errors.Is(err, ErrNotProtected) {
		t.Fatalf("Apply PROT P without TLS = %v, want ErrNotProtected", err)
	}
	if _, err := s.Noop(t.Context()); err != nil {
		t.Fatal(err)
	}
}

func TestApplyConnectionCut(t *testing.T) {
	fs := newFake(t, func(c *fakeConn) {
		c.send("220 hi")
		c.recv()
		c.recv()
		c.send("200 binary")
		c.conn.Close()
	})
	s, _ := fs.dial(t, Config{Type: TypeASCII})
	err := s.Apply(t.Context(), Settings{Type: TypeImage, Dir: "d"})
	if err == nil {
		t.Fatal("Apply succeeded on a connection cut before the second reply")
	}
	if s.Err() == nil {
		t.Error("the session is still usable after the control connection was cut")
	}
	if s.CurrentType() != TypeImage {
		t.Errorf("type %q: the accepted TYPE was not applied", s.CurrentType())
	}
}

// TestSettingsPassive: a passive command another session found working
// makes this session's first transfer go out together with it (the fake
// reads PASV and RETR before it answers either), costs no command of its
// own, and is refused when it is not a passive command.
func TestSettingsPassive(t *testing.T) {
	fs := newFake(t, func(c *fakeConn) {
		c.send("220 hi")
		c.expect("PASV")
		c.expect("RETR f")
		ln := pasvOnly(c)
		defer ln.Close()
		serveRetr(c, ln, "contents")
	})
	s, _ := fs.dial(t, Config{DataMethod: Passive, Type: TypeASCII})
	if err := s.Apply(t.Context(), Settings{Passive: "PORT"}); err == nil {
		t.Fatal("Apply with Passive PORT: no error")
	}
	if err := s.Apply(t.Context(), Settings{Passive: "PASV"}); err != nil {
		t.Fatalf("Apply: %v", err)
	}
	if got := s.PassiveCommand(); got != "PASV" {
		t.Errorf("PassiveCommand = %q, want PASV", got)
	}
	var b bytes.Buffer
	if _, err := s.Retr(t.Context(), "f", &b, nil); err != nil {
		t.Fatalf("RETR: %v", err)
	}
	if b.String() != "contents" {
		t.Errorf("got %q", b.String())
	}
}

// TestSettingsPassiveRefusedHere: EPSV, found working by another session,
// goes out together with the first transfer command; a server that
// refuses it (another one behind the same address) refuses the command
// with it. The session then falls back to PASV as when EPSV is refused
// alone, and the transfer and the next one (PASV together with RETR) get
// their data. Told not to fall back, or refused PASV too, the transfer
// fails on the refusal, and the session stays usable.
func TestSettingsPassiveRefusedHere(t *testing.T) {
	for _, tc := range []struct {
		name       string
		noFallback bool
		refusePASV bool
		wantCode   int // the refusal the transfer fails on; 0: it succeeds
	}{
		{name: "falls back to PASV"},
		{name: "NoEPSVFallback", noFallback: true, wantCode: 500},
		{name: "PASV refused too", refusePASV: true, wantCode: 502},
	} {
		t.Run(tc.name, func(t *testing.T) {
			fs := newFake(t, func(c *fakeConn) {
				c.send("220 hi")
				c.expect("EPSV")
				c.expect("RETR f")
				c.send("500 EPSV not understood", "503 Use PASV first")
				if tc.refusePASV {
					c.expect("PASV")
					c.send("502 PASV not implemented")
				}
				if tc.wantCode != 0 {
					c.expect("QUIT")
					c.send("221 bye")
					return
				}
				ln := c.pasv()
				defer ln.Close()
				c.expect("RETR f")
				serveRetr(c, ln, "first")
				c.expect("PASV")
				c.expect("RETR g")
				ln2 := pasvOnly(c)
				defer ln2.Close()
				serveRetr(c, ln2, "second")
			})
			s, _ := fs.dial(t, Config{DataMethod: ExtendedPassive, NoEPSVFallback: tc.noFallback})
			if err := s.Apply(t.Context(), Settings{Passive: "EPSV"}); err != nil {
				t.Fatalf("Apply: %v", err)
			}
			var b bytes.Buffer
			_, err := s.Retr(t.Context(), "f", &b, nil)
			if tc.wantCode != 0 {
				if ReplyCode(err) != tc.wantCode || b.Len() != 0 {
					t.Fatalf("RETR: %q, %v; want nothing and the %d", b.String(), err, tc.wantCode)
				}
				if s.Err() != nil {
					t.Fatalf("the session is not usable after the refusal: %v", s.Err())
				}
				if _, err := s.Quit(t.Context()); err != nil {
					t.Errorf("QUIT: %v", err)
				}
				return
			}
			if err != nil || b.String() != "first" {
				t.Fatalf("RETR f: %q, %v", b.String(), err)
			}
			b.Reset()
			if _, err := s.Retr(t.Context(), "g", &b, nil); err != nil || b.String() != "second" {
				t.Fatalf("RETR g: %q, %v", b.String(), err)
			}
			if got := s.PassiveCommand(); got != "PASV" {
				t.Errorf("PassiveCommand = %q, want PASV", got)
			}
		})
	}
}
