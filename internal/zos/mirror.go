package zos

import (
	"errors"
	"fmt"
	"io/fs"
	"os"
	"path"
	"path/filepath"
	"strconv"
	"strings"
	"time"

	"github.com/zftp/zftp/client"
	"github.com/zftp/zftp/transcript"
)

// MIRROR (a zftp extension, lftp's name): mirror [-R] remote-dir
// [local-dir] copies a directory tree from the server (or, with -R, to
// it), creating directories and skipping files whose size and
// modification time already match. Remote entries come from
// client.Session.ReadDir: MLSD when FEAT lists MLST, else LIST, whose
// lines the engine's one listing parser reads (Unix "ls -l", DOS/IIS, z/OS
// data sets and members); a LIST time is to the minute at best, so MDTM
// gives the time of a file whose size matches, and a server that gives no
// time at all leaves the size alone to decide. A listing line no parser
// knows stops MIRROR before any file is copied, naming the line; links,
// devices and z/OS data sets and members are left out with a warning
// each. The entries held are bounded as MGET's name list is
// (client.DefaultListLimit). Local writes are confined to the local
// directory (os.Root), as MGET's; a remote name with '/', '..' or control
// characters is left out. Every command sent is in the transcript. With
// PARALLEL above 1 the files are spread over the parallel sessions.

// remoteEntry is one entry of a remote directory.
type remoteEntry struct {
	name string
	dir  bool
	size int64
	mod  time.Time // zero when unknown
}

// mirrorJob is one file to copy.
type mirrorJob struct {
	remote string // remote path
	local  string // local path relative to the root, slash-separated
	mod    time.Time
}

// mirror runs MIRROR [-R] remote-dir [local-dir].
func (a *Interpreter) mirror(c *call) error {
	args := c.args
	reverse := false
	if len(args) > 0 && args[0] == "-R" {
		reverse, args = true, args[1:]
	}
	if len(args) < 1 || len(args) > 2 {
		return a.usage(c)
	}
	remote := strings.TrimSuffix(args[0], "/")
	if remote == "" {
		remote = "/"
	}
	local := path.Base(remote)
	if len(args) == 2 {
		local = args[1]
	} else if validLocalName(local) != nil {
		// The local directory is named after the remote one only when
		// that is a plain name: "mirror .." or "mirror /" would otherwise
		// write into the parent of the local directory, or its root.
		a.out.Printf(transcript.MsgUsage, fmt.Sprintf("MIRROR %s: name the local directory too (mirror %s localdir): %q is not a name for one", args[0], args[0], local))
		return shown(ecUsage, fmt.Errorf("mirror %s: no local directory name", args[0]))
	}
	localAbs := a.resolve(local)
	root, err := os.OpenRoot(a.localDir)
	rel, rerr := filepath.Rel(a.localDir, localAbs)
	if err == nil && (rerr != nil || rel == ".." || strings.HasPrefix(rel, ".."+string(filepath.Separator))) {
		// A local directory outside LCD's: confine to it instead.
		root.Close()
		if reverse {
			root, err = os.OpenRoot(localAbs)
		} else if err = os.MkdirAll(localAbs, 0o755); err == nil {
			root, err = os.OpenRoot(localAbs)
		}
		rel = "."
	}
	if err != nil {
		return a.localError(ecFileAccess, "mirror", err)
	}
	defer root.Close()
	rel = filepath.ToSlash(rel)
	if reverse {
		return a.mirrorUp(c, root, rel, remote)
	}
	return a.mirrorDown(root, remote, rel)
}

// mirrorDown copies the remote tree at remote into rel under root.
func (a *Interpreter) mirrorDown(root *os.Root, remote, rel string) error {
	created, skipped := 0, 0
	if _, err := root.Stat(rel); errors.Is(err, fs.ErrNotExist) {
		if err := root.MkdirAll(rel, 0o755); err != nil {
			return a.localError(ecFileAccess, "mirror", err)
		}
		created++
	}
	var jobs []mirrorJob
	type todo struct {
		remote, local string
		depth         int
	}
	queue := []todo{{remote, rel, 0}}
	j := a.job()
	count := client.DefaultListLimit.Counter()
	for len(queue) > 0 && !a.stopRequested() {
		d := queue[0]
		queue = queue[1:]
		if err := a.mirrorTooDeep(d.remote, d.depth); err != nil {
			return err
		}
		entries, err := a.listRemote(d.remote, count)
		if err != nil {
			return err
		}
		for _, e := range entries {
			if err := validLocalName(e.name); err != nil {
				a.out.Printf(transcript.MsgMirrorRefused, strconv.Quote(e.name), err.Error())
				continue
			}
			rp, lp := path.Join(d.remote, e.name), path.Join(d.local, e.name)
			if e.dir {
				if _, err := root.Stat(lp); errors.Is(err, fs.ErrNotExist) {
					if err := root.Mkdir(lp, 0o755); err != nil {
						return a.localError(ecFileAccess, "mirror", err)
					}
					created++
				}
				queue = append(queue, todo{rp, lp, d.depth + 1})
				continue
			}
			if fi, err := root.Stat(lp); err == nil && fi.Mode().IsRegular() && fi.Size() == e.size {
				if e.mod.IsZero() {
					e.mod = j.modTime(rp)
				}
				if e.mod.IsZero() || fi.ModTime().Unix() == e.mod.Unix() {
					a.out.Printf(transcript.MsgMirrorSkip, lp)
					skipped++
					continue
				}
			}
			jobs = append(jobs, mirrorJob{remote: rp, local: lp, mod: e.mod})
		}
	}
	byRemote := make(map[string]mirrorJob, len(jobs))
	names := make([]string, len(jobs))
	for i, j := range jobs {
		byRemote[j.remote], names[i] = j, j.remote
	}
	err := a.multiOver(names, func(j *job, name string) error {
		m := byRemote[name]
		sub, err := root.OpenRoot(path.Dir(m.local))
		if err != nil {
			return j.localError(ecFileAccess, "mirror", err)
		}
		defer sub.Close()
		base := path.Base(m.local)
		if err := j.fetch(sub, m.remote, base, m.local, true); err != nil {
			return err
		}
		mod := m.mod
		if mod.IsZero() {
			mod = j.modTime(m.remote)
		}
		if !mod.IsZero() {
			sub.Chtimes(base, mod, mod)
		}
		return nil
	})
	a.out.Printf(transcript.MsgMirrorDone, a.running.doneCount(), skipped, created)
	return a.reportStop("MIRROR", err)
}

// mirrorUp copies the local tree at rel under root to remote.
func (a *Interpreter) mirrorUp(c *call, root *os.Root, rel, remote string) error {
	created, skipped := 0, 0
	var jobs []mirrorJob
	j := a.job()
	count := client.DefaultListLimit.Counter()
	listed := map[string]map[string]remoteEntry{} // remote dir → its entries
	var listErr error                             // a listing that must stop MIRROR
	entriesOf := func(dir string) map[string]remoteEntry {
		if m, ok := listed[dir]; ok {
			return m
		}
		m := map[string]remoteEntry{}
		es, err := a.listRemote(dir, count)
		switch {
		case err == nil:
			for _, e := range es {
				m[e.name] = e
			}
		case mustStop(err):
			listErr = err
		} // other errors (no such directory yet): nothing there
		listed[dir] = m
		return m
	}
	top := entriesOf(path.Dir(remote))
	if listErr != nil {
		return listErr
	}
	if e, ok := top[path.Base(remote)]; !ok || !e.dir {
		if _, err := a.sess.Mkdir(a.ctx, remote); err != nil {
			return err
		}
		created++
		listed[remote] = map[string]remoteEntry{}
	}
	err := fs.WalkDir(root.FS(), rel, func(p string, d fs.DirEntry, err error) error {
		if err != nil {
			return err
		}
		if a.stopRequested() {
			return fs.SkipAll
		}
		if p == rel {
			return nil
		}
		r, _ := strings.CutPrefix(p, rel+"/")
		if rel == "." {
			r = p
		}
		rp := path.Join(remote, r)
		if d.IsDir() {
			if err := a.mirrorTooDeep(p, strings.Count(r, "/")+1); err != nil {
				return err
			}
		}
		parent := entriesOf(path.Dir(rp))
		if listErr != nil {
			return listErr
		}
		e, exists := parent[d.Name()]
		switch {
		case d.IsDir():
			if !exists {
				if _, err := a.sess.Mkdir(a.ctx, rp); err != nil {
					return err
				}
				created++
				listed[rp] = map[string]remoteEntry{}
			}
			return nil
		case !d.Type().IsRegular():
			a.out.Printf(transcript.MsgMirrorRefused, p, "not a plain file")
			return nil
		}
		fi, err := d.Info()
		if err != nil {
			return err
		}
		if exists && !e.dir && e.size == fi.Size() {
			if e.mod.IsZero() {
				e.mod = j.modTime(rp)
			}
			if e.mod.IsZero() || !e.mod.Before(fi.ModTime().Truncate(time.Second)) {
				a.out.Printf(transcript.MsgMirrorSkip, p)
				skipped++
				return nil
			}
		}
		jobs = append(jobs, mirrorJob{remote: rp, local: p})
		return nil
	})
	if err != nil {
		if errorCode(err) == ecServer || err == listErr {
			return err
		}
		return a.localError(ecFileAccess, "mirror", err)
	}
	byRemote := make(map[string]mirrorJob, len(jobs))
	names := make([]string, len(jobs))
	for i, j := range jobs {
		byRemote[j.remote], names[i] = j, j.remote
	}
	err = a.multiOver(names, func(j *job, name string) error {
		m := byRemote[name]
		return j.send(c, filepath.Join(root.Name(), filepath.FromSlash(m.local)), m.remote, (*job).stor)
	})
	a.out.Printf(transcript.MsgMirrorDone, a.running.doneCount(), skipped, created)
	return a.reportStop("MIRROR", err)
}

// mirrorTooDeep stops MIRROR, before anything is copied, at a directory
// more than MIRRORDEPTH levels below the one named (ZFT0194E).
func (a *Interpreter) mirrorTooDeep(dir string, depth int) error {
	if max := a.set.cfg.MirrorDepth; max > 0 && depth > max {
		a.out.Printf(transcript.MsgMirrorTooDeep, dir, max)
		return shown(ecSession, fmt.Errorf("mirror: %s is more than %d levels deep", dir, max))
	}
	return nil
}

// listRemote lists a remote directory with client.Session.ReadDir (MLSD,
// else LIST through client.ParseListLine), counting its names against
// count. A line no parser knows, or more entries than count allows, is
// an error that stops MIRROR (mustStop); links, devices and z/OS data
// sets or members are left out with a warning each.
func (a *Interpreter) listRemote(dir string, count *client.ListCounter) ([]remoteEntry, error) {
	var out []remoteEntry
	err := a.sess.ReadDir(a.ctx, dir, func(e client.Entry) error {
		re, why := mirrorEntry(e)
		if why != "" {
			a.out.Printf(transcript.MsgMirrorRefused, strconv.Quote(re.name), why)
			return nil
		}
		if err := count.Add(re.name); err != nil {
			return err
		}
		out = append(out, re)
		return nil
	})
	var ue *client.UnparsedLineError
	switch {
	case errors.As(err, &ue):
		// Stop before any file is copied: leaving the entry out would
		// make a "0 files copied" of a tree that is not empty.
		return nil, withCode(ecSession, fmt.Errorf("mirror: the listing of %s holds a line zftp cannot read, so MIRROR stops before copying: %w", dir, err))
	case errors.Is(err, client.ErrListTooLong):
		l := client.DefaultListLimit
		a.out.Printf(transcript.MsgNameListTooLong, "mirror", l.Entries, l.Bytes)
		return nil, shown(ecSession, fmt.Errorf("mirror: list %s: %w", dir, err))
	}
	return out, err
}

// mustStop reports whether a listing error of listRemote stops MIRROR
// rather than meaning an empty (or missing) directory.
func mustStop(err error) bool {
	return errors.Is(err, client.ErrUnparsedLine) || errors.Is(err, client.ErrListTooLong)
}

// mirrorEntry returns what MIRROR copies of a listed entry: a file or a
// directory; for anything else, why it is left out. An MLSD name is a
// pathname (its last element is used); a LIST time is not used, being to
// the minute at best (MDTM tells).
func mirrorEntry(e client.Entry) (remoteEntry, string) {
	name, mod := e.Name, time.Time{}
	if e.Type != "" {
		name, mod = path.Base(e.Name), e.Modify // MLSD
	}
	re := remoteEntry{name: name, size: e.Size, mod: mod}
	switch e.Kind {
	case client.KindFile:
		return re, ""
	case client.KindDir:
		re.dir, re.size, re.mod = true, 0, time.Time{}
		return re, ""
	case client.KindLink:
		return re, "a symbolic link, not a plain file"
	case client.KindDataSet, client.KindMember:
		return re, "a z/OS data set or member, not a file in a directory tree"
	}
	return re, "not a plain file"
}

// modTime asks the job's session for a file's modification time (MDTM,
// client.Session.ModTime); zero when the server does not say.
func (j *job) modTime(name string) time.Time {
	t, err := j.sess.ModTime(j.ctx, name)
	if err != nil {
		return time.Time{}
	}
	return t
}
