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

// TestMirrorZftpdMVS: the zftp binary against zftpd --mvs (a z/OS server's
// MVS side): MIRROR of a PDS copies each member byte for byte, MIRROR -R
// of a local directory into a new PDS stores each file as a member, a
// sequential data set mirrors to one local file, and second runs copy
// nothing; exit 0 under -e.
func TestMirrorZftpdMVS(t *testing.T) {
	bin := buildZftp(t)
	srv := ftptest.NewServer(t, ftptest.WithMVS())
	hlq := strings.ToUpper(srv.User)
	members := map[string][]byte{"JOB1": []byte("//JOB1 JOB\x00\xff\r\n"), "DATA2": bytes.Repeat([]byte("line\n"), 500)}
	for m, d := range members {
		srv.WriteFile(t, hlq+"/SRC.PDS.pds/"+m, d)
	}
	seq := []byte("seq\x00data")
	srv.WriteFile(t, hlq+"/SEQ.DATA", seq)
	dir := t.TempDir()
	os.Mkdir(filepath.Join(dir, "up"), 0o755)
	up := map[string][]byte{"NEW1": []byte("new one\x00"), "NEW2": []byte("new two\n")}
	for n, d := range up {
		os.WriteFile(filepath.Join(dir, "up", n), d, 0o644)
	}
	q := "'" + hlq
	script := srv.User + "\n" + srv.Password + "\nbinary\n" +
		"mirror " + q + ".SRC.PDS' pds\nmirror " + q + ".SRC.PDS' pds\n" +
		"mirror -R up " + q + ".UP.PDS'\nmirror -R up " + q + ".UP.PDS'\n" +
		"mirror " + q + ".SEQ.DATA' seq.bin\nmirror " + q + ".SEQ.DATA' seq.bin\nquit\n"
	out, err := runZftpScript(t, bin, dir, script, "-v", "-e", srv.Host, strconv.Itoa(srv.Port))
	if err != nil {
		t.Fatalf("zftp: %v\n%s", err, out)
	}
	for m, d := range members {
		if b, err := os.ReadFile(filepath.Join(dir, "pds", m)); err != nil || !bytes.Equal(b, d) {
			t.Errorf("member %s differs (%v)", m, err)
		}
	}
	for n, d := range up {
		if b, err := os.ReadFile(srv.Path(hlq + "/UP.PDS.pds/" + n)); err != nil || !bytes.Equal(b, d) {
			t.Errorf("stored member %s differs (%v)", n, err)
		}
	}
	if b, err := os.ReadFile(filepath.Join(dir, "seq.bin")); err != nil || !bytes.Equal(b, seq) {
		t.Errorf("seq.bin differs (%v)", err)
	}
	for _, want := range []string{"MIRROR: 0 files copied, 2 up to date, 0 directories created.", "MIRROR: 0 files copied, 1 up to date, 0 directories created."} {
		if !strings.Contains(out, want) {
			t.Errorf("no %q:\n%s", want, out)
		}
	}
	if n := strings.Count(out, "MIRROR: 0 files copied, 2 up to date"); n != 2 {
		t.Errorf("%d second runs of a PDS copied nothing, want 2:\n%s", n, out)
	}
}

// TestMirrorUnreadableListing: a listing line no parser knows stops
// MIRROR before anything is copied, with a message naming the line and a
// non-zero exit status.
func TestMirrorUnreadableListing(t *testing.T) {
	bin := buildZftp(t)
	srv := ftptest.NewServer(t, ftptest.WithFaults(ftptest.Faults{NameList: []string{"?? no listing format ??"}}))
	srv.WriteFile(t, "tree/f.bin", []byte("data"))
	dir := t.TempDir()
	out, err := runZftpScript(t, bin, dir, srv.User+"\n"+srv.Password+"\nbinary\nmirror tree copy\nquit\n", "-v", "-e", srv.Host, strconv.Itoa(srv.Port))
	if err == nil || !strings.Contains(out, `"?? no listing format ??"`) || strings.Contains(out, "RETR") {
		t.Errorf("err %v\n%s", err, out)
	}
}
