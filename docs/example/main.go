// Command example logs in over explicit TLS and downloads one file with
// zftp's client and tls packages only (docs/architecture.md):
//
//	go run ./docs/example HOST PORT USER PASSWORD CA.pem REMOTE LOCAL
package main

import (
	"context"
	"errors"
	"log"
	"os"
	"strconv"

	"github.com/zftp/zftp/client"
	"github.com/zftp/zftp/tls"
)

func main() {
	a := os.Args[1:] // host port user password ca.pem remote local
	ring, err := tls.LoadKeyring(a[4], tls.LoadOptions{})
	port, err2 := strconv.Atoi(a[1])
	check(errors.Join(err, err2))
	// ExplicitRequired: AUTH TLS before USER; the zero DataProtection is PROT P.
	s, err := client.Dial(context.Background(), a[0], port, client.Config{
		Security: client.Security{Mode: client.ExplicitRequired, Options: tls.Options{Keyring: ring}}})
	check(err)
	defer s.Quit(context.Background())
	check(s.Login(context.Background(), a[2], a[3], ""))
	f, err := os.Create(a[6])
	check(err)
	_, err = s.Retr(context.Background(), a[5], f, nil)
	check(errors.Join(err, f.Close()))
}

func check(err error) {
	if err != nil {
		log.Fatal(err)
	}
}
