package config

import "strings"

// Sources of confirmed defaults. Pages of IBM z/OS Communications Server: IP
// Configuration Reference (halz001), "<NAME> (FTP client[ and server])
// statement"; see docs/ftpdata.md.
const (
	srcUnverified = "(unverified)"
	srcConfRef    = "IP Configuration Reference: "
)

func confirmed(page string) string { return srcConfRef + page }

// statements is the statement table. It is read-only after package
// initialisation.
//
// Confirmed defaults (statement: default — source page):
//
//	CLIENTERRCODES: FALSE           — CLIENTERRCODES (FTP client) statement
//	FWFRIENDLY: FALSE               — FWFRIENDLY (FTP client) statement
//	EPSV4: FALSE, LOCSITE settable  — EPSV4 (FTP client) statement
//	SEQNUMSUPPORT: FALSE            — SEQNUMSUPPORT (FTP client) statement
//	DATAKEEPALIVE: 0 (0, 60-86400)  — DATAKEEPALIVE (FTP client and server) statement; LOCSIte diagram
//	FTPKEEPALIVE: 0 (0, 60-86400)   — FTPKEEPALIVE (FTP client and server) statement
//	INACTTIME: 120 (0, 15-86400)    — INACTTIME (FTP client) statement
//	SECURE_FTP: ALLOWED             — SECURE_FTP (FTP client and server) statement
//	SECURE_CTRLCONN: CLEAR          — SECURE_CTRLCONN (FTP client and server) statement
//	SECURE_DATACONN: CLEAR          — SECURE_DATACONN (FTP client and server) statement (zftp: PRIVATE when not coded)
//	SECUREIMPLICITZOS: TRUE, LOCSITE settable — SECUREIMPLICITZOS (FTP client and server) statement
//	TLSRFCLEVEL: DRAFT, LOCSITE settable      — TLSRFCLEVEL (FTP client and server) statement
//	CLIENTEXIT: FALSE               — IP User's Guide: "FTP standard return codes" (implied)
//
// Every other default follows the z/OS client's documented behaviour and is
// marked (unverified).
var statements = buildTable()

func buildTable() []Statement {
	t := []Statement{
		// Session behaviour.
		boolStmt("CLIENTEXIT", "FALSE", func(s *Settings) *bool { return &s.ClientExit }).
			with("", "", "IP User's Guide: FTP standard return codes (default implied)"),
		enumStmt("CLIENTERRCODES", "FALSE", []ErrCodes{ErrCodesFalse, ErrCodesTrue, ErrCodesExtended},
			func(s *Settings) *ErrCodes { return &s.ClientErrCodes }).
			with("", "", confirmed("CLIENTERRCODES (FTP client) statement")),
		boolStmt("SENDSITE", "TRUE", func(s *Settings) *bool { return &s.SendSite }).
			with("", "", srcUnverified),
		boolStmt("SEQNUMSUPPORT", "FALSE", func(s *Settings) *bool { return &s.SeqNumSupport }).
			with("", "", confirmed("SEQNUMSUPPORT (FTP client) statement")),
		boolStmt("SUPPRESSIGNOREWARNINGS", "FALSE", func(s *Settings) *bool { return &s.SuppressIgnoreWarnings }).
			with("", "", srcUnverified),
		{
			Name: "DEBUG", Kind: KindTrace, Default: "NONE", Source: srcUnverified,
			set: setDebug,
			get: func(s *Settings) string {
				if len(s.Debug) == 0 {
					return "NONE"
				}
				return strings.Join(s.Debug, " ")
			},
		},
		withExt(boolStmt("MSGIDS", "FALSE", func(s *Settings) *bool { return &s.MsgIDs }).
			with("MSGIDS", "NOMSGIDS", "zftp extension")),

		// Data connections.
		boolStmt("FWFRIENDLY", "FALSE", func(s *Settings) *bool { return &s.FWFriendly }).
			with("FWFriendly", "NOFWFriendly", confirmed("FWFRIENDLY (FTP client) statement")),
		boolStmt("EPSV4", "FALSE", func(s *Settings) *bool { return &s.EPSV4 }).
			with("EPSV4", "NOEPSV4", confirmed("EPSV4 (FTP client) statement")),
		passiveIgnoreAddrStmt().
			with("PASSIVEIGNOREADDR", "NOPASSIVEIGNOREADDR", srcUnverified+"; z/OS default FALSE, zftp's when not coded: the control connection's address, with a warning"),

		// Timers.
		intStmt("DATAKEEPALIVE", "0", 60, 86400, true, func(s *Settings) *int { return &s.DataKeepAlive }).
			with("DATAKEEPALIVE", "", confirmed("DATAKEEPALIVE (FTP client and server) statement")),
		intStmt("FTPKEEPALIVE", "0", 60, 86400, true, func(s *Settings) *int { return &s.FTPKeepAlive }).
			with("", "", confirmed("FTPKEEPALIVE (FTP client and server) statement")),
		intStmt("MYOPENTIME", "60", 1, 86400, true, func(s *Settings) *int { return &s.MyOpenTime }).
			with("MYOPENTIME", "", srcUnverified),
		intStmt("INACTTIME", "120", 15, 86400, true, func(s *Settings) *int { return &s.InactTime }).
			with("INACTTIME", "", confirmed("INACTTIME (FTP client) statement")),
		intStmt("CCONNTIME", "30", 1, 86400, true, func(s *Settings) *int { return &s.CConnTime }).
			with("CCONNTIME", "", srcUnverified),
		intStmt("DCONNTIME", "120", 1, 86400, true, func(s *Settings) *int { return &s.DConnTime }).
			with("DCONNTIME", "", srcUnverified),
		intStmt("DATACTTIME", "120", 1, 86400, true, func(s *Settings) *int { return &s.DataCtTime }).
			with("DATACTTIME", "", srcUnverified),

		// Security.
		enumStmt("SECURE_FTP", "ALLOWED", []SecureFTP{SecureFTPAllowed, SecureFTPRequired},
			func(s *Settings) *SecureFTP { return &s.SecureFTP }).
			with("", "", confirmed("SECURE_FTP (FTP client and server) statement")),
		enumStmt("SECURE_MECHANISM", "", []Mechanism{MechanismTLS, MechanismGSSAPI},
			func(s *Settings) *Mechanism { return &s.SecureMechanism }).
			with("", "", srcUnverified).
			warnOn("GSSAPI", "GSSAPI (Kerberos) is not supported by zftp; no security mechanism will be negotiated"),
		enumStmt("SECURE_CTRLCONN", "CLEAR", []Protection{ProtectionClear, ProtectionSafe, ProtectionPrivate},
			func(s *Settings) *Protection { return &s.SecureCtrlConn }).
			with("", "", confirmed("SECURE_CTRLCONN (FTP client and server) statement")),
		secureDataConnStmt().
			with("", "", confirmed("SECURE_DATACONN (FTP client and server) statement")+"; z/OS default CLEAR, zftp's when not coded: PRIVATE under TLS"),
		enumStmt("SECURE_SESSION_REUSE", "ALLOWED", []Reuse{ReuseAllowed, ReuseRequired, ReuseNone},
			func(s *Settings) *Reuse { return &s.SecureSessionReuse }).
			with("", "", srcUnverified),
		intStmt("SECURE_PBSZ", "16384", 512, 32768, false, func(s *Settings) *int { return &s.SecurePBSZ }).
			with("", "", srcUnverified),
		secureHostnameStmt().
			with("SECURE_HOSTNAME", "", srcUnverified+"; z/OS default OPTIONAL, zftp's when not coded: the name is checked (as REQUIRED)"),
		boolStmt("SECUREIMPLICITZOS", "TRUE", func(s *Settings) *bool { return &s.SecureImplicitZOS }).
			with("SECUREIMPLICITZOS", "NOSECUREIMPLICITZOS", confirmed("SECUREIMPLICITZOS (FTP client and server) statement")),
		intStmt("TLSPORT", "990", 1, 65535, true, func(s *Settings) *int { return &s.TLSPort }).
			with("", "", srcUnverified),
		enumStmt("TLSMECHANISM", "FTP", []TLSMechanism{TLSMechanismFTP, TLSMechanismATTLS},
			func(s *Settings) *TLSMechanism { return &s.TLSMechanism }).
			with("", "", srcUnverified).
			warnOn("ATTLS", "TLSMECHANISM ATTLS has no meaning off z/OS; zftp behaves as TLSMECHANISM FTP"),
		enumStmt("TLSRFCLEVEL", "DRAFT", rfcLevels, func(s *Settings) *RFCLevel { return &s.TLSRFCLevel }).
			with("TLSRFCLEVEL", "", confirmed("TLSRFCLEVEL (FTP client and server) statement")),
		intStmt("TLSTIMEOUT", "100", 0, 86400, false, func(s *Settings) *int { return &s.TLSTimeout }).
			with("", "", srcUnverified),
		stringStmt("KEYRING", func(s *Settings) *string { return &s.Keyring }).
			with("", "", srcUnverified),
		{
			Name: "CIPHERSUITE", Kind: KindList, Source: srcUnverified,
			set: func(s *Settings, v string) string {
				s.CipherSuites = append(s.CipherSuites, strings.ToUpper(v))
				return ""
			},
			get: func(s *Settings) string { return strings.Join(s.CipherSuites, " ") },
		},
		withExt(enumStmt("TLSVERSIONMIN", "TLSV1.2", tlsVersions, func(s *Settings) *string { return &s.TLSVersionMin }).
			with("", "", "zftp extension")),
		withExt(enumStmt("TLSVERSIONMAX", "TLSV1.3", tlsVersions, func(s *Settings) *string { return &s.TLSVersionMax }).
			with("", "", "zftp extension")),
		withExt(boolStmt("VERIFYSIZE", "TRUE", func(s *Settings) *bool { return &s.VerifySize }).
			with("VERIFYSIZE", "NOVERIFYSIZE", "zftp extension: FALSE gives byte-identical z/OS transcripts (no FEAT, SIZE or MLSD before a binary GET)")),
		withExt(boolStmt("PIPELINE", "TRUE", func(s *Settings) *bool { return &s.Pipeline }).
			with("PIPELINE", "NOPIPELINE", "zftp extension: FALSE sends every command on its own and waits for its reply")),
		withExt(intStmt("PARALLEL", "1", 1, MaxParallel, false, func(s *Settings) *int { return &s.Parallel }).
			with("PARALLEL", "", "zftp extension")),
		withExt(intStmt("MIRRORDEPTH", "64", 1, MaxMirrorDepth, false, func(s *Settings) *int { return &s.MirrorDepth }).
			with("MIRRORDEPTH", "", "zftp extension: how many directory levels MIRROR descends")),
	}
	for _, name := range ignoredStatements {
		t = append(t, Statement{Name: name, Kind: KindAny, Status: Ignored, Source: srcUnverified + " z/OS client statement with no meaning for zftp"})
	}
	for _, name := range serverOnlyStatements {
		t = append(t, Statement{Name: name, Kind: KindAny, Status: ServerOnly, Source: srcUnverified + " z/OS server statement"})
	}
	return t
}

// passiveIgnoreAddrStmt is PASSIVEIGNOREADDR: a TRUE|FALSE statement with
// no built-in value, so that "not coded" (zftp's default, which differs
// from z/OS's FALSE) can be told from FALSE coded.
func passiveIgnoreAddrStmt() Statement {
	return Statement{Name: "PASSIVEIGNOREADDR", Kind: KindBool,
		set: func(s *Settings, v string) string {
			s.PassiveIgnoreAddr, s.PassiveIgnoreAddrCoded = v == "TRUE", true
			return ""
		},
		get: func(s *Settings) string { return boolText(s.IgnorePassiveAddr()) },
	}
}

// secureHostnameStmt is SECURE_HOSTNAME: no built-in value, so that "not
// coded" (zftp's default: the name is checked) can be told from OPTIONAL
// coded (z/OS's default: it is not).
func secureHostnameStmt() Statement {
	st := enumStmt("SECURE_HOSTNAME", "", []HostnameCheck{HostnameOptional, HostnameRequired},
		func(s *Settings) *HostnameCheck { return &s.SecureHostname })
	st.get = func(s *Settings) string {
		if s.VerifyHostname() {
			return string(HostnameRequired)
		}
		return string(HostnameOptional)
	}
	return st
}

// secureDataConnStmt is SECURE_DATACONN: no built-in value, so that "not
// coded" (zftp's default: data connections of a TLS session are PRIVATE)
// can be told from CLEAR coded (z/OS's default: they are clear).
func secureDataConnStmt() Statement {
	st := enumStmt("SECURE_DATACONN", "", []Protection{ProtectionNever, ProtectionClear, ProtectionSafe, ProtectionPrivate},
		func(s *Settings) *Protection { return &s.SecureDataConn })
	st.get = func(s *Settings) string { return string(s.DataConn()) }
	return st
}

// tlsVersions are the TLSVERSIONMIN and TLSVERSIONMAX values.
var tlsVersions = []string{"TLSV1.0", "TLSV1.1", "TLSV1.2", "TLSV1.3"}

// MaxParallel is the most sessions PARALLEL allows.
const MaxParallel = 16

// MaxMirrorDepth is the deepest MIRRORDEPTH allows.
const MaxMirrorDepth = 1024

func withExt(st Statement) Statement { st.Extension = true; return st }

// setDebug adds trace options; NONE clears those set so far.
func setDebug(s *Settings, v string) string {
	for _, opt := range strings.Fields(v) {
		switch opt {
		case "NONE":
			s.Debug = nil
		default:
			found := false
			for _, d := range s.Debug {
				found = found || d == opt
			}
			if !found {
				s.Debug = append(s.Debug, opt)
			}
		}
	}
	return ""
}

// ignoredStatements are z/OS client statements about MVS data sets,
// translation tables and other z/OS facilities. zftp accepts them and warns
// that they have no effect.
var ignoredStatements = []string{
	"ASATRANS", "AUTOMOUNT", "AUTORECALL", "AUTOTAPEMOUNT", "BLKSIZE", "BLOCKSIZE", "BUFNO",
	"CHKPTINT", "CHKPTPREFIX", "CONDDISP", "CTRLCONN", "DATACLASS", "DATASETMODE", "DB2",
	"DB2PLAN", "DBSUB", "DCBDSN", "DIRECTORY", "DIRECTORYMODE", "DSNTYPE", "DSWAITTIME",
	"EATTR", "ENCODING", "FIFOIOTIME", "FIFOOPENTIME", "FILETYPE", "ISPFSTATS", "LISTSUBDIR",
	"LOGCLIENTERR", "LRECL", "MBDATACONN", "MBREQUIRELASTEOL", "MBSENDEOL", "MGMTCLASS",
	"MIGRATEVOL", "PDSTYPE", "PRIMARY", "QUOTESOVERRIDE", "RDW", "RECFM", "RETPD",
	"SBDATACONN", "SBSENDEOL", "SBSUB", "SBSUBCHAR", "SECONDARY", "SPACETYPE", "SPREAD",
	"STORCLASS", "TRAILINGBLANKS", "TRUNCATE", "UCSHOSTCS", "UCSSUB", "UCSTRUNC", "UMASK",
	"UNICODEFILESYSTEMBOM", "UNITNAME", "VCOUNT", "VOLUME", "WRAPRECORD",
}

// serverOnlyStatements are z/OS FTP server statements. In a client FTP.DATA
// the z/OS client ignores them with message EZYFT47I.
var serverOnlyStatements = []string{
	"ADMINEMAILADDRESS", "ANONYMOUS", "ANONYMOUSFILEACCESS", "ANONYMOUSFILETYPEJES",
	"ANONYMOUSFILETYPESEQ", "ANONYMOUSFILETYPESQL", "ANONYMOUSFTPLOGGING", "ANONYMOUSHFSDIRMODE",
	"ANONYMOUSHFSFILEMODE", "ANONYMOUSHFSINFO", "ANONYMOUSLEVEL", "ANONYMOUSMVSINFO", "BANNER",
	"DATATIMEOUT", "DSWAITTIMEREPLY", "EMAILADDRCHECK", "EXTENSIONS", "FTPLOGGING", "INACTIVE",
	"JESENTRYLIMIT", "JESGETBYDSN", "JESINTERFACELEVEL", "JESPUTGETTO", "PASSIVEDATACONN",
	"PASSIVEDATAPORTS", "PORTCOMMAND", "PORTCOMMANDIPADDR", "PORTCOMMANDPORT",
	"REPLYSECURITYLEVEL", "SECURE_LOGIN", "SECURE_PASSWORD", "SECURE_PASSWORD_KERBEROS",
	"SMF", "SMFAPPE", "SMFDEL", "SMFEXIT", "SMFJES", "SMFLOGN", "SMFREN", "SMFRETR", "SMFSQL",
	"SMFSTOR", "STARTDIRECTORY", "UNIXFILETYPE",
}
