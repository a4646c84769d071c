//go:build linux

package main

import (
	"bufio"
	"bytes"
	"fmt"
	"io"
	"math/rand/v2"
	"net"
	"os"
	"path/filepath"
	"regexp"
	"slices"
	"strconv"
	"strings"
	"sync"
	"sync/atomic"
	"testing"
	"time"

	"github.com/zftp/zftp/client/ftptest"
)

// floorFiles writes n files of different sizes (one above the floor's 256 KiB buffer, one
// empty) into dir and returns their contents by name.
func floorFiles(t *testing.T, dir string, n int) map[string][]byte {
	t.Helper()
	r := rand.New(rand.NewPCG(uint64(n), 9))
	want := map[string][]byte{}
	for i := range n {
		size := 4096 + i*517
		switch i {
		case 0:
			size = 300 << 10
		case 1:
			size = 0
		}
		b := make([]byte, size)
		for j := range b {
			b[j] = byte(r.Uint32())
		}
		name := fmt.Sprintf("f%02d.bin", i)
		if err := os.WriteFile(filepath.Join(dir, name), b, 0o644); err != nil {
			t.Fatal(err)
		}
		want[name] = b
	}
	return want
}

// checkFiles fails unless dir holds exactly the files of want, byte for byte.
func checkFiles(t *testing.T, dir string, want map[string][]byte) {
	t.Helper()
	ents, err := os.ReadDir(dir)
	if err != nil {
		t.Fatal(err)
	}
	if len(ents) != len(want) {
		t.Errorf("%s holds %d files, want %d", dir, len(ents), len(want))
	}
	for name, b := range want {
		got, err := os.ReadFile(filepath.Join(dir, name))
		if err != nil {
			t.Errorf("%s: %v", name, err)
			continue
		}
		if !bytes.Equal(got, b) {
			t.Errorf("%s: %d bytes differ from the %d sent", name, len(got), len(b))
		}
	}
}

// TestFloorParallel moves ten files with the parallel floor in three sessions, both ways.
func TestFloorParallel(t *testing.T) {
	for _, op := range []string{"mget", "mput"} {
		t.Run(op, func(t *testing.T) {
			srv := ftptest.NewServer(t)
			remote := filepath.Join(srv.Root, "d")
			local := t.TempDir()
			if err := os.Mkdir(remote, 0o755); err != nil {
				t.Fatal(err)
			}
			src, dst := remote, local
			if op == "mput" {
				src, dst = local, remote
			}
			want := floorFiles(t, src, 10)
			fl := floorLogin{host: srv.Host, port: strconv.Itoa(srv.Port), user: srv.User, pass: srv.Password, rdir: "d"}
			if err := floorParallel(op, 3, fl, local); err != nil {
				t.Fatalf("floorParallel: %v", err)
			}
			checkFiles(t, dst, want)
		})
	}
}

// refusingProxy forwards connections to target, except the second one it accepts: that one
// gets a greeting, asks for the password and refuses the login.
func refusingProxy(t *testing.T, target string) string {
	t.Helper()
	ln, err := net.Listen("tcp", "127.0.0.1:0")
	if err != nil {
		t.Fatal(err)
	}
	t.Cleanup(func() { ln.Close() })
	var n atomic.Int32
	go func() {
		for {
			c, err := ln.Accept()
			if err != nil {
				return
			}
			if n.Add(1) == 2 {
				go func() {
					defer c.Close()
					r := bufio.NewReader(c)
					io.WriteString(c, "220 proxy ready\r\n")
					r.ReadString('\n') // USER
					io.WriteString(c, "331 Password required.\r\n")
					r.ReadString('\n') // PASS
					io.WriteString(c, "530 Login incorrect.\r\n")
					r.ReadString('\n') // until the client closes
				}()
				continue
			}
			go func() {
				defer c.Close()
				s, err := net.Dial("tcp", target)
				if err != nil {
					return
				}
				defer s.Close()
				go func() { io.Copy(s, c); s.(*net.TCPConn).CloseWrite() }()
				io.Copy(c, s)
			}()
		}
	}()
	return ln.Addr().String()
}

// TestFloorParallelRefusedLogin: one session's login is refused, so the run fails and says
// which session.
func TestFloorParallelRefusedLogin(t *testing.T) {
	for _, op := range []string{"mget", "mput"} {
		t.Run(op, func(t *testing.T) {
			srv := ftptest.NewServer(t)
			remote := filepath.Join(srv.Root, "d")
			if err := os.Mkdir(remote, 0o755); err != nil {
				t.Fatal(err)
			}
			local := t.TempDir()
			src := remote
			if op == "mput" {
				src = local
			}
			floorFiles(t, src, 10)
			host, port, err := net.SplitHostPort(refusingProxy(t, srv.Addr))
			if err != nil {
				t.Fatal(err)
			}
			fl := floorLogin{host: host, port: port, user: srv.User, pass: srv.Password, rdir: "d"}
			err = floorParallel(op, 3, fl, local)
			if err == nil {
				t.Fatal("floorParallel succeeded with a refused login")
			}
			t.Logf("error: %v", err)
			if !regexp.MustCompile(`session [0-2]: login: reply "530 Login incorrect\."`).MatchString(err.Error()) {
				t.Errorf("error %q does not name the refused session and its reply", err)
			}
		})
	}
}

// TestFloorMainArgs checks the command line of --floor.
func TestFloorMainArgs(t *testing.T) {
	for _, tc := range []struct {
		op   string
		args []string
		want string
	}{
		{"mget", []string{"-P", "0", "h", "21", "u", "d", "l"}, `-P "0": want a positive number`},
		{"mget", []string{"-P", "x", "h", "21", "u", "d", "l"}, `-P "x": want a positive number`},
		{"mput", []string{"-P", "8", "h", "21", "u", "d"}, "want [-P N] HOST PORT USER RDIR LDIR"},
		{"mdel", []string{"h", "21", "u", "d", "l"}, "mget or mput"},
	} {
		err := floorMain(tc.op, tc.args)
		if err == nil || !bytes.Contains([]byte(err.Error()), []byte(tc.want)) {
			t.Errorf("floorMain(%s, %q) = %v, want an error with %q", tc.op, tc.args, err, tc.want)
		}
	}
}

// TestFloorInvocation checks the floor clients' command lines and that floor-p8 is named for
// parallelN.
func TestFloorInvocation(t *testing.T) {
	if want := fmt.Sprintf("floor-p%d", parallelN); floorParallelName != want {
		t.Errorf("floorParallelName = %q, want %q", floorParallelName, want)
	}
	j := &job{op: opMget, ep: &endpoint{host: "127.0.0.1", port: 2121, user: "u", pass: "p"}, rdir: "r", out: "o"}
	for _, tc := range []struct {
		client string
		want   []string
	}{
		{floorName, []string{"--floor", "mget", "127.0.0.1", "2121", "u", "r", "o"}},
		{floorParallelName, []string{"--floor", "mget", "-P", strconv.Itoa(parallelN), "127.0.0.1", "2121", "u", "r", "o"}},
	} {
		inv := j.invocation(tc.client)
		if got := inv.argv[1:]; fmt.Sprint(got) != fmt.Sprint(tc.want) || inv.stdin != "p\n" {
			t.Errorf("%s: argv %q stdin %q, want %q and \"p\\n\"", tc.client, got, inv.stdin, tc.want)
		}
	}
}

// TestTableParallelFloor checks what the table makes of floor-p8 on a plain -P8 row: the
// zftp/limit column is zftp-p8/floor-p8, the notes give the measured floor and the RTT-floor
// target is still there.
func TestTableParallelFloor(t *testing.T) {
	b := &bench{cfg: &config{zftpParallel: true, size: 1 << 20}}
	ep := &endpoint{name: "vsftpd", rtt: 20 * time.Millisecond}
	b.results = []*result{{
		w: &workload{name: "MGET 100×4KiB plain -P8", ep: ep, op: opMget, size: 100 * 4096, files: 100,
			many: b.parallelClients(false), rttFloor: 280 * time.Millisecond, floorWhy: "14 round trips"},
		cells: map[string]*cell{
			zftpParallel:      {client: zftpParallel, samples: []sample{{wall: 600 * time.Millisecond}}},
			lftpMirror:        {client: lftpMirror, samples: []sample{{wall: 900 * time.Millisecond}}},
			floorParallelName: {client: floorParallelName, samples: []sample{{wall: 480 * time.Millisecond}}},
		},
	}}
	if got := b.results[0].w.clients(); fmt.Sprint(got) != fmt.Sprint([]string{zftpParallel, lftpMirror, floorParallelName}) {
		t.Errorf("clients %q", got)
	}
	if got := b.parallelClients(true); slices.Contains(got, floorParallelName) {
		t.Errorf("TLS rows run %q", got)
	}
	tb := b.table()
	if len(tb.rows) != 3 || tb.rows[0][1] != zftpParallel || tb.rows[0][9] != "1.25" {
		t.Errorf("rows %q: want zftp-p8 first with zftp/limit 1.25", tb.rows)
	}
	want := "MGET 100×4KiB plain -P8: measured floor (floor-p8, 8 sessions opened at once): "
	if !slices.ContainsFunc(tb.notes, func(n string) bool { return strings.HasPrefix(n, want) }) {
		t.Errorf("notes %q: none starts with %q", tb.notes, want)
	}
	if !slices.ContainsFunc(tb.targets, func(s string) bool { return strings.Contains(s, "RTT floor") }) {
		t.Errorf("targets %q: the RTT-floor target is gone", tb.targets)
	}
}

// TestFloorParallelListReleased: in an MGET the other sessions start on the files as soon as
// session 0 has the list, not when session 0 is done. A proxy holds the first RETR of the
// connection that sent NLST until another connection has sent a RETR (at most 5 s).
func TestFloorParallelListReleased(t *testing.T) {
	srv := ftptest.NewServer(t)
	remote := filepath.Join(srv.Root, "d")
	if err := os.Mkdir(remote, 0o755); err != nil {
		t.Fatal(err)
	}
	local := t.TempDir()
	want := floorFiles(t, remote, 10)
	ln, err := net.Listen("tcp", "127.0.0.1:0")
	if err != nil {
		t.Fatal(err)
	}
	defer ln.Close()
	otherRETR := make(chan struct{})
	var once sync.Once
	var heldTooLong atomic.Bool
	go func() {
		for {
			c, err := ln.Accept()
			if err != nil {
				return
			}
			go func() {
				defer c.Close()
				s, err := net.Dial("tcp", srv.Addr)
				if err != nil {
					return
				}
				defer s.Close()
				go io.Copy(c, s)
				r := bufio.NewReader(c)
				lister, held := false, false
				for {
					l, err := r.ReadString('\n')
					if err != nil {
						return
					}
					switch {
					case strings.HasPrefix(l, "NLST"):
						lister = true
					case strings.HasPrefix(l, "RETR") && !lister:
						once.Do(func() { close(otherRETR) })
					case strings.HasPrefix(l, "RETR") && !held:
						held = true
						select {
						case <-otherRETR:
						case <-time.After(5 * time.Second):
							heldTooLong.Store(true)
						}
					}
					if _, err := io.WriteString(s, l); err != nil {
						return
					}
				}
			}()
		}
	}()
	host, port, _ := net.SplitHostPort(ln.Addr().String())
	fl := floorLogin{host: host, port: port, user: srv.User, pass: srv.Password, rdir: "d"}
	if err := floorParallel("mget", 3, fl, local); err != nil {
		t.Fatalf("floorParallel: %v", err)
	}
	if heldTooLong.Load() {
		t.Error("no other session sent RETR while session 0 waited: they wait for session 0 to finish")
	}
	checkFiles(t, local, want)
}
