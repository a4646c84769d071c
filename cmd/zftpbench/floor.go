//go:build linux

package main

import (
	"bufio"
	"errors"
	"fmt"
	"io"
	"net"
	"os"
	"path/filepath"
	"sort"
	"strconv"
	"strings"
	"sync"
	"sync/atomic"
	"time"

	"github.com/zftp/zftp/client"
)

// The floor of a many-file workload: the least a Go program must do to move the same files
// over FTP in one session, timed like the clients (its own process under GNU time). It is this
// program run as `zftpbench --floor mget|mput HOST PORT USER RDIR LDIR` with the password on
// stdin: one goroutine, PASV and RETR (STOR) per file, NLST once for MGET, a 256 KiB buffer, no
// transcript, no temporary files, no checks beyond the reply codes. zftp's MGET and MPUT rows
// are compared with it in the zftp/limit column: what is left between zftp and the floor is
// zftp's own cost; what lies below the floor is beyond any Go client on this machine.
//
// With `--floor mget|mput -P N` (N > 1) it is the floor of the parallel latency rows (floor-p8):
// all N sessions are opened at once at process start (connect, USER, PASS, TYPE I, CWD RDIR
// each), session 0 lists the names (NLST) for MGET while the others wait for the list after
// their own login, then every session takes the next file from a shared atomic index and moves
// it as above (PASV, RETR or STOR, data, final reply); QUIT on all. It leaves out, as the
// serial floor does, everything but the protocol, and also pipelining: each command waits for
// the reply to the one before it (no PASV sent together with RETR). Plain FTP only, like the
// serial floor.

// floorMain runs the floor client; args are [-P N] HOST PORT USER RDIR LDIR and the password
// is the first line of stdin.
func floorMain(op string, args []string) error {
	sessions := 1
	if len(args) >= 2 && args[0] == "-P" {
		n, err := strconv.Atoi(args[1])
		if err != nil || n < 1 {
			return fmt.Errorf("--floor %s -P %q: want a positive number of sessions", op, args[1])
		}
		sessions, args = n, args[2:]
	}
	if len(args) != 5 {
		return fmt.Errorf("--floor %s: want [-P N] HOST PORT USER RDIR LDIR", op)
	}
	if op != "mget" && op != "mput" {
		return fmt.Errorf("--floor %s: mget or mput", op)
	}
	pass, err := bufio.NewReader(os.Stdin).ReadString('\n')
	if err != nil {
		return fmt.Errorf("--floor: password on stdin: %w", err)
	}
	fl := floorLogin{host: args[0], port: args[1], user: args[2], pass: strings.TrimSpace(pass), rdir: args[3]}
	if sessions > 1 {
		return floorParallel(op, sessions, fl, args[4])
	}
	return floorSerial(op, fl, args[4])
}

// floorLogin is where and as whom the floor client logs in, and the remote directory.
type floorLogin struct {
	host, port, user, pass, rdir string
}

// open connects and logs in, then sends TYPE I and CWD rdir.
func (fl floorLogin) open() (*floorClient, error) {
	f, err := dialFloor(fl.host, fl.port, fl.user, fl.pass)
	if err != nil {
		return nil, err
	}
	if _, err := f.cmd("TYPE I", 2); err != nil {
		f.conn.Close()
		return nil, err
	}
	if _, err := f.cmd("CWD "+fl.rdir, 2); err != nil {
		f.conn.Close()
		return nil, err
	}
	return f, nil
}

// floorSerial is the floor in one session.
func floorSerial(op string, fl floorLogin, local string) error {
	f, err := fl.open()
	if err != nil {
		return err
	}
	defer f.conn.Close()
	if op == "mget" {
		err = f.mget(local)
	} else {
		err = f.mput(local)
	}
	if err != nil {
		return err
	}
	_, err = f.cmd("QUIT", 2)
	return err
}

// floorParallel is the floor in n sessions opened at once, sharing the files through an
// atomic index. A session that fails stops the others after their current file; the error
// names every session that failed.
func floorParallel(op string, n int, fl floorLogin, local string) error {
	var names []string
	if op == "mput" {
		var err error
		if names, err = localNames(local); err != nil {
			return err
		}
	}
	listed := make(chan struct{}) // closed by session 0 once names is set (MGET) or it failed
	endList := sync.OnceFunc(func() { close(listed) })
	if op == "mput" {
		endList()
	}
	var (
		next, done atomic.Int64
		failed     atomic.Bool
		wg         sync.WaitGroup
		errs       = make([]error, n)
	)
	for i := range n {
		wg.Go(func() {
			err := func() error {
				if i == 0 {
					defer endList() // the others must not wait for a session 0 that failed
				}
				f, err := fl.open()
				if err != nil {
					return fmt.Errorf("login: %w", err)
				}
				defer f.conn.Close()
				if i == 0 && op == "mget" {
					l, err := f.nlst()
					if err != nil {
						return err
					}
					names = l
					endList()
				} else {
					<-listed
				}
				for !failed.Load() {
					k := next.Add(1) - 1
					if k >= int64(len(names)) {
						break
					}
					if op == "mget" {
						err = f.get(names[k], local)
					} else {
						err = f.put(names[k], local)
					}
					if err != nil {
						return err
					}
					done.Add(1)
				}
				_, err = f.cmd("QUIT", 2)
				return err
			}()
			if err != nil {
				failed.Store(true)
				errs[i] = fmt.Errorf("session %d: %w", i, err)
			}
		})
	}
	wg.Wait()
	if err := errors.Join(errs...); err != nil {
		return err
	}
	if d := done.Load(); d != int64(len(names)) {
		return fmt.Errorf("%d of %d files moved", d, len(names)) // cannot happen without an error above
	}
	return nil
}

// floorClient is one control connection.
type floorClient struct {
	conn net.Conn
	r    *bufio.Reader
	host string
	buf  []byte
}

func dialFloor(host, port, user, pass string) (*floorClient, error) {
	conn, err := net.DialTimeout("tcp", net.JoinHostPort(host, port), 10*time.Second)
	if err != nil {
		return nil, err
	}
	f := &floorClient{conn: conn, r: bufio.NewReader(conn), host: host, buf: make([]byte, 256<<10)}
	if _, err := f.reply(2); err != nil {
		conn.Close()
		return nil, err
	}
	if _, err := f.cmd("USER "+user, 3); err != nil {
		conn.Close()
		return nil, err
	}
	if _, err := f.cmd("PASS "+pass, 2); err != nil {
		conn.Close()
		return nil, err
	}
	return f, nil
}

// reply reads one reply and checks its first digit.
func (f *floorClient) reply(class byte) (string, error) {
	f.conn.SetReadDeadline(time.Now().Add(30 * time.Second))
	for {
		l, err := f.r.ReadString('\n')
		if err != nil {
			return "", fmt.Errorf("reply: %w", err)
		}
		if len(l) >= 4 && l[3] == ' ' {
			if l[0] != '0'+class {
				return "", fmt.Errorf("reply %q, want %cxx", strings.TrimSpace(l), '0'+class)
			}
			return l, nil
		}
	}
}

// cmd sends line and reads its reply, which must be of class.
func (f *floorClient) cmd(line string, class byte) (string, error) {
	if _, err := io.WriteString(f.conn, line+"\r\n"); err != nil {
		return "", err
	}
	return f.reply(class)
}

// transfer runs PASV, the command and the data, and reads the final reply.
func (f *floorClient) transfer(command string, data func(net.Conn) error) error {
	p, err := f.cmd("PASV", 2)
	if err != nil {
		return err
	}
	addr, err := client.ParsePASV(strings.TrimSpace(p[4:]))
	if err != nil {
		return err
	}
	dc, err := net.DialTimeout("tcp", net.JoinHostPort(f.host, strconv.Itoa(addr.Port)), 10*time.Second)
	if err != nil {
		return err
	}
	defer dc.Close()
	if _, err := f.cmd(command, 1); err != nil {
		return err
	}
	if err := data(dc); err != nil {
		return err
	}
	dc.Close()
	_, err = f.reply(2)
	return err
}

// nlst lists the names of the current directory.
func (f *floorClient) nlst() ([]string, error) {
	var list strings.Builder
	if err := f.transfer("NLST", func(dc net.Conn) error {
		_, err := io.CopyBuffer(&list, dc, f.buf)
		return err
	}); err != nil {
		return nil, fmt.Errorf("NLST: %w", err)
	}
	return strings.Fields(list.String()), nil
}

func (f *floorClient) mget(dir string) error {
	names, err := f.nlst()
	if err != nil {
		return err
	}
	for _, name := range names {
		if err := f.get(name, dir); err != nil {
			return err
		}
	}
	return nil
}

// get retrieves name into dir.
func (f *floorClient) get(name, dir string) error {
	out, err := os.Create(filepath.Join(dir, filepath.Base(name)))
	if err != nil {
		return err
	}
	err = f.transfer("RETR "+name, func(dc net.Conn) error {
		_, err := io.CopyBuffer(out, dc, f.buf)
		return err
	})
	if cerr := out.Close(); err == nil {
		err = cerr
	}
	if err != nil {
		return fmt.Errorf("RETR %s: %w", name, err)
	}
	return nil
}

// localNames are the names in dir, sorted.
func localNames(dir string) ([]string, error) {
	ents, err := os.ReadDir(dir)
	if err != nil {
		return nil, err
	}
	names := make([]string, 0, len(ents))
	for _, e := range ents {
		names = append(names, e.Name())
	}
	sort.Strings(names)
	return names, nil
}

func (f *floorClient) mput(dir string) error {
	names, err := localNames(dir)
	if err != nil {
		return err
	}
	for _, name := range names {
		if err := f.put(name, dir); err != nil {
			return err
		}
	}
	return nil
}

// put stores dir/name as name.
func (f *floorClient) put(name, dir string) error {
	in, err := os.Open(filepath.Join(dir, name))
	if err != nil {
		return err
	}
	defer in.Close()
	err = f.transfer("STOR "+name, func(dc net.Conn) error {
		if _, err := io.CopyBuffer(dc, in, f.buf); err != nil {
			return err
		}
		return dc.(*net.TCPConn).CloseWrite()
	})
	if err != nil {
		return fmt.Errorf("STOR %s: %w", name, err)
	}
	return nil
}
