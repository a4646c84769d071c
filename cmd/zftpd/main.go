// Command zftpd is the companion FTP server of zftp, for tests and demos.
// It serves one directory on loopback:
//
//	zftpd --root DIR [--listen 127.0.0.1:0] [--user NAME:PASS]... [--ibm | --mvs]
//	      [--port-file FILE] [--pasv-ports LOW-HIGH] [--pasv-address IP] [-v]
//	      [--tls explicit|implicit|implicit-zos --cert-dir DIR [--tls-require]
//	       [--tls-reuse-required] [--client-cert-required]
//	       [--ccc accept|refuse] [--ccc-mode rfc4217|cccnonotify]]
//	zftpd --temp ...
//
// Without --user it accepts the user "zftp" with password "zftp". It
// prints "zftpd listening on HOST:PORT root DIR" to stderr once ready and
// stops cleanly on SIGINT or SIGTERM.
//
// With --mvs it plays a z/OS FTP server's MVS side (and implies --ibm):
// DIR is a catalog of data sets, ROOT/HLQ/NAME being the sequential data
// set HLQ.NAME and ROOT/HLQ/NAME.pds/MEMBER a member of the partitioned
// data set HLQ.NAME, with SITE RECFM/LRECL/BLKSIZE and the JES interface
// of SITE FILETYPE=JES (see internal/ftpd). With --temp it serves sample
// data sets of the user ZFTP.
//
// With --tls it speaks FTPS: explicit (AUTH TLS), implicit (the handshake
// first, SECUREIMPLICITZOS FALSE) or implicit-zos (a clear 220, then the
// handshake, SECUREIMPLICITZOS TRUE). At start-up it makes a CA and a
// server certificate for 127.0.0.1, ::1 and localhost in memory, and a
// client certificate from the same CA, and writes DIR/ca.pem (the trust
// anchor) and DIR/client.pem (client certificate and key, mode 0600): a
// zftp trusts the server with --keyring DIR/ca.pem (or FTP.DATA KEYRING),
// and presents the client certificate too with --keyring DIR. No key is
// kept anywhere else; each start makes new ones.
package main

import (
	"context"
	"errors"
	"fmt"
	"io"
	"log/slog"
	"net"
	"os"
	"os/signal"
	"path/filepath"
	"slices"
	"strconv"
	"strings"
	"syscall"

	"github.com/spf13/pflag"
	"github.com/zftp/zftp/internal/ftpd"

	"github.com/zftp/zftp/client"
	"github.com/zftp/zftp/internal/certs"
)

// defaultUser is accepted when no --user flag is given.
const defaultUser = "zftp:zftp"

func main() {
	ctx, stop := signal.NotifyContext(context.Background(), os.Interrupt, syscall.SIGTERM)
	defer stop()
	os.Exit(run(ctx, os.Args[1:], os.Stderr))
}

// config is what the command line asks for.
type config struct {
	opts     ftpd.Options
	temp     bool
	portFile string
	tls      bool   // --tls given
	tlsName  string // the --tls mode as given (explicit, implicit, implicit-zos)
	certDir  string // where ca.pem and client.pem go
}

// run starts the server and serves until ctx is done. It returns the
// process exit status: 0 after a clean stop, 1 on failure, 2 on bad usage.
func run(ctx context.Context, args []string, stderr io.Writer) int {
	cfg, err := parseFlags(args, stderr)
	if errors.Is(err, pflag.ErrHelp) {
		return 0
	}
	if err != nil {
		fmt.Fprintf(stderr, "zftpd: %v\n", err)
		return 2
	}
	if err := serve(ctx, cfg, stderr); err != nil {
		fmt.Fprintf(stderr, "zftpd: %v\n", err)
		return 1
	}
	return 0
}

func parseFlags(args []string, stderr io.Writer) (*config, error) {
	fs := pflag.NewFlagSet("zftpd", pflag.ContinueOnError)
	fs.SetOutput(stderr)
	fs.Usage = func() {
		fmt.Fprintf(stderr, "usage: zftpd (--root DIR | --temp) [flags]\n\nFTP server for zftp tests and demos. Serves DIR on loopback.\n\n%s", fs.FlagUsages())
	}
	listen := fs.String("listen", ftpd.DefaultAddr, "`address` to listen on (loopback only unless --allow-non-loopback)")
	allow := fs.Bool("allow-non-loopback", false, "permit a --listen address that is not loopback")
	root := fs.String("root", "", "`directory` to serve (required unless --temp)")
	temp := fs.Bool("temp", false, "serve a new temporary directory with sample files, removed on exit")
	users := fs.StringArray("user", nil, "accept `NAME:PASS` (repeatable; default "+defaultUser+")")
	ibm := fs.Bool("ibm", false, "answer with z/OS FTP server reply texts")
	mvs := fs.Bool("mvs", false, "serve DIR as a z/OS MVS catalog (DIR/HLQ/NAME is data set HLQ.NAME, DIR/HLQ/NAME.pds/MEM a PDS member) with SITE FILETYPE=JES job submission; implies --ibm")
	portFile := fs.String("port-file", "", "write the bound port to `FILE` once listening")
	pasv := fs.String("pasv-ports", "", "passive data ports `LOW-HIGH` (default: any free port)")
	pasvAddr := fs.String("pasv-address", "", "advertise `IP` in the 227 reply to PASV instead of the listen address (a loopback one such as 127.0.0.2 unless --allow-non-loopback; the listener stays where it is), as a server behind NAT does")
	verbose := fs.BoolP("verbose", "v", false, "log connections and commands to stderr")
	tlsMode := fs.String("tls", "", "speak FTPS: `MODE` explicit (AUTH TLS), implicit (handshake first) or implicit-zos (clear 220, then the handshake)")
	certDir := fs.String("cert-dir", "", "with --tls: write the test CA (ca.pem) and a client certificate (client.pem) to `DIR` (created if missing)")
	tlsRequire := fs.Bool("tls-require", false, "with --tls: refuse login before TLS, PROT C, and transfers without PROT P")
	reuse := fs.Bool("tls-reuse-required", false, "with --tls: refuse protected data connections that do not resume the control connection's TLS session (522)")
	clientCert := fs.Bool("client-cert-required", false, "with --tls: require a client certificate from the test CA")
	ccc := fs.String("ccc", "refuse", "with --tls: `POLICY` for CCC: accept (200) or refuse (534)")
	cccMode := fs.String("ccc-mode", "rfc4217", "with --tls: after an accepted CCC, `MODE` rfc4217 (exchange close_notify) or cccnonotify (none)")
	if err := fs.Parse(args); err != nil {
		return nil, err
	}
	if fs.NArg() > 0 {
		return nil, fmt.Errorf("unexpected arguments: %s", strings.Join(fs.Args(), " "))
	}
	if (*root == "") == !*temp {
		return nil, errors.New("give exactly one of --root DIR and --temp")
	}
	cfg := &config{temp: *temp, portFile: *portFile, opts: ftpd.Options{
		Addr: *listen, AllowNonLoopback: *allow, Root: *root, IBM: *ibm || *mvs, MVS: *mvs,
	}}
	if *pasv != "" {
		r, err := ftpd.ParsePortRange(*pasv)
		if err != nil {
			return nil, err
		}
		cfg.opts.PassivePorts = r
	}
	if *pasvAddr != "" {
		ip := net.ParseIP(*pasvAddr)
		if ip == nil || ip.To4() == nil {
			return nil, fmt.Errorf("--pasv-address %q: want an IPv4 address", *pasvAddr)
		}
		cfg.opts.PassiveAddress = ip
	}
	var err error
	if cfg.opts.Users, err = parseUsers(*users); err != nil {
		return nil, err
	}
	if err := parseTLSFlags(fs, cfg, *tlsMode, *certDir, *ccc, *cccMode); err != nil {
		return nil, err
	}
	cfg.opts.RequireTLS, cfg.opts.RequireSessionReuse, cfg.opts.ClientCertRequired = *tlsRequire, *reuse, *clientCert
	if *verbose {
		cfg.opts.Logger = slog.New(slog.NewTextHandler(stderr, &slog.HandlerOptions{Level: slog.LevelDebug}))
	}
	return cfg, nil
}

// parseTLSFlags checks the TLS flags and sets the mode and CCC policy;
// the certificates are made when the server starts.
func parseTLSFlags(fs *pflag.FlagSet, cfg *config, mode, certDir, ccc, cccMode string) error {
	if mode == "" {
		for _, name := range []string{"cert-dir", "tls-require", "tls-reuse-required", "client-cert-required", "ccc", "ccc-mode"} {
			if fs.Changed(name) {
				return fmt.Errorf("--%s needs --tls", name)
			}
		}
		return nil
	}
	cfg.tls, cfg.certDir, cfg.tlsName = true, certDir, strings.ToLower(mode)
	switch strings.ToLower(mode) {
	case "explicit":
		cfg.opts.TLSMode = client.ExplicitAllowed
	case "implicit":
		cfg.opts.TLSMode = client.Implicit
	case "implicit-zos":
		cfg.opts.TLSMode = client.ImplicitZOS
	default:
		return fmt.Errorf("--tls %q: want explicit, implicit or implicit-zos", mode)
	}
	if certDir == "" {
		return errors.New("--tls needs --cert-dir DIR (where ca.pem and client.pem are written)")
	}
	switch strings.ToLower(ccc) {
	case "accept":
		cfg.opts.CCC = ftpd.CCCAccept
	case "refuse":
		cfg.opts.CCC = ftpd.CCCRefuse
	default:
		return fmt.Errorf("--ccc %q: want accept or refuse", ccc)
	}
	switch strings.ToLower(cccMode) {
	case "rfc4217":
		cfg.opts.CCCMode = client.CCCRFC4217
	case "cccnonotify":
		cfg.opts.CCCMode = client.CCCNoNotify
	default:
		return fmt.Errorf("--ccc-mode %q: want rfc4217 or cccnonotify", cccMode)
	}
	return nil
}

// setUpTLS makes the test CA, the server certificate and a client
// certificate, writes ca.pem and client.pem into the certificate
// directory and sets the server's TLS options.
func setUpTLS(cfg *config, stderr io.Writer) error {
	hosts := certs.DefaultHosts()
	if h, _, err := net.SplitHostPort(cfg.opts.Addr); err == nil && h != "" && !slices.Contains(hosts, h) {
		if ip := net.ParseIP(h); ip == nil || !ip.IsUnspecified() {
			hosts = append(hosts, h)
		}
	}
	ca, err := certs.NewCA("zftpd test CA")
	if err != nil {
		return err
	}
	srvTLS, err := ca.ServerConfig("zftpd", hosts...)
	if err != nil {
		return err
	}
	cli, err := ca.Issue("zftpd client", certs.LeafOptions{Client: true})
	if err != nil {
		return err
	}
	if err := os.MkdirAll(cfg.certDir, 0o755); err != nil {
		return fmt.Errorf("--cert-dir: %w", err)
	}
	caFile := filepath.Join(cfg.certDir, "ca.pem")
	clientFile := filepath.Join(cfg.certDir, "client.pem")
	if err := writeFileAtomic(caFile, ca.CertPEM, 0o644); err != nil {
		return err
	}
	if err := writeFileAtomic(clientFile, append(cli.CertPEM, cli.KeyPEM...), 0o600); err != nil {
		return err
	}
	cfg.opts.TLS = srvTLS
	if cfg.opts.ClientCertRequired {
		cfg.opts.ClientCAs = ca.Pool()
	}
	fmt.Fprintf(stderr, "zftpd TLS %s: trust %s; client certificate %s\n", cfg.tlsName, caFile, clientFile)
	return nil
}

// writeFileAtomic writes data to name with mode perm through a temporary
// file, so that a reader never sees it half written and an old file's
// wider mode never survives.
func writeFileAtomic(name string, data []byte, perm os.FileMode) error {
	f, err := os.CreateTemp(filepath.Dir(name), ".zftpd-*")
	if err != nil {
		return fmt.Errorf("write %s: %w", name, err)
	}
	tmp := f.Name()
	_, err = f.Write(data)
	if err == nil {
		err = f.Chmod(perm)
	}
	if cerr := f.Close(); err == nil {
		err = cerr
	}
	if err == nil {
		err = os.Rename(tmp, name)
	}
	if err != nil {
		os.Remove(tmp)
		return fmt.Errorf("write %s: %w", name, err)
	}
	return nil
}

// parseUsers turns NAME:PASS flags into a map, with the default user when
// there are none.
func parseUsers(specs []string) (map[string]string, error) {
	if len(specs) == 0 {
		specs = []string{defaultUser}
	}
	users := make(map[string]string, len(specs))
	for _, s := range specs {
		name, pass, ok := strings.Cut(s, ":")
		if !ok || name == "" {
			return nil, fmt.Errorf("--user %q: want NAME:PASS", s)
		}
		users[name] = pass
	}
	return users, nil
}

// serve runs the server until ctx is done.
func serve(ctx context.Context, cfg *config, stderr io.Writer) error {
	if cfg.temp {
		dir, err := makeTempRoot(cfg.opts.MVS)
		if err != nil {
			return err
		}
		defer os.RemoveAll(dir)
		cfg.opts.Root = dir
	}
	if cfg.tls {
		if err := setUpTLS(cfg, stderr); err != nil {
			return err
		}
	}
	srv, err := ftpd.New(cfg.opts)
	if err != nil {
		return err
	}
	defer srv.Close()
	if cfg.portFile != "" {
		if err := writePortFile(cfg.portFile, srv.Addr().Port); err != nil {
			return err
		}
	}
	errc := make(chan error, 1)
	go func() { errc <- srv.Serve() }()
	fmt.Fprintf(stderr, "zftpd listening on %s root %s\n", srv.Addr(), cfg.opts.Root)
	select {
	case <-ctx.Done():
		if err := srv.Close(); err != nil {
			return fmt.Errorf("close: %w", err)
		}
		<-errc
		return nil
	case err := <-errc:
		return err
	}
}

// writePortFile writes port to name atomically, so that a script polling
// for the file never reads it half written.
func writePortFile(name string, port int) error {
	tmp := name + ".tmp"
	if err := os.WriteFile(tmp, []byte(strconv.Itoa(port)+"\n"), 0o644); err != nil {
		return fmt.Errorf("port file: %w", err)
	}
	if err := os.Rename(tmp, name); err != nil {
		os.Remove(tmp)
		return fmt.Errorf("port file: %w", err)
	}
	return nil
}

// makeTempRoot creates a temporary directory with a few sample files, or
// with mvs a few data sets of the user ZFTP (the default user's HLQ).
func makeTempRoot(mvs bool) (string, error) {
	dir, err := os.MkdirTemp("", "zftpd-")
	if err != nil {
		return "", fmt.Errorf("temp root: %w", err)
	}
	bin := make([]byte, 64<<10)
	for i := range bin {
		bin[i] = byte(i * 7)
	}
	files := map[string][]byte{
		"README.txt":       []byte("Sample files served by zftpd --temp.\n"),
		"hello.txt":        []byte("Hello from zftpd.\nSecond line.\n"),
		"data.bin":         bin,
		"sub/nested.txt":   []byte("A file in a subdirectory.\n"),
		"sub/deeper/x.txt": []byte("x\n"),
	}
	if mvs {
		files = map[string][]byte{
			"ZFTP/README.TXT":         []byte("Sample data sets served by zftpd --temp --mvs.\n"),
			"ZFTP/.README.TXT.dcb":    []byte("RECFM=FB LRECL=80 BLKSIZE=27920\n"),
			"ZFTP/DATA.BIN":           bin,
			"ZFTP/.DATA.BIN.dcb":      []byte("RECFM=U LRECL=0 BLKSIZE=27998\n"),
			"ZFTP/JCL.CNTL.pds/HELLO": []byte("//ZFTPA    JOB CLASS=A,MSGCLASS=H\n//STEP1    EXEC PGM=IEFBR14\n"),
			"ZFTP/.JCL.CNTL.dcb":      []byte("RECFM=FB LRECL=80 BLKSIZE=27920\n"),
		}
	}
	for name, data := range files {
		p := filepath.Join(dir, filepath.FromSlash(name))
		if err := os.MkdirAll(filepath.Dir(p), 0o755); err != nil {
			os.RemoveAll(dir)
			return "", fmt.Errorf("temp root: %w", err)
		}
		if err := os.WriteFile(p, data, 0o644); err != nil {
			os.RemoveAll(dir)
			return "", fmt.Errorf("temp root: %w", err)
		}
	}
	return dir, nil
}
