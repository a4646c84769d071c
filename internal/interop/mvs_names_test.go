//go:build linux

package interop

import (
	"bytes"
	"os"
	"path/filepath"
	"strconv"
	"strings"
	"testing"

	"github.com/zftp/zftp/client/ftptest"
)

// TestWildcardsAndQuotesZftpdMVS: against zftpd --mvs (a z/OS data set
// server), `mget F*` and `mdelete F*` under the user's prefix move and
// delete exactly the matching data sets, byte-exact, exit 0 under -e;
// `get 'HLQ.SRC.PDS(MEM)' mem.txt` sends the quoted name as typed (quotes
// kept: a fully qualified data set name) and fetches the member.
func TestWildcardsAndQuotesZftpdMVS(t *testing.T) {
	bin := buildZftp(t)
	srv := ftptest.NewServer(t, ftptest.WithMVS())
	hlq := strings.ToUpper(srv.User)
	match := map[string][]byte{"F1.DATA": []byte("one\x00\xff"), "F2.DATA": bytes.Repeat([]byte("two\n"), 300)}
	other := map[string][]byte{"G1.DATA": []byte("keep\n")}
	for n, d := range match {
		srv.WriteFile(t, hlq+"/"+n, d)
	}
	for n, d := range other {
		srv.WriteFile(t, hlq+"/"+n, d)
	}
	member := []byte("//MEM JOB\n")
	srv.WriteFile(t, hlq+"/SRC.PDS.pds/MEM", member)
	dir := t.TempDir()
	quoted := "'" + hlq + ".SRC.PDS(MEM)'"
	script := srv.User + "\n" + srv.Password + "\nbinary\nmget F*\nget " + quoted + " mem.txt\nmdelete F*\nquit\n"
	out, err := runZftpScript(t, bin, dir, script, "-v", "-e", srv.Host, strconv.Itoa(srv.Port))
	if err != nil {
		t.Fatalf("zftp: %v\n%s", err, out)
	}
	for n, d := range match {
		if b, err := os.ReadFile(filepath.Join(dir, n)); err != nil || !bytes.Equal(b, d) {
			t.Errorf("MGET %s differs (%v)", n, err)
		}
		if _, err := os.Stat(srv.Path(hlq + "/" + n)); err == nil {
			t.Errorf("MDELETE left %s", n)
		}
	}
	for n := range other {
		if _, err := os.Stat(filepath.Join(dir, n)); err == nil {
			t.Errorf("MGET F* fetched %s", n)
		}
		if _, err := os.Stat(srv.Path(hlq + "/" + n)); err != nil {
			t.Errorf("MDELETE F* deleted %s", n)
		}
	}
	if !strings.Contains(out, ">>> RETR "+quoted) {
		t.Errorf("the quoted name was not sent as typed:\n%s", out)
	}
	if b, err := os.ReadFile(filepath.Join(dir, "mem.txt")); err != nil || !bytes.Equal(b, member) {
		t.Errorf("mem.txt differs (%v)", err)
	}
}
