//go:build linux

package interop

import (
	"bytes"
	"context"
	"fmt"
	"math/rand/v2"
	"os"
	"path/filepath"
	"strconv"
	"syscall"
	"testing"
	"time"

	"github.com/zftp/zftp/client"
	"github.com/zftp/zftp/tls"
)

// The engine (package client) on the workloads of `make bench` (cmd/zftpbench), against the real
// servers, for profiling where zftp's time goes:
//
//	TMPDIR=/dev/shm ZFTP_INTEROP=require go test -run '^$' -bench Engine -benchtime 3x \
//	    -cpuprofile cpu.prof -memprofile mem.prof ./interop/
//	go tool pprof -top interop.test cpu.prof
//
// ZFTP_ENGINE_SIZE sets the big file's size (default 256 MiB); TMPDIR=/dev/shm puts the data
// (the servers' homes and the client's files are TempDirs) on tmpfs, as make bench does.
// docs/performance.md has the findings.

func engineSize(b *testing.B) int64 {
	if v := os.Getenv("ZFTP_ENGINE_SIZE"); v != "" {
		n, err := strconv.ParseInt(v, 10, 64)
		if err != nil || n <= 0 {
			b.Fatalf("ZFTP_ENGINE_SIZE=%q", v)
		}
		return n
	}
	return 256 << 20
}

func engineFile(b *testing.B, path string, size int64) {
	f, err := os.Create(path)
	if err != nil {
		b.Fatal(err)
	}
	defer f.Close()
	rng := rand.NewChaCha8([32]byte{1})
	buf := make([]byte, 1<<20)
	for left := size; left > 0; left -= int64(len(buf)) {
		n := min(left, int64(len(buf)))
		rng.Read(buf[:n])
		f.Write(buf[:n])
	}
	os.Chmod(path, 0o644)
}

// processCPU returns the user+system CPU time of this process so far: the engine's own, since
// the servers are other processes. On a shared 2-CPU machine it is far steadier than wall time.
func processCPU(b *testing.B) time.Duration {
	var ru syscall.Rusage
	if err := syscall.Getrusage(syscall.RUSAGE_SELF, &ru); err != nil {
		b.Fatal(err)
	}
	return time.Duration(ru.Utime.Nano() + ru.Stime.Nano())
}

// reportPerFile reports wall and client CPU milliseconds per file since the timer was reset,
// cpu0 being processCPU at that moment.
func reportPerFile(b *testing.B, cpu0 time.Duration, files int) {
	n := float64(b.N * files)
	b.ReportMetric(float64(b.Elapsed().Microseconds())/1000/n, "ms/file")
	b.ReportMetric(float64((processCPU(b)-cpu0).Microseconds())/1000/n, "cpu-ms/file")
}

// engineSession logs in to srv (TLS with PROT P when the server speaks TLS) in binary.
func engineSession(b *testing.B, srv *Server) *client.Session {
	b.Helper()
	cfg := client.Config{DataMethod: client.ExtendedPassive}
	if srv.TLS != client.SecurityNone {
		dir := b.TempDir()
		ca := filepath.Join(dir, "ca.pem")
		os.WriteFile(ca, srv.CA.CertPEM, 0o644)
		k, err := tls.LoadKeyring(ca, tls.LoadOptions{})
		if err != nil {
			b.Fatal(err)
		}
		cfg.Security = client.Security{Mode: client.ExplicitRequired,
			Options: tls.Options{Keyring: k, ServerName: srv.Host}}
	}
	s, err := client.Dial(context.Background(), srv.Host, srv.Port, cfg)
	if err != nil {
		b.Fatal(err)
	}
	b.Cleanup(func() { s.Quit(b.Context()) })
	if err := s.Login(b.Context(), srv.User, srv.Password, ""); err != nil {
		b.Fatal(err)
	}
	if _, err := s.Type(b.Context(), client.TypeImage); err != nil {
		b.Fatal(err)
	}
	return s
}

func engineServer(b *testing.B, kind Kind, tls bool) *Server {
	o := Options{}
	if tls {
		o = Options{TLS: client.ExplicitAllowed, RequireReuse: true}
	}
	return Start(b, kind, o)
}

func modeName(tls bool) string {
	if tls {
		return "TLS"
	}
	return "plain"
}

// BenchmarkEngineRetr: RETR of the big file from vsftpd into an *os.File on tmpfs.
func BenchmarkEngineRetr(b *testing.B) {
	for _, tls := range []bool{false, true} {
		b.Run(modeName(tls), func(b *testing.B) {
			srv := engineServer(b, Vsftpd, tls)
			size := engineSize(b)
			engineFile(b, filepath.Join(srv.Home, "big.bin"), size)
			s := engineSession(b, srv)
			out := filepath.Join(b.TempDir(), "out")
			b.SetBytes(size)
			b.ReportAllocs()
			b.ResetTimer()
			for i := 0; i < b.N; i++ {
				f, err := os.Create(out)
				if err != nil {
					b.Fatal(err)
				}
				if _, err := s.Retr(b.Context(), "big.bin", f, nil); err != nil {
					b.Fatal(err)
				}
				f.Close()
				os.Remove(out)
			}
		})
	}
}

// BenchmarkEngineStor: STOR of the big file to vsftpd (plain, TLS) and proftpd (TLS).
func BenchmarkEngineStor(b *testing.B) {
	for _, c := range []struct {
		kind Kind
		tls  bool
	}{{Vsftpd, false}, {Vsftpd, true}, {Proftpd, true}} {
		b.Run(string(c.kind)+"-"+modeName(c.tls), func(b *testing.B) {
			srv := engineServer(b, c.kind, c.tls)
			size := engineSize(b)
			src := filepath.Join(b.TempDir(), "big.bin")
			engineFile(b, src, size)
			s := engineSession(b, srv)
			b.SetBytes(size)
			b.ReportAllocs()
			b.ResetTimer()
			for i := 0; i < b.N; i++ {
				f, err := os.Open(src)
				if err != nil {
					b.Fatal(err)
				}
				if _, err := s.Stor(b.Context(), "up.bin", f, nil); err != nil {
					b.Fatal(err)
				}
				f.Close()
				os.Remove(filepath.Join(srv.Home, "up.bin"))
			}
		})
	}
}

// BenchmarkEngineMget: NLST, then RETR of each of 200 files of 4 KiB (one op = all 200), as
// zftp's MGET does.
func BenchmarkEngineMget(b *testing.B) {
	const files = 200
	for _, tls := range []bool{false, true} {
		b.Run(modeName(tls), func(b *testing.B) {
			srv := engineServer(b, Vsftpd, tls)
			small := filepath.Join(srv.Home, "small")
			os.Mkdir(small, 0o755)
			block := bytes.Repeat([]byte("zftp"), 1024)
			for i := 1; i <= files; i++ {
				os.WriteFile(filepath.Join(small, fmt.Sprintf("f%04d.bin", i)), block, 0o644)
			}
			s := engineSession(b, srv)
			if _, err := s.Cwd(b.Context(), "small"); err != nil {
				b.Fatal(err)
			}
			out := b.TempDir()
			b.ReportAllocs()
			b.ResetTimer()
			cpu0 := processCPU(b)
			for i := 0; i < b.N; i++ {
				var list bytes.Buffer
				if _, err := s.Nlst(b.Context(), "", &list); err != nil {
					b.Fatal(err)
				}
				n := 0
				for _, name := range bytes.Fields(list.Bytes()) {
					f, err := os.Create(filepath.Join(out, string(name)))
					if err != nil {
						b.Fatal(err)
					}
					if _, err := s.Retr(b.Context(), string(name), f, nil); err != nil {
						b.Fatal(err)
					}
					f.Close()
					n++
				}
				if n != files {
					b.Fatalf("%d files, want %d", n, files)
				}
			}
			reportPerFile(b, cpu0, files)
		})
	}
}

// BenchmarkEngineMput: STOR of 200 files of 4 KiB in one session.
func BenchmarkEngineMput(b *testing.B) {
	const files = 200
	for _, tls := range []bool{false, true} {
		b.Run(modeName(tls), func(b *testing.B) {
			srv := engineServer(b, Vsftpd, tls)
			src := filepath.Join(b.TempDir(), "f.bin")
			os.WriteFile(src, bytes.Repeat([]byte("zftp"), 1024), 0o644)
			s := engineSession(b, srv)
			b.ReportAllocs()
			b.ResetTimer()
			cpu0 := processCPU(b)
			for i := 0; i < b.N; i++ {
				for j := 0; j < files; j++ {
					f, err := os.Open(src)
					if err != nil {
						b.Fatal(err)
					}
					if _, err := s.Stor(b.Context(), fmt.Sprintf("f%04d.bin", j), f, nil); err != nil {
						b.Fatal(err)
					}
					f.Close()
				}
			}
			reportPerFile(b, cpu0, files)
		})
	}
}
