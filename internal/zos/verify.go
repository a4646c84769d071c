package zos

import (
	"errors"
	"fmt"
	"path"
	"strings"

	"github.com/zftp/zftp/client"
	"github.com/zftp/zftp/transcript"
)

// Verified size (VERIFYSIZE, a zftp extension, on by default): a binary
// GET checks the bytes it received against the size the server can tell,
// so that a server that sends part of a file and then 250 (IBM-style
// servers announce no byte count in their 125 reply) cannot pass a half
// file off as complete. The server is asked SIZE before a single GET when
// FEAT lists SIZE (FEAT is asked once per session, client.Features); an
// MGET asks one MLSD of the pattern's directory when FEAT lists MLST, else
// (FEAT lists SIZE) one LIST of it, whose Unix-style lines give the sizes
// of regular files, and SIZE only for a name the LIST does not give (not
// listed, a link, a listing in another format such as z/OS data sets, an
// over-long listing). The commands show in the transcript like any other.
// ASCII transfers are not checked: the server's size is not the local one.

// errSizeMismatch marks a GET whose byte count is not the server's size.
var errSizeMismatch = errors.New("byte count differs from the server's size")

// sizeSource holds the sizes one MGET learnt from MLSD or LIST.
type sizeSource struct {
	dir   string           // the directory listed, "" for the current one
	sizes map[string]int64 // nil: not listed yet, or refused; use SIZE
	tried bool             // MLSD or LIST was asked (once per MGET pattern)
	list  bool             // sizes came from LIST: a name not in it is asked SIZE
}

// verifying reports whether the next GET's byte count is checked.
func (a *Interpreter) verifying() bool {
	return a.set.cfg.VerifySize && a.sess != nil && a.sess.CurrentType() == client.TypeImage
}

// expectedSize returns the size the server gives for remote, or -1 when it
// cannot tell (FEAT lists neither SIZE nor MLST, the file is not listed,
// SIZE is refused) or the check is off. An error is returned only when the
// session failed while asking. It also feeds the ExpectSize hook (the
// progress line), which then needs no SIZE of its own.
func (a *Interpreter) expectedSize(remote string, ms *sizeSource) (int64, error) {
	if !a.verifying() {
		a.expectRemote(remote, 0)
		return -1, nil
	}
	feats, err := a.sess.Features(a.ctx)
	if err != nil {
		return -1, err
	}
	n := int64(-1)
	if ms != nil {
		if err := a.loadSizes(ms, feats); err != nil {
			return -1, err
		}
		if v, ok := ms.sizes[path.Base(remote)]; ok && v >= 0 {
			n = v
		}
	}
	if n < 0 && feats.Has("SIZE") && (ms == nil || ms.sizes == nil || ms.list) {
		v, _, err := a.sess.Size(a.ctx, remote)
		if err != nil && a.sess.Err() != nil {
			return -1, err
		}
		if err == nil {
			n = v
		}
	}
	a.expect(n)
	return n, nil
}

// loadSizes asks, once, the one listing of an MGET pattern's directory:
// MLSD when FEAT lists MLST, else LIST when FEAT lists SIZE (the LIST then
// stands in for SIZE per file). A directory with wildcards or a leading
// '-' (which a server may take for ls options) is not listed.
func (a *Interpreter) loadSizes(ms *sizeSource, feats client.Features) error {
	if ms.tried {
		return nil
	}
	ms.tried = true
	var sizes map[string]int64
	var err error
	switch {
	case feats.Has("MLST"):
		sizes, err = a.sess.Sizes(a.ctx, ms.dir)
	case feats.Has("SIZE") && !hasGlobMeta(ms.dir) && !strings.HasPrefix(ms.dir, "-"):
		ms.list = true
		sizes, err = a.listSizes(ms.dir)
	default:
		return nil
	}
	if err != nil && a.sess.Err() != nil {
		return err
	}
	ms.sizes = sizes // nil after a refusal or an over-long listing: SIZE per file
	return nil
}

// listSizes runs one LIST of dir and returns the sizes its Unix-style lines
// give (listingSizes). The listing is read line by line; one that is not
// Unix-style, or over the bounds of client.Sizes, ends it, and the result
// is nil: SIZE per file.
func (a *Interpreter) listSizes(dir string) (map[string]int64, error) {
	ls := newListingSizes()
	if _, err := a.sess.ListLines(a.ctx, dir, ls.add); err != nil {
		return nil, err
	}
	return ls.sizes, nil
}

// errNotUnixListing ends a LIST whose lines are not Unix "ls -l" ones
// (an MVS data set listing): the size check asks SIZE, completion NLST.
var errNotUnixListing = errors.New("listing is not Unix-style")

// listingSizes maps a Unix-style LIST to sizes: base name to size, for
// regular files only (parseListLine); directories, links, devices, "."
// and ".." are left out. A name listed twice maps to -1 (ask SIZE).
type listingSizes struct {
	sizes            map[string]int64
	entries, nameLen int
}

func newListingSizes() *listingSizes {
	return &listingSizes{sizes: map[string]int64{}}
}

// add takes one line of the listing.
func (ls *listingSizes) add(line string) error {
	if strings.HasPrefix(line, "total ") {
		return nil
	}
	if _, ok := unixFields(line); !ok {
		return errNotUnixListing
	}
	ls.entries++
	if ls.entries > client.MaxSizesEntries {
		return fmt.Errorf("LIST: %w (more than %d entries)", client.ErrListTooLong, client.MaxSizesEntries)
	}
	e, ok := parseListLine(line)
	if !ok || e.dir || e.size < 0 {
		return nil
	}
	ls.nameLen += len(e.name)
	if ls.nameLen > client.MaxSizesNameBytes {
		return fmt.Errorf("LIST: %w (more than %d bytes of names)", client.ErrListTooLong, client.MaxSizesNameBytes)
	}
	if _, dup := ls.sizes[e.name]; dup {
		ls.sizes[e.name] = -1
		return nil
	}
	ls.sizes[e.name] = e.size
	return nil
}

// primeSizes asks, on the command loop's session and before the first
// file of an MGET pattern, what the size check needs (FEAT, and the MLSD
// or LIST of loadSizes), which the first file would ask anyway: parallel
// sessions then only read ms, and their transcript shows FEAT and the
// listing once, where serial mode shows them.
func (a *Interpreter) primeSizes(ms *sizeSource) error {
	if !a.verifying() {
		return nil
	}
	feats, err := a.sess.Features(a.ctx)
	if err != nil {
		return err
	}
	return a.loadSizes(ms, feats)
}

// mgetSizes returns the size source for the names an MGET pattern expands
// to: one MLSD or LIST of the pattern's directory.
func mgetSizes(pattern string) *sizeSource {
	dir := path.Dir(pattern)
	if dir == "." {
		dir = ""
	}
	return &sizeSource{dir: dir}
}

// checkSize fails a GET whose transfer t moved other than want bytes (want
// -1: nothing to check). The error is a network/transfer failure (client
// error code 10, FTP_SESSION_ERROR), not a local one.
func (a *Interpreter) checkSize(remote string, t *client.Transfer, want int64) error {
	if want < 0 || t == nil || t.Bytes == want {
		return nil
	}
	a.out.Printf(transcript.MsgSizeMismatch, remote, t.Bytes, want)
	return shown(ecSession, fmt.Errorf("get %s: %w: received %d bytes, size %d", remote, errSizeMismatch, t.Bytes, want))
}
