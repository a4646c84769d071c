package zos

import (
	"errors"
	"io/fs"
	"math/rand/v2"
	"os"
	"path/filepath"
	"sync"
)

// Temporary files of downloads in progress. A GET writes to a short,
// hidden name beside its target (".zftp-XXXXXX": six characters from
// [a-z0-9], so that a target name of any length the file system allows
// still fits) and renames it only after the server's 2xx. The name need
// not be unguessable (O_EXCL and os.Root refuse an existing name or a
// link, and another name is tried), so it comes from math/rand/v2, which
// costs no system call. Each one is
// registered while it exists, so that a signal that ends zftp removes it
// first (RemoveTempFiles).

// tempPrefix starts every temporary file name.
const tempPrefix = ".zftp-"

// tempChars are the characters of the random part of a temporary name.
const tempChars = "abcdefghijklmnopqrstuvwxyz0123456789"

// liveTemps are the temporary files that exist now, by absolute path.
var liveTemps struct {
	mu    sync.Mutex
	paths map[string]struct{}
}

// createTemp creates a new temporary file in root and registers it for
// RemoveTempFiles; release unregisters it once it is renamed or removed.
func createTemp(root *os.Root) (tmp string, f *os.File, release func(), err error) {
	for range 10 {
		var b [6]byte
		r := rand.Uint64()
		for i := range b {
			b[i] = tempChars[r%uint64(len(tempChars))]
			r /= uint64(len(tempChars))
		}
		tmp = tempPrefix + string(b[:])
		// Registered before it exists: a signal between the create and the
		// registration would otherwise leave the file behind.
		release := registerTemp(filepath.Join(root.Name(), tmp))
		f, err = root.OpenFile(tmp, os.O_WRONLY|os.O_CREATE|os.O_EXCL|tempOpenFlag, 0o600)
		if err != nil {
			release()
		}
		if errors.Is(err, fs.ErrExist) {
			continue
		}
		if err != nil {
			return "", nil, nil, err
		}
		return tmp, f, release, nil
	}
	return "", nil, nil, errors.New("cannot create a temporary file")
}

// registerTemp records p until the returned function is called.
func registerTemp(p string) func() {
	if abs, err := filepath.Abs(p); err == nil {
		p = abs
	}
	liveTemps.mu.Lock()
	if liveTemps.paths == nil {
		liveTemps.paths = map[string]struct{}{}
	}
	liveTemps.paths[p] = struct{}{}
	liveTemps.mu.Unlock()
	return func() {
		liveTemps.mu.Lock()
		delete(liveTemps.paths, p)
		liveTemps.mu.Unlock()
	}
}

// RemoveTempFiles removes the temporary files of the downloads in
// progress. A signal handler calls it just before the process exits; the
// files stay registered (the process is ending), so it is safe to call
// more than once.
func RemoveTempFiles() {
	liveTemps.mu.Lock()
	defer liveTemps.mu.Unlock()
	for p := range liveTemps.paths {
		os.Remove(p)
	}
}
