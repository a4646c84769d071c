package client_test

import (
	"context"
	"errors"
	"fmt"
	"io"
	"slices"
	"strings"
	"testing"
	"time"

	"github.com/zftp/zftp/client"
	"github.com/zftp/zftp/client/ftptest"
	"github.com/zftp/zftp/internal/ftpd"
	"github.com/zftp/zftp/tls"
)

// protPConfig is a passive PROT P session's configuration for srv.
func protPConfig(t *testing.T, srv *ftptest.Server, noPipe bool) client.Config {
	return client.Config{DataMethod: client.Passive, NoPipelining: noPipe,
		Security: client.Security{Mode: client.ExplicitRequired, Options: tls.Options{Keyring: srv.Keyring(t, false)}}}
}

// TestStorEarlyUnderProtP: under PROT P a small upload sent together
// with its PASV makes the data connection's handshake and writes its data
// while the 150 is on its way (client/early.go). Each file arrives whole,
// the events are a serial exchange's, in its order (the handshake's after
// the 150), and a refused STOR ends at once although the server never
// takes the data connection the handshake waits on.
func TestStorEarlyUnderProtP(t *testing.T) {
	kinds := func(noPipe bool) []string {
		srv := ftptest.NewServer(t, ftptest.WithTLS(client.ExplicitRequired))
		s := loggedInWith(t, srv, protPConfig(t, srv, noPipe), true)
		if _, err := s.Stor(t.Context(), "a.bin", strings.NewReader("first file"), nil); err != nil {
			t.Fatalf("STOR a: %v", err)
		}
		rec := &eventLog{}
		second := strings.Repeat("second file ", 300)
		if _, err := s.Stor(client.WithObserver(t.Context(), rec), "b.bin", strings.NewReader(second), nil); err != nil {
			t.Fatalf("STOR b: %v", err)
		}
		if got := string(srv.ReadFile(t, "b.bin")); got != second {
			t.Errorf("stored %d bytes, want %d", len(got), len(second))
		}
		if got := string(srv.ReadFile(t, "a.bin")); got != "first file" {
			t.Errorf("a.bin holds %q", got)
		}
		return rec.kinds()
	}
	early, serial := kinds(false), kinds(true)
	if !slices.Equal(early, serial) {
		t.Errorf("events sent early:\n%q\none at a time:\n%q", early, serial)
	}
	if !slices.Contains(early, "client.TLSHandshake") {
		t.Errorf("no data handshake among the events: %q", early)
	}

	t.Run("refused", func(t *testing.T) {
		srv := ftptest.NewServer(t, ftptest.WithTLS(client.ExplicitRequired),
			ftptest.WithFaults(ftpd.Faults{ReplyCodeFor: map[string]string{"STOR": "553 Requested action not taken."}}))
		cfg := protPConfig(t, srv, false)
		cfg.DataConnectTimeout = time.Minute // a handshake left waiting would outlast ctx
		s := loggedInWith(t, srv, cfg, true)
		ctx, cancel := context.WithTimeout(t.Context(), 20*time.Second)
		defer cancel()
		for _, name := range []string{"a.bin", "b.bin"} {
			_, err := s.Stor(ctx, name, strings.NewReader("data"), nil)
			var re *client.ReplyError
			if !errors.As(err, &re) || re.Reply.Code != 553 {
				t.Fatalf("STOR %s: %v, want the 553", name, err)
			}
		}
		if _, _, err := s.Pwd(ctx); err != nil {
			t.Fatalf("PWD after the refusals: %v", err)
		}
	})
}

// eventLog keeps a call's events as the names of their kinds, with the
// command lines and reply codes.
type eventLog struct{ events []string }

func (l *eventLog) Observe(e client.Event) {
	switch e := e.(type) {
	case client.CommandSent:
		l.events = append(l.events, e.Line)
	case client.ReplyReceived:
		l.events = append(l.events, fmt.Sprint(e.Reply.Code))
	case client.TransferProgress:
		l.events = append(l.events, fmt.Sprintf("progress %d", e.Bytes))
	default:
		l.events = append(l.events, fmt.Sprintf("%T", e))
	}
}

func (l *eventLog) kinds() []string { return l.events }

// TestHandshakeBeforePreliminary: a protected passive transfer whose
// transfer command goes together with its PASV starts its data
// connection's handshake before the 1xx reply (client/earlystart.go).
// Against a server that handshakes before it sends the 1xx
// (Faults.TLSBeforeStart) a client that waits for the 1xx first would wait
// until the server gives up (the test's context ends long before
// DataConnectTimeout); here RETR, LIST and STOR complete, and the events
// are those of a server that handshakes after its 1xx, in the same order.
func TestHandshakeBeforePreliminary(t *testing.T) {
	data := strings.Repeat("0123456789", 40000) // past the first read's 256 KiB
	run := func(t *testing.T, before bool) []string {
		srv := ftptest.NewServer(t, ftptest.WithTLS(client.ExplicitRequired),
			ftptest.WithFaults(ftpd.Faults{TLSBeforeStart: before}))
		srv.WriteFile(t, "f.bin", []byte(data))
		cfg := protPConfig(t, srv, false)
		cfg.DataConnectTimeout = time.Minute
		s := loggedInWith(t, srv, cfg, true)
		ctx, cancel := context.WithTimeout(t.Context(), 20*time.Second)
		defer cancel()
		// PASV is known to work (as for a parallel session): the first
		// RETR goes together with it too
		if err := s.Apply(ctx, client.Settings{Passive: "PASV"}); err != nil {
			t.Fatal(err)
		}
		var b strings.Builder
		rec := &eventLog{}
		octx := client.WithObserver(ctx, rec)
		if _, err := s.Retr(octx, "f.bin", &b, nil); err != nil || b.String() != data {
			t.Fatalf("RETR: %v, %d bytes of %d", err, b.Len(), len(data))
		}
		if _, err := s.List(octx, "", io.Discard); err != nil {
			t.Fatalf("LIST: %v", err)
		}
		if _, err := s.Stor(octx, "g.bin", strings.NewReader(data), nil); err != nil {
			t.Fatalf("STOR: %v", err)
		}
		if got := string(srv.ReadFile(t, "g.bin")); got != data {
			t.Errorf("stored %d bytes, want %d", len(got), len(data))
		}
		return rec.kinds()
	}
	before, after := run(t, true), run(t, false)
	if !slices.Equal(before, after) {
		t.Errorf("events, server handshaking before its 1xx:\n%q\nafter it:\n%q", before, after)
	}
	if n := strings.Count(strings.Join(before, " "), "client.TLSHandshake"); n != 3 {
		t.Errorf("%d data handshakes among the events, want 3: %q", n, before)
	}
}
