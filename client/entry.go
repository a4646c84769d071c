package client

import (
	"strconv"
	"strings"
	"time"
)

// EntryKind says what an Entry names.
type EntryKind int

// The kinds of Entry.
const (
	KindUnknown EntryKind = iota // the listing did not say (or named a device, FIFO or socket)
	KindFile                     // a file
	KindDir                      // a directory, or a z/OS pseudo directory (a qualifier)
	KindLink                     // a symbolic link
	KindDataSet                  // an MVS data set (sequential, or partitioned: see Entry.IsDir)
	KindMember                   // a member of a PDS/PDSE
)

var kindNames = [...]string{"unknown", "file", "dir", "link", "dataset", "member"}

// String returns the kind in lower case ("file", "dir", "dataset", ...).
func (k EntryKind) String() string {
	if k >= 0 && int(k) < len(kindNames) {
		return kindNames[k]
	}
	return "EntryKind(" + strconv.Itoa(int(k)) + ")"
}

// Entry is one entry of a listing: a line of an MLSD listing or an MLST
// reply (ParseMLSxEntry), or a line of a LIST reply in one of the formats
// ParseListLine knows.
type Entry struct {
	Name   string            // the name or pathname, as sent (it may hold spaces and semicolons); a data set name without quotes
	Kind   EntryKind         // what the entry names
	Type   string            // MLSx only: the type fact in lower case: "file", "dir", "cdir", "pdir", "os.…"; "" if absent
	Size   int64             // the size in bytes; -1 if the listing gives none (MVS listings give tracks and lines, not bytes)
	Modify time.Time         // the modification time (UTC; MVS: the Referred date or a member's Changed time); zero if none
	Target string            // a symbolic link's target ("name -> target", or MLSx OS.unix=slink:target); "" otherwise
	Facts  map[string]string // MLSx: every fact, names in lower case. MVS: the listing's columns, see ParseListLine. Values as sent
	Raw    string            // the line as received
}

// IsDir reports whether the entry is something to change into: a
// directory (KindDir), or a partitioned data set (KindDataSet whose dsorg
// is PO or PO-E).
func (e Entry) IsDir() bool {
	switch e.Kind {
	case KindDir:
		return true
	case KindDataSet:
		d := e.Facts["dsorg"]
		return d == "PO" || d == "PO-E"
	}
	return false
}

// mlsxKind derives the kind (and a symbolic link's target) from the type
// fact of an MLSx entry (typ in lower case, raw as sent) and its facts:
// file, dir/cdir/pdir, and the OS.unix=slink:target (RFC 3659 §7.5.1) and
// OS.unix=symlink types or a unix.mode with the S_IFLNK bits for links.
func mlsxKind(typ, raw string, facts map[string]string) (EntryKind, string) {
	switch typ {
	case "file":
		return KindFile, ""
	case "dir", "cdir", "pdir":
		return KindDir, ""
	}
	if rest, ok := strings.CutPrefix(typ, "os.unix="); ok {
		if strings.HasPrefix(rest, "slink") || strings.HasPrefix(rest, "symlink") {
			target := ""
			if i := strings.IndexByte(raw, ':'); i >= 0 {
				target = raw[i+1:]
			}
			return KindLink, target
		}
	}
	if m, ok := facts["unix.mode"]; ok && len(m) <= 12 {
		if v, err := strconv.ParseUint(m, 8, 32); err == nil && v&0o170000 == 0o120000 {
			return KindLink, ""
		}
	}
	return KindUnknown, ""
}
