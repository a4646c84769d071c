package ftptest_test

import (
	"bytes"
	"context"
	"crypto/rand"
	"crypto/sha256"
	"os"
	"testing"
	"time"

	"github.com/zftp/zftp/client"
	"github.com/zftp/zftp/client/ftptest"
	"github.com/zftp/zftp/internal/platformtest"
	"github.com/zftp/zftp/tls"
)

// tlsDial connects the zftp engine to srv with sec (TLS on).
func tlsDial(t *testing.T, srv *ftptest.Server, sec client.Security) (*client.Session, error) {
	t.Helper()
	if sec.Mode == client.SecurityNone {
		sec.Mode = client.ExplicitRequired
	}
	sec.Options.VerifyHostname = true
	cfg := client.Config{
		ConnectTimeout:     3 * time.Second,
		ReplyTimeout:       10 * time.Second,
		DataConnectTimeout: 5 * time.Second,
		DataIdleTimeout:    10 * time.Second,
		Security:           sec,
	}
	ctx, cancel := context.WithTimeout(t.Context(), 15*time.Second)
	defer cancel()
	s, err := client.Dial(ctx, srv.Host, srv.Port, cfg)
	if err != nil {
		return nil, err
	}
	t.Cleanup(func() { s.Close() })
	if err := s.Login(t.Context(), srv.User, srv.Password, ""); err != nil {
		return s, err
	}
	return s, nil
}

// roundTrip uploads and downloads data and compares sha256.
func roundTrip(t *testing.T, s *client.Session, srv *ftptest.Server, name string) {
	t.Helper()
	if _, err := s.Type(t.Context(), client.TypeImage); err != nil {
		t.Fatal(err)
	}
	data := make([]byte, 300<<10)
	rand.Read(data)
	if _, err := s.Stor(t.Context(), name, bytes.NewReader(data), nil); err != nil {
		t.Fatalf("STOR: %v", err)
	}
	if sha256.Sum256(srv.ReadFile(t, name)) != sha256.Sum256(data) {
		t.Fatal("stored data differs")
	}
	var got bytes.Buffer
	if _, err := s.Retr(t.Context(), name, &got, nil); err != nil {
		t.Fatalf("RETR: %v", err)
	}
	if sha256.Sum256(got.Bytes()) != sha256.Sum256(data) {
		t.Fatal("retrieved data differs")
	}
}

func TestWithTLS(t *testing.T) {
	for _, tt := range []struct {
		mode client.SecurityMode
		sec  client.Security
	}{
		{client.ExplicitAllowed, client.Security{Mode: client.ExplicitRequired}},
		{client.Implicit, client.Security{Mode: client.Implicit}},
		{client.ImplicitZOS, client.Security{Mode: client.ImplicitZOS}},
	} {
		t.Run(tt.mode.String(), func(t *testing.T) {
			srv := ftptest.NewServer(t, ftptest.WithTLS(tt.mode), ftptest.WithRequireTLS(), ftptest.WithRequireReuse())
			if srv.CA == nil || srv.TLSMode != tt.mode {
				t.Fatalf("CA %v, mode %v", srv.CA, srv.TLSMode)
			}
			if b, err := os.ReadFile(srv.CAFile); err != nil || !bytes.Equal(b, srv.CA.CertPEM) {
				t.Fatalf("CAFile: %v", err)
			}
			sec := tt.sec
			sec.RequireReuse = true
			sec.Options = tls.Options{Keyring: srv.Keyring(t, false)}
			s, err := tlsDial(t, srv, sec)
			if err != nil {
				t.Fatal(err)
			}
			if !s.Protected() || !s.DataProtected() {
				t.Fatal("not protected")
			}
			roundTrip(t, s, srv, "x.bin")
		})
	}
}

func TestWithClientCert(t *testing.T) {
	srv := ftptest.NewServer(t, ftptest.WithTLS(client.ExplicitAllowed), ftptest.WithClientCert())
	fi, err := os.Stat(srv.ClientCertFile)
	if err != nil || fi.Mode().Perm() != platformtest.PrivateMode() || srv.ClientCert == nil {
		t.Fatalf("client certificate file: %v %v", fi, err)
	}
	if _, err := tlsDial(t, srv, client.Security{DataProtection: client.ProtNone, Options: tls.Options{Keyring: srv.Keyring(t, false)}}); err == nil {
		t.Fatal("logged in without a client certificate")
	}
	s, err := tlsDial(t, srv, client.Security{Options: tls.Options{Keyring: srv.Keyring(t, true)}})
	if err != nil {
		t.Fatal(err)
	}
	roundTrip(t, s, srv, "cert.bin")
}

func TestWithCCC(t *testing.T) {
	for _, tt := range []struct {
		name     string
		accept   bool
		nonotify bool
		mode     client.CCCMode
	}{
		{"RFC4217", true, false, client.CCCRFC4217},
		{"NoNotify", true, true, client.CCCNoNotify},
		{"refused", false, false, client.CCCRFC4217},
	} {
		t.Run(tt.name, func(t *testing.T) {
			srv := ftptest.NewServer(t, ftptest.WithTLS(client.ExplicitAllowed), ftptest.WithIBM(), ftptest.WithCCC(tt.accept, tt.nonotify))
			s, err := tlsDial(t, srv, client.Security{Options: tls.Options{Keyring: srv.Keyring(t, false)}})
			if err != nil {
				t.Fatal(err)
			}
			r, err := s.CCC(t.Context(), tt.mode)
			switch {
			case tt.accept && (err != nil || s.Protected()):
				t.Fatalf("CCC: %v %v, protected %v", r, err, s.Protected())
			case !tt.accept && (client.ReplyCode(err) != 534 || r.Text() != "CCC not supported" || !s.Protected()):
				t.Fatalf("refused CCC: %v %v, protected %v", r, err, s.Protected())
			}
			roundTrip(t, s, srv, "ccc.bin")
			if _, err := s.Quit(t.Context()); err != nil {
				t.Fatal(err)
			}
		})
	}
}
