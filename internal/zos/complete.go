package zos

import (
	"context"
	"errors"
	"os"
	"path/filepath"
	"runtime"
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
//     slash, from a LIST whose lines client.ParseListLine reads (NLST
//     when a line is in no format it knows) that is kept until a
//     subcommand that may change them (the table's changesRemote: CD,
//     PUT, DELETE, RENAME, MKDIR, RMDIR ...), and fetched again at the
//     next Tab; directories end with a slash;
//   - HELP's argument: subcommand names.
//
// What each argument names is the subcommand table's args fact. The
// listing is sent only at a Tab, while the command loop waits at the
// prompt, and it is kept out of the transcript (unobserved). It is bounded
// in time (completionWait) and ends when the caller's context does
// (Ctrl-C at the terminal): a stalled transfer is aborted (ABOR) and the
// session goes on; a reply that never came leaves the session unusable,
// and it is closed with ZFT0112E before the next subcommand. Every
// candidate goes through transcript.Escape: a name with control characters
// from a hostile listing is shown, and inserted into the line, in caret
// notation (which names no remote file), never as the bytes that would
// drive the terminal.

// remoteNameLimit bounds the cached remote names of one directory.
var remoteNameLimit = client.ListLimit{Entries: 20000}

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
	switch {
	case len(words) == 0 && strings.HasPrefix(cur, "!") && len(cur) > 1:
		for _, c := range completeCommands(cur[1:]) { // !ls, typed without a blank
			cands = append(cands, "!"+c)
		}
	case len(words) == 0:
		cands = a.completeSubcommands(cur)
	default:
		if w := words[0]; len(w) > 1 && strings.HasPrefix(w, "!") {
			words = append([]string{"!", w[1:]}, words[1:]...)
		}
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
// words (a double-quoted one without its quotes, as quotedFields reads
// it) and the word being typed, as typed ("" after a blank; from the
// opening quote on when a quote is open: `"a b`).
func splitForCompletion(text string) (words []string, cur string) {
	s := text
	for {
		s = strings.TrimLeft(s, " \t")
		if s == "" {
			return words, ""
		}
		if s[0] == '"' {
			end := strings.IndexByte(s[1:], '"')
			if end < 0 || 2+end == len(s) {
				return words, s // an open quote, or a closed one the cursor is right after
			}
			words, s = append(words, s[1:1+end]), s[2+end:]
			continue
		}
		i := strings.IndexAny(s, " \t")
		if i < 0 {
			return words, s
		}
		words, s = append(words, s[:i]), s[i:]
	}
}

// CompletionWord returns the word that ends text (the line before the
// cursor) as typed: what the candidates of Complete start with. A
// double-quoted word counts from its opening quote (`get "a b` is
// completing `"a b`).
func CompletionWord(text string) string {
	_, cur := splitForCompletion(text)
	return cur
}

// typedName is the word being typed as a name: the name without its
// quotes, and whether it was typed inside double quotes.
func typedName(cur string) (name string, quoted bool) {
	if !strings.HasPrefix(cur, `"`) {
		return cur, false
	}
	return strings.TrimSuffix(cur[1:], `"`), true
}

// candidate returns a completed name as it is inserted into the line,
// by the quoting rule of quotedFields: a name with a blank, or one typed
// inside quotes, is double-quoted; a directory stays open (go on typing
// inside the quotes: `"my dir/`), a file is closed (`"a b" `). ok is
// false for a name the rule cannot write: one with a blank and a double
// quote, or one whose blank cannot be reached because its first part was
// typed without the opening quote (type `"` first).
func candidate(full string, isDir, quoted, typedSome bool) (string, bool) {
	blank := strings.ContainsAny(full, " ")
	switch {
	case !quoted && !blank:
		if isDir {
			return full + "/", true
		}
		return full + " ", true
	case strings.Contains(full, `"`), !quoted && typedSome:
		return "", false
	case isDir:
		return `"` + full + "/", true
	default:
		return `"` + full + `" `, true
	}
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
	kinds, args := res.sub.args, words[1:]
	if len(args) > 0 && strings.HasPrefix(args[0], "-") {
		if k, ok := res.sub.optionArgs[strings.ToUpper(args[0])]; ok {
			kinds = k
		}
	}
	for len(args) > 0 && strings.HasPrefix(args[0], "-") {
		args = args[1:] // options take no place among the arguments
	}
	if len(kinds) == 0 || strings.HasPrefix(cur, "(") || strings.HasPrefix(cur, "-") {
		return nil
	}
	i := len(args)
	if i >= len(kinds) {
		if !res.sub.argsRepeat {
			return nil
		}
		i = len(kinds) - 1
	}
	switch kinds[i] {
	case argLocal:
		return a.completeLocal(cur, false)
	case argLocalDir:
		return a.completeLocal(cur, true)
	case argRemote:
		return a.completeRemote(ctx, cur)
	case argSubcommand:
		return a.completeSubcommands(cur)
	case argCommand:
		return completeCommands(cur)
	}
	return nil
}

// executable reports whether a file found in PATH can be run: an
// execute bit on Unix, a program's extension on Windows.
func executable(fi os.FileInfo) bool {
	if runtime.GOOS == "windows" {
		switch strings.ToLower(filepath.Ext(fi.Name())) {
		case ".exe", ".com", ".bat", ".cmd":
			return true
		}
		return false
	}
	return fi.Mode().IsRegular() && fi.Mode()&0o111 != 0 || fi.Mode()&os.ModeSymlink != 0
}

// completeCommands returns the names of the commands in PATH that start
// with prefix, each followed by a blank ("!" runs them in the local
// shell); a prefix with a separator names a local file instead, and gets
// none.
func completeCommands(prefix string) []string {
	if strings.ContainsAny(prefix, `/\"`) {
		return nil
	}
	seen := map[string]bool{}
	var out []string
	for _, dir := range filepath.SplitList(os.Getenv("PATH")) {
		if dir == "" {
			continue
		}
		ents, err := os.ReadDir(dir)
		if err != nil {
			continue
		}
		for _, e := range ents {
			n := e.Name()
			if seen[n] || !strings.HasPrefix(n, prefix) || strings.ContainsAny(n, " \t") || e.IsDir() {
				continue
			}
			if fi, err := e.Info(); err != nil || !executable(fi) {
				continue
			}
			seen[n] = true
			out = append(out, n+" ")
		}
	}
	return out
}

// local returns the local names that start with prefix, relative to the
// local directory: directories end with the separator (go on typing),
// files with a blank.
func (a *Interpreter) completeLocal(cur string, dirsOnly bool) []string {
	prefix, quoted := typedName(cur)
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
		if !strings.HasPrefix(n, base) || strings.HasPrefix(n, ".") && !strings.HasPrefix(base, ".") || strings.ContainsAny(n, "\t") {
			continue
		}
		isDir := e.IsDir()
		if e.Type()&os.ModeSymlink != 0 {
			if fi, err := os.Stat(filepath.Join(look, n)); err == nil {
				isDir = fi.IsDir()
			}
		}
		if !isDir && dirsOnly {
			continue
		}
		if c, ok := candidate(dir+n, isDir, quoted, prefix != ""); ok {
			out = append(out, c)
		}
	}
	return out
}

// completeRemote returns the remote names that start with prefix: in the
// current remote directory, or in the directory prefix names up to its
// last slash, each listed (unobserved) at the first Tab and kept until a
// subcommand may change them. Directories end with a slash (go on
// typing), files with a blank.
func (a *Interpreter) completeRemote(ctx context.Context, cur string) []string {
	if a.sess == nil || a.sess.Err() != nil {
		return nil
	}
	prefix, quoted := typedName(cur)
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
		if c, ok := candidate(dir+n.name, n.dir, quoted, prefix != ""); ok {
			out = append(out, c)
		}
	}
	return out
}

// fetchRemoteNames lists remote directory dir ("" the current one) out of
// the transcript: with LIST, whose lines client.ParseListLine reads (it
// tells directories apart), else, when a line is in no format it knows,
// with NLST. Both are read line by line and end once remoteNameLimit
// names are in (client.ListCounter), so a listing of any length costs
// bounded memory. A reply error (an empty directory on some servers) is
// an empty list that is kept; a failure of the connection is not kept.
func (a *Interpreter) fetchRemoteNames(ctx context.Context, dir string) ([]remoteName, bool) {
	arg := strings.TrimSuffix(dir, "/")
	if dir == "/" {
		arg = "/"
	}
	wait := a.comp.wait
	if wait <= 0 {
		wait = completionWait
	}
	ctx, cancel := context.WithTimeout(unobserved(ctx), wait)
	defer cancel()
	var names []remoteName
	count := remoteNameLimit.Counter()
	keep := func(n remoteName) error {
		if n.name == "" || n.name == "." || n.name == ".." || strings.ContainsAny(n.name, "\t/") {
			return nil
		}
		if err := count.Add(n.name); err != nil {
			return err
		}
		names = append(names, n)
		return nil
	}
	_, err := a.sess.ListLines(ctx, arg, func(l string) error {
		e, ok := client.ParseListLine(l)
		switch {
		case !ok && client.IsListNoise(l):
			return nil
		case !ok:
			return errUnknownListing
		}
		return keep(remoteName{name: e.Name, dir: e.Kind == client.KindDir})
	})
	if err == nil || errors.Is(err, client.ErrListTooLong) {
		return names, true
	}
	if ctx.Err() != nil || a.sess.Err() != nil {
		return nil, false // cut short (Ctrl-C, completionWait): nothing is kept
	}
	names, count = nil, remoteNameLimit.Counter()
	_, err = a.sess.NameList(ctx, arg, func(l string) error {
		if i := strings.LastIndexByte(l, '/'); i >= 0 {
			l = l[i+1:]
		}
		return keep(remoteName{name: l})
	})
	if err != nil && !errors.Is(err, client.ErrListTooLong) {
		var re *client.ReplyError
		return nil, errors.As(err, &re) && ctx.Err() == nil
	}
	return names, true
}

// errUnknownListing ends a LIST with a line no listing parser knows:
// completion then asks NLST.
var errUnknownListing = errors.New("listing in a format zftp does not know")
