package zos

import (
	"context"
	"errors"
	"os"
	"path/filepath"
	"sort"
	"strings"
	"time"

	"github.com/zftp/zftp/client"
	"github.com/zftp/zftp/transcript"
)

// Tab completion at the Command: prompt (readline.AutoCompleter):
//
//   - the first word: subcommand names (z/OS-only ones left out), in the
//     case typed;
//   - local names (PUT, MPUT, APPEND, LCD, LMKDIR, GET's second argument):
//     files and directories relative to the local directory (LCD);
//   - remote names (GET, MGET, CD, DELETE, RENAME ...): the names of the
//     current remote directory, or of the directory typed up to the last
//     slash, from a LIST (NLST when the listing is not in the Unix
//     format) that is kept until a subcommand that may change them (CD,
//     PUT, DELETE, RENAME, MKDIR, RMDIR ...; remoteChanging), and fetched
//     again at the next Tab; directories end with a slash;
//   - HELP's argument: subcommand names.
//
// The listing is sent only at a Tab, while the command loop waits at the
// prompt, and it is kept out of the transcript (quietly). It is bounded in
// time (completionWait) and ends when the caller's context does (Ctrl-C at
// the terminal): a stalled transfer is aborted (ABOR) and the session goes
// on; a reply that never came leaves the session unusable, and it is
// closed with ZFT0112E before the next subcommand. Every candidate goes
// through transcript.Escape: a name with control characters from a
// hostile listing is shown, and inserted into the line, in caret notation
// (which names no remote file), never as the bytes that would drive the
// terminal.

// argKind is what an argument of a subcommand names.
type argKind int

const (
	argNone       argKind = iota
	argLocal              // a local file or directory
	argLocalDir           // a local directory
	argRemote             // a name in the remote directory
	argSubcommand         // a subcommand name
)

// completionArgs gives, per subcommand, the kind of each argument; with
// repeat, the last kind applies to every further argument.
var completionArgs = map[string]struct {
	kinds  []argKind
	repeat bool
}{
	"GET":     {[]argKind{argRemote, argLocal}, false},
	"MGET":    {[]argKind{argRemote}, true},
	"PUT":     {[]argKind{argLocal, argRemote}, false},
	"MPUT":    {[]argKind{argLocal}, true},
	"APPEND":  {[]argKind{argLocal, argRemote}, false},
	"LCD":     {[]argKind{argLocalDir}, false},
	"LMKDIR":  {[]argKind{argLocalDir}, false},
	"CD":      {[]argKind{argRemote}, false},
	"CWD":     {[]argKind{argRemote}, false},
	"DELETE":  {[]argKind{argRemote}, false},
	"MDELETE": {[]argKind{argRemote}, true},
	"RENAME":  {[]argKind{argRemote, argRemote}, false},
	"RMDIR":   {[]argKind{argRemote}, false},
	"DIR":     {[]argKind{argRemote}, false},
	"LS":      {[]argKind{argRemote}, false},
	"MKDIR":   {[]argKind{argRemote}, false},
	"MKFIFO":  {[]argKind{argRemote}, false},
	"HELP":    {[]argKind{argSubcommand}, false},
	"?":       {[]argKind{argSubcommand}, false},
}

// maxRemoteNames bounds the cached remote names of one directory.
const maxRemoteNames = 20000

// maxRemoteDirs bounds how many remote directories' names are cached.
const maxRemoteDirs = 64

// remoteName is a name in a remote directory; dir when the listing said
// it is a directory.
type remoteName struct {
	name string
	dir  bool
}

// completion holds the names of the remote directories Tab completion
// has listed, by directory ("" is the current one), for Complete; the
// Interpreter's busy lock guards it, as it guards the session.
type completion struct {
	sess *client.Session // the session they came from
	dirs map[string][]remoteName
	wait time.Duration // bound of one listing; 0: completionWait
	lost bool          // a listing left the session unusable; closed, not reported yet
}

// completionWait bounds the listing one Tab may wait for: a few seconds,
// not the reply timeout (TIMEOUT, -w), which may be minutes.
const completionWait = 5 * time.Second

// forget drops the cached remote names; the caller holds busy.
func (c *completion) forget() {
	c.dirs = nil
}

// remoteChanging are the subcommands after which the cached remote names
// of Tab completion are fetched again.
var remoteChanging = map[string]bool{
	"CD": true, "CWD": true, "CDUP": true, "PUT": true, "MPUT": true, "APPEND": true,
	"DELETE": true, "MDELETE": true, "RENAME": true, "MKDIR": true, "RMDIR": true,
	"OPEN": true, "CLOSE": true, "USER": true, "PASS": true, "QUOTE": true, "SITE": true,
}

// Complete returns the completions of the word that ends text (the line
// before the cursor), sorted, each a whole word: what is typed and the
// rest. It may be called from another goroutine (a line editor's): it
// completes only while the command loop waits at the Command: prompt, and
// at any other time (a Tab typed during a transfer, at the NAME prompt)
// offers nothing.
func (a *Interpreter) Complete(text string) []string {
	return a.CompleteContext(context.Background(), text)
}

// CompleteContext is Complete with a context: when ctx is done (the
// terminal's Ctrl-C during a Tab), a remote listing in progress ends and
// the completions found so far are not offered. The candidates are
// escaped (transcript.Escape), as every text from a server that reaches
// the terminal is.
func (a *Interpreter) CompleteContext(ctx context.Context, text string) []string {
	if !a.busy.TryLock() {
		return nil
	}
	defer a.busy.Unlock()
	words, cur := splitForCompletion(text)
	var cands []string
	if len(words) == 0 {
		cands = a.completeSubcommands(cur)
	} else {
		cands = a.completeArgument(ctx, words, cur)
	}
	for i, c := range cands {
		cands[i] = transcript.Escape(c)
	}
	sort.Strings(cands)
	return cands
}

// reportCompletionLoss closes, with ZFT0112E, a session that a cut-short
// completion listing left unusable; the command loop calls it before it
// runs the next subcommand.
func (a *Interpreter) reportCompletionLoss() {
	if !a.comp.lost {
		return
	}
	a.comp.lost = false
	a.out.Printf(transcript.MsgConnectionLost, "the listing for Tab completion did not finish; the session is closed")
}

// splitForCompletion splits the text before the cursor into the complete
// words and the word being typed ("" after a blank).
func splitForCompletion(text string) (words []string, cur string) {
	words = strings.Fields(text)
	if len(words) > 0 && !strings.HasSuffix(text, " ") && !strings.HasSuffix(text, "\t") {
		cur = words[len(words)-1]
		words = words[:len(words)-1]
	}
	return words, cur
}

// subcommands returns the subcommand names that start with prefix, in its
// case (upper when it is all capitals), each followed by a blank.
func (a *Interpreter) completeSubcommands(prefix string) []string {
	upper := prefix != "" && prefix == strings.ToUpper(prefix) && prefix != strings.ToLower(prefix)
	p := strings.ToUpper(prefix)
	var out []string
	for _, s := range a.table {
		if s.zosOnly || !strings.HasPrefix(s.name, p) || s.name == "?" || s.name == "!" {
			continue
		}
		name := strings.ToLower(s.name)
		if upper {
			name = s.name
		}
		out = append(out, prefix+name[len(prefix):]+" ")
	}
	return out
}

// argument completes argument len(words) of the subcommand words[0].
func (a *Interpreter) completeArgument(ctx context.Context, words []string, cur string) []string {
	res := lookup(a.table, words[0])
	if res.sub == nil {
		return nil
	}
	spec, ok := completionArgs[res.sub.name]
	if !ok || strings.HasPrefix(cur, "(") {
		return nil
	}
	i := len(words) - 1
	if i >= len(spec.kinds) {
		if !spec.repeat {
			return nil
		}
		i = len(spec.kinds) - 1
	}
	switch spec.kinds[i] {
	case argLocal:
		return a.completeLocal(cur, false)
	case argLocalDir:
		return a.completeLocal(cur, true)
	case argRemote:
		return a.completeRemote(ctx, cur)
	case argSubcommand:
		return a.completeSubcommands(cur)
	}
	return nil
}

// local returns the local names that start with prefix, relative to the
// local directory: directories end with the separator (go on typing),
// files with a blank.
func (a *Interpreter) completeLocal(prefix string, dirsOnly bool) []string {
	dir, base := "", prefix
	if i := strings.LastIndexAny(prefix, `/`+string(filepath.Separator)); i >= 0 {
		dir, base = prefix[:i+1], prefix[i+1:]
	}
	look := a.localDir
	if dir != "" {
		look = a.resolve(dir)
	}
	ents, err := os.ReadDir(look)
	if err != nil {
		return nil
	}
	var out []string
	for _, e := range ents {
		n := e.Name()
		if !strings.HasPrefix(n, base) || strings.HasPrefix(n, ".") && !strings.HasPrefix(base, ".") || strings.ContainsAny(n, " \t") {
			continue
		}
		isDir := e.IsDir()
		if e.Type()&os.ModeSymlink != 0 {
			if fi, err := os.Stat(filepath.Join(look, n)); err == nil {
				isDir = fi.IsDir()
			}
		}
		switch {
		case isDir:
			out = append(out, dir+n+"/")
		case !dirsOnly:
			out = append(out, dir+n+" ")
		}
	}
	return out
}

// completeRemote returns the remote names that start with prefix: in the
// current remote directory, or in the directory prefix names up to its
// last slash, each listed (quietly) at the first Tab and kept until a
// subcommand may change them. Directories end with a slash (go on
// typing), files with a blank.
func (a *Interpreter) completeRemote(ctx context.Context, prefix string) []string {
	if a.sess == nil || a.sess.Err() != nil {
		return nil
	}
	dir, base := "", prefix
	if i := strings.LastIndexByte(prefix, '/'); i >= 0 {
		dir, base = prefix[:i+1], prefix[i+1:]
	}
	c := &a.comp
	if c.sess != a.sess {
		c.forget()
		c.sess = a.sess
	}
	names, ok := c.dirs[dir]
	if !ok {
		names, ok = a.fetchRemoteNames(ctx, dir)
		if a.sess.Err() != nil {
			// The listing was cut short while a reply was awaited: the
			// reply may still come, so the session cannot go on.
			a.sess.Close()
			a.sess, a.comp.lost = nil, true
			c.forget()
			return nil
		}
		if ok {
			if c.dirs == nil || len(c.dirs) >= maxRemoteDirs {
				c.dirs = map[string][]remoteName{}
			}
			c.dirs[dir] = names
		}
	}
	var out []string
	for _, n := range names {
		if !strings.HasPrefix(n.name, base) || strings.HasPrefix(n.name, ".") && !strings.HasPrefix(base, ".") {
			continue
		}
		if n.dir {
			out = append(out, dir+n.name+"/")
		} else {
			out = append(out, dir+n.name+" ")
		}
	}
	return out
}

// fetchRemoteNames lists remote directory dir ("" the current one) out of
// the transcript: with LIST, which tells directories apart when the
// server answers in the Unix ls format, else with NLST. Both are read line
// by line and end once maxRemoteNames names are in, so a listing of any
// length costs bounded memory. A reply error (an empty directory on some
// servers) is an empty list that is kept; a failure of the connection is
// not kept.
func (a *Interpreter) fetchRemoteNames(ctx context.Context, dir string) ([]remoteName, bool) {
	arg := strings.TrimSuffix(dir, "/")
	if dir == "/" {
		arg = "/"
	}
	wait := a.comp.wait
	if wait <= 0 {
		wait = completionWait
	}
	ctx, cancel := context.WithTimeout(ctx, wait)
	defer cancel()
	var names []remoteName
	var err error
	a.quietly(func() {
		_, err = a.sess.ListLines(ctx, arg, func(l string) error {
			n, keep, unix := unixListingName(l)
			switch {
			case !unix:
				return errNotUnixListing
			case keep:
				names = append(names, n)
			}
			return enough(names)
		})
	})
	if err == nil || errors.Is(err, errEnoughNames) {
		return names, true
	}
	if ctx.Err() != nil || a.sess.Err() != nil {
		return nil, false // cut short (Ctrl-C, completionWait): nothing is kept
	}
	names = nil
	a.quietly(func() {
		_, err = a.sess.NameList(ctx, arg, func(l string) error {
			if i := strings.LastIndexByte(l, '/'); i >= 0 {
				l = l[i+1:]
			}
			if l != "" && l != "." && l != ".." && !strings.ContainsAny(l, " \t") {
				names = append(names, remoteName{name: l})
			}
			return enough(names)
		})
	})
	if err != nil && !errors.Is(err, errEnoughNames) {
		var re *client.ReplyError
		return nil, errors.As(err, &re) && ctx.Err() == nil
	}
	return names, true
}

// errEnoughNames ends a listing once maxRemoteNames names are in.
var errEnoughNames = errors.New("enough names for completion")

// enough returns errEnoughNames once names holds maxRemoteNames.
func enough(names []remoteName) error {
	if len(names) == maxRemoteNames {
		return errEnoughNames
	}
	return nil
}

// unixListingName reads one line of a LIST answer in the Unix ls -l format
// ("drwxr-xr-x 2 owner group 4096 Jan 01 12:00 name"): unix is false when
// the line is in another format, keep false for a line that names nothing
// to complete ("total", ".", "..", names with blanks or slashes).
func unixListingName(l string) (n remoteName, keep, unix bool) {
	if l == "" || strings.HasPrefix(l, "total ") {
		return remoteName{}, false, true
	}
	f, ok := unixFields(l)
	if !ok {
		return remoteName{}, false, false
	}
	name := strings.Join(f[8:], " ")
	if f[0][0] == 'l' {
		if i := strings.Index(name, " -> "); i >= 0 {
			name = name[:i]
		}
	}
	if name == "." || name == ".." || strings.ContainsAny(name, " \t/") {
		return remoteName{}, false, true
	}
	return remoteName{name: name, dir: f[0][0] == 'd'}, true, true
}

// unixFields splits a LIST line and reports whether it has the shape of a
// Unix "ls -l" line: nine fields or more, the first a mode string.
func unixFields(l string) ([]string, bool) {
	f := strings.Fields(l)
	if len(f) < 9 || len(f[0]) < 10 || !strings.ContainsRune("-dlbcps", rune(f[0][0])) {
		return nil, false
	}
	return f, true
}
