package client_test

import (
	"testing"
	"time"

	"github.com/zftp/zftp/client"
	"github.com/zftp/zftp/client/ftptest"
)

// TestSettingsAlive: Settings.Alive sends NOOP when nothing else is to be
// sent, so that Apply fails on a session the server has ended (its idle
// timeout, 421) and succeeds on one it still holds.
func TestSettingsAlive(t *testing.T) {
	srv := ftptest.NewServer(t, ftptest.WithIdleTimeout(300*time.Millisecond))
	s := loggedIn(t, srv)
	if err := s.Apply(t.Context(), client.Settings{Alive: true}); err != nil {
		t.Fatalf("Apply(Alive) on a live session: %v", err)
	}
	time.Sleep(time.Second)
	if err := s.Apply(t.Context(), client.Settings{}); err != nil {
		t.Fatalf("Apply of nothing sends nothing, so it cannot fail: %v", err)
	}
	err := s.Apply(t.Context(), client.Settings{Alive: true})
	if code := client.ReplyCode(err); code != 421 && s.Err() == nil {
		t.Fatalf("Apply(Alive) on a session the server ended: %v (reply %d), session usable; want 421 or a broken session", err, code)
	}
}

// TestSettingsAliveNoopRefused: a server that refuses NOOP (5xx) still
// answered it, so the session is there: Apply(Alive) succeeds.
func TestSettingsAliveNoopRefused(t *testing.T) {
	srv := ftptest.NewServer(t, ftptest.WithFaults(ftptest.Faults{ReplyCodeFor: map[string]string{"NOOP": "502 not implemented"}}))
	s := loggedIn(t, srv)
	if err := s.Apply(t.Context(), client.Settings{Alive: true, Type: client.TypeImage}); err != nil {
		t.Fatalf("Apply(Alive) with NOOP refused: %v", err)
	}
	if s.CurrentType() != client.TypeImage {
		t.Errorf("type %q after Apply, want I", s.CurrentType())
	}
}
