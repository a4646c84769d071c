package client_test

import (
	"bytes"
	"context"
	"runtime"
	"testing"

	"github.com/zftp/zftp/client"
	"github.com/zftp/zftp/client/ftptest"
)

// TestASCIIRoundTrip: a local text file PUT in TYPE A reaches a server
// that stores LF (ftpd) with one LF per line, and comes back by GET byte
// for byte. The local text is this OS's: CR LF lines on Windows (sent as
// they are, never CR CR LF), LF lines elsewhere.
func TestASCIIRoundTrip(t *testing.T) {
	local := []byte("first\nsecond\n\nlast\n")
	if runtime.GOOS == "windows" {
		local = []byte("first\r\nsecond\r\n\r\nlast\r\n")
	}
	const stored = "first\nsecond\n\nlast\n"
	srv := ftptest.NewServer(t)
	s, err := client.Dial(context.Background(), srv.Host, srv.Port, client.Config{})
	if err != nil {
		t.Fatal(err)
	}
	defer s.Close()
	if err := s.Login(t.Context(), srv.User, srv.Password, ""); err != nil {
		t.Fatal(err)
	}
	if _, err := s.Type(t.Context(), client.TypeASCII); err != nil {
		t.Fatal(err)
	}
	if _, err := s.Stor(t.Context(), "text.txt", bytes.NewReader(local), nil); err != nil {
		t.Fatal(err)
	}
	if got := srv.ReadFile(t, "text.txt"); string(got) != stored {
		t.Fatalf("server stored %q, want %q", got, stored)
	}
	var back bytes.Buffer
	if _, err := s.Retr(t.Context(), "text.txt", &back, nil); err != nil {
		t.Fatal(err)
	}
	if !bytes.Equal(back.Bytes(), local) {
		t.Fatalf("GET wrote %q, want %q (on %s)", back.Bytes(), local, runtime.GOOS)
	}
}
