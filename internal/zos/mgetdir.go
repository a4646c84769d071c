package zos

import (
	"path"
	"strings"
)

// mgetLocalName returns the local file name MGET stores a remote name
// under. For a pattern in a remote directory ("mget small/f000*") the
// server lists "small/f0001" ...: the file is stored under its base name
// in the local directory, as BSD ftp and tnftp do, and retrieved with the
// full remote name. Other names are used as they are. Either way the
// result still passes validLocalName before anything is written, so a
// base name of "", "." or ".." or one with control characters is refused.
func mgetLocalName(pattern, name string) string {
	if !strings.Contains(pattern, "/") || !strings.Contains(name, "/") {
		return name
	}
	if strings.HasSuffix(name, "/") {
		return "" // a directory, not a file: refused
	}
	return path.Base(name)
}
