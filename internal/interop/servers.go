//go:build linux

package interop

import (
	"bufio"
	"bytes"
	"errors"
	"fmt"
	"math/rand/v2"
	"net"
	"os"
	"os/exec"
	"os/user"
	"path/filepath"
	"strconv"
	"strings"
	"sync"
	"syscall"
	"testing"
	"time"

	"github.com/zftp/zftp/internal/certs"

	"github.com/zftp/zftp/client"
)

// Host is the only address the interop servers listen on and the tests connect to.
const Host = "127.0.0.1"

// InstallScript is the script that installs the servers and the test user.
const InstallScript = "scripts/install-test-deps.sh"

// Kind names one of the real servers.
type Kind string

// The servers the harness can run: the FTP servers Debian 12 packages.
const (
	Vsftpd   Kind = "vsftpd"
	Proftpd  Kind = "proftpd"
	PureFTPd Kind = "pure-ftpd"
	// Pyftpdlib is python3-pyftpdlib's FTPServer (TLS_FTPHandler with TLS), run by a script
	// of the harness as the test user.
	Pyftpdlib Kind = "pyftpdlib"
	// Twisted is python3-twisted's twisted.protocols.ftp FTPFactory, run by a script of the
	// harness as the test user. It has no TLS.
	Twisted Kind = "twisted"
	// Inetutils is GNU inetutils ftpd (inetutils-ftpd), started per connection by a small
	// inetd of the harness. It has no TLS and no passive port range.
	Inetutils Kind = "inetutils-ftpd"
)

// Kinds lists every server kind, in a stable order, for table-driven tests.
var Kinds = []Kind{Vsftpd, Proftpd, PureFTPd, Pyftpdlib, Twisted, Inetutils}

// Options change the generated server configuration. The zero value is a plain-FTP server
// (no TLS) for the test user, with passive and active data connections enabled.
//
// With TLS set, the server gets a certificate and key written to Server.Dir at start (never
// committed anywhere): Cert when given, otherwise one that CA (or a CA generated for the server,
// Server.CA) issues for localhost, 127.0.0.1 and ::1. What the TLS options turn into:
//
//   - TLS: vsftpd ssl_enable=YES (and implicit_ssl=YES for client.Implicit, ssl_ciphers=HIGH,
//     debug_ssl=YES); proftpd LoadModule mod_tls.c, TLSEngine on (and TLSOptions UseImplicitSSL);
//     pure-ftpd -Y 1 -2 cert+key.pem (explicit only); pyftpdlib TLS_FTPHandler (explicit
//     only). Twisted and inetutils ftpd have no TLS.
//   - TLSRequired: vsftpd force_local_logins_ssl=YES, force_local_data_ssl=YES (both NO
//     otherwise: vsftpd defaults them to YES); proftpd TLSRequired on (off otherwise, or
//     ProftpdTLSRequired); pure-ftpd -Y 2; pyftpdlib tls_control_required and
//     tls_data_required.
//   - RequireReuse: vsftpd require_ssl_reuse=YES (NO otherwise); proftpd's default (TLSOptions
//     NoSessionReuseRequired otherwise); pure-ftpd and pyftpdlib never require resumption.
//   - RequireCert: vsftpd require_cert=YES, validate_cert=YES, ca_certs_file; proftpd
//     TLSVerifyClient on, TLSCACertificateFile; pyftpdlib VERIFY_PEER and
//     VERIFY_FAIL_IF_NO_PEER_CERT with ClientCA; not available with pure-ftpd.
type Options struct {
	// ExtraConfig lines are appended to the generated vsftpd.conf or proftpd.conf.
	ExtraConfig []string
	// ExtraArgs are appended to the pure-ftpd command line, or to inetutils ftpd's.
	ExtraArgs []string
	// StartTimeout bounds the wait for the control port to accept connections (default 10s).
	StartTimeout time.Duration

	// TLS turns TLS on, in the client's terms: client.ExplicitAllowed
	// (AUTH TLS on the control port, RFC 4217), client.ExplicitRequired
	// (the same, and TLSRequired), or client.Implicit (the handshake right
	// after connect: vsftpd implicit_ssl, proftpd UseImplicitSSL; not
	// pure-ftpd). client.SecurityNone, the zero value, is plain FTP (AUTH
	// TLS refused); client.ImplicitZOS is not available.
	TLS client.SecurityMode
	// TLSRequired: logins and data connections must be protected.
	TLSRequired bool
	// RequireReuse: data connections must resume the control connection's TLS session.
	RequireReuse bool
	// RequireCert: the client must present a certificate issued by ClientCA.
	RequireCert bool
	// ProftpdTLSRequired, when not empty, is the argument of proftpd's TLSRequired directive
	// (e.g. "auth+data"), overriding what TLSRequired says.
	ProftpdTLSRequired string
	// CA issues the server certificate (when Cert is nil) and is the default ClientCA; nil means
	// a CA generated for this server.
	CA *certs.CA
	// Cert is the server certificate; nil means one issued by CA for the loopback names.
	Cert *certs.Leaf
	// ClientCA is the CA whose client certificates RequireCert accepts; nil means CA.
	ClientCA *certs.CA

	// Dir is where StartServer makes the server's directory (config, logs, certificate
	// files, home); Dir and its parent are made traversable (0755) for the servers and the
	// test user. "" means a new temporary directory, removed by Close.
	Dir string
	// Logf receives the harness's progress and, after a failed start, the server's logs; nil
	// discards them.
	Logf func(format string, args ...any)
}

// tlsFiles are the certificate files written for a TLS server.
type tlsFiles struct {
	cert, key string // server certificate and key (PEM)
	combined  string // both in one file (pure-ftpd)
	clientCA  string // CA certificate that client certificates must chain to
}

// Server is a running FTP server.
type Server struct {
	Kind     Kind
	Host     string // always 127.0.0.1
	Port     int    // control port
	PasvMin  int    // first port of the passive range (0: inetutils ftpd, which has none)
	PasvMax  int    // last port of the passive range
	Dir      string // per-server temporary directory: config, logs, certificate files
	TLS      client.SecurityMode
	CA       *certs.CA // with TLS: the CA that issued the server certificate (unless Options.Cert came from another)
	Home     string    // the test user's FTP root on disk (shown to the client as "/")
	User     string    // test login
	Password string    // test password
	UID, GID int       // the test user's ids (owner of files the client stores)

	Bin     string   // the program started: the server, or what starts it (Python; sh for inetutils ftpd)
	Args    []string // its arguments
	LogFile string   // stdout+stderr of the server (plus its own log, where it has one)

	tls  tlsFiles
	base string               // the directory StartServer made for Options.Dir "" (Close removes it)
	logf func(string, ...any) // Options.Logf

	cred  *syscall.Credential // run as this user (the Python servers: the test user)
	newns bool                // in a mount namespace of its own (inetutils ftpd)

	cmd  *exec.Cmd
	done chan struct{} // closed when the process has exited
	werr error         // result of cmd.Wait, valid after done is closed
}

// Addr returns "127.0.0.1:port".
func (s *Server) Addr() string { return net.JoinHostPort(s.Host, strconv.Itoa(s.Port)) }

// String names the server for test output.
func (s *Server) String() string { return fmt.Sprintf("%s on %s", s.Kind, s.Addr()) }

// Required reports whether ZFTP_INTEROP=require is set: then an unusable server is a failure.
func Required() bool { return os.Getenv("ZFTP_INTEROP") == "require" }

// unavailable fails the test under ZFTP_INTEROP=require and skips it otherwise (auto); it never
// returns.
func unavailable(t testing.TB, format string, args ...any) {
	t.Helper()
	msg := fmt.Sprintf(format, args...)
	if Required() {
		t.Fatalf("interop: %s (ZFTP_INTEROP=require; install the servers with %s as root)", msg, InstallScript)
	}
	t.Skipf("interop: %s; run %s as root to install the servers (ZFTP_INTEROP=require makes this a failure)", msg, InstallScript)
}

// checkEnabled skips the test unless ZFTP_INTEROP asks for interop tests.
func checkEnabled(t testing.TB) {
	t.Helper()
	switch v := os.Getenv("ZFTP_INTEROP"); v {
	case "require", "auto":
	case "", "off":
		t.Skipf("interop: tests against real FTP servers are off; install the servers with %s (as root), then run with ZFTP_INTEROP=require (or ZFTP_INTEROP=auto)", InstallScript)
	default:
		t.Fatalf("interop: ZFTP_INTEROP=%q: want require, auto or off", v)
	}
}

// ServersDir is where vsftpd, pure-ftpd and the credentials file are installed.
func ServersDir() string {
	if d := os.Getenv("ZFTP_SERVERS_DIR"); d != "" {
		return d
	}
	return "/opt/zftp-servers"
}

// Binary returns the path of a server's binary: the program the harness runs for it (Python
// for pyftpdlib and Twisted; for inetutils ftpd, the program its inetd starts per connection).
func Binary(k Kind) string {
	switch k {
	case Vsftpd:
		return filepath.Join(ServersDir(), "usr/sbin/vsftpd")
	case PureFTPd:
		return filepath.Join(ServersDir(), "usr/sbin/pure-ftpd")
	case Proftpd:
		return "/usr/sbin/proftpd"
	case Pyftpdlib, Twisted:
		return Python
	case Inetutils:
		return filepath.Join(ServersDir(), "usr/sbin/ftpd")
	}
	return ""
}

// installed returns the files kind k needs: its binary and, for the Python servers, their
// modules; for inetutils ftpd, also the Python that runs its inetd.
func installed(k Kind) []string {
	files := append([]string{Binary(k)}, pythonModules[k]...)
	if k == Inetutils {
		files = append(files, Python)
	}
	return files
}

// Account is the local test user the servers log in.
type Account struct {
	User     string
	Password string
	UID, GID int
}

// LoadAccount reads the credentials written by the install script and looks the user up.
func LoadAccount() (*Account, error) {
	path := filepath.Join(ServersDir(), "credentials")
	data, err := os.ReadFile(path)
	if err != nil {
		return nil, fmt.Errorf("reading test credentials: %w", err)
	}
	a := &Account{}
	sc := bufio.NewScanner(bytes.NewReader(data))
	for sc.Scan() {
		k, v, ok := strings.Cut(strings.TrimSpace(sc.Text()), "=")
		if !ok {
			continue
		}
		switch k {
		case "ZFTP_TEST_USER":
			a.User = v
		case "ZFTP_TEST_PASSWORD":
			a.Password = v
		}
	}
	if a.User == "" || a.Password == "" {
		return nil, fmt.Errorf("%s lacks ZFTP_TEST_USER or ZFTP_TEST_PASSWORD", path)
	}
	u, err := user.Lookup(a.User)
	if err != nil {
		return nil, fmt.Errorf("test user %q: %w", a.User, err)
	}
	if a.UID, err = strconv.Atoi(u.Uid); err != nil {
		return nil, fmt.Errorf("test user %q: uid %q: %w", a.User, u.Uid, err)
	}
	if a.GID, err = strconv.Atoi(u.Gid); err != nil {
		return nil, fmt.Errorf("test user %q: gid %q: %w", a.User, u.Gid, err)
	}
	return a, nil
}

// ErrUnavailable is wrapped by StartServer's errors for a server that cannot run on this
// machine: binary, credentials or root rights missing, or no start after three attempts.
var ErrUnavailable = errors.New("interop: server unavailable")

// StartVsftpd starts vsftpd for a test; see Start.
func StartVsftpd(t testing.TB, o Options) *Server { t.Helper(); return Start(t, Vsftpd, o) }

// StartProftpd starts proftpd for a test; see Start.
func StartProftpd(t testing.TB, o Options) *Server { t.Helper(); return Start(t, Proftpd, o) }

// Start starts a server of kind k for a test (StartServer in a directory of t's, logging to
// t) and registers its shutdown with t.Cleanup. Without ZFTP_INTEROP=require or auto the test
// is skipped. A server that cannot be started (ErrUnavailable) fails the test under
// ZFTP_INTEROP=require and skips it under auto; any other error fails it.
func Start(t testing.TB, k Kind, o Options) *Server {
	t.Helper()
	checkEnabled(t)
	if o.Dir == "" {
		o.Dir = t.TempDir()
	}
	if o.Logf == nil {
		o.Logf = t.Logf
	}
	s, err := StartServer(k, o)
	if errors.Is(err, ErrUnavailable) {
		unavailable(t, "%v", err)
	}
	if err != nil {
		t.Fatalf("interop: %v", err)
	}
	t.Cleanup(func() {
		s.stop()
		if t.Failed() {
			s.dumpLog()
		}
	})
	return s
}

// StartServer starts a server of kind k on a free 127.0.0.1 port and waits until its control
// port accepts connections. The caller stops it with Close. Errors for a server that cannot
// run here wrap ErrUnavailable.
func StartServer(k Kind, o Options) (*Server, error) {
	bin := Binary(k)
	if bin == "" {
		return nil, fmt.Errorf("unknown server kind %q", k)
	}
	for _, f := range installed(k) {
		if _, err := os.Stat(f); err != nil {
			return nil, fmt.Errorf("%w: %s not installed: %w", ErrUnavailable, k, err)
		}
	}
	if os.Geteuid() != 0 {
		return nil, fmt.Errorf("%w: %s must be started as root (it switches to the test user after login); running as uid %d", ErrUnavailable, k, os.Geteuid())
	}
	acct, err := LoadAccount()
	if err != nil {
		return nil, fmt.Errorf("%w: %w", ErrUnavailable, err)
	}
	if o.StartTimeout <= 0 {
		o.StartTimeout = 10 * time.Second
	}
	if o.Logf == nil {
		o.Logf = func(string, ...any) {}
	}
	if o.TLS == client.ExplicitRequired {
		o.TLSRequired = true
	}
	if o.TLS.TLS() {
		if o.TLS == client.ImplicitZOS {
			return nil, fmt.Errorf("no real server here speaks implicit TLS in the z/OS model (Options %+v)", o)
		}
		if k == PureFTPd && (o.TLS.Implicit() || o.RequireCert) {
			return nil, fmt.Errorf("pure-ftpd has no implicit TLS and no client-certificate check here (Options %+v)", o)
		}
		if k == Pyftpdlib && o.TLS.Implicit() {
			return nil, fmt.Errorf("pyftpdlib has no implicit TLS (Options %+v)", o)
		}
		if k == Twisted || k == Inetutils {
			return nil, fmt.Errorf("%s has no TLS (Options %+v)", k, o)
		}
		// One CA and certificate per server, made now (never committed).
		if o.CA == nil {
			if o.CA, err = certs.NewCA(fmt.Sprintf("zftp interop %s CA", k)); err != nil {
				return nil, err
			}
		}
		if o.Cert == nil {
			if o.Cert, err = o.CA.Issue("127.0.0.1", certs.LeafOptions{}); err != nil {
				return nil, err
			}
		}
		if o.ClientCA == nil {
			o.ClientCA = o.CA
		}
	}
	base, own := o.Dir, o.Dir == ""
	if own {
		if base, err = os.MkdirTemp("", "zftp-interop-"); err != nil {
			return nil, err
		}
	} else if err := traversable(filepath.Dir(base)); err != nil {
		return nil, err
	}
	if err := traversable(base); err != nil {
		return nil, err
	}

	// A free port can be taken by someone else between our probe and the server's bind; try a
	// few times with fresh ports before giving up.
	var lastErr error
	for attempt := 0; attempt < 3; attempt++ {
		s, err := start(k, bin, acct, base, o)
		if err == nil {
			if own {
				s.base = base
			}
			return s, nil
		}
		lastErr = err
		o.Logf("interop: starting %s (attempt %d): %v", k, attempt+1, err)
	}
	if own {
		os.RemoveAll(base)
	}
	return nil, fmt.Errorf("%w: could not start %s: %w", ErrUnavailable, k, lastErr)
}

// Close stops the server and removes its directory.
func (s *Server) Close() error {
	s.stop()
	dir := s.Dir
	if s.base != "" {
		dir = s.base
	}
	return os.RemoveAll(dir)
}

func start(k Kind, bin string, acct *Account, base string, o Options) (*Server, error) {
	dir, err := os.MkdirTemp(base, string(k)+"-")
	if err != nil {
		return nil, err
	}
	if err := traversable(dir); err != nil {
		return nil, err
	}
	s := &Server{
		Kind:     k,
		Host:     Host,
		Dir:      dir,
		Home:     filepath.Join(dir, "home"),
		User:     acct.User,
		Password: acct.Password,
		UID:      acct.UID,
		GID:      acct.GID,
		Bin:      bin,
		LogFile:  filepath.Join(dir, "server.log"),
		logf:     o.Logf,
	}
	if err := os.Mkdir(s.Home, 0o755); err != nil {
		return nil, err
	}
	if err := os.Chown(s.Home, acct.UID, acct.GID); err != nil {
		return nil, err
	}
	if o.TLS.TLS() {
		s.TLS, s.CA = o.TLS, o.CA
		files := []struct {
			path *string
			name string
			data [][]byte
		}{
			{&s.tls.cert, "server-cert.pem", [][]byte{o.Cert.CertPEM}},
			{&s.tls.key, "server-key.pem", [][]byte{o.Cert.KeyPEM}},
			{&s.tls.combined, "server-combined.pem", [][]byte{o.Cert.CertPEM, o.Cert.KeyPEM}},
			{&s.tls.clientCA, "client-ca.pem", [][]byte{o.ClientCA.CertPEM}},
		}
		for _, f := range files {
			*f.path = filepath.Join(dir, f.name)
			if err := os.WriteFile(*f.path, bytes.Join(f.data, nil), 0o600); err != nil {
				return nil, err
			}
		}
	}
	if s.Port, err = freePort(); err != nil {
		return nil, err
	}
	// pure-ftpd allows at most half as many clients as it has passive ports. inetutils ftpd
	// has no passive range: it takes the kernel's.
	if k != Inetutils {
		if s.PasvMin, s.PasvMax, err = freePortRange(40); err != nil {
			return nil, err
		}
	}

	switch k {
	case Vsftpd:
		err = s.writeVsftpdConfig(o)
	case Proftpd:
		err = s.writeProftpdConfig(o)
	case PureFTPd:
		err = s.writePureFTPdDB(acct, o)
	case Pyftpdlib, Twisted:
		err = s.writePythonServer(o)
	case Inetutils:
		err = s.writeInetutils(o)
	}
	if err != nil {
		return nil, fmt.Errorf("writing %s configuration: %w", k, err)
	}
	if err := s.run(); err != nil {
		return nil, err
	}
	if err := s.waitReady(o.StartTimeout); err != nil {
		s.stop()
		s.dumpLog()
		return nil, err
	}
	s.logf("interop: %s started (pid %d, passive ports %d-%d, home %s)", s, s.cmd.Process.Pid, s.PasvMin, s.PasvMax, s.Home)
	return s, nil
}

// traversable makes dir readable and searchable by the servers and, after a chroot, the test
// user: t.TempDir and os.MkdirTemp create directories with mode 0700.
func traversable(dir string) error { return os.Chmod(dir, 0o755) }

// ---- vsftpd ------------------------------------------------------------------------------------

func (s *Server) writeVsftpdConfig(o Options) error {
	empty := filepath.Join(s.Dir, "empty") // secure_chroot_dir: must exist, not writable by users
	if err := os.Mkdir(empty, 0o755); err != nil {
		return err
	}
	conf := filepath.Join(s.Dir, "vsftpd.conf")
	lines := []string{
		"listen=YES",
		"listen_ipv6=NO",
		"listen_address=" + s.Host,
		"listen_port=" + strconv.Itoa(s.Port),
		"background=NO",
		"seccomp_sandbox=NO",
		"secure_chroot_dir=" + empty,
		"pam_service_name=zftp-vsftpd", // written by the install script: pam_unix only
		"anonymous_enable=NO",
		"local_enable=YES",
		"write_enable=YES",
		"local_umask=022",
		"chroot_local_user=YES",
		"allow_writeable_chroot=YES",
		"local_root=" + s.Home,
		"pasv_enable=YES",
		"pasv_min_port=" + strconv.Itoa(s.PasvMin),
		"pasv_max_port=" + strconv.Itoa(s.PasvMax),
		"port_enable=YES",
		"connect_from_port_20=NO",
		// vsftpd sends type A data unconverted unless told otherwise.
		"ascii_upload_enable=YES",
		"ascii_download_enable=YES",
		"max_clients=50",
		"max_per_ip=50",
		"xferlog_enable=YES",
		"xferlog_std_format=NO",
		"vsftpd_log_file=" + filepath.Join(s.Dir, "vsftpd.log"),
		"syslog_enable=NO",
		"dual_log_enable=NO",
		"log_ftp_protocol=YES",
		"session_support=NO",
		"use_localtime=NO",
	}
	if o.TLS.TLS() {
		lines = append(lines,
			"ssl_enable=YES",
			"rsa_cert_file="+s.tls.cert,
			"rsa_private_key_file="+s.tls.key,
			"ssl_ciphers=HIGH", // vsftpd 3.0.3's default is DES-CBC3-SHA alone
			"ssl_sslv2=NO",
			"ssl_sslv3=NO",
			"ssl_tlsv1=YES",
			"allow_anon_ssl=NO",
			"debug_ssl=YES",
			"implicit_ssl="+yesNo(o.TLS.Implicit()),
			// vsftpd defaults these to YES once ssl_enable is set.
			"force_local_logins_ssl="+yesNo(o.TLSRequired),
			"force_local_data_ssl="+yesNo(o.TLSRequired),
			"require_ssl_reuse="+yesNo(o.RequireReuse),
			"require_cert="+yesNo(o.RequireCert),
			"validate_cert="+yesNo(o.RequireCert),
		)
		if o.RequireCert {
			lines = append(lines, "ca_certs_file="+s.tls.clientCA)
		}
	}
	lines = append(lines, o.ExtraConfig...)
	s.Args = []string{conf}
	return os.WriteFile(conf, []byte(strings.Join(lines, "\n")+"\n"), 0o600)
}

// ---- proftpd -----------------------------------------------------------------------------------

func (s *Server) writeProftpdConfig(o Options) error {
	conf := filepath.Join(s.Dir, "proftpd.conf")
	lines := []string{
		`ServerName "zftp interop proftpd"`,
		"ServerType standalone",
		"DefaultAddress " + s.Host,
		"SocketBindTight on",
		"UseIPv6 off",
		"Port " + strconv.Itoa(s.Port),
		fmt.Sprintf("PassivePorts %d %d", s.PasvMin, s.PasvMax),
		"User nobody",
		"Group nogroup",
		"Umask 022",
		"MaxInstances 50",
		"PidFile " + filepath.Join(s.Dir, "proftpd.pid"),
		"ScoreboardFile " + filepath.Join(s.Dir, "proftpd.scoreboard"),
		"DelayTable none",
		"WtmpLog off",
		"SystemLog " + filepath.Join(s.Dir, "proftpd.log"),
		"TransferLog none",
		"UseReverseDNS off",
		"RequireValidShell off", // the test user's shell is /usr/sbin/nologin
		"AuthOrder mod_auth_unix.c",
		"DefaultRoot " + s.Home,
		"AllowOverwrite on",
		"AllowStoreRestart on",
		"AllowRetrieveRestart on",
		"TimeoutIdle 600",
		// mod_facts (MLST, MLSD; RFC 3659) is built in; on by default, said here so that the
		// table in docs/interop.md does not depend on a default.
		"FactsAdvertise on",
	}
	if o.TLS.TLS() {
		required := "off"
		if o.TLSRequired {
			required = "on"
		}
		if o.ProftpdTLSRequired != "" {
			required = o.ProftpdTLSRequired
		}
		var opts []string
		if o.TLS.Implicit() {
			opts = append(opts, "UseImplicitSSL")
		}
		if !o.RequireReuse {
			opts = append(opts, "NoSessionReuseRequired")
		}
		lines = append(lines,
			"ModulePath /usr/lib/proftpd",
			"LoadModule mod_tls.c",
			"TLSEngine on",
			"TLSLog "+filepath.Join(s.Dir, "tls.log"),
			"TLSProtocol TLSv1.2 TLSv1.3",
			"TLSECCertificateFile "+s.tls.cert, // tlstest makes ECDSA P-256 keys
			"TLSECCertificateKeyFile "+s.tls.key,
			"TLSRequired "+required,
			"TLSRenegotiate none",
			"TLSTimeoutHandshake 10",
		)
		if len(opts) > 0 {
			lines = append(lines, "TLSOptions "+strings.Join(opts, " "))
		}
		if o.RequireCert {
			lines = append(lines, "TLSVerifyClient on", "TLSCACertificateFile "+s.tls.clientCA)
		} else {
			lines = append(lines, "TLSVerifyClient off")
		}
	}
	lines = append(lines, o.ExtraConfig...)
	// -n: no daemon (stays in the foreground, our child); -q: quiet start-up.
	s.Args = []string{"-n", "-q", "-c", conf}
	return os.WriteFile(conf, []byte(strings.Join(lines, "\n")+"\n"), 0o600)
}

// ---- pure-ftpd ---------------------------------------------------------------------------------

// writePureFTPdDB gives the test user a virtual (PureDB) account whose home is s.Home: with
// -l unix pure-ftpd would use the home directory from /etc/passwd. The password hash is the user's
// own from /etc/shadow (SHA-512 crypt), so the same password works everywhere and logins are fast
// (pure-pw would hash with argon2id, which pure-ftpd then needs a second to check).
func (s *Server) writePureFTPdDB(acct *Account, o Options) error {
	hash, err := shadowHash(acct.User)
	if err != nil {
		return err
	}
	passwd := filepath.Join(s.Dir, "pureftpd.passwd")
	pdb := filepath.Join(s.Dir, "pureftpd.pdb")
	// user:hash:uid:gid:gecos:home/./:... ("/./" marks the chroot point)
	line := fmt.Sprintf("%s:%s:%d:%d::%s/./::::::::::::\n", acct.User, hash, acct.UID, acct.GID, s.Home)
	if err := os.WriteFile(passwd, []byte(line), 0o600); err != nil {
		return err
	}
	purePw := filepath.Join(ServersDir(), "usr/bin/pure-pw")
	if out, err := exec.Command(purePw, "mkdb", pdb, "-f", passwd).CombinedOutput(); err != nil {
		return fmt.Errorf("%s mkdb: %v: %s", purePw, err, bytes.TrimSpace(out))
	}
	s.Args = []string{
		"-S", fmt.Sprintf("%s,%d", s.Host, s.Port), // bind address and port
		"-p", fmt.Sprintf("%d:%d", s.PasvMin, s.PasvMax), // passive range
		"-4",                  // IPv4 only
		"-E",                  // no anonymous logins
		"-A",                  // chroot everyone
		"-H",                  // no reverse DNS
		"-l", "puredb:" + pdb, // authentication
		"-c", "50", // max clients (capped at half the passive range)
		"-C", "50", // max clients per IP
		"-U", "133:022", // umask files:dirs
		"-O", "clf:" + filepath.Join(s.Dir, "transfer.log"),
	}
	if o.TLS.TLS() {
		level := "1" // TLS allowed
		if o.TLSRequired {
			level = "2" // cleartext sessions refused
		}
		s.Args = append(s.Args, "-Y", level, "-2", s.tls.combined)
	}
	s.Args = append(s.Args, o.ExtraArgs...)
	return nil
}

// shadowHash returns the password hash of name from /etc/shadow.
func shadowHash(name string) (string, error) {
	data, err := os.ReadFile("/etc/shadow")
	if err != nil {
		return "", err
	}
	for _, l := range strings.Split(string(data), "\n") {
		f := strings.Split(l, ":")
		if len(f) > 1 && f[0] == name {
			if !strings.HasPrefix(f[1], "$") {
				return "", fmt.Errorf("/etc/shadow: user %s has no usable password hash", name)
			}
			return f[1], nil
		}
	}
	return "", fmt.Errorf("/etc/shadow: no entry for %s", name)
}

func yesNo(b bool) string {
	if b {
		return "YES"
	}
	return "NO"
}

// ---- process handling --------------------------------------------------------------------------

func (s *Server) run() error {
	logf, err := os.OpenFile(s.LogFile, os.O_CREATE|os.O_WRONLY|os.O_APPEND, 0o644)
	if err != nil {
		return err
	}
	cmd := exec.Command(s.Bin, s.Args...)
	cmd.Dir = s.Dir
	cmd.Stdin = nil
	cmd.Stdout = logf
	cmd.Stderr = logf
	cmd.Env = []string{"PATH=/usr/sbin:/usr/bin:/sbin:/bin", "LANG=C"}
	// Own process group: the per-session children the servers fork are stopped with it.
	// Pdeathsig: if the test binary dies, the server does too.
	cmd.SysProcAttr = &syscall.SysProcAttr{Setpgid: true, Pdeathsig: syscall.SIGKILL, Credential: s.cred}
	if s.newns {
		newNamespace(cmd.SysProcAttr)
	}
	if err := cmd.Start(); err != nil {
		logf.Close()
		return fmt.Errorf("starting %s: %w", s.Bin, err)
	}
	logf.Close() // the child holds its own descriptor
	s.cmd = cmd
	s.done = make(chan struct{})
	go func() {
		s.werr = cmd.Wait()
		close(s.done)
	}()
	return nil
}

// waitReady waits until the control port accepts a connection, the process exits or the
// timeout passes.
func (s *Server) waitReady(timeout time.Duration) error {
	deadline := time.Now().Add(timeout)
	for {
		select {
		case <-s.done:
			return fmt.Errorf("%s exited during start-up: %v; output: %s", s.Kind, s.werr, s.logTail())
		default:
		}
		c, err := net.DialTimeout("tcp", s.Addr(), 500*time.Millisecond)
		if err == nil {
			c.Close()
			if !listensOn(s.cmd.Process.Pid, s.Port) {
				// Another process took the port between freePort and the
				// server's bind (the server then fails to bind, or has
				// not yet): StartServer tries a fresh port.
				s.stop()
				return fmt.Errorf("%s: port %d answers, but not from the server's process", s.Kind, s.Port)
			}
			return nil
		}
		if time.Now().After(deadline) {
			return fmt.Errorf("%s did not accept connections on %s within %v: %v; output: %s", s.Kind, s.Addr(), timeout, err, s.logTail())
		}
		time.Sleep(20 * time.Millisecond)
	}
}

// stop terminates the server's process group (SIGTERM, then SIGKILL after 5s) and waits for it.
func (s *Server) stop() {
	if s.cmd == nil || s.cmd.Process == nil {
		return
	}
	pid := s.cmd.Process.Pid
	select {
	case <-s.done:
	default:
		_ = syscall.Kill(-pid, syscall.SIGTERM)
		select {
		case <-s.done:
		case <-time.After(5 * time.Second):
			s.logf("interop: %s (pid %d) ignored SIGTERM; killing it", s.Kind, pid)
			_ = syscall.Kill(-pid, syscall.SIGKILL)
			<-s.done
		}
	}
	// Session processes left in the group (they may outlive the listener briefly).
	_ = syscall.Kill(-pid, syscall.SIGKILL)
}

// Logs returns the server's output and its own log files.
func (s *Server) Logs() string {
	var b strings.Builder
	for _, name := range []string{"server.log", "vsftpd.log", "proftpd.log", "tls.log", "transfer.log"} {
		data, err := os.ReadFile(filepath.Join(s.Dir, name))
		if err != nil || len(data) == 0 {
			continue
		}
		fmt.Fprintf(&b, "---- %s ----\n%s\n", name, data)
	}
	return b.String()
}

func (s *Server) dumpLog() {
	const max = 16 << 10
	l := s.Logs()
	if len(l) > max {
		l = "...\n" + l[len(l)-max:]
	}
	if l != "" {
		s.logf("interop: logs of %s:\n%s", s, l)
	}
}

func (s *Server) logTail() string {
	data, _ := os.ReadFile(s.LogFile)
	data = bytes.TrimSpace(data)
	if len(data) > 2000 {
		data = data[len(data)-2000:]
	}
	if len(data) == 0 {
		return "(none)"
	}
	return string(data)
}

// ---- ports -------------------------------------------------------------------------------------

// freePort returns a 127.0.0.1 TCP port that was free a moment ago.
func freePort() (int, error) {
	l, err := net.Listen("tcp", net.JoinHostPort(Host, "0"))
	if err != nil {
		return 0, err
	}
	defer l.Close()
	return l.Addr().(*net.TCPAddr).Port, nil
}

// Passive ranges are taken below Linux's ephemeral range (32768-60999), so that the client's own
// outgoing and active-mode ports do not collide with them, and are handed out to one server of
// this process at a time.
const (
	pasvLow  = 20000
	pasvHigh = 32000
)

var (
	pasvMu    sync.Mutex
	pasvTaken = map[int]bool{} // first ports of ranges given out by this process
)

// freePortRange returns n consecutive 127.0.0.1 ports that could all be bound a moment ago.
func freePortRange(n int) (int, int, error) {
	pasvMu.Lock()
	defer pasvMu.Unlock()
	var lastErr error
	for attempt := 0; attempt < 50; attempt++ {
		lo := pasvLow + rand.IntN((pasvHigh-pasvLow-n)/n)*n
		if pasvTaken[lo] {
			continue
		}
		var ls []net.Listener
		ok := true
		for p := lo; p < lo+n; p++ {
			l, err := net.Listen("tcp", net.JoinHostPort(Host, strconv.Itoa(p)))
			if err != nil {
				ok, lastErr = false, err
				break
			}
			ls = append(ls, l)
		}
		for _, l := range ls {
			l.Close()
		}
		if ok {
			pasvTaken[lo] = true
			return lo, lo + n - 1, nil
		}
	}
	return 0, 0, errors.Join(errors.New("no free passive port range"), lastErr)
}

// listensOn reports whether process pid holds the socket that listens on
// 127.0.0.1:port (from /proc/net/tcp and the process's descriptors).
func listensOn(pid, port int) bool {
	data, err := os.ReadFile("/proc/net/tcp")
	if err != nil {
		return true // no /proc: trust the connection
	}
	local := fmt.Sprintf("0100007F:%04X", port)
	var inode string
	for _, line := range strings.Split(string(data), "\n")[1:] {
		f := strings.Fields(line)
		if len(f) > 9 && f[1] == local && f[3] == "0A" { // TCP_LISTEN
			inode = f[9]
			break
		}
	}
	if inode == "" {
		return false
	}
	fds, err := os.ReadDir(fmt.Sprintf("/proc/%d/fd", pid))
	if err != nil {
		return false
	}
	want := "socket:[" + inode + "]"
	for _, fd := range fds {
		if l, err := os.Readlink(fmt.Sprintf("/proc/%d/fd/%s", pid, fd.Name())); err == nil && l == want {
			return true
		}
	}
	return false
}
