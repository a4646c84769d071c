package zos

import (
	"context"
	"errors"
	"fmt"
	"io"
	"os"
	"path/filepath"

	"github.com/zftp/zftp/client"
	"github.com/zftp/zftp/transcript"
)

// Resuming uploads (zftp extension): REPUT local_file [remote_file] asks
// the server for the remote file's size (SIZE) and sends the rest of the
// local file from there: REST size, then STOR; when the server refuses
// REST before STOR, APPE of the rest instead. A remote file larger than the
// local one is left alone (ZFT0202E), one as large is complete (ZFT0203I),
// and a missing one (SIZE refused) gets the whole file, as PUT. Sizes are
// byte counts, so REPUT is meant for binary (TYPE I) transfers.

// errRemoteLarger is the cause of a REPUT whose remote file is larger than
// the local one.
var errRemoteLarger = errors.New("the remote file is larger than the local file")

// reput continues a partial remote file: REPUT local_file [remote_file].
func (a *Interpreter) reput(c *call) error {
	pos, opts := splitOptions(c.args)
	if len(opts) > 0 || len(pos) < 1 || len(pos) > 2 {
		return a.usage(c)
	}
	if a.sunique.on {
		return a.refuse(c, "REPUT with SUNIQUE on (STOU)")
	}
	local, remote := a.resolve(pos[0]), filepath.Base(pos[0])
	if len(pos) == 2 {
		remote = pos[1]
	}
	a.restartAt = 0
	fi, err := os.Stat(local)
	switch {
	case err != nil:
		return a.localError(ecFileAccess, "reput", err)
	case fi.IsDir():
		return a.job().localDirectory(c.sub.name, local, true)
	}
	have, _, err := a.sess.Size(a.ctx, remote)
	if err != nil {
		if a.sess.Err() != nil {
			return err
		}
		have = 0 // no remote file yet (or no SIZE): the whole file, as PUT
	}
	switch {
	case have > fi.Size():
		a.out.Printf(transcript.MsgReputLarger, remote, have, local, fi.Size())
		return shown(ecFileAccess, fmt.Errorf("reput %s: %w", remote, errRemoteLarger))
	case have == fi.Size() && have > 0:
		a.out.Printf(transcript.MsgReputComplete, remote, have)
		return nil
	case have > 0:
		a.out.Printf(transcript.MsgReputFrom, remote, have)
	}
	a.restartAt = have
	return a.job().send(c, local, remote, (*job).restStor)
}

// restStor stores r as name from offset: REST offset and STOR, or, when
// the server refuses REST (and the session is still usable), APPE.
func (j *job) restStor(ctx context.Context, name string, r io.Reader, off int64) (*client.Transfer, error) {
	t, err := j.stor(ctx, name, r, off)
	var re *client.ReplyError
	if off > 0 && errors.As(err, &re) && re.Command == "REST" && !re.Temporary() && j.sess.Err() == nil {
		return j.sess.Stor(ctx, name, r, &client.TransferOptions{Append: true})
	}
	return t, err
}
