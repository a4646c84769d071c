package zos

import (
	"bytes"
	"fmt"
	"log/slog"
	"os"
	"path/filepath"
	"regexp"
	"slices"
	"strings"
	"testing"
	"time"

	"github.com/zftp/zftp/client"
	"github.com/zftp/zftp/client/ftptest"
)

// TestParallelRepeatsSite: data sets that MPUT creates on a z/OS server
// take the SITE parameters the job set, whichever session stores them:
// each extra session sends the first session's accepted SITE commands, in
// order, before its first file (one that logs in at OPEN, before the job's
// SITE, gets them at the MPUT; a later SITE reaches the pooled sessions at
// the next subcommand). The transcript is the serial one.
func TestParallelRepeatsSite(t *testing.T) {
	const n = 16
	up := t.TempDir()
	for i := range n {
		os.WriteFile(filepath.Join(up, fmt.Sprintf("U%03d", i)), []byte(fmt.Sprintf("record %d\n", i)), 0o644)
	}
	transcripts := map[int]string{}
	for _, par := range []int{1, 4} {
		log := newRecordLog()
		srv := ftptest.NewServer(t, ftptest.WithMVS(), ftptest.WithLogger(slog.New(log)))
		status, got := runBatch(t, srv, Flags{Verbose: true, ExitOnError: false, Parallel: par}, up,
			"site recfm=fb lrecl=80 blksize=3200\nmput U000 U001 U002 U003 U004 U005 U006 U007\n"+
				"quote site recfm=vb lrecl=255 blksize=6000\nmput U008 U009 U010 U011 U012 U013 U014 U015\nquit\n")
		if status != 0 {
			t.Fatalf("parallel %d: status %d\n%s", par, status, got)
		}
		for i := range n {
			want := "RECFM=FB LRECL=80 BLKSIZE=3200\n"
			if i >= 8 {
				want = "RECFM=VB LRECL=255 BLKSIZE=6000\n"
			}
			dcb, err := os.ReadFile(srv.Path(fmt.Sprintf("TESTER/.U%03d.dcb", i)))
			if err != nil || string(dcb) != want {
				t.Errorf("parallel %d: U%03d allocated with %q (%v), want %q", par, i, dcb, err, want)
			}
		}
		if par > 1 {
			stores := map[string]int{}
			for _, r := range log.records() {
				if r.commandVerb() == "STOR" {
					stores[r.remote]++
				}
			}
			if len(stores) < 2 {
				t.Errorf("the files went over %d session(s), want several: %v", len(stores), stores)
			}
			if c := serverCount(log.records(), "", "SITE"); c <= 3 {
				t.Errorf("%d SITE commands on the server: the extra sessions sent none", c)
			}
		}
		transcripts[par] = normalizeParallel(got)
	}
	if transcripts[4] != transcripts[1] {
		t.Errorf("parallel transcript differs from the serial one\n--- parallel\n%s--- serial\n%s", transcripts[4], transcripts[1])
	}
}

// TestParallelQuoteUnknownState: after a QUOTE that may change the
// session's state in a way the extra sessions cannot repeat (here TYPE),
// or an ACCOUNT after the login, no extra session is used until the next
// OPEN (ZFT0198W); a QUOTE that
// changes nothing they share (NOOP, CWD) keeps them. The files are right
// either way and the transcript is the serial one apart from the warning.
func TestParallelQuoteUnknownState(t *testing.T) {
	const n = 8
	for _, tc := range []struct {
		quote string
		warn  bool
	}{
		{"quote type a", true},
		{"quote noop", false},
		{"quote cwd sub", false},
		{"account d4711", true},
	} {
		t.Run(strings.ReplaceAll(tc.quote, " ", "_"), func(t *testing.T) {
			transcripts := map[int]string{}
			for _, par := range []int{1, 4} {
				log := newRecordLog()
				srv := ftptest.NewServer(t, ftptest.WithLogger(slog.New(log)),
					ftptest.WithFaults(ftptest.Faults{DataDelay: 40 * time.Millisecond}))
				os.Mkdir(srv.Path("sub"), 0o755)
				for i := range n {
					srv.WriteFile(t, fmt.Sprintf("f%03d.bin", i), fileData(i))
					srv.WriteFile(t, fmt.Sprintf("sub/f%03d.bin", i), fileData(i))
				}
				work := t.TempDir()
				status, got := runBatch(t, srv, Flags{Verbose: true, ExitOnError: true, Parallel: par}, work,
					tc.quote+"\nbinary\nmget f*.bin\nquit\n")
				if status != 0 {
					t.Fatalf("parallel %d: status %d\n%s", par, status, got)
				}
				for i := range n {
					if b, err := os.ReadFile(filepath.Join(work, fmt.Sprintf("f%03d.bin", i))); err != nil || !bytes.Equal(b, fileData(i)) {
						t.Errorf("parallel %d: f%03d.bin differs (%v)", par, i, err)
					}
				}
				if par > 1 {
					retrs := map[string]bool{}
					for _, r := range log.records() {
						if r.commandVerb() == "RETR" {
							retrs[r.remote] = true
						}
					}
					if warned := strings.Contains(got, "ZFT0198W"); warned != tc.warn {
						t.Errorf("ZFT0198W %v, want %v\n%s", warned, tc.warn, got)
					}
					if tc.warn && len(retrs) != 1 {
						t.Errorf("the files went over %d sessions after %q, want 1", len(retrs), tc.quote)
					}
					if !tc.warn && len(retrs) < 2 {
						t.Errorf("the files went over %d session after %q, want several", len(retrs), tc.quote)
					}
				}
				transcripts[par] = normalizeParallel(got)
			}
			p4 := regexp.MustCompile(`(?m)^ZFT0198W.*\n`).ReplaceAllString(transcripts[4], "")
			if p4 != transcripts[1] {
				t.Errorf("transcript differs from the serial one apart from ZFT0198W\n--- parallel\n%s--- serial\n%s", p4, transcripts[1])
			}
		})
	}
}

// TestServerStateNotes: what SITE and QUOTE leave for the extra sessions.
func TestServerStateNotes(t *testing.T) {
	reply := func(code int) *client.Reply { return &client.Reply{Code: code} }
	for _, tc := range []struct {
		name    string
		do      func(st *serverState)
		site    []string
		unknown string
	}{
		{"site kept in order", func(st *serverState) {
			st.noteSite("RECFM=FB")
			st.noteQuote("site  lrecl=80 ", reply(200))
		}, []string{"RECFM=FB", "lrecl=80"}, ""},
		{"refused quote site", func(st *serverState) { st.noteQuote("SITE UMASK 022", reply(500)) }, nil, ""},
		{"quote site answered 3xx", func(st *serverState) { st.noteQuote("SITE X", reply(350)) }, nil, "QUOTE SITE"},
		{"quote with no reply", func(st *serverState) { st.noteQuote("TYPE A", nil) }, nil, ""},
		{"quote of a file command", func(st *serverState) {
			st.noteQuote("dele x", reply(250))
			st.noteQuote("RNFR a", reply(350))
			st.noteQuote("xcwd /d", reply(250))
		}, nil, ""},
		{"quote type", func(st *serverState) { st.noteQuote("type a", reply(200)) }, nil, "QUOTE TYPE"},
		{"quote refused type", func(st *serverState) { st.noteQuote("TYPE Q", reply(504)) }, nil, ""},
		{"quote user", func(st *serverState) { st.noteQuote("USER other", reply(331)) }, nil, "QUOTE USER"},
		{"site actions not kept", func(st *serverState) {
			st.noteSite("CHMOD 644 f")
			st.noteQuote("site exec touch x", reply(200))
			st.noteSite("UMASK 022")
		}, []string{"UMASK 022"}, ""},
		{"relogin after site", func(st *serverState) {
			st.noteSite("RECFM=FB")
			st.relogin()
		}, []string{"RECFM=FB"}, "a new login after SITE"},
		{"relogin without site", func(st *serverState) { st.relogin() }, nil, ""},
		{"too many", func(st *serverState) {
			for range siteLimit + 1 {
				st.noteSite("X")
			}
		}, slices.Repeat([]string{"X"}, siteLimit), fmt.Sprintf("more than %d SITE commands", siteLimit)},
	} {
		t.Run(tc.name, func(t *testing.T) {
			var st serverState
			tc.do(&st)
			if !slices.Equal(st.site, tc.site) || st.unknown != tc.unknown {
				t.Errorf("site %q unknown %q, want %q %q", st.site, st.unknown, tc.site, tc.unknown)
			}
		})
	}
}
