package tls

import (
	"errors"
	"fmt"
	"strings"
	"testing"
)

// TestAlertFact: a server's alert becomes an AlertError with the cause
// it names; an alert with no cause of its own after a certificate request
// left unanswered is put down to the missing client certificate; the
// cause is found again through wrapping, and by the text of an error that
// only names the alert.
func TestAlertFact(t *testing.T) {
	for _, tt := range []struct {
		alert     string
		askedNone bool
		want      AlertCause
	}{
		{"protocol version not supported", false, AlertVersion},
		{"insufficient security", false, AlertCipher},
		{"certificate required", false, AlertNoClientCert},
		{"handshake failure", true, AlertNoClientCert},
		{"handshake failure", false, AlertCauseUnknown},
		{"unrecognized name", false, AlertServerNameUnknown},
	} {
		goErr := errors.New("remote error: tls: " + tt.alert)
		err := describeHandshakeError(goErr, tt.askedNone)
		var ae *AlertError
		if !errors.As(err, &ae) {
			t.Fatalf("%s: %T is not an AlertError", tt.alert, err)
		}
		if ae.Alert != tt.alert || ae.Cause != tt.want || !errors.Is(err, goErr) {
			t.Errorf("%s: AlertError{%q, %v}, want cause %v and the Go error wrapped", tt.alert, ae.Alert, ae.Cause, tt.want)
		}
		if got := AlertCauseOf(fmt.Errorf("open: %w", err)); got != tt.want {
			t.Errorf("%s: AlertCauseOf(wrapped) = %v, want %v", tt.alert, got, tt.want)
		}
		if tt.want != AlertCauseUnknown && !strings.HasSuffix(err.Error(), AlertHint(err)) {
			t.Errorf("%s: %q does not end with its cause %q", tt.alert, err, AlertHint(err))
		}
	}
	if got := AlertCauseOf(errors.New("read: remote error: tls: protocol version not supported")); got != AlertVersion {
		t.Errorf("AlertCauseOf(text) = %v, want AlertVersion", got)
	}
	clear := describeHandshakeError(errors.New("tls: first record does not look like a TLS handshake"), false)
	if !errors.Is(clear, ErrClearReply) {
		t.Errorf("%v: not ErrClearReply", clear)
	}
}
