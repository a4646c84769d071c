package zos

import (
	"errors"
	"fmt"
	"os"
	"strings"
	"sync"

	"github.com/zftp/zftp/transcript"
)

// Two remote names can be one local file: a file system that does not
// tell upper from lower case (Windows, macOS) takes A.TXT and a.txt for
// one file. MGET and MIRROR would then write the second over the first
// and report both copied. localClaims keeps the names a subcommand wrote;
// a later name that the file system takes for one of them is not copied
// (ZFT0199E) and the subcommand fails. Names that differ are compared as
// files (os.SameFile), so a file system that tells them apart copies
// both. With PARALLEL, names whose keys (targetKey) are equal are never
// copied side by side (samename.go), so the first is written before the
// second is looked at.

// localClaims are the local names one MGET or MIRROR has written.
type localClaims struct {
	mu    sync.Mutex
	byKey map[string]string // targetKey(name) → the first name written
}

// errSameLocalFile marks a name not copied because the local file system
// takes it for another the subcommand wrote.
var errSameLocalFile = errors.New("the local file system takes the name for one already copied")

// clash returns the name this subcommand wrote that the local file system
// (in root) takes name for, or "".
func (c *localClaims) clash(root *os.Root, name string) string {
	c.mu.Lock()
	prev, ok := c.byKey[targetKey(name)]
	c.mu.Unlock()
	if !ok || prev == name {
		return ""
	}
	a, err := root.Stat(prev)
	if err != nil {
		return ""
	}
	b, err := root.Stat(name)
	if err != nil || !os.SameFile(a, b) {
		return ""
	}
	return prev
}

// refuse says ZFT0199E on out and returns the subcommand's (sub: MGET,
// MIRROR) failure when the local file system takes name for one this
// subcommand wrote; nil otherwise.
func (c *localClaims) refuse(out *transcript.Writer, root *os.Root, name, sub string) error {
	prev := c.clash(root, name)
	if prev == "" {
		return nil
	}
	out.Printf(transcript.MsgLocalSameFile, name, prev, sub)
	return shown(ecFileAccess, fmt.Errorf("%s %s: %w (%s)", strings.ToLower(sub), name, errSameLocalFile, prev))
}

// record notes that name was written.
func (c *localClaims) record(name string) {
	k := targetKey(name)
	c.mu.Lock()
	defer c.mu.Unlock()
	if c.byKey == nil {
		c.byKey = map[string]string{}
	}
	if _, ok := c.byKey[k]; !ok {
		c.byKey[k] = name
	}
}
