//go:build linux

package main

import (
	"bytes"
	"errors"
	"os"
	"os/exec"
	"path/filepath"
	"strconv"
	"strings"
	"testing"
	"time"

	"golang.org/x/sys/unix"

	"github.com/zftp/zftp/client/ftptest"
	"github.com/zftp/zftp/internal/ftpd"
)

// The rows of issue 25 that the in-process front end cannot hold: what a
// signal decides (SIGPIPE, SIGQUIT) needs a process of its own, and Tab
// completion needs a terminal. They are still rows: the process rows run
// through runFaultRow with a subprocess in place of the in-process run,
// the terminal rows through runPTYFaultRow below, one table each.

// faultRowsProcess are the rows of issue 25 item 6: a server that refuses
// an upload part-way (closes or resets the data connection, then 426, 451
// or 552) or drops the control connection makes the client's next write
// on that socket fail with EPIPE, which the kernel signals with SIGPIPE.
// A batch job must not die of it (status 141, the reply never shown, the
// rest of the job not run): the reply is shown and the job goes on (or,
// with -e, ends) by the return-code rules. The signal came in 8 to 10 runs
// of 10 before the fix; each row runs twice (with and without -e).
func faultRowsProcess(t *testing.T) []faultRow {
	bin := buildZftp(t)
	putBig := func(t *testing.T, _ *ftptest.Server, tmp string) {
		// 32 MiB: still writing when the server hangs up
		writeLocal(t, tmp, "big.bin", bytes.Repeat([]byte("0123456789abcdef"), 2<<20))
	}
	row := func(name, fault string, faults ftpd.Faults, rc, msg string, usable bool) faultRow {
		return faultRow{
			name:    name,
			fault:   fault + " during a 32 MiB PUT, zftp in a process of its own (issue 25 item 6)",
			faults:  faults,
			exec:    processRun(bin),
			prepare: putBig,
			cmd:     "binary\nput $TMP/big.bin big.bin",
			rc:      rc,
			msg:     `EZA1736I put .*big\.bin big\.bin\n(.*\n)*` + msg,
			usable:  usable,
			files:   []string{"big.bin"},
			within:  30 * time.Second,
		}
	}
	return []faultRow{
		row("put_data_reset_426", "the data connection reset (TCP RST), then 426",
			ftpd.Faults{DropDataAfter: 64 << 10, ResetDataOnDrop: true}, `27426, Error Code = 000\d\d`, `426 `, true),
		row("put_data_closed_426", "the data connection closed, then 426",
			ftpd.Faults{DropDataAfter: 64 << 10}, `27426, Error Code = 000\d\d`, `426 `, true),
		row("put_refused_552_at_start", "552 right after the start reply",
			ftpd.Faults{FailAfterStart: "552 Storage allocation exceeded"}, `27552, Error Code = 000\d\d`, `552 Storage allocation exceeded`, true),
		row("put_refused_451_at_start", "451 right after the start reply",
			ftpd.Faults{FailAfterStart: "451 disk gone"}, `27451, Error Code = 000\d\d`, `451 disk gone`, true),
		row("put_control_reset", "the control connection reset mid-upload",
			ftpd.Faults{ResetControlAfter: 64 << 10}, `27\d{3}, Error Code = 000\d\d`, `ZFT0112E`, false),
		// item 13: a background command does not hold the job; in a
		// process of its own, as the in-process run has no shell
		{
			name:   "shell_background",
			fault:  "! sleep 20 &: the job goes on at once, not when the command ends (issue 25 item 13)",
			exec:   processRun(bin),
			cmd:    "! sleep 20 &",
			msg:    `EZA1736I ! sleep 20 &\n.*Started in the background, process ID \d+`,
			usable: true,
			within: 10 * time.Second,
		},
	}
}

// processRun returns a runner of the zftp binary bin in the directory
// tmp (HOME and the configuration directory under it), for runFaultRow.
// A process killed by a signal has status 128 plus the signal, as a shell
// reports it (141 for SIGPIPE).
func processRun(bin string) func(t *testing.T, tmp string, args []string, input string) (string, string, int) {
	return func(t *testing.T, tmp string, args []string, input string) (string, string, int) {
		t.Helper()
		cmd := exec.Command(bin, args...)
		cmd.Dir = tmp
		cmd.Env = append(os.Environ(), "HOME="+filepath.Join(tmp, "home"), "XDG_CONFIG_HOME="+filepath.Join(tmp, "config"))
		cmd.Stdin = strings.NewReader(input)
		var out, errOut syncBuffer
		cmd.Stdout, cmd.Stderr = &out, &errOut
		if err := cmd.Start(); err != nil {
			t.Fatal(err)
		}
		done := make(chan error, 1)
		go func() { done <- cmd.Wait() }()
		var err error
		select {
		case err = <-done:
		case <-time.After(60 * time.Second):
			cmd.Process.Kill()
			<-done
			t.Fatalf("zftp did not end:\n%s", clip(out.String()))
		}
		status := 0
		var ee *exec.ExitError
		switch {
		case errors.As(err, &ee):
			status = ee.ExitCode()
			if ws, ok := ee.Sys().(unix.WaitStatus); ok && ws.Signaled() {
				status = 128 + int(ws.Signal())
			}
		case err != nil:
			t.Fatal(err)
		}
		return out.String(), errOut.String(), status
	}
}

func TestFaultMatrixProcess(t *testing.T) {
	rows := faultRowsProcess(t)
	warmUp(t)
	for _, row := range rows {
		t.Run(row.name, func(t *testing.T) {
			runFaultRow(t, row)
		})
	}
}

// ptyStep is one step of a terminal row: keys typed, then what the
// terminal must show next.
type ptyStep struct {
	send     string        // keys to type ("" none)
	pause    time.Duration // before the keys
	waitTemp bool          // before the keys: until the download's temporary file has data
	expect   string        // the terminal must show this next ("" nothing)
	within   time.Duration // with expect: how soon after the keys (0: the pty tests' bound)
}

// ptyFaultRow is a fault met at a terminal: zftp runs on a pseudo-terminal
// against a server with faults, logs in, and the steps are typed.
type ptyFaultRow struct {
	name   string
	fault  string
	faults ftpd.Faults
	args   []string // before the host and port
	steps  []ptyStep
	status int      // exit status: 2 for Go's SIGQUIT dump
	banned []string // bytes that must never reach the terminal
	// noTemp: no temporary file and no partial target (new.bin) is left
	// in the directory zftp ran in.
	noTemp bool
}

// faultRowsPTY are the rows of issue 25 items 9 and 13 that need a
// terminal: Tab completion's candidates go through the one escaping
// printer and its listing is interruptible; SIGQUIT (Ctrl-\) during a GET
// removes the temporary file and restores the terminal.
func faultRowsPTY() []ptyFaultRow {
	return []ptyFaultRow{
		{
			name:   "completion_hostile_names",
			fault:  "Tab over a listing whose names hold an OSC title sequence, a C1 CSI and DEL: listed escaped (issue 25 item 9)",
			faults: ftpd.Faults{NameList: []string{"x\x1b]0;PWNED\x07one", "x\u009b31mtwo", "x\x7fthree"}},
			steps: []ptyStep{
				{send: "get x\t\t", expect: "x^[]0;PWNED^Gone"},
				{send: "\x15\x15"}, // leave the list of candidates, erase the line
				{send: "quit\r"},
			},
			banned: []string{"\x1b]0;", "\u009b", "\x9b", "\x7f"},
		},
		{
			name:   "completion_listing_stalled_ctrl_c",
			fault:  "Tab when the server never answers the listing, -w 60: Ctrl-C ends the wait at once, the next subcommand says the session was closed (issue 25 item 9)",
			faults: ftpd.Faults{SilentFor: []string{"LIST", "NLST"}},
			args:   []string{"-w", "60"},
			steps: []ptyStep{
				{send: "get \t"},
				// the LIST is sent and waits; Ctrl-C must free the prompt
				// well before the completion's own 5-second bound
				{pause: 200 * time.Millisecond, send: "\x03lpwd\r", expect: "ZFT0112E", within: 4 * time.Second},
				{expect: "EZA1460I Command:"},
				{send: "quit\r"},
			},
		},
		{
			name:   "completion_listing_stalled_bound",
			fault:  "Tab when the server never answers the listing, -w not given (420 s): the completion gives up after its own bound of a few seconds and the prompt comes back (issue 25 item 9)",
			faults: ftpd.Faults{SilentFor: []string{"LIST", "NLST"}},
			steps: []ptyStep{
				// the keys after the Tab wait for the completion to end
				{send: "get \t"},
				{pause: 200 * time.Millisecond, send: "\x15lpwd\r", expect: "ZFT0112E", within: 9 * time.Second},
				{expect: "EZA1460I Command:"},
				{send: "quit\r"},
			},
		},
		{
			name:   "sigquit_during_get",
			fault:  "Ctrl-\\ (SIGQUIT) at a terminal during a GET: the temporary file is removed and the terminal restored before Go's goroutine dump (issue 25 item 13)",
			faults: ftpd.Faults{DataDelay: 20 * time.Millisecond},
			steps: []ptyStep{
				{send: "get f.bin new.bin\r", expect: "125 Sending data set /f.bin"},
				{waitTemp: true, send: "\x1c"},
			},
			status: 2,
			noTemp: true,
		},
	}
}

func TestFaultMatrixPTY(t *testing.T) {
	for _, row := range faultRowsPTY() {
		t.Run(row.name, func(t *testing.T) {
			runPTYFaultRow(t, row)
		})
	}
}

// runPTYFaultRow runs one terminal row: the steps, then the exit status,
// the bytes the terminal must not have shown, the password, the
// terminal's mode (cooked, echo on) and, with noTemp, the directory.
func runPTYFaultRow(t *testing.T, row ptyFaultRow) {
	srv := ftptest.NewServer(t, ftptest.WithIBM(), ftptest.WithFaults(row.faults))
	srv.WriteFile(t, "f.bin", bytes.Repeat([]byte("z"), 4<<20)) // about five seconds at DataDelay 20 ms
	home := t.TempDir()
	args := append(append([]string{"-v"}, row.args...), srv.Host, strconv.Itoa(srv.Port))
	s := startPTYEnv(t, home, []string{"NO_COLOR=1"}, args...)
	s.login(srv)
	for _, st := range row.steps {
		time.Sleep(st.pause)
		if st.waitTemp {
			waitForTemp(t, home)
		}
		start := time.Now()
		if st.send != "" {
			s.Send(st.send)
		}
		if st.expect != "" {
			s.Expect(st.expect)
			if d := time.Since(start); st.within > 0 && d > st.within {
				t.Errorf("%q came %v after the keys %q, over %v", st.expect, d, st.send, st.within)
			}
		}
	}
	if st := s.Wait(); st != row.status {
		t.Errorf("exit status %d, want %d", st, row.status)
	}
	out := s.Output()
	for _, bad := range row.banned {
		if strings.Contains(out, bad) {
			t.Errorf("the terminal got %q from the server:\n%q", bad, out)
		}
	}
	if strings.Contains(out, srv.Password) {
		t.Error("the password was shown on the terminal")
	}
	tio, err := unix.IoctlGetTermios(int(s.PTY.Fd()), unix.TCGETS)
	if err != nil {
		t.Fatalf("terminal state: %v", err)
	}
	if tio.Lflag&unix.ICANON == 0 || tio.Lflag&unix.ECHO == 0 {
		t.Errorf("terminal left raw: lflag %#x", tio.Lflag)
	}
	if row.noTemp {
		if left := tempFiles(t, home); len(left) != 0 {
			t.Errorf("temporary files left: %q", left)
		}
		if _, err := os.Stat(filepath.Join(home, "new.bin")); err == nil {
			t.Error("a partial new.bin was left under the target name")
		}
	}
}
