//go:build linux

package interop

import (
	"strings"
	"testing"
	"time"

	"github.com/zftp/zftp/client"
	"github.com/zftp/zftp/tls/tlstest"
)

// cccCase is one CCC attempt on an explicit TLS session.
type cccCase struct {
	name string
	mode client.CCCMode
	code int // the server's reply to CCC: 200 accepted, else refused
}

// TestCCC: CCC (clear control connection, RFC 4217 §6) after login on an explicit TLS session
// with PROT P. Where the server accepts it, commands continue in clear (the tap sees PASV and
// the transfer commands in clear text) and data connections stay protected: a 1 MiB put/get with
// equal SHA-256. Where the server refuses it, the session stays protected and usable.
//
// Measured: proftpd answers "200 Clearing control channel protection" and then sends its
// close_notify without waiting for the client's; pure-ftpd answers "200 Control connection
// unencrypted", sends its close_notify and waits for the client's; proftpd with "TLSRequired on"
// answers "534 Unwilling to accept security parameters"; vsftpd answers "500 Unknown command.";
// pyftpdlib answers `500 Command "CCC" not understood.`.
func TestCCC(t *testing.T) {
	t.Parallel()
	type setup struct {
		name  string
		kind  Kind
		opts  Options
		reuse bool // the server requires data connections to resume the control session
		cases []cccCase
	}
	setups := []setup{
		// TLSRequired auth+data: login and data must be protected, the control connection may be
		// cleared afterwards ("TLSRequired on" covers the control channel and refuses CCC).
		{name: "proftpd", kind: Proftpd, opts: Options{TLS: client.ExplicitAllowed, ProftpdTLSRequired: "auth+data", RequireReuse: true}, reuse: true,
			cases: []cccCase{{"RFC4217", client.CCCRFC4217, 200}}},
		{name: "proftpd-TLSRequired", kind: Proftpd, opts: Options{TLS: client.ExplicitAllowed, TLSRequired: true, RequireReuse: true}, reuse: true,
			cases: []cccCase{{"Refused", client.CCCRFC4217, 534}}},
		// pure-ftpd does not resume TLS sessions on data connections (nor require it).
		{name: "pure-ftpd", kind: PureFTPd, opts: Options{TLS: client.ExplicitAllowed, TLSRequired: true},
			cases: []cccCase{{"RFC4217", client.CCCRFC4217, 200}}},
		{name: "vsftpd", kind: Vsftpd, opts: Options{TLS: client.ExplicitAllowed, TLSRequired: true, RequireReuse: true}, reuse: true,
			cases: []cccCase{{"Refused", client.CCCRFC4217, 500}}},
		{name: "pyftpdlib", kind: Pyftpdlib, opts: Options{TLS: client.ExplicitAllowed, TLSRequired: true},
			cases: []cccCase{{"Refused", client.CCCRFC4217, 500}}},
	}
	checkEnabled(t)
	coverKinds(t, kindsOf(setups, func(s setup) Kind { return s.kind }), withoutTLS(nil))
	for _, st := range setups {
		t.Run(st.name, func(t *testing.T) {
			t.Parallel()
			ca := tlstest.NewCA(t, "zftp interop CCC CA")
			o := st.opts
			o.CA = ca.CA
			srv := Start(t, st.kind, o)
			for _, c := range st.cases {
				t.Run(c.name, func(t *testing.T) {
					tap := newWireTap(t, srv.Addr())
					l := &sessionLog{}
					cfg := tlsConfig(l, keyring(t, nil, ca))
					cfg.ReplyTimeout = 5 * time.Second
					cfg.Security.RequireReuse = st.reuse
					s, err := dialErr(t, Host, tap.port(), cfg)
					if err != nil {
						t.Fatalf("Dial: %v", err)
					}
					if err := s.Login(t.Context(), srv.User, srv.Password, ""); err != nil {
						t.Fatalf("Login: %v", err)
					}
					r, err := s.CCC(t.Context(), c.mode)
					t.Logf("%s: CCC: reply %q, error %v", srv.Kind, replyLine(r), err)
					if c.code != 200 {
						if got := client.ReplyCode(err); got != c.code {
							t.Fatalf("CCC: error %v (code %d), want the server's refusal %d", err, got, c.code)
						}
						if !s.Protected() || s.ControlCleared() {
							t.Errorf("after a refused CCC: Protected %v, ControlCleared %v; want protected", s.Protected(), s.ControlCleared())
						}
						if len(l.cleared) != 0 {
							t.Errorf("ControlCleared reported after a refused CCC: %+v", l.cleared)
						}
					} else {
						if err != nil {
							t.Fatalf("CCC: %v", err)
						}
						if r.Code != 200 {
							t.Errorf("CCC reply %d, want 200", r.Code)
						}
						if s.Protected() || !s.ControlCleared() {
							t.Errorf("after CCC: Protected %v, ControlCleared %v", s.Protected(), s.ControlCleared())
						}
						if len(l.cleared) != 1 || l.cleared[0].Mode != c.mode {
							t.Errorf("ControlCleared events %+v, want one with mode %v", l.cleared, c.mode)
						}
					}
					if err := s.Err(); err != nil {
						t.Fatalf("session unusable after CCC: %v", err)
					}
					if !s.DataProtected() {
						t.Errorf("PROT P no longer in force after CCC")
					}
					// Usable: a command and a protected download (a listing) before the put/get.
					if _, err := s.Noop(t.Context()); err != nil {
						t.Fatalf("NOOP after CCC: %v", err)
					}
					listNames(t, s, "")
					name := "ccc-" + strings.ToLower(c.name)
					putGet(t, s, srv, name)
					if st.reuse {
						wantResumed(t, l, 3)
					}
					if _, err := s.Quit(t.Context()); err != nil {
						t.Errorf("Quit: %v", err)
					}
					s.Close()
					tap.finish()
					// After CCC the commands cross in clear (what a NAT device or firewall needs);
					// after a refusal nothing does.
					sent := tap.Sent()
					for _, line := range []string{"PASV\r\n", "STOR " + name + "\r\n", "RETR " + name + "\r\n", "QUIT\r\n"} {
						if got := strings.Contains(sent, line); got != (c.code == 200) {
							t.Errorf("%q in clear on the control connection: %v, want %v", strings.TrimSpace(line), got, c.code == 200)
						}
					}
					if strings.Contains(sent, srv.Password) {
						t.Errorf("the password crossed the wire in clear")
					}
				})
			}
		})
	}
}

// TestCCCNoNotify: TLSRFCLEVEL CCCNONOTIFY (no close_notify exchange) against servers that do
// exchange close_notify. Neither server really supports it:
//   - proftpd sends its close_notify right after the 200 and does not wait for the client's. When
//     the alert arrives in the same read as the 200, crypto/tls buffers and drops it and the
//     session goes on in clear; when it arrives on its own, the next reply starts with the TLS
//     record (\x17\x03\x03\x00\x13...) and is malformed. Timing decides (about 1 run in 4 fails on
//     loopback).
//   - pure-ftpd waits for the client's close_notify: the first command after CCC is never
//     answered.
//
// What the client must guarantee: no hang past its reply timeout, and a session that either
// works or says it is broken.
func TestCCCNoNotify(t *testing.T) {
	t.Parallel()
	checkEnabled(t)
	kinds := []Kind{Proftpd, PureFTPd}
	coverKinds(t, kinds, withoutTLS(map[Kind]string{
		Vsftpd:    "vsftpd refuses CCC (TestCCC checks the refusal)",
		Pyftpdlib: "pyftpdlib refuses CCC (TestCCC checks the refusal)",
	}))
	for _, k := range kinds {
		t.Run(string(k), func(t *testing.T) {
			t.Parallel()
			ca := tlstest.NewCA(t, "zftp interop CCC CA")
			o := Options{TLS: client.ExplicitAllowed, TLSRequired: true, CA: ca.CA}
			if k == Proftpd {
				o.ProftpdTLSRequired = "auth+data"
			}
			srv := Start(t, k, o)
			l := &sessionLog{}
			cfg := tlsConfig(l, keyring(t, nil, ca))
			cfg.ReplyTimeout = 2 * time.Second
			s := dial(t, srv, cfg)
			if err := s.Login(t.Context(), srv.User, srv.Password, ""); err != nil {
				t.Fatalf("Login: %v", err)
			}
			r, err := s.CCC(t.Context(), client.CCCNoNotify)
			if err != nil || r.Code != 200 {
				t.Fatalf("CCC: reply %q, error %v; want 200", replyLine(r), err)
			}
			start := time.Now()
			r, err = s.Noop(t.Context())
			d := time.Since(start)
			t.Logf("%s: NOOP after CCC without close_notify: reply %q, error %v, after %v", k, replyLine(r), err, d.Round(time.Millisecond))
			if d > cfg.ReplyTimeout+time.Second {
				t.Errorf("NOOP after CCC took %v, more than the reply timeout %v", d.Round(time.Millisecond), cfg.ReplyTimeout)
			}
			switch {
			case err == nil && r.Code == 200:
				if k == PureFTPd {
					t.Errorf("pure-ftpd answered NOOP after CCC without close_notify: has it stopped waiting for the client's?")
				}
				if s.Err() != nil {
					t.Errorf("NOOP succeeded but the session reports %v", s.Err())
				}
			case err == nil:
				t.Errorf("NOOP after CCC: reply %q and no error", replyLine(r))
			default:
				if k == Proftpd {
					// proftpd sends its close_notify anyway; the engine skips it.
					t.Errorf("proftpd: NOOP after CCCNONOTIFY failed: %v", err)
				}
				if s.Err() == nil {
					t.Errorf("NOOP failed (%v) but the session still reports itself usable", err)
				}
			}
		})
	}
}

func replyLine(r *client.Reply) string {
	if r == nil {
		return "none"
	}
	return r.Last()
}
