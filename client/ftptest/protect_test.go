package ftptest_test

import (
	"bytes"
	"errors"
	"os"
	"strings"
	"sync"
	"testing"
	"time"

	"github.com/zftp/zftp/client"
	"github.com/zftp/zftp/client/ftptest"
	"github.com/zftp/zftp/internal/ftpd"
	"github.com/zftp/zftp/tls"
)

// sentLog records the verbs of the commands a session sends.
type sentLog struct {
	mu    sync.Mutex
	verbs []string
}

func (l *sentLog) Observe(e client.Event) {
	if c, ok := e.(client.CommandSent); ok {
		l.mu.Lock()
		l.verbs = append(l.verbs, strings.ToUpper(c.Verb))
		l.mu.Unlock()
	}
}

func (l *sentLog) sent(verbs ...string) []string {
	l.mu.Lock()
	defer l.mu.Unlock()
	var found []string
	for _, v := range l.verbs {
		for _, w := range verbs {
			if v == w {
				found = append(found, v)
			}
		}
	}
	return found
}

// dataVerbs are the commands that open or use a data connection.
var dataVerbs = []string{"PASV", "EPSV", "PORT", "EPRT", "RETR", "STOR", "APPE", "LIST", "NLST", "STOU", "MLSD"}

// TestProtectionRefusedMovesNoData: when data protection PRIVATE (the zero
// DataProtection under TLS) is refused at PBSZ or PROT, login succeeds
// with ErrProtectionRefused, and every transfer after it fails with the
// same error before any data command, PASV or PORT is sent.
func TestProtectionRefusedMovesNoData(t *testing.T) {
	for _, tt := range []struct {
		name   string
		faults ftpd.Faults
	}{
		{"PROT 534", ftpd.Faults{ReplyCodeFor: map[string]string{"PROT": "534 PROT P refused by policy"}}},
		{"PROT 536", ftpd.Faults{ReplyCodeFor: map[string]string{"PROT": "536 Requested PROT level not supported"}}},
		{"PBSZ 500", ftpd.Faults{ReplyCodeFor: map[string]string{"PBSZ": "500 unknown command"}}},
		{"PBSZ 534", ftpd.Faults{ReplyCodeFor: map[string]string{"PBSZ": "534 PBSZ refused"}}},
	} {
		t.Run(tt.name, func(t *testing.T) {
			srv := ftptest.NewServer(t, ftptest.WithTLS(client.ExplicitAllowed), ftptest.WithFaults(tt.faults))
			srv.WriteFile(t, "secret.txt", []byte("top secret"))
			log := &sentLog{}
			s, err := dialObserved(t, srv, client.Security{Mode: client.ExplicitRequired}, log)
			if !errors.Is(err, client.ErrProtectionRefused) {
				t.Fatalf("login: err = %v, want ErrProtectionRefused", err)
			}
			var re *client.ReplyError
			if !errors.As(err, &re) || re.Reply.Code/100 != 5 {
				t.Fatalf("login: err = %v, want it to wrap the 5xx reply", err)
			}
			if s.DataProtected() {
				t.Fatal("DataProtected after a refused PROT P")
			}
			var got bytes.Buffer
			for _, run := range []struct {
				name string
				do   func() error
			}{
				{"RETR", func() error { _, err := s.Retr(t.Context(), "secret.txt", &got, nil); return err }},
				{"STOR", func() error { _, err := s.Stor(t.Context(), "up.txt", strings.NewReader("data"), nil); return err }},
				{"APPE", func() error {
					_, err := s.Stor(t.Context(), "up.txt", strings.NewReader("data"), &client.TransferOptions{Append: true})
					return err
				}},
				{"LIST", func() error { _, err := s.List(t.Context(), "", &got); return err }},
				{"NLST", func() error { _, err := s.Nlst(t.Context(), "", &got); return err }},
			} {
				if err := run.do(); !errors.Is(err, client.ErrProtectionRefused) {
					t.Errorf("%s: err = %v, want ErrProtectionRefused", run.name, err)
				}
			}
			if got.Len() != 0 {
				t.Errorf("data arrived: %q", got.String())
			}
			if v := log.sent(dataVerbs...); len(v) != 0 {
				t.Errorf("data commands sent after a refused PROT P: %v", v)
			}
			if err := s.Err(); err != nil {
				t.Errorf("session unusable: %v", err)
			}
		})
	}

}

// TestDataHandshakeFailureMovesNoData: PROT P is in force but the server
// skips the data connection's TLS handshake (it would send the file in
// clear). The download fails with ErrDataHandshake and nothing reaches the
// writer; an upload fails the same way and the payload never reaches the
// server.
func TestDataHandshakeFailureMovesNoData(t *testing.T) {
	srv := ftptest.NewServer(t, ftptest.WithTLS(client.ExplicitAllowed),
		ftptest.WithFaults(ftpd.Faults{ClearDataUnderProtP: true}))
	srv.WriteFile(t, "secret.txt", []byte("top secret"))
	s, err := dialObserved(t, srv, client.Security{Mode: client.ExplicitRequired}, &sentLog{})
	if err != nil {
		t.Fatal(err)
	}
	if !s.DataProtected() {
		t.Fatal("PROT P not in force")
	}
	var got bytes.Buffer
	if _, err := s.Retr(t.Context(), "secret.txt", &got, nil); !errors.Is(err, client.ErrDataHandshake) {
		t.Fatalf("RETR: err = %v, want ErrDataHandshake", err)
	}
	if got.Len() != 0 {
		t.Fatalf("clear data reached the writer: %q", got.String())
	}
	payload := "payload-that-must-not-cross-in-clear"
	if _, err := s.Stor(t.Context(), "up.txt", strings.NewReader(payload), nil); !errors.Is(err, client.ErrDataHandshake) {
		t.Fatalf("STOR: err = %v, want ErrDataHandshake", err)
	}
	if b, _ := os.ReadFile(srv.Path("up.txt")); bytes.Contains(b, []byte(payload)) {
		t.Fatalf("the payload crossed in clear: %q", b)
	}
}

// dialObserved logs in to srv with sec, recording commands in log.
func dialObserved(t *testing.T, srv *ftptest.Server, sec client.Security, log *sentLog) (*client.Session, error) {
	t.Helper()
	sec.Options = tls.Options{Keyring: srv.Keyring(t, false), VerifyHostname: true}
	cfg := client.Config{
		ConnectTimeout:     3 * time.Second,
		ReplyTimeout:       10 * time.Second,
		DataConnectTimeout: 3 * time.Second,
		DataIdleTimeout:    5 * time.Second,
		Security:           sec,
		Observer:           log,
		DataMethod:         client.Passive,
	}
	s, err := client.Dial(t.Context(), srv.Host, srv.Port, cfg)
	if err != nil {
		t.Fatal(err)
	}
	t.Cleanup(func() { s.Close() })
	return s, s.Login(t.Context(), srv.User, srv.Password, "")
}
