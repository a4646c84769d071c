package config

import (
	"fmt"
	"slices"
	"strings"

	"github.com/zftp/zftp/transcript"
)

// LocstatLines returns the local settings as LOCSTAT prints them, one line
// each, without message IDs (the transcript adds them).
func (s *Settings) LocstatLines() []string {
	return s.LocstatLinesShowing(s.MsgIDs)
}

// LocstatLinesShowing is LocstatLines for a transcript that shows message
// IDs when idsShown is true (MSGIDS TRUE, or VERBOSE: -v): the MSGIDS line
// says what is actually shown.
func (s *Settings) LocstatLinesShowing(idsShown bool) []string {
	var l []string
	for _, e := range s.LocstatEntries(idsShown) {
		l = append(l, e.Text)
	}
	return l
}

// LocstatEntry is one line of LOCSTAT: the FTP.DATA statement (or
// statements) it shows, its message ID, and its text. LOCSTAT with a
// statement prints that statement's entries, so that the line is the
// same as in the full LOCSTAT.
type LocstatEntry struct {
	Statements []string // upper case, e.g. ["FWFRIENDLY"]
	ID         transcript.ID
	Args       []any  // the arguments of ID's catalog text
	Text       string // transcript.Format(ID, Args...)
}

// LocstatEntries returns the local settings as LOCSTAT prints them, with
// each line's message ID; idsShown is as for LocstatLinesShowing.
//
// IDs: the firewall-friendly line is IBM's own, EZA2818I or EZA2819I
// "Data connections for the client are (not) firewall friendly." (IBM's
// troubleshooting pages tell users to look for these LOCSTAT lines; see
// the catalog). IBM's IDs and texts of the other LOCSTAT lines could not
// be confirmed, so they keep zftp's ZFT0120I. Wording of those: the forms
// "Inactivity timer is set to n" and "Timer NAME is set to n" are attested
// in a z/OS STAT sample (IBM "Verify FTP.DATA statements"); every other
// line follows the same "... is set to ..." pattern and is zftp's own.
func (s *Settings) LocstatEntries(idsShown bool) []LocstatEntry {
	var l []LocstatEntry
	add := func(stmt string, format string, a ...any) {
		text := fmt.Sprintf(format, a...)
		l = append(l, LocstatEntry{Statements: strings.Split(stmt, ","), ID: transcript.MsgLocalStatus, Args: []any{text}, Text: text})
	}

	fw := transcript.MsgNotFWFriendly
	if s.FWFriendly {
		fw = transcript.MsgFWFriendly
	}
	l = append(l, LocstatEntry{Statements: []string{"FWFRIENDLY"}, ID: fw, Text: transcript.Format(fw)})
	add("EPSV4", "EPSV4 is set to %s", boolText(s.EPSV4))
	add("PASSIVEIGNOREADDR", "PASSIVEIGNOREADDR is set to %s%s", boolText(s.IgnorePassiveAddr()), notCoded(s.PassiveIgnoreAddrCoded))
	if s.SendSite {
		// zftp transfers files, which have no data set attributes: say so
		// rather than let the line promise a SITE that never goes out.
		add("SENDSITE", "Send Site with Put command (nothing is sent: files have no data set attributes)")
	} else {
		add("SENDSITE", "Do not send Site with Put command")
	}
	add("INACTTIME", "Inactivity timer is set to %d", s.InactTime)
	add("MYOPENTIME", "Timer MYOPENTIME is set to %d", s.MyOpenTime)
	add("CCONNTIME", "Timer CCONNTIME is set to %d", s.CConnTime)
	add("DCONNTIME", "Timer DCONNTIME is set to %d", s.DConnTime)
	add("DATACTTIME", "Timer DATACTTIME is set to %d", s.DataCtTime)
	add("FTPKEEPALIVE", "Timer FTPKEEPALIVE is set to %d", s.FTPKeepAlive)
	add("DATAKEEPALIVE", "Timer DATAKEEPALIVE is set to %d", s.DataKeepAlive)
	add("CLIENTEXIT", "CLIENTEXIT is set to %s", boolText(s.ClientExit))
	add("CLIENTERRCODES", "CLIENTERRCODES is set to %s", s.ClientErrCodes)
	add("SEQNUMSUPPORT", "SEQNUMSUPPORT is set to %s", boolText(s.SeqNumSupport))
	add("SUPPRESSIGNOREWARNINGS", "SUPPRESSIGNOREWARNINGS is set to %s", boolText(s.SuppressIgnoreWarnings))
	if len(s.Debug) == 0 {
		add("DEBUG", "Trace: NONE")
	} else {
		add("DEBUG", "Trace: %s", strings.Join(s.Debug, ", "))
	}
	add("MSGIDS", "%s", s.msgIDsLine(idsShown))
	if s.Parallel > 1 {
		// Shown only when coded above 1, so that LOCSTAT stays z/OS's
		// by default; LOCSTAT PARALLEL always shows it.
		add("PARALLEL", "PARALLEL is set to %d", s.Parallel)
	}
	if !s.Pipeline {
		// Shown only when FALSE, as PARALLEL above 1.
		add("PIPELINE", "PIPELINE is set to FALSE")
	}

	mech := string(s.SecureMechanism)
	if mech == "" {
		mech = "NONE"
	}
	add("SECURE_MECHANISM", "SECURE_MECHANISM is set to %s", mech)
	add("SECURE_FTP", "SECURE_FTP is set to %s", s.SecureFTP)
	add("SECURE_CTRLCONN", "SECURE_CTRLCONN is set to %s (applies to Kerberos only; no effect with TLS)", s.SecureCtrlConn)
	add("SECURE_DATACONN", "SECURE_DATACONN is set to %s%s", s.DataConn(), notCoded(s.SecureDataConn != ""))
	add("SECURE_SESSION_REUSE", "SECURE_SESSION_REUSE is set to %s", s.SecureSessionReuse)
	add("SECURE_HOSTNAME", "SECURE_HOSTNAME is set to %s%s", lookupStatement("SECURE_HOSTNAME").get(s), notCoded(s.SecureHostname != HostnameNotCoded))
	add("SECURE_PBSZ", "SECURE_PBSZ is set to %d", s.SecurePBSZ)
	add("SECUREIMPLICITZOS", "SECUREIMPLICITZOS is set to %s", boolText(s.SecureImplicitZOS))
	add("TLSPORT", "TLSPORT is set to %d", s.TLSPort)
	add("TLSMECHANISM", "TLSMECHANISM is set to %s", s.TLSMechanism)
	add("TLSRFCLEVEL", "TLSRFCLEVEL is set to %s", s.TLSRFCLevel)
	add("TLSTIMEOUT", "TLSTIMEOUT is set to %d", s.TLSTimeout)
	add("TLSVERSIONMIN,TLSVERSIONMAX", "TLS versions %s to %s", s.TLSVersionMin, s.TLSVersionMax)
	if s.Keyring == "" {
		// What is in effect (see Security): every CA of the system trust
		// store, no client certificate.
		add("KEYRING", "KEYRING is set to *AUTH*/* (default: the system trust store, no client certificate)")
	} else {
		add("KEYRING", "KEYRING is set to %s", s.Keyring)
	}
	if len(s.CipherSuites) == 0 {
		add("CIPHERSUITE", "CIPHERSUITE is not set (defaults in use)")
	} else {
		add("CIPHERSUITE", "CIPHERSUITE is set to %s", strings.Join(s.CipherSuites, ", "))
	}
	add("VERIFYSIZE", "VERIFYSIZE is set to %s", boolText(s.VerifySize))
	return l
}

// LocstatFor returns the LOCSTAT entries of one statement (upper case):
// the lines the full LOCSTAT prints for it, or nil when it prints none.
func (s *Settings) LocstatFor(statement string, idsShown bool) []LocstatEntry {
	var l []LocstatEntry
	for _, e := range s.LocstatEntries(idsShown) {
		if slices.Contains(e.Statements, statement) {
			l = append(l, e)
		}
	}
	return l
}

// msgIDsLine is LOCSTAT's MSGIDS line: what is actually shown. Message
// IDs are shown when MSGIDS is TRUE or, as in z/OS UNIX, under VERBOSE
// (-v), which the line then names.
func (s *Settings) msgIDsLine(idsShown bool) string {
	switch {
	case s.MsgIDs:
		return "MSGIDS is set to TRUE"
	case idsShown:
		return "MSGIDS is set to TRUE (VERBOSE: message IDs are shown)"
	}
	return "MSGIDS is set to FALSE"
}

// notCoded marks the LOCSTAT value of a statement whose zftp default
// differs from z/OS's and that was not coded.
func notCoded(coded bool) string {
	if coded {
		return ""
	}
	return " (default)"
}
