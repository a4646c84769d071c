package zos

import (
	"errors"
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
// modification time already match. Remote entries come from MLSD when FEAT
// lists MLST, else from LIST (Unix "ls -l" lines) with MDTM for the time
// of a file whose size matches; a server that gives no time at all leaves
// the size alone to decide. Local writes are confined to the local
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
	type todo struct{ remote, local string }
	queue := []todo{{remote, rel}}
	for len(queue) > 0 && !a.stopRequested() {
		d := queue[0]
		queue = queue[1:]
		entries, err := a.listRemote(d.remote)
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
				queue = append(queue, todo{rp, lp})
				continue
			}
			if fi, err := root.Stat(lp); err == nil && fi.Mode().IsRegular() && fi.Size() == e.size {
				if e.mod.IsZero() {
					e.mod = a.remoteTime(a.sess, rp)
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
	err := a.multiOver(names, func(w *Interpreter, name string) error {
		j := byRemote[name]
		sub, err := root.OpenRoot(path.Dir(j.local))
		if err != nil {
			return w.localError(ecFileAccess, "mirror", err)
		}
		defer sub.Close()
		base := path.Base(j.local)
		if err := w.fetch(sub, j.remote, base, j.local, true); err != nil {
			return err
		}
		mod := j.mod
		if mod.IsZero() {
			mod = w.remoteTime(w.sess, j.remote)
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
	listed := map[string]map[string]remoteEntry{} // remote dir → its entries
	entriesOf := func(dir string) map[string]remoteEntry {
		if m, ok := listed[dir]; ok {
			return m
		}
		m := map[string]remoteEntry{}
		if es, err := a.listRemote(dir); err == nil {
			for _, e := range es {
				m[e.name] = e
			}
		}
		listed[dir] = m
		return m
	}
	if e, ok := entriesOf(path.Dir(remote))[path.Base(remote)]; !ok || !e.dir {
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
		parent := entriesOf(path.Dir(rp))
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
				e.mod = a.remoteTime(a.sess, rp)
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
		if errorCode(err) == ecServer {
			return err
		}
		return a.localError(ecFileAccess, "mirror", err)
	}
	byRemote := make(map[string]mirrorJob, len(jobs))
	names := make([]string, len(jobs))
	for i, j := range jobs {
		byRemote[j.remote], names[i] = j, j.remote
	}
	err = a.multiOver(names, func(w *Interpreter, name string) error {
		j := byRemote[name]
		return w.send(c, filepath.Join(root.Name(), filepath.FromSlash(j.local)), j.remote, w.stor)
	})
	a.out.Printf(transcript.MsgMirrorDone, a.running.doneCount(), skipped, created)
	return a.reportStop("MIRROR", err)
}

// listRemote lists a remote directory: MLSD when FEAT lists MLST, LIST
// otherwise, both read line by line as they arrive.
func (a *Interpreter) listRemote(dir string) ([]remoteEntry, error) {
	var out []remoteEntry
	if f, err := a.sess.Features(a.ctx); err == nil && f.Has("MLST") {
		_, err := a.sess.Mlsd(a.ctx, dir, func(e client.Entry) error {
			switch e.Type {
			case "file":
				out = append(out, remoteEntry{name: path.Base(e.Name), size: e.Size, mod: e.Modify})
			case "dir":
				out = append(out, remoteEntry{name: path.Base(e.Name), dir: true})
			}
			return nil
		})
		return out, err
	}
	_, err := a.sess.ListLines(a.ctx, dir, func(l string) error {
		if e, ok := parseListLine(l); ok {
			out = append(out, e)
		}
		return nil
	})
	return out, err
}

// parseListLine parses a Unix "ls -l" line of a LIST reply: type, links,
// owner, group, size, three date fields, name. Links, devices and other
// types are left out, as are "." and "..".
func parseListLine(l string) (remoteEntry, bool) {
	f := strings.Fields(l)
	if len(f) < 9 || len(f[0]) < 10 || (f[0][0] != '-' && f[0][0] != 'd') {
		return remoteEntry{}, false
	}
	size, err := strconv.ParseInt(f[4], 10, 64)
	if err != nil {
		return remoteEntry{}, false
	}
	// The name is what follows the eighth field, blanks kept.
	rest := l
	for range 8 {
		rest = strings.TrimLeft(rest, " \t")
		i := strings.IndexAny(rest, " \t")
		if i < 0 {
			return remoteEntry{}, false
		}
		rest = rest[i:]
	}
	name := strings.TrimLeft(rest, " \t")
	if name == "" || name == "." || name == ".." {
		return remoteEntry{}, false
	}
	return remoteEntry{name: name, dir: f[0][0] == 'd', size: size}, true
}

// remoteTime asks s for a file's modification time (MDTM); zero when the
// server does not say.
func (a *Interpreter) remoteTime(s *client.Session, name string) time.Time {
	r, err := s.Cmd(a.ctx, "MDTM", name)
	if err != nil || r.Code != 213 || len(r.Lines) == 0 {
		return time.Time{}
	}
	v := strings.TrimSpace(strings.TrimPrefix(r.Lines[len(r.Lines)-1], "213"))
	if len(v) > 14 {
		v = v[:14]
	}
	t, err := time.Parse("20060102150405", v)
	if err != nil {
		return time.Time{}
	}
	return t
}
