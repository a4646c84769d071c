package main

import (
	"errors"
	"fmt"
	"io"
	"os"
	"path"
	"path/filepath"
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

// localError prints a local file problem and returns it with client
// error code ec.
func (a *app) localError(ec int, sub string, err error) error {
	a.out.Printf(transcript.MsgLocalError, sub+": "+err.Error())
	return shown(ec, fmt.Errorf("%s: %w", sub, err))
}

// get copies a remote file to a local one: GET remote [local] [(REPLACE].
// The data goes to a temporary file beside the target, renamed over it
// only after the server's 2xx, so a failed GET never truncates an existing
// file.
func (a *app) get(c *call) error {
	pos, _ := splitOptions(c.args)
	if len(pos) < 1 || len(pos) > 2 {
		return a.usage(c)
	}
	remote, local := pos[0], path.Base(pos[0])
	if len(pos) == 2 {
		local = pos[1]
	}
	if fi, err := os.Stat(local); err == nil && fi.IsDir() {
		return a.localError(ecFileAccess, "get", fmt.Errorf("%s is a directory", local))
	}
	tmp, err := os.CreateTemp(filepath.Dir(local), "."+filepath.Base(local)+".zftp-*")
	if err != nil {
		return a.localError(ecFileAccess, "get", err)
	}
	committed := false
	defer func() {
		if !committed {
			tmp.Close()
			os.Remove(tmp.Name())
		}
	}()
	if _, err := a.sess.Retr(remote, tmp, 0); err != nil {
		return err
	}
	if err := tmp.Close(); err != nil {
		return a.localError(ecFileWrite, "get", err)
	}
	mode := os.FileMode(0o644)
	if fi, err := os.Stat(local); err == nil {
		mode = fi.Mode().Perm()
	}
	if err := os.Chmod(tmp.Name(), mode); err != nil {
		return a.localError(ecFileWrite, "get", err)
	}
	if err := os.Rename(tmp.Name(), local); err != nil {
		return a.localError(ecFileWrite, "get", err)
	}
	committed = true
	return nil
}

// put copies a local file to a remote one: PUT local [remote].
func (a *app) put(c *call) error {
	pos, _ := splitOptions(c.args)
	if len(pos) < 1 || len(pos) > 2 {
		return a.usage(c)
	}
	local, remote := pos[0], filepath.Base(pos[0])
	if len(pos) == 2 {
		remote = pos[1]
	}
	f, err := os.Open(local)
	if err != nil {
		return a.localError(ecFileAccess, "put", err)
	}
	defer f.Close()
	if fi, err := f.Stat(); err != nil {
		return a.localError(ecFileAccess, "put", err)
	} else if fi.IsDir() {
		return a.localError(ecFileAccess, "put", fmt.Errorf("%s is a directory", local))
	}
	_, err = a.sess.Stor(remote, f, 0)
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

// dir lists remote directory entries: DIR [name].
func (a *app) dir(c *call) error {
	return a.listing(c, a.sess.List)
}

// ls lists remote file names: LS [name].
func (a *app) ls(c *call) error {
	return a.listing(c, a.sess.Nlst)
}

// listing runs LIST or NLST and prints each line of the data as EZA2284I.
func (a *app) listing(c *call, f func(string, io.Writer) (*client.Transfer, error)) error {
	lw := a.out.Listing()
	_, err := f(c.rest, lw)
	if ferr := lw.Flush(); ferr != nil && err == nil {
		err = ferr
	}
	return err
}
