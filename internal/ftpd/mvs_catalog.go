package ftpd

import (
	"bufio"
	"errors"
	"fmt"
	"io"
	"io/fs"
	"slices"
	"strconv"
	"strings"
	"time"
)

// The on-disk form of the MVS catalog (Options.MVS); the package comment
// states the rule for users.
const (
	pdsSuffix = ".pds" // a directory HLQ/NAME.pds is the PDS HLQ.NAME
	dcbSuffix = ".dcb" // the file HLQ/.NAME.dcb holds the attributes of HLQ.NAME
)

// Listing constants: the volume serial and unit every data set shows,
// and the bytes of one 3390 track, from which Used and Ext are computed.
const (
	mvsVolume      = "ZFTPD1"
	mvsUnit        = "3390"
	trackBytes     = 56664
	extentTracks   = 15 // primary and secondary allocation, in tracks
	mvsDateLayout  = "2006/01/02"
	mvsStampLayout = "2006/01/02 15:04"
)

// dsKind says what a data set name is on disk.
type dsKind int

const (
	kindNone dsKind = iota // not cataloged
	kindSeq                // a sequential data set (a regular file)
	kindPDS                // a partitioned data set (a directory)
)

// dcb holds the attributes a data set was allocated with.
type dcb struct {
	recfm   string
	lrecl   int
	blksize int
}

// defaultDCB is what SITE starts with: the defaults of the z/OS server's
// FTP.DATA. IBM, IP Configuration Reference, BLKSIZE statement
// (ftpcasblksize.htm): "The default block size is 6 233"; RECFM VB and
// LRECL 256 (unverified).
func defaultDCB() dcb { return dcb{recfm: "VB", lrecl: 256, blksize: 6233} }

// String formats d as the sidecar file holds it.
func (d dcb) String() string {
	return fmt.Sprintf("RECFM=%s LRECL=%d BLKSIZE=%d", d.recfm, d.lrecl, d.blksize)
}

// recfms are the record formats SITE RECFM accepts.
var recfms = []string{"F", "FA", "FB", "FBA", "FBS", "FS", "U", "UA", "V", "VA", "VB", "VBA", "VBS", "VS"}

// parseDCB parses a sidecar: RECFM=x LRECL=n BLKSIZE=n.
func parseDCB(s string) (dcb, error) {
	var d dcb
	f := strings.Fields(s)
	if len(f) != 3 {
		return d, fmt.Errorf("want RECFM= LRECL= BLKSIZE=, got %q", s)
	}
	for _, kv := range f {
		k, v, _ := strings.Cut(kv, "=")
		switch k {
		case "RECFM":
			if !slices.Contains(recfms, v) {
				return d, fmt.Errorf("RECFM %q", v)
			}
			d.recfm = v
		case "LRECL", "BLKSIZE":
			n, err := strconv.Atoi(v)
			if err != nil || n < 0 || n > 32760 {
				return d, fmt.Errorf("%s %q", k, v)
			}
			if k == "LRECL" {
				d.lrecl = n
			} else {
				d.blksize = n
			}
		default:
			return d, fmt.Errorf("unknown attribute %q", k)
		}
	}
	if d.recfm == "" {
		return d, errors.New("no RECFM")
	}
	return d, nil
}

// The paths, relative to the root, of a data set's file or directory,
// of a member, and of the attribute sidecar. Names are validated before
// they come here, so no path has "..", "/" or a leading dot of its own.
func seqPath(d dsName) string    { return d.quals[0] + "/" + strings.Join(d.quals[1:], ".") }
func pdsPath(d dsName) string    { return seqPath(d) + pdsSuffix }
func memberPath(d dsName) string { return pdsPath(d) + "/" + d.member }
func dcbPath(d dsName) string {
	return d.quals[0] + "/." + strings.Join(d.quals[1:], ".") + dcbSuffix
}

// kindOf says whether d (without its member) is a sequential data set, a
// PDS or not cataloged.
func (srv *Server) kindOf(d dsName) (dsKind, error) {
	fi, err := srv.root.Stat(seqPath(d))
	switch {
	case err == nil && fi.Mode().IsRegular():
		return kindSeq, nil
	case err != nil && !errors.Is(err, fs.ErrNotExist):
		return kindNone, err
	}
	fi, err = srv.root.Stat(pdsPath(d))
	switch {
	case err == nil && fi.IsDir():
		return kindPDS, nil
	case err != nil && !errors.Is(err, fs.ErrNotExist):
		return kindNone, err
	}
	return kindNone, nil
}

// readDCB returns the attributes of d from its sidecar, or the defaults
// when it has none; a sidecar that cannot be read is logged and the
// defaults shown.
func (srv *Server) readDCB(d dsName) dcb {
	b, err := srv.root.ReadFile(dcbPath(d))
	if errors.Is(err, fs.ErrNotExist) {
		return defaultDCB()
	}
	if err == nil && len(b) <= 256 {
		var a dcb
		if a, err = parseDCB(string(b)); err == nil {
			return a
		}
	} else if err == nil {
		err = errors.New("sidecar longer than 256 bytes")
	}
	srv.log.Warn("MVS attribute sidecar unusable; showing defaults", "file", dcbPath(d), "err", err)
	return defaultDCB()
}

// writeDCB records the attributes d was allocated with.
func (srv *Server) writeDCB(d dsName, a dcb) error {
	return srv.root.WriteFile(dcbPath(d), []byte(a.String()+"\n"), 0o644)
}

// catEntry is one data set of a catalog listing.
type catEntry struct {
	name  dsName
	kind  dsKind
	mtime time.Time
	size  int64 // bytes: the file's, or for a PDS its members'
	attrs dcb
}

// catalog returns the data sets whose names match p, sorted by name.
// Entries of the tree that are not data sets by the on-disk rule (hidden
// files, sidecars, lower-case or over-long names, other directories) are
// not data sets and are left out.
func (srv *Server) catalog(p dsPattern) ([]catEntry, error) {
	hlqs, err := srv.hlqDirs(p[0])
	if err != nil {
		return nil, err
	}
	var out []catEntry
	for _, hlq := range hlqs {
		des, err := srv.readDir(hlq)
		if err != nil {
			return nil, err
		}
		for _, de := range des {
			e, ok := srv.catEntryOf(hlq, de)
			if ok && p.match(e.name.quals) {
				out = append(out, e)
			}
		}
	}
	slices.SortFunc(out, func(a, b catEntry) int { return strings.Compare(a.name.dataset(), b.name.dataset()) })
	return out, nil
}

// hlqDirs lists the high-level qualifier directories that the first
// qualifier of a pattern can match.
func (srv *Server) hlqDirs(first string) ([]string, error) {
	if !hasWildcard(first) {
		fi, err := srv.root.Stat(first)
		if errors.Is(err, fs.ErrNotExist) || (err == nil && !fi.IsDir()) {
			return nil, nil
		}
		if err != nil {
			return nil, err
		}
		return []string{first}, nil
	}
	des, err := srv.readDir(".")
	if err != nil {
		return nil, err
	}
	var out []string
	for _, de := range des {
		if de.IsDir() && validQualifier(de.Name()) && (first == "**" || globMatch(first, de.Name())) {
			out = append(out, de.Name())
		}
	}
	return out, nil
}

// readDir reads a directory of the tree.
func (srv *Server) readDir(dir string) ([]fs.DirEntry, error) {
	d, err := srv.root.Open(dir)
	if err != nil {
		return nil, err
	}
	defer d.Close()
	des, err := d.ReadDir(-1)
	if err != nil {
		return nil, fmt.Errorf("read directory %s: %w", dir, err)
	}
	return des, nil
}

// catEntryOf turns an entry of an HLQ directory into a data set, if it
// is one.
func (srv *Server) catEntryOf(hlq string, de fs.DirEntry) (catEntry, bool) {
	name, kind := de.Name(), kindSeq
	switch {
	case de.Type().IsRegular():
	case de.IsDir() && strings.HasSuffix(name, pdsSuffix):
		name, kind = strings.TrimSuffix(name, pdsSuffix), kindPDS
	default:
		return catEntry{}, false
	}
	quals, err := splitQualifiers(hlq + "." + name)
	if err != nil {
		return catEntry{}, false
	}
	fi, err := de.Info()
	if err != nil {
		return catEntry{}, false // removed meanwhile
	}
	e := catEntry{name: dsName{quals: quals}, kind: kind, mtime: fi.ModTime(), size: fi.Size()}
	if kind == kindPDS {
		e.size = 0
		if ms, err := srv.members(e.name, "*", false); err == nil {
			for _, m := range ms {
				e.size += m.size
				e.mtime = later(e.mtime, m.mtime)
			}
		}
	}
	e.attrs = srv.readDCB(e.name)
	return e, true
}

func later(a, b time.Time) time.Time {
	if b.After(a) {
		return b
	}
	return a
}

// memberEntry is one member of a PDS listing.
type memberEntry struct {
	name  string
	mtime time.Time
	size  int64
	lines int // records: lines of the file
}

// members returns the members of pds whose names match pattern, sorted.
// With count, it reads each member to count its records (for LIST).
func (srv *Server) members(pds dsName, pattern string, count bool) ([]memberEntry, error) {
	des, err := srv.readDir(pdsPath(pds))
	if err != nil {
		return nil, err
	}
	var out []memberEntry
	for _, de := range des {
		if !de.Type().IsRegular() || !validMember(de.Name()) || !globMatch(pattern, de.Name()) {
			continue
		}
		fi, err := de.Info()
		if err != nil {
			continue // removed meanwhile
		}
		m := memberEntry{name: de.Name(), mtime: fi.ModTime(), size: fi.Size()}
		if count {
			if m.lines, err = srv.countLines(pdsPath(pds) + "/" + m.name); err != nil {
				return nil, err
			}
		}
		out = append(out, m)
	}
	slices.SortFunc(out, func(a, b memberEntry) int { return strings.Compare(a.name, b.name) })
	return out, nil
}

// countLines counts the records of a file: its lines, the last one
// counted even without a line end.
func (srv *Server) countLines(name string) (int, error) {
	f, err := srv.root.Open(name)
	if err != nil {
		return 0, err
	}
	defer f.Close()
	r := bufio.NewReaderSize(f, 64<<10)
	n, last := 0, byte('\n')
	for {
		chunk, err := r.ReadSlice('\n')
		if len(chunk) > 0 {
			last = chunk[len(chunk)-1]
			if last == '\n' {
				n++
			}
		}
		switch {
		case err == nil, errors.Is(err, bufio.ErrBufferFull):
		case errors.Is(err, io.EOF):
			if last != '\n' {
				n++
			}
			return n, nil
		default:
			return 0, err
		}
	}
}

// datasetHeader heads a data set list. IBM, IP User's Guide and Commands,
// "DIr subcommand" (dir.htm); the column positions are those of the
// listing in IBM's zos-node-accessor unit tests.
const datasetHeader = "Volume Unit    Referred Ext Used Recfm Lrecl BlkSz Dsorg Dsname"

// datasetLine formats one data set of a list, its name shown as display.
// Referred is the modification date (UTC); Used is the size in 3390
// tracks (at least one) and Ext the extents of a 15-track primary and
// 15-track secondary allocation that hold them.
func datasetLine(e catEntry, display string) string {
	tracks := max(1, (e.size+trackBytes-1)/trackBytes)
	ext := 1 + (max(0, tracks-extentTracks)+extentTracks-1)/extentTracks
	used := strconv.FormatInt(tracks, 10)
	if tracks > 99999 {
		used = "+++++" // (unverified: a z/OS listing in FluentFTP's tests shows this overflow)
	}
	dsorg := "PS"
	if e.kind == kindPDS {
		dsorg = "PO"
	}
	return fmt.Sprintf("%-6s %-4s   %-10s%3d%5s  %-5s%5d %5d  %-4s%s",
		mvsVolume, mvsUnit, e.mtime.UTC().Format(mvsDateLayout), ext, used,
		e.attrs.recfm, e.attrs.lrecl, e.attrs.blksize, dsorg, display)
}

// memberHeader heads a member list. IBM, IP User's Guide and Commands,
// "DIr subcommand" (dir.htm) lists members with ISPF statistics; the
// spacing is that of z/OS listings in public client tests (FluentFTP,
// zos-node-accessor). (unverified spacing)
const memberHeader = " Name     VV.MM   Created       Changed      Size  Init   Mod   Id"

// memberLine formats one member with the statistics zftpd keeps: version
// 01.00, created and changed at the modification time (UTC), Size and
// Init the records, Mod 0, and id the owner (the high-level qualifier).
func memberLine(m memberEntry, id string) string {
	t := m.mtime.UTC()
	return fmt.Sprintf("%-8s  01.00 %s %s %5d %5d %5d %s",
		m.name, t.Format(mvsDateLayout), t.Format(mvsStampLayout), m.lines, m.lines, 0, id)
}
