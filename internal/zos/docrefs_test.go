package zos

import (
	"os"
	"path/filepath"
	"strings"
	"testing"
)

// TestDocsCiteOnlyTheProject fails when the user documentation cites
// files outside the project or a search tool that readers do not have.
func TestDocsCiteOnlyTheProject(t *testing.T) {
	files, err := filepath.Glob(filepath.Join("..", "..", "docs", "*.md"))
	if err != nil || len(files) == 0 {
		t.Fatalf("docs/*.md: %v (%d files)", err, len(files))
	}
	files = append(files, filepath.Join("..", "..", "docs", "zftp.1"), filepath.Join("..", "..", "README.md"))
	for _, f := range files {
		b, err := os.ReadFile(f)
		if err != nil {
			t.Fatal(err)
		}
		for i, line := range strings.Split(string(b), "\n") {
			low := strings.ToLower(line)
			for _, bad := range []string{"../shared", "shared/reference", "search tool"} {
				if strings.Contains(low, bad) {
					t.Errorf("%s:%d cites %q: %s", filepath.ToSlash(f), i+1, bad, strings.TrimSpace(line))
				}
			}
		}
	}
}
