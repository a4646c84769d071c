package zos

import (
	"bytes"
	"errors"
	"os"
	"path/filepath"
	"sort"
	"strings"

	"github.com/zftp/zftp/client"
)

// Tab completion at the Command: prompt (readline.AutoCompleter):
//
//   - the first word: subcommand names (z/OS-only ones left out), in the
//     case typed;
//   - local names (PUT, MPUT, APPEND, LCD, LMKDIR, GET's second argument):
//     files and directories relative to the local directory (LCD);
//   - remote names (GET, MGET, CD, DELETE, RENAME ...): the names of the
//     current remote directory, from an NLST that is kept until a
//     subcommand that may change them (CD, PUT, DELETE, RENAME, MKDIR,
//     RMDIR ...; remoteChanging), and fetched again at the next Tab;
//   - HELP's argument: subcommand names.
//
// The NLST is sent only at a Tab, while the command loop waits at the
// prompt, and it is kept out of the transcript (quietly).

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
	"HELP":    {[]argKind{argSubcommand}, false},
	"?":       {[]argKind{argSubcommand}, false},
}

// maxRemoteNames bounds the cached remote names.
const maxRemoteNames = 20000

// completion holds the remote names of the current remote directory for
// Complete; the Interpreter's busy lock guards it, as it guards the
// session.
type completion struct {
	sess  *client.Session // the session they came from
	names []string
	ok    bool
}

// forget drops the cached remote names; the caller holds busy.
func (c *completion) forget() {
	c.ok = false
	c.names = nil
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
	if !a.busy.TryLock() {
		return nil
	}
	defer a.busy.Unlock()
	words, cur := splitForCompletion(text)
	var cands []string
	if len(words) == 0 {
		cands = a.completeSubcommands(cur)
	} else {
		cands = a.completeArgument(words, cur)
	}
	sort.Strings(cands)
	return cands
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
func (a *Interpreter) completeArgument(words []string, cur string) []string {
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
		return a.completeRemote(cur)
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

// remote returns the names of the current remote directory that start
// with prefix, fetching them when they are not cached.
func (a *Interpreter) completeRemote(prefix string) []string {
	if strings.ContainsAny(prefix, "/") {
		return nil // only the current directory's names are known
	}
	if a.sess == nil || a.sess.Err() != nil {
		return nil
	}
	c := &a.comp
	if !c.ok || c.sess != a.sess {
		c.names, c.ok = a.fetchRemoteNames()
		c.sess = a.sess
	}
	var out []string
	for _, n := range c.names {
		if strings.HasPrefix(n, prefix) {
			out = append(out, n+" ")
		}
	}
	return out
}

// fetchRemoteNames lists the current remote directory with NLST, out of
// the transcript. A reply error (an empty directory on some servers) is
// an empty list that is kept; a failure of the connection is not kept.
func (a *Interpreter) fetchRemoteNames() ([]string, bool) {
	var buf bytes.Buffer
	var err error
	a.quietly(func() { _, err = a.sess.Nlst("", &buf) })
	if err != nil {
		var re *client.ReplyError
		return nil, errors.As(err, &re)
	}
	var names []string
	for _, l := range strings.Split(buf.String(), "\n") {
		l = strings.TrimSuffix(l, "\r")
		if i := strings.LastIndexByte(l, '/'); i >= 0 {
			l = l[i+1:]
		}
		if l == "" || l == "." || l == ".." || strings.ContainsAny(l, " \t") {
			continue
		}
		names = append(names, l)
		if len(names) == maxRemoteNames {
			break
		}
	}
	return names, true
}
