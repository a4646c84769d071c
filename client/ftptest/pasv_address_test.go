package ftptest_test

import (
	"bytes"
	"context"
	"net"
	"strings"
	"sync"
	"testing"
	"time"

	"github.com/zftp/zftp/client"
	"github.com/zftp/zftp/client/ftptest"
	"github.com/zftp/zftp/tls"
)

// TestWithPassiveAddress: a server whose 227 names 127.0.0.2 (a NAT)
// while it listens on 127.0.0.1. With PassiveIgnoreAddr the engine
// connects to the control connection's peer and PROT P transfers work;
// without it the engine warns and its connection to 127.0.0.2 is refused.
func TestWithPassiveAddress(t *testing.T) {
	probe, err := net.ListenTCP("tcp", &net.TCPAddr{IP: net.IPv4(127, 0, 0, 2)})
	if err != nil {
		t.Skipf("127.0.0.2 not usable: %v", err)
	}
	probe.Close()
	srv := ftptest.NewServer(t, ftptest.WithTLS(client.ExplicitAllowed), ftptest.WithRequireTLS(),
		ftptest.WithPassiveAddress(net.IPv4(127, 0, 0, 2)))
	for _, ignore := range []bool{true, false} {
		var mu sync.Mutex
		var warnings []string
		cfg := client.Config{
			DataMethod:         client.Passive,
			PassiveIgnoreAddr:  ignore,
			ConnectTimeout:     3 * time.Second,
			ReplyTimeout:       10 * time.Second,
			DataConnectTimeout: 5 * time.Second,
			DataIdleTimeout:    10 * time.Second,
			Security: client.Security{Mode: client.ExplicitRequired,
				Options: tls.Options{Keyring: srv.Keyring(t, false)}},
			Observer: client.ObserverFunc(func(e client.Event) {
				if w, ok := e.(client.Warning); ok {
					mu.Lock()
					warnings = append(warnings, w.Message)
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
		if err := s.Login(srv.User, srv.Password, ""); err != nil {
			t.Fatal(err)
		}
		if _, err := s.Type(client.TypeImage); err != nil {
			t.Fatal(err)
		}
		data := bytes.Repeat([]byte("nat "), 10000)
		_, err = s.Stor("f.bin", bytes.NewReader(data), 0)
		mu.Lock()
		w := strings.Join(warnings, "\n")
		mu.Unlock()
		if ignore {
			if err != nil {
				t.Fatalf("PassiveIgnoreAddr: STOR: %v", err)
			}
			if !bytes.Equal(srv.ReadFile(t, "f.bin"), data) {
				t.Error("PassiveIgnoreAddr: stored data differs")
			}
			if w != "" {
				t.Errorf("PassiveIgnoreAddr: warnings %q", w)
			}
		} else {
			if err == nil {
				t.Error("without PassiveIgnoreAddr: STOR to 127.0.0.2 succeeded")
			}
			if !strings.Contains(w, "227 reply names 127.0.0.2") {
				t.Errorf("without PassiveIgnoreAddr: warnings %q", w)
			}
		}
		s.Close()
	}
}
