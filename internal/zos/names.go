package zos

import (
	"errors"
	"fmt"
	"path"
	"strings"

	"github.com/zftp/zftp/client"
	"github.com/zftp/zftp/transcript"
)

// collectNames runs NLST pattern and returns its names, bounded as every
// listing zftp holds is (client.DefaultListLimit, one client.ListCounter):
// the list is streamed (client.Session.NameList) and collected, since the
// names are acted on once the listing has ended; past either bound the
// subcommand fails with MsgNameListTooLong instead of growing without
// limit.
func (a *Interpreter) collectNames(sub, pattern string) ([]string, error) {
	var names []string
	count := client.DefaultListLimit.Counter()
	_, err := a.sess.NameList(a.ctx, pattern, func(name string) error {
		if err := count.Add(name); err != nil {
			return err
		}
		names = append(names, name)
		return nil
	})
	if errors.Is(err, client.ErrListTooLong) {
		l := client.DefaultListLimit
		a.out.Printf(transcript.MsgNameListTooLong, sub, l.Entries, l.Bytes)
		return nil, shown(ecSession, fmt.Errorf("%s %s: %w", sub, pattern, err))
	}
	if a.serverDidNotGlob(pattern, names, err) {
		if local, lerr := a.matchHere(sub, pattern); lerr == nil {
			return local, nil
		}
	}
	return underPatternDir(pattern, names), err
}

// underPatternDir gives the names NLST returned for a pattern with a
// directory part their directory when they have none. Most servers answer
// NLST sub/f* with "sub/f1", but Twisted answers "f1", which means sub's
// f1: taken as it is, MGET, MDELETE and MIRROR would act on the current
// directory's file of that name. A bare name listed for sub/f* is sub's; for
// a pattern without wildcards (sub/x), the bare name x is the file itself
// and any other bare name an entry of the directory sub/x. Names with a
// directory of their own, and names of a pattern without one (an MVS
// pattern, "*.txt", or "sub", which may name a data set), are kept as they
// are.
func underPatternDir(pattern string, names []string) []string {
	dir, base := path.Split(pattern)
	if dir == "" {
		return names
	}
	for i, n := range names {
		switch {
		case strings.Contains(n, "/"):
		case hasGlobMeta(base) || base == "":
			names[i] = dir + n
		case n == base:
			names[i] = pattern
		default:
			names[i] = pattern + "/" + n
		}
	}
	return names
}

// serverDidNotGlob reports whether NLST of a wildcard pattern came back
// refused (4xx or 5xx, the session still usable) or empty: RFC 959 does not
// ask a server to expand wildcards, and pure-ftpd, pyftpdlib and goftp do
// not, so MGET and MDELETE then match the names themselves (matchHere).
func (a *Interpreter) serverDidNotGlob(pattern string, names []string, err error) bool {
	dir, base := path.Split(pattern)
	if !hasGlobMeta(base) || hasGlobMeta(dir) || a.sess.Err() != nil {
		return false
	}
	return client.ReplyCode(err) >= 400 || (err == nil && len(names) == 0)
}

// matchHere lists the pattern's directory (client.Session.ReadDir: MLSD,
// or LIST in any format the engine parses) and returns the names that
// match its last element, as a server would: '*', '?' and '[...]'
// (path.Match). Directories are left out, as NLST of a pattern leaves
// them for a file transfer. It says once that the names were matched
// here (ZFT0195I); a pattern no entry matches gives no names, and the
// caller reports that as it reports an empty NLST.
func (a *Interpreter) matchHere(sub, pattern string) ([]string, error) {
	dir, base := path.Split(pattern)
	a.out.Printf(transcript.MsgMatchedHere, pattern)
	var names []string
	count := client.DefaultListLimit.Counter()
	err := a.sess.ReadDir(a.ctx, strings.TrimSuffix(dir, "/"), func(e client.Entry) error {
		if e.IsDir() {
			return nil
		}
		ok, err := path.Match(base, e.Name)
		if err != nil || !ok {
			return err
		}
		if err := count.Add(e.Name); err != nil {
			return err
		}
		names = append(names, dir+e.Name)
		return nil
	})
	if err != nil {
		return nil, fmt.Errorf("%s %s: %w", sub, pattern, err)
	}
	return names, nil
}
