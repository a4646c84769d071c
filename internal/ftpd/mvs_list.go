package ftpd

import (
	"bufio"
	"errors"
	"net"
	"strings"
)

// listing is what a LIST or NLST argument names in the MVS mode: the
// members of a PDS that match a pattern, or the data sets that match a
// catalog pattern.
type listing struct {
	members bool
	pds     dsName    // with members
	member  string    // member pattern, with members
	pattern dsPattern // without members
	quoted  bool      // the argument was quoted: data set names are shown in full, in quotes
}

// mvsListing parses the argument of LIST and NLST. Without one it lists
// the working directory: the members of the working PDS, or the data sets
// under the working prefix. A quoted name is fully qualified; an unquoted
// one is appended to the prefix, or in a PDS is a member pattern. A data
// set name without a pattern character lists that data set alone, a
// name ending in a period all those under it, and NAME(PATTERN) the
// members of the PDS NAME.
func (m *mvsState) mvsListing(arg string) (listing, string, error) {
	if arg == "" {
		if m.pds != "" {
			d, err := parseDSName(m.pds)
			return listing{members: true, pds: d, member: "*"}, m.pds, err
		}
		p, err := parsePattern(m.prefix + "**")
		return listing{pattern: p}, m.prefix, err
	}
	inner, quoted, err := unquote(arg)
	full := strings.ToUpper(inner)
	if err != nil {
		return listing{}, strings.ToUpper(arg), err
	}
	if !quoted && m.pds != "" {
		d, err := parseDSName(m.pds)
		if err != nil || !validMemberPattern(full) {
			return listing{}, m.pds + "(" + full + ")", errBadName
		}
		return listing{members: true, pds: d, member: full}, m.pds, nil
	}
	if !quoted {
		full = m.prefix + full
	}
	l := listing{quoted: quoted}
	if open := strings.IndexByte(full, '('); open >= 0 {
		mem, ok := strings.CutSuffix(full[open+1:], ")")
		d, err := parseDSName(full[:open])
		if !ok || err != nil || !validMemberPattern(mem) {
			return listing{}, full, errBadName
		}
		l.members, l.pds, l.member = true, d, mem
		return l, full, nil
	}
	if strings.HasSuffix(full, ".") {
		full += "**"
	}
	if !hasWildcard(full) {
		if _, err := parseDSName(full); err != nil {
			return listing{}, full, err
		}
	}
	l.pattern, err = parsePattern(full)
	return l, full, err
}

func (s *session) mvsList(arg string) { s.mvsListOrNames(arg, false) }

func (s *session) mvsNlst(arg string) { s.mvsListOrNames(arg, true) }

// mvsListOrNames runs LIST (namesOnly false) or NLST in the MVS mode.
func (s *session) mvsListOrNames(arg string, namesOnly bool) {
	if s.mvs.jes {
		s.jesList(listArg(arg), namesOnly)
		return
	}
	l, full, err := s.mvs.mvsListing(listArg(arg))
	if err != nil {
		s.closePassive()
		s.reply(501, mvsBadName(full))
		return
	}
	var lines []string
	if l.members {
		lines, err = s.memberLines(l, namesOnly)
	} else {
		lines, err = s.datasetLines(l, namesOnly)
	}
	var notPDS errNotPDS
	switch {
	case errors.As(err, &notPDS):
		s.closePassive()
		s.reply(550, notPDS.Error())
		return
	case err != nil:
		s.closePassive()
		s.log.Warn("MVS listing failed", "arg", arg, "err", err)
		s.reply(550, "List fails: "+err.Error())
		return
	}
	if lines == nil {
		s.closePassive()
		if l.members {
			s.reply(550, mvsNoMembers)
		} else {
			s.reply(550, mvsNoDataSets)
		}
		return
	}
	s.sendListing(s.msgs.listing(s.typeName()), lines)
}

// sendListing sends lines as a listing, after the listing faults.
func (s *session) sendListing(start string, lines []string) {
	lines = s.srv.opts.Faults.listing(lines)
	s.transfer(start, true, func(dc net.Conn) error {
		s.srv.opts.Faults.delayFor(s.srv.ctx, s.srv.opts.Faults.ListDelay)
		bw := bufio.NewWriter(dc)
		for _, line := range lines {
			if _, err := bw.WriteString(line + "\r\n"); err != nil {
				return err
			}
		}
		return bw.Flush()
	})
}

// datasetLines lists the data sets of l: nil when none matches.
func (s *session) datasetLines(l listing, namesOnly bool) ([]string, error) {
	entries, err := s.srv.catalog(l.pattern)
	if err != nil || len(entries) == 0 {
		return nil, err
	}
	name := func(e catEntry) string {
		if l.quoted {
			return "'" + e.name.dataset() + "'"
		}
		return strings.TrimPrefix(e.name.dataset(), s.mvs.prefix)
	}
	return listLines(entries, namesOnly, datasetHeader, name, datasetLine), nil
}

// listLines is a listing of items: their names alone (NLST), or the
// header and each one's line, given its name (LIST).
func listLines[T any](items []T, namesOnly bool, header string, name func(T) string, line func(T, string) string) []string {
	lines := make([]string, 0, len(items)+1)
	if !namesOnly {
		lines = append(lines, header)
	}
	for _, it := range items {
		n := name(it)
		if !namesOnly {
			n = line(it, n)
		}
		lines = append(lines, n)
	}
	return lines
}

// memberLines lists the members of l: nil when none matches, and 550
// Data set not found when the PDS does not exist.
func (s *session) memberLines(l listing, namesOnly bool) ([]string, error) {
	kind, err := s.srv.kindOf(l.pds)
	if err != nil {
		return nil, err
	}
	if kind != kindPDS {
		return nil, errNotPDS{l.pds.dataset()}
	}
	ms, err := s.srv.members(l.pds, l.member, !namesOnly)
	if err != nil || len(ms) == 0 {
		return nil, err
	}
	return listLines(ms, namesOnly, memberHeader,
		func(m memberEntry) string { return m.name },
		func(m memberEntry, _ string) string { return memberLine(m, l.pds.quals[0]) }), nil
}

// errNotPDS reports a member list of a name that is not a PDS.
type errNotPDS struct{ name string }

func (e errNotPDS) Error() string { return mvsNotFound(e.name) }
