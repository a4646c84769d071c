package zos

import (
	"fmt"
	"os"
	"path"
	"path/filepath"
	"strings"
	"time"

	"github.com/zftp/zftp/client"
	"github.com/zftp/zftp/transcript"
)

// MIRROR (a zftp extension, lftp's name and argument order):
//
//	mirror [remote-dir [local-dir]]
//	mirror -R [local-dir [remote-dir]]
//
// copies a directory tree from the server (or, with -R, to it), creating
// directories and skipping files that are already the same. As in lftp,
// the source comes first: the remote directory for a download, the local
// one for -R. Left out, the other one is named after the source's last
// name in the working directory; with no names at all the working
// directories are used.
//
// Remote entries come from client.Session.ReadDir: MLSD when FEAT lists
// MLST, else LIST, whose lines the engine's one listing parser reads
// (Unix "ls -l", DOS/IIS, z/OS data sets and members). The listings of the
// whole tree are spooled to a temporary file (mirror_spool.go) before any
// file is copied, so a listing line no parser knows, a tree deeper than
// MIRRORDEPTH (ZFT0194E) or a listing over mirrorListLimit stops MIRROR
// before any file is copied, and memory stays flat whatever the size of
// a directory. Links and devices are left out with a warning each
// (ZFT0193W), and so is a directory whose MLSD unique fact is that of a
// directory above it (a loop, ZFT0252W).
//
// Up to date means: the same size and modification time (MLSD's modify
// fact; for a LIST, whose time is to the minute at best, MDTM; a server
// that gives no time leaves the size alone to decide). z/OS data sets
// have no byte size in their listings: see mirror_mvs.go for a PDS, its
// members and a sequential data set.
//
// Local writes are confined to the local directory (os.Root), as MGET's; a
// remote name with '/', '..' or control characters is left out. Every
// command sent is in the transcript. With PARALLEL above 1 the files are
// spread over the parallel sessions, mirrorBatch files at a time.

// mirrorListLimit bounds the spooled listings of one MIRROR, the whole
// tree together: ten million entries and 1 GiB of their paths (the
// spool's disk is about that plus 20 bytes an entry). It bounds the time
// and the disk a server without end can take; memory does not depend on
// it. Each Interpreter starts with it (Interpreter.mirrorLimit).
func mirrorListLimit() client.ListLimit {
	return client.ListLimit{Entries: 10_000_000, Bytes: 1 << 30}
}

// mirrorBatch is how many files MIRROR compares before it copies them:
// the list handed to the (parallel) sessions at a time.
const mirrorBatch = 512

// mirrorJob is one file to copy.
type mirrorJob struct {
	remote  string // remote name
	local   string // local path relative to the root, slash-separated
	mod     time.Time
	compare bool // fetched and compared with the local file (mirror_mvs.go)
}

// mirror runs MIRROR [remote-dir [local-dir]] and MIRROR -R [local-dir
// [remote-dir]].
func (a *Interpreter) mirror(c *call) error {
	args := c.args
	reverse := false
	if len(args) > 0 && args[0] == "-R" {
		reverse, args = true, args[1:]
	}
	if len(args) > 2 {
		return a.usage(c)
	}
	if reverse {
		local, remote := ".", "."
		if len(args) > 0 {
			local = args[0]
			remote = filepath.Base(filepath.Clean(local))
			if len(args) == 2 {
				remote = args[1]
			} else if validLocalName(remote) != nil || remote != filepath.ToSlash(remote) {
				a.out.Printf(transcript.MsgUsage, fmt.Sprintf("MIRROR -R %s: name the remote directory too (mirror -R %s remotedir): %q is not a name for one", args[0], args[0], remote))
				return shown(ecUsage, fmt.Errorf("mirror -R %s: no remote directory name", args[0]))
			}
		}
		return a.mirrorUp(c, local, cleanRemote(remote))
	}
	remote, local := ".", "."
	if len(args) > 0 {
		remote = cleanRemote(args[0])
		local = mirrorLocalName(remote)
		if len(args) == 2 {
			local = args[1]
		} else if validLocalName(local) != nil {
			// The local directory is named after the remote one only when
			// that is a plain name: "mirror .." or "mirror /" would otherwise
			// write into the parent of the local directory, or its root.
			a.out.Printf(transcript.MsgUsage, fmt.Sprintf("MIRROR %s: name the local directory too (mirror %s localdir): %q is not a name for one", args[0], args[0], local))
			return shown(ecUsage, fmt.Errorf("mirror %s: no local directory name", args[0]))
		}
	}
	return a.mirrorDown(remote, local)
}

// cleanRemote drops a trailing slash from a remote directory name; "" and
// "/" name the root.
func cleanRemote(remote string) string {
	if remote == "/" {
		return remote
	}
	if remote = strings.TrimSuffix(remote, "/"); remote == "" {
		return "/"
	}
	return remote
}

// mirrorLocalName names the local directory after a remote name: its last
// name; for a z/OS data set name in quotes, the name without the quotes
// and without a member pattern ('HLQ.PDS' gives HLQ.PDS).
func mirrorLocalName(remote string) string {
	if name, ok := strings.CutPrefix(remote, "'"); ok {
		name = strings.TrimSuffix(name, "'")
		if i := strings.IndexByte(name, '('); i >= 0 {
			name = name[:i]
		}
		return name
	}
	return path.Base(remote)
}

// listName is the argument of the listing of a remote directory: the
// working directory (".") is listed without one, which z/OS servers need.
func listName(remote string) string {
	if remote == "." {
		return ""
	}
	return remote
}

// joinRemote names an entry of a remote directory.
func joinRemote(dir, name string) string {
	if dir == "" || dir == "." {
		return name
	}
	return path.Join(dir, name)
}

// mirrorLocalRoot opens the local directory of MIRROR: an os.Root on the
// local working directory (LCD) and local's path below it, or, when local
// is outside it, an os.Root on local itself (created first with create).
func (a *Interpreter) mirrorLocalRoot(local string, create bool) (*os.Root, string, error) {
	localAbs := a.resolve(local)
	root, err := os.OpenRoot(a.localDir)
	rel, rerr := filepath.Rel(a.localDir, localAbs)
	if err == nil && (rerr != nil || rel == ".." || strings.HasPrefix(rel, ".."+string(filepath.Separator))) {
		// A local directory outside LCD's: confine to it instead.
		root.Close()
		if !create {
			root, err = os.OpenRoot(localAbs)
		} else if err = os.MkdirAll(localAbs, 0o755); err == nil {
			root, err = os.OpenRoot(localAbs)
		}
		rel = "."
	}
	if err != nil {
		return nil, "", err
	}
	return root, filepath.ToSlash(rel), nil
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

// modTime asks the job's session for a file's modification time (MDTM,
// client.Session.ModTime); zero when the server does not say.
func (j *job) modTime(name string) time.Time {
	t, err := j.sess.ModTime(j.ctx, name)
	if err != nil {
		return time.Time{}
	}
	return t
}
