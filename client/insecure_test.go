package client_test

import (
	"testing"

	"github.com/zftp/zftp/client"
	"github.com/zftp/zftp/client/ftptest"
	"github.com/zftp/zftp/tls"
)

// A server whose CA the client was not given is refused, unless the
// library user opts out of the checks by name (tls.Options.InsecureSkipVerify).
func TestInsecureSkipVerifyIsTheOnlyWayPastAnUnknownCA(t *testing.T) {
	srv := ftptest.NewServer(t, ftptest.WithTLS(client.ExplicitRequired))
	for _, insecure := range []bool{false, true} {
		cfg := client.Config{Security: client.Security{Mode: client.ExplicitRequired,
			Options: tls.Options{InsecureSkipVerify: insecure}}}
		s, err := client.Dial(t.Context(), srv.Host, srv.Port, cfg)
		if insecure != (err == nil) {
			t.Fatalf("InsecureSkipVerify %v: Dial error %v", insecure, err)
		}
		if err == nil {
			if err := s.Login(t.Context(), srv.User, srv.Password, ""); err != nil {
				t.Errorf("login over the unchecked session: %v", err)
			}
			s.Close()
		}
	}
}
