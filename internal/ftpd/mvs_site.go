package ftpd

import (
	"slices"
	"strconv"
	"strings"
)

// siteKeywords are the SITE parameters of the MVS mode, with the shortest
// abbreviation each accepts (the capitals of IBM's SIte syntax:
// RECfm, LRecl, BLKsize, FILEtype, JESJOBName, JESOwner, JESSTatus).
var siteKeywords = []struct {
	name string
	min  int
}{
	{"RECFM", 3}, {"LRECL", 2}, {"BLKSIZE", 3}, {"FILETYPE", 4},
	{"JESJOBNAME", 8}, {"JESOWNER", 4}, {"JESSTATUS", 5},
}

// siteKeyword returns the full name of the SITE keyword k abbreviates, or
// "".
func siteKeyword(k string) string {
	for _, kw := range siteKeywords {
		if len(k) >= kw.min && strings.HasPrefix(kw.name, k) {
			return kw.name
		}
	}
	return ""
}

// mvsSite runs SITE: blank-separated KEYWORD=value parameters. Each
// parameter that cannot be taken gets a 200- line saying so and is
// ignored, as on z/OS; the reply always ends "200 SITE command was
// accepted". RECFM, LRECL and BLKSIZE apply to data sets allocated from
// then on; BLKSIZE is then fitted to them as z/OS fits it.
func (s *session) mvsSite(arg string) {
	m := s.mvs
	a, f := m.attrs, m.filter
	var notes []string
	dcbChanged := false
	for _, p := range strings.Fields(arg) {
		key, val, hasVal := strings.Cut(p, "=")
		val = strings.ToUpper(val)
		kw := ""
		if hasVal {
			kw = siteKeyword(strings.ToUpper(key))
		}
		switch kw {
		case "RECFM":
			if !slices.Contains(recfms, val) {
				notes = append(notes, siteUnrecognized(p))
				continue
			}
			a.recfm, dcbChanged = val, true
		case "LRECL":
			n, err := strconv.Atoi(val)
			switch {
			case err != nil || strings.ContainsAny(val, "+-"):
				notes = append(notes, siteNotNumeric("LRECL", val))
			case n > 32760:
				notes = append(notes, siteUnrecognized(p))
			default:
				a.lrecl, dcbChanged = n, true
			}
		case "BLKSIZE":
			n, err := strconv.Atoi(val)
			switch {
			case err != nil || strings.ContainsAny(val, "+-"):
				notes = append(notes, siteBlksizeNotNumeric(val))
			case n > 32760:
				notes = append(notes, siteBlksizeRange(val))
			default:
				a.blksize, dcbChanged = n, true
			}
		case "FILETYPE":
			switch val {
			case "SEQ":
				m.jes = false
			case "JES":
				m.jes = true
			default:
				notes = append(notes, siteUnrecognized(p))
			}
		case "JESJOBNAME":
			if !validMemberPattern(val) || len(val) > maxMember {
				notes = append(notes, siteUnrecognized(p))
				continue
			}
			f.jobName = val
		case "JESOWNER":
			if val != "*" && !validQualifier(val) {
				notes = append(notes, siteUnrecognized(p))
				continue
			}
			f.owner = val
		case "JESSTATUS":
			if !slices.Contains([]string{"ALL", "INPUT", "ACTIVE", "OUTPUT"}, val) {
				notes = append(notes, siteUnrecognized(p))
				continue
			}
			f.status = val
		default:
			notes = append(notes, siteUnrecognized(p))
		}
	}
	if dcbChanged {
		notes = append(notes, fitBlksize(&a)...)
	}
	m.attrs, m.filter = a, f
	s.replyLines(200, append(notes, s.msgs.site))
}

// fitBlksize makes a's block size fit its record format and length, as
// the z/OS server does, and returns the 200- lines that say so: a
// multiple of LRECL for blocked fixed records, LRECL itself for unblocked
// ones, at least LRECL+4 for variable ones. A BLKSIZE of 0 (the system
// chooses) and RECFM U are left alone.
func fitBlksize(a *dcb) []string {
	if a.blksize == 0 || a.lrecl == 0 {
		return nil
	}
	var want int
	var why string
	switch {
	case strings.HasPrefix(a.recfm, "F") && strings.Contains(a.recfm, "B"):
		if a.blksize%a.lrecl == 0 {
			return nil
		}
		want, why = max(a.lrecl, a.blksize-a.blksize%a.lrecl), siteBlksizeMultiple(a.recfm)
	case strings.HasPrefix(a.recfm, "F"):
		if a.blksize == a.lrecl {
			return nil
		}
		want, why = a.lrecl, siteBlksizeEqual(a.recfm)
	case strings.HasPrefix(a.recfm, "V"):
		if a.blksize >= a.lrecl+4 {
			return nil
		}
		want, why = min(a.lrecl+4, 32760), siteBlksizeVariable(a.recfm)
	default:
		return nil
	}
	a.blksize = want
	return []string{why, siteBlksizeSet(want)}
}
