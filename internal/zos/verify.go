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
// (FEAT lists SIZE) one LIST of it, which the engine parses in any format
// it knows (client.ReadDir), and SIZE only for a name the listing gives no
// size for (not listed, a link, an MLSD entry without a size fact, an
// over-long or unparsable listing). The engine runs the check itself
// (client.TransferOptions); the commands show in the transcript like any
// other. ASCII transfers are not checked: the server's size is not the
// local one. A resumed GET (REGET, RESTART) is checked as a whole: the
// partial part plus the bytes received (reget.go).

// errSizeMismatch marks a GET whose byte count is not the server's size.
var errSizeMismatch = errors.New("byte count differs from the server's size")

// sizeSource holds the sizes one MGET learnt from MLSD or LIST.
type sizeSource struct {
	dir   string           // the directory listed, "" for the current one
	sizes map[string]int64 // nil: not listed yet, or refused; use SIZE
	tried bool             // MLSD or LIST was asked (once per MGET pattern)
}

// verifying reports whether the next GET's byte count is checked.
func (j *job) verifying() bool {
	return j.set.cfg.VerifySize && j.sess.CurrentType() == client.TypeImage
}

// sizeCheck returns how the engine checks the next GET of remote
// (client.TransferOptions): against the size an MGET's listing gave,
// against SIZE (asked by the engine when FEAT lists it), or not at all (the
// check is off, a text transfer, or an MGET listing that has no size for
// the name and no SIZE to ask). An error is returned only when the session
// failed while asking. A size known here also feeds the ExpectSize hook
// (the progress line); one the engine learns reaches it with the
// TransferStarted event.
func (j *job) sizeCheck(remote string, ms *sizeSource) (*client.TransferOptions, error) {
	if !j.verifying() {
		j.expectRemote(remote, 0)
		return &client.TransferOptions{SizeCheck: client.SizeOff}, nil
	}
	feats, err := j.sess.Features(j.ctx)
	if err != nil {
		return nil, err
	}
	if ms != nil {
		if err := j.loadSizes(ms, feats); err != nil {
			return nil, err
		}
		if v, ok := ms.sizes[path.Base(remote)]; ok && v >= 0 {
			j.expect(v)
			return &client.TransferOptions{SizeCheck: client.SizeGiven, ExpectSize: v}, nil
		}
	}
	if feats.Has("SIZE") { // not listed, or listed without a size (an MLSD symlink, no size fact)
		return &client.TransferOptions{SizeCheck: client.SizeAsk}, nil
	}
	j.expect(-1)
	return &client.TransferOptions{SizeCheck: client.SizeOff}, nil
}

// noteUnsized says, once per transcript, that a binary GET the check is
// on for had no size to be checked against (ZFT0177I; the engine reported
// none when the transfer started): never silently.
func (j *job) noteUnsized() {
	if j.obs.unsized == "" || j.obs.sizeNoted || !j.verifying() {
		return
	}
	j.obs.sizeNoted = !j.obs.noteEach
	j.out.Printf(transcript.MsgSizeUnknown, j.obs.unsized)
}

// loadSizes asks, once, the one listing of an MGET pattern's directory:
// MLSD when FEAT lists MLST, else LIST when FEAT lists SIZE (the LIST then
// stands in for SIZE per file). A directory with wildcards or a leading
// '-' (which a server may take for ls options) is not listed.
func (j *job) loadSizes(ms *sizeSource, feats client.Features) error {
	if ms.tried {
		return nil
	}
	ms.tried = true
	var sizes map[string]int64
	var err error
	switch {
	case feats.Has("MLST"):
		sizes, err = j.sess.Sizes(j.ctx, ms.dir)
	case feats.Has("SIZE") && !hasGlobMeta(ms.dir) && !strings.HasPrefix(ms.dir, "-"):
		sizes, err = j.sess.Sizes(j.ctx, ms.dir) // LIST, in any format the engine parses
	default:
		return nil
	}
	if err != nil && j.sess.Err() != nil {
		return err
	}
	ms.sizes = sizes // nil after a refusal or an over-long listing: SIZE per file
	return nil
}

// primeSizes asks, on the command loop's session and before the first
// file of an MGET pattern, what the size check needs (FEAT, and the MLSD
// or LIST of loadSizes), which the first file would ask anyway: parallel
// sessions then only read ms, and their transcript shows FEAT and the
// listing once, where serial mode shows them.
func (j *job) primeSizes(ms *sizeSource) error {
	if !j.verifying() {
		return nil
	}
	feats, err := j.sess.Features(j.ctx)
	if err != nil {
		return err
	}
	return j.loadSizes(ms, feats)
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

// sizeError reports a GET whose byte count is not the server's size (a
// *client.SizeError from the engine, other than the 1xx reply's stated
// size, which keeps the engine's own wording) as ZFT0130E. The error is a
// network/transfer failure (client error code 10, FTP_SESSION_ERROR), not
// a local one.
func (j *job) sizeError(remote string, err error) error {
	var se *client.SizeError
	if !errors.As(err, &se) || se.Source == client.SizeFromReply {
		return err
	}
	j.out.Printf(transcript.MsgSizeMismatch, remote, se.Got, se.Want)
	return shown(ecSession, fmt.Errorf("get %s: %w: received %s, size %d", remote, errSizeMismatch, counted(se.Got, "byte"), se.Want))
}
