package zos

import (
	"errors"
	"fmt"
	"io/fs"
	"os"
	"path"
	"strconv"
	"strings"
	"sync/atomic"
	"time"

	"github.com/zftp/zftp/client"
	"github.com/zftp/zftp/transcript"
)

// maxUnique bounds an MLSD unique fact MIRROR keeps for loop detection; a
// longer one is not used.
const maxUnique = 256

// mirrorDown copies the remote tree at remote into the local directory
// local: first every listing of the tree is spooled, then the spool is
// read back, directories created, files compared and copied mirrorBatch
// at a time.
func (a *Interpreter) mirrorDown(remote, local string) error {
	tree, err := a.mirrorList(remote)
	defer tree.close()
	if err != nil {
		return err
	}
	if tree.dataSet != nil {
		return a.mirrorDataSet(tree.dataSet, local)
	}
	root, rel, err := a.mirrorLocalRoot(local, true)
	if err != nil {
		return a.localError(ecFileAccess, "mirror", err)
	}
	defer root.Close()
	created := 0
	if _, err := root.Stat(rel); errors.Is(err, fs.ErrNotExist) {
		if err := root.MkdirAll(rel, 0o755); err != nil {
			return a.localError(ecFileAccess, "mirror", err)
		}
		created++
	}
	var skipped atomic.Int64
	var claims localClaims // names one local file (localclaims.go)
	var batch []mirrorJob
	pending := map[string]bool{} // the remote names in batch
	var first error
	flush := func() {
		if len(batch) > 0 {
			if err := a.mirrorFetchAll(root, batch, &skipped, &claims); first == nil {
				first = err
			}
			batch = batch[:0]
			clear(pending)
		}
	}
	errEnd := errors.New("stop")
	err = tree.entries.each(func(r spoolRec) error {
		if a.stopRequested() || a.sess.Err() != nil {
			return errEnd
		}
		lp := path.Join(rel, r.rel)
		if r.dir {
			if _, err := root.Stat(lp); errors.Is(err, fs.ErrNotExist) {
				if err := root.Mkdir(lp, 0o755); err != nil {
					return a.localError(ecFileAccess, "mirror", err)
				}
				created++
			}
			return nil
		}
		if pending[r.remote] {
			// Listed twice (a hostile listing): compared again once the
			// first is copied.
			flush()
		}
		if err := claims.refuse(a.out, root, lp, "MIRROR"); err != nil {
			if first == nil {
				first = err
			}
			return nil
		}
		fi, err := root.Stat(lp)
		exists := err == nil && fi.Mode().IsRegular()
		switch {
		case r.compare && exists:
			a.out.Printf(transcript.MsgMirrorCompare, lp)
		case exists && r.size < 0 && !r.mod.IsZero() && fi.ModTime().Unix() == r.mod.Unix():
			// A member whose ISPF statistics give the time it was changed,
			// set on the local file when it was copied (mirror_mvs.go).
			a.out.Printf(transcript.MsgMirrorSkip, lp)
			skipped.Add(1)
			claims.record(lp)
			return nil
		case exists && r.size >= 0 && fi.Size() == r.size:
			if r.mod.IsZero() {
				r.mod = a.job().modTime(r.remote)
			}
			if r.mod.IsZero() || fi.ModTime().Unix() == r.mod.Unix() {
				a.out.Printf(transcript.MsgMirrorSkip, lp)
				skipped.Add(1)
				claims.record(lp)
				return nil
			}
		}
		batch = append(batch, mirrorJob{remote: r.remote, local: lp, mod: r.mod, compare: r.compare && exists})
		pending[r.remote] = true
		if len(batch) >= mirrorBatch {
			flush()
		}
		return nil
	})
	if err != nil && err != errEnd {
		return err
	}
	if err == nil {
		flush()
	}
	if serr := a.sess.Err(); first == nil && serr != nil {
		first = serr // the session broke between files: not a complete mirror
	}
	a.out.Printf(transcript.MsgMirrorDone, a.running.doneCount(), int(skipped.Load()), created)
	return a.reportStop("MIRROR", first)
}

// mirrorFetchAll copies batch over the (parallel) sessions; a file found
// the same by comparing counts in skipped. A name the local file system
// takes for one already copied is not copied (claims).
func (a *Interpreter) mirrorFetchAll(root *os.Root, batch []mirrorJob, skipped *atomic.Int64, claims *localClaims) error {
	byRemote := make(map[string]mirrorJob, len(batch))
	names := make([]string, len(batch))
	for i, m := range batch {
		byRemote[m.remote], names[i] = m, m.remote
	}
	local := func(name string) string { return byRemote[name].local }
	return a.multiOver(names, local, func(j *job, name string) error {
		m := byRemote[name]
		if err := claims.refuse(j.out, root, m.local, "MIRROR"); err != nil {
			return err
		}
		err := j.mirrorFetch(root, m, skipped)
		if err == nil || errors.Is(err, errDeclined) {
			claims.record(m.local)
		}
		return err
	})
}

// mirrorFetch copies m, or compares it (m.compare) and copies it when
// it differs.
func (j *job) mirrorFetch(root *os.Root, m mirrorJob, skipped *atomic.Int64) error {
	sub, err := root.OpenRoot(path.Dir(m.local))
	if err != nil {
		return j.localError(ecFileAccess, "mirror", err)
	}
	defer sub.Close()
	base := path.Base(m.local)
	if m.compare {
		same, err := j.fetchCompare(sub, m.remote, base, m.local)
		if err != nil {
			return err
		}
		if same {
			j.out.Printf(transcript.MsgMirrorSkip, m.local)
			skipped.Add(1)
			return errDeclined
		}
		return nil
	}
	if err := j.fetch(sub, m.remote, base, m.local, true); err != nil {
		return err
	}
	mod := m.mod
	if mod.IsZero() && !isMVSName(m.remote) {
		mod = j.modTime(m.remote)
	}
	if !mod.IsZero() {
		sub.Chtimes(base, mod, mod)
	}
	return nil
}

// mirrorTree is the spooled listing of a remote tree, or the one
// sequential data set the remote name named.
type mirrorTree struct {
	entries *spool
	dataSet *dataSetRef
}

// close removes the spool.
func (t *mirrorTree) close() {
	if t != nil {
		t.entries.close()
	}
}

// mirrorList lists the remote tree at remote, breadth first, into a
// spool: the directories of one level are themselves spooled while the
// level is listed, and listed in turn. A z/OS name that lists as one
// partitioned data set is listed as its members; one that lists as a
// sequential data set is returned as such.
func (a *Interpreter) mirrorList(remote string) (*mirrorTree, error) {
	tree := &mirrorTree{}
	var err error
	if tree.entries, err = newSpool(); err != nil {
		return tree, a.localError(ecFileAccess, "mirror", err)
	}
	queue, err := newSpool()
	if err != nil {
		return tree, a.localError(ecFileAccess, "mirror", err)
	}
	defer func() { queue.close() }()
	queue.add(spoolRec{dir: true, remote: listName(remote)})
	count := a.mirrorLimit.Counter()
	for depth := 0; queue.n > 0 && !a.stopRequested(); depth++ {
		next, err := newSpool()
		if err != nil {
			return tree, a.localError(ecFileAccess, "mirror", err)
		}
		err = queue.each(func(d spoolRec) error {
			if a.stopRequested() {
				return nil
			}
			shownName := d.remote
			if shownName == "" {
				shownName = remote
			}
			if err := a.mirrorTooDeep(shownName, depth); err != nil {
				return err
			}
			if depth == 0 {
				ds, err := a.mirrorListTop(d, remote, tree.entries, next, count)
				tree.dataSet = ds
				return err
			}
			return a.mirrorListDir(d, tree.entries, next, count, nil)
		})
		queue.close()
		queue = next
		if err != nil {
			return tree, err
		}
	}
	return tree, nil
}

// mirrorListTop lists the directory named (d) into entries and its
// subdirectories into next. When the listing is one z/OS data set and
// nothing else, and it is the one named, it is what was named: a PDS is
// listed again as its members; a sequential data set is returned.
func (a *Interpreter) mirrorListTop(d spoolRec, remote string, entries, next *spool, count *client.ListCounter) (*dataSetRef, error) {
	var held *client.Entry // a first entry that is a data set, spooled once a second entry comes
	total := 0
	err := a.mirrorListDir(d, entries, next, count, func(e client.Entry) (bool, error) {
		total++
		if total == 1 && e.Kind == client.KindDataSet {
			held = &e
			return true, nil
		}
		if held != nil {
			h := held
			held = nil
			return false, a.spoolEntry(d, *h, entries, next, count)
		}
		return false, nil
	})
	if err != nil || held == nil {
		return nil, err
	}
	if !namesDataSet(remote, held.Name) {
		return nil, a.spoolEntry(d, *held, entries, next, count)
	}
	if !held.IsDir() {
		if held.Facts["dsorg"] != "PS" {
			a.out.Printf(transcript.MsgMirrorRefused, strconv.Quote(held.Name), "DSORG "+held.Facts["dsorg"]+": only sequential (PS) and partitioned (PO) data sets are copied")
			return nil, shown(ecFileAccess, fmt.Errorf("mirror: %s is not a sequential or partitioned data set", remote))
		}
		return &dataSetRef{remote: remote, entry: *held}, nil
	}
	pattern := memberPattern(remote)
	err = a.mirrorListDir(spoolRec{dir: true, remote: pattern}, entries, next, count, nil)
	if noMembers(err) {
		return nil, nil
	}
	return nil, err
}

// mirrorListDir lists the remote directory d, spooling each entry into
// entries and each subdirectory also into next. take, when not nil, sees
// every entry first and keeps those it returns true for out of the spool.
func (a *Interpreter) mirrorListDir(d spoolRec, entries, next *spool, count *client.ListCounter, take func(client.Entry) (bool, error)) error {
	err := a.sess.ReadDir(a.ctx, d.remote, func(e client.Entry) error {
		if take != nil {
			if taken, err := take(e); taken || err != nil {
				return err
			}
		}
		return a.spoolEntry(d, e, entries, next, count)
	})
	var ue *client.UnparsedLineError
	switch {
	case errors.As(err, &ue):
		// Stop before any file is copied: leaving the entry out would
		// make a "0 files copied" of a tree that is not empty.
		return withCode(ecSession, fmt.Errorf("mirror: the listing of %s holds a line zftp cannot read, so MIRROR stops before copying: %w", d.remote, err))
	case errors.Is(err, client.ErrListTooLong):
		l := a.mirrorLimit
		a.out.Printf(transcript.MsgNameListTooLong, "mirror", l.Entries, l.Bytes)
		return shown(ecSession, fmt.Errorf("mirror: list %s: %w", d.remote, err))
	}
	return err
}

// spoolEntry spools entry e of the directory d into entries, and into
// next when it is a directory to list; an entry MIRROR does not copy is
// said (ZFT0193W, or ZFT0252W for a loop) and left out.
func (a *Interpreter) spoolEntry(d spoolRec, e client.Entry, entries, next *spool, count *client.ListCounter) error {
	r, why := mirrorRecord(d, e)
	if why != "" {
		a.out.Printf(transcript.MsgMirrorRefused, strconv.Quote(r.rel), why)
		return nil
	}
	if err := count.Add(r.rel); err != nil {
		return err
	}
	if r.dir {
		if r.unique != "" && inChain(d.chain, r.unique) {
			a.out.Printf(transcript.MsgMirrorLoop, r.remote)
			return nil
		}
		q := r
		q.chain = d.chain
		if r.unique != "" {
			q.chain += "\x00" + r.unique
		}
		if err := next.add(q); err != nil {
			return err
		}
	}
	return entries.add(r)
}

// inChain reports whether unique is one of the NUL-separated facts of
// chain.
func inChain(chain, unique string) bool {
	for c := range strings.SplitSeq(chain, "\x00") {
		if c == unique {
			return true
		}
	}
	return false
}

// mirrorRecord returns the spool record of an entry listed in directory
// d: a file, a directory, or a z/OS member; for anything else, why it is
// left out. An MLSD name is a pathname (its last element is used); a LIST
// time is not used, being to the minute at best (MDTM tells).
func mirrorRecord(d spoolRec, e client.Entry) (spoolRec, string) {
	name, mod := e.Name, time.Time{}
	if e.Type != "" {
		name, mod = path.Base(e.Name), e.Modify // MLSD
	}
	r := spoolRec{size: e.Size, mod: mod, rel: path.Join(d.rel, name), remote: joinRemote(d.remote, name)}
	if err := validLocalName(name); err != nil {
		r.rel = name
		return r, err.Error()
	}
	if u := e.Facts["unique"]; e.Type != "" && len(u) <= maxUnique && !strings.Contains(u, "\x00") {
		r.unique = u
	}
	switch e.Kind {
	case client.KindFile:
		return r, ""
	case client.KindDir:
		r.dir, r.size, r.mod = true, 0, time.Time{}
		return r, ""
	case client.KindMember:
		// ISPF statistics give the time the member was changed; without
		// them nothing tells whether it changed (mirror_mvs.go).
		r.remote, r.size, r.mod = memberRemote(d.remote, name), -1, e.Modify
		r.compare = e.Modify.IsZero()
		return r, ""
	case client.KindLink:
		return r, "a symbolic link, not a plain file"
	case client.KindDataSet:
		// In a list of data sets (a name prefix): a PDS is a directory of
		// its members, a sequential data set a file (mirror_mvs.go).
		ds := dataSetRemote(d.remote, e.Name)
		switch {
		case e.IsDir():
			r.dir, r.size, r.mod, r.remote = true, 0, time.Time{}, memberPattern(ds)
			return r, ""
		case e.Facts["dsorg"] == "PS":
			r.size, r.mod, r.remote, r.compare = -1, time.Time{}, ds, true
			return r, ""
		}
		return r, "DSORG " + e.Facts["dsorg"] + ": only sequential (PS) and partitioned (PO) data sets are copied"
	}
	return r, "not a plain file"
}
