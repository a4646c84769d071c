package tls

import (
	"errors"
	"fmt"
	"io"
	"io/fs"
)

// Keyring files and stash files are read as bounded regular files, as
// FTP.DATA and netrc are: a device named by mistake (--keyring /dev/zero)
// or a FIFO fails at once with a clear error instead of an unbounded read
// or a wait forever. The package keeps its own reader (it is public and
// imports nothing of zftp's internals).

// Limits of what is read.
const (
	// MaxKeyringFile bounds one keyring file (a PEM bundle or a PKCS#12
	// file): a system CA bundle is a few hundred KiB.
	MaxKeyringFile = 8 << 20
	// MaxStashFile bounds a stash file (name.sth), which holds one password.
	MaxStashFile = 64 << 10
)

// Errors of readBounded, matched with errors.Is.
var (
	// ErrNotRegularFile reports a keyring or stash file that is a device,
	// a FIFO, a socket or a directory.
	ErrNotRegularFile = errors.New("not a regular file")
	// ErrFileTooLarge reports a keyring or stash file over its limit.
	ErrFileTooLarge = errors.New("file too large")
)

// readBounded opens path without blocking (a FIFO with no writer does not
// hold the open), checks on the opened file that it is a regular file of
// at most limit bytes, and reads no more than limit+1 bytes of it. A
// missing file's error wraps fs.ErrNotExist.
func readBounded(path string, limit int64) ([]byte, error) {
	f, err := openNoBlock(path)
	if err != nil {
		return nil, err
	}
	defer f.Close()
	fi, err := f.Stat()
	if err != nil {
		return nil, err
	}
	if !fi.Mode().IsRegular() {
		return nil, fmt.Errorf("%s: %w (%s)", path, ErrNotRegularFile, fileKind(fi.Mode()))
	}
	if fi.Size() > limit {
		return nil, fmt.Errorf("%s: %w (%d bytes, the limit is %d)", path, ErrFileTooLarge, fi.Size(), limit)
	}
	data, err := io.ReadAll(io.LimitReader(f, limit+1))
	if err != nil {
		return nil, fmt.Errorf("%s: %w", path, err)
	}
	if int64(len(data)) > limit {
		return nil, fmt.Errorf("%s: %w (more than %d bytes)", path, ErrFileTooLarge, limit)
	}
	return data, nil
}

// fileKind names the type of a file that is not regular.
func fileKind(m fs.FileMode) string {
	switch {
	case m.IsDir():
		return "a directory"
	case m&fs.ModeNamedPipe != 0:
		return "a FIFO"
	case m&fs.ModeCharDevice != 0:
		return "a character device"
	case m&fs.ModeDevice != 0:
		return "a device"
	case m&fs.ModeSocket != 0:
		return "a socket"
	}
	return "mode " + m.String()
}
