package zos

import (
	"fmt"
	"io"
	"os"
	"path/filepath"
	"runtime"
	"strings"
	"testing"
	"time"

	"github.com/zftp/zftp/client/ftptest"
	"github.com/zftp/zftp/transcript"
)

// benchFiles is how many 4 KiB files one MGET or MPUT of the benchmarks
// moves: enough that the login and the listing are a small part.
const benchFiles = 200

// BenchmarkMgetSmallFiles and BenchmarkMputSmallFiles run the front end's
// MGET and MPUT of 200 × 4 KiB in batch mode against an in-process zftpd
// on loopback and report per file: ns/file (wall), allocs/file and
// B/file. The server runs in the same process, so its share is in the
// figures too (it did not change while the front end's was halved:
// docs/performance.md). Profile with
//
//	go test -run '^$' -bench SmallFiles -cpuprofile cpu.out -memprofile mem.out ./internal/zos/
func BenchmarkMgetSmallFiles(b *testing.B) { benchMulti(b, "mget") }

// BenchmarkMputSmallFiles: see BenchmarkMgetSmallFiles.
func BenchmarkMputSmallFiles(b *testing.B) { benchMulti(b, "mput") }

func benchMulti(b *testing.B, verb string) {
	srv := ftptest.NewServer(b)
	data := make([]byte, 4096)
	local := b.TempDir()
	if err := os.Mkdir(srv.Path("up"), 0o755); err != nil {
		b.Fatal(err)
	}
	for i := range benchFiles {
		name := fmt.Sprintf("f%04d.bin", i)
		if verb == "mget" {
			srv.WriteFile(b, "src/"+name, data)
		} else if err := os.WriteFile(filepath.Join(local, name), data, 0o644); err != nil {
			b.Fatal(err)
		}
	}
	input := "binary\ncd src\nmget * (replace\nquit\n"
	if verb == "mput" {
		input = "binary\ncd up\nmput *\nquit\n"
	}
	set := benchSettings(b)
	var ms0, ms1 runtime.MemStats
	runtime.ReadMemStats(&ms0)
	start := time.Now()
	for b.Loop() {
		in := New(set, Options{
			Output:    transcript.TextSink{W: io.Discard},
			Source:    NewBatchSource(strings.NewReader(srv.User+"\n"+srv.Password+"\n"+input), true),
			LocalUser: "TESTER",
			WorkDir:   local,
			NetrcPath: func() (string, error) { return filepath.Join(local, "no-netrc"), nil },
		})
		if status := in.Run(srv.Host, srv.Port); status != 0 {
			b.Fatalf("status %d", status)
		}
	}
	elapsed := time.Since(start)
	runtime.ReadMemStats(&ms1)
	files := float64(b.N * benchFiles)
	b.ReportMetric(float64(elapsed.Nanoseconds())/files, "ns/file")
	b.ReportMetric(float64(ms1.Mallocs-ms0.Mallocs)/files, "allocs/file")
	b.ReportMetric(float64(ms1.TotalAlloc-ms0.TotalAlloc)/files, "B/file")
}

// benchSettings are the settings of a batch run with no configuration
// files: passive data connections, as the benchmarks' peers use.
func benchSettings(b *testing.B) *Settings {
	return bareSettings(b, &Flags{ExitOnError: true, Passive: true}, b.TempDir())
}
