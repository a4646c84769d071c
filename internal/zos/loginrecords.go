package zos

import (
	"strings"

	"github.com/zftp/zftp/transcript"
)

// Login records the login cannot use. A z/OS batch job's INPUT holds the
// user ID record and the password record after the host (IBM,
// "Submitting FTP requests in batch"). Some logins do not read them:
// netrc or a URL logged in, the connection failed, or the host record
// itself could not be used (a URL, or a host record with a user ID and
// password on it). A password record that then reached the Command:
// prompt would be echoed (EZA1736I) and reported as an unknown
// subcommand: printed in the job's log. So the first record at the prompt
// after such a login is examined:
//
//   - it is the user ID record when it is blank (z/OS: "take it from
//     NETRC"), when its first word is the user ID that logged in, or when
//     its first word names no subcommand;
//   - a user ID record with the password after the user ID is dropped
//     alone; otherwise the record after it is its password record and is
//     dropped too, whatever it holds (z/OS reads the record after the user
//     ID as the password: it may be a phrase whose first word is a
//     subcommand, "open sesame");
//   - a record that is none of these is a subcommand: it runs, and no
//     record is dropped after it.
//
// Dropped records are never echoed. The ones that are exactly what the
// login used (blank, or the netrc entry's user ID and password) go
// silently, as before; any other is reported by ZFT0240W, without its
// text, so that a subcommand mistaken for a login record is not lost
// without a word.

// loginSkip is the state of that examination.
type loginSkip struct {
	state    loginRecordState
	user     string // the user ID that logged in without the records ("": none)
	password string // its password, when known
	why      string // what made the records unusable, for ZFT0240W

	// atPassword is set while a netrc entry with a user ID and no
	// password logs in: the first record read for its password may be
	// the job's user ID record (see readPasswordRecord).
	atPassword string
}

type loginRecordState int

const (
	noLoginRecords loginRecordState = iota
	userRecordMayFollow
	passwordRecordFollows
)

// expectLoginRecords arms the examination of the next record at the
// Command: prompt, for batch input only: a terminal's lines are typed
// after the prompt that asks for them.
func (a *Interpreter) expectLoginRecords(user, password, why string) {
	if !a.src.EchoInput() {
		return
	}
	a.swallow = loginSkip{state: userRecordMayFollow, user: user, password: password, why: why}
}

// swallowed reports whether line, read at the Command: prompt, is a login
// record the login could not use; it then drops it (see loginSkip).
func (a *Interpreter) swallowed(line string) bool {
	s := &a.swallow
	blank := strings.TrimSpace(line) == ""
	switch s.state {
	case userRecordMayFollow:
		n := ParseNameRecord(line)
		known := s.user != "" && n.User == s.user
		if !blank && !known && a.isSubcommand(line) {
			*s = loginSkip{}
			return false
		}
		if !blank && !known {
			a.out.Printf(transcript.MsgLoginRecordSkipped, "a user ID record, as "+s.why)
		}
		if n.HasPassword {
			*s = loginSkip{}
		} else {
			s.state = passwordRecordFollows
		}
		return true
	case passwordRecordFollows:
		if !blank && (s.password == "" || line != s.password) {
			a.out.Printf(transcript.MsgLoginRecordSkipped, "the password record after the user ID record")
		}
		*s = loginSkip{}
		return true
	}
	return false
}

// readPasswordRecord reads the record that answers the PASSWORD: prompt
// (or that consumePasswordRecord drops). When a netrc entry with a user ID
// and no password logs in, a job written for z/OS holds the user ID record
// first: that record (the user ID, or blank for "take it from NETRC") is
// dropped and the next one is the password; "userid password" on one
// record gives the password.
func (a *Interpreter) readPasswordRecord() (string, error) {
	pw, err := a.readAnswer(true)
	name := a.swallow.atPassword
	a.swallow.atPassword = ""
	if err != nil || name == "" {
		return pw, err
	}
	n := ParseNameRecord(pw)
	switch {
	case strings.TrimSpace(pw) == "" || !n.HasPassword && n.User == name:
		return a.readAnswer(true)
	case n.HasPassword && n.User == name:
		return n.Password, nil
	}
	return pw, nil
}

// unusableHostRecord reports why a first INPUT record cannot be a host
// record and must not be echoed: a URL (which may hold a password), or
// more words than "host port" (a user ID and password on the host
// record). It returns "" for a record that may be one.
func unusableHostRecord(line string) string {
	f := strings.Fields(line)
	switch {
	case len(f) == 0:
		return ""
	case strings.Contains(f[0], "://") || strings.Contains(f[0], "@"):
		return "a URL or user@host is not a host record; write host [port], and the user ID and password on the records after it"
	case len(f) > 2:
		return "a host record is host [port]; the user ID and password go on the records after it"
	}
	return ""
}
