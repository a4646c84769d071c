package tls

import "github.com/zftp/zftp/internal/boundedfile"

// Keyring files and stash files are read as bounded regular files, as
// FTP.DATA and netrc are (one reader, internal/boundedfile): a device
// named by mistake (--keyring /dev/zero) or a FIFO fails at once with a
// clear error instead of an unbounded read or a wait forever.

// Limits of what is read.
const (
	// MaxKeyringFile bounds one keyring file (a PEM bundle or a PKCS#12
	// file): a system CA bundle is a few hundred KiB.
	MaxKeyringFile = 8 << 20
	// MaxStashFile bounds a stash file (name.sth), which holds one password.
	MaxStashFile = 64 << 10
)

// Errors of the bounded reads, matched with errors.Is.
var (
	// ErrNotRegularFile reports a keyring or stash file that is a device,
	// a FIFO, a socket or a directory.
	ErrNotRegularFile = boundedfile.ErrNotRegular
	// ErrFileTooLarge reports a keyring or stash file over its limit.
	ErrFileTooLarge = boundedfile.ErrTooLarge
)

// readBounded reads path as a regular file of at most limit bytes; a
// missing file's error wraps fs.ErrNotExist.
func readBounded(path string, limit int64) ([]byte, error) {
	data, _, err := boundedfile.Read(path, limit)
	return data, err
}
