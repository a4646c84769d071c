package netrc

import (
	"errors"
	"fmt"
	"io/fs"
	"os"
	"path/filepath"
	"runtime"

	"github.com/zftp/zftp/internal/boundedfile"
)

// MaxSize bounds a netrc file: 1 MiB.
const MaxSize = boundedfile.MaxSize

// EnvVar names the environment variable that overrides the netrc path.
const EnvVar = "NETRC"

// ErrInsecure is wrapped by the error Load returns for a file that holds a
// password and that group or others may read or write.
var ErrInsecure = errors.New("netrc file holding a password is accessible to group or others")

// DefaultPath returns $NETRC when set, otherwise the netrc file in the
// user's home directory: ~/.netrc; on Windows %USERPROFILE%\_netrc when
// it exists, else %USERPROFILE%\.netrc when that exists (curl reads both;
// _netrc is the classic Windows name and wins when both are there), else
// the _netrc path, missing.
func DefaultPath() (string, error) {
	return defaultPath(os.Getenv, os.UserHomeDir, runtime.GOOS, exists)
}

func defaultPath(getenv func(string) string, home func() (string, error), goos string, exists func(string) bool) (string, error) {
	if p := getenv(EnvVar); p != "" {
		return p, nil
	}
	dir, err := home()
	if err != nil {
		return "", fmt.Errorf("netrc: no home directory: %w", err)
	}
	names := fileNames(goos)
	for _, n := range names {
		if p := filepath.Join(dir, n); exists(p) {
			return p, nil
		}
	}
	return filepath.Join(dir, names[0]), nil
}

// exists reports whether something is at p (a netrc that cannot be read
// is still chosen, so that Load says why).
func exists(p string) bool {
	_, err := os.Lstat(p)
	return err == nil
}

// fileNames are the netrc file names looked for in the home directory on
// goos, in order.
func fileNames(goos string) []string {
	if goos == "windows" {
		return []string{"_netrc", ".netrc"}
	}
	return []string{".netrc"}
}

// Description says, for goos, which netrc file is read when neither
// --netrc nor $NETRC names one, as a user writes it: for help texts and
// documentation.
func Description(goos string) string {
	if goos == "windows" {
		return `%USERPROFILE%\_netrc, else %USERPROFILE%\.netrc`
	}
	return "~/.netrc"
}

// Load reads and parses the netrc file at path. A missing file is returned
// as an error wrapping fs.ErrNotExist, so callers can treat it as "no
// netrc". On systems other than Windows, a file that holds a password and
// whose mode grants any access to group or others is refused with an error
// wrapping ErrInsecure that names the file and the chmod 600 remedy.
//
// The file must be a regular file of at most MaxSize bytes: a device
// (/dev/zero), a FIFO or a larger file is refused at once, without reading
// it (the error wraps boundedfile.ErrNotRegular or ErrTooLarge). The mode
// checked is that of the file opened, not of a second lookup. A file
// saved on Windows with a UTF-8 byte order mark or as UTF-16 with one is
// read as text; UTF-16 without one is refused (textenc.ErrEncoding).
func Load(path string) (*File, error) {
	data, fi, err := boundedfile.ReadText(path, MaxSize)
	if err != nil {
		return nil, fmt.Errorf("netrc: %w", err)
	}
	f, err := Parse(path, data)
	if err != nil {
		return nil, fmt.Errorf("netrc: %w", err)
	}
	if !f.HasPassword() {
		return f, nil
	}
	if err := checkMode(path, fi.Mode(), runtime.GOOS); err != nil {
		return nil, err
	}
	return f, nil
}

// checkMode refuses a password-holding file that group or others may
// access. Windows has no such mode bits and is never refused.
func checkMode(path string, mode fs.FileMode, goos string) error {
	if goos == "windows" || mode.Perm()&0o077 == 0 {
		return nil
	}
	return fmt.Errorf("%s: %w (mode %04o); remove the password or run: chmod 600 %s",
		path, ErrInsecure, mode.Perm(), path)
}
