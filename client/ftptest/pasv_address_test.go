package ftptest_test

import (
	"bytes"
	"context"
	"net"
	"sync"
	"testing"
	"time"

	"github.com/zftp/zftp/client"
	"github.com/zftp/zftp/client/ftptest"
	"github.com/zftp/zftp/tls"
)

// TestWithPassiveAddress: a server whose 227 names 127.0.0.2 (a NAT)
// while it listens on 127.0.0.1. By default the engine connects to the
// control connection's peer and reports ForeignPassiveAddress; with
// PassiveIgnoreAddr it does so silently; with PassiveFollowAddr
// (PASSIVEIGNOREADDR FALSE coded) it reports the address as followed, and
// its connection to 127.0.0.2 is refused.
func TestWithPassiveAddress(t *testing.T) {
	probe, err := net.ListenTCP("tcp", &net.TCPAddr{IP: net.IPv4(127, 0, 0, 2)})
	if err != nil {
		t.Skipf("127.0.0.2 not usable: %v", err)
	}
	probe.Close()
	srv := ftptest.NewServer(t, ftptest.WithTLS(client.ExplicitAllowed), ftptest.WithRequireTLS(),
		ftptest.WithPassiveAddress(net.IPv4(127, 0, 0, 2)))
	tests := []struct {
		name           string
		ignore, follow bool
		ok             bool // the transfer goes to 127.0.0.1 and succeeds
		warn           bool
	}{
		{"default", false, false, true, true},
		{"PassiveIgnoreAddr", true, false, true, false},
		{"PassiveFollowAddr", false, true, false, true},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			var mu sync.Mutex
			var foreign []client.ForeignPassiveAddress
			cfg := client.Config{
				DataMethod:         client.Passive,
				PassiveIgnoreAddr:  tt.ignore,
				PassiveFollowAddr:  tt.follow,
				ConnectTimeout:     3 * time.Second,
				ReplyTimeout:       10 * time.Second,
				DataConnectTimeout: 5 * time.Second,
				DataIdleTimeout:    10 * time.Second,
				Security: client.Security{Mode: client.ExplicitRequired,
					Options: tls.Options{Keyring: srv.Keyring(t, false)}},
				Observer: client.ObserverFunc(func(e client.Event) {
					if f, ok := e.(client.ForeignPassiveAddress); ok {
						mu.Lock()
						foreign = append(foreign, f)
						mu.Unlock()
					}
				}),
			}
			ctx, cancel := context.WithTimeout(t.Context(), 15*time.Second)
			s, err := client.Dial(ctx, srv.Host, srv.Port, cfg)
			cancel()
			if err != nil {
				t.Fatal(err)
			}
			defer s.Close()
			if err := s.Login(t.Context(), srv.User, srv.Password, ""); err != nil {
				t.Fatal(err)
			}
			if _, err := s.Type(t.Context(), client.TypeImage); err != nil {
				t.Fatal(err)
			}
			data := bytes.Repeat([]byte("nat "), 10000)
			_, err = s.Stor(t.Context(), "f.bin", bytes.NewReader(data), nil)
			mu.Lock()
			got := foreign
			mu.Unlock()
			if tt.ok {
				if err != nil {
					t.Fatalf("STOR: %v", err)
				}
				if !bytes.Equal(srv.ReadFile(t, "f.bin"), data) {
					t.Error("stored data differs")
				}
			} else if err == nil {
				t.Error("STOR to 127.0.0.2 succeeded")
			}
			if !tt.warn {
				if len(got) != 0 {
					t.Errorf("ForeignPassiveAddress reported: %+v", got)
				}
				return
			}
			if len(got) != 1 {
				t.Fatalf("ForeignPassiveAddress events %+v, want one", got)
			}
			if f := got[0]; !f.Named.Equal(net.IPv4(127, 0, 0, 2)) || !f.Server.Equal(net.IPv4(127, 0, 0, 1)) || f.Followed != tt.follow {
				t.Errorf("ForeignPassiveAddress %+v, want 127.0.0.2 named, server 127.0.0.1, followed %v", f, tt.follow)
			}
		})
	}
}
