package zos

import (
	"bytes"
	"fmt"
	"io"
	"net"
	"os"
	"path/filepath"
	"strconv"
	"strings"
	"sync"
	"testing"
	"time"

	"github.com/zftp/zftp/client/ftptest"
	"github.com/zftp/zftp/transcript"
)

// slowFile writes slow.bin, whose RETR takes blocks × the server's
// DataDelay (one sleep per 16 KiB block).
func slowFile(t *testing.T, srv *ftptest.Server, blocks int) {
	t.Helper()
	srv.WriteFile(t, "slow.bin", bytes.Repeat([]byte("s"), blocks*16<<10))
}

// serverCount counts the records of msg, or of commands with verb.
func serverCount(recs []serverRecord, msg, verb string) int {
	n := 0
	for _, r := range recs {
		if (verb == "" && r.msg == msg) || (verb != "" && r.commandVerb() == verb) {
			n++
		}
	}
	return n
}

// TestParallelOpensAtLogin: a batch job with PARALLEL opens its extra
// sessions when the first one has logged in, so that they log in while
// the job runs its first subcommands: with a login of 200 ms and a GET
// of 0.8 s before the MGET, every extra session is logged in before the
// MGET's NLST (opened by the MGET, none would be). A job at a terminal
// does not: a session that never runs a multi-file subcommand opens no
// other.
func TestParallelOpensAtLogin(t *testing.T) {
	for _, tc := range []struct {
		name  string
		batch bool
	}{
		{"batch", true},
		{"terminal", false},
	} {
		t.Run(tc.name, func(t *testing.T) {
			log := newRecordLog()
			srv := parallelStartServer(t, 12, 200*time.Millisecond, log)
			slowFile(t, srv, 20)
			input := "binary\nget slow.bin\nmget f*\nquit\n"
			flags := Flags{Verbose: true, ExitOnError: true, Parallel: 4, Passive: true}
			var status int
			var out string
			if tc.batch {
				status, out = runBatch(t, srv, flags, t.TempDir(), input)
			} else {
				// A terminal's input: the login and PROMPT's questions are
				// answered from it (PROMPT off so that MGET asks nothing).
				work := t.TempDir()
				var buf bytes.Buffer
				in := New(bareSettings(t, &flags, t.TempDir()), Options{
					Output:    transcript.TextSink{W: &buf},
					Source:    NewBatchSource(strings.NewReader(srv.User+"\n"+srv.Password+"\nprompt\n"+input), false),
					LocalUser: "TESTER",
					WorkDir:   work,
					NetrcPath: func() (string, error) { return filepath.Join(work, "no-netrc"), nil },
				})
				status, out = in.Run(srv.Host, srv.Port), buf.String()
			}
			if status != 0 {
				t.Fatalf("status %d\n%s", status, out)
			}
			recs := log.records()
			var main string
			var nlst, firstLogin time.Time
			var extra []time.Time
			for _, r := range recs {
				switch {
				case r.msg == "logged in" && main == "":
					main, firstLogin = r.remote, r.at
				case r.msg == "logged in":
					extra = append(extra, r.at)
				case r.commandVerb() == "NLST" && nlst.IsZero():
					nlst = r.at
				}
			}
			if len(extra) != 3 || nlst.IsZero() {
				t.Fatalf("%d extra logins, NLST at %v; want 3 and an NLST\n%s", len(extra), nlst, out)
			}
			// In a batch job they are dialled while the first session logs
			// in (200 ms), and send USER only once it has.
			for _, r := range recs {
				switch {
				case r.remote == main:
				case r.msg == "connected" && r.at.Before(firstLogin) != tc.batch:
					t.Errorf("an extra session connected %v after the first login, want before it: %v", r.at.Sub(firstLogin), tc.batch)
				case r.commandVerb() == "USER" && r.at.Before(firstLogin):
					t.Errorf("an extra session sent USER %v before the first session was logged in", firstLogin.Sub(r.at))
				}
			}
			for _, at := range extra {
				if ahead := at.Before(nlst); ahead != tc.batch {
					t.Errorf("an extra session logged in %v after the NLST; opened at the first login: %v, want %v",
						at.Sub(nlst), ahead, tc.batch)
				}
			}
			if q := serverCount(recs, "", "QUIT"); q != 4 {
				t.Errorf("%d sessions sent QUIT, want 4", q)
			}
		})
	}
}

// TestParallelOpenedAheadUnused: a batch job with PARALLEL that runs no
// multi-file subcommand still ends every session it opened (QUIT), and
// its transcript is the one without PARALLEL.
func TestParallelOpenedAheadUnused(t *testing.T) {
	var outs [2]string
	for i, parallel := range []int{1, 4} {
		log := newRecordLog()
		srv := parallelStartServer(t, 1, 0, log)
		status, out := runBatch(t, srv, Flags{Verbose: true, Parallel: parallel, Passive: true},
			t.TempDir(), "binary\nget f000.bin\nquit\n")
		if status != 0 {
			t.Fatalf("PARALLEL %d: status %d\n%s", parallel, status, out)
		}
		recs := log.records()
		if l, q := serverCount(recs, "logged in", ""), serverCount(recs, "", "QUIT"); l != parallel || q != parallel {
			t.Errorf("PARALLEL %d: %d logins and %d QUITs, want %d of each", parallel, l, q, parallel)
		}
		outs[i] = normalizeParallel(out)
	}
	if outs[0] != outs[1] {
		t.Errorf("transcripts differ:\nPARALLEL 1:\n%s\nPARALLEL 4:\n%s", outs[0], outs[1])
	}
}

// TestParallelPoolReopensClosedSessions: extra sessions that the server
// closed while they waited in the pool (its idle timeout, 421) are
// opened again by the next parallel subcommand: no warning, every
// session takes files, return code 0.
func TestParallelPoolReopensClosedSessions(t *testing.T) {
	log := newRecordLog()
	srv := parallelStartServer(t, 20, 0, log, ftptest.WithIdleTimeout(time.Second))
	slowFile(t, srv, 75) // 3 s: the pooled sessions time out meanwhile
	status, out := runBatch(t, srv, Flags{Verbose: true, ExitOnError: true, Parallel: 3, Passive: true},
		t.TempDir(), "binary\nmget f00*\nget slow.bin\nmget f01*\nquit\n")
	if status != 0 {
		t.Fatalf("status %d\n%s", status, out)
	}
	if strings.Contains(out, string(transcript.MsgParallelRefused)) || strings.Contains(out, "refused another session") {
		t.Errorf("a closed pooled session was reported as refused:\n%s", out)
	}
	recs := log.records()
	if n := serverCount(recs, "idle timeout", ""); n != 2 {
		t.Errorf("%d sessions timed out, want the 2 pooled ones", n)
	}
	if n := serverCount(recs, "logged in", ""); n != 5 {
		t.Errorf("%d logins, want 5 (the first, 2 extra, 2 reopened)", n)
	}
	second := map[string]bool{}
	for _, r := range recs {
		if r.commandVerb() == "RETR" && strings.Contains(r.attrs["line"], "f01") {
			second[r.remote] = true
		}
	}
	if len(second) != 3 {
		t.Errorf("the second MGET ran on %d sessions, want 3", len(second))
	}
	for i := 10; i < 20; i++ {
		if !strings.Contains(out, fmt.Sprintf("f%03d.bin", i)) {
			t.Errorf("f%03d.bin is not in the transcript", i)
		}
	}
}

// silentAfterFirst listens on loopback and relays its first connection to
// target; every later one is accepted and never answered (no greeting),
// as a server whose extra sessions stall.
func silentAfterFirst(t *testing.T, target string) (string, int) {
	t.Helper()
	ln, err := net.Listen("tcp", "127.0.0.1:0")
	if err != nil {
		t.Fatal(err)
	}
	t.Cleanup(func() { ln.Close() })
	var held []net.Conn
	var mu sync.Mutex
	t.Cleanup(func() {
		mu.Lock()
		defer mu.Unlock()
		for _, c := range held {
			c.Close()
		}
	})
	go func() {
		for n := 0; ; n++ {
			c, err := ln.Accept()
			if err != nil {
				return
			}
			if n > 0 {
				mu.Lock()
				held = append(held, c)
				mu.Unlock()
				continue
			}
			s, err := net.Dial("tcp", target)
			if err != nil {
				c.Close()
				return
			}
			go func() { io.Copy(s, c); s.Close() }()
			go func() { io.Copy(c, s); c.Close() }()
		}
	}()
	a := ln.Addr().(*net.TCPAddr)
	return a.IP.String(), a.Port
}

// TestParallelDialledAheadStall: extra sessions whose greeting never
// comes hold the batch job no longer than the open timeout (-w 1): the
// files go over the first session, after one warning, and the job ends
// with return code 0.
func TestParallelDialledAheadStall(t *testing.T) {
	srv := parallelStartServer(t, 6, 0, newRecordLog())
	host, port := silentAfterFirst(t, net.JoinHostPort(srv.Host, strconv.Itoa(srv.Port)))
	work := t.TempDir()
	in, buf := newBatchInterp(t, Flags{Verbose: true, ExitOnError: true, Parallel: 3, Passive: true, Timeout: 1},
		work, srv.User+"\n"+srv.Password+"\nbinary\nmget f*\nquit\n")
	start := time.Now()
	status := in.Run(host, port)
	took := time.Since(start)
	out := buf.String()
	if status != 0 {
		t.Fatalf("status %d\n%s", status, out)
	}
	if took > 10*time.Second {
		t.Errorf("the job took %v with -w 1, want well under 10 s", took)
	}
	if n := strings.Count(out, "refused another session"); n != 1 {
		t.Errorf("%d warnings about the stalled sessions, want 1:\n%s", n, out)
	}
	for i := range 6 {
		got, err := os.ReadFile(filepath.Join(work, fmt.Sprintf("f%03d.bin", i)))
		if err != nil || !bytes.Equal(got, fileData(i)) {
			t.Errorf("f%03d.bin: %d bytes, %v; want the server's %d", i, len(got), err, len(fileData(i)))
		}
	}
}

// TestParallelDialledAheadLoginFails: when the first session's login fails,
// the extra sessions dialled at OPEN send no USER or PASS and are closed;
// the job ends with the login's failure, as without PARALLEL.
func TestParallelDialledAheadLoginFails(t *testing.T) {
	var outs [2]string
	for i, parallel := range []int{1, 4} {
		log := newRecordLog()
		srv := parallelStartServer(t, 1, 0, log)
		in, buf := newBatchInterp(t, Flags{Verbose: true, ExitOnError: true, Parallel: parallel, Passive: true},
			t.TempDir(), srv.User+"\nwrong-password\nget f000.bin\nquit\n")
		status := in.Run(srv.Host, srv.Port)
		if status == 0 {
			t.Fatalf("PARALLEL %d: status 0 after a failed login\n%s", parallel, buf)
		}
		outs[i] = fmt.Sprintf("status %d\n%s", status, normalizeParallel(buf.String()))
		// The sessions dialled ahead may still be connecting when the
		// login fails (at once here): each closes once connected.
		deadline := time.Now().Add(5 * time.Second)
		for {
			recs := log.records()
			c, d := serverCount(recs, "connected", ""), serverCount(recs, "disconnected", "")
			if (c == parallel && d == c) || time.Now().After(deadline) {
				if c > parallel || d != c {
					t.Errorf("PARALLEL %d: %d connections, %d still open 5 s after the job ended; want at most %d, none open",
						parallel, c, c-d, parallel)
				}
				if u := serverCount(recs, "", "USER"); u != 1 {
					t.Errorf("PARALLEL %d: %d USER commands, want the first session's only", parallel, u)
				}
				break
			}
			time.Sleep(20 * time.Millisecond)
		}
	}
	if outs[0] != outs[1] {
		t.Errorf("transcripts differ:\nPARALLEL 1:\n%s\nPARALLEL 4:\n%s", outs[0], outs[1])
	}
}

// TestParallelDialledAheadLoginFailsWhileStalled: when the first
// session's login fails while the extra sessions dialled at OPEN still
// wait for their greeting, they are ended at once: the job does not wait
// out their open timeout (the default here) before it ends.
func TestParallelDialledAheadLoginFailsWhileStalled(t *testing.T) {
	srv := parallelStartServer(t, 1, 0, newRecordLog())
	host, port := silentAfterFirst(t, net.JoinHostPort(srv.Host, strconv.Itoa(srv.Port)))
	in, buf := newBatchInterp(t, Flags{Verbose: true, ExitOnError: true, Parallel: 4, Passive: true},
		t.TempDir(), srv.User+"\nwrong-password\nget f000.bin\nquit\n")
	start := time.Now()
	status := in.Run(host, port)
	if took := time.Since(start); took > 3*time.Second {
		t.Errorf("the job took %v after its failed login, want well under 3 s", took)
	}
	if status == 0 {
		t.Fatalf("status 0 after a failed login\n%s", buf)
	}
}
