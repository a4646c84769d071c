package client_test

import (
	"bytes"
	"context"
	"fmt"
	"net"
	"os"
	"path/filepath"

	"github.com/zftp/zftp/client"
	"github.com/zftp/zftp/internal/certs"
	"github.com/zftp/zftp/internal/ftpd"
	"github.com/zftp/zftp/tls"
)

// Example logs in over explicit TLS and downloads a file, as
// docs/example/main.go does: the zero DataProtection under TLS is PROT P.
// The server is an in-process ftpd on 127.0.0.1 with a CA made here.
func Example() {
	addr, caFile, stop, err := exampleServer()
	if err != nil {
		fmt.Println(err)
		return
	}
	defer stop()

	ring, err := tls.LoadKeyring(caFile, tls.LoadOptions{})
	if err != nil {
		fmt.Println(err)
		return
	}
	show := client.ObserverFunc(func(e client.Event) {
		if c, ok := e.(client.CommandSent); ok && (c.Verb == "AUTH" || c.Verb == "PBSZ" || c.Verb == "PROT") {
			fmt.Println(">>>", c.Line)
		}
	})
	s, err := client.Dial(context.Background(), "127.0.0.1", addr.Port, client.Config{
		Observer: show,
		Security: client.Security{Mode: client.ExplicitRequired, Options: tls.Options{Keyring: ring}},
	})
	if err != nil {
		fmt.Println(err)
		return
	}
	defer s.Quit(context.Background())
	if err := s.Login(context.Background(), "tiffany", "s3cret", ""); err != nil {
		fmt.Println(err)
		return
	}
	var buf bytes.Buffer
	if _, err := s.Retr(context.Background(), "hello.txt", &buf, nil); err != nil {
		fmt.Println(err)
		return
	}
	fmt.Print(buf.String())
	// Output:
	// >>> AUTH TLS
	// >>> PBSZ 0
	// >>> PROT P
	// hello over TLS
}

// exampleServer starts ftpd with explicit TLS on loopback, serving
// hello.txt, and returns its address, the CA file to trust and a stop
// function.
func exampleServer() (addr *net.TCPAddr, caFile string, stop func(), err error) {
	dir, err := os.MkdirTemp("", "zftp-example-")
	if err != nil {
		return nil, "", nil, err
	}
	cleanup := func() { os.RemoveAll(dir) }
	root := filepath.Join(dir, "root")
	ca, err := certs.NewCA("zftp example CA")
	if err == nil {
		err = os.Mkdir(root, 0o700)
	}
	if err == nil {
		caFile = filepath.Join(dir, "ca.pem")
		err = os.WriteFile(caFile, ca.CertPEM, 0o600)
	}
	if err == nil {
		err = os.WriteFile(filepath.Join(root, "hello.txt"), []byte("hello over TLS\n"), 0o600)
	}
	if err != nil {
		cleanup()
		return nil, "", nil, err
	}
	cfg, err := ca.ServerConfig("zftpd", certs.DefaultHosts()...)
	if err != nil {
		cleanup()
		return nil, "", nil, err
	}
	srv, err := ftpd.New(ftpd.Options{Root: root, Users: map[string]string{"tiffany": "s3cret"},
		TLS: cfg, TLSMode: client.ExplicitAllowed})
	if err != nil {
		cleanup()
		return nil, "", nil, err
	}
	srv.Start()
	return srv.Addr(), caFile, func() { srv.Close(); cleanup() }, nil
}
