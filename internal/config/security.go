package config

import (
	"errors"
	"fmt"
	"strings"

	"github.com/zftp/zftp/client"
	"github.com/zftp/zftp/tls"
)

// ErrSecurityConfig is wrapped by every error Security and CCCMode return
// for a setting zftp cannot act on.
var ErrSecurityConfig = errors.New("security configuration")

// SecurityOptions say where keyrings resolve and how to ask for their
// passwords; see tls.LoadOptions.
type SecurityOptions struct {
	// ConfigDir is zftp's configuration directory: SAF ring names
	// ("ringname", "userid/ringname") resolve under ConfigDir/keyrings.
	ConfigDir string
	// CAStore is the trust store *AUTH*/* stands for (a PEM file or a
	// directory); "" is the system trust store.
	CAStore string
	// Getenv reads the environment (ZFTP_KEYRING_PASSWORD); nil = none.
	Getenv func(string) string
	// Password prompts for a PKCS#12 password; nil = no prompt.
	Password func(file string) (string, error)
}

// ApplyMechanismFlag applies the -a (attempt) or -r (require) start option
// of the z/OS ftp command, which override SECURE_MECHANISM (IBM,
// "SECURE_MECHANISM (FTP client) statement"):
//
//   - -a TLS: SECURE_MECHANISM TLS. SECURE_FTP stays as coded (ALLOWED by
//     default: continue in clear if the server refuses AUTH). zftp does not
//     let -a weaken a SECURE_FTP REQUIRED coded in FTP.DATA.
//   - -r TLS: SECURE_MECHANISM TLS and SECURE_FTP REQUIRED: no USER or PASS
//     is sent unless TLS is up.
//   - -a NEVER: no security mechanism. (With SECURE_FTP REQUIRED coded,
//     Security then refuses to connect rather than log in in clear.)
//   - GSSAPI: an error; zftp has no Kerberos.
//
// flag is "a", "-a", "r" or "-r"; value is case-insensitive. The front end
// calls it after FTP.DATA and before LOCSITE, as it calls Set for other
// flags. On error s is unchanged.
func (s *Settings) ApplyMechanismFlag(flag, value string) error {
	name := strings.TrimPrefix(flag, "-")
	if name != "a" && name != "r" {
		return fmt.Errorf("%w: -%s is not a security option (want -a or -r)", ErrBadValue, name)
	}
	required := name == "r"
	switch v := strings.ToUpper(strings.TrimSpace(value)); {
	case v == string(MechanismTLS):
		s.SecureMechanism = MechanismTLS
		if required {
			s.SecureFTP = SecureFTPRequired
		}
	case v == "NEVER" && !required:
		s.SecureMechanism = MechanismNone
	case v == string(MechanismGSSAPI):
		return fmt.Errorf("%w: -%s GSSAPI: Kerberos is not supported by zftp; use -%s TLS", ErrBadValue, name, name)
	case required:
		return fmt.Errorf("%w: -r %s: want TLS", ErrBadValue, value)
	default:
		return fmt.Errorf("%w: -a %s: want TLS or NEVER", ErrBadValue, value)
	}
	return nil
}

// Implicit reports whether a connection to port is implicitly protected:
// TLSPORT is not 0 and port is the TLSPORT.
func (s *Settings) Implicit(port int) bool {
	return s.TLSPort != 0 && port == s.TLSPort
}

// Security builds the engine's security for a connection to port. It loads
// the keyring, so call it for each OPEN (LOCSITE may have changed the
// settings in between). A plain session returns the zero client.Security
// and loads nothing.
//
// Mapping (z/OS client semantics):
//
//   - TLS is on when SECURE_MECHANISM is TLS (FTP.DATA, or -a/-r through
//     ApplyMechanismFlag), or when the connection is implicit.
//   - Mode client.ImplicitZOS (SECUREIMPLICITZOS TRUE) or client.Implicit
//     (FALSE) when TLSPORT is not 0 and port equals TLSPORT. As on z/OS the
//     port is the switch: TLS is then on even without SECURE_MECHANISM TLS
//     (a plain login to an implicit port could only hang or fail, and must
//     never send credentials in clear); an implicit session has no clear
//     fallback.
//   - Otherwise client.ExplicitRequired with SECURE_FTP REQUIRED, else
//     client.ExplicitAllowed. SECURE_FTP REQUIRED with no mechanism on a
//     non-implicit port is an error rather than a clear session, so that
//     credentials never cross in clear when security is required.
//   - DataProtection: SECURE_DATACONN PRIVATE or SAFE (SAFE is PRIVATE for
//     TLS), or SECURE_DATACONN not coded (zftp's default; z/OS's is CLEAR),
//     gives client.ProtPrivate: PBSZ 0 + PROT P after login, and no
//     data moves in clear if the server refuses them. CLEAR and NEVER are
//     passed explicitly as client.ProtNone: no PBSZ/PROT is sent, because
//     RFC 4217's default data protection is
//     already clear, and sending PROT C at login would break logins to
//     servers that force encryption (vsftpd with force_local_data_ssl
//     refuses PROT C). The same applies to implicit sessions. NEVER's
//     "never encrypt data" is the front end's to enforce on the PRIVATE
//     and PROTECT subcommands.
//   - SECURE_SESSION_REUSE: REQUIRED sets RequireReuse, NONE sets
//     Options.NoSessionReuse; ALLOWED neither.
//   - KEYRING: loaded with tls.LoadKeyring and the options' directories
//     and password sources, only when TLS is on. An empty KEYRING is
//     *AUTH*/* (every CA of the trust store, no client certificate): z/OS
//     fails TLSMECHANISM FTP without a keyring, while a workstation user
//     expects the system store (a documented zftp difference).
//   - CIPHERSUITE: tls.CipherSuites; each name this platform cannot use is
//     a warning naming it; no usable name at all is an error.
//   - TLSVERSIONMIN/TLSVERSIONMAX (zftp extensions): MinVersion/MaxVersion;
//     min above max is an error.
//   - SECURE_HOSTNAME REQUIRED: Options.VerifyHostname (the certificate
//     must name the host as typed on OPEN; the chain is checked always).
//     Not coded, the name is checked too (zftp's default); OPTIONAL coded
//     sets Options.HostnameOptional: not checked, as z/OS does, with a
//     warning (one per call, so one per session).
//   - TLSMECHANISM ATTLS: zftp behaves as TLSMECHANISM FTP; the statement
//     (FTP.DATA, a flag, LOCSITE) warned when it was coded, once, so OPEN
//     does not warn again.
//   - SECURE_MECHANISM GSSAPI: an error; zftp does not support Kerberos.
//   - SECURE_CTRLCONN: no effect (Kerberos only; a TLS control connection
//     is always private); LOCSTAT says so. SECURE_PBSZ: no effect (TLS
//     sends PBSZ 0). TLSTIMEOUT: no effect (Go resumes sessions from the
//     per-session ticket cache; there is no System SSL session timer).
//     TLSRFCLEVEL: see CCCMode.
//
// Options.ServerName is left empty for the engine to fill in with the host
// dialled. Errors wrap ErrSecurityConfig, or are the keyring's error.
func (s *Settings) Security(port int, opt SecurityOptions) (client.Security, []Warning, error) {
	implicit := s.Implicit(port)
	if s.SecureMechanism == MechanismGSSAPI {
		return client.Security{}, nil, fmt.Errorf("%w: SECURE_MECHANISM GSSAPI (Kerberos) is not supported by zftp; code SECURE_MECHANISM TLS, or remove the statement (or use -a NEVER) for a session without security", ErrSecurityConfig)
	}
	if s.SecureMechanism != MechanismTLS && !implicit {
		if s.SecureFTP == SecureFTPRequired {
			return client.Security{}, nil, fmt.Errorf("%w: SECURE_FTP REQUIRED but no security mechanism: code SECURE_MECHANISM TLS (or start zftp with -r TLS); zftp will not log in without the required security", ErrSecurityConfig)
		}
		return client.Security{}, nil, nil
	}

	var warnings []Warning
	warn := func(stmt, text string) {
		warnings = append(warnings, Warning{ID: IDValueNote, Statement: stmt, Text: text})
	}
	sec := client.Security{
		Mode:         client.ExplicitAllowed,
		RequireReuse: s.SecureSessionReuse == ReuseRequired,
	}
	switch {
	case implicit && s.SecureImplicitZOS:
		sec.Mode = client.ImplicitZOS
	case implicit:
		sec.Mode = client.Implicit
	case s.SecureFTP == SecureFTPRequired:
		sec.Mode = client.ExplicitRequired
	}
	switch s.DataConn() {
	case ProtectionPrivate, ProtectionSafe: // or not coded: DataConn
		sec.DataProtection = client.ProtPrivate
	default: // CLEAR, NEVER coded: passed explicitly; no PROT is sent (see above)
		sec.DataProtection = client.ProtNone
	}
	if s.HostnameOptionalCoded() {
		warn("SECURE_HOSTNAME", "OPTIONAL: the server certificate's host name is not checked (the z/OS behaviour); any certificate from a trusted CA is accepted")
	}

	o := tls.Options{
		VerifyHostname:   s.SecureHostname == HostnameRequired,
		HostnameOptional: s.SecureHostname == HostnameOptional,
		NoSessionReuse:   s.SecureSessionReuse == ReuseNone,
	}
	ids, cw, err := tls.CipherSuites(s.CipherSuites)
	for _, w := range cw {
		warn("CIPHERSUITE", w)
	}
	if err != nil {
		return client.Security{}, warnings, fmt.Errorf("%w: CIPHERSUITE: %w", ErrSecurityConfig, err)
	}
	o.CipherSuites = ids
	if o.MinVersion, err = version("TLSVERSIONMIN", s.TLSVersionMin); err != nil {
		return client.Security{}, warnings, err
	}
	if o.MaxVersion, err = version("TLSVERSIONMAX", s.TLSVersionMax); err != nil {
		return client.Security{}, warnings, err
	}
	if o.MinVersion != 0 && o.MaxVersion != 0 && o.MinVersion > o.MaxVersion {
		return client.Security{}, warnings, fmt.Errorf("%w: TLSVERSIONMIN %s is above TLSVERSIONMAX %s", ErrSecurityConfig, s.TLSVersionMin, s.TLSVersionMax)
	}

	spec := s.Keyring
	if spec == "" {
		spec = tls.VirtualAuth
	}
	o.Keyring, err = tls.LoadKeyring(spec, tls.LoadOptions{
		ConfigDir: opt.ConfigDir,
		CAStore:   opt.CAStore,
		Getenv:    opt.Getenv,
		Password:  opt.Password,
	})
	if err != nil {
		return client.Security{}, warnings, fmt.Errorf("KEYRING: %w", err)
	}
	sec.Options = o
	return sec, warnings, nil
}

// version parses a TLSVERSIONMIN/TLSVERSIONMAX value; "" is 0 (the tls
// package's default).
func version(stmt, v string) (uint16, error) {
	if v == "" {
		return 0, nil
	}
	n, err := tls.ParseVersion(v)
	if err != nil {
		return 0, fmt.Errorf("%w: %s: %w", ErrSecurityConfig, stmt, err)
	}
	return n, nil
}

// RFCLevel is the TLSRFCLEVEL value: how CCC ends TLS on the control
// connection (RFC4217: close_notify both ways; CCCNONOTIFY: none), or, with
// DRAFT (the z/OS client's default), that the client refuses CCC. DRAFT is
// a z/OS value only: the engine knows the two CCC modes (client.CCCMode),
// and CCCMode refuses DRAFT before it is asked.
type RFCLevel string

// TLSRFCLEVEL values. Their words are the one naming of the CCC modes:
// RFCLevelOf names an engine mode with them.
const (
	RFCLevelDraft       RFCLevel = "DRAFT"
	RFCLevelRFC4217     RFCLevel = "RFC4217"
	RFCLevelCCCNoNotify RFCLevel = "CCCNONOTIFY"
)

// rfcLevels are the TLSRFCLEVEL values in the order LOCSTAT and the
// documentation list them.
var rfcLevels = []RFCLevel{RFCLevelDraft, RFCLevelRFC4217, RFCLevelCCCNoNotify}

// RFCLevelOf names an engine CCC mode with its TLSRFCLEVEL word.
func RFCLevelOf(m client.CCCMode) RFCLevel {
	if m == client.CCCNoNotify {
		return RFCLevelCCCNoNotify
	}
	return RFCLevelRFC4217
}

// ErrCCCDraft is the refusal of CCC under TLSRFCLEVEL DRAFT, the one text
// for it. IBM's "CCc subcommand" page states the restriction ("supported
// only when the TLSRFCLEVEL is RFC4217 or CCCNONOTIFY") but no client
// message for it was found, so the text is zftp's.
var ErrCCCDraft = errors.New("CCC is not supported when TLSRFCLEVEL is DRAFT; use LOCSITE TLSRFCLEVEL=RFC4217 or TLSRFCLEVEL=CCCNONOTIFY (the server must use the same level)")

// CCCMode maps the level to the engine's CCC mode: RFC4217 sends
// close_notify and waits for the server's, CCCNONOTIFY exchanges none.
// Under DRAFT the client refuses CCC itself, as z/OS does, and the engine
// is not asked: the error is ErrCCCDraft.
func (l RFCLevel) CCCMode() (client.CCCMode, error) {
	switch l {
	case RFCLevelRFC4217:
		return client.CCCRFC4217, nil
	case RFCLevelCCCNoNotify:
		return client.CCCNoNotify, nil
	case RFCLevelDraft:
		return 0, ErrCCCDraft
	}
	return 0, fmt.Errorf("%w: TLSRFCLEVEL %q: want DRAFT, RFC4217 or CCCNONOTIFY", ErrSecurityConfig, string(l))
}

// CCCMode is the CCC mode of the TLSRFCLEVEL in force (see
// RFCLevel.CCCMode). (The engine refuses CCC on implicit sessions with
// client.ErrCCCImplicit.)
func (s *Settings) CCCMode() (client.CCCMode, error) { return s.TLSRFCLevel.CCCMode() }
