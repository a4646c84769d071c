//go:build linux

package main

import (
	"crypto/ecdsa"
	"crypto/elliptic"
	"crypto/rand"
	"crypto/tls"
	"crypto/x509"
	"crypto/x509/pkix"
	"errors"
	"fmt"
	"io"
	"math/big"
	"net"
	"os"
	"syscall"
	"time"
)

// The machine's limit: the same bytes moved from a tmpfs file through a loopback TCP
// connection into a tmpfs file, by the simplest Go program that can do it, with no FTP.
//
//   - "tcp": the sender io.Copy(conn, file) (sendfile), the receiver io.Copy(file, conn)
//     (splice): the kernel's zero-copy paths.
//   - "tcprw": plain read(2)/write(2) with 256 KiB buffers on both sides (what lftp and vsftpd
//     do). On tmpfs the splice receive path can be the slower one; the limit of a plain row is
//     the faster of the two.
//   - "tls12", "tls13": crypto/tls with an ECDSA P-256 certificate (AES-128-GCM on this kind of
//     CPU), 256 KiB application writes (full 16 KiB records) and 256 KiB reads.
//
// The sender and the receiver are goroutines of this process; the CPU figure is this process's
// user+system time over the run.

const limitBuf = 256 << 10

func measureLimit(kind, src, dst string, size int64) (sample, error) {
	var srvConf, cliConf *tls.Config
	if kind != "tcp" && kind != "tcprw" {
		cert, pool, err := selfSigned()
		if err != nil {
			return sample{}, err
		}
		v := uint16(tls.VersionTLS13)
		if kind == "tls12" {
			v = tls.VersionTLS12
		}
		srvConf = &tls.Config{Certificates: []tls.Certificate{cert}, MinVersion: v, MaxVersion: v}
		cliConf = &tls.Config{RootCAs: pool, ServerName: "127.0.0.1", MinVersion: v, MaxVersion: v}
	}
	ln, err := net.Listen("tcp", "127.0.0.1:0")
	if err != nil {
		return sample{}, err
	}
	defer ln.Close()

	var before, after syscall.Rusage
	syscall.Getrusage(syscall.RUSAGE_SELF, &before)
	start := time.Now()

	sent := make(chan error, 1)
	rw := kind == "tcprw"
	go func() { sent <- limitSend(ln, srvConf, src, rw) }()

	got, rerr := limitReceive(ln.Addr().String(), cliConf, dst, rw)
	serr := <-sent
	wall := time.Since(start)
	syscall.Getrusage(syscall.RUSAGE_SELF, &after)
	os.Remove(dst)
	if err := errors.Join(serr, rerr); err != nil {
		return sample{}, fmt.Errorf("%s: %w", kind, err)
	}
	if got != size {
		return sample{}, fmt.Errorf("%s: received %d bytes, want %d", kind, got, size)
	}
	return sample{
		wall: wall,
		cpu:  tvDur(after.Utime) + tvDur(after.Stime) - tvDur(before.Utime) - tvDur(before.Stime),
	}, nil
}

func limitSend(ln net.Listener, conf *tls.Config, src string, rw bool) error {
	c, err := ln.Accept()
	if err != nil {
		return err
	}
	defer c.Close()
	f, err := os.Open(src)
	if err != nil {
		return err
	}
	defer f.Close()
	if conf == nil && !rw {
		_, err = io.Copy(c, f) // *net.TCPConn.ReadFrom(*os.File): sendfile
		return err
	}
	var tc net.Conn = c
	if conf != nil {
		tc = tls.Server(c, conf)
	}
	buf := make([]byte, limitBuf)
	for {
		n, rerr := f.Read(buf)
		if n > 0 {
			if _, err := tc.Write(buf[:n]); err != nil {
				return err
			}
		}
		if rerr == io.EOF {
			return tc.Close() // close_notify, as an FTPS data connection ends
		}
		if rerr != nil {
			return rerr
		}
	}
}

func limitReceive(addr string, conf *tls.Config, dst string, rw bool) (int64, error) {
	c, err := net.Dial("tcp", addr)
	if err != nil {
		return 0, err
	}
	defer c.Close()
	f, err := os.Create(dst)
	if err != nil {
		return 0, err
	}
	defer f.Close()
	if conf == nil && !rw {
		return io.Copy(f, c) // *os.File.ReadFrom(*net.TCPConn): splice
	}
	var tc net.Conn = c
	if conf != nil {
		tc = tls.Client(c, conf)
	}
	buf := make([]byte, limitBuf)
	var total int64
	for {
		n, rerr := tc.Read(buf)
		if n > 0 {
			if _, err := f.Write(buf[:n]); err != nil {
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

// selfSigned makes a throw-away ECDSA P-256 certificate for 127.0.0.1.
func selfSigned() (tls.Certificate, *x509.CertPool, error) {
	key, err := ecdsa.GenerateKey(elliptic.P256(), rand.Reader)
	if err != nil {
		return tls.Certificate{}, nil, err
	}
	tmpl := &x509.Certificate{
		SerialNumber:          big.NewInt(1),
		Subject:               pkix.Name{CommonName: "zftpbench limit"},
		NotBefore:             time.Now().Add(-time.Hour),
		NotAfter:              time.Now().Add(24 * time.Hour),
		IPAddresses:           []net.IP{net.IPv4(127, 0, 0, 1)},
		KeyUsage:              x509.KeyUsageDigitalSignature | x509.KeyUsageCertSign,
		ExtKeyUsage:           []x509.ExtKeyUsage{x509.ExtKeyUsageServerAuth},
		BasicConstraintsValid: true,
		IsCA:                  true,
	}
	der, err := x509.CreateCertificate(rand.Reader, tmpl, tmpl, &key.PublicKey, key)
	if err != nil {
		return tls.Certificate{}, nil, err
	}
	leaf, err := x509.ParseCertificate(der)
	if err != nil {
		return tls.Certificate{}, nil, err
	}
	pool := x509.NewCertPool()
	pool.AddCert(leaf)
	return tls.Certificate{Certificate: [][]byte{der}, PrivateKey: key, Leaf: leaf}, pool, nil
}

func tvDur(tv syscall.Timeval) time.Duration {
	return time.Duration(tv.Sec)*time.Second + time.Duration(tv.Usec)*time.Microsecond
}
