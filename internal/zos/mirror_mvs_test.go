package zos

import (
	"bytes"
	"os"
	"path/filepath"
	"strings"
	"testing"

	"github.com/zftp/zftp/client/ftptest"
)

// mvsMembers are the members of the PDS TESTER.SRC.PDS the MVS tests put
// on zftpd --mvs: binary data, so that a copy is checked byte for byte.
var mvsMembers = map[string][]byte{
	"ALPHA":   []byte("alpha\x00\x01\xff\r\n"),
	"BETA":    bytes.Repeat([]byte("beta line\n"), 300),
	"$NAT#@1": []byte("national\n"),
}

// newMVSServer starts zftpd --mvs with the PDS TESTER.SRC.PDS and the
// sequential data set TESTER.SEQ.DATA.
func newMVSServer(t *testing.T) *ftptest.Server {
	t.Helper()
	srv := ftptest.NewServer(t, ftptest.WithMVS())
	hlq := strings.ToUpper(srv.User)
	for m, data := range mvsMembers {
		srv.WriteFile(t, hlq+"/SRC.PDS.pds/"+m, data)
	}
	srv.WriteFile(t, hlq+"/SEQ.DATA", []byte("sequential\x00data\n"))
	return srv
}

// TestMirrorPDS: MIRROR of a PDS named in quotes, and after CD into it,
// copies each member byte for byte to a local file named as the member;
// a second run copies nothing (the members' Changed time is on the local
// files). A sequential data set mirrors to one local file; a second run
// fetches and compares it (ZFT0250I) and copies nothing.
func TestMirrorPDS(t *testing.T) {
	srv := newMVSServer(t)
	work := t.TempDir()
	status, out := runBatch(t, srv, Flags{Verbose: true, ExitOnError: true}, work,
		"binary\nmirror 'TESTER.SRC.PDS'\nmirror 'TESTER.SRC.PDS'\ncd 'TESTER.SRC.PDS'\nmirror . incd\nmirror 'TESTER.SEQ.DATA' seq.bin\nmirror 'TESTER.SEQ.DATA' seq.bin\nquit\n")
	if status != 0 {
		t.Fatalf("status %d\n%s", status, out)
	}
	for _, dir := range []string{"TESTER.SRC.PDS", "incd"} {
		for m, data := range mvsMembers {
			if got, err := os.ReadFile(filepath.Join(work, dir, m)); err != nil || !bytes.Equal(got, data) {
				t.Errorf("%s/%s: %q, %v", dir, m, got, err)
			}
		}
	}
	if got, err := os.ReadFile(filepath.Join(work, "seq.bin")); err != nil || string(got) != "sequential\x00data\n" {
		t.Errorf("seq.bin: %q, %v", got, err)
	}
	for _, want := range []string{
		"RETR 'TESTER.SRC.PDS(ALPHA)'",
		"MIRROR: 3 files copied, 0 up to date, 1 directory created.",
		"MIRROR: 0 files copied, 3 up to date, 0 directories created.",
		"RETR ALPHA",
		"MIRROR: 1 file copied, 0 up to date, 0 directories created.",
		"ZFT0250I seq.bin: the listing gives no size",
		"MIRROR: 0 files copied, 1 up to date, 0 directories created.",
	} {
		if !strings.Contains(out, want) {
			t.Errorf("no %q in\n%s", want, out)
		}
	}
	if strings.Contains(out, "ZFT0193W") {
		t.Errorf("an entry was left out:\n%s", out)
	}
}

// TestMirrorUpPDS: MIRROR -R of a local directory into a PDS (made with
// MKD) stores each file as a member, byte for byte; a second run stores
// nothing. Names that cannot be member names, a subdirectory and two
// names for one member are refused each (ZFT0253E), the others stored,
// and the return code is not zero.
func TestMirrorUpPDS(t *testing.T) {
	srv := newMVSServer(t)
	work := t.TempDir()
	up := filepath.Join(work, "up")
	os.Mkdir(up, 0o755)
	files := map[string][]byte{"MEM1": []byte("one\x00\xff"), "mem2": []byte("two\n"), "#X": []byte("x")}
	for n, d := range files {
		os.WriteFile(filepath.Join(up, n), d, 0o644)
	}
	status, out := runBatch(t, srv, Flags{Verbose: true, ExitOnError: true}, work,
		"binary\nmirror -R up 'TESTER.NEW.PDS'\nmirror -R up 'TESTER.NEW.PDS'\nquit\n")
	if status != 0 {
		t.Fatalf("status %d\n%s", status, out)
	}
	for n, d := range files {
		p := srv.Path("TESTER/NEW.PDS.pds/" + strings.ToUpper(n))
		if got, err := os.ReadFile(p); err != nil || !bytes.Equal(got, d) {
			t.Errorf("member %s: %q, %v", n, got, err)
		}
	}
	for _, want := range []string{"MKD 'TESTER.NEW.PDS'", "STOR 'TESTER.NEW.PDS(MEM2)'",
		"MIRROR: 3 files copied, 0 up to date, 1 directory created.",
		"MIRROR: 0 files copied, 3 up to date, 0 directories created."} {
		if !strings.Contains(out, want) {
			t.Errorf("no %q in\n%s", want, out)
		}
	}

	bad := filepath.Join(work, "bad")
	os.MkdirAll(filepath.Join(bad, "SUB"), 0o755)
	for _, n := range []string{"good", "toolongname", "a.txt", "1ST", "GOOD"} { // GOOD last: where case folds, its data stays
		os.WriteFile(filepath.Join(bad, n), []byte(n), 0o644)
	}
	status, out = runBatch(t, srv, Flags{Verbose: true, ExitOnError: true}, work, "binary\nmirror -R bad 'TESTER.SRC.PDS'\nquit\n")
	if status == 0 {
		t.Errorf("refused names, status 0\n%s", out)
	}
	want := 5 // SUB, toolongname, a.txt, 1ST, and good (the member GOOD's name again)
	if !fileNamed(t, bad, "good") || !fileNamed(t, bad, "GOOD") {
		want = 4 // a file system that folds case (Windows) holds GOOD and good as one file
	}
	if n := strings.Count(out, "ZFT0253E"); n != want {
		t.Errorf("%d ZFT0253E lines, want %d:\n%s", n, want, out)
	}
	if got, err := os.ReadFile(srv.Path("TESTER/SRC.PDS.pds/GOOD")); err != nil || string(got) != "GOOD" {
		t.Errorf("GOOD not stored: %q, %v\n%s", got, err, out)
	}

	status, out = runBatch(t, srv, Flags{Verbose: true, ExitOnError: true}, work, "binary\nmirror -R up 'TESTER.SEQ.DATA'\nquit\n")
	if status == 0 || !strings.Contains(out, "ZFT0253E") || strings.Contains(out, "STOR") {
		t.Errorf("into a sequential data set: status %d\n%s", status, out)
	}
}

// TestMirrorPDSRelative: names without quotes are under the working
// prefix ('TESTER.'): "mirror -R up NEW.PDS" stores members of
// TESTER.NEW.PDS, and "mirror NEW.PDS back" copies them back.
func TestMirrorPDSRelative(t *testing.T) {
	srv := newMVSServer(t)
	work := t.TempDir()
	os.Mkdir(filepath.Join(work, "up"), 0o755)
	os.WriteFile(filepath.Join(work, "up", "MEMX"), []byte("x\x00y"), 0o644)
	status, out := runBatch(t, srv, Flags{Verbose: true, ExitOnError: true}, work,
		"binary\nmirror -R up NEW.PDS\nmirror NEW.PDS back\nquit\n")
	if status != 0 || !strings.Contains(out, "STOR NEW.PDS(MEMX)") || !strings.Contains(out, "RETR NEW.PDS(MEMX)") {
		t.Fatalf("status %d\n%s", status, out)
	}
	if got, err := os.ReadFile(srv.Path("TESTER/NEW.PDS.pds/MEMX")); err != nil || string(got) != "x\x00y" {
		t.Errorf("member: %q, %v", got, err)
	}
	if got, err := os.ReadFile(filepath.Join(work, "back", "MEMX")); err != nil || string(got) != "x\x00y" {
		t.Errorf("back: %q, %v", got, err)
	}
}

// TestMirrorPrefix: MIRROR of a name prefix (the working one, or one in
// quotes) copies each PDS to a directory of its members and each
// sequential data set to a file, all named as listed; a second run
// copies nothing (the data set fetched and compared).
func TestMirrorPrefix(t *testing.T) {
	srv := newMVSServer(t)
	work := t.TempDir()
	status, out := runBatch(t, srv, Flags{Verbose: true, ExitOnError: true}, work,
		"binary\nmirror . cwd\nmirror 'TESTER.' full\nmirror 'TESTER.' full\nquit\n")
	if status != 0 {
		t.Fatalf("status %d\n%s", status, out)
	}
	for _, p := range []struct{ dir, pds, seq string }{{"cwd", "SRC.PDS", "SEQ.DATA"}, {"full", "TESTER.SRC.PDS", "TESTER.SEQ.DATA"}} {
		for m, data := range mvsMembers {
			if got, err := os.ReadFile(filepath.Join(work, p.dir, p.pds, m)); err != nil || !bytes.Equal(got, data) {
				t.Errorf("%s/%s/%s: %q, %v", p.dir, p.pds, m, got, err)
			}
		}
		if got, err := os.ReadFile(filepath.Join(work, p.dir, p.seq)); err != nil || string(got) != "sequential\x00data\n" {
			t.Errorf("%s/%s: %q, %v", p.dir, p.seq, got, err)
		}
	}
	for _, want := range []string{"RETR SRC.PDS(ALPHA)", "RETR 'TESTER.SRC.PDS(ALPHA)'", "RETR 'TESTER.SEQ.DATA'",
		"MIRROR: 4 files copied, 0 up to date, 2 directories created.", "MIRROR: 0 files copied, 4 up to date, 0 directories created."} {
		if !strings.Contains(out, want) {
			t.Errorf("no %q in\n%s", want, out)
		}
	}
}

// TestMirrorEmptyPDS: an empty PDS mirrors to an empty directory, exit 0
// ("550 No members found." means empty); a data set that does not exist
// is an error.
func TestMirrorEmptyPDS(t *testing.T) {
	srv := newMVSServer(t)
	if err := os.MkdirAll(srv.Path("TESTER/EMPTY.PDS.pds"), 0o755); err != nil {
		t.Fatal(err)
	}
	work := t.TempDir()
	status, out := runBatch(t, srv, Flags{Verbose: true, ExitOnError: true}, work, "binary\nmirror 'TESTER.EMPTY.PDS' e\nquit\n")
	if status != 0 || !strings.Contains(out, "MIRROR: 0 files copied, 0 up to date, 1 directory created.") {
		t.Errorf("empty PDS: status %d\n%s", status, out)
	}
	if fi, err := os.Stat(filepath.Join(work, "e")); err != nil || !fi.IsDir() {
		t.Errorf("e: %v", err)
	}
	status, out = runBatch(t, srv, Flags{Verbose: true, ExitOnError: true}, work, "binary\nmirror 'TESTER.NO.SUCH' n\nquit\n")
	if status == 0 || strings.Contains(out, "files copied") {
		t.Errorf("missing data set: status %d\n%s", status, out)
	}
}

// fileNamed reports whether dir lists a file by exactly this name.
func fileNamed(t *testing.T, dir, name string) bool {
	t.Helper()
	es, err := os.ReadDir(dir)
	if err != nil {
		t.Fatal(err)
	}
	for _, e := range es {
		if e.Name() == name {
			return true
		}
	}
	return false
}
