package zos

import (
	"context"
	"errors"
	"fmt"
	"os"
	"strings"
	"testing"

	"github.com/zftp/zftp/client"
	"github.com/zftp/zftp/internal/config"
	"github.com/zftp/zftp/tls"
	"github.com/zftp/zftp/transcript"
)

// The engine's facts and the z/OS words hint.go gives them.
var (
	errTimeout     = fmt.Errorf("greeting: read reply: %w", os.ErrDeadlineExceeded)
	errClearNotTLS = errors.New("TLS handshake: the server answered in clear text, not TLS: tls: first record does not look like a TLS handshake")
	otherHost      = &tls.VerifyError{Check: tls.CheckHostName, Subject: "CN=other.example", Host: "127.0.0.1", Detail: `not valid for "127.0.0.1" (valid for other.example)`}
	otherHostReq   = &tls.VerifyError{Check: tls.CheckHostName, Subject: "CN=other.example", Host: "127.0.0.1", HostRequired: true, Detail: `not valid for "127.0.0.1" (valid for other.example)`}
	unknownCA      = &tls.VerifyError{Check: tls.CheckUnknownCA, Subject: "CN=server", Detail: `issuer "CN=CA" is not a trust anchor in the keyring`}
)

const (
	zosModel      = "implicit TLS (SECUREIMPLICITZOS TRUE: 220 in clear, then the handshake) failed"
	zosAdvice     = "; a server that expects the handshake first needs SECUREIMPLICITZOS FALSE"
	netscapeModel = "implicit TLS (SECUREIMPLICITZOS FALSE: handshake first) failed"
	netAdvice     = "; a z/OS server that sends its 220 in clear first needs SECUREIMPLICITZOS TRUE"
	notCoded      = "SECURE_HOSTNAME not coded: zftp checks the name by default (coding SECURE_HOSTNAME OPTIONAL skips the check, as z/OS does)"
)

func implicitStart(mode client.SecurityMode, err error) error {
	return &client.StartError{Err: &client.ImplicitStartError{Mode: mode, Err: err}}
}

// renamed wraps an error under a text of its own: describe finds the fact
// but not its words.
type renamed struct{ err error }

func (r renamed) Error() string { return "something else" }
func (r renamed) Unwrap() error { return r.err }

// TestDescribe: each fact of the engine in the z/OS words of the message
// that shows it (ZFT0170E, ZFT0110E); the texts of the implicit starts
// are those of the goldens implicit_mismatch_true and _false.
func TestDescribe(t *testing.T) {
	for _, tt := range []struct {
		name string
		err  error
		want string
	}{
		{"z/OS model, no greeting", implicitStart(client.ImplicitZOS, errTimeout),
			zosModel + zosAdvice + ": greeting: read reply: i/o timeout"},
		{"z/OS model, a TLS record for a greeting", implicitStart(client.ImplicitZOS, fmt.Errorf("greeting: %w", client.ErrTLSGreeting)),
			zosModel + zosAdvice + ": greeting: " + client.ErrTLSGreeting.Error()},
		{"z/OS model, the context ended", &client.StartError{Err: fmt.Errorf("%w: %w", context.DeadlineExceeded, &client.ImplicitStartError{Mode: client.ImplicitZOS, Err: errTimeout})},
			"context deadline exceeded: " + zosModel + zosAdvice + ": greeting: read reply: i/o timeout"},
		{"handshake first, a clear 220", implicitStart(client.Implicit, errClearNotTLS),
			netscapeModel + netAdvice + ": " + errClearNotTLS.Error()},
		{"handshake first, another host's certificate", implicitStart(client.Implicit, otherHost),
			netscapeModel + ": " + otherHost.Error() + "; " + notCoded},
		{"z/OS model, another host's certificate, REQUIRED", implicitStart(client.ImplicitZOS, otherHostReq),
			zosModel + ": " + otherHostReq.Error() + "; SECURE_HOSTNAME REQUIRED"},
		{"handshake first, unknown CA", implicitStart(client.Implicit, unknownCA),
			netscapeModel + ": " + unknownCA.Error()},
		{"explicit, another host's certificate", fmt.Errorf("%w: %w", client.ErrSecurityRequired, otherHost),
			client.ErrSecurityRequired.Error() + ": " + otherHost.Error() + "; " + notCoded},
		{"explicit, unknown CA", fmt.Errorf("%w: %w", client.ErrSecurityRequired, unknownCA),
			client.ErrSecurityRequired.Error() + ": " + unknownCA.Error()},
		{"CCC, no close_notify", fmt.Errorf("CCC: %w: %w", client.ErrCCCCloseNotify, os.ErrDeadlineExceeded),
			"CCC: waiting for the server's close_notify (TLSRFCLEVEL RFC4217; try CCCNONOTIFY if the server sends none): i/o timeout"},
		{"a TLS record for a reply", fmt.Errorf("read reply: %w: %w", client.ErrMalformedReply, client.ErrTLSReply),
			"read reply: malformed reply: TLS data where a clear reply was expected (after CCC check TLSRFCLEVEL; on an implicit port check SECUREIMPLICITZOS)"},
		{"session not resumed", fmt.Errorf("data connection: %w", client.ErrSessionNotResumed),
			"data connection: the TLS session was not resumed and SECURE_SESSION_REUSE is REQUIRED"},
		{"a fact under a text of its own", renamed{client.ErrSessionNotResumed},
			"something else (the TLS session was not resumed and SECURE_SESSION_REUSE is REQUIRED)"},
		{"no fact", errors.New("RETR: 550 No such file"), "RETR: 550 No such file"},
		{"nil", nil, ""},
	} {
		t.Run(tt.name, func(t *testing.T) {
			if got := describe(tt.err); got != tt.want {
				t.Errorf("describe:\n got %q\nwant %q", got, tt.want)
			}
		})
	}
}

// TestHintForFacts: the hint after a failure names the real cause: the
// host name for a certificate of another host, implicit start or not;
// the other SECUREIMPLICITZOS model only where the model can be wrong.
func TestHintForFacts(t *testing.T) {
	open := lookup(newTable(), "OPEN").sub
	auth := func(err error) error { return shown(ecAuthentication, fmt.Errorf("open h: %w", err)) }
	for _, tt := range []struct {
		name    string
		err     error
		want    string
		wantNot string
		noSub   bool // the host came from the command line (no subcommand)
	}{
		{"implicit start, another host's certificate", auth(implicitStart(client.Implicit, otherHost)),
			"SECURE_HOSTNAME OPTIONAL", "SECUREIMPLICITZOS", false},
		{"z/OS model, another host's certificate", auth(implicitStart(client.ImplicitZOS, otherHost)),
			"not valid for 127.0.0.1", "SECUREIMPLICITZOS", true},
		{"explicit, another host's certificate", auth(fmt.Errorf("%w: %w", client.ErrSecurityRequired, otherHost)),
			"SECURE_HOSTNAME OPTIONAL", "--keyring", false},
		{"z/OS model, no greeting", auth(implicitStart(client.ImplicitZOS, errTimeout)),
			"needs SECUREIMPLICITZOS FALSE", "-w SECONDS", false},
		{"z/OS model, a TLS record for a greeting", auth(implicitStart(client.ImplicitZOS, fmt.Errorf("greeting: %w", client.ErrTLSGreeting))),
			"needs SECUREIMPLICITZOS FALSE", "TLSPORT", true},
		{"handshake first, a clear 220", auth(implicitStart(client.Implicit, errClearNotTLS)),
			"needs SECUREIMPLICITZOS TRUE", "--keyring", false},
		{"handshake first, unknown CA", auth(implicitStart(client.Implicit, unknownCA)),
			"--keyring", "SECUREIMPLICITZOS", false},
		{"plain session, a TLS record for a greeting", shown(ecConnectFailed, fmt.Errorf("open h: %w", &client.StartError{Err: fmt.Errorf("greeting: %w", client.ErrTLSGreeting)})),
			"ftps://host:port/", "-r TLS", false}, // TLSPORT alone waits for a clear 220 (SECUREIMPLICITZOS TRUE)
	} {
		t.Run(tt.name, func(t *testing.T) {
			sub := open
			if tt.noSub {
				sub = nil
			}
			got := hintFor(sub, tt.err, false)
			if !strings.Contains(got, tt.want) || tt.wantNot != "" && strings.Contains(got, tt.wantNot) {
				t.Errorf("hint %q: want %q in it and not %q", got, tt.want, tt.wantNot)
			}
		})
	}
}

// TestCCCDraftRefusal: CCC and CPROTECT CLEAR under TLSRFCLEVEL DRAFT
// are refused with config's one text, before the engine is asked (no
// session is needed).
func TestCCCDraftRefusal(t *testing.T) {
	for _, what := range []string{"CCC", "CPROTECT CLEAR"} {
		var out strings.Builder
		a := &Interpreter{set: &Settings{cfg: config.Defaults()}, out: transcript.New(&out, transcript.Options{Verbose: true})}
		err := a.clearControl(what)
		if errorCode(err) != ecUsage || !isShown(err) {
			t.Errorf("%s: err = %v, want a shown FTP_USAGE error", what, err)
		}
		want := "ZFT0116E " + config.ErrCCCDraft.Error() + ".\n"
		if what != "CCC" {
			want = "ZFT0116E " + what + ": " + config.ErrCCCDraft.Error() + ".\n"
		}
		if out.String() != want {
			t.Errorf("%s:\n got %q\nwant %q", what, out.String(), want)
		}
	}
}

// TestTraceOfFacts: the DEBUG trace says the warning events as the
// transcript does, and a failed handshake in z/OS words.
func TestTraceOfFacts(t *testing.T) {
	for _, tt := range []struct {
		e    client.Event
		want string
	}{
		{client.ForeignPassiveAddress{Named: []byte{10, 9, 9, 9}, Server: []byte{127, 0, 0, 1}},
			"warning: 227 reply names 10.9.9.9, not the server's address 127.0.0.1; connecting to 127.0.0.1 (PASSIVEIGNOREADDR FALSE would follow the reply)"},
		{client.CCCRecordDiscarded{Bytes: 31},
			"warning: the server sent a TLS record (its close_notify) after CCC although TLSRFCLEVEL is CCCNONOTIFY; it was discarded"},
		{client.TLSFailed{Conn: "control", Err: otherHost},
			"SEC: control connection: TLS handshake failed: " + otherHost.Error() + "; " + notCoded},
		{client.ControlCleared{Mode: client.CCCRFC4217}, "CCC: TLS taken off the control connection (RFC4217: close_notify exchanged)"},
		{client.ControlCleared{Mode: client.CCCNoNotify}, "CCC: TLS taken off the control connection (CCCNONOTIFY: no close_notify)"},
	} {
		if got := traceLine(tt.e); got != tt.want {
			t.Errorf("traceLine(%T):\n got %q\nwant %q", tt.e, got, tt.want)
		}
	}
	var w strings.Builder
	writeTrace(&w, nil, client.CCCRecordDiscarded{})
	if !strings.HasPrefix(w.String(), "ZFT trace: warning: ") {
		t.Errorf("a warning event is not traced without DEBUG options: %q", w.String())
	}
}
