package zos

import (
	"bytes"
	"os"
	"path/filepath"
	"strings"
	"testing"

	"github.com/zftp/zftp/client/ftptest"
)

// REGET continues a partial file only when the result is the server's
// file: a server that ignores REST, a file that shrank or a continuation
// cut short leave the partial file as it was and fail; a server that
// refuses REST gets a whole GET instead.
func TestRegetFaults(t *testing.T) {
	remote := bytes.Repeat([]byte("0123456789"), 10240) // 102400 bytes
	tests := []struct {
		name    string
		faults  ftptest.Faults
		partial int    // bytes of the local partial file (a prefix of remote, or longer)
		want    []byte // the local file afterwards
		ok      bool
		say     string // in the transcript
	}{
		{"continues", ftptest.Faults{}, 40000, remote, true, "Restarting"},
		{"server ignores REST", ftptest.Faults{IgnoreRestart: true}, 40000, remote[:40000], false, "ZFT0130E"},
		{"continuation cut short", ftptest.Faults{DropDataAfter: 10000}, 40000, remote[:40000], false, ""},
		{"REST refused", ftptest.Faults{ReplyCodeFor: map[string]string{"REST": "502 REST not implemented"}}, 40000, remote, true, "ZFT0175W"},
		{"file shrank", ftptest.Faults{}, 0, nil, false, "ZFT0176E"},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			srv := ftptest.NewServer(t, ftptest.WithFaults(tt.faults))
			srv.WriteFile(t, "f.bin", remote)
			work := t.TempDir()
			local := filepath.Join(work, "f.bin")
			partial := remote[:tt.partial]
			if tt.partial == 0 { // longer than the remote file
				partial = append(bytes.Clone(remote), remote[:60000]...)
				tt.want = partial
			}
			if err := os.WriteFile(local, partial, 0o644); err != nil {
				t.Fatal(err)
			}
			status, out := runBatch(t, srv, Flags{Verbose: true, ExitOnError: true}, work, "binary\nreget f.bin\nquit\n")
			got, err := os.ReadFile(local)
			if err != nil {
				t.Fatal(err)
			}
			if !bytes.Equal(got, tt.want) {
				t.Errorf("local file: %d bytes, want %d\n%s", len(got), len(tt.want), out)
			}
			if tt.ok != (status == 0) {
				t.Errorf("status %d, want success %v\n%s", status, tt.ok, out)
			}
			if !strings.Contains(out, tt.say) {
				t.Errorf("transcript lacks %q:\n%s", tt.say, out)
			}
		})
	}
}

// A binary GET of an MVS data set (zftpd --mvs refuses SIZE for data sets,
// as IBM documents) says once per session that its size is not checked.
func TestSizeUnknownSaidOnce(t *testing.T) {
	srv := ftptest.NewServer(t, ftptest.WithMVS())
	srv.WriteFile(t, strings.ToUpper(srv.User)+"/DATA.TXT", []byte("RECORD\n"))
	status, out := runBatch(t, srv, Flags{Verbose: true, ExitOnError: true}, t.TempDir(),
		"binary\nget data.txt a\nget data.txt b\nquit\n")
	if status != 0 {
		t.Fatalf("status %d\n%s", status, out)
	}
	if n := strings.Count(out, "ZFT0177I"); n != 1 {
		t.Errorf("ZFT0177I said %d times, want once:\n%s", n, out)
	}
}
