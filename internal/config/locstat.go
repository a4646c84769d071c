package config

import (
	"fmt"
	"strings"
)

// LocstatLines returns the local settings as LOCSTAT prints them, one line
// each, without message IDs (the transcript adds them).
//
// Wording: the forms "Inactivity timer is set to n" and "Timer NAME is set to
// n" are attested in a z/OS STAT sample (IBM "Verify FTP.DATA statements");
// every other line follows the same "... is set to ..." pattern and is
// zftp's own wording (unverified against a real LOCSTAT).
func (s *Settings) LocstatLines() []string {
	return s.LocstatLinesShowing(s.MsgIDs)
}

// LocstatLinesShowing is LocstatLines for a transcript that shows message
// IDs when idsShown is true (MSGIDS TRUE, or VERBOSE: -v): the MSGIDS line
// says what is actually shown.
func (s *Settings) LocstatLinesShowing(idsShown bool) []string {
	var l []string
	add := func(format string, a ...any) { l = append(l, fmt.Sprintf(format, a...)) }

	if s.FWFriendly {
		add("FWFriendly is set to TRUE: the client opens data connections (passive).")
	} else {
		add("FWFriendly is set to FALSE: the server opens data connections (active).")
	}
	add("EPSV4 is set to %s", boolText(s.EPSV4))
	add("PASSIVEIGNOREADDR is set to %s%s", boolText(s.IgnorePassiveAddr()), notCoded(s.PassiveIgnoreAddrCoded))
	if s.SendSite {
		// zftp transfers files, which have no data set attributes: say so
		// rather than let the line promise a SITE that never goes out.
		add("Send Site with Put command (nothing is sent: files have no data set attributes)")
	} else {
		add("Do not send Site with Put command")
	}
	add("Inactivity timer is set to %d", s.InactTime)
	add("Timer MYOPENTIME is set to %d", s.MyOpenTime)
	add("Timer CCONNTIME is set to %d", s.CConnTime)
	add("Timer DCONNTIME is set to %d", s.DConnTime)
	add("Timer DATACTTIME is set to %d", s.DataCtTime)
	add("Timer FTPKEEPALIVE is set to %d", s.FTPKeepAlive)
	add("Timer DATAKEEPALIVE is set to %d", s.DataKeepAlive)
	add("CLIENTEXIT is set to %s", boolText(s.ClientExit))
	add("CLIENTERRCODES is set to %s", s.ClientErrCodes)
	add("SEQNUMSUPPORT is set to %s", boolText(s.SeqNumSupport))
	add("SUPPRESSIGNOREWARNINGS is set to %s", boolText(s.SuppressIgnoreWarnings))
	if len(s.Debug) == 0 {
		add("Trace: NONE")
	} else {
		add("Trace: %s", strings.Join(s.Debug, ", "))
	}
	add("%s", s.msgIDsLine(idsShown))
	if s.Parallel > 1 {
		// Shown only when coded above 1, so that LOCSTAT stays z/OS's
		// by default; LOCSTAT PARALLEL always shows it.
		add("PARALLEL is set to %d", s.Parallel)
	}

	mech := string(s.SecureMechanism)
	if mech == "" {
		mech = "NONE"
	}
	add("SECURE_MECHANISM is set to %s", mech)
	add("SECURE_FTP is set to %s", s.SecureFTP)
	add("SECURE_CTRLCONN is set to %s (applies to Kerberos only; no effect with TLS)", s.SecureCtrlConn)
	add("SECURE_DATACONN is set to %s", s.SecureDataConn)
	add("SECURE_SESSION_REUSE is set to %s", s.SecureSessionReuse)
	add("SECURE_HOSTNAME is set to %s%s", lookupStatement("SECURE_HOSTNAME").get(s), notCoded(s.SecureHostname != HostnameNotCoded))
	add("SECURE_PBSZ is set to %d", s.SecurePBSZ)
	add("SECUREIMPLICITZOS is set to %s", boolText(s.SecureImplicitZOS))
	add("TLSPORT is set to %d", s.TLSPort)
	add("TLSMECHANISM is set to %s", s.TLSMechanism)
	add("TLSRFCLEVEL is set to %s", s.TLSRFCLevel)
	add("TLSTIMEOUT is set to %d", s.TLSTimeout)
	add("TLS versions %s to %s", s.TLSVersionMin, s.TLSVersionMax)
	if s.Keyring == "" {
		// What is in effect (see Security): every CA of the system trust
		// store, no client certificate.
		add("KEYRING is set to *AUTH*/* (default: the system trust store, no client certificate)")
	} else {
		add("KEYRING is set to %s", s.Keyring)
	}
	if len(s.CipherSuites) == 0 {
		add("CIPHERSUITE is not set (defaults in use)")
	} else {
		add("CIPHERSUITE is set to %s", strings.Join(s.CipherSuites, ", "))
	}
	add("VERIFYSIZE is set to %s", boolText(s.VerifySize))
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
