package zos

import (
	"errors"
	"fmt"
	"io/fs"
	"os"
	"strings"

	"github.com/zftp/zftp/transcript"
)

// What lftp's and tnftp's users type on a transfer subcommand, and what
// zftp makes of it, before the subcommand runs (in batch and at a
// terminal alike):
//
//   - GET -c name means REGET name (lftp's and tnftp's "continue"); MGET
//     -c pattern ... continues each file that exists locally as REGET
//     does and fetches the others.
//   - A word "&" (lftp runs such a command in the background) is refused
//     with ZFT0232E: never a local file named "&".
//   - Any other word that starts with "-" and has more letters is refused
//     with ZFT0233E, never sent as a name (RETR -c) or taken as a local
//     one. "--" ends the options: a name that starts with "-" goes after
//     it (get -- -notes.txt). A lone "-" is a name as before.
//
// z/OS data set names never start with "-" or are "&", so no z/OS job
// changes meaning.

// transferSubs are the subcommands whose arguments are the names of files
// to move.
var transferSubs = map[string]bool{
	"GET": true, "MGET": true, "PUT": true, "MPUT": true, "APPEND": true, "REGET": true, "REPUT": true,
}

// errTransferWord is wrapped by the refusals of transferWords.
var errTransferWord = errors.New("not a name")

// transferWords applies the rules above to the call of a transfer
// subcommand: it may make res name REGET (GET -c), set c.resume (MGET -c)
// and drop "--", or refuse the line (the refusal is shown, usage error).
func (a *Interpreter) transferWords(res *lookupResult, c *call) error {
	if res.sub == nil || !transferSubs[res.sub.name] {
		return nil
	}
	sub := res.sub.name
	word := strings.ToLower(c.word)
	args := make([]string, 0, len(c.args))
	resume := false
words:
	for i, w := range c.args {
		switch {
		case w == "--":
			args = append(args, c.args[i+1:]...)
			break words
		case w == "&":
			a.out.Printf(transcript.MsgBackground, word)
			return shown(ecUsage, fmt.Errorf("%s: &: %w", word, errTransferWord))
		case w == "-c" && (sub == "GET" || sub == "MGET"):
			resume = true
		case len(w) > 1 && w[0] == '-':
			a.out.Printf(transcript.MsgUnknownOption, word, w, res.sub.name, usageLine(res.sub), word, w)
			return shown(ecUsage, fmt.Errorf("%s: %s: %w", word, w, errTransferWord))
		default:
			args = append(args, w)
		}
	}
	c.args = args
	switch {
	case resume && sub == "GET":
		r := lookup(a.table, "REGET")
		res.sub, c.sub = r.sub, r.sub
	case resume:
		c.resume = true
	}
	return nil
}

// fetchResume is one file of MGET -c: a local regular file that is not
// empty is continued as REGET does (REST its size, then RETR; the result
// checked as a whole: reget.go), any other name is fetched as by MGET
// (REPLACE (an empty file, or none).
func (j *job) fetchResume(root *os.Root, remote, name string, sizes *sizeSource) error {
	fi, err := root.Lstat(name)
	switch {
	case err == nil && fi.Mode().IsRegular() && fi.Size() > 0:
		j.out.Printf(transcript.MsgRegetDone, name, fi.Size())
		return j.fetchFrom(root, remote, name, name, fi.Size())
	case err != nil && !errors.Is(err, fs.ErrNotExist):
		return j.localError(ecFileAccess, "mget", err)
	}
	return j.fetch(root, remote, name, name, true, sizes)
}
