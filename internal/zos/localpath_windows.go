package zos

import (
	"path/filepath"
	"strings"
)

// localPath returns the local path p names when the local directory (LCD)
// is dir, as Windows reads a path ("Naming Files, Paths, and Namespaces",
// Microsoft Learn: fully qualified, relative to the root of the current
// drive, relative to the current directory of a drive):
//
//   - C:\x, \\server\share\x: absolute, as it is;
//   - \x (or /x): from the root of the local directory's drive (or share);
//   - C:x: relative to the current directory of drive C: the local
//     directory when it is on C:, else the process's current directory on
//     that drive, as Windows keeps it (filepath.Abs);
//   - anything else: under the local directory.
func localPath(dir, p string) string {
	vol := filepath.VolumeName(p)
	switch {
	case filepath.IsAbs(p):
		return p
	case vol != "":
		if strings.EqualFold(vol, filepath.VolumeName(dir)) {
			return filepath.Join(dir, p[len(vol):])
		}
		if abs, err := filepath.Abs(p); err == nil {
			return abs
		}
		return p
	case strings.HasPrefix(p, `\`) || strings.HasPrefix(p, "/"):
		return filepath.Join(filepath.VolumeName(dir)+`\`, p)
	}
	return filepath.Join(dir, p)
}
