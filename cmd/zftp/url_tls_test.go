package main

import (
	"bytes"
	"crypto/rand"
	"net/url"
	"strconv"
	"strings"
	"testing"

	"github.com/zftp/zftp/client"
	"github.com/zftp/zftp/client/ftptest"
)

// TestFTPSURLImplicit: zftp --keyring CA ftps://user:pw@host:port/file
// speaks implicit TLS as RFC 4217's servers do (the handshake first, no
// AUTH, no clear 220), protects the data connection (PBSZ 0, PROT P) with
// nothing else coded, fetches the file byte-exact and exits 0, against a
// server that refuses clear data.
func TestFTPSURLImplicit(t *testing.T) {
	srv := ftptest.NewServer(t, ftptest.WithTLS(client.Implicit), ftptest.WithRequireTLS())
	data := make([]byte, 200_000)
	rand.Read(data)
	srv.WriteFile(t, "pub/f.bin", data)
	u := url.URL{Scheme: "ftps", User: url.UserPassword(srv.User, srv.Password),
		Host: srv.Host + ":" + strconv.Itoa(srv.Port), Path: "/pub/f.bin"}
	tmp := t.TempDir()
	out, errOut, status := runFrontEnd(t, tmp, []string{"-v", "-w", "10", "--keyring", srv.CAFile, u.String()}, "")
	if status != 0 {
		t.Fatalf("exit status %d, want 0\n%s\nstderr: %s", status, out, errOut)
	}
	if got := readLocal(t, tmp, "f.bin"); !bytes.Equal(got, data) {
		t.Errorf("f.bin: %d bytes, want %d byte-exact", len(got), len(data))
	}
	for _, want := range []string{">>> PBSZ 0", ">>> PROT P", ">>> TYPE I", ">>> RETR f.bin"} {
		if !strings.Contains(out, want) {
			t.Errorf("no %q in the transcript:\n%s", want, out)
		}
	}
	if strings.Contains(out, ">>> AUTH") || strings.Contains(out, srv.Password) {
		t.Errorf("AUTH sent, or the password shown:\n%s", out)
	}
	if i, j := strings.Index(out, "220"), strings.Index(out, ">>> USER"); i < 0 || j < i {
		t.Errorf("no 220 greeting before USER:\n%s", out)
	}
}
