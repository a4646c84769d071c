//go:build linux

package interop

import (
	"bufio"
	"bytes"
	"context"
	crand "crypto/rand"
	"crypto/sha256"
	"encoding/hex"
	"errors"
	"hash"
	"io"
	"math/rand/v2"
	"os"
	"path/filepath"
	"slices"
	"strings"
	"sync"
	"syscall"
	"testing"
	"time"

	"github.com/zftp/zftp/client"
)

func TestMain(m *testing.M) {
	code := m.Run()
	removeTestFiles()
	removeZftp()
	os.Exit(code)
}

// ---- test files --------------------------------------------------------------------------------

// testFile is a local file of random bytes with its SHA-256.
type testFile struct {
	Label string // "0B", "1B", "1MiB", "64MiB"
	Path  string
	Size  int64
	Sum   string // hex SHA-256
}

var (
	filesOnce sync.Once
	filesDir  string
	files     []testFile
	filesErr  error
)

// testFiles returns the random files every server test uploads, generated once per test binary.
// The 64 MiB file is left out with -short.
func testFiles(t *testing.T) []testFile {
	t.Helper()
	filesOnce.Do(func() {
		filesDir, filesErr = os.MkdirTemp("", "zftp-interop-files-")
		if filesErr != nil {
			return
		}
		sizes := []struct {
			label string
			size  int64
		}{{"0B", 0}, {"1B", 1}, {"1MiB", 1 << 20}, {"64MiB", 64 << 20}}
		var seed [32]byte
		crand.Read(seed[:])
		rng := rand.NewChaCha8(seed)
		for _, sz := range sizes {
			f := testFile{Label: sz.label, Path: filepath.Join(filesDir, "f-"+sz.label), Size: sz.size}
			f.Sum, filesErr = writeRandom(f.Path, rng, sz.size)
			if filesErr != nil {
				return
			}
			files = append(files, f)
		}
	})
	if filesErr != nil {
		t.Fatalf("generating test files: %v", filesErr)
	}
	if testing.Short() {
		return slices.DeleteFunc(slices.Clone(files), func(f testFile) bool { return f.Size > 1<<20 })
	}
	return files
}

// writeRandom writes size random bytes to path, hashing them on the way.
func writeRandom(path string, r io.Reader, size int64) (string, error) {
	f, err := os.Create(path)
	if err != nil {
		return "", err
	}
	h := sha256.New()
	bw := bufio.NewWriterSize(io.MultiWriter(f, h), 1<<20)
	if _, err := io.CopyN(bw, r, size); err != nil {
		f.Close()
		return "", err
	}
	if err := bw.Flush(); err != nil {
		f.Close()
		return "", err
	}
	if err := f.Close(); err != nil {
		return "", err
	}
	return hex.EncodeToString(h.Sum(nil)), nil
}

func removeTestFiles() {
	if filesDir != "" {
		os.RemoveAll(filesDir)
	}
}

// hashWriter hashes and counts what is written to it: downloads are checked without being kept.
type hashWriter struct {
	s hash.Hash
	n int64
}

func newHashWriter() *hashWriter { return &hashWriter{s: sha256.New()} }

func (w *hashWriter) Write(p []byte) (int, error) {
	w.n += int64(len(p))
	return w.s.Write(p)
}

func (w *hashWriter) Sum() string { return hex.EncodeToString(w.s.Sum(nil)) }

// fileTailSum returns the SHA-256 of path from offset to its end.
func fileTailSum(t *testing.T, path string, offset int64) string {
	t.Helper()
	f, err := os.Open(path)
	if err != nil {
		t.Fatal(err)
	}
	defer f.Close()
	if _, err := f.Seek(offset, io.SeekStart); err != nil {
		t.Fatal(err)
	}
	h := sha256.New()
	if _, err := io.Copy(h, f); err != nil {
		t.Fatal(err)
	}
	return hex.EncodeToString(h.Sum(nil))
}

// ---- sessions ----------------------------------------------------------------------------------

// verbLog records the verbs a session sends, to prove which data method it used.
type verbLog struct {
	mu    sync.Mutex
	verbs []string
}

func (l *verbLog) Observe(e client.Event) {
	if c, ok := e.(client.CommandSent); ok {
		l.mu.Lock()
		l.verbs = append(l.verbs, c.Verb)
		l.mu.Unlock()
	}
}

func (l *verbLog) count(verb string) int {
	l.mu.Lock()
	defer l.mu.Unlock()
	n := 0
	for _, v := range l.verbs {
		if v == verb {
			n++
		}
	}
	return n
}

func testConfig(m client.DataMethod, obs client.Observer) client.Config {
	return client.Config{
		DataMethod:         m,
		NoEPSVFallback:     true, // an EPSV test must use EPSV
		ConnectTimeout:     10 * time.Second,
		ReplyTimeout:       60 * time.Second,
		DataConnectTimeout: 15 * time.Second,
		DataIdleTimeout:    30 * time.Second,
		Observer:           obs,
	}
}

func dial(t *testing.T, srv *Server, cfg client.Config) *client.Session {
	t.Helper()
	ctx, cancel := context.WithTimeout(context.Background(), 15*time.Second)
	defer cancel()
	s, err := client.Dial(ctx, srv.Host, srv.Port, cfg)
	if err != nil {
		t.Fatalf("Dial %s: %v", srv, err)
	}
	t.Cleanup(func() { s.Close() })
	if g := s.Greeting(); g == nil || g.Code != 220 {
		t.Fatalf("greeting = %+v, want 220", g)
	}
	return s
}

// wantCode fails unless err is a *client.ReplyError with the given code (one of codes).
func wantCode(t *testing.T, what string, err error, codes ...int) {
	t.Helper()
	var re *client.ReplyError
	if !errors.As(err, &re) {
		t.Errorf("%s: error = %v, want a *client.ReplyError with code %v", what, err, codes)
		return
	}
	if !slices.Contains(codes, re.Reply.Code) {
		t.Errorf("%s: reply %d %q, want code %v", what, re.Reply.Code, re.Reply.Text(), codes)
	}
}

// nlst returns the names NLST lists for args, without "." and "..". An empty directory is an
// empty list even when the server says so with 450 ("No files found"), as some servers do, or
// with 550 "No files found." (inetutils ftpd).
func nlst(t *testing.T, s *client.Session, args string) []string {
	t.Helper()
	var buf bytes.Buffer
	if _, err := s.Nlst(t.Context(), args, &buf); err != nil {
		var re *client.ReplyError
		if buf.Len() == 0 && errors.As(err, &re) && (re.Reply.Code == 450 || re.Reply.Code == 550 && strings.Contains(re.Reply.Text(), "No files found")) {
			return nil
		}
		t.Fatalf("Nlst(%q): %v", args, err)
	}
	var names []string
	for _, l := range strings.Split(buf.String(), "\n") {
		l = strings.TrimSuffix(l, "\r")
		if l == "" || l == "." || l == ".." { // pure-ftpd lists . and .. in NLST
			continue
		}
		if strings.Contains(l, "\r") {
			t.Errorf("Nlst(%q): line %q holds a CR: line ends not converted", args, l)
		}
		names = append(names, filepath.Base(l)) // some servers list "dir/name" for NLST dir
	}
	return names
}

// nlstCwd lists the working directory with NLST: without an argument (RFC 959), or, on a
// server that lacks that, with "." after checking the refusal.
func nlstCwd(t *testing.T, s *client.Session, k Kind) []string {
	t.Helper()
	if lack(k, featNLST) != "" {
		var buf bytes.Buffer
		_, err := s.Nlst(t.Context(), "", &buf)
		wantCode(t, "NLST without an argument on "+string(k), err, 500, 501)
		return nlst(t, s, ".")
	}
	return nlst(t, s, "")
}

// listNames returns the last field of each LIST line: the file names in a Unix-style listing.
func listNames(t *testing.T, s *client.Session, args string) []string {
	t.Helper()
	var buf bytes.Buffer
	if _, err := s.List(t.Context(), args, &buf); err != nil {
		t.Fatalf("List(%q): %v", args, err)
	}
	var names []string
	for _, l := range strings.Split(buf.String(), "\n") {
		if strings.Contains(l, "\r") {
			t.Errorf("List(%q): line %q holds a CR: line ends not converted", args, l)
		}
		f := strings.Fields(l)
		if len(f) >= 9 {
			names = append(names, f[len(f)-1])
		}
	}
	return names
}

func pwd(t *testing.T, s *client.Session, want string) {
	t.Helper()
	dir, r, err := s.Pwd(t.Context())
	if err != nil {
		t.Fatalf("Pwd: %v", err)
	}
	if r.Code != 257 || dir != want {
		t.Errorf("Pwd = %q (reply %d %q), want %q", dir, r.Code, r.Text(), want)
	}
}

// ---- the tests ---------------------------------------------------------------------------------

// TestPlain runs the plain-FTP checks against every server kind, the servers in parallel.
func TestPlain(t *testing.T) {
	checkEnabled(t)
	requireLacks(t)
	for _, k := range Kinds {
		t.Run(string(k), func(t *testing.T) {
			t.Parallel()
			testPlain(t, k)
		})
	}
}

// slowTransfer is more than any small transfer needs on loopback.
const slowTransfer = 3 * time.Second

var dataMethods = []struct {
	method client.DataMethod
	verb   string  // the command that must be sent
	feat   feature // the table's feature, for the methods some servers lack
}{
	{client.Passive, "PASV", ""},
	{client.ExtendedPassive, "EPSV", featEPSV},
	{client.Active, "PORT", ""},
	{client.ExtendedActive, "EPRT", featEPRT},
}

// testPlain starts one server of kind k and runs the plain-FTP checks over every data method,
// the methods in parallel, each in a directory of its own.
func testPlain(t *testing.T, k Kind) {
	srv := Start(t, k, Options{})
	files := testFiles(t)

	t.Run("BadPassword", func(t *testing.T) {
		t.Parallel()
		s := dial(t, srv, testConfig(client.Passive, nil))
		err := s.Login(t.Context(), srv.User, srv.Password+"-wrong", "")
		wantCode(t, "Login with a wrong password", err, 530)
	})
	parallel := lack(k, featParallel) == ""
	if !parallel {
		t.Logf("%s: the data methods run one after another: %s", k, lack(k, featParallel))
	}
	for _, dm := range dataMethods {
		t.Run(dm.verb, func(t *testing.T) {
			if parallel {
				t.Parallel()
			}
			if dm.feat != "" && lack(k, dm.feat) != "" {
				methodRefused(t, srv, dm.method, dm.verb)
				notApplicable(t, k, dm.feat)
				return
			}
			testMethod(t, srv, dm.method, dm.verb, files)
		})
	}
}

// methodRefused checks that a server refuses the command of a data method it lacks (500 or
// 502) and that the session goes on.
func methodRefused(t *testing.T, srv *Server, method client.DataMethod, verb string) {
	vl := &verbLog{}
	s := dial(t, srv, testConfig(method, vl))
	if err := s.Login(t.Context(), srv.User, srv.Password, ""); err != nil {
		t.Fatalf("Login: %v", err)
	}
	var buf bytes.Buffer
	_, err := s.List(t.Context(), "", &buf)
	wantCode(t, verb+" on a server that lacks it", err, 500, 502)
	if vl.count(verb) != 1 {
		t.Errorf("%s sent %d times, want once", verb, vl.count(verb))
	}
	if _, err := s.Noop(t.Context()); err != nil {
		t.Errorf("NOOP after the refusal: %v", err)
	}
}

func testMethod(t *testing.T, srv *Server, method client.DataMethod, verb string, files []testFile) {
	vl := &verbLog{}
	s := dial(t, srv, testConfig(method, vl))
	if err := s.Login(t.Context(), srv.User, srv.Password, ""); err != nil {
		t.Fatalf("Login: %v", err)
	}
	pwd(t, s, "/")

	// A working directory of our own: the data methods run in parallel on one server. No "-"
	// in it: Twisted takes a name with "-" for a wildcard in NLST (see the interop table).
	dir := "m_" + strings.ToLower(verb)
	if r, err := s.Mkdir(t.Context(), dir); err != nil {
		t.Fatalf("Mkdir(%q): %v", dir, err)
	} else if r.Code != 257 {
		t.Errorf("Mkdir(%q) reply %d %q, want 257", dir, r.Code, r.Text())
	}
	if _, err := s.Mkdir(t.Context(), dir); err == nil {
		t.Errorf("Mkdir(%q) twice: no error", dir)
	} else {
		wantCode(t, "Mkdir of an existing directory", err, 521, 550, 553)
	}
	if _, err := s.Cwd(t.Context(), dir); err != nil {
		t.Fatalf("Cwd(%q): %v", dir, err)
	}
	pwd(t, s, "/"+dir)
	local := filepath.Join(srv.Home, dir)

	if _, err := s.Type(t.Context(), client.TypeImage); err != nil {
		t.Fatalf("Type(I): %v", err)
	}

	// Stor + Size + Retr of each file, checked by SHA-256 on both sides.
	slow := false
	for _, f := range files {
		if slow {
			break
		}
		t.Run("Transfer/"+f.Label, func(t *testing.T) {
			name := "up-" + f.Label
			in, err := os.Open(f.Path)
			if err != nil {
				t.Fatal(err)
			}
			defer in.Close()
			start := time.Now()
			tr, err := s.Stor(t.Context(), name, in, nil)
			if err != nil {
				t.Fatalf("Stor(%q): %v", name, err)
			}
			if tr.Bytes != f.Size {
				t.Errorf("Stor(%q): Transfer.Bytes = %d, want %d", name, tr.Bytes, f.Size)
			}
			if tr.Reply == nil || tr.Reply.Code != 226 {
				t.Errorf("Stor(%q): final reply %+v, want 226", name, tr.Reply)
			}
			if st, err := os.Stat(filepath.Join(local, name)); err != nil {
				t.Errorf("stored file on the server's disk: %v", err)
			} else {
				if st.Size() != f.Size {
					t.Errorf("stored file on disk has %d bytes, want %d", st.Size(), f.Size)
				}
				if sys, ok := st.Sys().(*syscall.Stat_t); ok && int(sys.Uid) != srv.UID {
					t.Errorf("stored file on disk is owned by uid %d, want the test user's %d", sys.Uid, srv.UID)
				}
			}
			up := time.Since(start)

			size, r, err := s.Size(t.Context(), name)
			if err != nil {
				t.Errorf("Size(%q): %v", name, err)
			} else if size != f.Size || r.Code != 213 {
				t.Errorf("Size(%q) = %d (reply %d), want %d (213)", name, size, r.Code, f.Size)
			}

			start = time.Now()
			hw := newHashWriter()
			tr, err = s.Retr(t.Context(), name, hw, nil)
			if err != nil {
				t.Fatalf("Retr(%q): %v", name, err)
			}
			if hw.n != f.Size || tr.Bytes != f.Size {
				t.Errorf("Retr(%q): wrote %d bytes, Transfer.Bytes = %d, want %d", name, hw.n, tr.Bytes, f.Size)
			}
			if got := hw.Sum(); got != f.Sum {
				t.Errorf("Retr(%q): sha256 %s, want %s", name, got, f.Sum)
			}
			if tr.Reply == nil || tr.Reply.Code != 226 {
				t.Errorf("Retr(%q): final reply %+v, want 226", name, tr.Reply)
			}
			// proftpd waits up to TimeoutLinger (10s) for the client to close its end of a
			// download's data connection before it sends 226: a client that waits for 226
			// before closing takes 10s per download.
			if d := time.Since(start); f.Size <= 1<<20 && d > slowTransfer {
				slow = true
				t.Errorf("Retr(%q) of %d bytes took %v (over %v): does the client close the data connection as soon as it reads EOF?", name, f.Size, d.Round(time.Millisecond), slowTransfer)
			}
			if f.Size >= 1<<20 {
				t.Logf("%s: Stor %v, Retr %v", f.Label, up.Round(time.Millisecond), time.Since(start).Round(time.Millisecond))
			}
		})
	}

	if slow {
		// Every further transfer would be as slow; stop here to keep the suite's time bounded.
		t.Fatalf("downloads from %s are slow; skipping the rest of the %s checks", srv.Kind, verb)
	}

	// Retr with REST: the tail of the 1 MiB file.
	t.Run("RetrOffset", func(t *testing.T) {
		i := slices.IndexFunc(files, func(f testFile) bool { return f.Label == "1MiB" })
		f := files[i]
		const off = 12345
		hw := newHashWriter()
		if lack(srv.Kind, featREST) != "" {
			_, err := s.Retr(t.Context(), "up-"+f.Label, hw, &client.TransferOptions{Offset: off})
			wantCode(t, "Retr with an offset on a server without REST", err, 500, 502)
			if hw.n != 0 {
				t.Errorf("%d bytes written after REST was refused", hw.n)
			}
			notApplicable(t, srv.Kind, featREST)
			return
		}
		tr, err := s.Retr(t.Context(), "up-"+f.Label, hw, &client.TransferOptions{Offset: off})
		if err != nil {
			t.Fatalf("Retr with offset %d: %v", off, err)
		}
		if hw.n != f.Size-off || tr.Bytes != f.Size-off {
			t.Errorf("Retr with offset %d: wrote %d bytes, Transfer.Bytes = %d, want %d", off, hw.n, tr.Bytes, f.Size-off)
		}
		if got, want := hw.Sum(), fileTailSum(t, f.Path, off); got != want {
			t.Errorf("Retr with offset %d: sha256 %s, want %s", off, got, want)
		}
	})

	// List and Nlst show every uploaded name.
	var uploaded []string
	for _, f := range files {
		uploaded = append(uploaded, "up-"+f.Label)
	}
	t.Run("ListNlst", func(t *testing.T) {
		names := nlstCwd(t, s, srv.Kind)
		if lack(srv.Kind, featNLST) != "" {
			notApplicable(t, srv.Kind, featNLST)
		}
		listed := listNames(t, s, "")
		for _, n := range uploaded {
			if !slices.Contains(names, n) {
				t.Errorf("Nlst does not show %q: %q", n, names)
			}
			if !slices.Contains(listed, n) {
				t.Errorf("List does not show %q: %q", n, listed)
			}
		}
		// Listing the parent by name shows our directory.
		if names := nlst(t, s, "/"); !slices.Contains(names, dir) {
			t.Errorf("Nlst(\"/\") does not show %q: %q", dir, names)
		}
	})

	t.Run("Rename", func(t *testing.T) {
		from, to := "up-1B", "renamed-1B"
		r, err := s.Rename(t.Context(), from, to)
		if err != nil {
			t.Fatalf("Rename(%q, %q): %v", from, to, err)
		}
		if r.Code != 250 {
			t.Errorf("Rename reply %d %q, want 250", r.Code, r.Text())
		}
		names := nlstCwd(t, s, srv.Kind)
		if !slices.Contains(names, to) || slices.Contains(names, from) {
			t.Errorf("after Rename, Nlst = %q: want %q and not %q", names, to, from)
		}
		if n, _, err := s.Size(t.Context(), to); err != nil || n != 1 {
			t.Errorf("Size(%q) = %d, %v; want 1", to, n, err)
		}
		_, _, err = s.Size(t.Context(), from)
		wantCode(t, "Size of the old name", err, 550)
		_, err = s.Rename(t.Context(), "no-such-file", "whatever")
		wantCode(t, "Rename of a missing file", err, 550)
		uploaded[slices.Index(uploaded, from)] = to
	})

	t.Run("ASCII", func(t *testing.T) {
		text := "first line\nsecond line\n\n\tindented, with a tab\nlast line\n"
		crlf := strings.ReplaceAll(text, "\n", "\r\n")
		if _, err := s.Type(t.Context(), client.TypeASCII); err != nil {
			t.Fatalf("Type(A): %v", err)
		}
		if lack(srv.Kind, featASCII) != "" {
			// The server fails the transfer; the session goes on in binary.
			_, err := s.Stor(t.Context(), "text.txt", strings.NewReader(text), nil)
			if err == nil || client.ReplyCode(err)/100 != 4 && client.ReplyCode(err)/100 != 5 {
				t.Errorf("Stor in ASCII on %s: %v, want a 4xx or 5xx refusal", srv.Kind, err)
			}
			if _, err := s.Type(t.Context(), client.TypeImage); err != nil {
				t.Fatalf("Type(I) after the failed ASCII transfer: %v", err)
			}
			os.Remove(filepath.Join(local, "text.txt")) // what the failed STOR may have left
			notApplicable(t, srv.Kind, featASCII)
			return
		}
		tr, err := s.Stor(t.Context(), "text.txt", strings.NewReader(text), nil)
		if err != nil {
			t.Fatalf("Stor in ASCII: %v", err)
		}
		if tr.Bytes != int64(len(crlf)) {
			t.Errorf("Stor in ASCII: Transfer.Bytes = %d, want %d (CRLF on the wire)", tr.Bytes, len(crlf))
		}
		var got bytes.Buffer
		if _, err := s.Retr(t.Context(), "text.txt", &got, nil); err != nil {
			t.Fatalf("Retr in ASCII: %v", err)
		}
		if got.String() != text {
			t.Errorf("ASCII round trip: got %q, want %q", got.String(), text)
		}
		if _, err := s.Type(t.Context(), client.TypeImage); err != nil {
			t.Fatalf("Type(I): %v", err)
		}
		// What the server stored: all three convert type A data (vsftpd only with
		// ascii_upload_enable/ascii_download_enable) and keep Unix line ends.
		want := text
		got.Reset()
		if _, err := s.Retr(t.Context(), "text.txt", &got, nil); err != nil {
			t.Fatalf("Retr in binary: %v", err)
		}
		if got.String() != want {
			t.Errorf("text stored in ASCII, read in binary: got %q, want %q", got.String(), want)
		}
		uploaded = append(uploaded, "text.txt")
	})

	t.Run("MkdirRmdir", func(t *testing.T) {
		if _, err := s.Mkdir(t.Context(), "sub"); err != nil {
			t.Fatalf("Mkdir(sub): %v", err)
		}
		if _, err := s.Cwd(t.Context(), "sub"); err != nil {
			t.Fatalf("Cwd(sub): %v", err)
		}
		pwd(t, s, "/"+dir+"/sub")
		if _, err := s.Cdup(t.Context()); err != nil {
			t.Fatalf("Cdup: %v", err)
		}
		pwd(t, s, "/"+dir)
		if _, err := s.Rmdir(t.Context(), "sub"); err != nil {
			t.Fatalf("Rmdir(sub): %v", err)
		}
		_, err := s.Cwd(t.Context(), "sub")
		wantCode(t, "Cwd to a removed directory", err, 550)
		_, err = s.Rmdir(t.Context(), "sub")
		wantCode(t, "Rmdir of a missing directory", err, 550)
	})

	t.Run("Delete", func(t *testing.T) {
		for _, n := range uploaded {
			if r, err := s.Delete(t.Context(), n); err != nil {
				t.Errorf("Delete(%q): %v", n, err)
			} else if r.Code != 250 {
				t.Errorf("Delete(%q) reply %d %q, want 250", n, r.Code, r.Text())
			}
		}
		_, err := s.Delete(t.Context(), "no-such-file")
		wantCode(t, "Delete of a missing file", err, 550)
		if names := nlstCwd(t, s, srv.Kind); len(names) != 0 {
			t.Errorf("after deleting everything, Nlst = %q", names)
		}
	})

	// Leave the server as we found it: remove our directory.
	if _, err := s.Cwd(t.Context(), "/"); err != nil {
		t.Fatalf("Cwd(/): %v", err)
	}
	pwd(t, s, "/")
	if _, err := s.Rmdir(t.Context(), dir); err != nil {
		t.Errorf("Rmdir(%q): %v", dir, err)
	}
	if _, err := os.Stat(local); !errors.Is(err, os.ErrNotExist) {
		t.Errorf("after Rmdir, %s on the server's disk: %v", local, err)
	}

	// The data connections were opened with the method under test, and only with it.
	for _, v := range []string{"PASV", "EPSV", "PORT", "EPRT"} {
		n := vl.count(v)
		if v == verb && n == 0 {
			t.Errorf("no %s was sent", v)
		}
		if v != verb && n != 0 {
			t.Errorf("%s sent %d times; the session uses %s", v, n, verb)
		}
	}

	r, err := s.Quit(t.Context())
	if err != nil {
		t.Errorf("Quit: %v", err)
	} else if r.Code != 221 {
		t.Errorf("Quit reply %d %q, want 221", r.Code, r.Text())
	}
}
