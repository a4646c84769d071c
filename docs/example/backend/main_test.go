package main

import (
	"bytes"
	"io"
	"os"
	"strconv"
	"strings"
	"testing"

	"github.com/zftp/zftp/client/ftptest"
)

// The example runs as documented against a test server: it lists the
// directory, reads the first file and stores its copy.
func TestBackendExample(t *testing.T) {
	srv := ftptest.NewServer(t)
	data := bytes.Repeat([]byte("0123456789"), 1000)
	srv.WriteFile(t, "pub/a.bin", data)
	old, oldOut := os.Args, os.Stdout
	defer func() { os.Args, os.Stdout = old, oldOut }()
	r, w, err := os.Pipe()
	if err != nil {
		t.Fatal(err)
	}
	os.Stdout = w
	os.Args = []string{"backend", srv.Host, strconv.Itoa(srv.Port), srv.User, srv.Password, "pub"}
	main()
	w.Close()
	out, _ := io.ReadAll(r)
	if !strings.Contains(string(out), "read 10000 of 10000 bytes of pub/a.bin") {
		t.Errorf("output:\n%s", out)
	}
	if got := srv.ReadFile(t, "pub/a.bin.copy"); !bytes.Equal(got, data) {
		t.Errorf("copy: %d bytes, want %d", len(got), len(data))
	}
}
