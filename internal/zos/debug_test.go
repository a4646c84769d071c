package zos

import (
	"crypto/x509"
	"crypto/x509/pkix"
	"errors"
	"strings"
	"testing"

	"github.com/zftp/zftp/client"
)

// TestActiveTraces checks EZA2923I's text against IBM: "Interpreting FTP
// client output" (DEBUG ALL: "FLO CMD PAR INT ACC UTL SEC FSC(1) SOC(1)
// SQL") and "Tracing the FTP client" (DEBUG ACC INT FSC: "INT ACC
// FSC(1)"; DEBUG without options: "CMD INT FSC(1) SOC(1)"): IBM's order,
// levels in parentheses, every trace turned on listed (DEBUG FLO: "FLO"),
// also those zftp has no trace points for.
func TestActiveTraces(t *testing.T) {
	tests := []struct {
		opts []string
		want string
	}{
		{nil, "NONE"},
		{[]string{"ALL"}, "FLO CMD PAR INT ACC UTL SEC FSC(1) SOC(1) SQL"},
		{[]string{"BAS"}, "CMD INT FSC(1) SOC(1)"},
		{[]string{"ACC", "INT", "FSC"}, "INT ACC FSC(1)"},
		{[]string{"SOC", "UTL", "FSC(2)"}, "UTL FSC(2) SOC(1)"},
		{[]string{"SEC"}, "SEC"},
		{[]string{"FLO"}, "FLO"},
		{[]string{"FLO", "PAR", "SQL"}, "FLO PAR SQL"},
		{[]string{"NOSUCH"}, "NONE"},
	}
	for _, tt := range tests {
		if got := activeTraces(tt.opts); got != tt.want {
			t.Errorf("activeTraces(%q) = %q, want %q", tt.opts, got, tt.want)
		}
	}
}

// TestSECTrace checks that DEBUG SEC traces the TLS steps, a failed
// handshake with its reason, and nothing of CMD; and that -d (BAS)
// traces commands and no TLS step.
func TestSECTrace(t *testing.T) {
	events := []client.Event{
		client.CommandSent{Verb: "AUTH", Line: "AUTH TLS"},
		client.TLSStarted{Conn: "control", ServerName: "zos.example.com"},
		client.TLSHandshake{Conn: "control", Protocol: "TLSv1.3", Cipher: "TLS_AES_128_GCM_SHA256",
			Chain: []*x509.Certificate{{Subject: pkix.Name{CommonName: "zos"}, Issuer: pkix.Name{CommonName: "CA"}}}},
		client.TLSFailed{Conn: "data", Err: errors.New("remote error: tls: protocol version not supported")},
	}
	run := func(opts ...string) string {
		var b strings.Builder
		for _, e := range events {
			writeTrace(&b, opts, e)
		}
		return b.String()
	}
	sec := run("SEC")
	for _, want := range []string{
		"ZFT trace: SEC: control connection: ClientHello sent (server name zos.example.com)\n",
		"ZFT trace: SEC: control connection: TLSv1.3 with TLS_AES_128_GCM_SHA256 chosen, resumed false\n",
		"ZFT trace: SEC: control connection: server certificate 0: \"CN=zos\" (issuer \"CN=CA\")\n",
		"ZFT trace: SEC: control connection: server certificate chain verified\n",
		"ZFT trace: SEC: data connection: TLS handshake failed: remote error: tls: protocol version not supported\n",
	} {
		if !strings.Contains(sec, want) {
			t.Errorf("DEBUG SEC trace lacks %q:\n%s", want, sec)
		}
	}
	if strings.Contains(sec, "sent: AUTH") {
		t.Errorf("DEBUG SEC traces commands:\n%s", sec)
	}
	bas := run("BAS")
	if !strings.Contains(bas, "sent: AUTH TLS") || strings.Contains(bas, "ClientHello") {
		t.Errorf("DEBUG BAS trace:\n%s", bas)
	}
}
