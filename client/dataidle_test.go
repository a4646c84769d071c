package client_test

import (
	"errors"
	"io"
	"testing"
	"time"

	"github.com/zftp/zftp/client"
	"github.com/zftp/zftp/client/ftptest"
	"github.com/zftp/zftp/internal/ftpd"
)

// TestDataIdle: a data connection that moves no data for DataIdleTimeout
// ends the transfer with ErrDataIdle (a timeout, as errors.As net.Error
// finds it) without waiting ReplyTimeout more for a final reply the
// hanging server never sends; the session is then unusable.
func TestDataIdle(t *testing.T) {
	srv := ftptest.NewServer(t, ftptest.WithFaults(ftpd.Faults{DataDelay: time.Hour}))
	srv.WriteFile(t, "f.bin", make([]byte, 100))
	s, err := client.Dial(t.Context(), srv.Host, srv.Port, client.Config{DataIdleTimeout: 300 * time.Millisecond, ReplyTimeout: time.Minute})
	if err != nil {
		t.Fatal(err)
	}
	defer s.Close()
	if err := s.Login(t.Context(), srv.User, srv.Password, ""); err != nil {
		t.Fatal(err)
	}
	done := make(chan error, 1)
	go func() {
		_, err := s.Retr(t.Context(), "f.bin", io.Discard, nil)
		done <- err
	}()
	select {
	case err = <-done:
	case <-time.After(30 * time.Second):
		t.Fatal("RETR still waits after the data idle timeout: the final reply wait was not cut short")
	}
	if !errors.Is(err, client.ErrDataIdle) {
		t.Fatalf("RETR: %v, want ErrDataIdle", err)
	}
	if s.Err() == nil {
		t.Error("the session is usable after a data timeout with no final reply")
	}
}
