//go:build linux

package interop

import (
	"strconv"
	"strings"
	"testing"

	"github.com/zftp/zftp/client"
	"github.com/zftp/zftp/tls/tlstest"
)

// termSizes are the terminal sizes of issue 23's acceptance.
var termSizes = []struct{ rows, cols uint16 }{{24, 80}, {12, 40}}

// TestTerminalTLSDemandHint: a server that accepts only TLS sessions
// refuses a clear login in its own words (vsftpd 530, proftpd 550,
// pure-ftpd 421); zftp at a terminal of either size shows the reply and
// the hint to open with -r TLS (issue 23 item 4).
func TestTerminalTLSDemandHint(t *testing.T) {
	bin := buildZftp(t)
	for _, k := range []Kind{Vsftpd, Proftpd, PureFTPd} {
		t.Run(string(k), func(t *testing.T) {
			ca := tlstest.NewCA(t, "interop CA")
			srv := Start(t, k, Options{TLS: client.ExplicitAllowed, TLSRequired: true, CA: ca.CA})
			for _, sz := range termSizes {
				t.Run(strconv.Itoa(int(sz.cols)), func(t *testing.T) {
					s := startTerm(t, bin, t.TempDir(), sz.rows, sz.cols, "-v", srv.Host, strconv.Itoa(srv.Port))
					s.Expect("NAME (")
					s.Send(srv.User + "\r")
					s.Expect("Hint: ")
					s.Expect("-r TLS")
					s.Expect("Command:")
					s.Send("quit\r")
					s.Wait()
				})
			}
		})
	}
}

// TestTerminalTLSCauseHint: with -r TLS but no keyring naming the
// server's CA, vsftpd and proftpd are refused for the cause shown (an
// unknown CA) and the hint is the CA's; the -r TLS advice never appears
// once TLS is in force (issue 23 item 4).
func TestTerminalTLSCauseHint(t *testing.T) {
	bin := buildZftp(t)
	for _, k := range []Kind{Vsftpd, Proftpd} {
		t.Run(string(k), func(t *testing.T) {
			ca := tlstest.NewCA(t, "interop CA")
			srv := Start(t, k, Options{TLS: client.ExplicitAllowed, TLSRequired: true, CA: ca.CA})
			for _, sz := range termSizes {
				t.Run(strconv.Itoa(int(sz.cols)), func(t *testing.T) {
					s := startTerm(t, bin, t.TempDir(), sz.rows, sz.cols, "-v", "-r", "TLS", srv.Host, strconv.Itoa(srv.Port))
					s.Expect("unknown CA")
					s.Expect("Hint: the server's certificate must chain to a CA in the keyring")
					s.Expect("Command:")
					s.Send("quit\r")
					s.Wait()
					if out := s.Output(); strings.Contains(out, "-r TLS") {
						t.Errorf("the -r TLS advice under -r TLS:\n%s", out)
					}
				})
			}
		})
	}
}
