//go:build linux

package interop

import (
	"bytes"
	"context"
	"errors"
	"fmt"
	"net"
	"os"
	"os/exec"
	"path/filepath"
	"slices"
	"strings"
	"sync"
	"testing"
	"time"

	"github.com/zftp/zftp/client"
	"github.com/zftp/zftp/tls"
	"github.com/zftp/zftp/tls/tlstest"
)

// TableEnv names the file TestInteropTable writes the server × feature table to (make
// interop-table sets it to docs/interop.md).
const TableEnv = "ZFTP_INTEROP_TABLE"

// tableDoc is the table's file, relative to this package.
const tableDoc = "../../docs/interop.md"

// cell is what one server did for one feature.
type cell struct {
	ok   bool
	na   bool   // does not apply (a TLS feature on a server without TLS)
	text string // what the server did, when it is not a plain yes
}

func yes() cell                          { return cell{ok: true} }
func no(format string, args ...any) cell { return cell{text: fmt.Sprintf(format, args...)} }
func yesBut(format string, args ...any) cell {
	return cell{ok: true, text: fmt.Sprintf(format, args...)}
}

// noErr is the cell of a refusal: the server's reply where there is one, else the error.
func noErr(err error) cell { return no("%s", replyOf(err)) }

// String renders the cell for the table.
func (c cell) String() string {
	var s string
	switch {
	case c.na:
		s = "n/a"
	case c.ok:
		s = "yes"
	default:
		s = "no"
	}
	if c.text != "" {
		s += ": " + c.text
	}
	return s
}

// serverResult is one column of the table.
type serverResult struct {
	kind    Kind
	version string
	cells   map[feature]cell
	bugs    []string // server bugs found in the run
	notes   []string // what the server has that the table's rows do not measure (zftpd --mvs: JES)
}

// TestInteropTable measures every feature of the table on every server: the servers do what
// lacks says, each feature either works or is refused as declared. With ZFTP_INTEROP_TABLE set
// it writes the table (make interop-table: docs/interop.md).
func TestInteropTable(t *testing.T) {
	checkEnabled(t)
	requireLacks(t)
	var mu sync.Mutex
	results := map[Kind]*serverResult{}
	t.Run("servers", func(t *testing.T) {
		for _, k := range columns {
			t.Run(string(k), func(t *testing.T) {
				t.Parallel()
				var r *serverResult
				if k == zftpdMVS {
					r = probeMVS(t)
				} else {
					r = probeServer(t, k)
				}
				mu.Lock()
				results[k] = r
				mu.Unlock()
				checkColumn(t, r)
			})
		}
	})
	path := os.Getenv(TableEnv)
	if path == "" || t.Failed() {
		if path != "" {
			t.Errorf("%s=%s: not written, the run failed", TableEnv, path)
		}
		return
	}
	if err := os.WriteFile(path, []byte(renderTable(results)), 0o644); err != nil {
		t.Fatal(err)
	}
	t.Logf("wrote %s", path)
}

// checkColumn fails the test unless r, a column of the table, has a cell for every feature and
// each cell is as lacks declares (works, or refused as declared), and logs the cells, bugs and
// notes.
func checkColumn(t *testing.T, r *serverResult) {
	t.Helper()
	k := r.kind
	for _, f := range features {
		c, ok := r.cells[f]
		switch {
		case !ok:
			t.Errorf("%s: no result", f)
		case c.ok && lack(k, f) != "":
			t.Errorf("%s: works (%s), but lacks says %q: update lacks", f, c, lack(k, f))
		case !c.ok && lack(k, f) == "":
			t.Errorf("%s: %s", f, c)
		}
		t.Logf("%-40s %s", f, c)
	}
	for _, b := range r.bugs {
		t.Logf("server bug: %s", b)
	}
	for _, n := range r.notes {
		t.Logf("note: %s", n)
	}
}

// probeServer runs every probe against a server of kind k: a plain server, and for a kind with
// TLS an explicit-TLS one.
func probeServer(t *testing.T, k Kind) *serverResult {
	r := &serverResult{kind: k, version: serverVersion(k), cells: map[feature]cell{}}
	srv := Start(t, k, Options{})
	probePlain(t, srv, r)
	r.cells[featPipeline] = probePipeline(t, srv, nil, pipelineDir(t, srv))
	if lack(k, featTLS) == "" {
		ca := tlstest.NewCA(t, "zftp interop table CA "+string(k))
		tsrv := Start(t, k, Options{TLS: client.ExplicitAllowed, CA: ca.CA})
		const name = "table-tls-1MiB"
		probeTLS(t, tsrv, keyring(t, nil, ca), r, name, filepath.Join(tsrv.Home, name))
	} else {
		// What the plain server says to AUTH TLS.
		cfg := testConfig(client.Passive, nil)
		cfg.Security.Mode = client.ExplicitRequired
		_, err := dialErr(t, srv.Host, srv.Port, cfg)
		switch {
		case err == nil:
			r.cells[featTLS] = yesBut("AUTH TLS accepted by a server the harness runs without TLS")
		case errors.Is(err, client.ErrSecurityRequired) && client.ReplyCode(err) >= 500:
			r.cells[featTLS] = no("AUTH TLS: %s", replyOf(err))
			if client.ReplyCode(err) == 530 {
				// RFC 2228 (https://www.rfc-editor.org/rfc/rfc2228), AUTH: a server that does
				// not recognize AUTH must answer 500; one that does, without the security
				// extensions, 502.
				r.bugs = append(r.bugs, fmt.Sprintf("AUTH TLS is answered %q, where RFC 2228 has a server without the security extensions answer 500 or 502; zftp takes any 5xx as the refusal", replyOf(err)))
			}
		default:
			r.cells[featTLS] = no("AUTH TLS: %v", err)
		}
		r.cells[featReuse] = cell{na: true, text: "no TLS"}
		r.cells[featCCC] = cell{na: true, text: "no TLS"}
	}
	return r
}

// replyOf returns the last line of the reply err carries ("550 No such file."), or the error.
func replyOf(err error) string {
	var re *client.ReplyError
	if errors.As(err, &re) && re.Reply != nil {
		return strings.TrimSpace(re.Reply.Last())
	}
	return err.Error()
}

// treeEntry is a file the probes store (data) or a directory they make (data nil).
type treeEntry struct {
	name string
	data []byte // nil: a directory
}

// tableTree is what the probes list: a file, a name with blanks, a directory, an empty file.
var tableTree = []treeEntry{
	{"plain.txt", []byte("plain\n")},
	{"with blanks.bin", bytes.Repeat([]byte{0, 1, 2, 13, 10}, 100)},
	{"sub", nil},
	{"empty", []byte{}},
}

// globFiles are the names NLST's wildcard probe stores; globPattern matches the first two.
var globFiles = []string{"g1.dat", "g2.dat", "h1.dat", "g3.txt"}

const globPattern = "g*.dat"

// loginAndStore opens a passive session to srv, logs in (the login cell of r), sets TYPE I
// and stores tree.
func loginAndStore(t *testing.T, srv *Server, r *serverResult, tree []treeEntry) *client.Session {
	t.Helper()
	ctx := t.Context()
	s := dial(t, srv, testConfig(client.Passive, nil))
	if err := s.Login(ctx, srv.User, srv.Password, ""); err != nil {
		r.cells[featLogin] = noErr(err)
		t.Fatalf("Login: %v", err)
	}
	r.cells[featLogin] = yes()
	if _, err := s.Type(ctx, client.TypeImage); err != nil {
		t.Fatalf("TYPE I: %v", err)
	}
	for _, e := range tree {
		if e.data == nil {
			if _, err := s.Mkdir(ctx, e.name); err != nil {
				t.Fatalf("MKD %s: %v", e.name, err)
			}
		} else if _, err := s.Stor(ctx, e.name, bytes.NewReader(e.data), nil); err != nil {
			t.Fatalf("STOR %s: %v", e.name, err)
		}
	}
	return s
}

// probePlain runs the probes of a plain session (and of the EPSV and EPRT sessions).
func probePlain(t *testing.T, srv *Server, r *serverResult) {
	ctx := t.Context()
	s := loginAndStore(t, srv, r, tableTree)

	// The listings of the tree.
	want := treeLines(srv)
	r.cells[featList] = probeList(ctx, s, want)
	r.cells[featMLSD] = probeMLSD(ctx, s, want)
	r.cells[featNLST] = probeNlst(ctx, s, r)
	for _, e := range tableTree {
		if e.data == nil {
			s.Rmdir(ctx, e.name)
		} else {
			s.Delete(ctx, e.name)
		}
	}

	r.cells[featNLSTGlob] = probeGlob(t, s, srv, r)
	r.cells[featRoundTrip], r.cells[featSize], r.cells[featMDTM], r.cells[featREST] = probeFile(t, s, srv)
	r.cells[featSTOU] = probeStou(t, s, srv, r)
	r.cells[featASCII] = probeASCII(t, s, srv, r)
	r.cells[featEPSV] = probeMethod(t, srv, client.ExtendedPassive)
	r.cells[featEPRT] = probeMethod(t, srv, client.ExtendedActive)
	r.cells[featParallel] = probeParallel(t, srv, r)
	if _, err := s.Quit(ctx); err != nil {
		t.Errorf("QUIT: %v", err)
	}
}

// treeLines is the tree as ReadDir must give it: "name kind size" lines, sorted (sizes of files
// only), from the server's disk.
func treeLines(srv *Server) []string {
	var lines []string
	for _, e := range tableTree {
		if e.data == nil {
			lines = append(lines, e.name+" dir")
		} else {
			lines = append(lines, fmt.Sprintf("%s file %d", e.name, len(e.data)))
		}
	}
	slices.Sort(lines)
	return lines
}

func entryLine(e client.Entry) string {
	if e.IsDir() {
		return e.Name + " dir"
	}
	return fmt.Sprintf("%s %s %d", e.Name, e.Kind, e.Size)
}

// probeList lists the tree with LIST and parses each line as ReadDir does without MLSD.
func probeList(ctx context.Context, s *client.Session, want []string) cell {
	var got, bad []string
	_, err := s.ListLines(ctx, "", func(line string) error {
		e, ok := client.ParseListLine(line)
		switch {
		case !ok && client.IsListNoise(line):
		case !ok:
			bad = append(bad, line)
		case e.Name != "." && e.Name != "..":
			got = append(got, entryLine(e))
		}
		return nil
	})
	if err != nil {
		return noErr(err)
	}
	if len(bad) > 0 {
		return no("lines not understood: %q", bad)
	}
	slices.Sort(got)
	if !slices.Equal(got, want) {
		return no("parsed %q, want %q", got, want)
	}
	return yes()
}

// probeNlst lists the tree with NLST and no argument: the names of tableTree. RFC 959
// (https://www.rfc-editor.org/rfc/rfc959) §4.1.3: NLST's pathname is optional, a null argument
// naming the current directory (§5.3.1: "NLST [<SP> <pathname>] <CRLF>").
func probeNlst(ctx context.Context, s *client.Session, r *serverResult) cell {
	names := func(arg string) ([]string, error) {
		var got []string
		_, err := s.NameList(ctx, arg, func(n string) error {
			if n != "." && n != ".." {
				got = append(got, n)
			}
			return nil
		})
		slices.Sort(got)
		return got, err
	}
	var want []string
	for _, e := range tableTree {
		want = append(want, e.name)
	}
	slices.Sort(want)
	// NLST of a directory whose name has a "-" in it lists that directory.
	const dashed, inside = "x-dir", "inside.txt"
	if _, err := s.Mkdir(ctx, dashed); err != nil {
		return no("MKD %s: %v", dashed, err)
	}
	if _, err := s.Stor(ctx, dashed+"/"+inside, strings.NewReader("x"), nil); err != nil {
		return no("STOR %s/%s: %v", dashed, inside, err)
	}
	if in, err := names(dashed); err == nil && slices.Equal(in, []string{dashed}) {
		bug := fmt.Sprintf("NLST %s lists %q, the parent directory's entry, not the directory's %q", dashed, in, inside)
		if r.kind == Twisted {
			// What the harness found in twisted/protocols/ftp.py (22.4).
			bug += ": _isGlobbingExpression takes a name for a wildcard when fnmatch.translate escapes a character of it (\"-\"), and NLST then lists the parent filtered by the name"
		}
		r.bugs = append(r.bugs, bug)
	}
	s.Delete(ctx, dashed+"/"+inside)
	s.Rmdir(ctx, dashed)

	got, err := names("")
	if err != nil {
		if code := client.ReplyCode(err); code == 500 || code == 501 {
			if dot, derr := names("."); derr == nil && slices.Equal(dot, want) {
				r.bugs = append(r.bugs, fmt.Sprintf("NLST without a pathname is refused (%s), although RFC 959 §4.1.3 makes it optional; NLST . lists the directory", replyOf(err)))
			}
		}
		return noErr(err)
	}
	if !slices.Equal(got, want) {
		return no("listed %q, want %q", got, want)
	}
	return yes()
}

// probeMLSD lists the tree with MLSD, where FEAT lists MLST.
func probeMLSD(ctx context.Context, s *client.Session, want []string) cell {
	feats, err := s.Features(ctx)
	if err != nil {
		return noErr(err)
	}
	if !feats.Has("MLST") {
		return no("FEAT lists no MLST")
	}
	var got []string
	if _, err := s.Mlsd(ctx, "", func(e client.Entry) error {
		if e.Type != "cdir" && e.Type != "pdir" {
			got = append(got, entryLine(e))
		}
		return nil
	}); err != nil {
		return noErr(err)
	}
	slices.Sort(got)
	if !slices.Equal(got, want) {
		return no("listed %q, want %q", got, want)
	}
	return yes()
}

// probeGlob asks NLST for globPattern among globFiles.
func probeGlob(t *testing.T, s *client.Session, srv *Server, r *serverResult) cell {
	ctx := t.Context()
	for _, n := range globFiles {
		if _, err := s.Stor(ctx, n, strings.NewReader(n), nil); err != nil {
			t.Fatalf("STOR %s: %v", n, err)
		}
	}
	defer func() {
		for _, n := range globFiles {
			s.Delete(ctx, n)
		}
	}()
	var buf bytes.Buffer
	if _, err := s.Nlst(ctx, globPattern, &buf); err != nil {
		if listed := listGlob(ctx, s); slices.Equal(listed, globFiles[:2]) {
			bug := fmt.Sprintf("NLST %s is refused (%s) although LIST %s lists the matching files", globPattern, replyOf(err), globPattern)
			// A file's name, no wildcard: RFC 959 §4.1.3 has NLST list it.
			var one bytes.Buffer
			if _, ferr := s.Nlst(ctx, globFiles[0], &one); ferr != nil {
				bug += fmt.Sprintf("; so is NLST %s, a file's name without a wildcard (%s)", globFiles[0], replyOf(ferr))
			}
			r.bugs = append(r.bugs, bug)
		}
		return noErr(err)
	}
	var got []string
	for _, l := range strings.Split(strings.ReplaceAll(buf.String(), "\r\n", "\n"), "\n") {
		if l != "" {
			got = append(got, l)
		}
	}
	slices.Sort(got)
	if want := globFiles[:2]; !slices.Equal(got, want) {
		return no("NLST %s listed %q, want %q", globPattern, got, want)
	}
	return yes()
}

// listGlob returns the sorted names LIST globPattern lists (nil when it is refused).
func listGlob(ctx context.Context, s *client.Session) []string {
	var names []string
	if _, err := s.ListLines(ctx, globPattern, func(line string) error {
		if e, ok := client.ParseListLine(line); ok {
			names = append(names, e.Name)
		}
		return nil
	}); err != nil {
		return nil
	}
	slices.Sort(names)
	return names
}

// probeFile stores the 1 MiB file and reads it back whole, checks SIZE and MDTM against the
// server's disk, and reads it from an offset.
func probeFile(t *testing.T, s *client.Session, srv *Server) (roundTrip, size, mdtm, rest cell) {
	ctx := t.Context()
	f := file1MiB(t)
	const name = "table-1MiB"
	defer s.Delete(ctx, name)
	in, err := os.Open(f.Path)
	if err != nil {
		t.Fatal(err)
	}
	defer in.Close()
	if _, err := s.Stor(ctx, name, in, nil); err != nil {
		roundTrip = no("STOR: %s", replyOf(err))
	} else if disk := fileTailSum(t, filepath.Join(srv.Home, name), 0); disk != f.Sum {
		roundTrip = no("the file on the server's disk differs")
	} else {
		hw := newHashWriter()
		if _, err := s.Retr(ctx, name, hw, &client.TransferOptions{SizeCheck: client.SizeOff}); err != nil {
			roundTrip = no("RETR: %s", replyOf(err))
		} else if hw.n != f.Size || hw.Sum() != f.Sum {
			roundTrip = no("RETR gave %d bytes, not the %d stored", hw.n, f.Size)
		} else {
			roundTrip = yes()
		}
	}

	if n, _, err := s.Size(ctx, name); err != nil {
		size = noErr(err)
	} else if n != f.Size {
		size = no("SIZE says %d for %d bytes", n, f.Size)
	} else {
		size = yes()
	}

	when := time.Date(2021, 3, 4, 5, 6, 7, 0, time.UTC)
	if err := os.Chtimes(filepath.Join(srv.Home, name), when, when); err != nil {
		t.Fatal(err)
	}
	if mt, err := s.ModTime(ctx, name); err != nil {
		mdtm = noErr(err)
	} else if !mt.Equal(when) {
		mdtm = no("MDTM says %s for %s", mt.Format(time.RFC3339), when.Format(time.RFC3339))
	} else {
		mdtm = yes()
	}

	const off = 12345
	hw := newHashWriter()
	if _, err := s.Retr(ctx, name, hw, &client.TransferOptions{Offset: off}); err != nil {
		rest = noErr(err)
		if s.Err() != nil {
			t.Fatalf("the session broke on RETR with REST: %v", err)
		}
	} else if hw.n != f.Size-off || hw.Sum() != fileTailSum(t, f.Path, off) {
		rest = no("RETR after REST %d gave %d bytes, not the file's tail", off, hw.n)
	} else {
		rest = yes()
	}
	return roundTrip, size, mdtm, rest
}

// probeStou stores with STOU, without a name (RFC 959, https://www.rfc-editor.org/rfc/rfc959,
// §4.1.3: the server picks it and must say which; §5.3.1: "STOU <CRLF>"), and where that is
// refused as a syntax error, with a name that is taken (as the z/OS client's SUNIQUE sends it).
func probeStou(t *testing.T, s *client.Session, srv *Server, r *serverResult) cell {
	c, err := stouOnce(t, s, srv, "")
	if code := client.ReplyCode(err); code != 500 && code != 501 {
		return c
	}
	const taken = "stou-taken.txt"
	if err := os.WriteFile(filepath.Join(srv.Home, taken), nil, 0o644); err != nil {
		t.Fatal(err)
	}
	defer os.Remove(filepath.Join(srv.Home, taken))
	named, nerr := stouOnce(t, s, srv, taken)
	if nerr != nil || !named.ok {
		return c
	}
	r.bugs = append(r.bugs, fmt.Sprintf("STOU without a pathname is refused (%s), although RFC 959 §4.1.3 and §5.3.1 give STOU no argument; STOU with a taken name stores under a new one", replyOf(err)))
	return yesBut("only with a name: STOU alone is refused (%s)", replyOf(err))
}

// stouOnce stores a few bytes with STOU name and checks that exactly one file was added, with
// the data, under the name the reply gives (never the taken name).
func stouOnce(t *testing.T, s *client.Session, srv *Server, name string) (cell, error) {
	const data = "stored unique\n"
	before, _ := os.ReadDir(srv.Home)
	_, unique, err := s.Stou(t.Context(), name, strings.NewReader(data))
	if err != nil {
		return noErr(err), err
	}
	after, _ := os.ReadDir(srv.Home)
	var added []string
	for _, e := range after {
		if !slices.ContainsFunc(before, func(b os.DirEntry) bool { return b.Name() == e.Name() }) {
			added = append(added, e.Name())
		}
	}
	for _, a := range added {
		defer os.Remove(filepath.Join(srv.Home, a))
	}
	switch {
	case len(added) != 1:
		return no("STOU %s added %q to the directory", name, added), nil
	case unique == "":
		return no("stored %q, but no reply named it", added[0]), nil
	case filepath.Base(unique) != added[0]:
		return no("the reply names %q, the file stored is %q", unique, added[0]), nil
	}
	if b, err := os.ReadFile(filepath.Join(srv.Home, added[0])); err != nil || string(b) != data {
		return no("stored %q, not the data sent", b), nil
	}
	return yes(), nil
}

// asciiText is what the TYPE A probes store and read back.
const asciiText = "first line\nsecond line\n\n\tlast line\n"

// asciiProblems stores asciiText in TYPE A as up (LF on the server's disk, in the directory dir)
// and reads down, written there as asciiText, in TYPE A (the same text back), then removes both
// and goes back to TYPE I. It returns what went wrong, or the TYPE A command's error.
func asciiProblems(t *testing.T, s *client.Session, dir, up, down string) ([]string, error) {
	ctx := t.Context()
	defer func() {
		s.Type(ctx, client.TypeImage)
		s.Delete(ctx, up)
		s.Delete(ctx, down)
	}()
	if err := os.WriteFile(filepath.Join(dir, down), []byte(asciiText), 0o644); err != nil {
		t.Fatal(err)
	}
	if _, err := s.Type(ctx, client.TypeASCII); err != nil {
		return nil, err
	}
	var problems []string
	if _, err := s.Stor(ctx, up, strings.NewReader(asciiText), nil); err != nil {
		problems = append(problems, "STOR: "+replyOf(err))
	} else if disk, err := os.ReadFile(filepath.Join(dir, up)); err != nil || string(disk) != asciiText {
		problems = append(problems, fmt.Sprintf("STOR stored %q for %q", disk, asciiText))
	}
	var back bytes.Buffer
	if _, err := s.Retr(ctx, down, &back, nil); err != nil {
		problems = append(problems, "RETR: "+replyOf(err))
	} else if back.String() != asciiText {
		problems = append(problems, fmt.Sprintf("RETR gave %q for %q", back.String(), asciiText))
	}
	return problems, nil
}

// probeASCII stores text in TYPE A (LF on the server's disk) and reads a text file in TYPE A
// (the same text back).
func probeASCII(t *testing.T, s *client.Session, srv *Server, r *serverResult) cell {
	problems, err := asciiProblems(t, s, srv.Home, "table-up.txt", "table-down.txt")
	if err != nil {
		return noErr(err)
	}
	if len(problems) == 0 {
		return yes()
	}
	if e := pythonError(srv); e != "" {
		r.bugs = append(r.bugs, fmt.Sprintf("TYPE A transfers fail (%s): the server raises %s", strings.Join(problems, "; "), e))
	}
	return no("%s", strings.Join(problems, "; "))
}

// pythonError returns the last exception in a Python server's log and where it was raised
// ("TypeError: ... (ftp.py line 670, in write)"), or "".
func pythonError(srv *Server) string {
	lines := strings.Split(srv.Logs(), "\n")
	where := ""
	for i, l := range lines {
		l = strings.TrimSpace(l)
		if strings.HasPrefix(l, "File \"") {
			// File "/usr/lib/python3/dist-packages/twisted/protocols/ftp.py", line 670, in write
			f := strings.SplitN(strings.TrimPrefix(l, "File \""), "\", ", 2)
			if len(f) == 2 {
				where = filepath.Base(f[0]) + " " + f[1]
			}
			continue
		}
		if i > 0 && where != "" && strings.Contains(l, "Error: ") && !strings.HasPrefix(l, "File") {
			e := l
			if j := strings.LastIndex(e, "builtins."); j >= 0 {
				e = e[j+len("builtins."):]
			}
			return fmt.Sprintf("%s (%s)", e, where)
		}
	}
	return ""
}

// probeMethod lists the home directory over a data connection opened with method.
func probeMethod(t *testing.T, srv *Server, method client.DataMethod) cell {
	vl := &verbLog{}
	s := dial(t, srv, testConfig(method, vl))
	if err := s.Login(t.Context(), srv.User, srv.Password, ""); err != nil {
		t.Fatalf("Login: %v", err)
	}
	defer s.Quit(t.Context())
	var buf bytes.Buffer
	if _, err := s.List(t.Context(), "", &buf); err != nil {
		return noErr(err)
	}
	return yes()
}

// probeParallel runs two sessions at once: session a lists with PORT; session b sends PASV,
// and before b connects, a lists with PORT again; then b connects and lists. Five rounds; every
// listing of b must be served within 3 s (on loopback a listing takes milliseconds). (In a
// server whose sessions share one process, b's passive socket may take the file descriptor
// number of a's first data connection, closed by then.)
func probeParallel(t *testing.T, srv *Server, r *serverResult) cell {
	ctx := t.Context()
	a := dial(t, srv, testConfig(client.Active, nil))
	if err := a.Login(ctx, srv.User, srv.Password, ""); err != nil {
		t.Fatalf("Login: %v", err)
	}
	defer a.Quit(ctx)
	var aErr error
	cfg := testConfig(client.Passive, nil)
	cfg.ReplyTimeout, cfg.DataConnectTimeout, cfg.DataIdleTimeout = 3*time.Second, 3*time.Second, 3*time.Second
	cfg.DialData = func(ctx context.Context, network, addr string) (net.Conn, error) {
		// b's PASV is answered: a lists with PORT now.
		var buf bytes.Buffer
		if _, err := a.List(ctx, "", &buf); err != nil && aErr == nil {
			aErr = err
		}
		var d net.Dialer
		return d.DialContext(ctx, network, addr)
	}
	b := dial(t, srv, cfg)
	if err := b.Login(ctx, srv.User, srv.Password, ""); err != nil {
		t.Fatalf("Login: %v", err)
	}
	defer b.Quit(ctx)
	for round := 1; round <= 5; round++ {
		var buf bytes.Buffer
		if _, err := a.List(ctx, "", &buf); err != nil {
			return no("the session with PORT: %v", err)
		}
		if _, err := b.List(ctx, "", &buf); err != nil {
			if aErr != nil {
				return no("the session with PORT: %v", aErr)
			}
			what := replyOf(err)
			if ne := net.Error(nil); errors.As(err, &ne) && ne.Timeout() {
				what = "not served within 3 s"
			}
			if cause := pyftpdlibStolenFD(srv); cause != "" {
				r.bugs = append(r.bugs, fmt.Sprintf("a session's data connection is not served once another session has sent PORT: %s", cause))
			}
			return no("the other session's LIST (PASV): %s", what)
		}
		if aErr != nil {
			return no("the session with PORT: %v", aErr)
		}
	}
	return yes()
}

// pyftpdlibStolenFD explains, for pyftpdlib, why a data connection was not served: what the
// harness found in pyftpdlib 1.5.7 (handlers.py _make_eport, _shutdown_connecting_dtp).
func pyftpdlibStolenFD(srv *Server) string {
	if srv.Kind != Pyftpdlib {
		return ""
	}
	return "PORT (FTPHandler._make_eport) closes the session's previous ActiveDTP connector (_shutdown_connecting_dtp), whose file descriptor number the server has since given to another session's socket, and so unregisters that socket from the IOLoop all sessions share; that session waits until 421 Passive data channel timed out (30 s)"
}

// probeTLS runs the TLS probes against a server with explicit TLS: a protected login and a
// 1 MiB put/get under PROT P as name (disk: where the server keeps it), whether the data
// connections resumed the control connection's session (the client does not require it), and
// CCC.
func probeTLS(t *testing.T, srv *Server, kr *tls.Keyring, r *serverResult, name, disk string) {
	ctx := t.Context()
	l := &sessionLog{}
	s, err := dialErr(t, srv.Host, srv.Port, tlsConfig(l, kr))
	if err == nil {
		err = s.Login(ctx, srv.User, srv.Password, "")
	}
	if err != nil {
		r.cells[featTLS] = no("%v", err)
		r.cells[featReuse] = no("no TLS session")
		r.cells[featCCC] = no("no TLS session")
		return
	}
	if pwd, _, err := s.Pwd(ctx); err != nil {
		withTLSPipeline(r, no("PWD: %v", err))
	} else {
		withTLSPipeline(r, probePipeline(t, srv, kr, pwd))
	}
	f := file1MiB(t)
	defer s.Delete(ctx, name)
	r.cells[featTLS] = func() cell {
		if !s.DataProtected() {
			return no("PROT P not in force after login")
		}
		if _, err := s.Type(ctx, client.TypeImage); err != nil {
			return noErr(err)
		}
		in, err := os.Open(f.Path)
		if err != nil {
			t.Fatal(err)
		}
		defer in.Close()
		if _, err := s.Stor(ctx, name, in, nil); err != nil {
			return no("STOR: %v", err)
		}
		hw := newHashWriter()
		if _, err := s.Retr(ctx, name, hw, nil); err != nil {
			return no("RETR: %v", err)
		}
		if hw.Sum() != f.Sum || fileTailSum(t, disk, 0) != f.Sum {
			return no("the 1 MiB file changed on the way")
		}
		return yes()
	}()

	hs := l.dataHandshakes()
	resumed := 0
	for _, h := range hs {
		if h.Resumed {
			resumed++
		}
	}
	switch {
	case len(hs) == 0:
		r.cells[featReuse] = no("no protected data connection was made")
	case resumed == len(hs):
		r.cells[featReuse] = yesBut("%s, %d of %d resumed", hs[0].Protocol, resumed, len(hs))
	default:
		r.cells[featReuse] = no("%s, %d of %d data connections resumed the session", hs[0].Protocol, resumed, len(hs))
	}

	r.cells[featCCC] = func() cell {
		if _, err := s.CCC(ctx, client.CCCRFC4217); err != nil {
			if s.Err() != nil {
				return no("CCC broke the session: %v", err)
			}
			return noErr(err)
		}
		if _, err := s.Noop(ctx); err != nil {
			return no("200, then NOOP in clear: %v", err)
		}
		var buf bytes.Buffer
		if _, err := s.List(ctx, "", &buf); err != nil {
			return no("200, then LIST: %v", err)
		}
		if !strings.Contains(buf.String(), name) {
			return no("200, then LIST without %s", name)
		}
		return yes()
	}()
	if _, err := s.Quit(ctx); err != nil && s.Err() == nil {
		t.Errorf("QUIT: %v", err)
	}
}

// serverVersion is the Debian package version of kind k's server.
func serverVersion(k Kind) string {
	stamp := map[Kind]string{Vsftpd: ".vsftpd.version", PureFTPd: ".pure-ftpd.version", Inetutils: ".inetutils-ftpd.version"}
	if f, ok := stamp[k]; ok {
		b, err := os.ReadFile(filepath.Join(ServersDir(), f))
		if err != nil {
			return "?"
		}
		return strings.TrimSpace(string(b))
	}
	pkg := map[Kind]string{Proftpd: "proftpd-core", Pyftpdlib: "python3-pyftpdlib", Twisted: "python3-twisted"}[k]
	out, err := exec.Command("dpkg-query", "-W", "-f=${Version}", pkg).Output()
	if err != nil {
		return "?"
	}
	return strings.TrimSpace(string(out))
}

// renderTable writes the table as docs/interop.md holds it.
func renderTable(results map[Kind]*serverResult) string {
	var b strings.Builder
	b.WriteString(tableIntro)
	b.WriteString("| feature |")
	for _, k := range columns {
		if r := results[k]; len(r.bugs) > 0 || len(r.notes) > 0 {
			fmt.Fprintf(&b, " %s [^%s] |", k, footnoteLabel(k))
		} else {
			fmt.Fprintf(&b, " %s |", k)
		}
	}
	b.WriteString("\n| --- |" + strings.Repeat(" --- |", len(columns)) + "\n")
	for _, f := range features {
		fmt.Fprintf(&b, "| %s |", f)
		for _, k := range columns {
			fmt.Fprintf(&b, " %s |", mdCell(results[k].cells[f].String()))
		}
		b.WriteString("\n")
	}
	b.WriteString("\nThe servers, as Debian 12 packages them, and this repository's zftpd:\n\n")
	for _, k := range Kinds {
		fmt.Fprintf(&b, "- %s: %s %s\n", k, serverPackage[k], results[k].version)
	}
	fmt.Fprintf(&b, "- %s: %s\n", zftpdMVS, zftpdMVSServer)
	for _, k := range columns {
		r := results[k]
		if len(r.bugs) == 0 && len(r.notes) == 0 {
			continue
		}
		fmt.Fprintf(&b, "\n[^%s]:", footnoteLabel(k))
		for _, n := range r.notes {
			fmt.Fprintf(&b, " %s.", strings.ReplaceAll(strings.TrimSuffix(n, "."), "\n", " "))
		}
		if len(r.bugs) > 0 {
			fmt.Fprintf(&b, " %s bugs found:", k)
		}
		for i, bug := range r.bugs {
			fmt.Fprintf(&b, " (%d) %s", i+1, strings.ReplaceAll(strings.TrimSuffix(bug, "."), "\n", " "))
			b.WriteString(".")
		}
		b.WriteString("\n")
	}
	return b.String()
}

// footnoteLabel is kind k's footnote label: its name with each run of characters other than
// letters and digits as one "-" ("zftpd --mvs": "zftpd-mvs").
func footnoteLabel(k Kind) string {
	return strings.Join(strings.FieldsFunc(string(k), func(r rune) bool {
		return !('a' <= r && r <= 'z' || 'A' <= r && r <= 'Z' || '0' <= r && r <= '9')
	}), "-")
}

// zftpdMVSServer says what the zftpd --mvs column ran.
const zftpdMVSServer = "this repository's internal/ftpd with Options.MVS (what cmd/zftpd --mvs runs), in-process through client/ftptest.WithMVS; its TLS probes with WithTLS(explicit) and WithCCC(accept), as zftpd --mvs --tls explicit --ccc accept"

// serverPackage names the Debian package each server comes from.
var serverPackage = map[Kind]string{Vsftpd: "vsftpd", Proftpd: "proftpd-core", PureFTPd: "pure-ftpd",
	Pyftpdlib: "python3-pyftpdlib", Twisted: "python3-twisted", Inetutils: "inetutils-ftpd"}

// mdCell makes s safe in a Markdown table cell, and short: at most 160 characters.
func mdCell(s string) string {
	s = strings.ReplaceAll(s, "|", "\\|")
	s = strings.ReplaceAll(s, "\n", " ")
	if r := []rune(s); len(r) > 160 {
		s = string(r[:157]) + "..."
	}
	return s
}

// tableIntro is the head of docs/interop.md.
const tableIntro = `# Interoperability: the FTP servers Debian packages, and zftpd --mvs

<!-- Written by make interop-table (TestInteropTable in internal/interop, ZFTP_INTEROP_TABLE set): do not edit. TestInteropTableCurrent fails when its rows or columns differ from the code's feature and server lists. -->

What each server did when the interop run (` + "`make interop-table`" + `) drove the zftp client engine
against it on 127.0.0.1, as the test user of ` + "`scripts/install-test-deps.sh`" + `. "yes" is a feature
that worked and was checked (listings against the files on the server's disk, transfers by SHA-256);
"no" gives what the server answered; "n/a" is a TLS feature of a server without TLS. Every "no" is
declared in ` + "`internal/interop/features_test.go`" + ` (` + "`lacks`" + `), and the run fails when a server does
otherwise, either way. Known server bugs the run found, and what a server has that no row measures,
are footnotes to the server's name.

The last column is this repository's zftpd playing a z/OS FTP server's MVS side (` + "`zftpd --mvs`" + `),
probed in MVS terms: data sets and PDS members under the login's name prefix (LIST: the catalog
level and a PDS's members, ` + "`NAME(*)`" + `; NLST: ` + "`G*.DAT`" + ` and ` + "`NAME(M*)`" + `), the 1 MiB file stored as a
sequential data set and as a member. Its refusals of SIZE, MDTM and REST are z/OS's for data sets,
with the reply code checked.

`

// TestInteropTableCurrent fails when docs/interop.md does not have the code's rows (features,
// in order) and columns (columns: Kinds, then zftpd --mvs): make interop-table writes it again. The cells are
// what a run measured and are not compared.
func TestInteropTableCurrent(t *testing.T) {
	data, err := os.ReadFile(tableDoc)
	if err != nil {
		t.Fatalf("%v (make interop-table writes it)", err)
	}
	var header []string
	var rows []feature
	for _, l := range strings.Split(string(data), "\n") {
		if !strings.HasPrefix(l, "| ") {
			continue
		}
		cells := strings.Split(strings.Trim(l, "| "), " | ")
		switch {
		case header == nil:
			header = cells
		case cells[0] == "---":
		default:
			rows = append(rows, feature(cells[0]))
			if len(cells) != len(header) {
				t.Errorf("%s: row %q has %d cells, the header %d", tableDoc, cells[0], len(cells), len(header))
			}
		}
	}
	var servers []Kind
	for _, h := range header[min(1, len(header)):] {
		name, _, _ := strings.Cut(h, " [^")
		servers = append(servers, Kind(name))
	}
	if !slices.Equal(servers, columns) {
		t.Errorf("%s has the servers %q, the code %q: run make interop-table", tableDoc, servers, columns)
	}
	if !slices.Equal(rows, features) {
		t.Errorf("%s has the features %q, the code %q: run make interop-table", tableDoc, rows, features)
	}
}
