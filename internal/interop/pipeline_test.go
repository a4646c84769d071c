//go:build linux

package interop

import (
	"bytes"
	"net"
	"os"
	"path/filepath"
	"regexp"
	"strconv"
	"strings"
	"testing"
	"time"

	"github.com/zftp/zftp/client"
	"github.com/zftp/zftp/tls"
)

// refusedTogether is the client's warning for a transfer command refused
// when sent together with its PASV: the command and the code.
var refusedTogether = regexp.MustCompile(`^(\w+) was refused \((\d+)\) when sent together with`)

// pipelineData has the bytes TYPE A would change: a transfer after the
// pipelined TYPE I shows it took effect.
var pipelineData = bytes.Repeat([]byte{0, 1, 13, 10, 10, 255}, 200)

// probePipeline measures featPipeline on srv: a fresh session logs in and
// brings itself to TYPE I, FEAT and CWD dir (with kr, under TLS: PBSZ 0 and
// PROT P first) in one pipelined exchange, as PARALLEL's extra sessions do
// (client.Session.LoginAndApply); then the session must be where the
// replies said, and two STORs and a RETR in dir (the second STOR and the
// RETR sent together with their PASV), then two RETRs in active mode (PORT
// on its own) must be byte-exact; the control connection goes through a
// proxy that delays it by 2 ms each way, so that the pipelined RETR reads
// its data before its 150 (client/earlystart.go). dir must
// exist on the server (a z/OS prefix in quotes, as PWD gives it, too).
func probePipeline(t *testing.T, srv *Server, kr *tls.Keyring, dir string) cell {
	ctx := t.Context()
	l := &sessionLog{}
	cfg := testConfig(client.Passive, l)
	st := client.Settings{Type: client.TypeImage, Features: true, Dir: dir}
	if kr != nil {
		cfg = tlsConfig(l, kr)
		st.Protection = 'P'
	}
	cfg.Type = client.TypeASCII // the login's own TYPE A, then st's TYPE I: both in the exchange
	// Through a proxy that delays the control connection as a network
	// does: a plain download is read before its 1xx only then
	// (client/earlystart.go), and so is every download of this probe
	// after the first.
	proxy := newDelayProxy(t, net.JoinHostPort(srv.Host, strconv.Itoa(srv.Port)), 2*time.Millisecond)
	s, err := dialErr(t, Host, proxy.port(), cfg)
	if err != nil {
		return no("dial: %v", err)
	}
	if err := s.LoginAndApply(ctx, srv.User, srv.Password, "", st); err != nil {
		return no("pipelined settings: %v", err)
	}
	if s.CurrentType() != client.TypeImage || (kr != nil && !s.DataProtected()) {
		return no("type %s, PROT P %v after the exchange", s.CurrentType(), s.DataProtected())
	}
	pwd, _, err := s.Pwd(ctx)
	if err != nil {
		return no("PWD after the exchange: %v (replies out of step?)", err)
	}
	if !strings.Contains(pwd, strings.Trim(dir, "'")) {
		return no("PWD %q after CWD %s", pwd, dir)
	}
	// The first transfer sends PASV on its own; from then on PASV goes
	// out together with STOR and RETR (client/datastart.go), and the
	// second STOR, small, writes its data before the 150 (client/early.go).
	// The two differ, so that the RETR shows the second one arrived.
	const name = "PIPE.BIN" // a data set name too
	data := pipelineData
	for i := range 2 {
		data = append([]byte{byte('1' + i)}, pipelineData...)
		if _, err := s.Stor(ctx, name, bytes.NewReader(data), nil); err != nil {
			return no("STOR %d after the exchange: %v", i+1, err)
		}
	}
	defer s.Delete(ctx, name)
	var got bytes.Buffer
	if _, err := s.Retr(ctx, name, &got, nil); err != nil {
		return no("RETR after the exchange: %v", err)
	}
	if !bytes.Equal(got.Bytes(), data) {
		return no("%d bytes back of %d, not byte-exact (the second STOR's data)", got.Len(), len(data))
	}
	// Active mode: PORT goes on its own every time (client/datastart.go);
	// pyftpdlib lost the data of a RETR sent together with its PORT.
	s.SetDataMethod(client.Active)
	for i := range 2 {
		got.Reset()
		if _, err := s.Retr(ctx, name, &got, nil); err != nil {
			return no("RETR %d with PORT: %v", i+1, err)
		}
		if !bytes.Equal(got.Bytes(), data) {
			return no("RETR %d with PORT: %d bytes of %d, not byte-exact", i+1, got.Len(), len(data))
		}
	}
	what := "TYPE, FEAT, CWD"
	if kr != nil {
		what = "PBSZ, PROT, TYPE, FEAT, CWD"
	}
	with := "PASV with STOR and RETR, a small STOR's data before its 150, a RETR's read before its 150"
	for _, w := range l.warnings {
		if m := refusedTogether.FindStringSubmatch(w); m != nil {
			with = "PASV with RETR, a RETR's read before its 150; " + m[1] + " with PASV refused at once (" + m[2] + "), then sent on its own"
		}
	}
	return yesBut("%s in one exchange; %s", what, with)
}

// pipelineDir makes the directory the pipeline probe changes to, on the
// server's disk, writable by the server's user, and returns its name.
func pipelineDir(t *testing.T, srv *Server) string {
	const name = "pipe"
	dir := filepath.Join(srv.Home, name)
	if err := os.Mkdir(dir, 0o777); err != nil {
		t.Fatal(err)
	}
	if err := os.Chmod(dir, 0o777); err != nil { // past the umask
		t.Fatal(err)
	}
	return name
}

// withTLSPipeline adds the TLS session's pipeline cell c to the plain
// session's one in r: the feature holds when it holds with and without TLS.
func withTLSPipeline(r *serverResult, c cell) {
	plain, ok := r.cells[featPipeline]
	switch {
	case !ok:
		r.cells[featPipeline] = c
	case !plain.ok:
	case !c.ok:
		r.cells[featPipeline] = no("with TLS: %s", c.text)
	case c.text == strings.Replace(plain.text, "TYPE, FEAT, CWD", "PBSZ, PROT, TYPE, FEAT, CWD", 1):
		r.cells[featPipeline] = yesBut("%s; the same with TLS (PBSZ and PROT in the exchange too)", plain.text)
	default:
		r.cells[featPipeline] = yesBut("%s; with TLS: %s", plain.text, c.text)
	}
}
