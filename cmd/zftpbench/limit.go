//go:build linux

package main

import (
	"bufio"
	"context"
	stdtls "crypto/tls"
	"errors"
	"fmt"
	"io"
	"net"
	"os"
	"os/exec"
	"strings"
	"syscall"
	"time"

	"github.com/zftp/zftp/internal/certs"
	"github.com/zftp/zftp/internal/iobuf"
)

// The machine's limit: the same bytes moved from a tmpfs file through a loopback TCP
// connection into a tmpfs file, with no FTP, shaped as the real case is: two processes (this
// program re-executed as `zftpbench --limit-recv KIND DST`, which listens, and
// `zftpbench --limit-send KIND ADDR SRC`, which connects and sends), each using the fastest
// calls its side has. The figures are the receiver's, from accepting the connection to the
// end of the data (TLS: the handshake included), so process start-up is not counted: any
// FTP client moving the same bytes over the same loopback does at least this work, and
// zftp/limit ≥ 1 holds by construction.
//
//   - "tcp": the sender sendfile(2)s the file (io.Copy from *os.File to *net.TCPConn), the
//     receiver splice(2)s into its file (io.Copy from *net.TCPConn to *os.File).
//   - "tcprw": sendfile on the sender, read(2)/write(2) with 256 KiB buffers on the receiver:
//     on tmpfs the splice receive path can be the slower one; the limit of a plain row is the
//     faster of the two.
//   - "tls12", "tls13": crypto/tls with an ECDSA P-256 certificate (AES-128-GCM on this kind of
//     CPU), no dynamic record sizing (full 16 KiB records from the first byte); the sender
//     writes 1 MiB at a time into a 1 MiB buffer under the TLS layer (one write(2) per 64
//     records, not one per record), the receiver reads the socket through a 1 MiB buffer and
//     writes 1 MiB to its file at a time. The receiver skips certificate verification (a
//     fraction of a millisecond once per run: it only makes the limit faster).
//
// The CPU figure is the user+system time of both processes (from wait4), start-up included.

const (
	limitBuf    = 256 << 10
	limitTLSBuf = 1 << 20
)

// limitKeep, when set (tests), is where measureLimit moves what arrived instead of removing it.
var limitKeep string

// limitTimeout bounds one limit run.
const limitTimeout = 2 * time.Minute

// measureLimit runs one limit measurement: a receiver and a sender process.
func measureLimit(kind, src, dst string, size int64) (sample, error) {
	self, err := os.Executable()
	if err != nil {
		return sample{}, err
	}
	defer func() {
		if limitKeep != "" {
			os.Rename(dst, limitKeep)
		}
		os.Remove(dst)
	}()
	ctx, cancel := context.WithTimeout(context.Background(), limitTimeout)
	defer cancel()
	recv := exec.CommandContext(ctx, self, "--limit-recv", kind, dst)
	recv.Stderr = os.Stderr
	out, err := recv.StdoutPipe()
	if err != nil {
		return sample{}, err
	}
	if err := recv.Start(); err != nil {
		return sample{}, err
	}
	br := bufio.NewReader(out)
	addr, err := br.ReadString('\n')
	if err != nil {
		recv.Wait()
		return sample{}, fmt.Errorf("%s: receiver gave no address: %w", kind, err)
	}
	send := exec.CommandContext(ctx, self, "--limit-send", kind, strings.TrimSpace(addr), src)
	send.Stderr = os.Stderr
	serr := send.Run()
	report, rerr := io.ReadAll(br)
	if werr := recv.Wait(); werr != nil {
		rerr = errors.Join(rerr, fmt.Errorf("receiver: %w", werr))
	}
	if serr != nil {
		serr = fmt.Errorf("sender: %w", serr)
	}
	if err := errors.Join(serr, rerr); err != nil {
		return sample{}, fmt.Errorf("%s: %w", kind, err)
	}
	var got, nanos int64
	if _, err := fmt.Sscanf(string(report), "%d %d", &got, &nanos); err != nil {
		return sample{}, fmt.Errorf("%s: receiver report %q: %w", kind, report, err)
	}
	if got != size {
		return sample{}, fmt.Errorf("%s: received %d bytes, want %d", kind, got, size)
	}
	cpu := func(c *exec.Cmd) time.Duration {
		ru, _ := c.ProcessState.SysUsage().(*syscall.Rusage)
		if ru == nil {
			return 0
		}
		return tvDur(ru.Utime) + tvDur(ru.Stime)
	}
	return sample{wall: time.Duration(nanos), cpu: cpu(recv) + cpu(send)}, nil
}

// limitTLSVersion is the TLS version of a limit kind, or 0 for plain TCP.
func limitTLSVersion(kind string) (uint16, error) {
	switch kind {
	case "tcp", "tcprw":
		return 0, nil
	case "tls12":
		return stdtls.VersionTLS12, nil
	case "tls13":
		return stdtls.VersionTLS13, nil
	}
	return 0, fmt.Errorf("limit kind %q: want tcp, tcprw, tls12 or tls13", kind)
}

// limitMain runs one side of a limit measurement: `--limit-recv KIND DST` listens on
// 127.0.0.1, prints its address, receives one connection into DST and prints the bytes and
// nanoseconds from accept to the end of the data; `--limit-send KIND ADDR SRC` sends SRC.
func limitMain(side string, args []string) error {
	switch {
	case side == "--limit-recv" && len(args) == 2:
		n, d, err := limitReceive(args[0], args[1])
		if err != nil {
			return err
		}
		fmt.Printf("%d %d\n", n, d.Nanoseconds())
		return nil
	case side == "--limit-send" && len(args) == 3:
		return limitSend(args[0], args[1], args[2])
	}
	return fmt.Errorf("%s: want --limit-recv KIND DST or --limit-send KIND ADDR SRC", side)
}

// limitSend connects to addr and sends src.
func limitSend(kind, addr, src string) error {
	v, err := limitTLSVersion(kind)
	if err != nil {
		return err
	}
	f, err := os.Open(src)
	if err != nil {
		return err
	}
	defer f.Close()
	c, err := net.Dial("tcp", addr)
	if err != nil {
		return err
	}
	defer c.Close()
	if v == 0 {
		if _, err := io.Copy(c, f); err != nil { // *net.TCPConn.ReadFrom(*os.File): sendfile
			return fmt.Errorf("sendfile: %w", err)
		}
		return c.(*net.TCPConn).CloseWrite()
	}
	cfg, err := limitServerConfig()
	if err != nil {
		return err
	}
	cfg.MinVersion, cfg.MaxVersion, cfg.DynamicRecordSizingDisabled = v, v, true
	bc := &bufConn{Conn: c}
	tc := stdtls.Server(bc, cfg)
	if err := tc.Handshake(); err != nil {
		return fmt.Errorf("TLS handshake: %w", err)
	}
	bc.w = bufio.NewWriterSize(c, limitTLSBuf)
	buf := make([]byte, limitTLSBuf)
	for {
		n, rerr := f.Read(buf)
		if n > 0 {
			if _, err := tc.Write(buf[:n]); err != nil {
				return err
			}
		}
		if rerr == io.EOF {
			break
		}
		if rerr != nil {
			return rerr
		}
	}
	if err := tc.CloseWrite(); err != nil { // close_notify, as an FTPS data connection ends
		return err
	}
	c.SetWriteDeadline(time.Time{}) // CloseWrite leaves an expired one; the buffer is still to go
	if err := bc.w.Flush(); err != nil {
		return err
	}
	return c.(*net.TCPConn).CloseWrite()
}

// bufConn is a connection whose writes go through w once it is set (after the TLS
// handshake, whose flights must not wait in a buffer) and whose reads go through r when set.
type bufConn struct {
	net.Conn
	w *bufio.Writer
	r *bufio.Reader
}

func (b *bufConn) Write(p []byte) (int, error) {
	if b.w != nil {
		return b.w.Write(p)
	}
	return b.Conn.Write(p)
}

func (b *bufConn) Read(p []byte) (int, error) {
	if b.r != nil {
		return b.r.Read(p)
	}
	return b.Conn.Read(p)
}

// limitReceive listens on 127.0.0.1, prints the address, and receives one connection's data
// into dst; it returns the bytes and the time from accept to the end of the data.
func limitReceive(kind, dst string) (int64, time.Duration, error) {
	v, err := limitTLSVersion(kind)
	if err != nil {
		return 0, 0, err
	}
	ln, err := net.Listen("tcp", "127.0.0.1:0")
	if err != nil {
		return 0, 0, err
	}
	defer ln.Close()
	f, err := os.Create(dst)
	if err != nil {
		return 0, 0, err
	}
	defer f.Close()
	fmt.Println(ln.Addr())
	ln.(*net.TCPListener).SetDeadline(time.Now().Add(limitTimeout))
	c, err := ln.Accept()
	if err != nil {
		return 0, 0, err
	}
	defer c.Close()
	start := time.Now()
	var total int64
	switch {
	case v == 0 && kind == "tcp":
		total, err = io.Copy(f, c) // *os.File.ReadFrom(*net.TCPConn): splice
	case v == 0:
		total, err = copyFill(f, c, make([]byte, limitBuf))
	default:
		bc := &bufConn{Conn: c, r: bufio.NewReaderSize(c, limitTLSBuf)}
		tc := stdtls.Client(bc, &stdtls.Config{InsecureSkipVerify: true, MinVersion: v, MaxVersion: v})
		total, err = copyFill(f, tc, make([]byte, limitTLSBuf))
	}
	if err == nil {
		err = f.Close()
	}
	return total, time.Since(start), err
}

// copyFill copies r to w, writing only full buffers (and the rest at the end).
func copyFill(w io.Writer, r io.Reader, buf []byte) (int64, error) {
	var total int64
	for {
		n, rerr := iobuf.Fill(r, buf)
		if n > 0 {
			if _, err := w.Write(buf[:n]); err != nil {
				return total, err
			}
			total += int64(n)
		}
		if rerr == io.EOF {
			return total, nil
		}
		if rerr != nil {
			return total, rerr
		}
	}
}

// limitServerConfig makes a throw-away CA and server certificate for
// 127.0.0.1 with the project's one minter (internal/certs).
func limitServerConfig() (*stdtls.Config, error) {
	ca, err := certs.NewCA("zftpbench limit CA")
	if err != nil {
		return nil, err
	}
	return ca.ServerConfig("zftpbench limit", "127.0.0.1")
}

func tvDur(tv syscall.Timeval) time.Duration {
	return time.Duration(tv.Sec)*time.Second + time.Duration(tv.Usec)*time.Microsecond
}
