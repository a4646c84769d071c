//go:build !windows

package zos

import "path/filepath"

// localPath returns the local path p names when the local directory (LCD)
// is dir: p itself when it is absolute, else p under dir.
func localPath(dir, p string) string {
	if filepath.IsAbs(p) {
		return p
	}
	return filepath.Join(dir, p)
}
