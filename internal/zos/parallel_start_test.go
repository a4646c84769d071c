package zos

import (
	"bytes"
	"context"
	"fmt"
	"log/slog"
	"os"
	"path/filepath"
	"strings"
	"sync"
	"testing"
	"time"

	"github.com/zftp/zftp/client"
	"github.com/zftp/zftp/client/ftptest"
)

// serverRecord is one record of the test server's log: when, what, the
// control connection's remote address and the record's other attributes.
type serverRecord struct {
	at     time.Time
	msg    string
	remote string
	attrs  map[string]string
}

// recordLog is a slog.Handler that keeps the server's records.
type recordLog struct {
	mu    *sync.Mutex
	recs  *[]serverRecord
	attrs []slog.Attr
}

func newRecordLog() *recordLog {
	return &recordLog{mu: &sync.Mutex{}, recs: &[]serverRecord{}}
}

func (h *recordLog) Enabled(context.Context, slog.Level) bool { return true }

func (h *recordLog) Handle(_ context.Context, r slog.Record) error {
	rec := serverRecord{at: r.Time, msg: r.Message, attrs: map[string]string{}}
	add := func(a slog.Attr) bool {
		if a.Key == "remote" {
			rec.remote = a.Value.String()
		}
		rec.attrs[a.Key] = a.Value.String()
		return true
	}
	for _, a := range h.attrs {
		add(a)
	}
	r.Attrs(add)
	h.mu.Lock()
	*h.recs = append(*h.recs, rec)
	h.mu.Unlock()
	return nil
}

func (h *recordLog) WithAttrs(as []slog.Attr) slog.Handler {
	return &recordLog{mu: h.mu, recs: h.recs, attrs: append(append([]slog.Attr(nil), h.attrs...), as...)}
}

func (h *recordLog) WithGroup(string) slog.Handler { return h }

// records returns a copy of the records kept so far.
func (h *recordLog) records() []serverRecord {
	h.mu.Lock()
	defer h.mu.Unlock()
	return append([]serverRecord(nil), *h.recs...)
}

// commandVerb returns the verb of a "command" record ("" for others).
func (r serverRecord) commandVerb() string {
	if r.msg != "command" {
		return ""
	}
	if v := r.attrs["verb"]; v != "" {
		return v
	}
	f := strings.Fields(r.attrs["line"])
	if len(f) == 0 {
		return ""
	}
	return strings.ToUpper(f[0])
}

// parallelStartServer serves n small files, each RETR of which takes
// about 40 ms, with a login that takes loginDelay.
func parallelStartServer(t *testing.T, n int, loginDelay time.Duration, log *recordLog, opts ...ftptest.Option) *ftptest.Server {
	t.Helper()
	opts = append(opts, ftptest.WithLogger(slog.New(log)),
		ftptest.WithFaults(ftptest.Faults{LoginDelay: loginDelay, DataDelay: 40 * time.Millisecond}))
	srv := ftptest.NewServer(t, opts...)
	for i := range n {
		srv.WriteFile(t, fmt.Sprintf("f%03d.bin", i), fileData(i))
	}
	return srv
}

// TestParallelSessionsStartAtOnce: with a login of 200 ms, PARALLEL 8
// opens the seven extra sessions at once while the first session starts
// on the files: the first session's first RETR comes before any extra
// session is logged in, and all eight sessions have sent a RETR within
// 0.5 s of the MGET's NLST (opening them one after the other would take
// 1.4 s before the last one could).
func TestParallelSessionsStartAtOnce(t *testing.T) {
	log := newRecordLog()
	srv := parallelStartServer(t, 64, 200*time.Millisecond, log)
	status, out := runBatch(t, srv, Flags{Verbose: true, ExitOnError: true, Parallel: 8, Passive: true},
		t.TempDir(), "binary\nmget f*\nquit\n")
	if status != 0 {
		t.Fatalf("status %d\n%s", status, out)
	}
	checkStartedAtOnce(t, log.records(), 8)
}

// checkStartedAtOnce checks the server's records of a parallel MGET over
// sessions sessions, each logged in with a delay.
func checkStartedAtOnce(t *testing.T, recs []serverRecord, sessions int) {
	t.Helper()
	var main string
	var nlst time.Time
	var logins []time.Time // the extra sessions'
	firstRetr := map[string]time.Time{}
	for _, r := range recs {
		switch {
		case r.msg == "logged in" && main == "":
			main = r.remote
		case r.msg == "logged in":
			logins = append(logins, r.at)
		case r.commandVerb() == "NLST" && r.remote == main && nlst.IsZero():
			nlst = r.at
		case r.commandVerb() == "RETR":
			if _, ok := firstRetr[r.remote]; !ok {
				firstRetr[r.remote] = r.at
			}
		}
	}
	if nlst.IsZero() || len(logins) != sessions-1 {
		t.Fatalf("NLST at %v, %d extra logins; want %d", nlst, len(logins), sessions-1)
	}
	if len(firstRetr) != sessions {
		t.Fatalf("%d sessions sent RETR, want %d", len(firstRetr), sessions)
	}
	mainRetr, ok := firstRetr[main]
	if !ok {
		t.Fatal("the first session sent no RETR")
	}
	for _, l := range logins {
		if !mainRetr.Before(l) {
			t.Errorf("the first session's first RETR (%v after NLST) waited for an extra session's login (%v after NLST)",
				mainRetr.Sub(nlst), l.Sub(nlst))
			break
		}
	}
	for remote, at := range firstRetr {
		if d := at.Sub(nlst); d > 500*time.Millisecond {
			t.Errorf("session %s sent its first RETR %v after the NLST, want within 0.5 s", remote, d)
		}
	}
}

// TestParallelExtraSessionsResumeTLS: the extra sessions' control
// connections resume the first session's TLS session (the server's
// handshake records say resumed) where the server allows it (one ticket
// key for all its sessions), and they start at once as in plain.
func TestParallelExtraSessionsResumeTLS(t *testing.T) {
	log := newRecordLog()
	srv := parallelStartServer(t, 64, 200*time.Millisecond, log, ftptest.WithTLS(client.ExplicitRequired), ftptest.WithSharedTickets())
	status, out := runBatch(t, srv, Flags{Verbose: true, ExitOnError: true, Parallel: 8, Passive: true, Attempt: "TLS", Keyring: srv.CAFile},
		t.TempDir(), "binary\nmget f*\nquit\n")
	if status != 0 {
		t.Fatalf("status %d\n%s", status, out)
	}
	recs := log.records()
	var control, resumed int
	for _, r := range recs {
		if r.msg == "TLS handshake" && r.attrs["conn"] == "control" {
			control++
			if r.attrs["resumed"] == "true" {
				resumed++
			}
		}
	}
	if control != 8 || resumed != 7 {
		t.Errorf("%d control handshakes, %d resumed; want 8 with the 7 extra sessions' resumed", control, resumed)
	}
	checkStartedAtOnce(t, recs, 8)
}

// TestParallelWindowWaitsForSlowSessions: the first session may run a
// window of files ahead while the extra sessions are still logging in;
// when it has, the list is not cut there. Every one of 200 files arrives
// byte for byte (a run once ended after the first 64, exit 0).
func TestParallelWindowWaitsForSlowSessions(t *testing.T) {
	srv := ftptest.NewServer(t, ftptest.WithFaults(ftptest.Faults{LoginDelay: 300 * time.Millisecond}))
	const n = 3*parallelWindow + 8
	for i := range n {
		srv.WriteFile(t, fmt.Sprintf("f%03d.bin", i), fileData(i))
	}
	work := t.TempDir()
	status, out := runBatch(t, srv, Flags{Verbose: true, ExitOnError: true, Parallel: 4, Passive: true},
		work, "binary\nmget f*\nquit\n")
	if status != 0 {
		t.Fatalf("status %d\n%s", status, out)
	}
	if got := strings.Count(out, ">>> RETR "); got != n {
		t.Errorf("%d RETR lines, want %d", got, n)
	}
	for i := range n {
		got, err := os.ReadFile(filepath.Join(work, fmt.Sprintf("f%03d.bin", i)))
		if err != nil || !bytes.Equal(got, fileData(i)) {
			t.Fatalf("f%03d.bin: %v", i, err)
		}
	}
}

// TestParallelStartsBeforeTheNameList: MGET starts the extra sessions
// before it lists the names, so that they log in while NLST and
// VERIFYSIZE's LIST run (each listing's data comes 500 ms late here, a
// margin for a loaded machine under -race):
// every extra session has sent USER before the first session sends LIST.
// Started after the listing, as before, they sent it after.
func TestParallelStartsBeforeTheNameList(t *testing.T) {
	log := newRecordLog()
	srv := ftptest.NewServer(t, ftptest.WithLogger(slog.New(log)),
		ftptest.WithFaults(ftptest.Faults{ListDelay: 500 * time.Millisecond}))
	for i := range 8 {
		srv.WriteFile(t, fmt.Sprintf("f%03d.bin", i), fileData(i))
	}
	status, out := runBatch(t, srv, Flags{Verbose: true, ExitOnError: true, Parallel: 4, Passive: true},
		t.TempDir(), "binary\nmget f*\nquit\n")
	if status != 0 {
		t.Fatalf("status %d\n%s", status, out)
	}
	var main string
	var list time.Time
	users := map[string]time.Time{}
	for _, r := range log.records() {
		switch v := r.commandVerb(); {
		case v == "USER" && main == "":
			main = r.remote
		case v == "USER":
			users[r.remote] = r.at
		case v == "LIST" && r.remote == main && list.IsZero():
			list = r.at
		}
	}
	if list.IsZero() || len(users) != 3 {
		t.Fatalf("LIST at %v, %d extra sessions; want VERIFYSIZE's LIST and 3\n%s", list, len(users), out)
	}
	for remote, at := range users {
		if !at.Before(list) {
			t.Errorf("extra session %s sent USER %v after the first session's LIST", remote, at.Sub(list))
		}
	}
}
