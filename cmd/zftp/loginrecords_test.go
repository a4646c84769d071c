package main

import (
	"os"
	"path/filepath"
	"strconv"
	"strings"
	"testing"
)

// staleSecret is a password a job's INPUT holds that is not the one that
// logged in (netrc did): it must not be shown either.
const staleSecret = "St4leS3cretX"

// TestUnusableLoginRecordsNeverShown: login records a batch job holds that
// the login cannot use — after a host record that could not be used (a
// port typo, a URL, user@host, a user ID and password on it), after a
// blank first record, after netrc logged in — are dropped and never
// echoed: the password appears nowhere, no record runs as an unknown
// subcommand, and the rest of the job runs (issue 25 item 5).
func TestUnusableLoginRecordsNeverShown(t *testing.T) {
	rows := []struct {
		name  string
		args  []string // before the host, when the job names none
		netrc string   // netrc body; $HOST, $USER, $PASS replaced
		input string   // $HOST, $PORT, $USER, $PASS replaced
		want  []string // in the transcript, in order
		skips int      // ZFT0240W lines
	}{
		{
			name:  "port_typo_in_host_record",
			input: "$HOST 2l\n$USER\n$PASS\nlpwd\nquit\n",
			want:  []string{"ZFT0103E Usage: host record", "EZA1736I lpwd", "EZA1736I quit"},
		},
		{
			name:  "blank_first_record",
			input: "\n$HOST $PORT\n$USER\n$PASS\npwd\nquit\n",
			want:  []string{"EZA1456I Connect to ?\nEZA1456I Connect to ?\nEZA1736I $HOST $PORT", ">>> PASS", "230 ", "257 ", "EZA1736I quit"},
		},
		{
			name:  "user_and_password_on_host_record",
			input: "$HOST $PORT $USER $PASS\n$USER\n$PASS\nlpwd\nquit\n",
			want:  []string{"ZFT0103E Usage: host record not shown", "ZFT0240W", "ZFT0240W", "EZA1736I lpwd", "EZA1736I quit"},
			skips: 2,
		},
		{
			name:  "url_host_record",
			input: "ftp://$USER:$PASS@$HOST:$PORT/\nlpwd\nquit\n",
			want:  []string{"ZFT0103E Usage: host record not shown: a URL", "EZA1736I lpwd", "EZA1736I quit"},
		},
		{
			name:  "user_at_host_record_then_login_records",
			input: "$USER:$PASS@$HOST\n$USER\n$PASS\nlpwd\nquit\n",
			want:  []string{"ZFT0103E Usage: host record not shown", "ZFT0240W", "ZFT0240W", "EZA1736I lpwd", "EZA1736I quit"},
			skips: 2,
		},
		{
			name:  "netrc_login_other_user_records",
			netrc: "machine $HOST login $USER password $PASS\n",
			input: "$HOST $PORT\nzosuser\n" + staleSecret + "\npwd\nquit\n",
			want:  []string{"230 ", "ZFT0240W Input record skipped and not shown: a user ID record", "ZFT0240W Input record skipped and not shown: the password record", "257 ", "EZA1736I quit"},
			skips: 2,
		},
		{
			name:  "netrc_login_stale_password_record",
			netrc: "machine $HOST login $USER password $PASS\n",
			input: "$HOST $PORT\n$USER\n" + staleSecret + "\npwd\nquit\n",
			want:  []string{"230 ", "ZFT0240W Input record skipped and not shown: the password record", "257 ", "EZA1736I quit"},
			skips: 1,
		},
		{
			name:  "netrc_login_user_and_stale_password_on_one_record",
			netrc: "machine $HOST login $USER password $PASS\n",
			input: "$HOST $PORT\n$USER " + staleSecret + "\npwd\nquit\n",
			want:  []string{"230 ", "EZA1736I pwd", "257 ", "EZA1736I quit"},
		},
		{
			name:  "netrc_login_then_subcommand",
			netrc: "machine $HOST login $USER password $PASS\n",
			input: "$HOST $PORT\npwd\nquit\n",
			want:  []string{"230 ", "EZA1736I pwd", "257 ", "EZA1736I quit"},
		},
		{
			name:  "netrc_user_without_password_zos_records",
			netrc: "machine $HOST login $USER\n",
			input: "$HOST $PORT\n$USER\n$PASS\npwd\nquit\n",
			want:  []string{"EZA1789I PASSWORD:", "230 ", "EZA1736I pwd", "257 ", "EZA1736I quit"},
		},
		{
			name:  "netrc_user_without_password_blank_user_record",
			netrc: "machine $HOST login $USER\n",
			input: "$HOST $PORT\n\n$PASS\npwd\nquit\n",
			want:  []string{"230 ", "257 ", "EZA1736I quit"},
		},
		{
			name:  "netrc_user_without_password_password_record_only",
			netrc: "machine $HOST login $USER\n",
			input: "$HOST $PORT\n$PASS\npwd\nquit\n",
			want:  []string{"230 ", "257 ", "EZA1736I quit"},
		},
		{
			name:  "url_login_then_records",
			args:  []string{"ftp://$USER:$PASS@$HOST:$PORT/"},
			input: "$USER\n$PASS\npwd\nquit\n",
			want:  []string{"230 ", "257 ", "EZA1736I quit"},
		},
	}
	for _, row := range rows {
		t.Run(row.name, func(t *testing.T) {
			srv := startServer(t, nil)
			tmp := t.TempDir()
			expand := strings.NewReplacer("$USER", srv.User, "$PASS", srv.Password,
				"$HOST", srv.Host, "$PORT", strconv.Itoa(srv.Port)).Replace
			if row.netrc != "" {
				if err := os.WriteFile(filepath.Join(tmp, "netrc"), []byte(expand(row.netrc)), 0o600); err != nil {
					t.Fatal(err)
				}
			}
			args := []string{"-v", "-w", "10"}
			for _, a := range row.args {
				args = append(args, expand(a))
			}
			out, errOut, status := runFrontEnd(t, tmp, args, expand(row.input))
			for _, secret := range []string{srv.Password, staleSecret} {
				if strings.Contains(out, secret) || strings.Contains(errOut, secret) {
					t.Fatalf("a password is shown:\n%s\nstderr:\n%s", out, errOut)
				}
			}
			if strings.Contains(out, "ZFT0101E") {
				t.Errorf("a login record ran as a subcommand:\n%s", out)
			}
			if status != 0 {
				t.Errorf("exit status %d, want 0:\n%s", status, out)
			}
			rest := out
			for _, w := range row.want {
				w = expand(w)
				i := strings.Index(rest, w)
				if i < 0 {
					t.Fatalf("%q not in the transcript (in order):\n%s", w, out)
				}
				rest = rest[i+len(w):]
			}
			if n := strings.Count(out, "ZFT0240W"); n != row.skips {
				t.Errorf("%d ZFT0240W lines, want %d:\n%s", n, row.skips, out)
			}
		})
	}
}

// TestPaddedInputRecordsLogIn: records of a z/OS INPUT data set are fixed
// 80-byte records, padded with blanks. The trailing blanks are padding:
// the user ID and password records log in, the host record connects and
// the subcommands run (issue 25 item 12; IBM "Allocating FTP input and
// output data sets", and "FTP support for password phrases": no password
// phrase ends in a blank).
func TestPaddedInputRecordsLogIn(t *testing.T) {
	srv := startServer(t, nil)
	tmp := t.TempDir()
	var b strings.Builder
	for _, r := range []string{srv.Host + " " + strconv.Itoa(srv.Port), srv.User, srv.Password, "pwd", "quit"} {
		b.WriteString(r + strings.Repeat(" ", 80-len(r)) + "\n")
	}
	out, _, status := runFrontEnd(t, tmp, []string{"-v", "-e", "-w", "10"}, b.String())
	if status != 0 || !strings.Contains(out, "230 ") || !strings.Contains(out, "257 ") {
		t.Fatalf("status %d; want the padded records to log in and PWD to run:\n%s", status, out)
	}
	if strings.Contains(out, srv.Password) {
		t.Fatalf("password shown:\n%s", out)
	}
	if !strings.Contains(out, "EZA1736I pwd\n") {
		t.Errorf("the echo keeps the padding:\n%s", out)
	}
}
