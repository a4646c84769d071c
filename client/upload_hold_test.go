package client_test

import (
	"bytes"
	"testing"
	"time"

	"github.com/zftp/zftp/client"
	"github.com/zftp/zftp/client/ftptest"
	"github.com/zftp/zftp/tls"
)

// A TLS upload to a server that answers 226 but keeps the data connection
// open until the client closes it (goftp.io/server does) ends with the
// reply, not after the client's drain limit (10 s); the file is whole.
func TestStorServerHoldsDataConnection(t *testing.T) {
	srv := ftptest.NewServer(t, ftptest.WithTLS(client.ExplicitRequired), ftptest.WithFaults(ftptest.Faults{HoldUploadData: true}))
	cfg := client.Config{Security: client.Security{Mode: client.ExplicitRequired, Options: tls.Options{Keyring: srv.Keyring(t, false)}}}
	s, err := client.Dial(t.Context(), srv.Host, srv.Port, cfg)
	if err != nil {
		t.Fatal(err)
	}
	defer s.Close()
	if err := s.Login(t.Context(), srv.User, srv.Password, ""); err != nil {
		t.Fatal(err)
	}
	data := bytes.Repeat([]byte("held "), 100000)
	for _, name := range []string{"one", "two"} {
		start := time.Now()
		if _, err := s.Stor(t.Context(), name, bytes.NewReader(data), nil); err != nil {
			t.Fatal(err)
		}
		if took := time.Since(start); took > 5*time.Second {
			t.Errorf("STOR %s took %s: the client waited for the server's close", name, took)
		}
		if got := srv.ReadFile(t, name); !bytes.Equal(got, data) {
			t.Errorf("%s: %d bytes stored, want %d", name, len(got), len(data))
		}
	}
}
