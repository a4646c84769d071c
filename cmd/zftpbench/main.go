//go:build linux

// Command zftpbench is the harness behind `make bench`: it starts vsftpd, proftpd (from the
// interop package, on loopback) and zftpd, makes the data on a tmpfs, runs every workload with
// zftp, curl and lftp in turn (zftp curl lftp zftp curl lftp …), several runs each, measures
// the machine's limit (raw TCP and Go TLS 1.2/1.3 over loopback moving the same bytes between
// two processes, limit.go: up front, and again in the rotation of each row with a zftp/limit
// column), runs the latency rows through a relay that adds a round trip (latency.go,
// relay.go) and, for
// the plain MGET and MPUT rows, the floor of any Go client (floor.go, this program run as
// `zftpbench --floor`; on the plain -P8 rows with 8 sessions at once, floor-p8), and prints
// one table: median wall time, client CPU (user+sys, from wait4), the client's peak RSS,
// throughput, the ratios zftp/curl, zftp/lftp and zftp/limit, and each target of issue 9 met or
// missed.
//
//	zftpbench [--zftp bin/zftp] [--zftpd bin/zftpd] [--doc docs/benchmarks.md] [--markdown FILE]
//	          [--rtt 20ms] [--rtt-data]
//
// Environment:
//
//	ZFTP_BENCH_FULL=1     full depth (make bench-full, ~30 min): 3 runs, 1 GiB, 1000 small files;
//	                      without it (make bench, ≤ 10 min on 2 cores) every row is there with
//	                      1 run (3 on the rows that decide the small-file and parallel targets
//	                      and take a second a client), 256 MiB, 200 small files, a 45 s cap
//	ZFTP_BENCH_RUNS=N     runs per client and workload, every row (session latency: 5× as many)
//	ZFTP_BENCH_QUICK=1    smoke run: 64 MiB, 100 small files, 1 run
//	ZFTP_BENCH_SIZE=N     bytes of the big file
//	ZFTP_BENCH_FILES=N    number of 4 KiB files for MGET/MPUT (the parallel latency rows
//	                      always move 100)
//	ZFTP_BENCH_ONLY=RE    only the workloads whose name matches RE (the limits always run)
//	ZFTP_BENCH_SLOW=20    seconds: after a run this slow a client gets no more runs of that
//	                      workload (curl's 1000-file TLS MGET takes minutes)
//	ZFTP_BENCH_CAP=90     seconds (45 without ZFTP_BENCH_FULL): an MGET/MPUT run is stopped
//	                      after this long and counts as at least that slow (curl's 1000-file
//	                      TLS MGET takes minutes)
//	ZFTP_BENCH_DIR=DIR    where data and servers live (default /dev/shm when it is a tmpfs)
//	ZFTP_BENCH_HOLD=1     start the servers and latency relays, print where they listen and wait for a signal
//	                      (for traces by hand: strace, ss, perf); the password of the vsftpd
//	                      and proftpd login is in $ZFTP_SERVERS_DIR/credentials
//	ZFTP_BENCH_RTT=20ms   round trip of the latency rows (--rtt; 0: none), relay.go
//	ZFTP_BENCH_RTT_DATA=1 the relay delays plain passive data connections too (--rtt-data)
//
// It must run as root (vsftpd and proftpd switch to the test user) after
// scripts/install-test-deps.sh. Only 127.0.0.1 is used.
package main

import (
	"bytes"
	"context"
	"errors"
	"flag"
	"fmt"
	"io"
	"math/rand/v2"
	"os"
	"os/exec"
	"os/signal"
	"path/filepath"
	"regexp"
	"sort"
	"strconv"
	"strings"
	"syscall"
	"time"

	"github.com/zftp/zftp/client"
	"github.com/zftp/zftp/internal/interop"
)

var clients = []string{"zftp", "curl", "lftp"}

// floorName is the floor client of the many-file workloads (floor.go).
const floorName = "floor"

// floorParallelName is the floor client of the plain parallel latency rows: floor.go with
// parallelN sessions opened at once (`zftpbench --floor mget|mput -P 8`).
const floorParallelName = "floor-p8"

type config struct {
	runs, sessionRuns int
	// decisiveRuns is how many runs the rows marked decisive get at least
	// (workload.decisive): 3 in the default size, unless ZFTP_BENCH_RUNS
	// or ZFTP_BENCH_QUICK says otherwise.
	decisiveRuns  int
	size          int64
	files         int
	only          *regexp.Regexp
	slow, cap     time.Duration
	timeout       time.Duration
	dir           string
	quick         bool
	full          bool // ZFTP_BENCH_FULL: the full depth (make bench-full)
	zftp, zftpd   string
	doc, markdown string
	rtt           time.Duration // round trip of the latency rows; 0: none
	rttData       bool          // the relay delays plain passive data connections too
	zftpParallel  bool          // the zftp binary has --parallel
}

func main() {
	if len(os.Args) > 2 && os.Args[1] == "--floor" {
		if err := floorMain(os.Args[2], os.Args[3:]); err != nil {
			fmt.Fprintln(os.Stderr, "zftpbench --floor:", err)
			os.Exit(1)
		}
		return
	}
	if len(os.Args) > 1 && strings.HasPrefix(os.Args[1], "--limit-") {
		if err := limitMain(os.Args[1], os.Args[2:]); err != nil {
			fmt.Fprintln(os.Stderr, "zftpbench "+os.Args[1]+":", err)
			os.Exit(1)
		}
		return
	}
	cfg, err := parseConfig()
	if err != nil {
		fmt.Fprintln(os.Stderr, "zftpbench:", err)
		os.Exit(2)
	}
	if err := run(cfg); err != nil {
		fmt.Fprintln(os.Stderr, "zftpbench:", err)
		os.Exit(1)
	}
}

func envInt(name string, def int64) (int64, error) {
	v := os.Getenv(name)
	if v == "" {
		return def, nil
	}
	n, err := strconv.ParseInt(v, 10, 64)
	if err != nil || n <= 0 {
		return 0, fmt.Errorf("%s=%q: want a positive number", name, v)
	}
	return n, nil
}

func parseConfig() (*config, error) {
	cfg := &config{}
	flag.StringVar(&cfg.zftp, "zftp", "bin/zftp", "zftp binary")
	flag.StringVar(&cfg.zftpd, "zftpd", "bin/zftpd", "zftpd binary")
	flag.StringVar(&cfg.doc, "doc", "", "replace the table between the zftpbench markers of this Markdown file (full runs only: ZFTP_BENCH_FULL=1, not quick)")
	flag.StringVar(&cfg.markdown, "markdown", "", "write the machine description and table as Markdown to this file")
	rtt, rttData, err := rttDefaults()
	if err != nil {
		return nil, err
	}
	flag.DurationVar(&cfg.rtt, "rtt", rtt, "round-trip time the relay adds for the latency rows (0: no latency rows; default $ZFTP_BENCH_RTT or 20ms)")
	flag.BoolVar(&cfg.rttData, "rtt-data", rttData, "the relay delays plain passive data connections too, not only the control connection (default $ZFTP_BENCH_RTT_DATA=1)")
	flag.Parse()
	cfg.quick = os.Getenv("ZFTP_BENCH_QUICK") == "1"
	cfg.full = os.Getenv("ZFTP_BENCH_FULL") == "1"
	// The default size keeps every row (and each ratio within one rotation) at a fraction of
	// the full run's time: one run, a quarter of the big file, a fifth of the small files.
	runs, size, files, capDefault := int64(1), int64(256<<20), int64(200), int64(45)
	if cfg.full {
		runs, size, files, capDefault = 3, 1<<30, 1000, 90
	}
	if cfg.quick {
		runs, size, files = 1, 64<<20, 100
	}
	if runs, err = envInt("ZFTP_BENCH_RUNS", runs); err != nil {
		return nil, err
	}
	if size, err = envInt("ZFTP_BENCH_SIZE", size); err != nil {
		return nil, err
	}
	if files, err = envInt("ZFTP_BENCH_FILES", files); err != nil {
		return nil, err
	}
	if files > 9999 {
		return nil, errors.New("ZFTP_BENCH_FILES: at most 9999")
	}
	slow, err := envInt("ZFTP_BENCH_SLOW", 20)
	if err != nil {
		return nil, err
	}
	capSecs, err := envInt("ZFTP_BENCH_CAP", capDefault)
	if err != nil {
		return nil, err
	}
	cfg.cap = time.Duration(capSecs) * time.Second
	cfg.runs, cfg.sessionRuns, cfg.size, cfg.files = int(runs), int(5*runs), size, int(files)
	cfg.decisiveRuns = decisiveRuns(cfg.runs, cfg.quick, os.Getenv("ZFTP_BENCH_RUNS") != "")
	cfg.slow = time.Duration(slow) * time.Second
	cfg.timeout = 10 * time.Minute
	if v := os.Getenv("ZFTP_BENCH_ONLY"); v != "" {
		if cfg.only, err = regexp.Compile(v); err != nil {
			return nil, fmt.Errorf("ZFTP_BENCH_ONLY: %v", err)
		}
	}
	cfg.dir = os.Getenv("ZFTP_BENCH_DIR")
	if cfg.dir == "" {
		cfg.dir = os.TempDir()
		if isTmpfs("/dev/shm") {
			cfg.dir = "/dev/shm"
		}
	}
	for _, p := range []*string{&cfg.zftp, &cfg.zftpd} {
		if *p, err = filepath.Abs(*p); err != nil {
			return nil, err
		}
		if _, err := os.Stat(*p); err != nil {
			return nil, fmt.Errorf("%v (run make build first)", err)
		}
	}
	for _, c := range []string{"curl", "lftp", timeBin} {
		if _, err := exec.LookPath(c); err != nil {
			return nil, fmt.Errorf("%s not found: run scripts/install-test-deps.sh as root", c)
		}
	}
	cfg.zftpParallel = hasParallel(cfg.zftp)
	if os.Geteuid() != 0 {
		return nil, errors.New("must run as root: vsftpd and proftpd switch to the test user")
	}
	return cfg, nil
}

func isTmpfs(path string) bool {
	var st syscall.Statfs_t
	return syscall.Statfs(path, &st) == nil && st.Type == 0x01021994 // TMPFS_MAGIC
}

// bench is the state of one harness run.
type bench struct {
	cfg     *config
	root    string // everything lives under here; removed at the end
	data    string // source data: big.bin, small/fNNNN.bin
	scratch string // client outputs
	big     string
	small   string
	subset  string // the first parallelFiles small files (subsetDir)
	plainFD string // FTP.DATA files for zftp
	tlsFD   string
	home    string // HOME of the clients
	log     io.Writer
	limits  map[string]*result
	results []*result
	stops   []func() // stop the servers, in reverse order (cleanup)
}

// cleanup stops the servers started so far, the last first.
func (b *bench) cleanup() {
	for i := len(b.stops) - 1; i >= 0; i-- {
		b.stops[i]()
	}
	b.stops = nil
}

func run(cfg *config) error {
	root, err := os.MkdirTemp(cfg.dir, "zftpbench-")
	if err != nil {
		return err
	}
	os.Chmod(root, 0o755)
	defer os.RemoveAll(root)
	b := &bench{cfg: cfg, root: root, log: os.Stderr, limits: map[string]*result{}}
	b.data = filepath.Join(root, "data")
	b.scratch = filepath.Join(root, "out")
	b.home = filepath.Join(root, "home")
	for _, d := range []string{b.data, b.scratch, b.home} {
		if err := os.MkdirAll(d, 0o755); err != nil {
			return err
		}
	}
	if b.plainFD, b.tlsFD, err = writeFTPData(b.data); err != nil {
		return err
	}
	b.logf("zftpbench: data in %s (tmpfs: %v); %d runs (session %d), %s file, %d × 4 KiB files",
		root, isTmpfs(root), cfg.runs, cfg.sessionRuns, human(cfg.size), cfg.files)
	if err := b.makeData(); err != nil {
		return err
	}

	srvDir := filepath.Join(root, "srv")
	if err := os.MkdirAll(srvDir, 0o755); err != nil {
		return err
	}
	defer b.cleanup()
	ctx, stop := signal.NotifyContext(context.Background(), os.Interrupt, syscall.SIGTERM)
	defer stop()

	eps, err := b.startServers(srvDir)
	if err != nil {
		return fmt.Errorf("starting the servers: %w", err)
	}

	relays, err := b.startRelays(eps)
	defer func() {
		for _, r := range relays {
			r.Close()
		}
	}()
	if err != nil {
		return err
	}
	if os.Getenv("ZFTP_BENCH_HOLD") == "1" {
		return b.hold(ctx, eps)
	}

	for _, kind := range []string{"tcp", "tcprw", "tls12", "tls13"} {
		if ctx.Err() != nil {
			break
		}
		b.measureLimit(kind)
	}
	for _, w := range append(b.workloads(eps), b.latencyWorkloads(eps)...) {
		if ctx.Err() != nil {
			break
		}
		if cfg.only != nil && !cfg.only.MatchString(w.name) {
			continue
		}
		b.results = append(b.results, b.runWorkload(ctx, w))
	}
	if ctx.Err() != nil {
		b.logf("zftpbench: interrupted; the table holds what was measured")
	}

	tab := b.table()
	fmt.Println()
	fmt.Print(tab.text())
	md := machineMarkdown(cfg, root) + "\n" + tab.markdown()
	if cfg.markdown != "" {
		if err := os.WriteFile(cfg.markdown, []byte(md), 0o644); err != nil {
			return err
		}
	}
	if cfg.doc != "" && cfg.full && !cfg.quick && cfg.only == nil && ctx.Err() == nil {
		if err := updateDoc(cfg.doc, md); err != nil {
			return err
		}
		b.logf("zftpbench: table written to %s", cfg.doc)
	}
	return nil
}

func (b *bench) logf(format string, args ...any) { fmt.Fprintf(b.log, format+"\n", args...) }

// makeData writes the big file and the small files (pseudo-random bytes).
func (b *bench) makeData() error {
	rng := rand.NewChaCha8([32]byte{'z', 'f', 't', 'p'})
	b.big = filepath.Join(b.data, "big.bin")
	f, err := os.Create(b.big)
	if err != nil {
		return err
	}
	buf := make([]byte, 1<<20)
	for left := b.cfg.size; left > 0; {
		n := min(left, int64(len(buf)))
		rng.Read(buf[:n])
		if _, err := f.Write(buf[:n]); err != nil {
			f.Close()
			return err
		}
		left -= n
	}
	if err := f.Close(); err != nil {
		return err
	}
	// mid.bin: the first MiB, for the peak-RSS comparison of a small and a big GET.
	rng.Read(buf)
	if err := os.WriteFile(filepath.Join(b.data, "mid.bin"), buf, 0o644); err != nil {
		return err
	}
	b.small = filepath.Join(b.data, "small")
	if err := os.Mkdir(b.small, 0o755); err != nil {
		return err
	}
	b.subset = filepath.Join(b.data, subsetDir)
	if err := os.Mkdir(b.subset, 0o755); err != nil {
		return err
	}
	for i := 1; i <= max(b.cfg.files, parallelFiles); i++ {
		rng.Read(buf[:4096])
		name := fmt.Sprintf("f%04d.bin", i)
		dir := b.small
		if i > b.cfg.files {
			dir = b.subset
		}
		if err := os.WriteFile(filepath.Join(dir, name), buf[:4096], 0o644); err != nil {
			return err
		}
		if i <= parallelFiles && dir == b.small {
			if err := os.Link(filepath.Join(b.small, name), filepath.Join(b.subset, name)); err != nil {
				return err
			}
		}
	}
	return nil
}

// subsetDir holds the first parallelFiles small files (data/, and each server's login root),
// for the parallel latency rows of that many files.
const subsetDir = "small100"

// filesOf is the number of small files w moves.
func (b *bench) filesOf(w *workload) int {
	if w.files > 0 {
		return w.files
	}
	return b.cfg.files
}

// populate links the data into a server's login root (same tmpfs: no copies) and makes the
// upload directory.
func (b *bench) populate(ep *endpoint) error {
	for _, name := range []string{"big.bin", "mid.bin"} {
		if err := os.Link(filepath.Join(b.data, name), filepath.Join(ep.home, name)); err != nil {
			return err
		}
	}
	for _, d := range []struct{ from, to string }{{b.small, "small"}, {b.subset, subsetDir}} {
		to := filepath.Join(ep.home, d.to)
		if err := os.Mkdir(to, 0o755); err != nil {
			return err
		}
		ents, err := os.ReadDir(d.from)
		if err != nil {
			return err
		}
		for _, e := range ents {
			if err := os.Link(filepath.Join(d.from, e.Name()), filepath.Join(to, e.Name())); err != nil {
				return err
			}
		}
	}
	up := filepath.Join(ep.home, "up")
	if err := os.Mkdir(up, 0o755); err != nil {
		return err
	}
	if ep.uid >= 0 {
		os.Chown(up, ep.uid, ep.gid)
	}
	return nil
}

// startServers starts vsftpd (plain, explicit TLS), proftpd (explicit TLS) and zftpd (plain,
// and TLS when this zftpd has TLS flags). The TLS servers keep their defaults for session
// reuse: data connections must resume the control connection's TLS session.
func (b *bench) startServers(dir string) (map[string]*endpoint, error) {
	eps := map[string]*endpoint{}
	fromInterop := func(key string, k interop.Kind, o interop.Options) error {
		o.Dir = dir
		s, err := interop.StartServer(k, o)
		if err != nil {
			return fmt.Errorf("%s: %w", key, err)
		}
		b.stops = append(b.stops, func() { s.Close() })
		ep := &endpoint{name: string(s.Kind), host: s.Host, port: s.Port, user: s.User, pass: s.Password,
			home: s.Home, uid: s.UID, gid: s.GID, tls: s.TLS.TLS()}
		if ep.tls {
			ep.caFile = filepath.Join(b.data, key+"-ca.pem")
			if err := os.WriteFile(ep.caFile, s.CA.CertPEM, 0o600); err != nil {
				return fmt.Errorf("%s: %w", key, err)
			}
		}
		if err := b.populate(ep); err != nil {
			return fmt.Errorf("%s: %w", key, err)
		}
		eps[key] = ep
		b.logf("zftpbench: %s on %s:%d (home %s)", key, ep.host, ep.port, ep.home)
		return nil
	}
	for _, srv := range []struct {
		key  string
		kind interop.Kind
		opts interop.Options
	}{
		{"vsftpd", interop.Vsftpd, interop.Options{}},
		{"vsftpd-tls", interop.Vsftpd, interop.Options{TLS: client.ExplicitAllowed, RequireReuse: true}},
		{"proftpd-tls", interop.Proftpd, interop.Options{TLS: client.ExplicitAllowed, RequireReuse: true}},
	} {
		if err := fromInterop(srv.key, srv.kind, srv.opts); err != nil {
			return nil, err
		}
	}
	for _, tls := range []bool{false, true} {
		ep, err := b.startZftpd(dir, tls)
		if err != nil {
			return nil, fmt.Errorf("zftpd: %w", err)
		}
		if ep == nil {
			b.logf("zftpbench: %s has no TLS flags (--tls, --cert-dir): no zftpd TLS rows", b.cfg.zftpd)
			continue
		}
		if err := b.populate(ep); err != nil {
			return nil, fmt.Errorf("zftpd: %w", err)
		}
		key := "zftpd"
		if tls {
			key = "zftpd-tls"
		}
		eps[key] = ep
		b.logf("zftpbench: %s on %s:%d (root %s)", key, ep.host, ep.port, ep.home)
	}
	return eps, nil
}

// startZftpd runs the zftpd binary as its own process serving a fresh root. With tls it
// returns nil, nil when the binary has no TLS flags.
func (b *bench) startZftpd(parent string, tls bool) (*endpoint, error) {
	dir, err := os.MkdirTemp(parent, "zftpd-")
	if err != nil {
		return nil, err
	}
	ep := &endpoint{name: "zftpd", host: interop.Host, user: "bench", pass: fmt.Sprintf("zb-%x", rand.Uint64()),
		home: filepath.Join(dir, "root"), uid: -1, tls: tls}
	if err := os.Mkdir(ep.home, 0o755); err != nil {
		return nil, err
	}
	portFile := filepath.Join(dir, "port")
	args := []string{"--root", ep.home, "--user", ep.user + ":" + ep.pass, "--port-file", portFile,
		"--listen", interop.Host + ":0"}
	if tls {
		help, _ := exec.Command(b.cfg.zftpd, "--help").CombinedOutput()
		if !bytes.Contains(help, []byte("--tls ")) || !bytes.Contains(help, []byte("--cert-dir")) {
			return nil, nil
		}
		// zftpd makes its test CA and server certificate at start-up and writes the CA to
		// --cert-dir.
		certDir := filepath.Join(dir, "certs")
		ep.caFile = filepath.Join(certDir, "ca.pem")
		args = append(args, "--tls", "explicit", "--cert-dir", certDir)
	}
	logf, err := os.Create(filepath.Join(dir, "zftpd.log"))
	if err != nil {
		return nil, err
	}
	defer logf.Close()
	cmd := exec.Command(b.cfg.zftpd, args...)
	cmd.Stdout, cmd.Stderr = logf, logf
	cmd.SysProcAttr = &syscall.SysProcAttr{Setpgid: true, Pdeathsig: syscall.SIGKILL}
	if err := cmd.Start(); err != nil {
		return nil, err
	}
	done := make(chan struct{})
	go func() { cmd.Wait(); close(done) }()
	b.stops = append(b.stops, func() {
		cmd.Process.Signal(syscall.SIGTERM)
		select {
		case <-done:
		case <-time.After(5 * time.Second):
			cmd.Process.Kill()
			<-done
		}
	})
	for deadline := time.Now().Add(10 * time.Second); ; time.Sleep(20 * time.Millisecond) {
		if data, err := os.ReadFile(portFile); err == nil && len(bytes.TrimSpace(data)) > 0 {
			if ep.port, err = strconv.Atoi(string(bytes.TrimSpace(data))); err != nil {
				return nil, fmt.Errorf("port file %q: %v", data, err)
			}
			if _, err := os.Stat(ep.caFile); ep.tls && err != nil {
				return nil, fmt.Errorf("zftpd --cert-dir: %v", err)
			}
			return ep, nil
		}
		select {
		case <-done:
			out, _ := os.ReadFile(logf.Name())
			return nil, fmt.Errorf("zftpd exited: %s", out)
		default:
		}
		if time.Now().After(deadline) {
			return nil, errors.New("zftpd wrote no port file within 10s")
		}
	}
}

// sample is one measured run.
type sample struct {
	wall, cpu time.Duration
	rssKiB    int64
	capped    bool // stopped at ZFTP_BENCH_CAP: wall is a lower bound, nothing checked
}

// cell is one client's runs of one workload.
type cell struct {
	client  string
	samples []sample
	err     string // why the client's runs stopped (failure), if they did
	cut     bool   // stopped early because a run was slower than ZFTP_BENCH_SLOW
	capped  bool   // a run was stopped at ZFTP_BENCH_CAP: the median is a lower bound
}

// result is one workload (or limit) measured.
type result struct {
	w     *workload
	cells map[string]*cell
	limit *cell // limit rows only
}

func (b *bench) measureLimit(kind string) {
	name := map[string]string{"tcp": "TCP sendfile→splice", "tcprw": "TCP sendfile→read/write",
		"tls12": "Go TLS 1.2", "tls13": "Go TLS 1.3"}[kind] + ", 2 procs"
	r := &result{w: &workload{name: "limit " + name, size: b.cfg.size}, limit: &cell{client: "go"}}
	dst := filepath.Join(b.scratch, "limit.bin")
	for i := 0; i < b.cfg.runs; i++ {
		s, err := measureLimit(kind, b.big, dst, b.cfg.size)
		if err != nil {
			r.limit.err = err.Error()
			break
		}
		r.limit.samples = append(r.limit.samples, s)
	}
	b.limits[kind] = r
	b.logf("zftpbench: %-28s %s", r.w.name, r.limit.summary(b.cfg.size))
}

// decisiveRuns is how many runs the decisive rows get: at least 3, unless the runs were set
// (ZFTP_BENCH_RUNS) or the run is the quick smoke run.
func decisiveRuns(runs int, quick, runsSet bool) int {
	if quick || runsSet {
		return runs
	}
	return max(runs, 3)
}

// runsOf returns how many runs each client of w gets.
func (c *config) runsOf(w *workload) int {
	switch {
	case w.op == opSession:
		return c.sessionRuns
	case w.decisive:
		return c.decisiveRuns
	}
	return c.runs
}

// runWorkload runs the clients in turn, runs times each.
func (b *bench) runWorkload(ctx context.Context, w *workload) *result {
	r := &result{w: w, cells: map[string]*cell{}}
	for _, c := range w.clients() {
		r.cells[c] = &cell{client: c}
	}
	runs := b.cfg.runsOf(w)
	for i := 0; i < runs && ctx.Err() == nil; i++ {
		for _, c := range w.clients() {
			ce := r.cells[c]
			if ce.err != "" || ce.cut || ctx.Err() != nil {
				continue
			}
			s, err := b.runOnce(ctx, w, c)
			if err != nil {
				ce.err = err.Error()
				b.logf("zftpbench: %s, %s: %v", w.name, c, err)
				continue
			}
			ce.samples = append(ce.samples, s)
			if s.capped {
				ce.capped = true
			}
			if s.wall > b.cfg.slow && i+1 < runs {
				ce.cut = true
				b.logf("zftpbench: %s, %s: a run took %v (> ZFTP_BENCH_SLOW): no more runs of it", w.name, c, s.wall.Round(time.Millisecond))
			}
		}
	}
	for _, c := range w.clients() {
		b.logf("zftpbench: %-28s %-4s %s", w.name, c, r.cells[c].summary(w.size))
	}
	return r
}

// runOnce prepares a clean state, runs one client once and checks what it moved.
func (b *bench) runOnce(ctx context.Context, w *workload, client string) (sample, error) {
	if kind, ok := strings.CutPrefix(client, limitPrefix); ok {
		return measureLimit(kind, b.big, filepath.Join(b.scratch, "limit.bin"), b.cfg.size)
	}
	ep := w.ep
	j := &job{ep: ep, op: w.op, nfiles: b.filesOf(w), zftp: b.cfg.zftp, zftpData: b.plainFD}
	if ep.tls {
		j.zftpData = b.tlsFD
	}
	outDir := filepath.Join(b.scratch, "mget")
	upDir := filepath.Join(ep.home, "up")
	switch w.op {
	case opGet:
		j.remote, j.out = "big.bin", filepath.Join(b.scratch, "big.out")
		if w.size != b.cfg.size {
			j.remote = "mid.bin"
		}
	case opSession:
		j.remote, j.out = "small/f0001.bin", filepath.Join(b.scratch, "small.out")
	case opPut:
		j.src, j.remote = b.big, "big-up.bin"
	case opMget:
		j.rdir, j.out = "small", outDir
		if w.files == parallelFiles {
			j.rdir = subsetDir
		}
		if err := os.Mkdir(outDir, 0o755); err != nil {
			return sample{}, err
		}
	case opMput:
		j.rdir, j.src = "up", b.small
		if w.files == parallelFiles {
			j.src = b.subset
		}
	}
	defer func() {
		os.Remove(filepath.Join(b.scratch, "big.out"))
		os.Remove(filepath.Join(b.scratch, "small.out"))
		os.Remove(filepath.Join(ep.home, "big-up.bin"))
		os.RemoveAll(outDir)
		if ents, err := os.ReadDir(upDir); err == nil {
			for _, e := range ents {
				os.Remove(filepath.Join(upDir, e.Name()))
			}
		}
	}()

	inv := j.invocation(client)
	ctx, cancel := context.WithTimeout(ctx, b.cfg.timeout)
	defer cancel()
	// GNU time reports the client's peak RSS: wait4's ru_maxrss of a child that Go started
	// with vfork+exec would start from this harness's own RSS (Linux keeps the high-water mark
	// of the mm the child had before exec). time's own RSS (~2 MiB) is the floor instead.
	rssFile := filepath.Join(b.root, "rss")
	argv := append([]string{timeBin, "-f", "%M", "-o", rssFile}, inv.argv...)
	capped := false
	if w.op == opMget || w.op == opMput {
		// Peers that idle for minutes on many small files over TLS are stopped at the cap;
		// their time is then a lower bound.
		capCtx, capCancel := context.WithTimeout(ctx, b.cfg.cap)
		defer capCancel()
		ctx = capCtx
		capped = true
	}
	cmd := exec.CommandContext(ctx, argv[0], argv[1:]...)
	// Own process group: a stopped run takes the client with GNU time.
	cmd.SysProcAttr = &syscall.SysProcAttr{Setpgid: true}
	cmd.Cancel = func() error { return syscall.Kill(-cmd.Process.Pid, syscall.SIGKILL) }
	cmd.Dir = b.scratch
	cmd.Env = []string{"PATH=/usr/local/bin:/usr/bin:/bin", "HOME=" + b.home, "LANG=C"}
	if inv.stdin != "" {
		cmd.Stdin = strings.NewReader(inv.stdin)
	}
	var out tailBuffer
	cmd.Stdout, cmd.Stderr = &out, &out
	start := time.Now()
	err := cmd.Run()
	wall := time.Since(start)
	redact := func(s string) string { return strings.ReplaceAll(s, ep.pass, "********") }
	var s sample
	if capped && err != nil && ctx.Err() != nil && wall >= b.cfg.cap {
		ru, _ := cmd.ProcessState.SysUsage().(*syscall.Rusage)
		s = sample{wall: wall, capped: true}
		if ru != nil {
			s.cpu = tvDur(ru.Utime) + tvDur(ru.Stime)
		}
		return s, nil
	}
	if err == nil {
		// CPU: the client's user+system time (plus GNU time's own, well under a millisecond).
		ru := cmd.ProcessState.SysUsage().(*syscall.Rusage)
		s = sample{wall: wall, cpu: tvDur(ru.Utime) + tvDur(ru.Stime)}
		data, rerr := os.ReadFile(rssFile)
		if rerr == nil {
			s.rssKiB, rerr = strconv.ParseInt(lastLine(string(data)), 10, 64)
		}
		if rerr != nil {
			return sample{}, fmt.Errorf("no peak RSS from %s: %q: %w", timeBin, data, rerr)
		}
	}
	verr := b.verify(w, j, outDir, upDir)
	if err != nil {
		what := "output complete"
		if verr != nil {
			what = verr.Error()
		}
		return sample{}, fmt.Errorf("%v after %s (%s); output: %s", err, fmtDur(wall), what, redact(out.String()))
	}
	if verr != nil {
		return sample{}, fmt.Errorf("exit 0 after %s but %v; output: %s", fmtDur(wall), verr, redact(out.String()))
	}
	return s, nil
}

// timeBin is GNU time (Debian package time).
const timeBin = "/usr/bin/time"

func lastLine(s string) string {
	l := strings.Split(strings.TrimSpace(s), "\n")
	return strings.TrimSpace(l[len(l)-1])
}

// verify checks what a run moved.
func (b *bench) verify(w *workload, j *job, outDir, upDir string) (err error) {
	ep := w.ep
	switch w.op {
	case opGet:
		err = sameContent(filepath.Join(ep.home, j.remote), j.out, w.size)
	case opSession:
		err = sameContent(filepath.Join(b.small, "f0001.bin"), j.out, 4096)
	case opPut:
		err = sameContent(b.big, filepath.Join(ep.home, j.remote), w.size)
	case opMget:
		err = countFiles(outDir, b.filesOf(w))
	case opMput:
		err = countFiles(upDir, b.filesOf(w))
	}
	return err
}

// sameContent checks size and samples of the content (start, middle, end) of two files.
func sameContent(want, got string, size int64) error {
	fi, err := os.Stat(got)
	if err != nil {
		return err
	}
	if fi.Size() != size {
		return fmt.Errorf("%s has %d bytes, want %d", filepath.Base(got), fi.Size(), size)
	}
	a, err := os.Open(want)
	if err != nil {
		return err
	}
	defer a.Close()
	g, err := os.Open(got)
	if err != nil {
		return err
	}
	defer g.Close()
	const chunk = 64 << 10
	ba, bg := make([]byte, chunk), make([]byte, chunk)
	for _, off := range []int64{0, size / 2, max(0, size-chunk)} {
		na, _ := a.ReadAt(ba, off)
		ng, _ := g.ReadAt(bg, off)
		if na != ng || !bytes.Equal(ba[:na], bg[:ng]) {
			return fmt.Errorf("%s differs from the source at offset %d", filepath.Base(got), off)
		}
	}
	return nil
}

// countFiles checks that dir holds n files of 4 KiB.
func countFiles(dir string, n int) error {
	ents, err := os.ReadDir(dir)
	if err != nil {
		return err
	}
	good := 0
	for _, e := range ents {
		if fi, err := e.Info(); err == nil && fi.Mode().IsRegular() && fi.Size() == 4096 {
			good++
		}
	}
	if good != n {
		return fmt.Errorf("%d of %d files arrived complete", good, n)
	}
	return nil
}

// tailBuffer keeps the last 4 KiB written to it.
type tailBuffer struct{ b []byte }

func (t *tailBuffer) Write(p []byte) (int, error) {
	t.b = append(t.b, p...)
	if len(t.b) > 4096 {
		t.b = append(t.b[:0], t.b[len(t.b)-4096:]...)
	}
	return len(p), nil
}
func (t *tailBuffer) String() string { return strings.TrimSpace(string(t.b)) }

func median(d []time.Duration) time.Duration {
	if len(d) == 0 {
		return 0
	}
	s := append([]time.Duration(nil), d...)
	sort.Slice(s, func(i, j int) bool { return s[i] < s[j] })
	if len(s)%2 == 1 {
		return s[len(s)/2]
	}
	return (s[len(s)/2-1] + s[len(s)/2]) / 2
}

func (c *cell) wall() time.Duration {
	var d []time.Duration
	for _, s := range c.samples {
		d = append(d, s.wall)
	}
	return median(d)
}

func (c *cell) cpu() time.Duration {
	var d []time.Duration
	for _, s := range c.samples {
		d = append(d, s.cpu)
	}
	return median(d)
}

func (c *cell) peakRSS() int64 {
	var m int64
	for _, s := range c.samples {
		m = max(m, s.rssKiB)
	}
	return m
}

func (c *cell) ok() bool { return c != nil && len(c.samples) > 0 }

func (c *cell) summary(size int64) string {
	if !c.ok() {
		return "FAILED: " + c.err
	}
	return fmt.Sprintf("n=%d wall %s cpu %s rss %s %s", len(c.samples), fmtDur(c.wall()), fmtDur(c.cpu()),
		fmtRSS(c.peakRSS()), fmtRate(size, c.wall()))
}

// hold keeps the servers running until ctx ends, for traces by hand (ZFTP_BENCH_HOLD=1).
func (b *bench) hold(ctx context.Context, eps map[string]*endpoint) error {
	keys := make([]string, 0, len(eps))
	for k := range eps {
		keys = append(keys, k)
	}
	sort.Strings(keys)
	for _, k := range keys {
		ep := eps[k]
		fmt.Printf("%s ftp://%s@%s:%d/ home=%s tls=%v ca=%s\n", k, ep.user, ep.host, ep.port, ep.home, ep.tls, ep.caFile)
	}
	fmt.Printf("data: %s; Ctrl-C (SIGINT) or SIGTERM stops the servers\n", b.data)
	<-ctx.Done()
	return nil
}
