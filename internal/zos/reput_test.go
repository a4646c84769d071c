package zos

import (
	"bytes"
	"os"
	"path/filepath"
	"strings"
	"testing"

	"github.com/zftp/zftp/client/ftptest"
)

// TestReput checks REPUT against zftpd: a half-sent remote file is
// completed byte-exact with REST and STOR, a missing one is sent whole, a
// complete one is left as it is and a larger one is refused.
func TestReput(t *testing.T) {
	data := bytes.Repeat([]byte("0123456789abcdef"), 20000)
	half := len(data) / 2
	for _, tc := range []struct {
		name   string
		remote []byte // nil: no remote file
		fail   bool
		want   []string // in the transcript
		absent []string
	}{
		{"half", data[:half], false, []string{">>> SIZE big.bin", ">>> REST 160000", ">>> STOR big.bin", "Resuming big.bin at byte 160000."}, nil},
		{"missing", nil, false, []string{">>> STOR big.bin"}, []string{">>> REST"}},
		{"complete", data, false, []string{"already has all 320000 bytes"}, []string{">>> STOR"}},
		{"larger", append(append([]byte{}, data...), 'x'), true, []string{"is larger than the local file"}, []string{">>> STOR"}},
	} {
		t.Run(tc.name, func(t *testing.T) {
			srv := ftptest.NewServer(t)
			work := t.TempDir()
			if err := os.WriteFile(filepath.Join(work, "big.bin"), data, 0o644); err != nil {
				t.Fatal(err)
			}
			if tc.remote != nil {
				srv.WriteFile(t, "big.bin", tc.remote)
			}
			status, got := runBatch(t, srv, Flags{Verbose: true, ExitOnError: true}, work, "binary\nreput big.bin\nquit\n")
			if (status != 0) != tc.fail {
				t.Fatalf("status %d, want failure %v\n%s", status, tc.fail, got)
			}
			for _, w := range tc.want {
				if !strings.Contains(got, w) {
					t.Errorf("no %q in the transcript:\n%s", w, got)
				}
			}
			for _, w := range tc.absent {
				if strings.Contains(got, w) {
					t.Errorf("%q in the transcript:\n%s", w, got)
				}
			}
			want := data
			if tc.fail {
				want = tc.remote
			}
			if b := srv.ReadFile(t, "big.bin"); !bytes.Equal(b, want) {
				t.Errorf("remote big.bin: %d bytes, want %d byte-exact", len(b), len(want))
			}
		})
	}
}

// TestReputUsage checks REPUT's argument checks and a local directory.
func TestReputUsage(t *testing.T) {
	srv := ftptest.NewServer(t)
	work := t.TempDir()
	os.Mkdir(filepath.Join(work, "d"), 0o755)
	for _, in := range []string{"reput\n", "reput a b c\n", "reput d\n", "reput nothing.bin\n"} {
		status, got := runBatch(t, srv, Flags{ExitOnError: true}, work, in+"quit\n")
		if status == 0 {
			t.Errorf("%q: status 0\n%s", in, got)
		}
	}
}
