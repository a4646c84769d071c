package zos

import (
	"bufio"
	"encoding/binary"
	"errors"
	"fmt"
	"io"
	"os"
	"time"
)

// MIRROR's listings are spooled, not held: each entry of the remote tree
// is written as one compact record to a temporary file (removed when
// MIRROR ends) as its line arrives, and read back one record at a time
// while the files are compared and copied. Memory therefore does not grow
// with the size of a directory or of the tree; what bounds a hostile
// listing is mirrorListLimit (entries and bytes of names, the disk the
// spool may take) and MIRRORDEPTH.

// spoolRec is one spooled entry of the remote tree.
type spoolRec struct {
	dir     bool      // a directory (or, in the queue of directories, one to list)
	compare bool      // sizes and times unknown (a data set, a member without statistics): fetched and compared
	size    int64     // bytes; -1 when unknown
	mod     time.Time // zero when unknown
	unique  string    // MLSD's unique fact, for loop detection; "" when absent
	rel     string    // local path below the local directory, slash-separated
	remote  string    // the name to list or retrieve on the server
	chain   string    // queued directories only: the unique facts of the directories above, NUL-separated
}

// maxSpoolString bounds one string of a record read back: the spool is
// zftp's own file, so a longer one means it was damaged.
const maxSpoolString = 1 << 20

// spool is a temporary file of records, written then read back from the
// start any number of times.
type spool struct {
	f       *os.File
	w       *bufio.Writer
	n       int    // records written
	release func() // unregisters the file from RemoveTempFiles
}

// newSpool creates an empty spool in the system's temporary directory.
func newSpool() (*spool, error) {
	f, err := os.CreateTemp("", "zftp-mirror-*")
	if err != nil {
		return nil, fmt.Errorf("mirror: spool: %w", err)
	}
	// Registered so that a signal that ends zftp removes it too.
	return &spool{f: f, w: bufio.NewWriterSize(f, 64<<10), release: registerTemp(f.Name())}, nil
}

// close removes the spool.
func (s *spool) close() {
	if s == nil {
		return
	}
	s.f.Close()
	os.Remove(s.f.Name())
	s.release()
}

// add appends r.
func (s *spool) add(r spoolRec) error {
	var b [4 * binary.MaxVarintLen64]byte
	flags := byte(0)
	if r.dir {
		flags |= 1
	}
	if r.compare {
		flags |= 2
	}
	if !r.mod.IsZero() {
		flags |= 4
	}
	p := append(b[:0], flags)
	p = binary.AppendVarint(p, r.size)
	if !r.mod.IsZero() {
		p = binary.AppendVarint(p, r.mod.Unix())
		p = binary.AppendUvarint(p, uint64(r.mod.Nanosecond()))
	}
	if _, err := s.w.Write(p); err != nil {
		return fmt.Errorf("mirror: spool: %w", err)
	}
	for _, str := range [...]string{r.unique, r.rel, r.remote, r.chain} {
		p = binary.AppendUvarint(b[:0], uint64(len(str)))
		s.w.Write(p)
		if _, err := s.w.WriteString(str); err != nil {
			return fmt.Errorf("mirror: spool: %w", err)
		}
	}
	s.n++
	return nil
}

// each calls fn with every record in the order written; an error from fn
// ends it and is returned.
func (s *spool) each(fn func(spoolRec) error) error {
	if err := s.w.Flush(); err != nil {
		return fmt.Errorf("mirror: spool: %w", err)
	}
	r := bufio.NewReaderSize(io.NewSectionReader(s.f, 0, 1<<62), 64<<10)
	for range s.n {
		rec, err := readSpoolRec(r)
		if err != nil {
			return fmt.Errorf("mirror: spool: %w", err)
		}
		if err := fn(rec); err != nil {
			return err
		}
	}
	return nil
}

// errSpoolDamaged reports a spool record that does not read back.
var errSpoolDamaged = errors.New("damaged record")

// readSpoolRec reads one record written by add.
func readSpoolRec(r *bufio.Reader) (spoolRec, error) {
	var rec spoolRec
	flags, err := r.ReadByte()
	if err != nil {
		return rec, err
	}
	rec.dir, rec.compare = flags&1 != 0, flags&2 != 0
	if rec.size, err = binary.ReadVarint(r); err != nil {
		return rec, err
	}
	if flags&4 != 0 {
		sec, err := binary.ReadVarint(r)
		if err != nil {
			return rec, err
		}
		ns, err := binary.ReadUvarint(r)
		if err != nil || ns >= 1e9 {
			return rec, errors.Join(errSpoolDamaged, err)
		}
		rec.mod = time.Unix(sec, int64(ns)).UTC()
	}
	for _, p := range [...]*string{&rec.unique, &rec.rel, &rec.remote, &rec.chain} {
		n, err := binary.ReadUvarint(r)
		if err != nil || n > maxSpoolString {
			return rec, errors.Join(errSpoolDamaged, err)
		}
		b := make([]byte, n)
		if _, err := io.ReadFull(r, b); err != nil {
			return rec, err
		}
		*p = string(b)
	}
	return rec, nil
}
