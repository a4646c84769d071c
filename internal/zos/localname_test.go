package zos

import (
	"os"
	"path/filepath"
	"strings"
	"testing"
)

// FuzzValidLocalName checks the MGET name guard on any server-sent name:
// a name it accepts is one plain file name (no separator, no "..", no NUL
// or control character), and creating it through an os.Root on a
// temporary directory puts exactly one file in that directory.
func FuzzValidLocalName(f *testing.F) {
	for _, s := range []string{"readme.txt", "sub", "../etc/passwd", "/etc/passwd", "a\x00b", "a\x1b[2Jb", "..", ".", "a\\b", "'IBMUSER.DATA(MEM)'", "na\u00efve.txt", "a\r\nb"} {
		f.Add(s)
	}
	dir := f.TempDir()
	f.Fuzz(func(t *testing.T, name string) {
		if validLocalName(name) != nil {
			return
		}
		if strings.ContainsAny(name, "/\\\x00") || strings.Contains(name, "..") || name == "." {
			t.Fatalf("accepted %q", name)
		}
		for _, r := range name {
			if r < 0x20 || r == 0x7f {
				t.Fatalf("accepted control character in %q", name)
			}
		}
		sub, err := os.MkdirTemp(dir, "n")
		if err != nil {
			t.Fatal(err)
		}
		defer os.RemoveAll(sub)
		root, err := os.OpenRoot(sub)
		if err != nil {
			t.Fatal(err)
		}
		defer root.Close()
		fh, err := root.Create(name)
		if err != nil {
			return // too long for the file system, say: refused, not escaped
		}
		fh.Close()
		ents, _ := os.ReadDir(sub)
		if len(ents) != 1 || ents[0].Name() != name {
			t.Fatalf("%q: directory holds %v", name, ents)
		}
		if _, err := os.Stat(filepath.Join(sub, name)); err != nil {
			t.Fatalf("%q: %v", name, err)
		}
	})
}
