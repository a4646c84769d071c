package zos

import (
	"os"
	"path/filepath"
	"strings"
	"testing"
)

// The command never turns the certificate checks off: the library's
// opt-out (tls.Options.InsecureSkipVerify) is for Go programs only.
func TestCommandNeverSkipsVerification(t *testing.T) {
	for _, dir := range []string{".", "../config", "../../cmd/zftp"} {
		files, err := filepath.Glob(filepath.Join(dir, "*.go"))
		if err != nil || len(files) == 0 {
			t.Fatalf("%s: %v (%d files)", dir, err, len(files))
		}
		for _, f := range files {
			if strings.HasSuffix(f, "_test.go") {
				continue
			}
			data, err := os.ReadFile(f)
			if err != nil {
				t.Fatal(err)
			}
			if strings.Contains(string(data), "InsecureSkipVerify") {
				t.Errorf("%s names InsecureSkipVerify", f)
			}
		}
	}
}
