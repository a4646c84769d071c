package client

import (
	"strings"
	"time"
)

// ParseListLine parses one line of a LIST reply (line end removed) into
// an Entry, whatever the server: ok is false for a line that no format
// below describes, which the caller must report, not drop (IsListNoise
// tells the lines that are legitimately not entries). Raw is always line;
// Name is never empty. A line longer than MaxNameLength, or holding a CR,
// LF or NUL, is never an entry. Work is linear in the line's length.
//
// Unix "ls -l": mode (with an ACL/xattr suffix "+", "@" or "."), link
// count, owner, group (or none), size, "Mon DD HH:MM" or "Mon DD  YYYY"
// (or ISO "YYYY-MM-DD HH:MM"), name. The name is everything after the
// single blank that follows the date, blanks kept; "name -> target" on a
// link sets Target. Kind is KindDir for d, KindFile for -, KindLink for l,
// KindUnknown for devices, FIFOs and sockets (Size -1 for a device's
// "major, minor"). "." and ".." are entries like any other. A time without
// a year is taken in the year that puts it at most a day after the
// present (ls shows the time only for the last six months), in UTC: the
// listing names no zone. A year gives midnight UTC of that date.
//
// MS-DOS style (IIS): "MM-DD-YY  hh:mmAM  <DIR>  name" or "... size name",
// four-digit years and 24-hour times accepted; years 70-99 are 19xx.
//
// z/OS data sets (a LIST of a catalog level; the columns Volume Unit
// Referred Ext Used Recfm Lrecl BlkSz Dsorg Dsname): Kind KindDataSet, Size
// -1 (the listing counts tracks), Modify the Referred date, Name the Dsname
// without quotes, and Facts "volume", "unit", "referred", "ext", "used",
// "recfm", "lrecl", "blksize", "dsorg" as listed (absent when the line has
// no such column). "Migrated" lines (facts: volume "Migrated"), VSAM lines,
// lines of data sets on tape or whose attributes the server could not read
// (facts: volume) are data sets too; "Pseudo Directory" (DIRECTORYMODE) and
// "User catalog connector" lines are KindDir.
//
// z/OS PDS/PDSE members, with ISPF statistics (Facts "vv.mm", "created",
// "changed", "size" (lines), "init", "mod", "id"; Modify the Changed
// time), without (just the name), or of a load library (Facts "size"
// (hexadecimal bytes), "ttr", "alias-of", "ac", "attributes", "amode",
// "rmode"): Kind KindMember, Size -1.
func ParseListLine(line string) (Entry, bool) {
	return parseListLineAt(line, time.Now())
}

// parseListLineAt is ParseListLine with the present time given, for the
// year of a Unix "Mon DD HH:MM" date.
func parseListLineAt(line string, now time.Time) (Entry, bool) {
	if line == "" || len(line) > MaxNameLength || strings.ContainsAny(line, "\r\n\x00") {
		return Entry{}, false
	}
	if e, ok := parseUnixLine(line, now); ok {
		return e, true
	}
	if e, ok := parseDOSLine(line); ok {
		return e, true
	}
	return parseMVSLine(line)
}

// IsListNoise reports whether a LIST line is legitimately not an entry: a
// blank line, Unix "total N", or a z/OS header line (data sets, PDS members
// with statistics, load library members). A line that is neither an entry
// (ParseListLine) nor noise is one the client does not understand.
func IsListNoise(line string) bool {
	var f [12]span
	n, more := splitBlank(line, f[:])
	if n == 0 {
		return true
	}
	tok := func(i int) string { return line[f[i].start:f[i].end] }
	if n == 2 && tok(0) == "total" && isTotalCount(tok(1)) {
		return true
	}
	if more {
		return false
	}
	for _, h := range listHeaders {
		if n == len(h) && tokensAre(line, f[:n], h) {
			return true
		}
	}
	// Load library members: " Name      Size   TTR   Alias-of AC --------- Attributes --------- Amode Rmode"
	// (some clients quote it with "AC---------": the ends suffice).
	return n >= 6 && tokensAre(line, f[:4], []string{"Name", "Size", "TTR", "Alias-of"}) &&
		tok(n-2) == "Amode" && tok(n-1) == "Rmode"
}

// listHeaders are the z/OS header lines, as blank-separated words.
var listHeaders = [][]string{
	// "Volume Unit    Referred Ext Used Recfm Lrecl BlkSz Dsorg Dsname"
	{"Volume", "Unit", "Referred", "Ext", "Used", "Recfm", "Lrecl", "BlkSz", "Dsorg", "Dsname"},
	// As in the DIr example of z/OS V2R3 IP User's Guide and Commands (no Unit).
	{"Volume", "Referred", "Ext", "Used", "Recfm", "Lrecl", "BlkSz", "Dsorg", "Dsname"},
	// As in the DATASetmode example of z/OS V2R1 IP User's Guide and Commands.
	{"Volume", "Unit", "Date", "Ext", "Used", "Recfm", "Lrecl", "BlkSz", "Dsorg", "Dsname"},
	// " Name     VV.MM   Created       Changed      Size  Init   Mod   Id"
	{"Name", "VV.MM", "Created", "Changed", "Size", "Init", "Mod", "Id"},
}

func tokensAre(line string, f []span, words []string) bool {
	for i, w := range words {
		if line[f[i].start:f[i].end] != w {
			return false
		}
	}
	return true
}

// isTotalCount accepts the count of "total N": digits, or ls -h's "4.0K".
func isTotalCount(s string) bool {
	if s == "" || len(s) > 24 || !isDigit(s[0]) {
		return false
	}
	if c := s[len(s)-1]; strings.IndexByte("KMGTPE", c) >= 0 {
		s = s[:len(s)-1]
	}
	whole, frac, dot := strings.Cut(s, ".")
	return allDigits(whole, 1, 20) && (!dot || allDigits(frac, 1, 3))
}

// span is a field of a line: line[start:end].
type span struct{ start, end int }

func isBlank(c byte) bool { return c == ' ' || c == '\t' }
func isDigit(c byte) bool { return '0' <= c && c <= '9' }
func isUpper(c byte) bool { return 'A' <= c && c <= 'Z' }

// splitBlank cuts line into fields separated by blanks (spaces and tabs),
// filling out; n is the number filled, more whether fields remain beyond
// len(out). It reads each byte of line at most once.
func splitBlank(line string, out []span) (n int, more bool) {
	i := 0
	for {
		for i < len(line) && isBlank(line[i]) {
			i++
		}
		if i == len(line) {
			return n, false
		}
		if n == len(out) {
			return n, true
		}
		start := i
		for i < len(line) && !isBlank(line[i]) {
			i++
		}
		out[n] = span{start, i}
		n++
	}
}

// allDigits reports whether s is min to max decimal digits.
func allDigits(s string, min, max int) bool {
	if len(s) < min || len(s) > max {
		return false
	}
	for i := 0; i < len(s); i++ {
		if !isDigit(s[i]) {
			return false
		}
	}
	return true
}

// atoi parses a short run of digits already checked by allDigits.
func atoi(s string) int {
	n := 0
	for i := 0; i < len(s); i++ {
		n = n*10 + int(s[i]-'0')
	}
	return n
}

// date returns midnight UTC of y-m-d, false if there is no such day.
func date(y, m, d int) (time.Time, bool) {
	if m < 1 || m > 12 || d < 1 || d > 31 {
		return time.Time{}, false
	}
	t := time.Date(y, time.Month(m), d, 0, 0, 0, 0, time.UTC)
	return t, t.Day() == d
}

// clock parses "HH:MM" or "HH:MM:SS" (24-hour) into a duration.
func clock(s string) (time.Duration, bool) {
	if len(s) != 5 && len(s) != 8 {
		return 0, false
	}
	h, m, ok := twoDigits(s, 0, 24), twoDigits(s, 3, 60), s[2] == ':'
	sec := 0
	if len(s) == 8 {
		sec = twoDigits(s, 6, 60)
		ok = ok && s[5] == ':'
	}
	if !ok || h < 0 || m < 0 || sec < 0 {
		return 0, false
	}
	return time.Duration(h)*time.Hour + time.Duration(m)*time.Minute + time.Duration(sec)*time.Second, true
}

// twoDigits returns the number in s[i:i+2] if below limit, else -1.
func twoDigits(s string, i, limit int) int {
	if i+2 > len(s) || !isDigit(s[i]) || !isDigit(s[i+1]) {
		return -1
	}
	if n := int(s[i]-'0')*10 + int(s[i+1]-'0'); n < limit {
		return n
	}
	return -1
}

// nameOK refuses a name that is empty or only blanks.
func nameOK(name string) bool {
	for i := 0; i < len(name); i++ {
		if !isBlank(name[i]) {
			return true
		}
	}
	return false
}

// ---- Unix "ls -l" ----

// isModeField reports whether s is an ls -l mode: a type (- d l c b p s),
// nine permission letters, and an optional ACL/xattr/SELinux marker.
func isModeField(s string) bool {
	if len(s) == 11 {
		if strings.IndexByte("+@.", s[10]) < 0 {
			return false
		}
		s = s[:10]
	}
	if len(s) != 10 || strings.IndexByte("-dlcbps", s[0]) < 0 {
		return false
	}
	// r, w, then x with set-id and sticky letters (l/L: mandatory locking).
	for i, set := range modeLetters {
		if strings.IndexByte(set, s[i+1]) < 0 {
			return false
		}
	}
	return true
}

var modeLetters = [9]string{"r-", "w-", "xsS-", "r-", "w-", "xsSlL-", "r-", "w-", "xtT-"}

var months = [12]string{"jan", "feb", "mar", "apr", "may", "jun", "jul", "aug", "sep", "oct", "nov", "dec"}

// month returns 1-12 for an English month abbreviation in any case, else 0.
func month(s string) int {
	if len(s) != 3 {
		return 0
	}
	var b [3]byte
	for i := range 3 {
		b[i] = s[i] | 0x20
	}
	for i, m := range months {
		if string(b[:]) == m {
			return i + 1
		}
	}
	return 0
}

// unixDate reads the date that starts at field d: "Mon DD HH:MM",
// "Mon DD YYYY" or "YYYY-MM-DD HH:MM". It returns the time, the index of
// its last field, and ok.
func unixDate(line string, f []span, d int, now time.Time) (time.Time, int, bool) {
	tok := func(i int) string { return line[f[i].start:f[i].end] }
	if m := month(tok(d)); m > 0 && d+2 < len(f) {
		day := tok(d + 1)
		if !allDigits(day, 1, 2) {
			return time.Time{}, 0, false
		}
		last := tok(d + 2)
		if allDigits(last, 4, 4) {
			t, ok := date(atoi(last), m, atoi(day))
			return t, d + 2, ok
		}
		hm, ok := clock(last)
		if !ok || len(last) != 5 || atoi(day) < 1 || atoi(day) > 31 {
			return time.Time{}, 0, false
		}
		// The year that puts the date at most a day after now.
		now = now.UTC()
		y := now.Year()
		t := time.Date(y, time.Month(m), atoi(day), 0, 0, 0, 0, time.UTC).Add(hm)
		if t.After(now.Add(24 * time.Hour)) {
			y--
			t = time.Date(y, time.Month(m), atoi(day), 0, 0, 0, 0, time.UTC).Add(hm)
		}
		if t.Day() != atoi(day) {
			// Feb 29 of a year that has none: the line is fine, the time unknown.
			t = time.Time{}
		}
		return t, d + 2, true
	}
	// ISO: ls --time-style=long-iso.
	s := tok(d)
	if len(s) != 10 || s[4] != '-' || s[7] != '-' || !allDigits(s[:4], 4, 4) || d+1 >= len(f) {
		return time.Time{}, 0, false
	}
	mo, dd := twoDigits(s, 5, 13), twoDigits(s, 8, 32)
	t, ok := date(atoi(s[:4]), mo, dd)
	hm, ok2 := clock(tok(d + 1))
	if !ok || !ok2 {
		return time.Time{}, 0, false
	}
	return t.Add(hm), d + 1, true
}

func parseUnixLine(line string, now time.Time) (Entry, bool) {
	// mode links owner group "maj," "min" Mon DD HH:MM: nine fields at most
	// before the name.
	var f [9]span
	n, _ := splitBlank(line, f[:])
	if n < 5 || f[0].start != 0 || !isModeField(line[:f[0].end]) {
		return Entry{}, false
	}
	tok := func(i int) string { return line[f[i].start:f[i].end] }
	typ := line[0]
	for d := 3; d < n-1 && d <= 6; d++ {
		mod, last, ok := unixDate(line, f[:n], d, now)
		if !ok {
			continue
		}
		// The size is the field before the date; a device shows
		// "major, minor" (or "major,minor") there instead.
		size, first := int64(-1), d-1
		switch s := tok(d - 1); {
		case allDigits(s, 1, 19) && d-2 >= 1 && (typ == 'c' || typ == 'b') && isMajor(tok(d-2)):
			first = d - 2
		case allDigits(s, 1, 19):
			v, err := parseSize(s)
			if err != nil {
				continue
			}
			size = v
		case (typ == 'c' || typ == 'b') && isMajorMinor(s):
		default:
			continue
		}
		// Between the mode and the size: owner, links and owner, owner
		// and group, or links, owner and group.
		if m := first - 1; m < 1 || m > 3 || (m == 3 && !allDigits(tok(1), 1, 19)) {
			continue
		}
		end := f[last].end
		if end >= len(line) || !isBlank(line[end]) {
			continue
		}
		name := line[end+1:]
		if !nameOK(name) {
			return Entry{}, false
		}
		e := Entry{Name: name, Size: size, Modify: mod, Raw: line}
		switch typ {
		case '-':
			e.Kind = KindFile
		case 'd':
			e.Kind = KindDir
		case 'l':
			e.Kind = KindLink
			if a, b, ok := strings.Cut(name, " -> "); ok && nameOK(a) {
				e.Name, e.Target = a, b
			}
		}
		return e, true
	}
	return Entry{}, false
}

// isMajor accepts a device's "major," field; isMajorMinor its "major,minor".
func isMajor(s string) bool {
	return len(s) > 1 && s[len(s)-1] == ',' && allDigits(s[:len(s)-1], 1, 10)
}
func isMajorMinor(s string) bool {
	a, b, ok := strings.Cut(s, ",")
	return ok && allDigits(a, 1, 10) && allDigits(b, 1, 10)
}

// ---- MS-DOS style (IIS) ----

func parseDOSLine(line string) (Entry, bool) {
	var f [3]span
	n, more := splitBlank(line, f[:])
	if n < 3 || !more || f[0].start != 0 {
		return Entry{}, false
	}
	day, ok := dosDate(line[f[0].start:f[0].end])
	if !ok {
		return Entry{}, false
	}
	hm, ok := dosTime(line[f[1].start:f[1].end])
	if !ok {
		return Entry{}, false
	}
	e := Entry{Size: -1, Modify: day.Add(hm), Raw: line}
	third, rest := line[f[2].start:f[2].end], line[f[2].end:]
	if third == "<DIR>" {
		// IIS pads "<DIR>" to the end of the size column: ten blanks.
		e.Kind = KindDir
		if strings.HasPrefix(rest, "          ") {
			rest = rest[10:]
		} else {
			rest = strings.TrimLeft(rest, " \t")
		}
	} else {
		v, err := parseSize(third)
		if err != nil {
			return Entry{}, false
		}
		e.Kind, e.Size = KindFile, v
		rest = rest[1:] // the one blank after the right-aligned size
	}
	if !nameOK(rest) {
		return Entry{}, false
	}
	e.Name = rest
	return e, true
}

// dosDate parses MM-DD-YY (70-99 → 19xx) or MM-DD-YYYY.
func dosDate(s string) (time.Time, bool) {
	if (len(s) != 8 && len(s) != 10) || s[2] != '-' || s[5] != '-' {
		return time.Time{}, false
	}
	m, d := twoDigits(s, 0, 13), twoDigits(s, 3, 32)
	y := s[6:]
	if !allDigits(y, 2, 4) || m < 0 || d < 0 {
		return time.Time{}, false
	}
	year := atoi(y)
	if len(y) == 2 {
		if year >= 70 {
			year += 1900
		} else {
			year += 2000
		}
	}
	return date(year, m, d)
}

// dosTime parses hh:mmAM / hh:mmPM (12-hour) or HH:MM (24-hour).
func dosTime(s string) (time.Duration, bool) {
	if len(s) == 7 {
		h, m := twoDigits(s, 0, 13), twoDigits(s, 3, 60)
		ampm := s[5:]
		if h < 1 || m < 0 || s[2] != ':' || (ampm != "AM" && ampm != "PM") {
			return 0, false
		}
		h %= 12
		if ampm == "PM" {
			h += 12
		}
		return time.Duration(h)*time.Hour + time.Duration(m)*time.Minute, true
	}
	if len(s) != 5 {
		return 0, false
	}
	return clock(s)
}

// ---- z/OS data sets and members ----

// maxMVSFields bounds the fields of a z/OS line (a load library line with
// every attribute has about 16).
const maxMVSFields = 24

func parseMVSLine(line string) (Entry, bool) {
	var f [maxMVSFields]span
	n, more := splitBlank(line, f[:])
	if n == 0 || more {
		return Entry{}, false
	}
	tok := func(i int) string { return line[f[i].start:f[i].end] }
	dir := func(name string) (Entry, bool) {
		return Entry{Name: name, Kind: KindDir, Size: -1, Raw: line}, true
	}
	switch {
	case n == 1:
		// A member without statistics: just its name.
		if isMemberName(tok(0)) {
			return Entry{Name: tok(0), Kind: KindMember, Size: -1, Raw: line}, true
		}
		return Entry{}, false
	case n == 2 && tok(0) == "Migrated":
		return dataSet(line, tok(1), map[string]string{"volume": "Migrated"})
	case n == 3 && tok(0) == "Pseudo" && tok(1) == "Directory":
		if name, ok := dsName(tok(2)); ok {
			return dir(name)
		}
		return Entry{}, false
	case n == 4 && tok(0) == "User" && tok(1) == "catalog" && tok(2) == "connector":
		if name, ok := dsName(tok(3)); ok {
			return dir(name)
		}
		return Entry{}, false
	case n == 8 || n == 9:
		if e, ok := parseMemberStats(line, f[:n]); ok {
			return e, true
		}
	}
	if e, ok := parseLoadModule(line, f[:n]); ok {
		return e, true
	}
	return parseDataSetLine(line, f[:n])
}

// isMemberName reports whether s is a PDS member name: one to eight
// letters, digits and national characters ($ # @), not starting with a
// digit.
func isMemberName(s string) bool {
	if len(s) < 1 || len(s) > 8 || isDigit(s[0]) {
		return false
	}
	for i := 0; i < len(s); i++ {
		if c := s[i]; !isUpper(c) && !isDigit(c) && c != '$' && c != '#' && c != '@' {
			return false
		}
	}
	return true
}

// isVolser reports whether s is a volume serial: one to six upper-case
// letters, digits and national characters.
func isVolser(s string) bool { return len(s) <= 6 && allUpperAlnum(s) }

// allUpperAlnum reports whether s is 1+ upper-case letters, digits and
// national characters (a unit: "3390", "3380D", "SYSDA").
func allUpperAlnum(s string) bool {
	if s == "" {
		return false
	}
	for i := 0; i < len(s); i++ {
		if c := s[i]; !isUpper(c) && !isDigit(c) && c != '$' && c != '#' && c != '@' {
			return false
		}
	}
	return true
}

// dsName returns a Dsname column without its quotes ('USER1.DATA' is sent
// when the name lies outside the working directory's prefix).
func dsName(s string) (string, bool) {
	if strings.HasPrefix(s, "'") {
		if len(s) < 3 || !strings.HasSuffix(s, "'") {
			return "", false
		}
		s = s[1 : len(s)-1]
	}
	return s, s != "" && strings.IndexByte(s, '\'') < 0
}

// dataSet builds a KindDataSet entry; Modify comes from facts["referred"].
func dataSet(line, name string, facts map[string]string) (Entry, bool) {
	name, ok := dsName(name)
	if !ok {
		return Entry{}, false
	}
	e := Entry{Name: name, Kind: KindDataSet, Size: -1, Facts: facts, Raw: line}
	if r, ok := facts["referred"]; ok {
		e.Modify, _ = mvsDate(r)
	}
	return e, true
}

// mvsDate parses a Referred date: YYYY/MM/DD, the MM/DD/YY of old
// listings, or **NONE** (never referred: zero time, ok).
func mvsDate(s string) (time.Time, bool) {
	switch {
	case s == "**NONE**":
		return time.Time{}, true
	case len(s) == 10 && s[4] == '/' && s[7] == '/' && allDigits(s[:4], 4, 4):
		return date(atoi(s[:4]), twoDigits(s, 5, 13), twoDigits(s, 8, 32))
	case len(s) == 8 && s[2] == '/' && s[5] == '/' && allDigits(s[6:], 2, 2):
		y := atoi(s[6:])
		if y >= 70 {
			y += 1900
		} else {
			y += 2000
		}
		return date(y, twoDigits(s, 0, 13), twoDigits(s, 3, 32))
	}
	return time.Time{}, false
}

// dsorgWord accepts a Dsorg column: PS, PO, PO-E, DA, IS, VS, VSAM, GDG,
// PATH, ...: one to five upper-case letters and dashes.
func dsorgWord(s string) bool {
	if len(s) < 1 || len(s) > 5 || !isUpper(s[0]) {
		return false
	}
	for i := 1; i < len(s); i++ {
		if !isUpper(s[i]) && s[i] != '-' {
			return false
		}
	}
	return true
}

// attributeless are the Dsorg values of lines that show no other
// attribute (VSAM clusters and their components, GDG bases, paths).
var attributeless = map[string]bool{"VSAM": true, "GDG": true, "PATH": true, "PO": true, "PO-E": true, "PS": true}

// mvsConditions are the texts that stand in the columns after the volume
// when the server could not read a data set's attributes.
var mvsConditions = [][]string{
	{"Error", "determining", "attributes"},
	{"Not", "Direct", "Access", "Device"}, // on tape
	{"Not", "Mounted"},
}

func parseDataSetLine(line string, f []span) (Entry, bool) {
	n := len(f)
	if n < 2 {
		return Entry{}, false
	}
	tok := func(i int) string { return line[f[i].start:f[i].end] }
	name := tok(n - 1)
	// "VSAM DDIR" (a cluster: no volume), "F1SYS1 3390 VSAM DDIR.D".
	if n <= 4 && attributeless[tok(n-2)] && (n < 3 || isVolser(tok(0))) && (n < 4 || allUpperAlnum(tok(1))) {
		facts := map[string]string{"dsorg": tok(n - 2)}
		if n >= 3 {
			facts["volume"] = tok(0)
		}
		if n == 4 {
			facts["unit"] = tok(1)
		}
		return dataSet(line, name, facts)
	}
	if !isVolser(tok(0)) {
		return Entry{}, false
	}
	for _, c := range mvsConditions {
		if n == len(c)+2 && tokensAre(line, f[1:n-1], c) {
			return dataSet(line, name, map[string]string{"volume": tok(0)})
		}
	}
	// Volume [Unit] Referred Ext Used Recfm Lrecl BlkSz Dsorg Dsname, where
	// a five-digit Used runs into Ext ("313875": Ext 3, Used 13875) and an
	// overflowing one is "+++++".
	i := 1
	unit := ""
	if _, ok := mvsDate(tok(1)); !ok {
		unit, i = tok(1), 2
		if !allUpperAlnum(unit) || len(unit) > 8 {
			return Entry{}, false
		}
	}
	if i+3 > n { // the date, then Dsorg and Dsname at least
		return Entry{}, false
	}
	referred := tok(i)
	if _, ok := mvsDate(referred); !ok {
		return Entry{}, false
	}
	var ext, used string
	rest := f[i+1 : n-2] // Ext Used Recfm Lrecl BlkSz, or ExtUsed Recfm Lrecl BlkSz
	switch len(rest) {
	case 5:
		ext, used = tok(i+1), tok(i+2)
		rest = rest[2:]
	case 4:
		// Ext is right-aligned in the three columns after the date.
		cut := f[i].end + 3
		if f[i+1].start >= cut || f[i+1].end <= cut {
			return Entry{}, false
		}
		ext, used = line[f[i+1].start:cut], line[cut:f[i+1].end]
		rest = rest[1:]
	default:
		return Entry{}, false
	}
	recfm, lrecl, blksize := line[rest[0].start:rest[0].end], line[rest[1].start:rest[1].end], line[rest[2].start:rest[2].end]
	dsorg := tok(n - 2)
	if !allDigits(ext, 1, 3) || !(allDigits(used, 1, 8) || allPlus(used)) || !isRecfm(recfm) ||
		!allDigits(lrecl, 1, 7) || !allDigits(blksize, 1, 7) || !dsorgWord(dsorg) {
		return Entry{}, false
	}
	facts := make(map[string]string, 9)
	facts["volume"] = tok(0)
	if unit != "" {
		facts["unit"] = unit
	}
	facts["referred"] = referred
	facts["ext"] = ext
	facts["used"] = used
	facts["recfm"] = recfm
	facts["lrecl"] = lrecl
	facts["blksize"] = blksize
	facts["dsorg"] = dsorg
	return dataSet(line, name, facts)
}

func allPlus(s string) bool { return s != "" && strings.Trim(s, "+") == "" && len(s) <= 8 }

// isRecfm accepts a record format: F, FB, V, VB, VBS, FBA, VA, U, ...
func isRecfm(s string) bool {
	if len(s) < 1 || len(s) > 5 {
		return false
	}
	for i := 0; i < len(s); i++ {
		if !isUpper(s[i]) && s[i] != '?' {
			return false
		}
	}
	return true
}

// parseMemberStats parses a member line with ISPF statistics:
// Name VV.MM Created Changed(date time) Size Init Mod [Id].
func parseMemberStats(line string, f []span) (Entry, bool) {
	tok := func(i int) string { return line[f[i].start:f[i].end] }
	name, vvmm := tok(0), tok(1)
	if !isMemberName(name) || len(vvmm) != 5 || vvmm[2] != '.' || !allDigits(vvmm[:2], 2, 2) || !allDigits(vvmm[3:], 2, 2) {
		return Entry{}, false
	}
	created, cday, ctime := tok(2), tok(3), tok(4)
	if _, ok := isoSlashDate(created); !ok {
		return Entry{}, false
	}
	day, ok := isoSlashDate(cday)
	hm, ok2 := clock(ctime)
	if !ok || !ok2 {
		return Entry{}, false
	}
	if !allDigits(tok(5), 1, 10) || !allDigits(tok(6), 1, 10) || !allDigits(tok(7), 1, 10) {
		return Entry{}, false
	}
	facts := make(map[string]string, 7)
	facts["vv.mm"] = vvmm
	facts["created"] = created
	facts["changed"] = line[f[3].start:f[4].end]
	facts["size"] = tok(5)
	facts["init"] = tok(6)
	facts["mod"] = tok(7)
	if len(f) == 9 {
		facts["id"] = tok(8)
	}
	return Entry{Name: name, Kind: KindMember, Size: -1, Modify: day.Add(hm), Facts: facts, Raw: line}, true
}

// isoSlashDate parses YYYY/MM/DD.
func isoSlashDate(s string) (time.Time, bool) {
	if len(s) != 10 || s[4] != '/' || s[7] != '/' || !allDigits(s[:4], 4, 4) {
		return time.Time{}, false
	}
	return date(atoi(s[:4]), twoDigits(s, 5, 13), twoDigits(s, 8, 32))
}

// parseLoadModule parses a load library member line:
// Name Size TTR [Alias-of] AC Attributes... Amode Rmode.
func parseLoadModule(line string, f []span) (Entry, bool) {
	n := len(f)
	if n < 6 {
		return Entry{}, false
	}
	tok := func(i int) string { return line[f[i].start:f[i].end] }
	name, size, ttr := tok(0), tok(1), tok(2)
	if !isMemberName(name) || !isHex(size, 1, 8) || !isHex(ttr, 1, 6) {
		return Entry{}, false
	}
	i, alias := 3, ""
	if isMemberName(tok(3)) && allDigits(tok(4), 2, 2) {
		alias, i = tok(3), 4
	}
	ac := tok(i)
	amode, rmode := tok(n-2), tok(n-1)
	if !allDigits(ac, 2, 2) || i+1 > n-2 || !isAddrMode(amode) || !isAddrMode(rmode) {
		return Entry{}, false
	}
	attrs := ""
	if i+1 < n-2 {
		attrs = line[f[i+1].start:f[n-3].end]
	}
	facts := make(map[string]string, 7)
	facts["size"] = size
	facts["ttr"] = ttr
	if alias != "" {
		facts["alias-of"] = alias
	}
	facts["ac"] = ac
	if attrs != "" {
		facts["attributes"] = attrs
	}
	facts["amode"] = amode
	facts["rmode"] = rmode
	return Entry{Name: name, Kind: KindMember, Size: -1, Facts: facts, Raw: line}, true
}

func isAddrMode(s string) bool { return s == "24" || s == "31" || s == "64" || s == "ANY" }

// isHex reports whether s is min to max upper-case hexadecimal digits.
func isHex(s string, min, max int) bool {
	if len(s) < min || len(s) > max {
		return false
	}
	for i := 0; i < len(s); i++ {
		if c := s[i]; !isDigit(c) && (c < 'A' || c > 'F') {
			return false
		}
	}
	return true
}
