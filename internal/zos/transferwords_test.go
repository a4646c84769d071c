package zos

import (
	"bytes"
	"os"
	"path/filepath"
	"strings"
	"testing"

	"github.com/zftp/zftp/client/ftptest"
)

// TestTransferWords: lftp's and tnftp's habits on transfer subcommands, in
// batch: get -c continues (REGET), mget -c continues the files that exist
// and fetches the rest, & and unknown -x options are refused before
// anything is sent (never RETR -c, never a file named &), -- ends the
// options.
func TestTransferWords(t *testing.T) {
	data := bytes.Repeat([]byte("0123456789"), 1000)
	for _, tt := range []struct {
		name   string
		lines  string
		local  map[string][]byte // local files before the session
		want   []string          // in the transcript, in order
		absent []string          // nowhere in the transcript
		files  map[string][]byte // local files after the session
		none   []string          // local names that must not exist
	}{
		{name: "get -c continues a partial file",
			lines: "binary\nget -c big.bin\n", local: map[string][]byte{"big.bin": data[:4000]},
			want: []string{"ZFT0164I Restarting ", ">>> REST 4000", ">>> RETR big.bin"}, absent: []string{"RETR -c"},
			files: map[string][]byte{"big.bin": data}},
		{name: "get -c of a new file is a get",
			lines: "binary\nget -c big.bin\n",
			want:  []string{">>> RETR big.bin"}, absent: []string{">>> REST", "RETR -c"},
			files: map[string][]byte{"big.bin": data}},
		{name: "mget -c continues what exists and fetches the rest",
			lines: "binary\nmget -c sub/*\n", local: map[string][]byte{"a.bin": data[:10]},
			want: []string{">>> NLST sub/*", ">>> REST 10", ">>> RETR sub/a.bin", ">>> RETR sub/b.bin"}, absent: []string{"NLST -c", "RETR -c"},
			files: map[string][]byte{"a.bin": data, "b.bin": data}},
		{name: "a trailing & is refused",
			lines: "get big.bin &\nmput x &\n",
			want: []string{"ZFT0232E get: a trailing & (run in the background) is not supported: zftp runs one subcommand at a time. Nothing was transferred.",
				"ZFT0232E mput: a trailing &"},
			absent: []string{"RETR", "STOR"}, none: []string{"&", "big.bin"}},
		{name: "an unknown option is refused",
			lines: "get -x big.bin\nput -p big.bin\nreput -c big.bin\n",
			want: []string{"ZFT0233E get: -x is not an option of GET (syntax: get remote_file [local_file] [(REPLACE]). A name that starts with - goes after --: get -- -x",
				"ZFT0233E put: -p is not an option of PUT", "ZFT0233E reput: -c is not an option of REPUT"},
			absent: []string{"RETR", "STOR", "SIZE"}, none: []string{"big.bin"}},
		{name: "-- ends the options",
			lines: "binary\nget -- -notes.txt\n",
			want:  []string{">>> RETR -notes.txt"}, files: map[string][]byte{"-notes.txt": []byte("dash\n")}},
	} {
		t.Run(tt.name, func(t *testing.T) {
			srv := ftptest.NewServer(t, ftptest.WithIBM())
			srv.WriteFile(t, "big.bin", data)
			srv.WriteFile(t, "sub/a.bin", data)
			srv.WriteFile(t, "sub/b.bin", data)
			srv.WriteFile(t, "-notes.txt", []byte("dash\n"))
			dir := t.TempDir()
			for n, b := range tt.local {
				if err := os.WriteFile(filepath.Join(dir, n), b, 0o644); err != nil {
					t.Fatal(err)
				}
			}
			out, _ := runAt(t, srv, dir, true, srv.User+"\n"+srv.Password+"\n"+tt.lines+"quit\n")
			rest := out
			for _, w := range tt.want {
				i := strings.Index(rest, w)
				if i < 0 {
					t.Errorf("no %q (in order) in the transcript:\n%s", w, out)
					break
				}
				rest = rest[i+len(w):]
			}
			for _, w := range tt.absent {
				if strings.Contains(out, w) {
					t.Errorf("%q in the transcript:\n%s", w, out)
				}
			}
			for n, b := range tt.files {
				if got, err := os.ReadFile(filepath.Join(dir, n)); err != nil || !bytes.Equal(got, b) {
					t.Errorf("%s: %d bytes (%v), want %d", n, len(got), err, len(b))
				}
			}
			for _, n := range tt.none {
				if _, err := os.Lstat(filepath.Join(dir, n)); err == nil {
					t.Errorf("local %s exists", n)
				}
			}
		})
	}
}

// TestPeerHints: did-you-mean knows other clients' names, says what zftp
// has instead, and never calls a one-candidate word ambiguous.
func TestPeerHints(t *testing.T) {
	srv := ftptest.NewServer(t, ftptest.WithIBM())
	for _, tt := range []struct {
		word, hint, line string
	}{
		{"bye", "did you mean quit?", "ZFT0101E Unknown subcommand bye."},
		{"exit", "did you mean quit?", "ZFT0101E Unknown subcommand exit."},
		{"mv", "did you mean rename?", "ZFT0102E Ambiguous subcommand mv: it could be mvsget, mvsput."},
		{"size", "did you mean quote SIZE name?", "ZFT0101E Unknown subcommand size."},
		{"cat", "get name, then !cat name", "ZFT0101E Unknown subcommand cat."},
		{"more", "get name, then !more name", "ZFT0101E Unknown subcommand more."},
		{"hash", "progress line", "ZFT0101E Unknown subcommand hash."},
		{"set", "did you mean locsite?", "ZFT0101E Unknown subcommand set."},
		{"du", "", "ZFT0101E Unknown subcommand du."},
		{"mi", "did you mean mirror? (mir is its shortest abbreviation)", "ZFT0101E Unknown subcommand mi."},
		{"lsit", "did you mean ls?", "ZFT0101E Unknown subcommand lsit."},
	} {
		t.Run(tt.word, func(t *testing.T) {
			out, hints := interactive(t, srv, "TESTER", srv.User+"\n"+srv.Password+"\n"+tt.word+"\nquit\n")
			if !strings.Contains(out, tt.line+" ") && !strings.Contains(out, tt.line+"\n") {
				t.Errorf("no %q in the transcript:\n%s", tt.line, out)
			}
			switch {
			case tt.hint == "" && len(hints) != 0:
				t.Errorf("hints %q, want none", hints)
			case tt.hint != "" && (len(hints) != 1 || !strings.Contains(hints[0], tt.hint)):
				t.Errorf("hints %q, want one holding %q", hints, tt.hint)
			}
			for _, bad := range []string{"type", "pass", "get", "site"} {
				if len(hints) == 1 && strings.HasPrefix(hints[0], "did you mean "+bad+"?") {
					t.Errorf("%s: a look-alike suggested: %q", tt.word, hints[0])
				}
			}
			if strings.Contains(out, "did you mean") {
				t.Errorf("a hint reached the transcript:\n%s", out)
			}
		})
	}
	tbl := newTable()
	for w := range peerNames {
		if r := lookup(tbl, w); r.sub != nil {
			t.Errorf("peer word %s names the subcommand %s: its hint could never show", w, r.sub.name)
		}
	}
}
