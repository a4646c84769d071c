// Package boundedfile reads small configuration files (FTP.DATA, netrc)
// with bounds: the file must be a regular file, and no more than a limit is
// ever read, so that a device (/dev/zero, /dev/urandom), a FIFO or a huge
// file named by mistake gets a clear error at once instead of an unbounded
// read or a wait forever.
package boundedfile

import (
	"errors"
	"fmt"
	"io"
	"io/fs"

	"github.com/zftp/zftp/internal/textenc"
)

// MaxSize is the limit for configuration files: 1 MiB.
const MaxSize = 1 << 20

// Errors returned by Read, matched with errors.Is.
var (
	ErrNotRegular = errors.New("not a regular file")
	ErrTooLarge   = errors.New("file too large")
)

// Read opens path without blocking (a FIFO with no writer does not hold the
// open), checks on the opened file that it is a regular file of at most
// limit bytes, and reads it through an io.LimitReader, so a file that grows
// meanwhile cannot make it read more than limit+1 bytes. It returns the
// contents and the opened file's FileInfo (for a mode check without a
// second, racy stat). Errors name the path; a missing file wraps
// fs.ErrNotExist.
func Read(path string, limit int64) ([]byte, fs.FileInfo, error) {
	f, err := open(path)
	if err != nil {
		return nil, nil, err
	}
	defer f.Close()
	fi, err := f.Stat()
	if err != nil {
		return nil, nil, err
	}
	if !fi.Mode().IsRegular() {
		return nil, nil, fmt.Errorf("%s: %w (%s)", path, ErrNotRegular, kind(fi.Mode()))
	}
	if fi.Size() > limit {
		return nil, nil, fmt.Errorf("%s: %w (%d bytes, the limit is %d)", path, ErrTooLarge, fi.Size(), limit)
	}
	data, err := io.ReadAll(io.LimitReader(f, limit+1))
	if err != nil {
		return nil, nil, fmt.Errorf("%s: %w", path, err)
	}
	if int64(len(data)) > limit {
		return nil, nil, fmt.Errorf("%s: %w (more than %d bytes)", path, ErrTooLarge, limit)
	}
	return data, fi, nil
}

// kind names the type of a file that is not regular.
func kind(m fs.FileMode) string {
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
	default:
		return "mode " + m.String()
	}
}

// ReadText is Read for a text file (FTP.DATA, netrc): the contents come
// back as UTF-8, as textenc reads them, with a UTF-8 byte order mark
// removed and UTF-16 with a byte order mark decoded; UTF-16 without one
// and UTF-32 are refused with an error that names the file and wraps
// textenc.ErrEncoding. limit bounds the bytes in the file.
func ReadText(path string, limit int64) ([]byte, fs.FileInfo, error) {
	data, fi, err := Read(path, limit)
	if err != nil {
		return nil, nil, err
	}
	text, err := textenc.Decode(data, path)
	if err != nil {
		return nil, nil, err
	}
	return text, fi, nil
}
