package transcript

import (
	"net"
	"strings"
	"testing"

	"github.com/zftp/zftp/client"
)

// TestWarningText: the engine's warning facts in the z/OS client's words,
// as ZFT0105W prints them (the texts the engine used to write itself, so
// that transcripts stay the same).
func TestWarningText(t *testing.T) {
	named, server := net.IPv4(127, 0, 0, 2), net.IPv4(127, 0, 0, 1)
	for _, tt := range []struct {
		e    client.Event
		want string // "" = not a warning
	}{
		{client.Warning{Message: "EPSV refused by the server; using PASV for this session"},
			"EPSV refused by the server; using PASV for this session"},
		{client.ForeignPassiveAddress{Named: named, Server: server},
			"227 reply names 127.0.0.2, not the server's address 127.0.0.1; connecting to 127.0.0.1 (PASSIVEIGNOREADDR FALSE would follow the reply)"},
		{client.ForeignPassiveAddress{Named: named, Server: server, Followed: true},
			"227 reply names 127.0.0.2, not the server's address 127.0.0.1"},
		{client.CCCRecordDiscarded{Bytes: 31},
			"the server sent a TLS record (its close_notify) after CCC although TLSRFCLEVEL is CCCNONOTIFY; it was discarded"},
		{client.ControlCleared{Mode: client.CCCNoNotify}, ""},
		{client.Connected{}, ""},
	} {
		got, ok := WarningText(tt.e)
		if got != tt.want || ok != (tt.want != "") {
			t.Errorf("WarningText(%T) = %q, %v; want %q", tt.e, got, ok, tt.want)
		}
		var out strings.Builder
		w := New(&out, Options{Verbose: true})
		w.Observe(tt.e)
		want := ""
		if tt.want != "" {
			want = "ZFT0105W " + tt.want + "\n"
		}
		if out.String() != want {
			t.Errorf("Observe(%T) printed %q, want %q", tt.e, out.String(), want)
		}
	}
}
