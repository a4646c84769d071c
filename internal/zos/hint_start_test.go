package zos

import (
	"errors"
	"fmt"
	"strings"
	"testing"

	"github.com/zftp/zftp/client"
)

// TestHintForStart: the hints after a failed start hold whether the host
// came from OPEN or from the command line (no subcommand).
func TestHintForStart(t *testing.T) {
	tbl := newTable()
	open := lookup(tbl, "OPEN").sub
	tlsGreeting := shown(ecConnectFailed, fmt.Errorf("open h: %w", &client.StartError{Err: fmt.Errorf("greeting: %w", client.ErrTLSGreeting)}))
	greetingTimeout := shown(ecTimeout, errors.New("open h: greeting: read reply: i/o timeout"))
	refused := shown(ecConnectFailed, errors.New("open h: connection refused"))
	for _, tt := range []struct {
		sub  *subcommand
		err  error
		want string
	}{
		{open, tlsGreeting, "expects implicit TLS"},
		{nil, tlsGreeting, "ftps://"},
		{nil, greetingTimeout, "implicit TLS port"},
		{open, greetingTimeout, "-w SECONDS"},
		{nil, refused, "check the host name and port"},
		{nil, shown(ecAuthentication, errors.New("x")), "--keyring"},
		{nil, &client.ReplyError{Command: "PASS", Reply: &client.Reply{Code: 530}}, "log in with user"},
		{lookup(tbl, "GET").sub, shown(ecTimeout, errors.New("get: read reply: i/o timeout")), "raise -w"},
	} {
		if got := hintFor(tt.sub, tt.err, false); !strings.Contains(got, tt.want) {
			t.Errorf("hintFor(%v, %v) = %q, want it to hold %q", tt.sub != nil, tt.err, got, tt.want)
		}
	}
}
