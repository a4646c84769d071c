package main

import (
	"os"
	"path/filepath"
	"testing"

	"github.com/zftp/zftp/client/ftptest"
	"github.com/zftp/zftp/internal/ftpd"
)

// testServer is an in-process FTP server on 127.0.0.1 that answers with
// the z/OS server's reply texts (client/ftptest with WithIBM).
type testServer struct {
	*ftptest.Server
}

// startServer starts the test server; faults, when given, make it
// misbehave on purpose.
func startServer(t *testing.T, faults *ftpd.Faults) *testServer {
	t.Helper()
	opts := []ftptest.Option{ftptest.WithIBM()}
	if faults != nil {
		opts = append(opts, ftptest.WithFaults(*faults))
	}
	return &testServer{ftptest.NewServer(t, opts...)}
}

// write creates a file under the server's root.
func (s *testServer) write(t *testing.T, name string, data []byte) {
	t.Helper()
	s.WriteFile(t, name, data)
}

// read returns a file under the server's root.
func (s *testServer) read(t *testing.T, name string) []byte {
	t.Helper()
	return s.ReadFile(t, name)
}

// writeNetrc writes dir/netrc for this server with the given mode.
func (s *testServer) writeNetrc(t *testing.T, dir string, mode os.FileMode) string {
	t.Helper()
	p := filepath.Join(dir, "netrc")
	body := "machine " + s.Host + " login " + s.User + " password " + s.Password + "\n"
	if err := os.WriteFile(p, []byte(body), mode); err != nil {
		t.Fatal(err)
	}
	if err := os.Chmod(p, mode); err != nil {
		t.Fatal(err)
	}
	return p
}
