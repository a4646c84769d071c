package client_test

import (
	"bytes"
	"testing"
	"time"

	"github.com/zftp/zftp/client/ftptest"
)

// An upload to a server that answers 226 but keeps the data connection
// open until the client closes it (goftp.io/server does) ends with the
// reply, not after the client's drain limit (10 s); the file is whole.
// Under TLS and in clear: a plain upload's data connection, too, stays
// open until the server closes it or answers (drainPlain).
func TestStorServerHoldsDataConnection(t *testing.T) {
	for _, sec := range uploadSecurity {
		t.Run(sec.name, func(t *testing.T) {
			opts := append([]ftptest.Option{ftptest.WithFaults(ftptest.Faults{HoldUploadData: true})}, sec.opts...)
			srv := ftptest.NewServer(t, opts...)
			s := loggedInWith(t, srv, sec.cfg(t, srv), false)
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
		})
	}
}
