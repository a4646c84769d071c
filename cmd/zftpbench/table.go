//go:build linux

package main

import (
	"bytes"
	"fmt"
	"os"
	"os/exec"
	"path/filepath"
	"runtime"
	"strings"
	"time"
)

// workload is one row group of the table.
type workload struct {
	name   string
	ep     *endpoint
	op     op
	size   int64 // bytes moved per run (throughput)
	target *target
	limit  string // limit kind for the zftp/limit column ("tcp", "tls13"), or ""

	targets []*target // further targets (latency rows)
	many    []string  // the clients, when not the default ones (latency rows)

	files int // small files of an MGET or MPUT: 0 is the configured number (small/), parallelFiles the subset (small100/)

	// decisive rows take about a second a client and decide targets that one run's noise
	// flips (the loopback small-file rows in clear, the 100-file parallel rows): they get
	// config.decisiveRuns runs, medians of 3 in the default size for under a minute more.
	decisive bool

	// rttFloor is the least a client can take for the row at its round trip (latency.go,
	// rttFloor); floorWhy says how it was counted. Zero: none.
	rttFloor time.Duration
	floorWhy string
}

// clients returns the clients that run w: zftp, curl and lftp, and for the plain many-file
// workloads the floor (floor.go).
func (w *workload) clients() []string {
	if w.many != nil && (w.op == opMget || w.op == opMput) {
		return w.many
	}
	if w.ep.rtt > 0 {
		return clients
	}
	if (w.op == opMget || w.op == opMput) && !w.ep.tls {
		return append(clients[:len(clients):len(clients)], floorName)
	}
	if w.limit != "" {
		// The limit runs in the same rotation as the clients, so that it sees the same load.
		cs := append(clients[:len(clients):len(clients)], limitPrefix+w.limit)
		if w.limit == "tcp" {
			cs = append(cs, limitPrefix+"tcprw")
		}
		return cs
	}
	return clients
}

// target is a goal for a workload (issue 9; latency rows: issue 17): who's median wall (zftp
// unless set) over peer's at most max.
type target struct {
	peer string // curl, lftp, or limit
	max  float64
	who  string // a client; "" is zftp
}

func (b *bench) workloads(eps map[string]*endpoint) []*workload {
	size, files := b.cfg.size, b.cfg.files
	big := human(size)
	small := fmt.Sprintf("%d×4KiB", files)
	var ws []*workload
	add := func(key string, w *workload) {
		if ep := eps[key]; ep != nil {
			w.ep = ep
			ws = append(ws, w)
		}
	}
	for _, mode := range []string{"plain", "TLS"} {
		key, lim := "vsftpd", "tcp"
		if mode == "TLS" {
			key, lim = "vsftpd-tls", "tls13"
		}
		get := &target{peer: "curl", max: 0.4}
		put := &target{peer: "lftp", max: 0.95}
		mget := &target{peer: "curl", max: 0.8}
		sess := &target{peer: "lftp", max: 1.0}
		if mode == "TLS" {
			get, put, mget, sess = &target{peer: "lftp", max: 0.6}, nil, &target{peer: "lftp", max: 0.1}, &target{peer: "lftp", max: 0.6}
		}
		add(key, &workload{name: "GET " + big + " " + mode + " vsftpd", op: opGet, size: size, target: get, limit: lim})
		add(key, &workload{name: "GET 1MiB " + mode + " vsftpd", op: opGet, size: 1 << 20})
		add(key, &workload{name: "PUT " + big + " " + mode + " vsftpd", op: opPut, size: size, target: put, limit: lim})
		// In clear every client takes under a second; under TLS curl and lftp take 10–40 s.
		add(key, &workload{name: "MGET " + small + " " + mode + " vsftpd", op: opMget, size: int64(files) * 4096, target: mget, decisive: mode == "plain"})
		add(key, &workload{name: "MPUT " + small + " " + mode + " vsftpd", op: opMput, size: int64(files) * 4096, target: &target{peer: "lftp", max: 0.8}, decisive: mode == "plain"})
		add(key, &workload{name: "session " + mode + " vsftpd", op: opSession, size: 4096, target: sess})
	}
	add("proftpd-tls", &workload{name: "PUT " + big + " TLS proftpd", op: opPut, size: size, target: &target{peer: "curl", max: 0.8}, limit: "tls13"})
	add("zftpd", &workload{name: "GET " + big + " plain zftpd", op: opGet, size: size, target: &target{peer: "limit", max: 1.3}, limit: "tcp"})
	add("zftpd", &workload{name: "PUT " + big + " plain zftpd", op: opPut, size: size, limit: "tcp"})
	add("zftpd-tls", &workload{name: "GET " + big + " TLS zftpd", op: opGet, size: size, target: &target{peer: "limit", max: 1.3}, limit: "tls13"})
	add("zftpd-tls", &workload{name: "PUT " + big + " TLS zftpd", op: opPut, size: size, limit: "tls13"})
	return ws
}

// limitCell is the fastest limit of a kind: "tcp" is the faster of sendfile/splice and
// read/write.
func (b *bench) limitCell(kind string) *cell {
	kinds := []string{kind}
	if kind == "tcp" {
		kinds = append(kinds, "tcprw")
	}
	var best *cell
	for _, k := range kinds {
		if l := b.limits[k]; l != nil && l.limit.ok() && (best == nil || l.limit.wall() < best.wall()) {
			best = l.limit
		}
	}
	return best
}

// limitPrefix starts the client name of a limit measured in a workload's rotation
// ("limit:tcp", "limit:tcprw", "limit:tls13").
const limitPrefix = "limit:"

// limitCell is the fastest limit measured in r's own rotation, or nil.
func (r *result) limitCell() *cell {
	var best *cell
	for name, c := range r.cells {
		if strings.HasPrefix(name, limitPrefix) && c.ok() && (best == nil || c.wall() < best.wall()) {
			best = c
		}
	}
	return best
}

// ratio is zftp's median wall over the peer's (or the limit's); 0 when either is missing.
func (b *bench) ratio(r *result, peer string) float64 { return b.ratioOf(r, "zftp", peer) }

// ratioOf is who's median wall over the peer's (or the limit's); 0 when either is missing.
func (b *bench) ratioOf(r *result, who, peer string) float64 {
	z := r.cells[who]
	if z == nil || !z.ok() {
		return 0
	}
	var other *cell
	if peer == "limit" {
		if r.w.size != b.cfg.size {
			return 0
		}
		other = b.limitCell(r.w.limit)
		if l := r.limitCell(); l != nil {
			other = l // measured in the row's own rotation
		}
	} else {
		other = r.cells[peer]
	}
	if other == nil || !other.ok() {
		return 0
	}
	return z.wall().Seconds() / other.wall().Seconds()
}

type table struct {
	head    []string
	rows    [][]string
	targets []string // one line per target, met or missed
	notes   []string
}

func (b *bench) table() *table {
	t := &table{head: []string{"workload", "client", "runs", "median wall", "CPU u+s", "peak RSS", "throughput", "zftp/curl", "zftp/lftp", "zftp/limit"}}
	for _, kind := range []string{"tcp", "tcprw", "tls12", "tls13"} {
		r := b.limits[kind]
		if r == nil {
			continue
		}
		t.rows = append(t.rows, b.row(r.w.name+" "+human(r.w.size), r.limit, r.w.size, "", "", ""))
	}
	ratio := func(r *result, peer string) string {
		v := b.ratio(r, peer)
		if v == 0 {
			return "—"
		}
		if c := r.cells[peer]; c != nil && c.capped {
			return fmt.Sprintf("<%.3f", v) // the peer was stopped: at most this
		}
		return fmt.Sprintf("%.2f", v)
	}
	var rss1MiB, rssBig = map[string]int64{}, map[string]int64{}
	for _, r := range b.results {
		for i, c := range r.w.clients() {
			ce := r.cells[c]
			name := ""
			rc, rl, rlim := "", "", ""
			if i == 0 {
				name = r.w.name
				rc, rl = ratio(r, "curl"), ratio(r, "lftp")
				if r.w.limit != "" && r.w.size == b.cfg.size {
					rlim = ratio(r, "limit")
				}
				if _, ok := r.cells[floorName]; ok {
					rlim = ratio(r, floorName)
				}
				if _, ok := r.cells[floorParallelName]; ok {
					rlim = "—"
					if v := b.ratioOf(r, zftpParallel, floorParallelName); v > 0 {
						rlim = fmt.Sprintf("%.2f", v)
					}
				}
			}
			t.rows = append(t.rows, b.row(name, ce, r.w.size, rc, rl, rlim))
			if !ce.ok() {
				t.notes = append(t.notes, fmt.Sprintf("%s, %s: %s", r.w.name, c, oneLine(ce.err, 300)))
			} else if ce.capped {
				t.notes = append(t.notes, fmt.Sprintf("%s, %s: stopped after %s (ZFTP_BENCH_CAP): its time is a lower bound, the ratio an upper bound", r.w.name, c, fmtDur(ce.wall())))
			} else if ce.cut {
				t.notes = append(t.notes, fmt.Sprintf("%s, %s: %d run(s) only: a run took longer than ZFTP_BENCH_SLOW", r.w.name, c, len(ce.samples)))
			}
		}
		z := r.cells["zftp"]
		tgs := r.w.targets
		if r.w.target != nil {
			tgs = append([]*target{r.w.target}, tgs...)
		}
		for _, tg := range tgs {
			who := tg.who
			if who == "" {
				who = "zftp"
			}
			v := b.ratioOf(r, who, tg.peer)
			what := fmt.Sprintf("%s/%s ≤ %.2f", who, tg.peer, tg.max)
			if tg.peer == "limit" {
				what = fmt.Sprintf("zftp/limit (%s) ≤ %.2f", map[string]string{"tcp": "TCP", "tls13": "TLS 1.3"}[r.w.limit], tg.max)
			}
			if who == zftpParallel && r.cells[who] == nil {
				t.targets = append(t.targets, fmt.Sprintf("%-34s %-30s %-9s %s", r.w.name, what, "—", "not measured: this zftp has no --parallel"))
				continue
			}
			t.targets = append(t.targets, verdict(r.w.name, what, v, v > 0 && v <= tg.max))
		}
		if r.w.rttFloor > 0 {
			what := fmt.Sprintf("%s/RTT floor (%s) ≤ 1.30", zftpParallel, fmtDur(r.w.rttFloor))
			v := 0.0
			if ce := r.cells[zftpParallel]; ce.ok() {
				v = ce.wall().Seconds() / r.w.rttFloor.Seconds()
			}
			if r.cells[zftpParallel] == nil {
				t.targets = append(t.targets, fmt.Sprintf("%-34s %-30s %-9s %s", r.w.name, what, "—", "not measured: this zftp has no --parallel"))
			} else {
				t.targets = append(t.targets, verdict(r.w.name, what, v, v > 0 && v <= 1.3))
			}
			t.notes = append(t.notes, fmt.Sprintf("%s: round-trip floor %s = %s", r.w.name, fmtDur(r.w.rttFloor), r.w.floorWhy))
			if fp := r.cells[floorParallelName]; fp.ok() {
				t.notes = append(t.notes, fmt.Sprintf("%s: measured floor (%s, %d sessions opened at once): %s",
					r.w.name, floorParallelName, parallelN, fmtDur(fp.wall())))
			}
		}
		if z.ok() && (r.w.op == opGet || r.w.op == opPut) {
			mode := "plain"
			if r.w.ep.tls {
				mode = "TLS"
			}
			if r.w.size == b.cfg.size {
				if cu := r.cells["curl"]; cu.ok() {
					t.targets = append(t.targets, verdict(r.w.name, "client CPU ≤ curl's",
						z.cpu().Seconds()/cu.cpu().Seconds(), z.cpu() <= cu.cpu()))
				}
				if r.w.op == opGet && r.w.ep.name == "vsftpd" {
					rssBig[mode] = z.peakRSS()
				}
			} else if r.w.op == opGet {
				rss1MiB[mode] = z.peakRSS()
			}
		}
	}
	var maxRSS int64
	var maxRow string
	for _, r := range b.results {
		if z := r.cells["zftp"]; z.ok() && z.peakRSS() > maxRSS {
			maxRSS, maxRow = z.peakRSS(), r.w.name
		}
	}
	if maxRSS > 0 {
		t.targets = append(t.targets, fmt.Sprintf("%-34s %-30s %-9s %s", "zftp peak RSS, every row", "≤ 20 MiB",
			fmtRSS(maxRSS), metStr(maxRSS <= 20<<10)+" (largest: "+maxRow+")"))
	}
	for _, mode := range []string{"plain", "TLS"} {
		s, l := rss1MiB[mode], rssBig[mode]
		if s > 0 && l > 0 {
			d := l - s
			t.targets = append(t.targets, fmt.Sprintf("%-34s %-30s %-9s %s", "zftp RSS GET 1MiB vs "+human(b.cfg.size)+" "+mode,
				"same ±2 MiB", fmt.Sprintf("%+.1fMiB", float64(d)/1024), metStr(d <= 2<<10 && d >= -(2<<10))))
		}
	}
	return t
}

func verdict(row, what string, v float64, ok bool) string {
	if v <= 0 {
		return fmt.Sprintf("%-34s %-30s %-9s %s", row, what, "—", "not measured (a side failed or was not run)")
	}
	return fmt.Sprintf("%-34s %-30s %-9s %s", row, what, fmt.Sprintf("%.2f", v), metStr(ok))
}

func metStr(ok bool) string {
	if ok {
		return "met"
	}
	return "MISSED"
}

func (b *bench) row(name string, c *cell, size int64, rc, rl, rlim string) []string {
	if !c.ok() {
		return []string{name, c.client, "0", "FAILED", "", "", "", rc, rl, rlim}
	}
	runs := fmt.Sprint(len(c.samples))
	if c.cut {
		runs += "*"
	}
	wall := fmtDur(c.wall())
	if c.capped {
		wall = "≥" + wall
	}
	rss := fmtRSS(c.peakRSS())
	if c.client == "go" || strings.HasPrefix(c.client, limitPrefix) {
		rss = "—"
	}
	if c.capped {
		rss = "—"
	}
	return []string{name, c.client, runs, wall, fmtDur(c.cpu()), rss, fmtRate(size, c.wall()), rc, rl, rlim}
}

func (t *table) text() string {
	w := make([]int, len(t.head))
	for _, r := range append([][]string{t.head}, t.rows...) {
		for i, c := range r {
			w[i] = max(w[i], len([]rune(c)))
		}
	}
	var sb strings.Builder
	line := func(r []string) {
		for i, c := range r {
			pad := w[i] - len([]rune(c))
			if i >= 2 {
				sb.WriteString(strings.Repeat(" ", pad) + c)
			} else {
				sb.WriteString(c + strings.Repeat(" ", pad))
			}
			if i < len(r)-1 {
				sb.WriteString("  ")
			}
		}
		sb.WriteString("\n")
	}
	line(t.head)
	for _, r := range t.rows {
		if r[0] != "" {
			sb.WriteString("\n")
		}
		line(r)
	}
	sb.WriteString("\nTargets (issue 9; latency rows: issue 17; ratios of median wall times):\n")
	for _, l := range t.targets {
		sb.WriteString("  " + l + "\n")
	}
	if len(t.notes) > 0 {
		sb.WriteString("\nNotes:\n")
		for _, n := range t.notes {
			sb.WriteString("  " + n + "\n")
		}
	}
	return sb.String()
}

func (t *table) markdown() string {
	var sb strings.Builder
	sb.WriteString("| " + strings.Join(t.head, " | ") + " |\n|")
	for i := range t.head {
		if i >= 2 {
			sb.WriteString("---:|")
		} else {
			sb.WriteString("---|")
		}
	}
	sb.WriteString("\n")
	for _, r := range t.rows {
		c := append([]string(nil), r...)
		if c[0] != "" {
			c[0] = "**" + c[0] + "**"
		}
		sb.WriteString("| " + strings.Join(c, " | ") + " |\n")
	}
	sb.WriteString("\nTargets (medians, same run):\n\n```\n")
	for _, l := range t.targets {
		sb.WriteString(l + "\n")
	}
	sb.WriteString("```\n")
	if len(t.notes) > 0 {
		sb.WriteString("\nNotes:\n\n")
		for _, n := range t.notes {
			sb.WriteString("- " + strings.ReplaceAll(n, "|", "\\|") + "\n")
		}
	}
	return sb.String()
}

// machineMarkdown describes the machine and the software measured.
func machineMarkdown(cfg *config, root string) string {
	first := func(name string, args ...string) string {
		out, err := exec.Command(name, args...).CombinedOutput()
		if err != nil && len(out) == 0 {
			return "?"
		}
		l, _, _ := strings.Cut(strings.TrimSpace(string(out)), "\n")
		return l
	}
	read := func(path string) string {
		b, _ := os.ReadFile(path)
		return strings.TrimSpace(string(b))
	}
	model := "?"
	for _, l := range strings.Split(read("/proc/cpuinfo"), "\n") {
		if k, v, ok := strings.Cut(l, ":"); ok && strings.TrimSpace(k) == "model name" {
			model = strings.TrimSpace(v)
			break
		}
	}
	mem := "?"
	for _, l := range strings.Split(read("/proc/meminfo"), "\n") {
		if strings.HasPrefix(l, "MemTotal:") {
			mem = strings.TrimSpace(strings.TrimPrefix(l, "MemTotal:"))
		}
	}
	fs := "disk"
	if isTmpfs(root) {
		fs = "tmpfs"
	}
	sd := os.Getenv("ZFTP_SERVERS_DIR")
	if sd == "" {
		sd = "/opt/zftp-servers"
	}
	var sb strings.Builder
	fmt.Fprintf(&sb, "Measured %s.\n\n", time.Now().UTC().Format("2006-01-02 15:04 MST"))
	fmt.Fprintf(&sb, "- machine: %d CPUs (nproc), %s, %s RAM, kernel %s\n", runtime.NumCPU(), model, mem, read("/proc/sys/kernel/osrelease"))
	fmt.Fprintf(&sb, "- load average at the end (1/5/15 min): %s (other work on the machine skews the figures)\n", strings.Join(strings.Fields(read("/proc/loadavg"))[:3], " "))
	fmt.Fprintf(&sb, "- Go: %s; zftp %s\n", runtime.Version(), first(cfg.zftp, "--version"))
	fmt.Fprintf(&sb, "- peers: %s; %s\n", first("curl", "--version"), first("lftp", "--version"))
	fmt.Fprintf(&sb, "- servers: vsftpd %s, %s, zftpd (this tree)\n", read(filepath.Join(sd, ".vsftpd.version")), first("/usr/sbin/proftpd", "-v"))
	if cfg.rtt > 0 {
		what := "the control connection only (passive data connections go straight to vsftpd)"
		if cfg.rttData {
			what = "the control connection and, for plain sessions, the passive data connections (TLS sessions: control only)"
		}
		fmt.Fprintf(&sb, "- rows marked rtt: through zftpbench's relay adding %v of round trip (%v each way) on %s; parallel clients: %d sessions\n", cfg.rtt, cfg.rtt/2, what, parallelN)
	}
	decisive := ""
	if cfg.decisiveRuns != cfg.runs {
		decisive = fmt.Sprintf(", %d on the loopback MGET and MPUT in clear and the -P%d rows", cfg.decisiveRuns, parallelN)
	}
	fmt.Fprintf(&sb, "- data: %s (%s); %d runs per client and workload (session latency %d%s), clients alternating zftp curl lftp (and the floor client on the plain MGET and MPUT rows)\n",
		filepath.Dir(root), fs, cfg.runs, cfg.sessionRuns, decisive)
	return sb.String()
}

const (
	docBegin = "<!-- zftpbench:begin -->"
	docEnd   = "<!-- zftpbench:end -->"
)

// updateDoc replaces the text between the markers of path with md.
func updateDoc(path, md string) error {
	data, err := os.ReadFile(path)
	if err != nil {
		return err
	}
	i, j := bytes.Index(data, []byte(docBegin)), bytes.Index(data, []byte(docEnd))
	if i < 0 || j < i {
		return fmt.Errorf("%s: no %s … %s section", path, docBegin, docEnd)
	}
	out := append([]byte(nil), data[:i+len(docBegin)]...)
	out = append(out, "\n"+md+"\n"...)
	out = append(out, data[j:]...)
	return os.WriteFile(path, out, 0o644)
}

func human(n int64) string {
	switch {
	case n >= 1<<30 && n%(1<<30) == 0:
		return fmt.Sprintf("%dGiB", n>>30)
	case n >= 1<<20 && n%(1<<20) == 0:
		return fmt.Sprintf("%dMiB", n>>20)
	case n >= 1<<10 && n%(1<<10) == 0:
		return fmt.Sprintf("%dKiB", n>>10)
	}
	return fmt.Sprintf("%dB", n)
}

func fmtDur(d time.Duration) string {
	switch {
	case d >= 10*time.Second:
		return fmt.Sprintf("%.1fs", d.Seconds())
	case d >= time.Second:
		return fmt.Sprintf("%.2fs", d.Seconds())
	default:
		return fmt.Sprintf("%.1fms", float64(d)/1e6)
	}
}

func fmtRSS(kib int64) string { return fmt.Sprintf("%.1fMiB", float64(kib)/1024) }

func fmtRate(size int64, d time.Duration) string {
	if d <= 0 {
		return "—"
	}
	return fmt.Sprintf("%.0fMB/s", float64(size)/d.Seconds()/1e6)
}

func oneLine(s string, n int) string {
	s = strings.Join(strings.Fields(s), " ")
	if len(s) > n {
		s = s[:n] + "…"
	}
	return s
}
