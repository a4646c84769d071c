package zos

import (
	"errors"
	"fmt"
	"path"

	"github.com/zftp/zftp/client"
	"github.com/zftp/zftp/transcript"
)

// Verified size (VERIFYSIZE, a zftp extension, on by default): a binary
// GET checks the bytes it received against the size the server can tell,
// so that a server that sends part of a file and then 250 (IBM-style
// servers announce no byte count in their 125 reply) cannot pass a half
// file off as complete. The server is asked SIZE before a single GET when
// FEAT lists SIZE (FEAT is asked once per session, client.Features); an
// MGET asks one MLSD of the directory when FEAT lists MLST, else SIZE per
// file. The commands show in the transcript like any other. ASCII
// transfers are not checked: the server's size is not the local one.

// errSizeMismatch marks a GET whose byte count is not the server's size.
var errSizeMismatch = errors.New("byte count differs from the server's size")

// sizeSource holds the sizes one MGET learnt from MLSD.
type sizeSource struct {
	dir   string           // the directory listed, "" for the current one
	sizes map[string]int64 // nil: MLSD not asked yet or refused; use SIZE
	tried bool             // MLSD was asked (once per MGET pattern)
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
	feats, err := a.sess.Features()
	if err != nil {
		return -1, err
	}
	n := int64(-1)
	if ms != nil && feats.Has("MLST") {
		if err := a.loadSizes(ms); err != nil {
			return -1, err
		}
		if ms.sizes != nil {
			if v, ok := ms.sizes[path.Base(remote)]; ok {
				n = v
			}
		}
	}
	if n < 0 && feats.Has("SIZE") && (ms == nil || ms.sizes == nil) {
		v, _, err := a.sess.Size(remote)
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

// loadSizes asks the one MLSD of an MGET pattern's directory, once.
func (a *Interpreter) loadSizes(ms *sizeSource) error {
	if ms.tried {
		return nil
	}
	ms.tried = true
	sizes, err := a.sess.Sizes(ms.dir)
	if err != nil && a.sess.Err() != nil {
		return err
	}
	ms.sizes = sizes // nil after a refusal or an over-long listing: SIZE per file
	return nil
}

// primeSizes asks, on the command loop's session and before the first
// file of an MGET pattern, what the size check needs (FEAT, and the MLSD
// when FEAT lists MLST), which the first file would ask anyway: parallel
// sessions then only read ms, and their transcript shows FEAT and MLSD
// once, where serial mode shows them.
func (a *Interpreter) primeSizes(ms *sizeSource) error {
	if !a.verifying() {
		return nil
	}
	feats, err := a.sess.Features()
	if err != nil {
		return err
	}
	if feats.Has("MLST") {
		return a.loadSizes(ms)
	}
	return nil
}

// mgetSizes returns the size source for the names an MGET pattern expands
// to: one MLSD of the pattern's directory.
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
