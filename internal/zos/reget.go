package zos

import (
	"errors"
	"fmt"
	"io/fs"
	"os"
	"path"
	"path/filepath"

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
