package zos

import (
	"errors"
	"fmt"
	"net"
	"strings"

	"github.com/zftp/zftp/client"
	"github.com/zftp/zftp/internal/config"
	"github.com/zftp/zftp/tls"
)

// The engine (client, tls) states facts in protocol words: typed errors,
// sentinel errors and events. This file is the one place that says them in
// z/OS words, naming the FTP.DATA statement that governs each: describe
// for the text of a message, hintFor for the advice after a failure. (The
// transcript renders the events that warn: transcript.WarningText.)

// zosWords are the sentinel facts whose engine text gets the statement
// that governs them (the texts zftp printed before the engine was
// statement-free, so transcripts stay the same).
var zosWords = []struct {
	fact error
	text string
}{
	{client.ErrCCCCloseNotify, fmt.Sprintf("waiting for the server's close_notify (TLSRFCLEVEL %s; try %s if the server sends none)",
		config.RFCLevelRFC4217, config.RFCLevelCCCNoNotify)},
	{client.ErrTLSReply, "TLS data where a clear reply was expected (after CCC check TLSRFCLEVEL; on an implicit port check SECUREIMPLICITZOS)"},
	{client.ErrSessionNotResumed, "the TLS session was not resumed and SECURE_SESSION_REUSE is REQUIRED"},
	{client.ErrPipelinedNoReply, "no reply to a command sent together with others (a server that loses such commands needs PIPELINE FALSE in FTP.DATA, or locsite nopipeline)"},
}

// alertWords name the FTP.DATA statements that govern what a server's TLS
// alert refused (tls.AlertCause), after the cause the engine states.
var alertWords = map[tls.AlertCause]string{
	tls.AlertVersion: "TLSVERSIONMIN to TLSVERSIONMAX",
	tls.AlertCipher:  "CIPHERSUITE",
}

// describe returns err's text with each engine fact in it said in z/OS
// words, in place, so that what was being done around it is kept:
//   - a failed implicit start (*client.ImplicitStartError) names its
//     SECUREIMPLICITZOS model and, when the failure suggests a server of
//     the other model (anything but a certificate that failed
//     verification), the value to use instead;
//   - a host-name mismatch (*tls.VerifyError, CheckHostName) names the
//     SECURE_HOSTNAME rule that asked for the check;
//   - the sentinels of zosWords name their statement;
//   - a local file error says what could not be done, not the system
//     call (localwords.go);
//   - the cause of a server's TLS alert (tls.AlertCause), where the text
//     states it, names the statement that governs it (alertWords).
func describe(err error) string {
	if err == nil {
		return ""
	}
	msg := err.Error()
	var ise *client.ImplicitStartError
	if errors.As(err, &ise) {
		return inPlace(msg, ise.Error(), implicitWords(ise))
	}
	var ve *tls.VerifyError
	if errors.As(err, &ve) && ve.Check == tls.CheckHostName {
		msg = inPlace(msg, ve.Error(), ve.Error()+"; "+hostnameRule(ve))
	}
	for _, w := range zosWords {
		if errors.Is(err, w.fact) {
			msg = inPlace(msg, w.fact.Error(), w.text)
		}
	}
	msg = localWords(msg, err)
	if stmt, ok := alertWords[tls.AlertCauseOf(err)]; ok {
		if cause := strings.TrimPrefix(tls.AlertHint(err), ": "); strings.Contains(msg, cause) {
			msg = strings.Replace(msg, cause, cause+" ("+stmt+")", 1)
		}
	}
	return msg
}

// inPlace replaces the engine's text of a fact in msg by the z/OS text;
// a text that does not hold it (a wrapper that words its cause its own
// way) gets the z/OS text after it.
func inPlace(msg, engine, zos string) string {
	if strings.Contains(msg, engine) {
		return strings.Replace(msg, engine, zos, 1)
	}
	return msg + " (" + zos + ")"
}

// implicitWords says a failed implicit start in z/OS words.
func implicitWords(ise *client.ImplicitStartError) string {
	model, other := "SECUREIMPLICITZOS FALSE: handshake first", "a z/OS server that sends its 220 in clear first needs SECUREIMPLICITZOS TRUE"
	if ise.Mode == client.ImplicitZOS {
		model, other = "SECUREIMPLICITZOS TRUE: 220 in clear, then the handshake", "a server that expects the handshake first needs SECUREIMPLICITZOS FALSE"
	}
	text := "implicit TLS (" + model + ") failed"
	if modelMismatch(ise) {
		text += "; " + other
	}
	return text + ": " + describe(ise.Err)
}

// modelMismatch reports whether a failed implicit start may come from a
// server of the other SECUREIMPLICITZOS model: a clear 220 where the
// handshake was expected, a TLS record or no greeting where a clear 220
// was. A certificate that failed verification says the handshake ran,
// so the model is right and the certificate is the cause.
func modelMismatch(ise *client.ImplicitStartError) bool {
	var ve *tls.VerifyError
	return !errors.As(ise.Err, &ve)
}

// hostnameRule names the SECURE_HOSTNAME setting that asked for a
// host-name check that failed.
func hostnameRule(ve *tls.VerifyError) string {
	if ve.HostRequired {
		return "SECURE_HOSTNAME REQUIRED"
	}
	return "SECURE_HOSTNAME not coded: zftp checks the name by default (coding SECURE_HOSTNAME OPTIONAL skips the check, as z/OS does)"
}

// hintFor returns the hint for a failure, or "": for sub's failure as
// the table's facts about sub say, or (sub nil) for the connection to the
// host given on the command line. tlsOn says TLS is in force (or was
// asked for) on the session: a server's demand for TLS then gets no
// advice to ask for it.
func hintFor(sub *subcommand, err error, tlsOn bool) string {
	name := ""
	opens, localReplace, remoteArg := sub == nil, false, false
	if sub != nil {
		name = strings.ToLower(sub.name)
		opens, localReplace, remoteArg = sub.opens, sub.localReplace, sub.remoteArg
	}
	msg := err.Error()
	var re *client.ReplyError
	var ve *tls.VerifyError
	var ise *client.ImplicitStartError
	switch ec := errorCode(err); {
	case !tlsOn && errors.As(err, &re) && re.Reply != nil && demandsTLS(re.Reply):
		return "the server accepts only TLS sessions: open it again with -r TLS (SECURE_FTP REQUIRED; auth tls before open), " +
			"and --keyring FILE naming the CA of its certificate."
	case errors.As(err, &ve) && ve.Check == tls.CheckHostName:
		return "the server's certificate is not valid for " + ve.Host + ": open the server by a name the certificate holds; " +
			"SECURE_HOSTNAME OPTIONAL (the z/OS default) accepts any certificate from a CA in the keyring."
	case errors.As(err, &ise) && modelMismatch(ise) && ise.Mode == client.ImplicitZOS:
		return "SECUREIMPLICITZOS TRUE waits for a 220 in clear before the handshake; a server that starts with the handshake " +
			"(most implicit FTPS servers) needs SECUREIMPLICITZOS FALSE in FTP.DATA, or locsite nosecureimplicitzos before open."
	case errors.As(err, &ise) && modelMismatch(ise):
		return "SECUREIMPLICITZOS FALSE starts with the handshake; a z/OS server that sends its 220 in clear first " +
			"needs SECUREIMPLICITZOS TRUE in FTP.DATA, or locsite secureimplicitzos before open."
	case errors.Is(err, client.ErrTLSGreeting):
		return "this port expects implicit TLS: zftp ftps://host:port/, or TLSPORT set to this port with SECUREIMPLICITZOS FALSE in FTP.DATA (a server that sends its 220 in clear first needs SECUREIMPLICITZOS TRUE, the default)."
	case ec == ecTimeout && strings.Contains(msg, "SECUREIMPLICITZOS TRUE"):
		return "no 220 came in clear on this implicit TLS port: a server that starts with the TLS handshake needs SECUREIMPLICITZOS FALSE in FTP.DATA."
	case ec == ecTimeout && opens && strings.Contains(msg, "greeting"):
		return "no 220 greeting came: an implicit TLS port waits for the client's handshake (zftp ftps://host:port/, or TLSPORT with SECUREIMPLICITZOS FALSE in FTP.DATA); a slow server needs a larger -w SECONDS (MYOPENTIME)."
	case strings.HasSuffix(msg, "not connected"):
		return "connect first: open host [port] (or give the host on the command line: zftp host)."
	case ec == ecUsage && strings.HasSuffix(msg, "wrong arguments"):
		return "help " + name + " shows the syntax and an example."
	case errors.Is(err, client.ErrProtectionRefused):
		return "the server refuses protected (PROT P) data connections: its administrator must allow them; only if clear data is acceptable, code SECURE_DATACONN CLEAR."
	case ec == ecAuthentication:
		return tlsHint(err)
	case ec == ecAlreadyOpen:
		return "close ends this connection; then open the next one."
	case ec == ecTimeout:
		return "the server is slow to answer: raise -w SECONDS, or INACTTIME / MYOPENTIME in FTP.DATA."
	case localReplace && strings.HasSuffix(msg, " exists"):
		return name + " ... (replace overwrites the local file; or name another local file."
	case ec == ecConnectFailed && opens && isLookupError(err):
		return "the host name is not known here: check its spelling; a port goes after the host (open host port)."
	case ec == ecConnectFailed && opens:
		return "check the host name and port: is an FTP server listening there (990 is implicit TLS: zftp ftps://host/)?"
	case ec == ecConnectFailed:
		return "the data connection failed: behind a firewall or NAT try locsite fwfriendly (--passive); on TLS sessions, ccc lets a NAT read PORT and PASV."
	case errors.As(err, &re) && re.Reply != nil:
		switch code := re.Reply.Code; {
		case code == 530:
			return "log in with user ID [password]; a netrc entry (--netrc FILE) logs in automatically."
		case code == 550 && remoteArg:
			return "ls lists the remote names (Tab completes them); pwd shows the remote directory."
		case code == 534 || code == 533 || code == 522:
			return "the server wants protection: private (PROT P) for data, or auth tls then open again."
		}
	}
	return ""
}

// tlsHint returns the hint after a failed TLS start, for the cause the
// message above it shows: a certificate from an unknown CA, for another
// host, out of its validity period; an alert naming what the server
// refused; a clear reply where a TLS record was due.
func tlsHint(err error) string {
	var ve *tls.VerifyError
	if errors.As(err, &ve) {
		switch ve.Check {
		case tls.CheckUnknownCA:
			return "the server's certificate must chain to a CA in the keyring: --keyring FILE (KEYRING in FTP.DATA) names the CA. " +
				"See docs/guide.md, \"TLS step by step\"."
		case tls.CheckExpired, tls.CheckNotYetValid:
			return "the server's certificate is outside its validity period (dates above): its administrator must renew it, or this host's clock is wrong."
		case tls.CheckHostName:
			return "the server's certificate is not valid for " + ve.Host + ": open the server by a name the certificate holds."
		default:
			return "the server's certificate chain does not verify (cause above): the keyring (--keyring FILE) must hold its CA, and the server must send its intermediate certificates."
		}
	}
	switch tls.AlertCauseOf(err) {
	case tls.AlertVersion:
		return "the server refused the TLS versions offered: set TLSVERSIONMIN and TLSVERSIONMAX in FTP.DATA to a range it accepts (LOCSTAT TLSVERSIONMIN shows them)."
	case tls.AlertCipher:
		return "the server refused the cipher suites offered: CIPHERSUITE in FTP.DATA lists them; leave it out for the defaults."
	case tls.AlertNoClientCert, tls.AlertClientCertRefused, tls.AlertClientCertUnknownCA, tls.AlertClientCertExpired:
		return "the server checks client certificates: the keyring (--keyring FILE, KEYRING in FTP.DATA) must hold a certificate it accepts, with its key."
	case tls.AlertServerNameUnknown:
		return "the server does not know the host name sent: open it by the name it serves."
	}
	if errors.Is(err, tls.ErrClearReply) {
		return "the server answered in clear where TLS was due: on a port that starts in clear use -r TLS (AUTH TLS), not ftps:// or TLSPORT."
	}
	var re *client.ReplyError
	if errors.As(err, &re) && re.Reply != nil {
		return "the server refused AUTH TLS: it has no TLS on this port; -a TLS (SECURE_FTP ALLOWED) goes on in clear when the server refuses TLS."
	}
	return "TLS failed (cause above): DEBUG SEC traces the handshake; docs/guide.md, \"TLS step by step\", covers the keyring (--keyring FILE) and the other settings."
}

// tlsDemandWords are what a server's reply says when it refuses a session
// without TLS: vsftpd "530 Non-anonymous sessions must use
// encryption." (force_local_logins_ssl), proftpd "550 SSL/TLS required on
// the control channel" (TLSRequired), pure-ftpd "421 Sorry, cleartext
// sessions and weak ciphers are not accepted on this server." (-Y 2).
var tlsDemandWords = []string{"tls", "ssl", "encrypt", "cleartext", "clear text", "secure connection", "auth first"}

// demandsTLS reports whether a reply refuses a clear session: a refusal
// (421, 5xx) whose text speaks of TLS, SSL, encryption or clear text.
func demandsTLS(r *client.Reply) bool {
	if r.Code != 421 && r.Code/100 != 5 {
		return false
	}
	text := strings.ToLower(r.Text())
	for _, w := range tlsDemandWords {
		if strings.Contains(text, w) {
			return true
		}
	}
	return false
}

// isLookupError reports whether err is a failed host-name lookup.
func isLookupError(err error) bool {
	var de *net.DNSError
	return errors.As(err, &de)
}
