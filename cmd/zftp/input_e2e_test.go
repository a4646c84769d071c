package main

import (
	"fmt"
	"regexp"
	"strconv"
	"strings"
	"testing"

	"github.com/zftp/zftp/internal/platformtest"
)

// hostless is an end-to-end batch job with no host on the command line:
// the job's first INPUT record names it.
type hostless struct {
	name   string // golden file testdata/<name>.golden
	source string // the IBM material the transcript follows
	args   []string
	ftp    string // FTP.DATA written to $TMP/ftp.data and passed with -f; "" = none
	input  string // $HOST, $PORT, $USER, $PASS are replaced
	status int
}

// numbered gives each record a sequence number in columns 73-80, as a
// numbered z/OS data set holds them.
func numbered(records ...string) string {
	var b strings.Builder
	for i, r := range records {
		fmt.Fprintf(&b, "%-72s%08d\n", r, (i+1)*100)
	}
	return b.String()
}

var hostlessJobs = []hostless{
	{
		// IBM, z/OS Communications Server IP User's Guide and Commands,
		// "Submitting FTP requests in batch" (comment records, appended
		// comments, the host as the first INPUT record when PARM has
		// none) and "SEQNUMSUPPORT (FTP client) statement"; the NAME
		// record "userid password" as public job streams code it
		// ("anonymous email_address").
		name: "batch_input_grammar",
		source: "IBM \"Submitting FTP requests in batch\" (comment records, appended comments, host record), " +
			"\"SEQNUMSUPPORT (FTP client) statement\" (columns 73-80), public jobs (userid password on the NAME record)",
		args: []string{"-v"},
		ftp:  "SEQNUMSUPPORT TRUE ; sequence numbers in columns 73-80\n",
		input: numbered(
			"; sample job: everything after a semicolon record is a comment",
			"$HOST $PORT ; the host record",
			"  ; a comment record before the user ID",
			"$USER $PASS ; user ID and password on the NAME record",
			"; a comment record after the login",
			"pwd ; where are we",
			"put data.txt remote.txt",
			"get remote.txt copy.txt ; back again",
			"quit",
		),
	},
	{
		name:   "batch_input_host_password_records",
		source: "IBM \"Submitting FTP requests in batch\": host record, then the user ID and password records with a comment record between them",
		args:   []string{"-v"},
		input:  "$HOST $PORT\n$USER ; user ID\n; comment records may stand between the user ID and the password\n$PASS\npwd\nquit\n",
	},
}

// portEcho hides the test server's port in the echoed host record.
var portEcho = regexp.MustCompile(`(EZA1736I 127\.0\.0\.1) \d+`)

func TestHostlessBatchJobs(t *testing.T) {
	for _, j := range hostlessJobs {
		t.Run(j.name, func(t *testing.T) {
			srv := startServer(t, nil)
			tmp := t.TempDir()
			writeLocal(t, tmp, "data.txt", []byte("line one\nline two\n"))
			expand := strings.NewReplacer("$TMP", tmp, "$USER", srv.User, "$PASS", srv.Password,
				"$HOST", srv.Host, "$PORT", strconv.Itoa(srv.Port)).Replace
			args := append([]string{"-w", "20"}, j.args...)
			if j.ftp != "" {
				writeLocal(t, tmp, "ftp.data", []byte(j.ftp))
				args = append(args, "-f", tmp+"/ftp.data")
			}
			out, errOut, status := runFrontEnd(t, tmp, args, expand(j.input))
			if strings.Contains(out, srv.Password) || strings.Contains(errOut, srv.Password) {
				t.Fatalf("password in output:\n%s\nstderr:\n%s", out, errOut)
			}
			if status != j.status {
				t.Errorf("exit status %d, want %d\n%s", status, j.status, out)
			}
			if errOut != "" {
				t.Errorf("stderr: %q", errOut)
			}
			got := normalise(portEcho.ReplaceAllString(out, "$1 PORT"), tmp)
			compareGolden(t, j.name, j.source, got)
			if strings.Contains(j.input, "get remote.txt copy.txt") && string(readLocal(t, tmp, "copy.txt")) != platformtest.LocalText("line one\nline two\n") {
				t.Error("PUT then GET: local copy differs")
			}
		})
	}
}
