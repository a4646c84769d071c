package config

import "slices"

// ErrCodes is the CLIENTERRCODES value: the form of the return code.
type ErrCodes string

// CLIENTERRCODES values.
const (
	ErrCodesFalse    ErrCodes = "FALSE"    // standard return code yyxxx
	ErrCodesTrue     ErrCodes = "TRUE"     // 2-digit client error code
	ErrCodesExtended ErrCodes = "EXTENDED" // client error code ×100 + subcommand code
)

// SecureFTP is the SECURE_FTP value.
type SecureFTP string

// SECURE_FTP values.
const (
	SecureFTPAllowed  SecureFTP = "ALLOWED"  // try the mechanism, continue in clear if refused
	SecureFTPRequired SecureFTP = "REQUIRED" // the login fails unless the mechanism succeeds
)

// Mechanism is the SECURE_MECHANISM value.
type Mechanism string

// SECURE_MECHANISM values.
const (
	MechanismNone   Mechanism = ""       // no security mechanism (the default)
	MechanismTLS    Mechanism = "TLS"    // AUTH TLS
	MechanismGSSAPI Mechanism = "GSSAPI" // Kerberos; accepted but not supported by zftp
)

// Protection is a protection level of SECURE_CTRLCONN and SECURE_DATACONN.
type Protection string

// Protection levels.
const (
	ProtectionNever   Protection = "NEVER"   // SECURE_DATACONN only: data always clear
	ProtectionClear   Protection = "CLEAR"   // clear unless the user asks otherwise
	ProtectionSafe    Protection = "SAFE"    // integrity (TLS: same as PRIVATE)
	ProtectionPrivate Protection = "PRIVATE" // encrypted
)

// Reuse is the SECURE_SESSION_REUSE value.
type Reuse string

// SECURE_SESSION_REUSE values.
const (
	ReuseAllowed  Reuse = "ALLOWED"
	ReuseRequired Reuse = "REQUIRED"
	ReuseNone     Reuse = "NONE"
)

// HostnameCheck is the SECURE_HOSTNAME value.
type HostnameCheck string

// SECURE_HOSTNAME values. The zero value, HostnameNotCoded, is zftp's
// default: the name is checked as with REQUIRED (z/OS's default is
// OPTIONAL: see VerifyHostname).
const (
	HostnameNotCoded HostnameCheck = ""
	HostnameOptional HostnameCheck = "OPTIONAL"
	HostnameRequired HostnameCheck = "REQUIRED"
)

// TLSMechanism is the TLSMECHANISM value.
type TLSMechanism string

// TLSMECHANISM values.
const (
	TLSMechanismFTP   TLSMechanism = "FTP"   // the client does TLS itself
	TLSMechanismATTLS TLSMechanism = "ATTLS" // z/OS AT-TLS policy; behaves as FTP off z/OS
)

// Settings is every client setting zftp supports. Timer fields are whole
// seconds as written in FTP.DATA; 0 means "timer not used" where the
// statement allows it. Use Defaults for a filled-in value; the zero value is
// not meaningful.
type Settings struct {
	// Session behaviour.
	ClientExit             bool     // CLIENTEXIT: end on a failing subcommand (like -e)
	ClientErrCodes         ErrCodes // CLIENTERRCODES: return-code form
	SendSite               bool     // SENDSITE: send SITE with data-set attributes before PUT
	SeqNumSupport          bool     // SEQNUMSUPPORT: strip sequence numbers from batch input
	SuppressIgnoreWarnings bool     // SUPPRESSIGNOREWARNINGS: drop EZYFT47I warnings
	Debug                  []string // DEBUG: trace options in effect, upper case; empty = none
	MsgIDs                 bool     // MSGIDS (zftp extension): always show EZA message IDs
	// Parallel (PARALLEL, zftp extension) is how many logged-in sessions
	// MGET, MPUT and MIRROR spread their files over; 1 = one at a time.
	Parallel int
	// MirrorDepth (MIRRORDEPTH, zftp extension) is how many directory
	// levels below the one named MIRROR descends: a server whose tree
	// never ends (every directory lists another) cannot keep it going.
	MirrorDepth int

	// Data connections.
	FWFriendly        bool // FWFRIENDLY: the client opens data connections (PASV)
	EPSV4             bool // EPSV4: use EPSV (and EPRT) on IPv4 sessions
	PassiveIgnoreAddr bool // PASSIVEIGNOREADDR as coded: ignore the address in a 227 reply
	// PassiveIgnoreAddrCoded says PASSIVEIGNOREADDR was coded (FTP.DATA or
	// LOCSITE). Not coded, zftp ignores a 227 address that is not the
	// server's, with a warning: see IgnorePassiveAddr.
	PassiveIgnoreAddrCoded bool
	SourceAddr             string // -s flag only (no statement): source address; "" = any

	// Timers, in seconds.
	DataKeepAlive int // DATAKEEPALIVE: data connection keepalive; 0 = off
	FTPKeepAlive  int // FTPKEEPALIVE: control connection keepalive; 0 = off
	MyOpenTime    int // MYOPENTIME: opening the control connection
	InactTime     int // INACTTIME: waiting for a reply; 0 = no limit
	CConnTime     int // CCONNTIME: waiting for the control connection to close
	DConnTime     int // DCONNTIME: data connection timer (see ClientConfig)
	DataCtTime    int // DATACTTIME: inactivity on the data connection

	// Security (stored now; the TLS support acts on them).
	SecureFTP          SecureFTP     // SECURE_FTP
	SecureMechanism    Mechanism     // SECURE_MECHANISM
	SecureCtrlConn     Protection    // SECURE_CTRLCONN (Kerberos only; no TLS effect)
	SecureDataConn     Protection    // SECURE_DATACONN as coded; "" = not coded (see DataConn)
	SecureSessionReuse Reuse         // SECURE_SESSION_REUSE
	SecurePBSZ         int           // SECURE_PBSZ (Kerberos buffer size; TLS sends PBSZ 0)
	SecureHostname     HostnameCheck // SECURE_HOSTNAME as coded; "" = not coded (see VerifyHostname)
	SecureImplicitZOS  bool          // SECUREIMPLICITZOS: clear 220 before the implicit handshake
	TLSPort            int           // TLSPORT: port treated as implicit TLS; 0 = none
	TLSMechanism       TLSMechanism  // TLSMECHANISM
	TLSRFCLevel        RFCLevel      // TLSRFCLEVEL: DRAFT (CCC refused), RFC4217 or CCCNONOTIFY
	TLSTimeout         int           // TLSTIMEOUT: seconds between full handshakes
	Keyring            string        // KEYRING: keyring specification; "" = none
	CipherSuites       []string      // CIPHERSUITE: names in coded order; empty = defaults
	TLSVersionMin      string        // TLSVERSIONMIN (zftp extension), e.g. "TLSV1.2"
	TLSVersionMax      string        // TLSVERSIONMAX (zftp extension), e.g. "TLSV1.3"

	// VerifySize (VERIFYSIZE, zftp extension): a binary GET or MGET checks
	// the bytes received against the size the server tells (SIZE, or one
	// MLSD for MGET) and fails on a mismatch.
	VerifySize bool

	// Pipeline (PIPELINE, zftp extension): commands that may go out
	// together do (a parallel session's settings after login, PASV with
	// RETR, LIST or NLST); FALSE sends every command on its own, for a
	// server that loses commands that arrive together.
	Pipeline bool
}

// Defaults returns the built-in defaults: every statement of the table at
// its default value. zftp keeps the z/OS defaults, FWFRIENDLY FALSE
// included (see docs/ftpdata.md).
func Defaults() *Settings {
	s := &Settings{}
	for i := range statements {
		st := &statements[i]
		if st.Status != Supported || st.Default == "" {
			continue // zero values are the "none" defaults
		}
		if err := s.setValue(st, st.Default); err != nil {
			panic("config: bad default for " + st.Name + ": " + err.Error())
		}
	}
	return s
}

// Clone returns a deep copy of s.
func (s *Settings) Clone() *Settings {
	c := *s
	c.Debug = slices.Clone(s.Debug)
	c.CipherSuites = slices.Clone(s.CipherSuites)
	return &c
}

// VerifyHostname reports whether the server certificate's name is checked:
// always, unless SECURE_HOSTNAME OPTIONAL is coded. z/OS checks it only
// when REQUIRED is coded; zftp fails closed, as curl and lftp do.
func (s *Settings) VerifyHostname() bool { return s.SecureHostname != HostnameOptional }

// HostnameOptionalCoded reports whether SECURE_HOSTNAME OPTIONAL is coded
// (FTP.DATA or LOCSITE): the certificate's name is not checked, and the
// front end warns once per session.
func (s *Settings) HostnameOptionalCoded() bool { return s.SecureHostname == HostnameOptional }

// IgnorePassiveAddr reports the effective PASSIVEIGNOREADDR: TRUE unless
// FALSE is coded. z/OS's default is FALSE (connect to the address a 227
// reply names); zftp does not contact a third-party address unless told
// to, as curl does, because the reply lets a server aim the client at
// internal hosts.
func (s *Settings) IgnorePassiveAddr() bool {
	return s.PassiveIgnoreAddr || !s.PassiveIgnoreAddrCoded
}

// DataConn returns the effective SECURE_DATACONN: as coded, or PRIVATE
// when it is not coded. z/OS's default is CLEAR, which is safe there
// because a mainframe's network is the site's own; a workstation's user
// who asked for TLS expects the files protected too, so zftp fails closed
// (as curl and lftp do) and CLEAR must be coded to move data in clear.
func (s *Settings) DataConn() Protection {
	if s.SecureDataConn == "" {
		return ProtectionPrivate
	}
	return s.SecureDataConn
}
