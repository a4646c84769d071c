package zos

import (
	"errors"
	"io/fs"
	"os"
	"strings"
)

// Local file errors come from Go's os package in its own words: the name
// of the system call first ("statat x: no such file or directory",
// "openat", "mkdirat", "unlinkat"), which tells a user nothing. localWords
// says them as a user reads them: what zftp could not do, the path, and
// the system's reason ("cannot open x: permission denied"; for a look-up
// that failed, "x: no such file or directory").

// pathVerbs turn the operation of an fs.PathError into words; an
// operation not listed is a look-up (stat, lstat, readlink ...), said as
// the path alone.
var pathVerbs = map[string]string{
	"open": "cannot open ", "openat": "cannot open ",
	"mkdir": "cannot create directory ", "mkdirat": "cannot create directory ",
	"remove": "cannot remove ", "unlinkat": "cannot remove ", "unlink": "cannot remove ",
	"chdir": "cannot change to ", "chmod": "cannot change the mode of ", "chtimes": "cannot set the time of ",
	"read": "cannot read ", "write": "cannot write ", "readdirent": "cannot read directory ",
	"truncate": "cannot truncate ", "symlink": "cannot link ", "sync": "cannot write ", "close": "cannot write ",
}

// localWords returns msg with the text of each local file error of err
// (fs.PathError, os.LinkError) said in words, in place.
func localWords(msg string, err error) string {
	for e := err; e != nil; e = errors.Unwrap(e) {
		switch x := e.(type) {
		case *fs.PathError:
			msg = strings.Replace(msg, x.Error(), pathVerbs[x.Op]+x.Path+": "+x.Err.Error(), 1)
		case *os.LinkError:
			msg = strings.Replace(msg, x.Error(), "cannot "+strings.TrimSuffix(x.Op, "at")+" "+x.Old+" to "+x.New+": "+x.Err.Error(), 1)
		}
	}
	return msg
}
