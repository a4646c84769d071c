package ftpd

import (
	"errors"
	"io/fs"
	"strconv"
)

// STOU under --mvs (store unique): the data set or member named is stored
// when no such name exists; else the server numbers the name's last
// qualifier (or the member name) 1, 2, 3 ... and stores under the first
// free one, named in the start reply as STOR names its data set. IBM APAR
// PM52007 ("450 Data set USER1.UPDATE.TXT3 is allocated to another job
// and is unavailable for STOU command") shows the number appended to the
// last qualifier. A qualifier or member of eight characters has its end
// replaced by the number, and STOU with no name stores under the
// qualifier ZFTPD: both (unverified).

// mvsUniqueDefault is the name STOU with no argument stores under.
const mvsUniqueDefault = "ZFTPD"

func (s *session) mvsStou(arg string) {
	s.takeRestart() // REST does not apply to a new data set
	if arg == "" {
		arg = mvsUniqueDefault
	}
	if s.mvs.jes {
		s.jesSubmit(arg, false)
		return
	}
	d, ok := s.mvsName(arg)
	if !ok {
		return
	}
	u, err := s.uniqueDSName(d)
	if err != nil {
		s.mvsFail(d, err)
		return
	}
	s.mvsStore("'"+u.String()+"'", false)
}

// uniqueDSName returns d, or d numbered, whichever is first not in use.
func (s *session) uniqueDSName(d dsName) (dsName, error) {
	for i := 0; i <= maxUnique; i++ {
		cand := numbered(d, i)
		used, err := s.dsNameUsed(cand)
		if err != nil {
			return d, err
		}
		if !used {
			return cand, nil
		}
	}
	return d, fs.ErrExist
}

// dsNameUsed reports whether d names an existing data set or member.
func (s *session) dsNameUsed(d dsName) (bool, error) {
	if d.member != "" {
		_, err := s.srv.root.Stat(memberPath(d))
		if err == nil {
			return true, nil
		}
		if errors.Is(err, fs.ErrNotExist) {
			return false, nil
		}
		return false, err
	}
	kind, err := s.srv.kindOf(d)
	return kind != kindNone, err
}

// numbered returns d with i appended to its member name, or to its last
// qualifier when it names no member (i = 0: d itself).
func numbered(d dsName, i int) dsName {
	if i == 0 {
		return d
	}
	if d.member != "" {
		return dsName{quals: d.quals, member: withNumber(d.member, i)}
	}
	quals := append([]string(nil), d.quals...)
	quals[len(quals)-1] = withNumber(quals[len(quals)-1], i)
	return dsName{quals: quals}
}

// withNumber appends i to q, cutting q so that the result keeps to eight
// characters.
func withNumber(q string, i int) string {
	n := strconv.Itoa(i)
	if len(q)+len(n) > maxQualifier {
		q = q[:maxQualifier-len(n)]
	}
	return q + n
}
