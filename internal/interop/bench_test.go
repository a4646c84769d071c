//go:build linux

package interop

import (
	"bytes"
	"crypto/sha256"
	"encoding/hex"
	"fmt"
	"io"
	"os"
	"os/exec"
	"path/filepath"
	"regexp"
	"strconv"
	"strings"
	"sync"
	"testing"
	"time"

	"github.com/zftp/zftp/client/ftptest"
)

// benchSize is the file size of the whole-binary benchmarks: 1 GiB, or
// ZFTP_BENCH_SIZE bytes.
func benchSize(b *testing.B) int64 {
	if v := os.Getenv("ZFTP_BENCH_SIZE"); v != "" {
		n, err := strconv.ParseInt(v, 10, 64)
		if err != nil || n < 0 {
			b.Fatalf("ZFTP_BENCH_SIZE=%q: not a byte count", v)
		}
		return n
	}
	return 1 << 30
}

// zftpBuild is the zftp binary the tests and benchmarks run, built once per test binary
// (removed by TestMain).
var zftpBuild struct {
	once     sync.Once
	dir, bin string
	err      error
}

// buildZftp returns the zftp binary, built on first use. Without ZFTP_INTEROP the test is
// skipped first: every caller runs the binary against a real server.
func buildZftp(b testing.TB) string {
	b.Helper()
	checkEnabled(b)
	zftpBuild.once.Do(func() {
		z := &zftpBuild
		if z.dir, z.err = os.MkdirTemp("", "zftp-interop-bin-"); z.err != nil {
			return
		}
		z.bin = filepath.Join(z.dir, "zftp")
		cmd := exec.Command("go", "build", "-o", z.bin, "github.com/zftp/zftp/cmd/zftp")
		if out, err := cmd.CombinedOutput(); err != nil {
			z.err = fmt.Errorf("%w\n%s", err, out)
		}
	})
	if zftpBuild.err != nil {
		b.Fatalf("build zftp: %v", zftpBuild.err)
	}
	return zftpBuild.bin
}

// removeZftp removes the binary buildZftp built.
func removeZftp() {
	if zftpBuild.dir != "" {
		os.RemoveAll(zftpBuild.dir)
	}
}

// randomFile writes size pseudo-random bytes and returns the path and
// SHA-256.
func randomFile(b *testing.B, dir string, size int64) (string, string) {
	b.Helper()
	path := filepath.Join(dir, "big.bin")
	f, err := os.Create(path)
	if err != nil {
		b.Fatal(err)
	}
	defer f.Close()
	h := sha256.New()
	block := make([]byte, 1<<20)
	for i := range block {
		block[i] = byte(i*7 + i>>8)
	}
	for left := size; left > 0; {
		n := min(left, int64(len(block)))
		block[0]++
		f.Write(block[:n])
		h.Write(block[:n])
		left -= n
	}
	return path, hex.EncodeToString(h.Sum(nil))
}

func fileSum(b *testing.B, path string) string {
	b.Helper()
	f, err := os.Open(path)
	if err != nil {
		b.Fatal(err)
	}
	defer f.Close()
	h := sha256.New()
	io.Copy(h, f)
	return hex.EncodeToString(h.Sum(nil))
}

var maxRSS = regexp.MustCompile(`Maximum resident set size \(kbytes\): (\d+)`)

// runZftp runs one batch session under /usr/bin/time -v and returns the
// transcript and the peak RSS in KiB.
func runZftp(b *testing.B, bin, host string, port int, script string) (string, int64) {
	b.Helper()
	cmd := exec.Command("/usr/bin/time", "-v", bin, "-v", host, strconv.Itoa(port))
	cmd.Stdin = strings.NewReader(script)
	var out, errb bytes.Buffer
	cmd.Stdout, cmd.Stderr = &out, &errb
	if err := cmd.Run(); err != nil {
		b.Fatalf("zftp: %v\nstdout:\n%s\nstderr:\n%s", err, out.String(), errb.String())
	}
	m := maxRSS.FindStringSubmatch(errb.String())
	if m == nil {
		b.Fatalf("no RSS figure from /usr/bin/time (apt-get install time)")
	}
	kib, _ := strconv.ParseInt(m[1], 10, 64)
	return out.String(), kib
}

// BenchmarkZftpBinaryVsftpd moves a 1 GiB file (ZFTP_BENCH_SIZE) up and
// down with the zftp binary against vsftpd and reports throughput and the
// client's peak RSS, checking the SHA-256 both ways.
func BenchmarkZftpBinaryVsftpd(b *testing.B) {
	srv := StartVsftpd(b, Options{})
	benchBinary(b, srv.Host, srv.Port, srv.User, srv.Password)
}

// BenchmarkZftpBinaryZftpd is the same against zftpd (in-process ftpd).
func BenchmarkZftpBinaryZftpd(b *testing.B) {
	srv := ftptest.NewServer(b)
	benchBinary(b, srv.Host, srv.Port, srv.User, srv.Password)
}

func benchBinary(b *testing.B, host string, port int, user, password string) {
	if _, err := os.Stat("/usr/bin/time"); err != nil {
		b.Fatal("/usr/bin/time is needed (apt-get install time)")
	}
	bin := buildZftp(b)
	size := benchSize(b)
	dir := b.TempDir()
	src, sum := randomFile(b, dir, size)
	dst := filepath.Join(dir, "back.bin")
	login := user + "\n" + password + "\nbinary\n"
	b.ResetTimer()
	for i := 0; i < b.N; i++ {
		for _, op := range []struct{ name, cmd string }{
			{"put", fmt.Sprintf("put %s big.bin\n", src)},
			{"get", fmt.Sprintf("get big.bin %s (replace\n", dst)},
		} {
			start := time.Now()
			out, rss := runZftp(b, bin, host, port, login+op.cmd+"quit\n")
			secs := time.Since(start).Seconds()
			if !strings.Contains(out, fmt.Sprintf("%d bytes transferred", size)) {
				b.Fatalf("%s: no byte count for %d bytes in transcript:\n%s", op.name, size, out)
			}
			b.ReportMetric(float64(size)/secs/1e6, op.name+"-MB/s")
			b.ReportMetric(float64(rss)/1024, op.name+"-peakRSS-MiB")
		}
		if got := fileSum(b, dst); got != sum {
			b.Fatalf("sha256 of the round trip %s, want %s", got, sum)
		}
	}
}
