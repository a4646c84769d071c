package zos

import (
	"errors"
	"fmt"
	"io"
	"io/fs"
	"os"
	"path"
	"path/filepath"

	"github.com/zftp/zftp/client"
	"github.com/zftp/zftp/transcript"
)

// Resuming transfers (zftp extensions, with the BSD ftp and tnftp names
// and behaviour):
//
//   - REGET remote_file [local_file] continues a partial local file from
//     its size: REST size, then RETR, the data written after what the
//     file holds. With no local file it is a GET.
//   - RESTART offset, then GET, writes into the existing local file from
//     offset; with no local file it is refused (the first offset bytes
//     would be zeros).
//   - an interactive GET to a new local file that Ctrl-C interrupts keeps
//     the data received in that file, so that REGET continues it.
//   - a PUT, APPEND or MPUT file that Ctrl-C interrupts is reported as
//     incomplete on the server, whatever the server replied to the ABOR.

// errRegetNotBinary is the cause of a REGET of a partial file in a
// transfer type other than Image.
var errRegetNotBinary = errors.New("REGET of a partial file needs TYPE I (binary)")

// reget continues a partial local file: REGET remote_file [local_file].
func (a *Interpreter) reget(c *call) error {
	pos, opts := splitOptions(c.args)
	if len(opts) > 0 || len(pos) < 1 || len(pos) > 2 {
		return a.usage(c)
	}
	remote, local := pos[0], path.Base(pos[0])
	if len(pos) == 2 {
		local = pos[1]
	}
	local = a.resolve(local)
	a.restartAt = 0
	fi, err := os.Stat(local)
	switch {
	case err == nil && fi.IsDir():
		return a.localError(ecFileAccess, "reget", fmt.Errorf("%s is a directory", local))
	case err == nil && fi.Mode().IsRegular():
		a.restartAt = fi.Size()
	case err != nil && !errors.Is(err, fs.ErrNotExist):
		return a.localError(ecFileAccess, "reget", err)
	}
	if a.restartAt > 0 && a.sess.CurrentType() != client.TypeImage {
		// REST counts bytes of the file as stored; in TYPE A the local
		// file's size (converted line ends) is not the server's offset, and
		// servers refuse REST there (vsftpd: 550, proftpd: 501).
		off := a.restartAt
		a.restartAt = 0
		a.out.Printf(transcript.MsgCommandFailed, fmt.Sprintf("reget: %s holds %d bytes, but REGET continues from a byte offset and needs TYPE I: type binary, then reget again", local, off))
		return shown(ecUsage, fmt.Errorf("reget %s: %w", remote, errRegetNotBinary))
	}
	root, err := os.OpenRoot(filepath.Dir(local))
	if err != nil {
		return a.localError(ecFileAccess, "reget", err)
	}
	defer root.Close()
	if a.restartAt > 0 {
		a.out.Printf(transcript.MsgRegetDone, local, a.restartAt)
	}
	return a.job().fetch(root, remote, filepath.Base(local), local, true)
}

// fetchFrom writes remote into the existing local file name from off
// (RESTART, REGET): REST off, then RETR. The result is checked as a whole:
// with the size check on, the server's SIZE is asked first (a file now
// shorter than off is refused before any data moves) and the engine
// checks off plus the bytes received against it, which also catches a
// server that answered 350 to REST and then sent the file from its start.
// Any failure cuts the local file back to off, so the partial file stays
// as it was. A server that refuses REST gets a full GET instead (into a
// temporary file, as always), said once in the transcript.
func (j *job) fetchFrom(root *os.Root, remote, name, display string, off int64) error {
	if err := j.restartTarget(root, name, display); err != nil {
		return err
	}
	opts, err := j.resumeCheck(remote, display, off)
	if err != nil {
		return err
	}
	f, err := root.OpenFile(name, os.O_WRONLY, 0o644)
	if err != nil {
		return j.localError(ecFileAccess, "get", err)
	}
	defer f.Close()
	if _, err := f.Seek(off, io.SeekStart); err != nil {
		return j.localError(ecFileAccess, "get", err)
	}
	tr, err := j.sess.Retr(j.ctx, remote, f, opts)
	if err != nil {
		f.Truncate(off) // the partial file as it was
		var re *client.ReplyError
		if errors.As(err, &re) && re.Command == "REST" && re.Reply.Code/100 == 5 && j.sess.Err() == nil {
			f.Close()
			j.out.Printf(transcript.MsgResumeNoRest, display)
			return j.fetch(root, remote, name, display, true)
		}
		return j.sizeError(remote, j.retrError(err))
	}
	j.noteUnsized()
	j.textCheck(display, tr)
	if err := f.Close(); err != nil {
		return j.localError(ecFileWrite, "get", err)
	}
	return nil
}

// resumeCheck returns the transfer options of a resumed GET. With the
// size check on and SIZE available, SIZE is asked here: a remote file
// shorter than the local part is refused (ZFT0176E).
func (j *job) resumeCheck(remote, display string, off int64) (*client.TransferOptions, error) {
	opts := &client.TransferOptions{Offset: off, SizeCheck: client.SizeOff}
	if !j.verifying() {
		j.expectRemote(remote, off)
		return opts, nil
	}
	feats, err := j.sess.Features(j.ctx)
	if err != nil {
		return nil, err
	}
	if !feats.Has("SIZE") {
		j.expect(-1)
		return opts, nil
	}
	n, _, err := j.sess.Size(j.ctx, remote)
	switch {
	case err != nil && j.sess.Err() != nil:
		return nil, err
	case err != nil:
		j.expect(-1)
		return opts, nil // SIZE refused: the transfer says what the server has
	case n < off:
		j.out.Printf(transcript.MsgResumeShrunk, remote, n, off)
		return nil, shown(ecSession, fmt.Errorf("get %s: %s on the server, %d in %s", remote, counted(n, "byte"), off, display))
	}
	j.expect(n - off)
	opts.SizeCheck, opts.ExpectSize = client.SizeGiven, n
	return opts, nil
}

// restartTarget refuses a RESTART into a local file that does not exist.
func (j *job) restartTarget(root *os.Root, name, display string) error {
	if _, err := root.Stat(name); errors.Is(err, fs.ErrNotExist) {
		j.out.Printf(transcript.MsgRestartNoLocal, display)
		return shown(ecFileAccess, fmt.Errorf("get: %s: %w", display, fs.ErrNotExist))
	}
	return nil
}

// keepPartial reports whether the data of an interrupted GET into a new
// local file is kept for REGET: in interactive sessions only, where
// Ctrl-C is what interrupts.
func (j *job) keepPartial(newFile bool) bool {
	return newFile && j.interactive
}
