package ftpd

import (
	"fmt"
	"io/fs"
	"path"
	"slices"
	"strings"
	"time"
)

// listEntry is one line of a LIST or NLST reply.
type listEntry struct {
	name string // as shown: for NLST, a path the client can use
	info fs.FileInfo
	link string // symbolic link target, if any
}

// listArg drops ls-style options ("-la") from a LIST or NLST argument.
func listArg(arg string) string {
	for strings.HasPrefix(arg, "-") {
		_, rest, _ := strings.Cut(arg, " ")
		arg = strings.TrimLeft(rest, " ")
	}
	return arg
}

// listEntries resolves the argument of LIST or NLST: a directory lists its
// entries, a file itself, and a last element with *, ? or [ the entries
// of its directory that match it.
func (s *session) listEntries(arg string) ([]listEntry, error) {
	v := s.virtual(arg)
	fi, err := s.srv.root.Stat(rel(v))
	if err != nil && strings.ContainsAny(path.Base(v), "*?[") {
		return s.globEntries(arg, v)
	}
	if err != nil {
		return nil, err
	}
	if !fi.IsDir() {
		li, err := s.srv.root.Lstat(rel(v))
		if err != nil {
			return nil, err
		}
		return []listEntry{s.entry(arg, v, li)}, nil
	}
	return s.dirEntries(v, arg, func(string) bool { return true })
}

func (s *session) globEntries(arg, v string) ([]listEntry, error) {
	pattern := path.Base(v)
	if _, err := path.Match(pattern, ""); err != nil {
		return nil, fmt.Errorf("pattern %q: %w", pattern, err)
	}
	prefix := ""
	if i := strings.LastIndex(arg, "/"); i >= 0 {
		prefix = arg[:i+1]
	}
	return s.dirEntries(path.Dir(v), prefix, func(name string) bool {
		ok, _ := path.Match(pattern, name)
		return ok
	})
}

// dirEntries lists the directory v, keeping names that match keep and
// showing each as prefix joined with its name.
func (s *session) dirEntries(v, prefix string, keep func(string) bool) ([]listEntry, error) {
	d, err := s.srv.root.Open(rel(v))
	if err != nil {
		return nil, err
	}
	defer d.Close()
	des, err := d.ReadDir(-1)
	if err != nil {
		return nil, fmt.Errorf("read directory: %w", err)
	}
	var out []listEntry
	for _, de := range des {
		if !keep(de.Name()) {
			continue
		}
		fi, err := de.Info()
		if err != nil {
			continue // removed meanwhile
		}
		name := de.Name()
		if prefix != "" {
			name = strings.TrimSuffix(prefix, "/") + "/" + name
		}
		out = append(out, s.entry(name, path.Join(v, de.Name()), fi))
	}
	slices.SortFunc(out, func(a, b listEntry) int { return strings.Compare(a.name, b.name) })
	return out, nil
}

func (s *session) entry(name, v string, fi fs.FileInfo) listEntry {
	e := listEntry{name: name, info: fi}
	if fi.Mode()&fs.ModeSymlink != 0 {
		e.link, _ = s.srv.root.Readlink(rel(v))
	}
	return e
}

// isDir reports whether a LIST argument names a directory (not a file or
// a pattern).
func (s *session) isDir(arg string) bool {
	fi, err := s.srv.root.Stat(rel(s.virtual(arg)))
	return err == nil && fi.IsDir()
}

// totalLine is the first line of an IBM listing of a z/OS UNIX directory:
// the z/OS server lists one with /bin/ls, whose long format starts with
// "total". (unverified: a public capture of a z/OS 3.1 server shows
// "total 3" and, for an empty directory, "total 0"; IBM's manuals show
// no z/OS UNIX LIST. zftpd counts the 1 KiB blocks of the entries' sizes,
// as GNU ls does by default.)
func totalLine(entries []listEntry) string {
	var blocks int64
	for _, e := range entries {
		blocks += (e.info.Size() + 1023) / 1024
	}
	return fmt.Sprintf("total %d", blocks)
}

// longLine formats e as ls -l does.
func longLine(e listEntry, owner string, now time.Time) string {
	fi := e.info
	nlink := 1
	if fi.IsDir() {
		nlink = 2
	}
	t := fi.ModTime()
	date := t.Format("Jan _2 15:04")
	if t.Before(now.AddDate(0, -6, 0)) || t.After(now.Add(time.Hour)) {
		date = t.Format("Jan _2  2006")
	}
	name := path.Base(e.name)
	if e.link != "" {
		name += " -> " + e.link
	}
	return fmt.Sprintf("%s %3d %-8s %-8s %12d %s %s", modeString(fi.Mode()), nlink, owner, owner, fi.Size(), date, name)
}

// modeString formats m as the first column of ls -l.
func modeString(m fs.FileMode) string {
	var b [10]byte
	switch {
	case m.IsDir():
		b[0] = 'd'
	case m&fs.ModeSymlink != 0:
		b[0] = 'l'
	case m&fs.ModeNamedPipe != 0:
		b[0] = 'p'
	case m&fs.ModeSocket != 0:
		b[0] = 's'
	case m&fs.ModeCharDevice != 0:
		b[0] = 'c'
	case m&fs.ModeDevice != 0:
		b[0] = 'b'
	default:
		b[0] = '-'
	}
	const rwx = "rwxrwxrwx"
	for i := range 9 {
		b[i+1] = '-'
		if m&(1<<(8-i)) != 0 {
			b[i+1] = rwx[i]
		}
	}
	special := func(i int, set bool, lower, upper byte) {
		if !set {
			return
		}
		if b[i] == '-' {
			b[i] = upper
		} else {
			b[i] = lower
		}
	}
	special(3, m&fs.ModeSetuid != 0, 's', 'S')
	special(6, m&fs.ModeSetgid != 0, 's', 'S')
	special(9, m&fs.ModeSticky != 0, 't', 'T')
	return string(b[:])
}
