package zos

import (
	"bytes"
	"fmt"
	"log/slog"
	"os"
	"path/filepath"
	"regexp"
	"strings"
	"testing"

	"github.com/zftp/zftp/client/ftptest"
)

// TestParallelWithoutRemoteDirectory: when PWD does not give the first
// session's directory (refused, or a 257 reply with no quoted path), no
// extra session is used, since it would work in the home directory: MGET
// would fetch the home directory's files of the same names, MPUT store
// there and MDELETE delete there. The job warns once per subcommand
// (ZFT0197W), runs each on the first session, touches nothing in the home
// directory, and its transcript is the serial one apart from the warnings.
// The extra sessions opened for the second and third subcommands never
// log in (4 logins in all: the first session and the three dialled at
// OPEN).
func TestParallelWithoutRemoteDirectory(t *testing.T) {
	const n = 12
	for _, tc := range []struct{ name, pwd string }{
		{"refused", "500 forced"},
		{"no_quoted_path", "257 /sub is the current directory"},
	} {
		t.Run(tc.name, func(t *testing.T) {
			transcripts := map[int]string{}
			for _, par := range []int{1, 4} {
				log := newRecordLog()
				srv := ftptest.NewServer(t, ftptest.WithLogger(slog.New(log)),
					ftptest.WithFaults(ftptest.Faults{ReplyCodeFor: map[string]string{"PWD": tc.pwd}}))
				if err := os.Mkdir(srv.Path("sub"), 0o755); err != nil {
					t.Fatal(err)
				}
				home := []byte("the home directory's file\n")
				for i := range n {
					srv.WriteFile(t, fmt.Sprintf("f%03d.bin", i), home)
					srv.WriteFile(t, fmt.Sprintf("d%03d.bin", i), home)
					srv.WriteFile(t, fmt.Sprintf("sub/f%03d.bin", i), fileData(i))
					srv.WriteFile(t, fmt.Sprintf("sub/d%03d.bin", i), fileData(i))
				}
				work, up := t.TempDir(), t.TempDir()
				for i := range n {
					os.WriteFile(filepath.Join(up, fmt.Sprintf("u%03d.bin", i)), fileData(i), 0o644)
				}
				status, got := runBatch(t, srv, Flags{Verbose: true, ExitOnError: true, Parallel: par}, work,
					"binary\ncd sub\nmget f*.bin\nlcd "+up+"\nmput u*.bin\nmdelete d*.bin\nquit\n")
				if status != 0 {
					t.Fatalf("parallel %d: status %d\n%s", par, status, got)
				}
				for i := range n {
					if b, err := os.ReadFile(filepath.Join(work, fmt.Sprintf("f%03d.bin", i))); err != nil || !bytes.Equal(b, fileData(i)) {
						t.Errorf("parallel %d: MGET f%03d.bin is not sub's (%v)", par, i, err)
					}
					if b := srv.ReadFile(t, fmt.Sprintf("sub/u%03d.bin", i)); !bytes.Equal(b, fileData(i)) {
						t.Errorf("parallel %d: MPUT u%03d.bin is not in sub", par, i)
					}
					if _, err := os.Stat(srv.Path(fmt.Sprintf("u%03d.bin", i))); err == nil {
						t.Errorf("parallel %d: MPUT stored u%03d.bin in the home directory", par, i)
					}
					if b := srv.ReadFile(t, fmt.Sprintf("d%03d.bin", i)); !bytes.Equal(b, home) {
						t.Errorf("parallel %d: MDELETE touched the home directory's d%03d.bin", par, i)
					}
					if _, err := os.Stat(srv.Path(fmt.Sprintf("sub/d%03d.bin", i))); err == nil {
						t.Errorf("parallel %d: MDELETE left sub/d%03d.bin", par, i)
					}
				}
				if par > 1 {
					if c := strings.Count(got, "ZFT0197W"); c != 3 {
						t.Errorf("%d ZFT0197W warnings, want one per subcommand (3)\n%s", c, got)
					}
					if logins := serverCount(log.records(), "", "PASS"); logins != 4 {
						t.Errorf("%d logins, want 4 (the first session and the three dialled at OPEN)", logins)
					}
				}
				transcripts[par] = normalizeParallel(strings.ReplaceAll(got, up, "UP"))
			}
			p4 := regexp.MustCompile(`(?m)^ZFT0197W.*\n`).ReplaceAllString(transcripts[4], "")
			if p4 != transcripts[1] {
				t.Errorf("transcript differs from the serial one apart from ZFT0197W\n--- parallel\n%s--- serial\n%s", p4, transcripts[1])
			}
		})
	}
}
