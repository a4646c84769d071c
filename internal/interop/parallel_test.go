//go:build linux

package interop

import (
	"bytes"
	"fmt"
	"os"
	"path/filepath"
	"strconv"
	"strings"
	"testing"
)

// parallelData is the content of test file i; sizes vary.
func parallelData(i int) []byte {
	return bytes.Repeat([]byte(fmt.Sprintf("file %03d\n", i)), 1+(i*37)%300)
}

// TestBinaryParallelAgainstVsftpd: MGET and MPUT of 200 files with
// --parallel 4 are byte-exact, also when vsftpd allows 2 sessions per
// address (one warning, no failure).
func TestBinaryParallelAgainstVsftpd(t *testing.T) {
	bin := buildZftp(t)
	for _, tc := range []struct {
		name  string
		extra []string
	}{
		{"unlimited", nil},
		{"max_per_ip_2", []string{"max_per_ip=2"}},
	} {
		t.Run(tc.name, func(t *testing.T) {
			srv := StartVsftpd(t, Options{ExtraConfig: tc.extra})
			const n = 200
			for i := range n {
				if err := os.WriteFile(filepath.Join(srv.Home, fmt.Sprintf("f%03d.bin", i)), parallelData(i), 0o644); err != nil {
					t.Fatal(err)
				}
			}
			dir := t.TempDir()
			script := srv.User + "\n" + srv.Password + "\nbinary\nmget f*.bin\nmkdir up\ncd up\nmput f*.bin\nquit\n"
			out, err := runZftpScript(t, bin, dir, script, "-v", "-e", "--parallel", "4", srv.Host, strconv.Itoa(srv.Port))
			if err != nil {
				t.Fatalf("zftp: %v\n%s", err, out)
			}
			if strings.Contains(out, srv.Password) {
				t.Fatal("the password is in the transcript")
			}
			for i := range n {
				name := fmt.Sprintf("f%03d.bin", i)
				if b, err := os.ReadFile(filepath.Join(dir, name)); err != nil || !bytes.Equal(b, parallelData(i)) {
					t.Fatalf("MGET %s differs (%v)\n%s", name, err, out)
				}
				if b, err := os.ReadFile(filepath.Join(srv.Home, "up", name)); err != nil || !bytes.Equal(b, parallelData(i)) {
					t.Fatalf("MPUT %s differs (%v)\n%s", name, err, out)
				}
			}
			warns := strings.Count(out, "ZFT0190W")
			if tc.extra != nil && warns != 1 || tc.extra == nil && warns != 0 {
				t.Errorf("%d ZFT0190W warnings:\n%s", warns, out)
			}
			// The transcript is in list order.
			last := -1
			for _, l := range strings.Split(out, "\n") {
				var i int
				if _, err := fmt.Sscanf(l, "EZA1701I >>> RETR f%03d.bin", &i); err == nil {
					if i != last+1 {
						t.Fatalf("RETR f%03d.bin after f%03d.bin", i, last)
					}
					last = i
				}
			}
		})
	}
}

// TestBinaryMirror: MIRROR and MIRROR -R of a tree with nested
// directories are byte-exact both ways against every server, and a second
// run copies nothing (sizes from LIST or MLSD, MDTM times).
func TestBinaryMirror(t *testing.T) {
	bin := buildZftp(t)
	for _, k := range Kinds {
		t.Run(string(k), func(t *testing.T) {
			t.Parallel()
			testBinaryMirror(t, bin, Start(t, k, Options{}))
		})
	}
}

func testBinaryMirror(t *testing.T, bin string, srv *Server) {
	want := map[string][]byte{}
	for i := range 30 {
		rel := filepath.Join(fmt.Sprintf("d%d", i%3), fmt.Sprintf("s%d", i%2), fmt.Sprintf("f%02d.bin", i))
		if i%5 == 0 {
			rel = fmt.Sprintf("top%02d.bin", i)
		}
		want[rel] = parallelData(i)
		p := filepath.Join(srv.Home, "tree", rel)
		if err := os.MkdirAll(filepath.Dir(p), 0o755); err != nil {
			t.Fatal(err)
		}
		if err := os.WriteFile(p, want[rel], 0o644); err != nil {
			t.Fatal(err)
		}
	}
	pars := []string{"1", "4"}
	if why := lack(srv.Kind, featParallel); why != "" {
		// zftp's parallel sessions use PORT (the z/OS default), which this server cannot serve
		// next to another session: TestInteropTable checks it.
		pars = pars[:1]
		t.Logf("%s: no --parallel 4 run: %s", srv.Kind, why)
	}
	for _, par := range pars {
		dir := t.TempDir()
		up := "up" + par
		script := srv.User + "\n" + srv.Password + "\nbinary\nmirror tree copy\nmirror tree copy\nmirror -R copy " + up + "\nmirror -R copy " + up + "\nquit\n"
		out, err := runZftpScript(t, bin, dir, script, "-v", "-e", "--parallel", par, srv.Host, strconv.Itoa(srv.Port))
		if err != nil {
			t.Fatalf("parallel %s: zftp: %v\n%s", par, err, out)
		}
		for rel, data := range want {
			if b, err := os.ReadFile(filepath.Join(dir, "copy", rel)); err != nil || !bytes.Equal(b, data) {
				t.Errorf("parallel %s: mirror %s differs (%v)", par, rel, err)
			}
			if b, err := os.ReadFile(filepath.Join(srv.Home, up, rel)); err != nil || !bytes.Equal(b, data) {
				t.Errorf("parallel %s: mirror -R %s differs (%v)", par, rel, err)
			}
		}
		if c := strings.Count(out, "MIRROR: 0 files copied, 30 up to date"); c != 2 {
			t.Errorf("parallel %s: %d second runs copied nothing, want 2:\n%s", par, c, out)
		}
	}
}

// TestParallelSiteUmaskVsftpd: the files MPUT stores with --parallel 4
// after SITE UMASK 077 all have mode 0600, whichever session stored
// them: vsftpd keeps the umask per session, and each extra session sends
// the first one's SITE again before its first file.
func TestParallelSiteUmaskVsftpd(t *testing.T) {
	bin := buildZftp(t)
	srv := StartVsftpd(t, Options{})
	const n = 40
	dir := t.TempDir()
	for i := range n {
		if err := os.WriteFile(filepath.Join(dir, fmt.Sprintf("u%03d.bin", i)), parallelData(i), 0o644); err != nil {
			t.Fatal(err)
		}
	}
	script := srv.User + "\n" + srv.Password + "\nsite umask 077\nbinary\nmkdir up\ncd up\nmput u*.bin\nquit\n"
	out, err := runZftpScript(t, bin, dir, script, "-v", "-e", "--parallel", "4", srv.Host, strconv.Itoa(srv.Port))
	if err != nil {
		t.Fatalf("zftp: %v\n%s", err, out)
	}
	for i := range n {
		fi, err := os.Stat(filepath.Join(srv.Home, "up", fmt.Sprintf("u%03d.bin", i)))
		if err != nil {
			t.Fatalf("u%03d.bin: %v\n%s", i, err, out)
		}
		if fi.Mode().Perm() != 0o600 {
			t.Errorf("u%03d.bin has mode %o, want 600 (SITE UMASK 077)", i, fi.Mode().Perm())
		}
	}
}
