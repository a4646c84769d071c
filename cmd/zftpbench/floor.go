//go:build linux

package main

import (
	"bufio"
	"fmt"
	"io"
	"net"
	"os"
	"path/filepath"
	"sort"
	"strconv"
	"strings"
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

// floorMain runs the floor client; args are HOST PORT USER RDIR LDIR and the password is the
// first line of stdin.
func floorMain(op string, args []string) error {
	if len(args) != 5 {
		return fmt.Errorf("--floor %s: want HOST PORT USER RDIR LDIR", op)
	}
	pass, err := bufio.NewReader(os.Stdin).ReadString('\n')
	if err != nil {
		return fmt.Errorf("--floor: password on stdin: %w", err)
	}
	f, err := dialFloor(args[0], args[1], args[2], strings.TrimSpace(pass))
	if err != nil {
		return err
	}
	defer f.conn.Close()
	if _, err := f.cmd("TYPE I", 2); err != nil {
		return err
	}
	if _, err := f.cmd("CWD "+args[3], 2); err != nil {
		return err
	}
	switch op {
	case "mget":
		err = f.mget(args[4])
	case "mput":
		err = f.mput(args[4])
	default:
		err = fmt.Errorf("--floor %s: mget or mput", op)
	}
	if err != nil {
		return err
	}
	_, err = f.cmd("QUIT", 2)
	return err
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
		return nil, err
	}
	if _, err := f.cmd("USER "+user, 3); err != nil {
		return nil, err
	}
	_, err = f.cmd("PASS "+pass, 2)
	return f, err
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

func (f *floorClient) mget(dir string) error {
	var list strings.Builder
	if err := f.transfer("NLST", func(dc net.Conn) error {
		_, err := io.CopyBuffer(&list, dc, f.buf)
		return err
	}); err != nil {
		return err
	}
	for _, name := range strings.Fields(list.String()) {
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
	}
	return nil
}

func (f *floorClient) mput(dir string) error {
	ents, err := os.ReadDir(dir)
	if err != nil {
		return err
	}
	names := make([]string, 0, len(ents))
	for _, e := range ents {
		names = append(names, e.Name())
	}
	sort.Strings(names)
	for _, name := range names {
		in, err := os.Open(filepath.Join(dir, name))
		if err != nil {
			return err
		}
		err = f.transfer("STOR "+name, func(dc net.Conn) error {
			if _, err := io.CopyBuffer(dc, in, f.buf); err != nil {
				return err
			}
			return dc.(*net.TCPConn).CloseWrite()
		})
		in.Close()
		if err != nil {
			return fmt.Errorf("STOR %s: %w", name, err)
		}
	}
	return nil
}
