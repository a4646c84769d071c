package zos

import (
	"errors"
	"fmt"
	"io/fs"
	"os"
	"path"
	"path/filepath"
	"strings"
	"time"

	"github.com/zftp/zftp/client"
	"github.com/zftp/zftp/transcript"
)

// mirrorUp copies the local tree local to the remote directory remote
// (MIRROR -R local remote). The local directory is checked first, so a
// missing one changes nothing on the server. Each remote directory is
// listed once, when the first of its entries is compared, and held while
// the walk is inside it, within client.DefaultListLimit (all listings
// together); the files are sent mirrorBatch at a time.
func (a *Interpreter) mirrorUp(c *call, local, remote string) error {
	localAbs := a.resolve(local)
	fi, err := os.Stat(localAbs)
	switch {
	case errors.Is(err, fs.ErrNotExist):
		a.out.Printf(transcript.MsgMirrorNoLocal, local, "does not exist")
		return shown(ecFileAccess, fmt.Errorf("mirror -R: %s does not exist", local))
	case err != nil:
		return a.localError(ecFileAccess, "mirror", err)
	case !fi.IsDir():
		a.out.Printf(transcript.MsgMirrorNoLocal, local, "is not a directory")
		return shown(ecFileAccess, fmt.Errorf("mirror -R: %s is not a directory", local))
	}
	if a.mvsTarget(remote) {
		return a.mirrorUpPDS(c, localAbs, local, remote)
	}
	root, rel, err := a.mirrorLocalRoot(local, false)
	if err != nil {
		return a.localError(ecFileAccess, "mirror", err)
	}
	defer root.Close()
	created, skipped := 0, 0
	j := a.job()
	count := client.DefaultListLimit.Counter()
	listed := map[string]map[string]remoteEntry{} // remote dir → its entries
	var listErr error                             // a listing that must stop MIRROR
	entriesOf := func(dir string) map[string]remoteEntry {
		if m, ok := listed[dir]; ok {
			return m
		}
		// The walk is depth first: only the listings of the directories
		// above this one are needed again.
		for k := range listed {
			if k != remote && k != "." && !strings.HasPrefix(dir, k+"/") {
				delete(listed, k)
			}
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
	if remote != "." {
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
	}
	var batch []mirrorJob
	var first error
	flush := func() {
		if len(batch) == 0 {
			return
		}
		byRemote := make(map[string]mirrorJob, len(batch))
		names := make([]string, len(batch))
		for i, m := range batch {
			byRemote[m.remote], names[i] = m, m.remote
		}
		err := a.multiOver(names, nil, func(j *job, name string) error {
			m := byRemote[name]
			return j.send(c, filepath.Join(root.Name(), filepath.FromSlash(m.local)), m.remote, (*job).stor)
		})
		if first == nil {
			first = err
		}
		batch = batch[:0]
	}
	err = fs.WalkDir(root.FS(), rel, func(p string, d fs.DirEntry, err error) error {
		if err != nil {
			return err
		}
		if a.stopRequested() || a.sess.Err() != nil {
			return fs.SkipAll
		}
		if p == rel {
			return nil
		}
		r, _ := strings.CutPrefix(p, rel+"/")
		if rel == "." {
			r = p
		}
		rp := joinRemote(remote, r)
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
		batch = append(batch, mirrorJob{remote: rp, local: p})
		if len(batch) >= mirrorBatch {
			flush()
		}
		return nil
	})
	if err != nil {
		if errorCode(err) == ecServer || err == listErr || isShown(err) {
			return err
		}
		return a.localError(ecFileAccess, "mirror", err)
	}
	flush()
	if serr := a.sess.Err(); first == nil && serr != nil {
		first = serr // the session broke between files: not a complete mirror
	}
	a.out.Printf(transcript.MsgMirrorDone, a.running.doneCount(), skipped, created)
	return a.reportStop("MIRROR", first)
}

// remoteEntry is one entry of a remote directory, as MIRROR -R compares.
type remoteEntry struct {
	name string
	dir  bool
	size int64
	mod  time.Time // zero when unknown
}

// listRemote lists a remote directory with client.Session.ReadDir (MLSD,
// else LIST through client.ParseListLine), counting its names against
// count. A line no parser knows, or more entries than count allows, is
// an error that stops MIRROR (mustStop); links, devices and z/OS data
// sets or members are left out with a warning each.
func (a *Interpreter) listRemote(dir string, count *client.ListCounter) ([]remoteEntry, error) {
	var out []remoteEntry
	err := a.sess.ReadDir(a.ctx, listName(dir), func(e client.Entry) error {
		r, why := mirrorRecord(spoolRec{}, e)
		if why == "" && e.Kind == client.KindMember {
			why = "a z/OS member, in a listing of directories"
		}
		if why != "" {
			a.out.Printf(transcript.MsgMirrorRefused, fmt.Sprintf("%q", r.rel), why)
			return nil
		}
		if err := count.Add(r.rel); err != nil {
			return err
		}
		out = append(out, remoteEntry{name: r.rel, dir: r.dir, size: r.size, mod: r.mod})
		return nil
	})
	var ue *client.UnparsedLineError
	switch {
	case errors.As(err, &ue):
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
