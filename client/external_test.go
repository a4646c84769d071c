package client_test

import (
	"os"
	"os/exec"
	"path/filepath"
	"testing"
)

// A Go program outside the module builds and runs against client,
// client/ftptest and tls with exported names only: go mod init in a
// temporary directory, a replace of github.com/zftp/zftp by this tree,
// and go test of testdata/external (offline: GOPROXY=off, the modules
// come from the cache the zftp build filled).
func TestExternalModule(t *testing.T) {
	goTool, err := exec.LookPath("go")
	if err != nil {
		t.Skip("no Go toolchain on PATH (a test binary run on its own, as under wine): nothing to build with")
	}
	if testing.Short() {
		t.Skip("builds a module: not in -short")
	}
	root, err := filepath.Abs("..")
	if err != nil {
		t.Fatal(err)
	}
	dir := t.TempDir()
	src, err := os.ReadFile("testdata/external/ext_test.go.txt")
	if err != nil {
		t.Fatal(err)
	}
	sum, err := os.ReadFile(filepath.Join(root, "go.sum"))
	if err != nil {
		t.Fatal(err)
	}
	mod := "module example.com/ext\n\ngo 1.26\n\nrequire github.com/zftp/zftp v0.0.0\n\nreplace github.com/zftp/zftp => " + filepath.ToSlash(root) + "\n"
	for name, data := range map[string][]byte{"go.mod": []byte(mod), "go.sum": sum, "ext_test.go": src} {
		if err := os.WriteFile(filepath.Join(dir, name), data, 0o644); err != nil {
			t.Fatal(err)
		}
	}
	run := func(args ...string) {
		t.Helper()
		cmd := exec.Command(goTool, args...)
		cmd.Dir = dir
		cmd.Env = append(os.Environ(), "GOFLAGS=-mod=mod", "GOPROXY=off", "GOWORK=off")
		if out, err := cmd.CombinedOutput(); err != nil {
			t.Fatalf("go %v: %v\n%s", args, err, out)
		}
	}
	run("test", "-count=1", "./...")
}
