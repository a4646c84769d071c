//go:build linux

package interop

import (
	"bytes"
	"fmt"
	"io/fs"
	"os"
	"path/filepath"
	"slices"
	"strings"
	"testing"

	"github.com/zftp/zftp/client"
	"github.com/zftp/zftp/client/ftptest"
)

// zftpdMVS is the table's column for zftpd --mvs: this repository's server playing the MVS side
// of a z/OS FTP server (internal/ftpd, Options.MVS), run in-process by client/ftptest. It is
// not one of Kinds (the real servers the other interop tests start).
const zftpdMVS Kind = "zftpd --mvs"

// columns are the table's servers, in its order: the real servers, then zftpd --mvs.
var columns = slices.Concat(Kinds, []Kind{zftpdMVS})

// mvsTree is what the MVS probes list under the login's name prefix: sequential data sets (with
// their data) and a PDS (data nil) with mvsMembers.
var mvsTree = []treeEntry{
	{"PLAIN.TXT", []byte("plain\n")},
	{"BIN.DATA", bytes.Repeat([]byte{0, 1, 2, 13, 10}, 100)},
	{"EMPTY.SEQ", []byte{}},
	{"SRC.CNTL", nil},
}

// mvsPDS is the PDS of mvsTree; mvsMembers are its members, stored by the probe.
const mvsPDS = "SRC.CNTL"

var mvsMembers = map[string][]byte{"MEM1": []byte("//MEM1 member\n"), "MEM2": {0xff, 0, 0x0d}}

// mvsGlobFiles are the data sets NLST's wildcard probe stores; mvsGlobPattern matches the first
// two (an MVS pattern: * stands for characters within one qualifier).
var mvsGlobFiles = []string{"G1.DAT", "G2.DAT", "H1.DAT", "G3.TXT"}

const mvsGlobPattern = "G*.DAT"

// probeMVS runs the table's probes against zftpd --mvs, in MVS terms: data sets and members
// under the login's name prefix, the catalog on the server's disk as the truth. Where a
// feature is refused as z/OS refuses it, the refusal's reply code is checked.
func probeMVS(t *testing.T) *serverResult {
	r := &serverResult{kind: zftpdMVS, cells: map[feature]cell{}}
	fsrv := ftptest.NewServer(t, ftptest.WithMVS())
	srv := mvsView(fsrv)
	hlq := strings.ToUpper(fsrv.User) // the login's name prefix, as zftpd makes it
	ctx := t.Context()
	s := loginAndStore(t, srv, r, mvsTree)
	for m, d := range mvsMembers {
		if _, err := s.Stor(ctx, mvsPDS+"("+m+")", bytes.NewReader(d), nil); err != nil {
			t.Fatalf("STOR %s(%s): %v", mvsPDS, m, err)
		}
	}

	r.cells[featList] = probeMVSList(t, s, srv, hlq)
	r.cells[featMLSD] = probeMVSMLSD(t, s)
	r.cells[featNLST] = probeMVSNlst(t, s, srv, hlq)
	r.cells[featNLSTGlob] = probeMVSGlob(t, s)
	r.cells[featRoundTrip] = probeMVSRoundTrip(t, s, srv, hlq)

	// SIZE, MDTM and REST of a data set: refused as z/OS refuses them.
	_, _, err := s.Size(ctx, "PLAIN.TXT")
	r.cells[featSize] = mvsRefusal(t, featSize, err, 550)
	_, err = s.ModTime(ctx, "PLAIN.TXT")
	r.cells[featMDTM] = mvsRefusal(t, featMDTM, err, 550)
	_, err = s.Retr(ctx, "BIN.DATA", newHashWriter(), &client.TransferOptions{Offset: 100, SizeCheck: client.SizeOff})
	r.cells[featREST] = mvsRefusal(t, featREST, err, 504)
	if s.Err() != nil {
		t.Fatalf("the session broke on RETR with REST: %v", s.Err())
	}

	r.cells[featSTOU] = probeMVSStou(t, s, srv, hlq, r)
	r.cells[featASCII] = probeMVSASCII(t, s, srv, hlq)
	probeJES(t, s, hlq, r)
	r.cells[featEPSV] = probeMethod(t, srv, client.ExtendedPassive)
	r.cells[featEPRT] = probeMethod(t, srv, client.ExtendedActive)
	r.cells[featParallel] = probeParallel(t, srv, r)
	if pwd, _, err := s.Pwd(ctx); err != nil {
		r.cells[featPipeline] = no("PWD: %v", err)
	} else {
		r.cells[featPipeline] = probePipeline(t, srv, nil, pwd)
	}
	if _, err := s.Quit(ctx); err != nil {
		t.Errorf("QUIT: %v", err)
	}

	// Explicit TLS, as zftpd --mvs --tls explicit --ccc accept runs it.
	tsrv := ftptest.NewServer(t, ftptest.WithMVS(), ftptest.WithTLS(client.ExplicitAllowed), ftptest.WithCCC(true, false))
	tview := mvsView(tsrv)
	probeTLS(t, tview, tsrv.Keyring(t, false), r, "TLS.BIN", filepath.Join(tview.Home, hlq, "TLS.BIN"))
	return r
}

// TestInteropTableZftpdMVS measures the zftpd --mvs column of the table as TestInteropTable
// does, in-process: it needs no real server, so it runs in every go test of this package (the
// interop switch off too), and a change of zftpd that the column's declarations no longer
// describe fails it.
func TestInteropTableZftpdMVS(t *testing.T) {
	checkColumn(t, probeMVS(t))
}

// mvsView is an ftptest server as the probes that take a *Server see it (dial, probeMethod,
// probeParallel, probeTLS): its address, test user and root. It starts and stops nothing.
func mvsView(fsrv *ftptest.Server) *Server {
	return &Server{Kind: zftpdMVS, Host: fsrv.Host, Port: fsrv.Port, Home: fsrv.Root, User: fsrv.User, Password: fsrv.Password}
}

// mvsRefusal is the cell of a feature z/OS refuses for data sets: the refusal must come with
// code, and the session must stay usable. A success is a yes (which lacks then contradicts).
func mvsRefusal(t *testing.T, f feature, err error, code int) cell {
	t.Helper()
	if err == nil {
		return yes()
	}
	if got := client.ReplyCode(err); got != code {
		t.Errorf("%s: %v, want the refusal %d", f, err, code)
	}
	return noErr(err)
}

// mvsCatalog reads the catalog under hlq from the server's disk as ReadDir must give it: "NAME
// dataset PS" for a sequential data set, "NAME dataset PO" for a PDS (names without the
// prefix), sorted; and the members of each PDS, as "MEMBER member".
func mvsCatalog(t *testing.T, srv *Server, hlq string) (datasets []string, members map[string][]string) {
	t.Helper()
	members = map[string][]string{}
	ents, err := os.ReadDir(filepath.Join(srv.Home, hlq))
	if err != nil {
		t.Fatal(err)
	}
	for _, e := range ents {
		switch name := e.Name(); {
		case strings.HasPrefix(name, "."): // the attribute sidecars
		case e.IsDir() && strings.HasSuffix(name, ".pds"):
			ds := strings.TrimSuffix(name, ".pds")
			datasets = append(datasets, ds+" dataset PO")
			ms, err := os.ReadDir(filepath.Join(srv.Home, hlq, name))
			if err != nil {
				t.Fatal(err)
			}
			for _, m := range ms {
				members[ds] = append(members[ds], m.Name()+" member")
			}
			slices.Sort(members[ds])
		case e.Type().IsRegular():
			datasets = append(datasets, name+" dataset PS")
		}
	}
	slices.Sort(datasets)
	return datasets, members
}

// mvsEntryLine is an entry of an MVS listing as mvsCatalog writes it.
func mvsEntryLine(e client.Entry) string {
	if e.Kind == client.KindDataSet {
		return fmt.Sprintf("%s %s %s", e.Name, e.Kind, e.Facts["dsorg"])
	}
	return fmt.Sprintf("%s %s", e.Name, e.Kind)
}

// probeMVSList reads the catalog level of the name prefix and the members of mvsPDS with
// ReadDir (LIST, each line parsed; a line not understood fails it) and compares both with the
// server's disk.
func probeMVSList(t *testing.T, s *client.Session, srv *Server, hlq string) cell {
	ctx := t.Context()
	wantDS, wantMembers := mvsCatalog(t, srv, hlq)
	read := func(dir string) ([]string, error) {
		var got []string
		err := s.ReadDir(ctx, dir, func(e client.Entry) error {
			got = append(got, mvsEntryLine(e))
			return nil
		})
		slices.Sort(got)
		return got, err
	}
	got, err := read("")
	if err != nil {
		return no("the catalog: %s", replyOf(err))
	}
	if !slices.Equal(got, wantDS) {
		return no("the catalog parsed as %q, want %q", got, wantDS)
	}
	pattern := mvsPDS + "(*)"
	got, err = read(pattern)
	if err != nil {
		return no("LIST %s: %s", pattern, replyOf(err))
	}
	if !slices.Equal(got, wantMembers[mvsPDS]) {
		return no("LIST %s parsed as %q, want %q", pattern, got, wantMembers[mvsPDS])
	}
	return yes()
}

// probeMVSMLSD lists the name prefix with MLSD where FEAT lists MLST: the names NLST lists.
func probeMVSMLSD(t *testing.T, s *client.Session) cell {
	ctx := t.Context()
	feats, err := s.Features(ctx)
	if err != nil {
		return noErr(err)
	}
	if !feats.Has("MLST") {
		return no("FEAT lists no MLST")
	}
	want, err := nameList(t, s, "")
	if err != nil {
		return no("NLST: %s", replyOf(err))
	}
	var got []string
	if _, err := s.Mlsd(ctx, "", func(e client.Entry) error {
		if e.Type != "cdir" && e.Type != "pdir" {
			got = append(got, e.Name)
		}
		return nil
	}); err != nil {
		return noErr(err)
	}
	slices.Sort(got)
	if !slices.Equal(got, want) {
		return no("MLSD listed %q, NLST %q", got, want)
	}
	return yes()
}

// nameList returns the sorted names NLST arg lists.
func nameList(t *testing.T, s *client.Session, arg string) ([]string, error) {
	var got []string
	_, err := s.NameList(t.Context(), arg, func(n string) error {
		got = append(got, n)
		return nil
	})
	slices.Sort(got)
	return got, err
}

// probeMVSNlst lists the name prefix with NLST and no argument: the data sets on the disk.
func probeMVSNlst(t *testing.T, s *client.Session, srv *Server, hlq string) cell {
	ds, _ := mvsCatalog(t, srv, hlq)
	var want []string
	for _, d := range ds {
		want = append(want, strings.Fields(d)[0])
	}
	got, err := nameList(t, s, "")
	if err != nil {
		return noErr(err)
	}
	if !slices.Equal(got, want) {
		return no("listed %q, want %q", got, want)
	}
	return yes()
}

// probeMVSGlob asks NLST for mvsGlobPattern among mvsGlobFiles, and for the members of mvsPDS
// that match M*.
func probeMVSGlob(t *testing.T, s *client.Session) cell {
	ctx := t.Context()
	for _, n := range mvsGlobFiles {
		if _, err := s.Stor(ctx, n, strings.NewReader(n), nil); err != nil {
			t.Fatalf("STOR %s: %v", n, err)
		}
	}
	defer func() {
		for _, n := range mvsGlobFiles {
			s.Delete(ctx, n)
		}
	}()
	got, err := nameList(t, s, mvsGlobPattern)
	if err != nil {
		return noErr(err)
	}
	if want := mvsGlobFiles[:2]; !slices.Equal(got, want) {
		return no("NLST %s listed %q, want %q", mvsGlobPattern, got, want)
	}
	memberPattern := mvsPDS + "(M*)"
	got, err = nameList(t, s, memberPattern)
	if err != nil {
		return no("NLST %s: %s", memberPattern, replyOf(err))
	}
	if want := slices.Sorted(func(yield func(string) bool) {
		for m := range mvsMembers {
			if !yield(m) {
				return
			}
		}
	}); !slices.Equal(got, want) {
		return no("NLST %s listed %q, want %q", memberPattern, got, want)
	}
	return yes()
}

// probeMVSRoundTrip stores the 1 MiB file as a sequential data set and as a member of mvsPDS,
// checks both on the server's disk and reads both back.
func probeMVSRoundTrip(t *testing.T, s *client.Session, srv *Server, hlq string) cell {
	ctx := t.Context()
	f := file1MiB(t)
	targets := []struct{ name, disk string }{
		{"TABLE.BIN", filepath.Join(srv.Home, hlq, "TABLE.BIN")},
		{mvsPDS + "(BIG)", filepath.Join(srv.Home, hlq, mvsPDS+".pds", "BIG")},
	}
	for _, tg := range targets {
		defer s.Delete(ctx, tg.name)
		in, err := os.Open(f.Path)
		if err != nil {
			t.Fatal(err)
		}
		_, err = s.Stor(ctx, tg.name, in, nil)
		in.Close()
		if err != nil {
			return no("STOR %s: %s", tg.name, replyOf(err))
		}
		if fileTailSum(t, tg.disk, 0) != f.Sum {
			return no("%s on the server's disk differs", tg.name)
		}
		hw := newHashWriter()
		if _, err := s.Retr(ctx, tg.name, hw, &client.TransferOptions{SizeCheck: client.SizeOff}); err != nil {
			return no("RETR %s: %s", tg.name, replyOf(err))
		}
		if hw.n != f.Size || hw.Sum() != f.Sum {
			return no("RETR %s gave %d bytes, not the %d stored", tg.name, hw.n, f.Size)
		}
	}
	return yesBut("a sequential data set and a PDS member")
}

// probeMVSStou stores with STOU without a name (RFC 959 §4.1.3: the server picks the name and
// says which) and checks, in MVS terms, that exactly one data set was added under the name
// prefix, with the data, under the name the reply gives. A z/OS server stores "the created
// foreign data set or file ... with a unique name" (IBM, IP User's Guide and Commands, SUnique
// subcommand, sunique.htm). Where no data set was added, STOU with a taken name (what the z/OS
// client's SUNIQUE ON NAME sends) says where such data goes too; what either added on the
// server's disk outside the catalog is named in a bug and removed.
func probeMVSStou(t *testing.T, s *client.Session, srv *Server, hlq string, r *serverResult) cell {
	const data = "stored unique\n"
	type stored struct {
		unique string   // the name the reply gave
		newDS  []string // data sets added under the prefix
		stray  []string // files added on the disk outside the catalog
	}
	stou := func(name string) (stored, error) {
		var st stored
		before := diskFiles(t, srv.Home)
		catBefore, _ := mvsCatalog(t, srv, hlq)
		_, unique, err := s.Stou(t.Context(), name, strings.NewReader(data))
		st.unique = unique
		catAfter, _ := mvsCatalog(t, srv, hlq)
		for _, d := range catAfter {
			if !slices.Contains(catBefore, d) {
				st.newDS = append(st.newDS, strings.Fields(d)[0])
			}
		}
		for _, f := range diskFiles(t, srv.Home) {
			if !slices.Contains(before, f) {
				if !strings.HasPrefix(f, hlq+"/") {
					st.stray = append(st.stray, f)
				}
				t.Cleanup(func() { os.Remove(filepath.Join(srv.Home, f)) })
			}
		}
		return st, err
	}
	st, err := stou("")
	if err != nil {
		return noErr(err)
	}
	switch {
	case len(st.newDS) == 1 && strings.TrimPrefix(strings.Trim(st.unique, "'"), hlq+".") == st.newDS[0]:
		b, err := os.ReadFile(filepath.Join(srv.Home, hlq, st.newDS[0]))
		if err != nil || string(b) != data {
			return no("stored %s, not the data sent", st.newDS[0])
		}
		// A taken name (what SUNIQUE ON NAME sends) is stored under another.
		named, err := stou("PLAIN.TXT")
		if err != nil {
			return noErr(err)
		}
		if len(named.newDS) != 1 || named.newDS[0] == "PLAIN.TXT" {
			return no("STOU PLAIN.TXT (a data set that exists) added %q", named.newDS)
		}
		return yesBut("STOU PLAIN.TXT, a data set that exists, stored %s", named.newDS[0])
	case len(st.newDS) == 0:
		bug := fmt.Sprintf("STOU is not served in MVS terms: STOU without a name stored %q (the reply's name) as %q on the server's disk, outside the catalog, and added no data set", st.unique, st.stray)
		if named, err := stou("PLAIN.TXT"); err == nil && len(named.newDS) == 0 {
			bug += fmt.Sprintf("; STOU PLAIN.TXT (a data set that exists) stored %q as %q, outside the catalog too", named.unique, named.stray)
		}
		r.bugs = append(r.bugs, bug)
		return no("no data set was added: the data went to %q, outside the catalog", st.stray)
	default:
		return no("the reply names %q; the catalog gained %q", st.unique, st.newDS)
	}
}

// diskFiles lists the regular files under root, as slash-separated paths relative to it.
func diskFiles(t *testing.T, root string) []string {
	var files []string
	err := filepath.WalkDir(root, func(p string, d fs.DirEntry, err error) error {
		if err != nil {
			return err
		}
		if d.Type().IsRegular() {
			rel, _ := filepath.Rel(root, p)
			files = append(files, filepath.ToSlash(rel))
		}
		return nil
	})
	if err != nil {
		t.Fatal(err)
	}
	return files
}

// probeMVSASCII stores text in TYPE A as a data set (records end in LF on zftpd's disk) and
// reads a data set in TYPE A (the same text back).
func probeMVSASCII(t *testing.T, s *client.Session, srv *Server, hlq string) cell {
	problems, err := asciiProblems(t, s, filepath.Join(srv.Home, hlq), "TABLE.UP", "TABLE.DOWN")
	if err != nil {
		return noErr(err)
	}
	if len(problems) == 0 {
		return yes()
	}
	return no("%s", strings.Join(problems, "; "))
}

// probeJES submits a job under SITE FILETYPE=JES, finds it in the job list and reads its JCL
// back from the spool, then purges it and goes back to FILETYPE=SEQ; what zftpd answered is a
// note of its column (no other server of the table has a JES interface). IBM, IP Configuration
// Guide, "Verifying the FTP-to-JES interface" (ftp_verify_jes_interface.htm): the 250 reply to
// the STOR of a job starts "250-It is known to JES as JOB00076".
func probeJES(t *testing.T, s *client.Session, hlq string, r *serverResult) {
	ctx := t.Context()
	// The job's name starts with the user ID: the default JESJOBNAME filter (USERID*) shows it.
	jobName := hlq[:min(len(hlq), 7)] + "T"
	jcl := "//" + jobName + " JOB (ACCT),'ZFTP TABLE',CLASS=A\n//STEP1 EXEC PGM=IEFBR14\n"
	fail := func(format string, args ...any) {
		t.Errorf("JES: "+format, args...)
		r.notes = append(r.notes, "JES interface (SITE FILETYPE=JES) failed in the run: "+fmt.Sprintf(format, args...))
	}
	if _, err := s.Site(ctx, "FILETYPE=JES"); err != nil {
		fail("SITE FILETYPE=JES: %s", replyOf(err))
		return
	}
	defer s.Site(ctx, "FILETYPE=SEQ")
	if _, err := s.Type(ctx, client.TypeASCII); err != nil {
		fail("TYPE A: %s", replyOf(err))
		return
	}
	defer s.Type(ctx, client.TypeImage)
	tr, err := s.Stor(ctx, "TABLE.JOB", strings.NewReader(jcl), nil)
	if err != nil {
		fail("STOR of a job: %s", replyOf(err))
		return
	}
	known, id := "", ""
	for _, l := range tr.Reply.Lines {
		if rest, ok := strings.CutPrefix(l, "250-It is known to JES as "); ok {
			known, id = l, strings.TrimSpace(rest)
		}
	}
	if id == "" {
		fail("STOR of a job was answered %q, with no \"250-It is known to JES as\" line", tr.Reply.Lines)
		return
	}
	jobs, err := nameList(t, s, "")
	if err != nil || !slices.Contains(jobs, id) {
		fail("NLST listed %q (%v), not %s", jobs, err, id)
		return
	}
	var spool bytes.Buffer
	if _, err := s.Retr(ctx, id+".2", &spool, nil); err != nil || spool.String() != jcl {
		fail("RETR %s.2 (JESJCL): %q (%v), not the JCL submitted", id, spool.String(), err)
		return
	}
	if _, err := s.Delete(ctx, id); err != nil {
		fail("DELE %s: %s", id, replyOf(err))
		return
	}
	r.notes = append(r.notes, fmt.Sprintf("JES interface, which no other server of the table has: after SITE FILETYPE=JES, the STOR of a job was answered %q / %q; NLST listed the job; RETR %s.2 gave its JESJCL spool file, the JCL as submitted; DELE %s purged it", known, tr.Reply.Last(), id, id))
}
