package zos

import (
	"errors"
	"strings"

	"github.com/zftp/zftp/client"
)

// hintFor returns the hint for a failure, or "": for sub's failure as
// the table's facts about sub say, or (sub nil) for the connection to the
// host given on the command line.
func hintFor(sub *subcommand, err error) string {
	name := ""
	opens, localReplace, remoteArg := sub == nil, false, false
	if sub != nil {
		name = strings.ToLower(sub.name)
		opens, localReplace, remoteArg = sub.opens, sub.localReplace, sub.remoteArg
	}
	msg := err.Error()
	var re *client.ReplyError
	switch ec := errorCode(err); {
	case errors.Is(err, client.ErrTLSGreeting):
		return "this port expects implicit TLS: zftp -r TLS with TLSPORT set to this port in FTP.DATA, or zftp ftps://host:port/ (990 is the default TLSPORT)."
	case ec == ecTimeout && strings.Contains(msg, "SECUREIMPLICITZOS TRUE"):
		return "no 220 came in clear on this implicit TLS port: a server that starts with the TLS handshake needs SECUREIMPLICITZOS FALSE in FTP.DATA."
	case ec == ecTimeout && opens && strings.Contains(msg, "greeting"):
		return "no 220 greeting came: an implicit TLS port waits for the client's handshake (zftp ftps://host:port/, or -r TLS with TLSPORT); a slow server needs a larger -w SECONDS (MYOPENTIME)."
	case strings.HasSuffix(msg, "not connected"):
		return "connect first: open host [port] (or give the host on the command line: zftp host)."
	case ec == ecUsage && strings.HasSuffix(msg, "wrong arguments"):
		return "help " + name + " shows the syntax and an example."
	case errors.Is(err, client.ErrProtectionRefused):
		return "the server refuses protected (PROT P) data connections: its administrator must allow them; only if clear data is acceptable, code SECURE_DATACONN CLEAR."
	case ec == ecAuthentication:
		return "TLS failed: the server's certificate must chain to a CA in the keyring (--keyring FILE, or KEYRING in FTP.DATA); " +
			"-a TLS (SECURE_FTP ALLOWED) goes on in clear when the server refuses TLS. See docs/guide.md, \"TLS step by step\"."
	case ec == ecAlreadyOpen:
		return "close ends this connection; then open the next one."
	case ec == ecTimeout:
		return "the server is slow to answer: raise -w SECONDS, or INACTTIME / MYOPENTIME in FTP.DATA."
	case localReplace && strings.HasSuffix(msg, " exists"):
		return name + " ... (replace overwrites the local file; or name another local file."
	case ec == ecConnectFailed && opens:
		return "check the host name and port (990 is implicit TLS: TLSPORT); behind a firewall or NAT, --passive (FWFRIENDLY TRUE) opens data connections from the client."
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
