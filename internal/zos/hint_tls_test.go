package zos

import (
	"errors"
	"fmt"
	"net"
	"strings"
	"testing"

	"github.com/zftp/zftp/client"
	"github.com/zftp/zftp/tls"
)

// caHint is the advice for a certificate from a CA the keyring lacks: it
// belongs to that cause alone.
const caHint = "must chain to a CA"

// TestTLSHintForCause: each TLS failure gets the hint for the cause its
// message shows, and only the unknown CA gets the CA advice.
func TestTLSHintForCause(t *testing.T) {
	open := lookup(newTable(), "OPEN").sub
	auth := func(err error) error {
		return shown(ecAuthentication, fmt.Errorf("open h: %w", fmt.Errorf("%w: %w", client.ErrSecurityRequired, err)))
	}
	alert := func(a string) error {
		return auth(fmt.Errorf("TLS handshake: %w", &tls.AlertError{Alert: a, Cause: tls.AlertCauseOf(errors.New("remote error: tls: " + a)), Err: errors.New("remote error: tls: " + a)}))
	}
	for _, tt := range []struct {
		name, want string
		err        error
	}{
		{"unknown CA", caHint, auth(unknownCA)},
		{"host name", "not valid for 127.0.0.1", auth(otherHost)},
		{"expired", "validity period", auth(&tls.VerifyError{Check: tls.CheckExpired, Subject: "CN=s", Detail: "expired"})},
		{"not yet valid", "validity period", auth(&tls.VerifyError{Check: tls.CheckNotYetValid, Subject: "CN=s", Detail: "not yet"})},
		{"other chain fault", "does not verify", auth(&tls.VerifyError{Check: tls.CheckChain, Subject: "CN=s", Detail: "x"})},
		{"protocol version", "TLSVERSIONMIN and TLSVERSIONMAX", alert("protocol version not supported")},
		{"cipher suites", "CIPHERSUITE", alert("insufficient security")},
		{"client certificate", "client certificates", alert("certificate required")},
		{"unknown alert", "DEBUG SEC", alert("handshake failure")},
		{"clear reply for a record", "-r TLS (AUTH TLS)", auth(fmt.Errorf("TLS handshake: %w: x", tls.ErrClearReply))},
		{"AUTH refused", "-a TLS", auth(&client.ReplyError{Command: "AUTH TLS", Reply: &client.Reply{Code: 504, Lines: []string{"504 Unknown AUTH type."}}})},
	} {
		t.Run(tt.name, func(t *testing.T) {
			got := hintFor(open, tt.err, true)
			if !strings.Contains(got, tt.want) {
				t.Errorf("hint %q does not hold %q", got, tt.want)
			}
			if tt.want != caHint && strings.Contains(got, caHint) {
				t.Errorf("hint %q gives the CA advice for another cause", got)
			}
		})
	}
}

// TestHintTLSDemanded: a refusal whose text says the server wants TLS
// (the real texts of vsftpd, proftpd and pure-ftpd, and others worded
// alike) gets the -r TLS hint, unless TLS is in force already; a refusal
// that says nothing of TLS does not.
func TestHintTLSDemanded(t *testing.T) {
	tbl := newTable()
	for _, tt := range []struct {
		server, cmd string
		code        int
		text        string
		demands     bool
	}{
		{"vsftpd", "USER", 530, "530 Non-anonymous sessions must use encryption.", true},
		{"proftpd", "USER", 550, "550 SSL/TLS required on the control channel", true},
		{"pure-ftpd", "USER", 421, "421 Sorry, cleartext sessions and weak ciphers are not accepted on this server.", true},
		{"another wording", "PASS", 530, "530 Please login with USER and PASS over a secure connection (AUTH TLS first)", true},
		{"a wrong password", "PASS", 530, "530 Login incorrect.", false},
		{"a missing file", "RETR", 550, "550 Failed to open file.", false},
		{"a 2xx that speaks of TLS", "FEAT", 211, "211 AUTH TLS", false},
	} {
		err := &client.ReplyError{Command: tt.cmd, Reply: &client.Reply{Code: tt.code, Lines: []string{tt.text}}}
		for _, tlsOn := range []bool{false, true} {
			for _, sub := range []*subcommand{nil, lookup(tbl, "OPEN").sub, lookup(tbl, "USER").sub} {
				got := hintFor(sub, err, tlsOn)
				if want := tt.demands && !tlsOn; strings.Contains(got, "-r TLS") != want {
					t.Errorf("%s %q (TLS in force %v): hint %q, want the -r TLS hint: %v", tt.server, tt.text, tlsOn, got, want)
				}
			}
		}
	}
}

// TestHintOpenLookup: a host name that is not known gets advice about
// the name and where the port goes, never about passive mode.
func TestHintOpenLookup(t *testing.T) {
	open := lookup(newTable(), "OPEN").sub
	err := shown(ecConnectFailed, fmt.Errorf("open h:21: %w", &net.OpError{Op: "dial", Err: &net.DNSError{Err: "no such host", Name: "h:21", IsNotFound: true}}))
	got := hintFor(open, err, false)
	if !strings.Contains(got, "host name is not known") || strings.Contains(got, "passive") {
		t.Errorf("hint %q: want the host-name advice and no word of passive mode", got)
	}
}

// TestDescribeAlertStatement: describe names the statement that governs
// what the server's alert refused, after the engine's cause.
func TestDescribeAlertStatement(t *testing.T) {
	goErr := errors.New("remote error: tls: protocol version not supported")
	err := fmt.Errorf("open h: %w", &tls.AlertError{Alert: "protocol version not supported", Cause: tls.AlertVersion, Err: goErr})
	want := "open h: TLS handshake refused by the server (remote error: tls: protocol version not supported): the server does not accept the TLS versions offered (TLSVERSIONMIN to TLSVERSIONMAX)"
	if got := describe(err); got != want {
		t.Errorf("describe:\n got %q\nwant %q", got, want)
	}
}
