//go:build linux

package interop

import (
	"bytes"
	"fmt"
	"os"
	"os/exec"
	"path/filepath"
	"strconv"
	"strings"
	"testing"

	"github.com/zftp/zftp/client/ftptest"
)

// TestBatchInputGrammar runs one z/OS-style batch job with the zftp binary
// and no host on the command line against vsftpd and against zftpd in IBM
// mode. The job follows IBM's "Submitting FTP requests in batch" (comment
// records, also before the user ID; appended comments; the host as the
// first INPUT record) and "SEQNUMSUPPORT (FTP client) statement"
// (sequence numbers in columns 73-80), with "userid password" on the NAME
// record as public job streams code it. It must end with status 0, move
// the file both ways, and never show the password.
func TestBatchInputGrammar(t *testing.T) {
	bin := buildZftp(t)
	dir := t.TempDir()
	data := []byte("one\ntwo\n")
	if err := os.WriteFile(filepath.Join(dir, "up.txt"), data, 0o644); err != nil {
		t.Fatal(err)
	}
	ftpData := filepath.Join(dir, "ftp.data")
	if err := os.WriteFile(ftpData, []byte("SEQNUMSUPPORT TRUE ; numbered INPUT\n"), 0o644); err != nil {
		t.Fatal(err)
	}
	job := func(port int, user, pw string) string {
		var b strings.Builder
		for i, r := range []string{
			"; z/OS style job: comment record first",
			Host + " " + strconv.Itoa(port) + " ; the host record",
			"   ; a comment record before the user ID",
			user + " " + pw + " ; user ID and password on the NAME record",
			"pwd ; appended comment",
			"put up.txt zftp-input.txt",
			"get zftp-input.txt back.txt (replace ; and back",
			"delete zftp-input.txt",
			"quit",
		} {
			fmt.Fprintf(&b, "%-72s%08d\n", r, (i+1)*100)
		}
		return b.String()
	}
	vs := StartVsftpd(t, Options{})
	zs := ftptest.NewServer(t, ftptest.WithIBM())
	for _, s := range []struct {
		name           string
		port           int
		user, password string
	}{
		{"vsftpd", vs.Port, vs.User, vs.Password},
		{"zftpd", zs.Port, zs.User, zs.Password},
	} {
		t.Run(s.name, func(t *testing.T) {
			os.Remove(filepath.Join(dir, "back.txt"))
			cmd := exec.Command(bin, "-v", "-e", "-w", "20", "-f", ftpData, "--netrc", filepath.Join(dir, "no-netrc"))
			cmd.Dir = dir
			cmd.Stdin = strings.NewReader(job(s.port, s.user, s.password))
			var out bytes.Buffer
			cmd.Stdout, cmd.Stderr = &out, &out
			if err := cmd.Run(); err != nil {
				t.Fatalf("zftp: %v\n%s", err, out.String())
			}
			if strings.Contains(out.String(), s.password) {
				t.Fatalf("password in output:\n%s", out.String())
			}
			for _, want := range []string{"EZA1456I Connect to ?", ">>> USER " + s.user + "\n", ">>> PASS\n", ">>> PWD", ">>> STOR zftp-input.txt", ">>> RETR zftp-input.txt"} {
				if !strings.Contains(out.String(), want) {
					t.Errorf("no %q in output:\n%s", want, out.String())
				}
			}
			got, err := os.ReadFile(filepath.Join(dir, "back.txt"))
			if err != nil || !bytes.Equal(got, data) {
				t.Errorf("round trip: %q, %v", got, err)
			}
		})
	}
}
