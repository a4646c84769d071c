package transcript

import (
	"fmt"
	"strings"
)

// ID is a message identifier with its severity letter, e.g. "EZA1554I".
type ID string

// Severity is the letter that ends a message ID.
type Severity byte

// The severities used by the catalog.
const (
	Info    Severity = 'I' // informational; z/OS uses it for nearly every client message
	Warning Severity = 'W' // something was ignored or assumed
	Error   Severity = 'E' // the subcommand failed
)

// Message is one entry of the catalog: the text template (a fmt format)
// printed after the ID, when the client prints it, and where the text was
// confirmed. Source starts with "V" when the text was checked against IBM
// documentation or a real z/OS transcript and "U" when it was not.
type Message struct {
	ID       ID
	Severity Severity
	Text     string
	When     string
	Source   string
}

// The message IDs zftp prints. EZA and EZY IDs are the z/OS client's own;
// ZFT IDs are zftp's, for situations whose z/OS wording is not known (their
// texts are zftp's and say so in Source).
const (
	MsgConnectTo       ID = "EZA1456I"
	MsgNotConnected    ID = "EZA1457I"
	MsgNamePrompt      ID = "EZA1459I"
	MsgCommandPrompt   ID = "EZA1460I"
	MsgBanner          ID = "EZA1450I"
	MsgStack           ID = "EZA1466I"
	MsgLocalDirSet     ID = "EZA2578I"
	MsgTimedOut        ID = "EZA2589E"
	MsgConnecting      ID = "EZA1554I"
	MsgTransferred     ID = "EZA1617I"
	MsgCommandSent     ID = "EZA1701I"
	MsgNotResponding   ID = "EZA1721W"
	MsgReturnCode      ID = "EZA1735I"
	MsgInputEcho       ID = "EZA1736I"
	MsgPasswordPrompt  ID = "EZA1789I"
	MsgListLine        ID = "EZA2284I"
	MsgIDsShown        ID = "EZA2859I"
	MsgFWFriendly      ID = "EZA2818I"
	MsgNotFWFriendly   ID = "EZA2819I"
	MsgAuthFailed      ID = "EZA2897I"
	MsgAuthRequired    ID = "EZA2898I"
	MsgUnknownCommand  ID = "ZFT0101E"
	MsgAmbiguous       ID = "ZFT0102E"
	MsgUsage           ID = "ZFT0103E"
	MsgLocalError      ID = "ZFT0104E"
	MsgEngineWarning   ID = "ZFT0105W"
	MsgConnectFailed   ID = "ZFT0106E"
	MsgAlreadyOpen     ID = "ZFT0107E"
	MsgNotSupported    ID = "ZFT0108E"
	MsgIDsHidden       ID = "ZFT0109I"
	MsgCommandFailed   ID = "ZFT0110E"
	MsgAccountPrompt   ID = "ZFT0111I"
	MsgConnectionLost  ID = "ZFT0112E"
	MsgNotAvailableYet ID = "ZFT0113E"

	MsgConfigFile       ID = "EZY2640I"
	MsgConfigError      ID = "EZYFT46E"
	MsgConfigServerStmt ID = "EZYFT47I"
	MsgTraces           ID = "EZA2923I"
	MsgLocalSiteChanged ID = "EZZ9815I"
	MsgConfigUnknown    ID = "ZFT0001W"
	MsgConfigNoEffect   ID = "ZFT0002W"
	MsgConfigNote       ID = "ZFT0003W"
	MsgTLSInUse         ID = "ZFT0114I"
	MsgControlCleared   ID = "ZFT0115I"
	MsgSecurityRefused  ID = "ZFT0116E"
	MsgNetrcRefused     ID = "ZFT0117W"
	MsgNameRefused      ID = "ZFT0119E"
	MsgLocalStatus      ID = "ZFT0120I"
	MsgConfirm          ID = "ZFT0121I"
	MsgKeyringPassword  ID = "ZFT0122I"
	MsgServerKeptTLS    ID = "ZFT0123W"
	MsgLocalExists      ID = "ZFT0124E"
	MsgDataProtection   ID = "ZFT0125I"
	MsgSecurityWarning  ID = "ZFT0126W"
	// MsgConfigErrorReason follows EZYFT46E with the reason.
	MsgConfigErrorReason ID = "ZFT0141W"
	MsgMultiStopped      ID = "ZFT0161W"
	MsgRestartNoLocal    ID = "ZFT0162E"
	MsgPutIncomplete     ID = "ZFT0163W"
	MsgRegetDone         ID = "ZFT0164I"
	MsgPartialKept       ID = "ZFT0165I"
	MsgResumeNoRest      ID = "ZFT0175W"
	MsgResumeShrunk      ID = "ZFT0176E"
	MsgSizeUnknown       ID = "ZFT0177I"
	MsgProtRefused       ID = "ZFT0127E"
	MsgDataHandshake     ID = "ZFT0128E"
	MsgReplyOmitted      ID = "ZFT0129I"
	MsgSizeMismatch      ID = "ZFT0130E"
	MsgNameListTooLong   ID = "ZFT0131E"
	// MsgTLSCause follows EZA2897I (and EZA2898I) with the cause.
	MsgTLSCause        ID = "ZFT0170E"
	MsgParallelRefused ID = "ZFT0190W"
	MsgMirrorSkip      ID = "ZFT0191I"
	MsgMirrorDone      ID = "ZFT0192I"
	MsgMirrorRefused   ID = "ZFT0193W"
	MsgMirrorTooDeep   ID = "ZFT0194E"
	MsgMatchedHere     ID = "ZFT0195I"
	MsgRetryOther      ID = "ZFT0196W"
	MsgParallelNoDir   ID = "ZFT0197W"
	MsgParallelNoState ID = "ZFT0198W"
	MsgLocalSameFile   ID = "ZFT0199E"
	MsgLocalIsDir      ID = "ZFT0200W"
	MsgReputFrom       ID = "ZFT0201I"
	MsgReputLarger     ID = "ZFT0202E"
	MsgReputComplete   ID = "ZFT0203I"
	MsgStouNoName      ID = "ZFT0204W"
	// MsgLoginRecordSkipped says a batch input record was taken for a
	// login record that cannot be used and skipped without being shown.
	MsgLoginRecordSkipped ID = "ZFT0240W"
	// MIRROR (zftp extension) and z/OS data sets, loops, a missing
	// local directory.
	MsgMirrorCompare   ID = "ZFT0250I"
	MsgMirrorNoLocal   ID = "ZFT0251E"
	MsgMirrorLoop      ID = "ZFT0252W"
	MsgMirrorNotMember ID = "ZFT0253E"
	MsgMirrorNoStats   ID = "ZFT0254I"
	MsgBinaryForUnix   ID = "ZFT0230I"
	MsgTextLooksBinary ID = "ZFT0231W"
	MsgBackground      ID = "ZFT0232E"
	MsgUnknownOption   ID = "ZFT0233E"
)

// catalog is the message table. It is read-only: nothing writes to it after
// package initialisation. Keep it sorted by ID.
var catalog = []Message{
	{MsgBanner, Info, "%s",
		"start-up banner naming the client and its version (z/OS: \"IBM FTP CS V2R4\")",
		"V: IP User's Guide, \"Interpreting FTP client output\" (EZA1450I IBM FTP CS V1R7)"},
	{MsgConnectTo, Info, "Connect to ?",
		"no host given and the client needs one: the next input line is the host",
		"U: ID and text from recollection; batch \"host as first INPUT line\" is V"},
	{MsgNotConnected, Info, "You must first issue the 'OPEN' command",
		"a subcommand that needs a connection was issued while not connected",
		"U: text not found in IBM pages searched"},
	{MsgNamePrompt, Info, "NAME (%s:%s):",
		"prompt for the remote user ID after the greeting (host as typed, local user)",
		"V: IP User's Guide \"Interpreting FTP client output\"; issue 4 sample (NAME (loopback:TIFFANY):)"},
	{MsgCommandPrompt, Info, "Command:",
		"prompt before each subcommand is read",
		"V: IP Programmer's Guide \"FTP client API messages and replies\"; IP Diagnosis Guide tutorial"},
	{MsgStack, Info, "FTP: using %s",
		"start-up: the TCP/IP stack used, after EZA1450I (zftp: the operating system's)",
		"V: IP Diagnosis Guide tutorial (EZA1466I FTP: using TCPCS); zftp names no stack"},
	{MsgConnecting, Info, "Connecting to: %s %s port: %d.",
		"immediately before the control connection is dialled (host, IP address, port)",
		"V: IP User's Guide \"Interpreting FTP client output\" (Connecting to: vic135.tcp.raleigh.ibm.com 9.42.103.37 port: 21.)"},
	{MsgTransferred, Info, "%d bytes transferred in %s seconds. Transfer rate %s Kbytes/sec.",
		"after a successful GET, PUT or APPEND: bytes, seconds (3 decimals), bytes/1000/seconds (2 decimals)",
		"V: public TSO transcript (EZA1617I 24 bytes transferred in 0.076 seconds. Transfer rate 0.32 Kbytes/sec.), single space before \"Transfer\"; divisor 1000 inferred from it"},
	{MsgCommandSent, Info, ">>> %s",
		"every command sent on the control connection; PASS is shown without its argument",
		"V: IP Diagnosis Guide tutorial; issue 4 sample (EZA1701I >>> USER tiffany, EZA1701I >>> PASS)"},
	{MsgNotResponding, Warning, "Server not responding, closing connection",
		"a timeout (the data connection's DATACTTIME, a reply's INACTTIME) made the client give up the session",
		"V: IBM technote swg21080868 \"FTP PUT/GET Fails to Complete with an interrupted, timed out, or not responding condition\" (EZA1721W Server not responding, closing connection)"},
	{MsgReturnCode, Info, "Std Return Code = %05d, Error Code = %05d",
		"the client ends because of an error while EXIT / -e / CLIENTEXIT TRUE is in force",
		"V: IP Messages Volume 1, EZA1735I (Std Return Code = rc, Error Code = ec); IBM tech note sample 10234 / 00017"},
	{MsgInputEcho, Info, "%s",
		"batch: each subcommand line read from stdin, exactly as read, after the Command: prompt",
		"V: IBM presentation \"Safe and Secure Transfers with z/OS FTP\" (EZA1736I pwd); issue 4 sample"},
	{MsgPasswordPrompt, Info, "PASSWORD:",
		"prompt for the password after 331; the input is never echoed",
		"V: IP Diagnosis Guide tutorial; issue 4 sample"},
	{MsgListLine, Info, "%s",
		"each line of LS (and DIR) output",
		"V for LS: IP Diagnosis Guide tutorial (EZA2284I CTRACE.txt); U for DIR"},
	{MsgLocalDirSet, Info, "Local directory name set to hierarchical file %s",
		"LCD: the new local directory; LPWD: the local directory",
		"V: IP User's Guide \"LCd subcommand\" (EZA2578I Local directory name set to hierarchical file /u/user33) and \"Verbose subcommand\" (the same line for lpw)"},
	{MsgTimedOut, Error, "Connection to server interrupted or timed out. %s",
		"a timer expired: Initial Connection or Initial IPv6 connection (MYOPENTIME: no connection or no 220 greeting), Data connection (DATACTTIME: no data moved)",
		"V: text (IBM technote swg21080868; IP Diagnosis Guide \"Values and explanations for operation in EZA2589E\", whose Initial Connection and Initial IPv6 connection are IBM's operation values); U: the operation after the text, and Data connection (zftp's name for DATACTTIME's operation, whose table entry was not retrieved)"},
	{MsgFWFriendly, Info, "Data connections for the client are firewall friendly.",
		"LOCSTAT: FWFRIENDLY TRUE (the client opens data connections: PASV, EPSV)",
		"V: IBM troubleshooting pages (look for EZA2818I/EZA2819I \"Data connections for the client are (not) firewall friendly.\" in LOCSTAT); U: which of the pair is the \"not\" form, read from the order IBM names them in"},
	{MsgNotFWFriendly, Info, "Data connections for the client are not firewall friendly.",
		"LOCSTAT: FWFRIENDLY FALSE (the server opens data connections: PORT, EPRT)",
		"V: as EZA2818I"},
	{MsgIDsShown, Info, "Message IDs are displayed when running in z/OS UNIX",
		"VERBOSE turns message IDs on",
		"V: IP Programmer's Guide \"FTP client API messages and replies\""},
	{MsgAuthFailed, Info, "Authentication negotiation failed",
		"TLS negotiation failed",
		"V: IBM tech note \"FTP Client fails with EZA2897I\""},
	{MsgAuthRequired, Info, "Unable to successfully negotiate required authentication",
		"after EZA2897I when TLS is required; the connection is not used",
		"V: IBM tech note \"FTP Client fails with EZA2897I\""},
	{MsgTraces, Info, "Active client traces - %s",
		"DEBUG subcommand or -d: the trace options now in force (NONE when tracing is off)",
		"V: IP Messages Volume 1 / reference 2.3 (EZA2923I Active client traces - FLO CMD ...); the NONE form is U"},
	{MsgConfigFile, Info, "Using %s for local site configuration parameters.",
		"first line of a session: the FTP.DATA file that was read; a file path is not quoted (IBM quotes MVS data set names only, and zftp reads files)",
		"V: IP User's Guide \"Interpreting FTP client output\" (EZY2640I Using 'USER2.FTP.DATA' for ..., a data set, quoted) and the z/OS 3.1 example (EZY2640I Using /etc/ftp.data for local site configuration parameters., a z/OS UNIX file, unquoted)"},
	{MsgConfigError, Error, "Error in '%s' file: line %d near column %d.",
		"a statement of FTP.DATA has a bad value; zftp then ends",
		"V: reference 2.1 (EZYFT46E); ending the client is zftp's choice"},
	{MsgConfigServerStmt, Info, "%s",
		"a z/OS server statement in the client FTP.DATA is ignored (file:line: text); SUPPRESSIGNOREWARNINGS TRUE drops it",
		"V for the ID and its use (IP Diagnosis Guide \"Enabling or suppressing message EZYFT47I\"); U: the text is zftp's"},
	{MsgLocalSiteChanged, Info, "local site variables have changed",
		"a subcommand other than LOCSITE changed local site settings (AUTH before OPEN)",
		"V: IP Messages Volume 4, EZZ9815I"},
	{MsgConfigUnknown, Warning, "%s",
		"FTP.DATA names a statement zftp does not know (file:line: text); it is ignored",
		"U: zftp text and ID (package config)"},
	{MsgConfigNoEffect, Warning, "%s",
		"a z/OS-only FTP.DATA statement or LOCSITE option is accepted without effect",
		"U: zftp text and ID (package config)"},
	{MsgConfigNote, Warning, "%s",
		"an FTP.DATA or LOCSITE value is accepted with a caveat (TLSMECHANISM ATTLS ...)",
		"U: zftp text and ID (package config)"},
	{MsgUnknownCommand, Error, "Unknown subcommand %s. Enter HELP for the list of subcommands.",
		"the first word of an input line names no subcommand",
		"U: zftp text; the z/OS wording was not found"},
	{MsgAmbiguous, Error, "Ambiguous subcommand %s: it could be %s.",
		"the first word is a prefix of several subcommands and none is its abbreviation (subcommand code 01 AMBIGUOUS)",
		"U: zftp text; code 01 AMBIGUOUS is V (IP User's Guide \"FTP subcommand codes\")"},
	{MsgUsage, Error, "Usage: %s",
		"a subcommand was given the wrong arguments",
		"U: zftp text"},
	{MsgLocalError, Error, "%s",
		"a local file or directory could not be read or written",
		"U: zftp text"},
	{MsgEngineWarning, Warning, "%s",
		"the protocol engine reported something worth knowing that did not fail the command",
		"U: zftp text"},
	{MsgConnectFailed, Error, "Connection to %s port %d failed: %s",
		"the control connection could not be opened",
		"U: zftp text; z/OS wording not found"},
	{MsgAlreadyOpen, Error, "Already connected to %s. Use CLOSE first.",
		"OPEN while connected (client error code 06 FTP_ALREADY_CONNECTED)",
		"U: zftp text; error code 06 is V (IP User's Guide \"FTP client error codes\")"},
	{MsgNotSupported, Error, "%s is not supported on this platform.",
		"a z/OS-only subcommand was recognised",
		"U: zftp text"},
	{MsgIDsHidden, Info, "Message IDs are not displayed when running in z/OS UNIX",
		"VERBOSE turns message IDs off; printed without an ID (IDs are now off)",
		"V: IP Programmer's Guide \"FTP client API messages and replies\" (text); ID is zftp's as z/OS prints none"},
	{MsgCommandFailed, Error, "%s",
		"a subcommand failed without a server reply (transport error, timeout, bad argument)",
		"U: zftp text"},
	{MsgAccountPrompt, Info, "ACCOUNT:",
		"prompt for account information after 332",
		"U: zftp text"},
	{MsgConnectionLost, Error, "Connection to the server was lost: %s",
		"the control connection failed; the session is closed",
		"U: zftp text"},
	{MsgNotAvailableYet, Error, "%s is not available in this version of zftp.",
		"a z/OS subcommand zftp recognises but does not implement yet",
		"U: zftp text"},
	{MsgTLSInUse, Info, "Using %s with %s on the control connection.",
		"the TLS handshake of the control connection succeeded (protocol, cipher suite)",
		"U: zftp text modelled on the z/OS client trace line \"tlsLevel: using TLSV1 with SSL_NULL_MD5 (01)\" (IP Diagnosis Guide, AT-TLS problems); no z/OS message found"},
	{MsgControlCleared, Info, "The control connection is now clear text (CCC, TLSRFCLEVEL %s); data connections stay as PROTECT set them.",
		"CCC succeeded and TLS was taken off the control connection",
		"U: zftp text"},
	{MsgSecurityRefused, Error, "%s",
		"a security subcommand (CCC, CPROTECT, PROTECT, PRIVATE, SAFE, CLEAR, AUTH) is refused by the client",
		"U: zftp text; the restrictions are V (IP User's Guide \"CCc subcommand\", reference zos-security 3)"},
	{MsgNetrcRefused, Warning, "%s",
		"the netrc file cannot be used (insecure mode, syntax error); login falls back to prompts",
		"U: zftp text"},
	{MsgNameRefused, Error, "%s: %s",
		"MGET refuses a remote name that would leave the local directory or holds control characters",
		"U: zftp text"},
	{MsgLocalStatus, Info, "%s",
		"LOCSTAT lines IBM's own IDs and texts could not be confirmed for, and the state of a toggle (PROMPT, GLOB, SUNIQUE, SENDPORT, SENDSITE)",
		"U: zftp text; LOCSTAT wording partly V (see config.LocstatEntries); the firewall-friendly line is IBM's EZA2818I/EZA2819I"},
	{MsgConfirm, Info, "%s %s (Yes|No|Quit|Stop prompting)?",
		"MGET, MPUT and MDELETE ask before each file while PROMPT is on (interactive sessions): y(es) or Enter, n(o), q(uit: stop the subcommand), s(top prompting: this file and the rest without asking; a is another name for it); any other reply asks again",
		"V for the text and answers: IP User's Guide \"PROMpt subcommand\" (Mput FILE1 (Yes|No|Quit|Stop prompting)?); U: the ID, which IBM's example does not show"},
	{MsgKeyringPassword, Info, "Password for keyring %s:",
		"a PKCS#12 keyring needs its password (interactive sessions only; never echoed)",
		"U: zftp text"},
	{MsgServerKeptTLS, Warning, "The server refused %s; the control connection stays protected.",
		"CCC or CPROTECT CLEAR was refused by the server",
		"U: zftp text"},
	{MsgLocalExists, Error, "Local file %s already exists. Use GET remote local (REPLACE to replace it.",
		"GET to an existing local file without (REPLACE and with SUNIQUE off",
		"U: zftp text; the (REPLACE option is V (IP User's Guide \"Get subcommand\")"},
	{MsgDataProtection, Info, "%s",
		"PROTECT, PRIVATE, CLEAR and SAFE: the data protection now in force",
		"U: zftp text"},
	{MsgSecurityWarning, Warning, "%s",
		"a keyring, cipher or version setting was accepted with a caveat at OPEN",
		"U: zftp text (package config)"},
	{MsgProtRefused, Error, "Data protection PRIVATE was refused by the server (%s); no data connection is opened until a PROTECT subcommand succeeds.",
		"the server refused PBSZ or PROT P (at login or later): the transfer or listing ends before any data command",
		"U: zftp text; no z/OS client message for a refused PROT was found"},
	{MsgDataHandshake, Error, "The TLS handshake on the data connection failed (%s); no data was transferred.",
		"the TLS handshake of a protected data connection failed (PROT P in force): nothing is read or written in clear",
		"U: zftp text"},
	{MsgReplyOmitted, Info, "%d more lines of this reply were not kept.",
		"after a reply longer than the client keeps (Reply.Omitted lines dropped between the kept lines and the last)",
		"U: zftp text"},
	{MsgSizeMismatch, Error, "%s: received %d bytes, the server gives the size as %d. The local file was not changed.",
		"a binary GET or MGET received a byte count other than the size SIZE or MLSD told (VERIFYSIZE TRUE)",
		"U: zftp text"},
	{MsgNameListTooLong, Error, "%s: the server's name list has more than %d names or %d bytes; name fewer files.",
		"MGET or MDELETE: the NLST listing is over the client's cap",
		"U: zftp text"},
	{MsgConfigErrorReason, Warning, "%s",
		"after EZYFT46E: why the FTP.DATA statement is bad; it is ignored and the session goes on with the other statements",
		"U: zftp text; z/OS's EZYFT46E gives file, line and column only (IP Messages Volume 1)"},
	{MsgMultiStopped, Warning, "%s stopped: %d files done.",
		"Ctrl-C or a q answer stopped MGET, MPUT or MDELETE (subcommand, files done before it)",
		"U: zftp text"},
	{MsgRestartNoLocal, Error, "Local file %s does not exist; nothing to restart. Use GET without RESTART.",
		"RESTART then GET, or REGET, with no local file to continue",
		"U: zftp text"},
	{MsgPutIncomplete, Warning, "The transfer was interrupted; the remote file %s is incomplete.",
		"a PUT, APPEND or MPUT file aborted by Ctrl-C, whatever the server replied",
		"U: zftp text"},
	{MsgRegetDone, Info, "Restarting %s at byte %d.",
		"REGET (zftp extension) continues a partial local file from its size",
		"U: zftp text; the name REGET is BSD ftp's and tnftp's"},
	{MsgPartialKept, Info, "Partial data kept in %s (%d bytes); REGET continues it.",
		"an interactive GET to a new local file was interrupted by Ctrl-C",
		"U: zftp text"},
	{MsgTLSCause, Error, "TLS negotiation failed: %s",
		"after EZA2897I and, when TLS is required, EZA2898I: the cause (the server's refusal of AUTH, its alert, a version or certificate verification failure)",
		"U: zftp text; IBM's pair EZA2897I, EZA2898I stays together (IBM tech note \"FTP Client fails with EZA2897I\")"},
	{MsgResumeNoRest, Warning, "The server does not restart transfers (REST refused); all of %s is fetched again.",
		"REGET or RESTART asked for the rest of a file and the server refused REST (RFC 3659 restart is optional). The whole file is fetched instead, into a temporary file that replaces the local one only when complete, so no half-written file is left.",
		"U: zftp text; lftp re-fetches the whole file the same way"},
	{MsgResumeShrunk, Error, "%s is %d bytes on the server, fewer than the %d bytes of the local file: there is nothing to continue. The local file was not changed.",
		"REGET or RESTART asked to continue a file that is now shorter on the server than the local part: the files differ. Fetch it again with GET (REPLACE.",
		"U: zftp text"},
	{MsgSizeUnknown, Info, "The server gives no size for %s: binary transfers from it are not checked against a size in this session.",
		"VERIFYSIZE is on, and neither SIZE nor MLST (nor the listing) gave a size, as z/OS servers do for MVS data sets (SIZE is refused for them); said once per session",
		"U: zftp text"},
	{MsgParallelRefused, Warning, "The server refused another session (%s); continuing with %d.",
		"PARALLEL (zftp extension): an extra session for MGET, MPUT or MIRROR could not be opened or logged in; zftp goes on with the sessions it has",
		"U: zftp text"},
	{MsgMirrorSkip, Info, "%s is up to date; skipped.",
		"MIRROR (zftp extension): a file whose size and time match on both sides is not copied",
		"U: zftp text"},
	{MsgMirrorDone, Info, "MIRROR: %d files copied, %d up to date, %d directories created.",
		"MIRROR (zftp extension) ends with what it did",
		"U: zftp text"},
	{MsgMirrorRefused, Warning, "%s is not mirrored: %s.",
		"MIRROR (zftp extension): an entry that is neither a plain file nor a directory, or whose name cannot be used locally, is left out",
		"U: zftp text"},
	{MsgMirrorTooDeep, Error, "MIRROR stops before copying anything: %s is more than %d directory levels below the one named (MIRRORDEPTH).",
		"MIRROR (zftp extension): the tree is deeper than MIRRORDEPTH allows, as a server whose every directory lists another would make it; LOCSITE MIRRORDEPTH=n allows more",
		"U: zftp text"},
	{MsgMatchedHere, Info, "The server did not expand %s; the directory is listed and the names are matched here.",
		"MGET or MDELETE with a wildcard: NLST of the pattern was refused or came back empty (RFC 959 does not ask a server to expand wildcards; pure-ftpd, pyftpdlib and goftp do not), so the directory is listed and matched locally with *, ? and [...], as lftp does",
		"U: zftp text"},
	{MsgRetryOther, Warning, "%s is tried again on another session: its session failed (%s).",
		"PARALLEL (zftp extension): a session stalled past its data timeout or broke during a file; the session is closed and the file tried once more on a session that works (lftp reconnects and retries the same way)",
		"U: zftp text"},
	{MsgParallelNoDir, Warning, "The server did not give the remote directory (%s): no extra session is used; continuing with %d.",
		"PARALLEL (zftp extension): PWD was refused or its reply named no directory, so an extra session could not be brought to the first one's directory and would read, write or delete the names in another one; the subcommand runs on the sessions that know it",
		"U: zftp text"},
	{MsgParallelNoState, Warning, "The extra sessions cannot be brought to the first one's state (%s): no extra session is used; continuing with %d.",
		"PARALLEL (zftp extension): a command sent with QUOTE may have changed the first session's state (its type, mode, options, protection) in a way that cannot be repeated on the extra sessions, or a new login followed SITE; until the next OPEN the subcommand runs on the first session",
		"U: zftp text"},
	{MsgLocalSameFile, Error, "%s is not copied: the local file system takes it for %s, which this %s copied.",
		"MGET or MIRROR: two remote names that differ (in case, most often) are one file on the local file system (Windows and macOS do not tell upper from lower case); the second is not written over the first, and the subcommand fails",
		"U: zftp text"},
	{MsgLocalIsDir, Warning, "%s is a directory; %s sends files only (MIRROR -R sends a directory tree).",
		"PUT, APPEND or MPUT was given a local directory: it is not sent (a directory MPUT's wildcard matched is skipped; one named fails the subcommand)",
		"U: zftp text"},
	{MsgReputFrom, Info, "Resuming %s at byte %d.",
		"REPUT (zftp extension) continues a partial remote file from its size",
		"U: zftp text"},
	{MsgReputLarger, Error, "The remote file %s (%d bytes) is larger than the local file %s (%d bytes); REPUT leaves it alone.",
		"REPUT (zftp extension): the remote file cannot be the start of the local one",
		"U: zftp text"},
	{MsgReputComplete, Info, "The remote file %s already has all %d bytes; nothing to send.",
		"REPUT (zftp extension): the remote file is as large as the local one",
		"U: zftp text"},
	{MsgStouNoName, Warning, "The server stored the file under a unique name but did not report it.",
		"PUT or MPUT with SUNIQUE on: the replies to STOU name no file (RFC 1123 4.1.2.9 asks for \"150 FILE: name\")",
		"U: zftp text; IBM displays the name the server sends (IP User's Guide \"SUnique subcommand\")"},
	{MsgBinaryForUnix, Info, "The server is a UNIX system (215 %s): files are transferred in binary (TYPE I), byte for byte; ascii switches to text.",
		"at a terminal only, after the login: the server answered SYST with UNIX Type: L8, so zftp sent TYPE I, as tnftp does (a batch job keeps z/OS's TYPE A)",
		"U: zftp text; tnftp prints \"Using binary mode to transfer files.\" in the same case"},
	{MsgTextLooksBinary, Warning, "%s is probably not text (NUL bytes: %d, CRs without LF: %d), and TYPE A (ascii) converts line ends. For an exact copy, type binary and get it again.",
		"a GET in TYPE A received data that text does not hold; the file is kept as z/OS would keep it, and this line says so before it is",
		"U: zftp text"},
	{MsgBackground, Error, "%s: a trailing & (run in the background) is not supported: zftp runs one subcommand at a time. Nothing was transferred.",
		"GET, MGET, PUT, MPUT, APPEND, REGET or REPUT typed with & as a word, as lftp and tnftp take it (never a file named &)",
		"U: zftp text"},
	{MsgUnknownOption, Error, "%s: %s is not an option of %s (syntax: %s). A name that starts with - goes after --: %s -- %s",
		"GET, MGET, PUT, MPUT, APPEND, REGET or REPUT typed with a -x option other than GET's and MGET's -c (never sent as a file name)",
		"U: zftp text"},
	{MsgLoginRecordSkipped, Warning, "Input record skipped and not shown: %s.",
		"batch input: a record taken for a user ID or password record that the login cannot use (after a netrc or URL login, or a host record that could not be used) is dropped unseen",
		"U: zftp text and ID (issue 25 item 5); z/OS prints no such message"},
	{MsgMirrorCompare, Info, "%s: the listing gives no size or change time (a z/OS data set, or a member without ISPF statistics); it is fetched again and compared, and replaced only if it differs.",
		"MIRROR (zftp extension) of a z/OS sequential data set or a member without statistics whose local file exists: nothing in the listing says whether it changed (Referred is the last use), so it is fetched and compared byte for byte",
		"U: zftp text"},
	{MsgMirrorNoLocal, Error, "MIRROR -R: the local directory %s %s; nothing was sent.",
		"MIRROR -R (zftp extension, lftp's order: mirror -R local remote) was given a local directory that is missing or not a directory; the server is left alone",
		"U: zftp text"},
	{MsgMirrorLoop, Warning, "%s is not mirrored: it is a directory above it again (the same MLSD unique fact), a loop.",
		"MIRROR (zftp extension): a directory whose MLSD unique fact (RFC 3659 7.5.2) is that of a directory above it, as a symbolic link to a parent makes, is left out",
		"U: zftp text"},
	{MsgMirrorNotMember, Error, "%s is not stored: %s.",
		"MIRROR -R (zftp extension) into a z/OS PDS: a local name that cannot be a member name (1 to 8 letters, digits or $ # @, the first not a digit), a subdirectory, or a target that is not a PDS is refused; the return code is not zero",
		"U: zftp text"},
	{MsgMirrorNoStats, Info, "Member %s has no ISPF statistics to compare; it is stored again.",
		"MIRROR -R (zftp extension) into a z/OS PDS: the member exists but the listing gives no Changed time, so the local file is sent again",
		"U: zftp text"},
}

// index maps an ID to its catalog entry; built once, read-only afterwards.
var index = func() map[ID]int {
	m := make(map[ID]int, len(catalog))
	for i, msg := range catalog {
		m[msg.ID] = i
	}
	return m
}()

// Lookup returns the catalog entry for id.
func Lookup(id ID) (Message, bool) {
	i, ok := index[id]
	if !ok {
		return Message{}, false
	}
	return catalog[i], true
}

// Catalog returns a copy of every catalog entry, in ID order.
func Catalog() []Message {
	return append([]Message(nil), catalog...)
}

// Format returns the text of message id with args substituted, without the
// ID. An ID missing from the catalog formats its arguments with fmt.Sprint.
func Format(id ID, args ...any) string {
	m, ok := Lookup(id)
	if !ok {
		return fmt.Sprint(args...)
	}
	if id == MsgCommandSent && len(args) == 1 {
		if s, ok := args[0].(string); ok {
			if masked := MaskCommand(s); masked != s {
				args = []any{masked}
			}
		}
	}
	text := m.Text
	if strings.HasPrefix(string(id), "ZFT") {
		text = countedNouns(text, args) // IBM's EZA texts stay as IBM writes them
	}
	if s, ok := quickFormat(text, args); ok {
		return s
	}
	return fmt.Sprintf(text, args...)
}

// pluralNouns are the nouns zftp's messages count, with their singular.
var pluralNouns = []struct{ many, one string }{
	{"files", "file"}, {"directories", "directory"}, {"bytes", "byte"},
	{"names", "name"}, {"entries", "entry"}, {"lines", "line"}, {"levels", "level"},
}

// countedNouns returns format with each plural noun that follows a %d
// whose argument is 1 made singular ("1 file", "2 files"): one rule for
// every count a ZFT message prints.
func countedNouns(format string, args []any) string {
	var b strings.Builder
	arg := 0
	for i := 0; i < len(format); i++ {
		c := format[i]
		b.WriteByte(c)
		if c != '%' || i+1 >= len(format) {
			continue
		}
		j := i + 1
		for j < len(format) && strings.IndexByte("+-# 0123456789.", format[j]) >= 0 {
			j++
		}
		if j >= len(format) {
			continue
		}
		verb := format[j]
		b.WriteString(format[i+1 : j+1])
		i = j
		if verb == '%' {
			continue
		}
		one := verb == 'd' && arg < len(args) && isOne(args[arg])
		arg++
		if !one {
			continue
		}
		for _, n := range pluralNouns {
			if rest := format[j+1:]; strings.HasPrefix(rest, " "+n.many) && !startsWord(rest[1+len(n.many):]) {
				b.WriteString(" " + n.one)
				i += 1 + len(n.many)
				break
			}
		}
	}
	return b.String()
}

// isOne reports whether an integer argument is 1.
func isOne(a any) bool {
	switch v := a.(type) {
	case int:
		return v == 1
	case int64:
		return v == 1
	case int32:
		return v == 1
	case uint64:
		return v == 1
	}
	return false
}

// startsWord reports whether s starts with a letter (the noun goes on).
func startsWord(s string) bool {
	return s != "" && (s[0] >= 'a' && s[0] <= 'z' || s[0] >= 'A' && s[0] <= 'Z')
}
