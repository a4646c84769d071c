package zos

import (
	"fmt"
	"strings"

	"github.com/zftp/zftp/client"
)

// What the server keeps for the first session beyond its type, data
// protection and directory, which PARALLEL's extra sessions must share:
// SITE parameters (z/OS's RECFM, LRECL, BLKSIZE, SPACE, FILETYPE=JES …;
// UMASK elsewhere) decide how a file is stored or what a PUT does, and
// the server keeps them per session. Every SITE the first session sent
// since its login and the server accepted (the SITE subcommand, or QUOTE
// SITE) is sent again, in order, on each extra session when it is brought
// to the first one's settings, except those that act once rather than set
// a parameter (siteActions: CHMOD, EXEC, CPFR …). A command sent with QUOTE that may change
// a session's state in another way (TYPE, MODE, OPTS, PROT, REIN …) cannot
// be repeated safely, nor can LANG (the extra sessions' replies, which
// the transcript shows, would be in another language) or an ACCOUNT after
// the login (the extra sessions log in with the login's): from then until
// the next OPEN no extra session is used, and each parallel subcommand
// says so (ZFT0198W).

// siteLimit bounds the SITE commands kept for the extra sessions; past it
// they are not used (the state could not be repeated).
const siteLimit = 256

// serverState is what the extra sessions must repeat of the first one's.
type serverState struct {
	site    []string // the arguments of the SITE commands the server accepted
	unknown string   // why the extra sessions cannot share the state, "" when they can
}

// quoteKeepsState lists the verbs a QUOTE may send without changing what
// the extra sessions must share: commands that change nothing a session
// keeps, act on a file once, or change the directory (which the extra
// sessions take from PWD).
var quoteKeepsState = map[string]bool{
	"NOOP": true, "STAT": true, "SYST": true, "HELP": true, "FEAT": true,
	"PWD": true, "XPWD": true, "CWD": true, "XCWD": true, "CDUP": true, "XCUP": true,
	"SIZE": true, "MDTM": true, "MLST": true, "ALLO": true,
	"DELE": true, "MKD": true, "XMKD": true, "RMD": true, "XRMD": true, "RNFR": true, "RNTO": true,
}

// siteActions are SITE commands that act on the server once (a file's
// mode, a copy, a command run) or only answer a question, rather than set
// a parameter of the session: they are not sent again on the extra
// sessions, where they would act again (proftpd's mod_site_misc and
// mod_copy, wu-ftpd's EXEC, vsftpd's CHMOD).
var siteActions = map[string]bool{
	"CHMOD": true, "CHGRP": true, "CHOWN": true, "UTIME": true, "SYMLINK": true,
	"MKDIR": true, "RMDIR": true, "CPFR": true, "CPTO": true, "EXEC": true,
	"HELP": true, "WHO": true, "QUOTA": true, "INDEX": true, "ALIAS": true,
	"CDPATH": true, "MINFO": true, "NEWER": true,
}

// noteSite records a SITE the server accepted on the first session.
func (st *serverState) noteSite(args string) {
	word, _, _ := strings.Cut(strings.TrimSpace(args), " ")
	if siteActions[strings.ToUpper(word)] {
		return
	}
	if len(st.site) >= siteLimit {
		st.unknown = fmt.Sprintf("more than %d SITE commands", siteLimit)
		return
	}
	st.site = append(st.site, args)
}

// noteQuote records what a QUOTE line that got reply r (nil: none) does to
// the state the extra sessions share.
func (st *serverState) noteQuote(line string, r *client.Reply) {
	if r == nil || r.Code/100 > 3 {
		return // refused: nothing changed
	}
	verb, args, _ := strings.Cut(strings.TrimSpace(line), " ")
	verb = strings.ToUpper(verb)
	switch {
	case verb == "SITE" && r.Code/100 == 2:
		st.noteSite(strings.TrimSpace(args))
	case !quoteKeepsState[verb]:
		st.changed("QUOTE " + verb)
	}
}

// changed records a command that changed the first session's state in a
// way the extra sessions do not repeat.
func (st *serverState) changed(what string) { st.unknown = what }

// relogin records a new login on the first session's connection (USER):
// whether the server keeps its SITE parameters across it is not known.
func (st *serverState) relogin() {
	if len(st.site) > 0 {
		st.unknown = "a new login after SITE"
	}
}
