// Command backend shows the shape of a storage backend (as rclone's FTP
// backend is) over zftp's client package: a dial hook for every
// connection, a context on every call, listings as entries whatever the
// server's format, and transfers that check their size.
//
//	go run ./docs/example/backend HOST PORT USER PASSWORD DIR
//
// It lists DIR, downloads its first file through Open, and uploads a copy
// beside it with Stor.
package main

import (
	"bytes"
	"context"
	"fmt"
	"io"
	"log"
	"net"
	"os"
	"os/signal"
	"path"
	"strconv"
	"time"

	"github.com/zftp/zftp/client"
)

func main() {
	a := os.Args[1:] // host port user password dir
	if len(a) != 5 {
		log.Fatal("usage: backend HOST PORT USER PASSWORD DIR")
	}
	if _, err := strconv.Atoi(a[1]); err != nil {
		log.Fatalf("port %q: %v", a[1], err)
	}
	// Ctrl-C cancels whatever call runs: a transfer is aborted (ABOR).
	ctx, stop := signal.NotifyContext(context.Background(), os.Interrupt)
	defer stop()
	ctx, cancel := context.WithTimeout(ctx, 5*time.Minute)
	defer cancel()

	// One dialer for the control and the data connections: a proxy
	// would go here.
	dialer := &net.Dialer{Timeout: 10 * time.Second}
	conn, err := dialer.DialContext(ctx, "tcp", net.JoinHostPort(a[0], a[1]))
	check(err)
	s, err := client.NewSession(ctx, conn, a[0], client.Config{DialData: dialer.DialContext})
	check(err)
	defer s.Quit(context.Background())
	check(s.Login(ctx, a[2], a[3], ""))

	var first *client.Entry
	check(s.ReadDir(ctx, a[4], func(e client.Entry) error {
		fmt.Printf("%-8s %12d %s %s\n", e.Kind, e.Size, e.Modify.Format(time.DateTime), e.Name)
		if first == nil && e.Kind == client.KindFile {
			first = &e
		}
		return nil
	}))
	if first == nil {
		return
	}
	name := path.Join(a[4], first.Name)
	info, err := s.Stat(ctx, name)
	check(err)

	rc, err := s.Open(ctx, name, 0)
	check(err)
	var buf bytes.Buffer
	_, err = io.Copy(&buf, io.LimitReader(rc, 1<<20)) // at most 1 MiB of it
	check(err)
	check(rc.Close()) // aborts the rest of a larger file
	fmt.Printf("read %d of %d bytes of %s\n", buf.Len(), info.Size, name)

	_, err = s.Stor(ctx, name+".copy", &buf, nil)
	check(err)
}

func check(err error) {
	if err != nil {
		log.Fatal(err)
	}
}
