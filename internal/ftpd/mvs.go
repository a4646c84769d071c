package ftpd

import (
	"errors"
	"io/fs"
	"net"
	"os"
	"strings"
)

// mvsState is a session's state in the MVS data-set mode: its working
// directory, which is a name prefix or a partitioned data set, and what
// SITE set.
type mvsState struct {
	prefix string    // working name prefix: "" or qualifiers ending in "."
	pds    string    // working PDS; "" unless CWD named one
	attrs  dcb       // SITE RECFM, LRECL, BLKSIZE: for data sets created from now on
	jes    bool      // SITE FILETYPE=JES
	filter jesFilter // SITE JESJOBNAME, JESOWNER, JESSTATUS
}

// mvsCommands replaces the file-system commands of the command table in
// the MVS data-set mode.
func mvsCommands() map[string]command {
	return map[string]command{
		"PWD":  {fn: (*session).mvsPwd},
		"XPWD": {fn: (*session).mvsPwd},
		"CWD":  {fn: (*session).mvsCwd, needArg: true},
		"XCWD": {fn: (*session).mvsCwd, needArg: true},
		"CDUP": {fn: (*session).mvsCdup},
		"XCUP": {fn: (*session).mvsCdup},
		"MKD":  {fn: (*session).mvsMkd, needArg: true},
		"XMKD": {fn: (*session).mvsMkd, needArg: true},
		"RMD":  {fn: (*session).mvsRmd, needArg: true},
		"XRMD": {fn: (*session).mvsRmd, needArg: true},
		"DELE": {fn: (*session).mvsDele, needArg: true},
		"RNFR": {fn: (*session).mvsRnfr, needArg: true},
		"RNTO": {fn: (*session).mvsRnto, needArg: true},
		"SIZE": {fn: (*session).mvsSize, needArg: true},
		"MDTM": {fn: (*session).mvsMdtm, needArg: true},
		"REST": {fn: (*session).mvsRest, needArg: true},
		"RETR": {fn: (*session).mvsRetr, needArg: true},
		"STOR": {fn: (*session).mvsStor, needArg: true},
		"APPE": {fn: (*session).mvsAppe, needArg: true},
		"STOU": {fn: (*session).mvsStou}, // mvs_stou.go
		"LIST": {fn: (*session).mvsList},
		"NLST": {fn: (*session).mvsNlst},
		"SITE": {fn: (*session).mvsSite, needArg: true},
	}
}

// mvsLogin starts the MVS state of a session that has just logged in and
// returns its working directory: the user's name, upper-cased, as the
// name prefix (or no prefix when the name is not a qualifier).
func (s *session) mvsLogin() string {
	user := strings.ToUpper(s.user)
	prefix := ""
	if validQualifier(user) {
		prefix = user + "."
	}
	s.mvs = &mvsState{prefix: prefix, attrs: defaultDCB(), filter: defaultJESFilter(user)}
	return prefix
}

// statName is the working directory as STAT shows it.
func (m *mvsState) statName() string {
	if m.pds != "" {
		return "'" + m.pds + "'"
	}
	return "'" + m.prefix + "'"
}

// resolve turns a name argument into a data set name: a name in single
// quotes is fully qualified; another is appended to the working prefix,
// or in a PDS working directory names a member. It also returns whether
// the name was quoted and, for the error reply, the name as understood.
func (m *mvsState) resolve(arg string) (dsName, bool, string, error) {
	inner, quoted, err := unquote(arg)
	if err != nil {
		return dsName{}, quoted, strings.ToUpper(arg), err
	}
	full := strings.ToUpper(inner)
	if !quoted {
		if m.pds != "" {
			full = m.pds + "(" + full + ")"
		} else {
			full = m.prefix + full
		}
	}
	d, err := parseDSName(full)
	return d, quoted, full, err
}

// mvsName resolves arg, answering 501 when it is not a valid name.
func (s *session) mvsName(arg string) (dsName, bool) {
	d, _, full, err := s.mvs.resolve(arg)
	if err != nil {
		s.closePassive()
		s.reply(501, mvsBadName(full))
		return dsName{}, false
	}
	return d, true
}

// mvsFail answers a failure of the file system under the catalog without
// naming anything outside it.
func (s *session) mvsFail(d dsName, err error) {
	s.closePassive()
	s.log.Warn("MVS catalog operation failed", "dsname", d.String(), "err", err)
	s.reply(550, d.String()+": "+withoutPath(err).Error())
}

func (s *session) mvsPwd(string) {
	if s.mvs.pds != "" {
		s.reply(257, mvsPWDPDS(s.mvs.pds))
		return
	}
	s.reply(257, mvsPWD(s.mvs.prefix))
}

// mvsCwd changes the working directory. A name in quotes replaces it,
// another is appended to it; ".." goes up one qualifier. A name that is a
// PDS makes the PDS the working directory, unless it ends with a period;
// any other name becomes the name prefix, cataloged or not, as on z/OS
// (IBM, "Changing the directory of a z/OS FTP server", cdchangeftp.htm).
// Names of z/OS UNIX files (beginning with /) are not served.
func (s *session) mvsCwd(arg string) {
	m := s.mvs
	if arg == ".." {
		s.mvsCdup("")
		return
	}
	inner, quoted, err := unquote(arg)
	full := strings.ToUpper(inner)
	if err != nil {
		full = strings.ToUpper(arg)
	} else if !quoted {
		base := m.prefix
		if m.pds != "" {
			base = m.pds + "."
		}
		full = base + full
	}
	name, asPrefix := strings.CutSuffix(full, ".")
	var quals []string
	if err == nil && name != "" {
		quals, err = splitQualifiers(name)
	}
	if err != nil {
		s.reply(501, mvsBadName(full))
		return
	}
	if name == "" {
		m.prefix, m.pds = "", ""
		s.reply(250, mvsCWD(""))
		return
	}
	if !asPrefix && len(quals) >= 2 {
		kind, err := s.srv.kindOf(dsName{quals: quals})
		if err != nil {
			s.mvsFail(dsName{quals: quals}, err)
			return
		}
		if kind == kindPDS {
			m.prefix, m.pds = "", name
			s.reply(250, mvsCWDPDS(name))
			return
		}
	}
	m.prefix, m.pds = name+".", ""
	s.reply(250, mvsCWD(m.prefix))
}

// mvsCdup goes up one qualifier: from A.B.C. or the PDS A.B.C to A.B.,
// from A. to no prefix, which stays as it is.
func (s *session) mvsCdup(string) {
	m := s.mvs
	name := strings.TrimSuffix(m.prefix, ".")
	if m.pds != "" {
		name = m.pds
	}
	prefix := ""
	if i := strings.LastIndexByte(name, '.'); i >= 0 {
		prefix = name[:i+1]
	}
	m.prefix, m.pds = prefix, ""
	s.reply(250, mvsCWD(prefix))
}

func (s *session) mvsRest(string) { s.reply(504, mvsNoRestart) }

// mvsSize and mvsMdtm refuse: SIZE and MDTM are for z/OS UNIX files only.
func (s *session) mvsSize(arg string) { s.mvsNotUnix("SIZE", arg) }

func (s *session) mvsMdtm(arg string) { s.mvsNotUnix("MDTM", arg) }

func (s *session) mvsNotUnix(verb, arg string) {
	if s.mvs.jes {
		s.reply(550, mvsNotUnixFile(verb, printable(strings.ToUpper(arg))))
		return
	}
	if d, ok := s.mvsName(arg); ok {
		s.reply(550, mvsNotUnixFile(verb, d.String()))
	}
}

func (s *session) mvsRetr(arg string) {
	if s.mvs.jes {
		s.jesRetr(arg)
		return
	}
	d, ok := s.mvsName(arg)
	if !ok {
		return
	}
	f, ok := s.mvsOpen(d)
	if !ok {
		return
	}
	defer f.Close()
	size := int64(-1)
	if fi, err := f.Stat(); err == nil {
		size = fi.Size()
	}
	s.transfer(s.msgs.sending(s.typeName(), d.String(), size), false, func(dc net.Conn) error {
		return s.send(dc, f)
	})
}

// mvsOpen opens a sequential data set or a member for RETR, answering
// when it cannot.
func (s *session) mvsOpen(d dsName) (*os.File, bool) {
	kind, err := s.srv.kindOf(d.withoutMember())
	if err != nil {
		s.mvsFail(d, err)
		return nil, false
	}
	path := seqPath(d)
	switch {
	case kind == kindNone, d.member != "" && kind != kindPDS:
		s.closePassive()
		s.reply(550, mvsNotFound(d.dataset()))
		return nil, false
	case d.member == "" && kind == kindPDS:
		s.closePassive()
		s.reply(550, mvsWholePDS("RETR", d.dataset()))
		return nil, false
	case d.member != "":
		path = memberPath(d)
	}
	f, err := s.srv.root.Open(path)
	if err == nil {
		var fi fs.FileInfo
		if fi, err = f.Stat(); err == nil && !fi.Mode().IsRegular() {
			err = errors.New("not a regular file")
		}
		if err != nil {
			f.Close()
		}
	}
	switch {
	case errors.Is(err, fs.ErrNotExist) && d.member != "":
		s.closePassive()
		s.reply(550, mvsNoMember(d.String()))
		return nil, false
	case err != nil:
		s.mvsFail(d, err)
		return nil, false
	}
	return f, true
}

func (s *session) mvsStor(arg string) { s.mvsStore(arg, false) }

func (s *session) mvsAppe(arg string) { s.mvsStore(arg, true) }

// mvsStore runs STOR (replace) or APPE (append) on a sequential data set
// or a member. A new sequential data set is allocated with the SITE
// attributes in effect; a member needs its PDS to exist.
func (s *session) mvsStore(arg string, appending bool) {
	if s.mvs.jes {
		s.jesSubmit(arg, appending)
		return
	}
	d, ok := s.mvsName(arg)
	if !ok {
		return
	}
	kind, err := s.srv.kindOf(d.withoutMember())
	if err != nil {
		s.mvsFail(d, err)
		return
	}
	path := seqPath(d)
	switch {
	case d.member != "" && kind != kindPDS:
		s.closePassive()
		s.reply(550, mvsNoPDS(d.String()))
		return
	case d.member != "":
		path = memberPath(d)
	case kind == kindPDS:
		s.closePassive()
		s.reply(550, mvsWholePDS(verbOf(appending), d.dataset()))
		return
	case kind == kindNone:
		if err := s.allocate(d, false); err != nil {
			s.mvsFail(d, err)
			return
		}
	}
	flag := os.O_WRONLY | os.O_CREATE | os.O_TRUNC
	if appending {
		flag = os.O_WRONLY | os.O_CREATE | os.O_APPEND
	}
	f, err := s.srv.root.OpenFile(path, flag, 0o644)
	if err != nil {
		if kind == kindNone {
			s.srv.root.Remove(dcbPath(d)) // the allocation failed
		}
		s.mvsFail(d, err)
		return
	}
	defer f.Close()
	s.transfer(s.msgs.storing(s.typeName(), d.String(), appending), false, func(dc net.Conn) error {
		return s.receive(f, dc)
	})
}

func verbOf(appending bool) string {
	if appending {
		return "APPE"
	}
	return "STOR"
}

// allocate creates the high-level qualifier directory if needed and
// records d's attributes (the SITE ones); with pds it also creates the
// PDS directory. A sequential data set's file is created by its STOR.
func (s *session) allocate(d dsName, pds bool) error {
	if err := s.srv.root.MkdirAll(d.quals[0], 0o755); err != nil {
		return err
	}
	if err := s.srv.writeDCB(d, s.mvs.attrs); err != nil {
		return err
	}
	if !pds {
		return nil
	}
	if err := s.srv.root.Mkdir(pdsPath(d), 0o755); err != nil {
		s.srv.root.Remove(dcbPath(d))
		return err
	}
	return nil
}

// mvsDele deletes a sequential data set, a whole PDS or a member, or
// under FILETYPE=JES purges a job.
func (s *session) mvsDele(arg string) {
	if s.mvs.jes {
		s.jesPurge(arg)
		return
	}
	d, ok := s.mvsName(arg)
	if !ok {
		return
	}
	s.scratch(d, mvsDeleNotFound(d.String()))
}

// mvsRmd deletes a data set, as DELE does for one without a member.
func (s *session) mvsRmd(arg string) {
	d, ok := s.mvsName(arg)
	if !ok {
		return
	}
	if d.member != "" {
		s.reply(501, mvsBadName(d.String()))
		return
	}
	s.scratch(d, mvsRmdNotFound(d.String()))
}

// scratch deletes d and answers 250, or 550 with notFound.
func (s *session) scratch(d dsName, notFound string) {
	kind, err := s.srv.kindOf(d.withoutMember())
	if err != nil {
		s.mvsFail(d, err)
		return
	}
	switch {
	case d.member != "" && kind == kindPDS:
		err = s.srv.root.Remove(memberPath(d))
	case d.member == "" && kind == kindSeq:
		err = s.srv.root.Remove(seqPath(d))
	case d.member == "" && kind == kindPDS:
		err = s.srv.root.RemoveAll(pdsPath(d))
	default:
		err = fs.ErrNotExist
	}
	if err == nil && d.member == "" {
		if rerr := s.srv.root.Remove(dcbPath(d)); rerr != nil && !errors.Is(rerr, fs.ErrNotExist) {
			err = rerr
		}
	}
	switch {
	case errors.Is(err, fs.ErrNotExist):
		s.reply(550, notFound)
	case err != nil:
		s.mvsFail(d, err)
	default:
		s.reply(250, mvsDeleted(d.String()))
	}
}

// mvsMkd allocates a PDS with the SITE attributes in effect.
func (s *session) mvsMkd(arg string) {
	d, ok := s.mvsName(arg)
	if !ok {
		return
	}
	if d.member != "" {
		s.reply(501, mvsBadName(d.String()))
		return
	}
	kind, err := s.srv.kindOf(d)
	switch {
	case err != nil:
		s.mvsFail(d, err)
	case kind != kindNone:
		s.reply(550, mvsExists(d.String()))
	default:
		if err := s.allocate(d, true); err != nil {
			s.mvsFail(d, err)
			return
		}
		s.reply(257, mvsMKD(d.String()))
	}
}

// exists reports whether a data set, or a member, exists.
func (s *session) exists(d dsName) (bool, error) {
	kind, err := s.srv.kindOf(d.withoutMember())
	switch {
	case err != nil:
		return false, err
	case d.member == "":
		return kind != kindNone, nil
	case kind != kindPDS:
		return false, nil
	}
	fi, err := s.srv.root.Lstat(memberPath(d))
	switch {
	case errors.Is(err, fs.ErrNotExist):
		return false, nil
	case err != nil:
		return false, err
	}
	return fi.Mode().IsRegular(), nil
}

func (s *session) mvsRnfr(arg string) {
	d, ok := s.mvsName(arg)
	if !ok {
		return
	}
	found, err := s.exists(d)
	switch {
	case err != nil:
		s.mvsFail(d, err)
	case !found:
		s.reply(550, mvsRnfrNotFound(d.String()))
	default:
		s.renFrom = d.String()
		s.reply(350, mvsRnfrOK)
	}
}

// mvsRnto renames a data set (with its attributes) or a member within
// its PDS. The new name must not exist.
func (s *session) mvsRnto(arg string) {
	fromName := s.renFrom
	s.renFrom = ""
	if fromName == "" {
		s.reply(503, "RNFR required first")
		return
	}
	to, ok := s.mvsName(arg)
	if !ok {
		return
	}
	from, err := parseDSName(fromName)
	if err != nil { // cannot happen: RNFR stored a parsed name
		s.mvsFail(to, err)
		return
	}
	switch {
	case (from.member == "") != (to.member == ""):
		s.reply(550, mvsRenameKinds(from.String(), to.String()))
		return
	case from.member != "" && from.dataset() != to.dataset():
		s.reply(550, mvsRenameAcrossPDS(from.dataset(), to.dataset()))
		return
	}
	if found, err := s.exists(from); err != nil || !found {
		if err != nil {
			s.mvsFail(from, err)
		} else {
			s.reply(550, mvsRnfrNotFound(from.String()))
		}
		return
	}
	taken, err := s.exists(to) // a sequential data set and a PDS share one name space
	switch {
	case err != nil:
		s.mvsFail(to, err)
		return
	case taken:
		s.reply(550, mvsRenameExists(to.String()))
		return
	}
	if err := s.rename(from, to); err != nil {
		s.mvsFail(to, err)
		return
	}
	s.reply(250, mvsRenamed(from.String(), to.String()))
}

// rename moves a member, or a data set and its attribute sidecar.
func (s *session) rename(from, to dsName) error {
	r := s.srv.root
	if from.member != "" {
		return r.Rename(memberPath(from), memberPath(to))
	}
	kind, err := s.srv.kindOf(from)
	if err != nil {
		return err
	}
	if err := r.MkdirAll(to.quals[0], 0o755); err != nil {
		return err
	}
	oldPath, newPath := seqPath(from), seqPath(to)
	if kind == kindPDS {
		oldPath, newPath = pdsPath(from), pdsPath(to)
	}
	if err := r.Rename(oldPath, newPath); err != nil {
		return err
	}
	if err := r.Rename(dcbPath(from), dcbPath(to)); err != nil && !errors.Is(err, fs.ErrNotExist) {
		return err
	}
	return nil
}
