package zos

import (
	"errors"
	"fmt"
	"os"
	"path/filepath"
	"sort"
	"strconv"
	"strings"

	"github.com/zftp/zftp/client"
	"github.com/zftp/zftp/transcript"
)

// MGET, MPUT and MDELETE: each name (expanded when GLOB is on) is handled
// in turn; a failure is reported and the next name is tried; the first
// failure is the subcommand's result. With PROMPT on, an interactive
// session asks before each file; batch input is never asked.

// remoteNames expands a remote pattern with NLST when GLOB is on, and
// returns it as it is otherwise. The listing is streamed and the list
// bounded (collectNames).
func (a *Interpreter) remoteNames(sub, pattern string) ([]string, error) {
	if !a.set.Glob {
		return []string{pattern}, nil
	}
	return a.collectNames(sub, pattern)
}

// multi runs step for every name with the command loop's job j, keeps
// going after a failure while the session is usable, and returns the
// first error. A Ctrl-C, or a q answer, stops it before the next name
// (reportStop then says how many files were done).
func (a *Interpreter) multi(j *job, names []string, step stepFunc) error {
	var first error
	for _, n := range names {
		if a.stopRequested() || j.sess.Err() != nil {
			break
		}
		err := step(j, n)
		if err == nil {
			a.running.addDone()
			continue
		}
		if errors.Is(err, errDeclined) {
			continue
		}
		if first == nil {
			first = err
		}
		if errors.Is(err, client.ErrAborted) && a.stopRequested() {
			break // the transfer's failure is shown; reportStop follows
		}
		if !errors.Is(err, errSkipped) {
			j.reportFailure(err)
		}
	}
	return first
}

// reportStop ends MGET, MPUT or MDELETE: when a Ctrl-C or a q answer
// stopped it, it says so with the number of files done, and err (nil when
// nothing failed) becomes a stop.
func (a *Interpreter) reportStop(verb string, err error) error {
	if !a.stopRequested() {
		return err
	}
	a.out.Printf(transcript.MsgMultiStopped, verb, a.running.doneCount())
	if err == nil {
		err = shown(ecInput, fmt.Errorf("%s: %w", strings.ToLower(verb), errStopped))
	}
	return err
}

// errDeclined is what a multi-file step returns for a name it leaves out
// without a failure (answered n, a directory MPUT skips).
var errDeclined = errors.New("declined")

// errStopped is the result of a multi-file subcommand stopped by Ctrl-C
// or a q answer.
var errStopped = errors.New("stopped")

// errSkipped marks a name already reported (refused or declined).
var errSkipped = errors.New("skipped")

// reportFailure prints what a failure inside MGET, MPUT or MDELETE does not
// show by itself, as the command loop would for a single subcommand.
func (j *job) reportFailure(err error) {
	var ce *Error
	if errors.As(err, &ce) && ce.Shown || errorCode(err) == ecServer || reportTimeout(j.out, err) {
		return
	}
	j.out.Printf(transcript.MsgCommandFailed, describe(err))
}

// mget copies remote files into the local directory:
// MGET remote_file ... [(REPLACE]. Every local write goes through an
// os.Root on the local directory, and a remote name that is not a plain
// file name is refused, so that a hostile listing cannot write elsewhere;
// names listed for a pattern in a remote directory are stored under their
// base names (mgetLocalName).
func (a *Interpreter) mget(c *call) error {
	pos, opts := splitOptions(c.args)
	replace, ok := replaceOption(opts)
	if !ok || len(pos) == 0 {
		return a.usage(c)
	}
	root, err := os.OpenRoot(a.localDir)
	if err != nil {
		return a.localError(ecFileAccess, "mget", err)
	}
	defer root.Close()
	a.startEarly() // PARALLEL: the extra sessions log in while the names are listed
	defer a.endEarly()
	var first error
	var claims localClaims             // names one local file (localclaims.go)
	listed := map[string]*sizeSource{} // one listing per directory per MGET
	for _, p := range pos {
		if a.stopRequested() {
			break
		}
		names, err := a.remoteNames("mget", p)
		if err != nil {
			if first == nil {
				first = err
			}
			continue
		}
		sizes := mgetSizes(p)
		if known, ok := listed[sizes.dir]; ok {
			sizes = known
		}
		listed[sizes.dir] = sizes
		if err := a.job().primeSizes(sizes); err != nil {
			return err
		}
		localName := func(name string) string { return mgetLocalName(p, name) }
		err = a.multiOver(names, localName, func(j *job, name string) error { // PARALLEL: parallel.go
			local := mgetLocalName(p, name)
			if err := validLocalName(local); err != nil {
				j.out.Printf(transcript.MsgNameRefused, strconv.Quote(name), "name refused: "+err.Error())
				return shown(ecFileAccess, fmt.Errorf("mget: %w", errSkipped))
			}
			if !j.asks("Mget", name) {
				return errDeclined
			}
			if err := claims.refuse(j.out, root, local, "MGET"); err != nil {
				return err
			}
			var err error
			if c.resume { // MGET -c: transferwords.go
				err = j.fetchResume(root, name, local, sizes)
			} else {
				err = j.fetch(root, name, local, local, replace, sizes)
			}
			if err == nil {
				claims.record(local)
			}
			return err
		})
		if first == nil {
			first = err
		}
	}
	return a.reportStop("MGET", first)
}

// mput copies local files to the server: MPUT local_file ...; with GLOB
// on, wildcards are expanded in the local directory.
func (a *Interpreter) mput(c *call) error {
	if len(c.args) == 0 {
		return a.usage(c)
	}
	var files []string
	named := make(map[string]bool) // named as they are, not by a wildcard
	for _, p := range c.args {
		if !a.set.Glob || !hasGlobMeta(p) {
			named[a.resolve(p)] = true
		}
		if !a.set.Glob {
			files = append(files, a.resolve(p))
			continue
		}
		m, err := filepath.Glob(a.resolve(p))
		if err != nil || len(m) == 0 {
			return a.localError(ecFileAccess, "mput", fmt.Errorf("%s: no such file", p))
		}
		sort.Strings(m)
		files = append(files, m...)
	}
	err := a.multiOver(files, filepath.Base, func(j *job, f string) error { // PARALLEL: parallel.go
		fi, err := os.Stat(f)
		if err == nil && fi.IsDir() {
			return j.localDirectory("MPUT", f, named[f])
		}
		if !j.asks("Mput", filepath.Base(f)) {
			return errDeclined
		}
		regular := err == nil && fi.Mode().IsRegular()
		return j.sendKnown(c, f, filepath.Base(f), a.storeFunc(), regular) // STOR, or STOU with SUNIQUE: sunique.go
	})
	return a.reportStop("MPUT", err)
}

// mdelete deletes remote files: MDELETE remote_file ...; with PARALLEL
// above 1 the names are spread over the parallel sessions.
func (a *Interpreter) mdelete(c *call) error {
	if len(c.args) == 0 {
		return a.usage(c)
	}
	a.startEarly() // PARALLEL: the extra sessions log in while the names are listed
	defer a.endEarly()
	var first error
	for _, p := range c.args {
		if a.stopRequested() {
			break
		}
		names, err := a.remoteNames("mdelete", p)
		if err == nil {
			err = a.multiOver(names, nil, func(j *job, name string) error { // PARALLEL: parallel.go
				if !j.asks("Mdelete", name) {
					return errDeclined
				}
				return j.delete(name)
			})
		}
		if first == nil {
			first = err
		}
	}
	return a.reportStop("MDELETE", first)
}
