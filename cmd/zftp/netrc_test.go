package main

import (
	"os"
	"strconv"
	"strings"
	"testing"
)

// TestNetrcLoginStdinDevNull is "zftp host port </dev/null": the login
// comes from netrc and the end of input ends the session.
func TestNetrcLoginStdinDevNull(t *testing.T) {
	srv := startServer(t, nil)
	tmp := t.TempDir()
	srv.writeNetrc(t, tmp, 0o600)
	null, err := os.Open(os.DevNull)
	if err != nil {
		t.Skip(err)
	}
	defer null.Close()
	var out, errOut strings.Builder
	env := testEnv(t, tmp)
	env.stdin, env.stdout, env.stderr, env.workDir = null, &out, &errOut, tmp
	st := run([]string{"-v", "-e", "--netrc", tmp + "/netrc", srv.Host, strconv.Itoa(srv.Port)}, env)
	if st != 0 || !strings.Contains(out.String(), "230 ") || !strings.Contains(out.String(), ">>> QUIT") ||
		strings.Contains(out.String(), "NAME (") || strings.Contains(out.String(), srv.Password) || errOut.Len() != 0 {
		t.Errorf("status %d\n%s\nstderr %q", st, out.String(), errOut.String())
	}
}
