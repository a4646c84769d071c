// Command floodd runs the mirrorflood hostile server on a loopback port,
// for measuring MIRROR's memory by hand:
//
//	go run ./internal/mirrorflood/floodd -entries 3000000 -addr 127.0.0.1:2199 &
//	/usr/bin/time -v zftp 127.0.0.1 2199 <<<$'u\np\nmirror flood out\nquit' >/dev/null
package main

import (
	"flag"
	"fmt"
	"net"
	"os"

	"github.com/zftp/zftp/internal/mirrorflood"
)

func main() {
	addr := flag.String("addr", "127.0.0.1:2199", "loopback address to listen on")
	entries := flag.Int("entries", 3_000_000, "entries MLSD of flood lists")
	names := flag.Int("names", 1000, "distinct names among them")
	flag.Parse()
	ln, err := net.Listen("tcp", *addr)
	if err != nil {
		fmt.Fprintln(os.Stderr, err)
		os.Exit(1)
	}
	fmt.Fprintln(os.Stderr, "floodd listening on", ln.Addr())
	err = mirrorflood.Server{Entries: *entries, Names: *names}.Serve(ln)
	fmt.Fprintln(os.Stderr, err)
	os.Exit(1)
}
