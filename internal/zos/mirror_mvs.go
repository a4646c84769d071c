package zos

import (
	"bytes"
	"errors"
	"fmt"
	"io"
	"os"
	"path/filepath"
	"strconv"
	"strings"
	"time"

	"github.com/zftp/zftp/client"
	"github.com/zftp/zftp/transcript"
)

// MIRROR and z/OS data sets. A z/OS server lists a data set named alone
// ('HLQ.PDS', or PDS under the working prefix) as one data set line; a
// partitioned one is then listed as its members (LIST 'HLQ.PDS(*)') and
// each member is copied to a local file named as the member, as MGET
// names it from NLST; a sequential one is copied to one local file.
// After CD into a PDS, "mirror . dir" (or plain "mirror") lists the
// members of the working PDS. A name prefix ("mirror . dir" in a prefix
// working directory, "mirror 'HLQ.' dir") lists data sets: each PDS
// becomes a directory of its members, each sequential data set a file,
// named as listed; other data set organisations (VSAM ...) are left out
// with ZFT0193W. "mirror -R dir 'HLQ.PDS'" stores each
// plain file of dir as a member (the PDS is made with MKD when it does
// not exist), the name upper-cased; a name that cannot be a member name,
// a subdirectory, or two names for one member are refused each with
// ZFT0253E and a non-zero return code.
//
// Up to date, where z/OS listings give no byte size:
//   - a member with ISPF statistics: its Changed time (to the minute) is
//     set on the local file it is copied to, and a local file with that
//     time is up to date. Upwards, a member whose Changed time is not
//     before the local file's time (to the minute) is up to date.
//   - a sequential data set, or a member without statistics: nothing in
//     the listing says when it changed (Referred is the last use, a read
//     counts), so it is fetched again and compared with the local file
//     byte for byte, said with ZFT0250I; the local file is replaced only
//     when it differs. Upwards, a member without statistics is stored
//     again, said with ZFT0254I.

// dataSetRef is a sequential data set MIRROR was asked to copy.
type dataSetRef struct {
	remote string       // as named
	entry  client.Entry // its listing line
}

// isMVSName reports whether a remote name is a z/OS data set name in
// quotes or names a member: MDTM and SIZE are refused for those.
func isMVSName(name string) bool {
	return strings.HasPrefix(name, "'") || strings.HasSuffix(name, ")")
}

// namesDataSet reports whether a data set listed alone (listed, without
// quotes) is the one named (remote, quoted or relative to the prefix).
func namesDataSet(remote, listed string) bool {
	want := strings.ToUpper(strings.Trim(remote, "'"))
	listed = strings.ToUpper(listed)
	return listed == want || strings.HasSuffix(listed, "."+want)
}

// dataSetRemote names a data set listed (without quotes) in the listing
// of listed: fully qualified in quotes when the listing's argument was in
// quotes (a z/OS server then shows full names), else as listed (relative
// to the working prefix).
func dataSetRemote(listed, name string) string {
	if strings.HasPrefix(listed, "'") {
		return "'" + name + "'"
	}
	return name
}

// memberPattern is the listing argument for every member of the PDS
// remote: 'HLQ.PDS(*)', or PDS(*) relative to the prefix (IBM, IP User's
// Guide and Commands, "DIr subcommand", lists members with ISPF
// statistics for such a name; IBM's zos-node-accessor lists members the
// same way, listDataset('HLQ.ABC(*)'), issue 14).
func memberPattern(remote string) string {
	if inner, ok := strings.CutPrefix(remote, "'"); ok {
		return "'" + strings.TrimSuffix(inner, "'") + "(*)'"
	}
	return remote + "(*)"
}

// memberRemote names member mem of the PDS whose members were listed
// with listed: a member pattern ('HLQ.PDS(*)'), or "" for the working
// PDS.
func memberRemote(listed, mem string) string {
	if listed == "" || listed == "." {
		return mem
	}
	quoted := strings.HasPrefix(listed, "'")
	name := strings.Trim(listed, "'")
	if i := strings.IndexByte(name, '('); i >= 0 {
		name = name[:i]
	}
	name += "(" + mem + ")"
	if quoted {
		return "'" + name + "'"
	}
	return name
}

// noMembers reports the reply of a member list of an empty PDS: "550 No
// members found." (zftpd's text, unverified against a z/OS server, which
// answers a list of data sets that matches nothing with "550 No data sets
// found.", FluentFTP issue 677). Any other reply stops MIRROR.
func noMembers(err error) bool {
	var re *client.ReplyError
	return errors.As(err, &re) && re.Reply != nil && re.Reply.Code == 550 &&
		strings.Contains(strings.ToLower(re.Reply.Text()), "no members")
}

// memberName returns the member name a local file is stored as: the name
// upper-cased, when it is 1 to 8 letters, digits or national characters
// ($ # @), the first not a digit. IBM, z/OS MVS JCL Reference, "DSNAME
// parameter", Cataloged data set name: "member: 1 to 8 alphanumeric or
// national characters ... The first character must be alphabetic [or]
// national" (iea3b6_Cataloged_data_set_name.htm; + and -, which name a
// generation, are not member names here).
func memberName(local string) (string, error) {
	m := strings.ToUpper(local)
	if len(m) < 1 || len(m) > 8 {
		return "", fmt.Errorf("a member name is 1 to 8 characters, not %d", len(local))
	}
	for i := range len(m) {
		c := m[i]
		switch {
		case 'A' <= c && c <= 'Z', c == '$', c == '#', c == '@':
		case '0' <= c && c <= '9' && i > 0:
		case '0' <= c && c <= '9':
			return "", errors.New("a member name begins with a letter or $ # @")
		default:
			return "", fmt.Errorf("a member name holds only letters, digits and $ # @, not %q", string(rune(local[i])))
		}
	}
	return m, nil
}

// mirrorDataSet copies a sequential data set to the local file local,
// fetching and comparing when the file exists.
func (a *Interpreter) mirrorDataSet(ds *dataSetRef, local string) error {
	abs := a.resolve(local)
	dir, name := filepath.Dir(abs), filepath.Base(abs)
	if err := validLocalName(name); err != nil {
		return a.localError(ecFileAccess, "mirror", fmt.Errorf("%s: %w", local, err))
	}
	root, err := os.OpenRoot(dir)
	if err != nil {
		return a.localError(ecFileAccess, "mirror", err)
	}
	defer root.Close()
	j := a.job()
	skipped, copied := 0, 0
	if fi, err := root.Stat(name); err == nil && fi.Mode().IsRegular() {
		a.out.Printf(transcript.MsgMirrorCompare, local)
		same, err := j.fetchCompare(root, ds.remote, name, local)
		if err != nil {
			return err
		}
		if same {
			a.out.Printf(transcript.MsgMirrorSkip, local)
			skipped++
		} else {
			copied++
		}
	} else {
		if err := j.fetch(root, ds.remote, name, local, true); err != nil {
			return err
		}
		copied++
	}
	a.out.Printf(transcript.MsgMirrorDone, copied, skipped, 0)
	return nil
}

// fetchCompare fetches remote beside the local file name, then keeps the
// local file when the two are the same (true) or replaces it.
func (j *job) fetchCompare(root *os.Root, remote, name, display string) (bool, error) {
	tmp, f, release, err := createTemp(root)
	if err != nil {
		return false, j.localError(ecFileAccess, "mirror", err)
	}
	defer release()
	f.Close()
	if err := j.fetch(root, remote, tmp, display, true); err != nil {
		root.Remove(tmp)
		return false, err
	}
	same, err := sameContent(root, tmp, name)
	if err != nil || same {
		root.Remove(tmp)
		if err != nil {
			return false, j.localError(ecFileAccess, "mirror", err)
		}
		return true, nil
	}
	if err := root.Rename(tmp, name); err != nil {
		root.Remove(tmp)
		return false, j.localError(ecFileWrite, "mirror", err)
	}
	return false, nil
}

// sameContent reports whether two files under root hold the same bytes.
func sameContent(root *os.Root, a, b string) (bool, error) {
	fa, err := root.Open(a)
	if err != nil {
		return false, err
	}
	defer fa.Close()
	fb, err := root.Open(b)
	if err != nil {
		return false, err
	}
	defer fb.Close()
	ba, bb := make([]byte, 32<<10), make([]byte, 32<<10)
	for {
		na, ea := io.ReadFull(fa, ba)
		nb, eb := io.ReadFull(fb, bb)
		if na != nb || !bytes.Equal(ba[:na], bb[:nb]) {
			return false, nil
		}
		aEnd := ea == io.EOF || ea == io.ErrUnexpectedEOF
		bEnd := eb == io.EOF || eb == io.ErrUnexpectedEOF
		switch {
		case ea != nil && !aEnd:
			return false, ea
		case eb != nil && !bEnd:
			return false, eb
		case aEnd || bEnd:
			return aEnd && bEnd, nil
		}
	}
}

// mvsTarget reports whether the remote name of MIRROR -R names a z/OS
// data set: it is in quotes, or the working directory is an MVS name
// prefix or PDS (PWD answers it in quotes, "'TESTER.'", where a z/OS UNIX
// directory is a path; IBM, IP User's Guide and Commands, "PWD
// subcommand") and the name is not a path.
func (a *Interpreter) mvsTarget(remote string) bool {
	if strings.HasPrefix(remote, "'") {
		return true
	}
	if strings.Contains(remote, "/") || remote == "." {
		return false
	}
	dir, _, err := a.sess.Pwd(unobserved(a.ctx))
	return err == nil && strings.HasPrefix(dir, "'")
}

// mirrorUpPDS stores the plain files of the local directory localAbs as
// members of the PDS remote, making it with MKD when it does not exist
// (IBM, IP User's Guide and Commands, "MKdir subcommand": MKdir creates a
// PDS, PDSE or z/OS UNIX directory, mkd.htm).
func (a *Interpreter) mirrorUpPDS(c *call, localAbs, local, remote string) error {
	var ds *client.Entry
	n := 0
	err := a.sess.ReadDir(a.ctx, remote, func(e client.Entry) error {
		if n++; n == 1 && e.Kind == client.KindDataSet {
			ds = &e
		}
		return nil
	})
	created := 0
	switch {
	case err == nil && n == 1 && ds != nil && ds.IsDir():
	case err == nil && n == 1 && ds != nil:
		a.out.Printf(transcript.MsgMirrorNotMember, remote, "it is a sequential data set, not a PDS: MIRROR -R stores members of a PDS")
		return shown(ecFileAccess, fmt.Errorf("mirror -R: %s is not a PDS", remote))
	case err == nil && n > 0:
		a.out.Printf(transcript.MsgMirrorNotMember, remote, "it lists as more than one data set: name one PDS")
		return shown(ecFileAccess, fmt.Errorf("mirror -R: %s is not one PDS", remote))
	case err == nil || client.ReplyCode(err) == 550:
		if _, err := a.sess.Mkdir(a.ctx, remote); err != nil {
			return err
		}
		created++
	default:
		return err
	}
	pattern := memberPattern(remote)
	members := map[string]time.Time{} // member → Changed (zero: no statistics)
	count := client.DefaultListLimit.Counter()
	if created == 0 {
		err = a.sess.ReadDir(a.ctx, pattern, func(e client.Entry) error {
			if e.Kind != client.KindMember {
				return nil
			}
			if err := count.Add(e.Name); err != nil {
				return err
			}
			members[strings.ToUpper(e.Name)] = e.Modify
			return nil
		})
		if errors.Is(err, client.ErrListTooLong) {
			l := client.DefaultListLimit
			a.out.Printf(transcript.MsgNameListTooLong, "mirror", l.Entries, l.Bytes)
			return shown(ecSession, fmt.Errorf("mirror: list %s: %w", pattern, err))
		}
		if err != nil && !noMembers(err) {
			return err
		}
	}
	files, err := os.ReadDir(localAbs)
	if err != nil {
		return a.localError(ecFileAccess, "mirror", err)
	}
	refused, skipped := 0, 0
	seen := map[string]string{} // member → local name
	var names []string
	localOf := map[string]string{} // remote → local name
	for _, d := range files {
		p := filepath.Join(local, d.Name())
		if !d.Type().IsRegular() {
			why := "not a plain file"
			if d.IsDir() {
				why = "a directory: a PDS holds members, not directories"
			}
			a.out.Printf(transcript.MsgMirrorNotMember, strconv.Quote(p), why)
			refused++
			continue
		}
		mem, err := memberName(d.Name())
		if err != nil {
			a.out.Printf(transcript.MsgMirrorNotMember, strconv.Quote(p), err.Error())
			refused++
			continue
		}
		if other, dup := seen[mem]; dup {
			a.out.Printf(transcript.MsgMirrorNotMember, strconv.Quote(p), "it would be member "+mem+", as "+strconv.Quote(other)+" is")
			refused++
			continue
		}
		seen[mem] = d.Name()
		if changed, ok := members[mem]; ok {
			fi, err := d.Info()
			if err != nil {
				return a.localError(ecFileAccess, "mirror", err)
			}
			if changed.IsZero() {
				a.out.Printf(transcript.MsgMirrorNoStats, mem)
			} else if !changed.Before(fi.ModTime().Truncate(time.Minute)) {
				a.out.Printf(transcript.MsgMirrorSkip, p)
				skipped++
				continue
			}
		}
		r := memberRemote(pattern, mem)
		names = append(names, r)
		localOf[r] = filepath.Join(localAbs, d.Name())
	}
	err = a.multiOver(names, nil, func(j *job, name string) error {
		return j.send(c, localOf[name], name, (*job).stor)
	})
	a.out.Printf(transcript.MsgMirrorDone, a.running.doneCount(), skipped, created)
	if err == nil && refused > 0 && !a.stopRequested() {
		err = shown(ecFileAccess, fmt.Errorf("mirror -R: %d local names cannot be members of %s", refused, remote))
	}
	return a.reportStop("MIRROR", err)
}
