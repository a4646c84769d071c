package client

import (
	"context"
	"errors"
	"fmt"
	"io"
	"io/fs"
	"path"
	"slices"
	"strings"
	"sync"
	"time"
)

// FS returns a read-only io/fs view of the server over this session:
// names are slash-separated paths relative to the remote working
// directory at the time of each call ("." is that directory). It is an
// fs.FS, fs.ReadDirFS and fs.StatFS. Every call uses ctx. Stat and Open
// take what they say of a name from its parent's listing (ReadDir), so
// that Stat, ReadDir and File.Stat agree; file data is read in the
// session's transfer type (binary for a zero Config). The session serves
// one operation at a time: while a file's data is being read, other calls
// fail with ErrBusy until it is closed.
func (s *Session) FS(ctx context.Context) fs.FS {
	return &remoteFS{s: s, ctx: ctx}
}

// ErrBusy reports an FS call while a file of the same FS is being read.
var ErrBusy = errors.New("session busy: close the open file first")

type remoteFS struct {
	s   *Session
	ctx context.Context
	mu  sync.Mutex // held while a file's data is read
}

func (r *remoteFS) lock(op, name string) error {
	if !r.mu.TryLock() {
		return &fs.PathError{Op: op, Path: name, Err: ErrBusy}
	}
	return nil
}

// validPath is fs.ValidPath without backslashes: a server on Windows (or
// one that globs) may read a backslash as a separator, and io/fs forbids
// an FS from treating it as one, so a name that holds one is refused.
func validPath(name string) bool {
	return fs.ValidPath(name) && !strings.Contains(name, `\`)
}

// remoteName maps an fs path to the name sent to the server.
func remoteName(name string) string {
	if name == "." {
		return ""
	}
	return name
}

// Open opens a file for reading or a directory for ReadDir.
func (r *remoteFS) Open(name string) (fs.File, error) {
	info, err := r.stat("open", name)
	if err != nil {
		return nil, err
	}
	if info.IsDir() {
		list, err := r.ReadDir(name)
		if err != nil {
			return nil, err
		}
		return &remoteDir{info: info, list: list}, nil
	}
	return &remoteFile{fsys: r, name: name, info: info}, nil
}

// Stat returns what the parent directory's listing says of name.
func (r *remoteFS) Stat(name string) (fs.FileInfo, error) { return r.stat("stat", name) }

func (r *remoteFS) stat(op, name string) (fs.FileInfo, error) {
	if !validPath(name) {
		return nil, &fs.PathError{Op: op, Path: name, Err: fs.ErrInvalid}
	}
	if name == "." {
		return entryInfo{e: Entry{Name: ".", Kind: KindDir, Size: -1}}, nil
	}
	dir, base := path.Split(name)
	list, err := r.readDir(op, strings.TrimSuffix(dir, "/"))
	if err != nil {
		return nil, &fs.PathError{Op: op, Path: name, Err: err}
	}
	i := slices.IndexFunc(list, func(d fs.DirEntry) bool { return d.Name() == base })
	if i < 0 {
		return nil, &fs.PathError{Op: op, Path: name, Err: fs.ErrNotExist}
	}
	return list[i].Info()
}

// ReadDir lists the directory name, sorted by name.
func (r *remoteFS) ReadDir(name string) ([]fs.DirEntry, error) {
	if !validPath(name) {
		return nil, &fs.PathError{Op: "readdir", Path: name, Err: fs.ErrInvalid}
	}
	list, err := r.readDir("readdir", name)
	if err != nil {
		return nil, &fs.PathError{Op: "readdir", Path: name, Err: err}
	}
	return list, nil
}

func (r *remoteFS) readDir(op, name string) ([]fs.DirEntry, error) {
	if err := r.lock(op, name); err != nil {
		return nil, err
	}
	defer r.mu.Unlock()
	if name == "" {
		name = "."
	}
	entries, err := r.s.ReadDirAll(r.ctx, remoteName(name), ListLimit{})
	if err != nil {
		if code := ReplyCode(err); code == 550 || code == 450 {
			return nil, fmt.Errorf("%w: %w", fs.ErrNotExist, err)
		}
		return nil, err
	}
	list := make([]fs.DirEntry, 0, len(entries))
	for _, e := range entries {
		if e.Name == "" || strings.Contains(e.Name, "/") {
			continue // not a name within the directory (an MVS Dsname path, a server's full path)
		}
		list = append(list, fs.FileInfoToDirEntry(entryInfo{e: e}))
	}
	slices.SortFunc(list, func(a, b fs.DirEntry) int { return strings.Compare(a.Name(), b.Name()) })
	return list, nil
}

// entryInfo is an Entry as an fs.FileInfo; Sys returns the Entry.
type entryInfo struct{ e Entry }

func (i entryInfo) Name() string { return path.Base(i.e.Name) }
func (i entryInfo) Size() int64 {
	if i.e.Size < 0 {
		return 0
	}
	return i.e.Size
}
func (i entryInfo) Mode() fs.FileMode {
	switch {
	case i.e.IsDir():
		return fs.ModeDir | 0o555
	case i.e.Kind == KindLink:
		return fs.ModeSymlink | 0o444
	}
	return 0o444
}
func (i entryInfo) ModTime() time.Time { return i.e.Modify }
func (i entryInfo) IsDir() bool        { return i.e.IsDir() }
func (i entryInfo) Sys() any           { return i.e }

// remoteDir is an open directory: its listing, read at Open.
type remoteDir struct {
	info fs.FileInfo
	list []fs.DirEntry
	off  int
}

func (d *remoteDir) Stat() (fs.FileInfo, error) { return d.info, nil }
func (d *remoteDir) Close() error               { return nil }
func (d *remoteDir) Read([]byte) (int, error) {
	return 0, &fs.PathError{Op: "read", Path: d.info.Name(), Err: errors.New("is a directory")}
}

// ReadDir returns the next n entries (all of the rest for n <= 0).
func (d *remoteDir) ReadDir(n int) ([]fs.DirEntry, error) {
	rest := d.list[d.off:]
	if n <= 0 {
		d.off = len(d.list)
		return rest, nil
	}
	if len(rest) == 0 {
		return nil, io.EOF
	}
	n = min(n, len(rest))
	d.off += n
	return rest[:n], nil
}

// remoteFile is an open file: its data is downloaded from the first Read.
type remoteFile struct {
	fsys   *remoteFS
	name   string
	info   fs.FileInfo
	rc     io.ReadCloser
	locked bool
	closed bool
}

func (f *remoteFile) Stat() (fs.FileInfo, error) { return f.info, nil }

func (f *remoteFile) Read(p []byte) (int, error) {
	if f.closed {
		return 0, &fs.PathError{Op: "read", Path: f.name, Err: fs.ErrClosed}
	}
	if f.rc == nil {
		if err := f.fsys.lock("read", f.name); err != nil {
			return 0, err
		}
		f.locked = true
		rc, err := f.fsys.s.Open(f.fsys.ctx, f.name, 0)
		if err != nil {
			f.unlock()
			return 0, &fs.PathError{Op: "read", Path: f.name, Err: err}
		}
		f.rc = rc
	}
	return f.rc.Read(p)
}

func (f *remoteFile) unlock() {
	if f.locked {
		f.locked = false
		f.fsys.mu.Unlock()
	}
}

// Close ends the download if one runs (see Session.Open).
func (f *remoteFile) Close() error {
	if f.closed {
		return &fs.PathError{Op: "close", Path: f.name, Err: fs.ErrClosed}
	}
	f.closed = true
	defer f.unlock()
	if f.rc != nil {
		return f.rc.Close()
	}
	return nil
}
