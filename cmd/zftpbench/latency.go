//go:build linux

package main

import (
	"bytes"
	"fmt"
	"os"
	"os/exec"
	"strconv"
	"time"
)

// The latency rows: the many-file workloads and session latency against vsftpd through a
// relay (relay.go) that adds a round-trip time (--rtt, ZFTP_BENCH_RTT; default 20 ms) to the
// control connection and, with --rtt-data (ZFTP_BENCH_RTT_DATA=1), to the plain sessions'
// passive data connections. Besides the serial clients they run the parallel ones: lftp's
// `mirror --parallel=N` (MPUT: `mirror -R --parallel=N`) and zftp with --parallel N when the
// zftp binary has that flag (detected from its --help output; the row is left out otherwise).

// parallelN is the number of sessions of the parallel clients.
const parallelN = 8

// Clients of the latency rows besides zftp, curl and lftp.
var (
	zftpParallel = fmt.Sprintf("zftp-p%d", parallelN)      // zftp --parallel N
	lftpMirror   = fmt.Sprintf("lftp-mirror%d", parallelN) // lftp mirror [-R] --parallel=N
)

// extraArgs are the options a zftp-based client adds to zftp's command line.
var extraArgs = map[string][]string{
	zftpParallel: {"--parallel", strconv.Itoa(parallelN)},
}

// defaultRTT is the round trip of the latency rows without --rtt or ZFTP_BENCH_RTT.
const defaultRTT = 20 * time.Millisecond

// rttDefaults returns the defaults of --rtt and --rtt-data from the environment.
func rttDefaults() (time.Duration, bool, error) {
	rtt := defaultRTT
	if v := os.Getenv("ZFTP_BENCH_RTT"); v != "" {
		d, err := time.ParseDuration(v)
		if err != nil || d < 0 {
			return 0, false, fmt.Errorf("ZFTP_BENCH_RTT=%q: want a duration such as 20ms (0 for no latency rows)", v)
		}
		rtt = d
	}
	return rtt, os.Getenv("ZFTP_BENCH_RTT_DATA") == "1", nil
}

// hasParallel reports whether the zftp binary accepts --parallel.
func hasParallel(zftp string) bool {
	out, _ := exec.Command(zftp, "--help").CombinedOutput()
	return bytes.Contains(out, []byte("--parallel"))
}

// startRelays puts a relay in front of the vsftpd endpoints and adds them to eps as
// "vsftpd@rtt" and "vsftpd-tls@rtt". The caller closes the relays.
func (b *bench) startRelays(eps map[string]*endpoint) ([]*relay, error) {
	var relays []*relay
	for _, key := range []string{"vsftpd", "vsftpd-tls"} {
		ep := eps[key]
		if ep == nil {
			continue
		}
		r, err := newRelay(fmt.Sprintf("%s:%d", ep.host, ep.port), b.cfg.rtt, b.cfg.rttData && !ep.tls)
		if err != nil {
			return relays, err
		}
		relays = append(relays, r)
		rep := *ep
		rep.host, rep.port, rep.rtt = "127.0.0.1", r.Addr().Port, b.cfg.rtt
		eps[key+"@rtt"] = &rep
		what := "control connection"
		if b.cfg.rttData && !ep.tls {
			what = "control and passive data connections"
		}
		b.logf("zftpbench: %s through a relay on 127.0.0.1:%d: %v round trip on the %s", key, rep.port, b.cfg.rtt, what)
	}
	return relays, nil
}

// latencyWorkloads are the rows at the configured round trip.
func (b *bench) latencyWorkloads(eps map[string]*endpoint) []*workload {
	if b.cfg.rtt <= 0 {
		return nil
	}
	files := b.cfg.files
	small := fmt.Sprintf("%d×4KiB", files)
	at := "rtt " + b.cfg.rtt.String()
	var ws []*workload
	for _, mode := range []string{"plain", "TLS"} {
		key := "vsftpd@rtt"
		if mode == "TLS" {
			key = "vsftpd-tls@rtt"
		}
		ep := eps[key]
		if ep == nil {
			continue
		}
		mget := []*target{{peer: "curl", max: 0.8}, {peer: "lftp", max: 0.6}}
		if mode == "TLS" {
			mget = []*target{{peer: "lftp", max: 0.5}}
		}
		par := []*target{{who: zftpParallel, peer: lftpMirror, max: 0.5}}
		ws = append(ws,
			&workload{name: "MGET " + small + " " + mode + " vsftpd " + at, ep: ep, op: opMget, size: int64(files) * 4096,
				targets: append(mget, par...), many: b.latencyClients()},
			&workload{name: "MPUT " + small + " " + mode + " vsftpd " + at, ep: ep, op: opMput, size: int64(files) * 4096,
				targets: par, many: b.latencyClients()},
		)
		// The parallel clients alone on parallelFiles files: what opening the sessions costs
		// shows here, where each session has a dozen files.
		for _, o := range []op{opMget, opMput} {
			verb := map[op]string{opMget: "MGET", opMput: "MPUT"}[o]
			floor, why := rttFloor(o, mode == "TLS", parallelFiles, parallelN, b.cfg.rtt)
			w := &workload{name: fmt.Sprintf("%s %d×4KiB %s vsftpd %s -P%d", verb, parallelFiles, mode, at, parallelN),
				ep: ep, op: o, size: parallelFiles * 4096, files: parallelFiles, many: b.parallelClients(mode == "TLS"),
				targets:  []*target{{who: zftpParallel, peer: lftpMirror, max: 0.35}},
				rttFloor: floor, floorWhy: why, decisive: true}
			b.logf("zftpbench: %s: round-trip floor %s = %s", w.name, fmtDur(floor), why)
			ws = append(ws, w)
		}
		ws = append(ws, &workload{name: "session " + mode + " vsftpd " + at, ep: ep, op: opSession, size: 4096})
	}
	return ws
}

// parallelFiles is the number of files of the parallel-only latency rows.
const parallelFiles = 100

// parallelClients are the clients of the parallel-only latency rows; the plain ones (not tls)
// also run the parallel floor client (floor-p8, floor.go).
func (b *bench) parallelClients(tls bool) []string {
	var cs []string
	if b.cfg.zftpParallel {
		cs = append(cs, zftpParallel)
	}
	cs = append(cs, lftpMirror)
	if !tls {
		cs = append(cs, floorParallelName)
	}
	return cs
}

// rttFloor is the least time any client needs for an MGET (o opMget) or MPUT of files small
// files over sessions sessions at round trip rtt, counted in round trips of the control
// connection (the relay delays it; by default the data connections go straight to the
// server, so moving 4 KiB on one costs no round trip). The sessions log in at once:
// connect and greeting, USER, PASS, and with TLS AUTH TLS, the handshake (TLS 1.3: one round
// trip), PBSZ and PROT; then TYPE I. An MGET's name list (PASV, NLST) comes before the files.
// Each file costs two round trips, one session's files one after another, ceil(files/sessions)
// on the busiest session: PASV and then RETR or STOR, whose final reply follows the data. A
// client that sends PASV together with RETR (zftp does, client/datastart.go) saves the wait for
// the 227 but not vsftpd's: it sends the 150 once it has accepted the data connection and the
// 226 once the client has closed it, so a client that reads the data after the 150, in RFC
// 959's order, still needs two (one that closed before the 150 came could need 1.5). An upload
// written before its 150 (zftp's small ones, client/early.go) needs 1.5: the floor keeps RFC
// 959's order, so a client may go below it on the MPUT rows. With
// --rtt-data a data connection's connect would add one round trip per file; the floor
// leaves it out, so it is lower than such a run can reach. It also counts the server's own
// time as nothing (vsftpd's fork and PAM when eight sessions log in at once); the plain rows
// therefore also run a measured floor, floor-p8 (floor.go: a Go client that opens the eight
// sessions at once and does only the protocol, one command at a time, so that a client that
// sends commands together can be faster), shown in the zftp/limit column and the notes.
func rttFloor(o op, tls bool, files, sessions int, rtt time.Duration) (time.Duration, string) {
	login := 3 // connect+220, USER, PASS
	if tls {
		login += 4 // AUTH TLS, handshake, PBSZ, PROT
	}
	login++ // TYPE I
	list := 0
	if o == opMget {
		list = 2 // PASV, NLST
	}
	per := (files + sessions - 1) / sessions
	n := login + list + 2*per
	why := fmt.Sprintf("%d round trips of %v (login %d, name list %d, %d files × 2 on the busiest of %d sessions)",
		n, rtt, login, list, per, sessions)
	return time.Duration(n) * rtt, why
}

// latencyClients are the clients of the many-file latency rows: serial zftp, curl and lftp,
// then the parallel ones.
func (b *bench) latencyClients() []string {
	cs := append([]string(nil), clients...)
	if b.cfg.zftpParallel {
		cs = append(cs, zftpParallel)
	}
	return append(cs, lftpMirror)
}
