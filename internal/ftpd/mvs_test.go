package ftpd

import (
	"flag"
	"os"
	"path/filepath"
	"strings"
	"testing"
	"time"
)

var update = flag.Bool("update", false, "rewrite the golden files in testdata/")

// mvsTime is the modification time of every fixture file, so that
// listings are the same on every run.
var mvsTime = time.Date(2024, 1, 31, 12, 34, 0, 0, time.UTC)

// startMVS starts a server in the MVS mode on a catalog of alice's (HLQ
// ALICE) and bob's data sets, with things beside them that the catalog
// must not show.
func startMVS(t *testing.T) *Server {
	t.Helper()
	srv := startServer(t, func(o *Options) { o.MVS = true })
	files := map[string]string{
		"ALICE/DATA.TXT":           "line one\nline two\n",
		"ALICE/.DATA.TXT.dcb":      "RECFM=FB LRECL=80 BLKSIZE=27920\n",
		"ALICE/BIG.DATA":           strings.Repeat("x", 100000),
		"ALICE/JCL.CNTL.pds/HELLO": "//ALICEA  JOB CLASS=A\n//STEP1    EXEC PGM=IEFBR14\n",
		"ALICE/JCL.CNTL.pds/WORLD": "one\ntwo\nthree",
		"ALICE/.JCL.CNTL.dcb":      "RECFM=FB LRECL=80 BLKSIZE=3120\n",
		"ALICE/JCL.CNTL.pds/lower": "not a member\n",
		"ALICE/lower.txt":          "not a data set\n",
		"ALICE/TOOLONGQUAL.X":      "not a data set\n",
		"ALICE/sub/DEEP":           "not a data set\n",
		"ALICE/.hidden":            "not a data set\n",
		"BOB/OTHER.DATA":           "bob's\n",
		"lower/X.Y":                "not a data set\n",
		"README":                   "not a data set\n",
	}
	for name, data := range files {
		writeFile(t, srv, name, []byte(data))
	}
	for _, name := range []string{"ALICE/DATA.TXT", "ALICE/BIG.DATA", "ALICE/JCL.CNTL.pds/HELLO",
		"ALICE/JCL.CNTL.pds/WORLD", "ALICE/JCL.CNTL.pds", "BOB/OTHER.DATA"} {
		if err := os.Chtimes(filepath.Join(srv.Root(), name), mvsTime, mvsTime); err != nil {
			t.Fatal(err)
		}
	}
	return srv
}

// dialMVS connects and logs in as alice.
func dialMVS(t *testing.T, srv *Server) *rawClient {
	t.Helper()
	c := dial(t, srv)
	c.must(331, "USER %s", testUser)
	if msg := c.must(230, "PASS %s", testPass); msg != `ALICE is logged on.  Working directory is "ALICE.".` {
		t.Errorf("230 %q", msg)
	}
	return c
}

// step is one command of a session and the reply it must get.
type step struct {
	line string
	code int
	msg  string
}

func runSteps(t *testing.T, c *rawClient, steps []step) {
	t.Helper()
	for _, st := range steps {
		if code, msg := c.cmd("%s", st.line); code != st.code || msg != st.msg {
			t.Errorf("%s: %d %q, want %d %q", st.line, code, msg, st.code, st.msg)
		}
	}
}

// refusedTransfer sends a command after PASV and returns its reply. It
// is for commands that must be refused: should one start a transfer, the
// data connection is closed at once and the final reply read, so that a
// failing test does not hang.
func (c *rawClient) refusedTransfer(format string, args ...any) (int, string) {
	c.t.Helper()
	conn := c.dataSetup("PASV")
	code, msg := c.cmd(format, args...)
	if code < 200 {
		conn().Close()
		c.read()
	}
	return code, msg
}

// golden compares got with testdata/name, or rewrites it under -update.
func golden(t *testing.T, name string, got []byte) {
	t.Helper()
	path := filepath.Join("testdata", name)
	if *update {
		if err := os.MkdirAll("testdata", 0o755); err != nil {
			t.Fatal(err)
		}
		if err := os.WriteFile(path, got, 0o644); err != nil {
			t.Fatal(err)
		}
	}
	want, err := os.ReadFile(path)
	if err != nil {
		t.Fatalf("%v (run with -update to create it)", err)
	}
	if string(got) != string(want) {
		t.Errorf("%s differs:\n got:\n%s\nwant:\n%s", name, got, want)
	}
}

func TestMVSLoginAndPWD(t *testing.T) {
	srv := startMVS(t)
	c := dialMVS(t, srv)
	runSteps(t, c, []step{
		{"PWD", 257, `"'ALICE.'" is working directory.`},
		{"XPWD", 257, `"'ALICE.'" is working directory.`},
		{"SYST", 215, "MVS is the operating system of this server. FTP Server is running on z/OS."},
		{"STAT", 211, "zftpd status:\n Logged in as alice\n TYPE: ASCII, MODE: Stream, STRUcture: File\n Working directory 'ALICE.'\nEnd of status"},
	})

	// A user name that is not a qualifier starts without a prefix.
	srv2 := startServer(t, func(o *Options) {
		o.MVS = true
		o.Users = map[string]string{"9lives": "pw"}
	})
	c2 := dial(t, srv2)
	c2.must(331, "USER 9lives")
	if msg := c2.must(230, "PASS pw"); msg != `9LIVES is logged on.  Working directory is "".` {
		t.Errorf("230 %q", msg)
	}
	runSteps(t, c2, []step{{"PWD", 257, `"''" is working directory.`}})
}

func TestMVSCwd(t *testing.T) {
	srv := startMVS(t)
	c := dialMVS(t, srv)
	runSteps(t, c, []step{
		{"CWD JCL.CNTL", 250, `The working directory "ALICE.JCL.CNTL" is a partitioned data set`},
		{"PWD", 257, `"'ALICE.JCL.CNTL'" partitioned data set is working directory.`},
		{"CWD ..", 250, `"ALICE.JCL." is the working directory name prefix.`},
		{"CWD 'alice.jcl.cntl'", 250, `The working directory "ALICE.JCL.CNTL" is a partitioned data set`},
		{"CDUP", 250, `"ALICE.JCL." is the working directory name prefix.`},
		{"CWD 'ALICE.JCL.CNTL.'", 250, `"ALICE.JCL.CNTL." is the working directory name prefix.`},
		{"PWD", 257, `"'ALICE.JCL.CNTL.'" is working directory.`},
		{"XCUP", 250, `"ALICE.JCL." is the working directory name prefix.`},
		{"CWD ..", 250, `"ALICE." is the working directory name prefix.`},
		{"CWD ..", 250, `"" is the working directory name prefix.`},
		{"PWD", 257, `"''" is working directory.`},
		{"CDUP", 250, `"" is the working directory name prefix.`},
		{"CWD bob", 250, `"BOB." is the working directory name prefix.`},
		{"CWD nowhere.at.all", 250, `"BOB.NOWHERE.AT.ALL." is the working directory name prefix.`},
		{"CWD 'sys1'", 250, `"SYS1." is the working directory name prefix.`},
		{"XCWD 'ALICE'", 250, `"ALICE." is the working directory name prefix.`},
		{"CWD ''", 250, `"" is the working directory name prefix.`},
		{"CWD 'ALICE.'", 250, `"ALICE." is the working directory name prefix.`},
		{"CWD 'A..B'", 501, `Invalid data set name "'A..B'".  Use MVS Dsname conventions.`},
		{"CWD /tmp", 501, `Invalid data set name "'ALICE./TMP'".  Use MVS Dsname conventions.`},
		{"CWD TOOLONGQUAL", 501, `Invalid data set name "'ALICE.TOOLONGQUAL'".  Use MVS Dsname conventions.`},
		{"CWD 'ALICE.JCL.CNTL(HELLO)'", 501, `Invalid data set name "'ALICE.JCL.CNTL(HELLO)'".  Use MVS Dsname conventions.`},
		{"PWD", 257, `"'ALICE.'" is working directory.`},
	})
}

// TestMVSList checks LIST and NLST of the catalog and of a PDS, with the
// listings in golden files.
func TestMVSList(t *testing.T) {
	srv := startMVS(t)
	c := dialMVS(t, srv)
	listings := []struct {
		cwd, line, golden string
	}{
		{"", "LIST", "mvs_list_prefix.golden"},
		{"", "LIST 'ALICE.**'", "mvs_list_quoted.golden"},
		{"", "LIST *.CNTL", "mvs_list_pattern.golden"},
		{"", "LIST JCL.CNTL", "mvs_list_pds_entry.golden"},
		{"", "LIST JCL.CNTL(*)", "mvs_list_members.golden"},
		{"JCL.CNTL", "LIST", "mvs_list_members.golden"},
		{"JCL.CNTL", "LIST W*", "mvs_list_member_w.golden"},
		{"''", "LIST", "mvs_list_all.golden"},
		{"''", "NLST", "mvs_nlst_all.golden"},
		{"'ALICE.'", "NLST", "mvs_nlst_prefix.golden"},
		{"'ALICE.'", "NLST 'ALICE.**'", "mvs_nlst_quoted.golden"},
		{"JCL.CNTL", "NLST", "mvs_nlst_members.golden"},
	}
	for _, l := range listings {
		if l.cwd != "" {
			c.must(250, "CWD %s", l.cwd)
		}
		data, start, final := c.download("PASV", l.line)
		if start != (reply{125, "List started OK"}) || final != (reply{250, "List completed successfully."}) {
			t.Errorf("%s in %q: %v / %v", l.line, l.cwd, start, final)
		}
		golden(t, l.golden, data)
		c.must(250, "CWD 'ALICE.'")
	}
	empty := []struct{ line, msg string }{
		{"LIST NOPE", "No data sets found."},
		{"LIST 'ALICE.*'", "No data sets found."}, // * matches one qualifier: ALICE has no two-qualifier data set
		{"NLST 'NOBODY.**'", "No data sets found."},
		{"LIST JCL.CNTL(NOPE*)", "No members found."},
		{"LIST DATA.TXT(X)", "Data set ALICE.DATA.TXT not found"},
		{"LIST 'A..B'", `Invalid data set name "'A..B'".  Use MVS Dsname conventions.`},
		{"LIST JCL.CNTL(A/B)", `Invalid data set name "'ALICE.JCL.CNTL(A/B)'".  Use MVS Dsname conventions.`},
	}
	for _, e := range empty {
		code, msg := c.refusedTransfer("%s", e.line)
		if (code != 550 && code != 501) || msg != e.msg {
			t.Errorf("%s: %d %q, want %q", e.line, code, msg, e.msg)
		}
	}
}

// TestMVSStorRetr stores and retrieves sequential data sets and members
// in both types, and checks what is on disk.
func TestMVSStorRetr(t *testing.T) {
	srv := startMVS(t)
	c := dialMVS(t, srv)
	c.must(200, "SITE RECFM=FB LRECL=80 BLKSIZE=3120")

	start, final := c.upload("PASV", "STOR new.data", []byte("rec 1\r\nrec 2\r\n"))
	if start != (reply{125, "Storing data set ALICE.NEW.DATA"}) || final != (reply{250, "Transfer completed successfully."}) {
		t.Fatalf("STOR: %v / %v", start, final)
	}
	if got := readFile(t, srv, "ALICE/NEW.DATA"); string(got) != "rec 1\nrec 2\n" {
		t.Errorf("on disk %q, want LF records", got)
	}
	if got := readFile(t, srv, "ALICE/.NEW.DATA.dcb"); string(got) != "RECFM=FB LRECL=80 BLKSIZE=3120\n" {
		t.Errorf("sidecar %q", got)
	}
	data, start, final := c.download("PASV", "RETR 'ALICE.NEW.DATA'")
	if string(data) != "rec 1\r\nrec 2\r\n" || start != (reply{125, "Sending data set ALICE.NEW.DATA"}) || final.code != 250 {
		t.Errorf("RETR ASCII: %q %v / %v", data, start, final)
	}
	start, final = c.upload("PASV", "APPE NEW.DATA", []byte("rec 3\r\n"))
	if start != (reply{125, "Appending to data set ALICE.NEW.DATA"}) || final.code != 250 {
		t.Errorf("APPE: %v / %v", start, final)
	}
	c.must(200, "TYPE I")
	if data, _, _ := c.download("PASV", "RETR new.data"); string(data) != "rec 1\nrec 2\nrec 3\n" {
		t.Errorf("RETR binary %q", data)
	}

	// The attributes of an existing data set stay as allocated.
	c.must(200, "SITE RECFM=U LRECL=0 BLKSIZE=6144")
	c.upload("PASV", "STOR NEW.DATA", []byte{0, 1, 2, 0xFF})
	if got := readFile(t, srv, "ALICE/NEW.DATA"); string(got) != "\x00\x01\x02\xFF" {
		t.Errorf("binary STOR on disk %q", got)
	}
	if got := readFile(t, srv, "ALICE/.NEW.DATA.dcb"); string(got) != "RECFM=FB LRECL=80 BLKSIZE=3120\n" {
		t.Errorf("sidecar after a second STOR %q", got)
	}
	c.must(200, "TYPE A")

	// Members: by PDS(MEMBER), by a quoted name, and in a PDS working directory.
	start, final = c.upload("PASV", "STOR jcl.cntl(new1)", []byte("//A JOB\r\n"))
	if start != (reply{125, "Storing data set ALICE.JCL.CNTL(NEW1)"}) || final.code != 250 {
		t.Errorf("STOR member: %v / %v", start, final)
	}
	c.upload("PASV", "STOR 'ALICE.JCL.CNTL(NEW2)'", []byte("x\r\n"))
	c.must(250, "CWD JCL.CNTL")
	c.upload("PASV", "STOR new3", []byte("y\r\n"))
	for name, want := range map[string]string{"NEW1": "//A JOB\n", "NEW2": "x\n", "NEW3": "y\n"} {
		if got := readFile(t, srv, "ALICE/JCL.CNTL.pds/"+name); string(got) != want {
			t.Errorf("member %s: %q, want %q", name, got, want)
		}
	}
	data, start, _ = c.download("PASV", "RETR hello")
	if string(data) != "//ALICEA  JOB CLASS=A\r\n//STEP1    EXEC PGM=IEFBR14\r\n" || start != (reply{125, "Sending data set ALICE.JCL.CNTL(HELLO)"}) {
		t.Errorf("RETR member: %q %v", data, start)
	}
	c.must(250, "CWD 'ALICE.'")

	refused := []struct {
		verb, arg string
		code      int
		msg       string
	}{
		{"RETR", "NOPE", 550, "Data set ALICE.NOPE not found"},
		{"RETR", "JCL.CNTL(NOPE)", 550, "Request nonexistent member ALICE.JCL.CNTL(NOPE) to be sent."},
		{"RETR", "NOPDS(MEM)", 550, "Data set ALICE.NOPDS not found"},
		{"RETR", "JCL.CNTL", 550, "RETR fails: ALICE.JCL.CNTL is a partitioned data set; name a member."},
		{"STOR", "NOPDS(MEM)", 550, "ALICE.NOPDS(MEM) requests a nonexistent partitioned data set.  Use MKD command to create it."},
		{"STOR", "DATA.TXT(MEM)", 550, "ALICE.DATA.TXT(MEM) requests a nonexistent partitioned data set.  Use MKD command to create it."},
		{"STOR", "JCL.CNTL", 550, "STOR fails: ALICE.JCL.CNTL is a partitioned data set; name a member."},
		{"APPE", "JCL.CNTL", 550, "APPE fails: ALICE.JCL.CNTL is a partitioned data set; name a member."},
		{"STOR", "'SINGLE'", 501, `Invalid data set name "'SINGLE'".  Use MVS Dsname conventions.`},
	}
	for _, r := range refused {
		if code, msg := c.refusedTransfer("%s %s", r.verb, r.arg); code != r.code || msg != r.msg {
			t.Errorf("%s %s: %d %q, want %d %q", r.verb, r.arg, code, msg, r.code, r.msg)
		}
	}
	if _, err := os.Stat(filepath.Join(srv.Root(), "ALICE", "NOPDS.pds")); !os.IsNotExist(err) {
		t.Errorf("a refused STOR created the PDS: %v", err)
	}
}

// TestMVSSizeRefused checks that SIZE and MDTM give the client no size or
// time for a data set, as z/OS does, and that REST is refused.
func TestMVSSizeRefused(t *testing.T) {
	srv := startMVS(t)
	c := dialMVS(t, srv)
	runSteps(t, c, []step{
		{"SIZE DATA.TXT", 550, "SIZE fails: ALICE.DATA.TXT is not a z/OS UNIX file."},
		{"SIZE 'ALICE.JCL.CNTL(HELLO)'", 550, "SIZE fails: ALICE.JCL.CNTL(HELLO) is not a z/OS UNIX file."},
		{"MDTM DATA.TXT", 550, "MDTM fails: ALICE.DATA.TXT is not a z/OS UNIX file."},
		{"SIZE /etc/passwd", 501, `Invalid data set name "'ALICE./ETC/PASSWD'".  Use MVS Dsname conventions.`},
		{"REST 10", 504, "Restart requires Block or Compressed transfer mode."},
	})
}

func TestMVSSite(t *testing.T) {
	srv := startMVS(t)
	c := dialMVS(t, srv)
	runSteps(t, c, []step{
		{"SITE RECFM=FB LRECL=80 BLKSIZE=27920", 200, "SITE command was accepted"},
		{"SITE lrecl=100", 200, "BLOCKSIZE must be a multiple of LRECL for RECFM FB\nBLOCKSIZE being set to 27900\nSITE command was accepted"},
		{"SITE REC=F", 200, "BLOCKSIZE must equal LRECL for RECFM F\nBLOCKSIZE being set to 100\nSITE command was accepted"},
		{"SITE RECFM=VB LRECL=256 BLK=200", 200, "BLOCKSIZE must be at least 4 more than LRECL for RECFM VB\nBLOCKSIZE being set to 260\nSITE command was accepted"},
		{"SITE LRECL=ab", 200, "Parameter LRECL value AB is not numeric - the parameter is ignored\nSITE command was accepted"},
		{"SITE BLKSIZE=x9", 200, "Blocksize parameter (X9) is not numeric. Blocksize ignored.\nSITE command was accepted"},
		{"SITE BLKSIZE=99999", 200, "Blocksize parameter (99999) must be between 0 and 32760. Blocksize ignored.\nSITE command was accepted"},
		{"SITE RECFM=ZZ TRACKS COLOR=RED", 200, "Unrecognized parameter 'RECFM=ZZ' on SITE command.\nUnrecognized parameter 'TRACKS' on SITE command.\nUnrecognized parameter 'COLOR=RED' on SITE command.\nSITE command was accepted"},
		{"SITE FILETYPE=SQL", 200, "Unrecognized parameter 'FILETYPE=SQL' on SITE command.\nSITE command was accepted"},
	})
	// The attributes in effect are those of the last accepted values.
	c.upload("PASV", "STOR AFTER.SITE", []byte("x\r\n"))
	if got := readFile(t, srv, "ALICE/.AFTER.SITE.dcb"); string(got) != "RECFM=VB LRECL=256 BLKSIZE=260\n" {
		t.Errorf("sidecar %q", got)
	}
}

func TestMVSDeleteRenameMkd(t *testing.T) {
	srv := startMVS(t)
	c := dialMVS(t, srv)
	c.must(200, "SITE RECFM=FB LRECL=80 BLKSIZE=800")
	runSteps(t, c, []step{
		{"MKD NEW.PDS", 257, `"'ALICE.NEW.PDS'" created.`},
		{"MKD 'ALICE.NEW.PDS'", 550, "MKD fails: ALICE.NEW.PDS already exists."},
		{"MKD DATA.TXT", 550, "MKD fails: ALICE.DATA.TXT already exists."},
		{"MKD NEW.PDS(MEM)", 501, `Invalid data set name "'ALICE.NEW.PDS(MEM)'".  Use MVS Dsname conventions.`},
		{"RNFR DATA.TXT", 350, "RNFR accepted. Please supply new name for RNTO."},
		{"RNTO 'BOB.MOVED.TXT'", 250, "ALICE.DATA.TXT renamed to BOB.MOVED.TXT"},
		{"RNFR DATA.TXT", 550, "RNFR fails: ALICE.DATA.TXT does not exist."},
		{"RNFR JCL.CNTL(HELLO)", 350, "RNFR accepted. Please supply new name for RNTO."},
		{"RNTO JCL.CNTL(WORLD)", 550, "Rename fails: ALICE.JCL.CNTL(WORLD) already exists."},
		{"RNFR JCL.CNTL(HELLO)", 350, "RNFR accepted. Please supply new name for RNTO."},
		{"RNTO NEW.PDS(HELLO)", 550, "Cannot rename from partitioned data set ALICE.JCL.CNTL to a different partitioned data set ALICE.NEW.PDS."},
		{"RNFR JCL.CNTL(HELLO)", 350, "RNFR accepted. Please supply new name for RNTO."},
		{"RNTO BIG.DATA", 550, "Rename fails: ALICE.JCL.CNTL(HELLO) and ALICE.BIG.DATA must both be data sets or both members."},
		{"RNFR JCL.CNTL(HELLO)", 350, "RNFR accepted. Please supply new name for RNTO."},
		{"RNTO JCL.CNTL(GREET)", 250, "ALICE.JCL.CNTL(HELLO) renamed to ALICE.JCL.CNTL(GREET)"},
		{"RNFR JCL.CNTL", 350, "RNFR accepted. Please supply new name for RNTO."},
		{"RNTO BIG.DATA", 550, "Rename fails: ALICE.BIG.DATA already exists."},
		{"RNFR JCL.CNTL", 350, "RNFR accepted. Please supply new name for RNTO."},
		{"RNTO JCL.OLD", 250, "ALICE.JCL.CNTL renamed to ALICE.JCL.OLD"},
		{"RNTO JCL.OLDER", 503, "RNFR required first"},
		{"DELE 'ALICE.JCL.OLD(GREET)'", 250, "ALICE.JCL.OLD(GREET) deleted."},
		{"DELE 'ALICE.JCL.OLD(GREET)'", 550, "DELE fails: ALICE.JCL.OLD(GREET) does not exist."},
		{"DELE BIG.DATA", 250, "ALICE.BIG.DATA deleted."},
		{"DELE BIG.DATA", 550, "DELE fails: ALICE.BIG.DATA does not exist."},
		{"RMD NEW.PDS", 250, "ALICE.NEW.PDS deleted."},
		{"RMD NEW.PDS", 550, `"ALICE.NEW.PDS" data set does not exist.`},
		{"DELE JCL.OLD", 250, "ALICE.JCL.OLD deleted."},
	})
	for _, name := range []string{"BOB/MOVED.TXT", "BOB/.MOVED.TXT.dcb"} {
		if _, err := os.Stat(filepath.Join(srv.Root(), name)); err != nil {
			t.Errorf("renamed %s: %v", name, err)
		}
	}
	for _, name := range []string{"ALICE/DATA.TXT", "ALICE/.DATA.TXT.dcb", "ALICE/JCL.CNTL.pds", "ALICE/JCL.OLD.pds",
		"ALICE/.JCL.OLD.dcb", "ALICE/BIG.DATA", "ALICE/NEW.PDS.pds", "ALICE/.NEW.PDS.dcb"} {
		if _, err := os.Stat(filepath.Join(srv.Root(), name)); !os.IsNotExist(err) {
			t.Errorf("%s still there: %v", name, err)
		}
	}
}

// TestMVSHostileNames sends names that break the MVS rules and checks
// that each is refused and that nothing appears outside the root.
func TestMVSHostileNames(t *testing.T) {
	parent := t.TempDir()
	root := filepath.Join(parent, "root")
	if err := os.Mkdir(root, 0o755); err != nil {
		t.Fatal(err)
	}
	srv := startServer(t, func(o *Options) { o.MVS = true; o.Root = root })
	writeFile(t, srv, "ALICE/JCL.CNTL.pds/HELLO", []byte("x\n"))
	c := dialMVS(t, srv)
	names := []string{
		"'..'", "'A..B'", "..", "'../X.Y'", "../ESCAPE", "'ALICE./../X'", "A/B", "/etc/passwd",
		"'ALICE.TOOLONGQUAL'", "TOOLONGQUAL", "'ALICE.X'Y'", "'ALICE.X", "JCL.CNTL(BAD/M)",
		"JCL.CNTL(..)", "JCL.CNTL(M-1)", "JCL.CNTL(TOOLONGME)", "JCL.CNTL()", "'ALICE.JCL.CNTL(1ST)'",
		"'ALICE.A B'", "'ALICE.A\tB'", "'ALICE." + strings.Repeat("A", 50) + "'", "'.ALICE.X'", "'ALICE.X.'",
	}
	for _, name := range names {
		for _, verb := range []string{"RETR", "STOR", "APPE", "DELE", "RNFR", "MKD", "RMD", "SIZE", "MDTM"} {
			code, msg := c.refusedTransfer("%s %s", verb, name)
			if code != 501 || !strings.HasPrefix(msg, "Invalid data set name") {
				t.Errorf("%s %s: %d %q, want 501 Invalid data set name", verb, name, code, msg)
			}
		}
	}
	for _, name := range []string{"'..'", "A/B", "'ALICE.X'Y'", "'A..B'"} {
		if code, msg := c.cmd("CWD %s", name); code != 501 {
			t.Errorf("CWD %s: %d %q", name, code, msg)
		}
	}
	c.must(250, "CWD JCL.CNTL")
	for _, name := range []string{"../X", "A.B", "X(Y)", "BAD-M", "TOOLONGME"} {
		if code, msg := c.refusedTransfer("STOR %s", name); code != 501 {
			t.Errorf("STOR %s in a PDS: %d %q", name, code, msg)
		}
	}
	des, err := os.ReadDir(parent)
	if err != nil || len(des) != 1 || des[0].Name() != "root" {
		t.Errorf("outside the root: %v %v", des, err)
	}
	des, err = os.ReadDir(root)
	if err != nil || len(des) != 1 || des[0].Name() != "ALICE" {
		t.Errorf("root: %v %v", des, err)
	}
}

// TestMVSOddTree checks what the server does with a tree that breaks the
// on-disk rule: a sidecar it cannot parse (the data set shows the
// defaults) and a directory where a data set's file would go (STOR fails
// with 550 and leaves no sidecar behind).
func TestMVSOddTree(t *testing.T) {
	srv := startMVS(t)
	writeFile(t, srv, "ALICE/.DATA.TXT.dcb", []byte("RECFM=QQ LRECL=-1\n"))
	if err := os.Mkdir(filepath.Join(srv.Root(), "ALICE", "ODD.NAME"), 0o755); err != nil {
		t.Fatal(err)
	}
	c := dialMVS(t, srv)
	data, _, _ := c.download("PASV", "LIST DATA.TXT")
	if want := "ZFTPD1 3390   2024/01/31  1    1  VB     256  6233  PS  DATA.TXT\r\n"; !strings.HasSuffix(string(data), want) {
		t.Errorf("LIST with a bad sidecar: %q, want the defaults", data)
	}
	if code, msg := c.refusedTransfer("STOR ODD.NAME"); code != 550 || !strings.HasPrefix(msg, "ALICE.ODD.NAME: ") {
		t.Errorf("STOR over a directory: %d %q", code, msg)
	}
	if _, err := os.Stat(filepath.Join(srv.Root(), "ALICE", ".ODD.NAME.dcb")); !os.IsNotExist(err) {
		t.Errorf("sidecar left by a failed allocation: %v", err)
	}
	if code, msg := c.refusedTransfer("NLST ODD.NAME"); code != 550 || msg != "No data sets found." {
		t.Errorf("NLST of the directory: %d %q", code, msg)
	}
}

// TestMVSStou: STOU stores a data set or member under the name given when
// it is free, else under the name with a number on its last qualifier (or
// member name), never over an existing one; the start reply names it.
func TestMVSStou(t *testing.T) {
	srv := startMVS(t)
	c := dialMVS(t, srv)
	c.must(200, "TYPE I")
	steps := []struct {
		arg, start, disk string
	}{
		{"UNIQ.TXT", "Storing data set ALICE.UNIQ.TXT", "ALICE/UNIQ.TXT"},
		{"UNIQ.TXT", "Storing data set ALICE.UNIQ.TXT1", "ALICE/UNIQ.TXT1"},
		{"UNIQ.TXT", "Storing data set ALICE.UNIQ.TXT2", "ALICE/UNIQ.TXT2"},
		{"UNIQ.LONGQUAL", "Storing data set ALICE.UNIQ.LONGQUAL", "ALICE/UNIQ.LONGQUAL"},
		{"UNIQ.LONGQUAL", "Storing data set ALICE.UNIQ.LONGQUA1", "ALICE/UNIQ.LONGQUA1"},
		{"JCL.CNTL(HELLO)", "Storing data set ALICE.JCL.CNTL(HELLO1)", "ALICE/JCL.CNTL.pds/HELLO1"},
		{"", "Storing data set ALICE.ZFTPD", "ALICE/ZFTPD"},
	}
	for i, st := range steps {
		data := []byte{byte(i), 0, 0xFF}
		verb := "STOU"
		if st.arg != "" {
			verb += " " + st.arg
		}
		start, final := c.upload("PASV", verb, data)
		if start != (reply{125, st.start}) || final.code != 250 {
			t.Errorf("%s: %v / %v, want 125 %q", verb, start, final, st.start)
			continue
		}
		if got := readFile(t, srv, st.disk); string(got) != string(data) {
			t.Errorf("%s: %s holds %q, want %q", verb, st.disk, got, data)
		}
	}
	if got := readFile(t, srv, "ALICE/UNIQ.TXT"); string(got) != "\x00\x00\xff" {
		t.Errorf("the first data set was overwritten: %q", got)
	}
}
