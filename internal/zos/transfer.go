package zos

import (
	"context"
	"errors"
	"fmt"
	"io"
	"os"
	"path"
	"path/filepath"
	"slices"
	"strconv"
	"strings"

	"github.com/zftp/zftp/client"
	"github.com/zftp/zftp/transcript"
)

// splitOptions separates the z/OS "(OPTION" words (such as "(REPLACE")
// from the positional arguments.
func splitOptions(args []string) (pos, opts []string) {
	for _, a := range args {
		if strings.HasPrefix(a, "(") {
			opts = append(opts, strings.ToUpper(strings.TrimPrefix(a, "(")))
			continue
		}
		pos = append(pos, a)
	}
	return pos, opts
}

// replaceOption reports whether opts is "(REPLACE" (abbreviated down to
// "(REP" is not documented by IBM, so only the full word and nothing else
// is accepted); any other option is a usage error.
func replaceOption(opts []string) (replace, ok bool) {
	for _, o := range opts {
		if o != "REPLACE" {
			return false, false
		}
		replace = true
	}
	return replace, true
}

// localError prints a local file problem and returns it with client
// error code ec.
func (a *Interpreter) localError(ec int, sub string, err error) error {
	return localError(a.out, ec, sub, err)
}

// localError is Interpreter.localError for a job's transcript.
func (j *job) localError(ec int, sub string, err error) error {
	return localError(j.out, ec, sub, err)
}

// localError prints the problem to out and returns it with code ec.
func localError(out *transcript.Writer, ec int, sub string, err error) error {
	out.Printf(transcript.MsgLocalError, sub+": "+describe(err))
	return shown(ec, fmt.Errorf("%s: %w", sub, err))
}

// resolve returns a local path relative to the local working directory
// (LCD), by this OS's rule (localPath: on Windows C:\x, C:x and \x too).
func (a *Interpreter) resolve(p string) string { return localPath(a.localDir, p) }

// get copies a remote file to a local one:
// GET remote_file [local_file] [(REPLACE].
func (a *Interpreter) get(c *call) error {
	pos, opts := splitOptions(c.args)
	replace, ok := replaceOption(opts)
	if !ok || len(pos) < 1 || len(pos) > 2 {
		return a.usage(c)
	}
	remote, local := pos[0], path.Base(pos[0])
	if len(pos) == 2 {
		local = pos[1]
	}
	local = a.resolve(local)
	if err := a.checkLocalName("get", local); err != nil { // a Windows device name, ... (localNameProblem)
		return err
	}
	if fi, err := os.Stat(local); err == nil && fi.IsDir() {
		return a.localError(ecFileAccess, "get", fmt.Errorf("%s is a directory", local))
	}
	root, err := os.OpenRoot(filepath.Dir(local))
	if err != nil {
		return a.localError(ecFileAccess, "get", err)
	}
	defer root.Close()
	return a.job().fetch(root, remote, filepath.Base(local), local, replace)
}

// fetch retrieves remote into the file name of root, shown as display.
// The data goes to a temporary file beside the target, renamed over it
// only after the server's 2xx, so a failed GET never truncates an existing
// file. An existing name of any kind (file, symbolic link, dangling link,
// FIFO) is replaced only with (REPLACE (SUNIQUE applies to PUT and MPUT
// only, as IBM's "SUnique subcommand" says). After RESTART the data is written into the
// existing file from the restart offset. A binary GET's byte count is
// checked against the server's size (verify.go); sizes, when not nil, are
// an MGET's.
func (j *job) fetch(root *os.Root, remote, name, display string, replace bool, sizes ...*sizeSource) error {
	if off := j.takeRestart(); off > 0 {
		return j.fetchFrom(root, remote, name, display, off)
	}
	fi, statErr := root.Lstat(name)
	if statErr == nil && !replace {
		j.out.Printf(transcript.MsgLocalExists, display)
		return shown(ecFileAccess, fmt.Errorf("get: %s exists", display))
	}
	var ms *sizeSource
	if len(sizes) > 0 {
		ms = sizes[0]
	}
	if statErr == nil && fi.Mode()&(os.ModeDevice|os.ModeNamedPipe|os.ModeSocket) != 0 {
		return j.fetchInPlace(root, remote, name)
	}
	opts, err := j.sizeCheck(remote, ms)
	if err != nil {
		return err
	}
	tmp, f, release, err := createTemp(root)
	if err != nil {
		return j.localError(ecFileAccess, "get", err)
	}
	defer release()
	committed := false
	defer func() {
		if !committed {
			f.Close()
			root.Remove(tmp)
		}
	}()
	tr, err := j.sess.Retr(j.ctx, remote, f, opts)
	if err != nil {
		if errors.Is(err, client.ErrAborted) && j.keepPartial(statErr != nil) {
			if fi, serr := f.Stat(); serr == nil && fi.Size() > 0 && f.Chmod(0o644) == nil &&
				f.Close() == nil && root.Rename(tmp, name) == nil {
				committed = true
				j.out.Printf(transcript.MsgPartialKept, display, fi.Size())
			}
		}
		return j.sizeError(remote, j.retrError(err))
	}
	j.noteUnsized()
	j.textCheck(display, tr) // before the file is kept: binarydefault.go
	mode := os.FileMode(0o644)
	if statErr == nil && fi.Mode().IsRegular() {
		mode = fi.Mode().Perm()
	}
	// On the open file (fchmod): one system call, where the path's
	// (os.Root's Chmod) takes two.
	if err := f.Chmod(mode); err != nil {
		return j.localError(ecFileWrite, "get", err)
	}
	if err := f.Close(); err != nil {
		return j.localError(ecFileWrite, "get", err)
	}
	if err := root.Rename(tmp, name); err != nil {
		return j.localError(ecFileWrite, "get", err)
	}
	committed = true
	return nil
}

// put copies a local file to a remote one: PUT local_file [remote_file].
// The server replaces a remote file of the same name (z/OS PUT has no
// replace option; "(REPLACE" is accepted and changes nothing). With
// SUNIQUE on, PUT sends STOU, as z/OS does (sunique.go).
func (a *Interpreter) put(c *call) error {
	pos, opts := splitOptions(c.args)
	if _, ok := replaceOption(opts); !ok || len(pos) < 1 || len(pos) > 2 {
		return a.usage(c)
	}
	local, remote := pos[0], filepath.Base(pos[0])
	if len(pos) == 2 {
		remote = pos[1]
	}
	return a.job().send(c, a.resolve(local), remote, a.storeFunc())
}

// appendFile appends a local file to a remote one: APPEND local remote.
func (a *Interpreter) appendFile(c *call) error {
	if len(c.args) != 2 {
		return a.usage(c)
	}
	return a.job().send(c, a.resolve(c.args[0]), c.args[1], func(j *job, ctx context.Context, name string, r io.Reader, off int64) (*client.Transfer, error) {
		return j.sess.Stor(ctx, name, r, &client.TransferOptions{Offset: off, Append: true})
	})
}

// stor is the usual store of send: STOR, after REST off when off > 0.
func (j *job) stor(ctx context.Context, name string, r io.Reader, off int64) (*client.Transfer, error) {
	return j.sess.Stor(ctx, name, r, &client.TransferOptions{Offset: off})
}

// storeFunc stores r as name from offset off on j's session: STOR, or
// APPE (APPEND), or REST and STOR with an APPE fallback (REPUT).
type storeFunc func(j *job, ctx context.Context, name string, r io.Reader, off int64) (*client.Transfer, error)

// send uploads the local file with store (STOR or APPE), from the RESTART
// offset when one is set.
func (j *job) send(c *call, local, remote string, store storeFunc) error {
	return j.sendKnown(c, local, remote, store, false)
}

// sendKnown is send for a file the caller found regular a moment ago
// (MPUT's stat): on Linux it is opened with O_NONBLOCK, which spares os
// four system calls (tempOpenFlag), and opened again without it should
// it be no regular file by then (O_NONBLOCK would change how a FIFO
// reads).
func (j *job) sendKnown(c *call, local, remote string, store storeFunc, regular bool) error {
	sub := strings.ToLower(c.sub.name)
	flag := os.O_RDONLY
	if regular {
		flag |= tempOpenFlag
	}
	f, err := os.OpenFile(local, flag, 0)
	if err != nil {
		return j.localError(ecFileAccess, sub, err)
	}
	defer func() { f.Close() }()
	fi, err := f.Stat()
	if err == nil && flag != os.O_RDONLY && !fi.Mode().IsRegular() {
		f.Close()
		if f, err = os.Open(local); err != nil {
			return j.localError(ecFileAccess, sub, err)
		}
		fi, err = f.Stat()
	}
	if err != nil {
		return j.localError(ecFileAccess, sub, err)
	} else if fi.IsDir() {
		return j.localDirectory(c.sub.name, local, true)
	}
	off := j.takeRestart()
	if off > 0 {
		if _, err := f.Seek(off, io.SeekStart); err != nil {
			return j.localError(ecFileAccess, sub, err)
		}
	}
	j.expect(fi.Size() - off) // the progress line's percentage
	_, err = store(j, j.ctx, remote, f, off)
	if errors.Is(err, client.ErrAborted) {
		j.out.Printf(transcript.MsgPutIncomplete, remote)
	}
	if err != nil && isLocalRead(err) {
		return withCode(ecFileRead, err)
	}
	return err
}

// isLocalRead reports whether err came from reading the local file.
func isLocalRead(err error) bool {
	var pe *os.PathError
	return errors.As(err, &pe)
}

// restart sets the offset of the next transfer: RESTART offset (REST).
func (a *Interpreter) restart(c *call) error {
	if len(c.args) != 1 {
		return a.usage(c)
	}
	n, err := strconv.ParseInt(c.args[0], 10, 64)
	if err != nil || n < 0 {
		return a.usage(c)
	}
	a.restartAt = n
	a.out.Printf(transcript.MsgLocalStatus, fmt.Sprintf("Restarting at %d. Execute GET, PUT or APPEND to start the transfer.", n))
	return nil
}

// dir lists remote directory entries: DIR [name].
func (a *Interpreter) dir(c *call) error {
	return a.listing(c, a.sess.List)
}

// ls lists remote file names: LS [name].
func (a *Interpreter) ls(c *call) error {
	return a.listing(c, a.sess.Nlst)
}

// listing runs LIST or NLST and prints each line of the data as EZA2284I.
func (a *Interpreter) listing(c *call, f func(context.Context, string, io.Writer) (*client.Transfer, error)) error {
	lw := a.out.Listing()
	_, err := f(a.ctx, oneName(c), lw)
	if ferr := lw.Flush(); ferr != nil && err == nil {
		err = ferr
	}
	return err
}

// validLocalName reports why a remote name cannot be used as a file name
// in the local directory: MGET writes only there.
func validLocalName(name string) error {
	switch {
	case name == "" || name == "." || name == "..":
		return errors.New("not a file name")
	case strings.ContainsAny(name, `/\`):
		return errors.New("it names a directory path")
	case strings.Contains(name, ".."):
		return errors.New("it holds '..'")
	case slices.ContainsFunc([]rune(name), func(r rune) bool { return r < 0x20 || r == 0x7f }):
		return errors.New("it holds NUL or control characters")
	}
	return localNameProblem(name) // what this OS forbids besides: Windows devices, <>:"|?* ...
}

// fetchInPlace writes a GET into an existing device or pipe (/dev/null, a
// FIFO) directly: renaming a temporary file over it would replace the
// device with a regular file.
func (j *job) fetchInPlace(root *os.Root, remote, name string) error {
	f, err := root.OpenFile(name, os.O_WRONLY, 0)
	if err != nil {
		return j.localError(ecFileAccess, "get", err)
	}
	defer f.Close()
	opts, err := j.sizeCheck(remote, nil)
	if err != nil {
		return err
	}
	tr, err := j.sess.Retr(j.ctx, remote, f, opts)
	if err != nil {
		return j.sizeError(remote, j.retrError(err))
	}
	j.noteUnsized()
	j.textCheck(name, tr)
	if err := f.Close(); err != nil {
		return j.localError(ecFileWrite, "get", err)
	}
	return nil
}

// retrError reports a GET that failed on the local side (disk full, I/O
// error) as a local write error (client error code 20), not a network one.
func (j *job) retrError(err error) error {
	if errors.Is(err, client.ErrLocalWrite) {
		return j.localError(ecFileWrite, "get", err)
	}
	return err
}
