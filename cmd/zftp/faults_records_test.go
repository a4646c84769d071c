package main

import (
	"regexp"
	"strings"
	"testing"
)

// staleSecret is a password a job's INPUT holds that is not the one that
// logged in (netrc did): it must not be shown either.
const staleSecret = "St4leS3cretX"

// literalSecret is the password of a LITERAL PASS subcommand.
const literalSecret = "L1ter4lS3cretX"

// faultRowsRecords are the rows of issue 25 items 5, 10 and 12: login
// records a batch job holds that the login cannot use — after a host
// record that could not be used (a port typo, a URL, user@host, a user ID
// and password on it), after a blank first record, after netrc logged in
// — are dropped and never echoed: no password appears anywhere, no record
// runs as an unknown subcommand, and the rest of the job runs. Padded
// 80-byte INPUT records log in; LITERAL PASS is masked as QUOTE PASS is.
//
// A job that cannot use its host record ends there under -e (return code
// 10000, error code 7); the rows' other checks are of the run without -e.
func faultRowsRecords() []faultRow {
	const netrc = "machine $HOST login $USER password $PASS\n"
	const netrcNoPass = "machine $HOST login $USER\n"
	var padded strings.Builder
	for _, r := range []string{"$HOST $PORT", "$USER", "$PASS", "pwd", "quit"} {
		padded.WriteString(r + strings.Repeat(" ", 80-len(r)) + "\n")
	}
	return []faultRow{
		// item 5: unusable login records dropped unseen
		recordRow("port_typo_in_host_record", "", nil, "$HOST 2l\n$USER\n$PASS\nlpwd\npwd\nquit\n",
			[]string{"ZFT0103E Usage: host record", "EZA1736I lpwd", "EZA1736I pwd"}, 0, false),
		recordRow("blank_first_record", "", nil, "\n$HOST $PORT\n$USER\n$PASS\npwd\nquit\n",
			[]string{"EZA1456I Connect to ?\nEZA1456I Connect to ?\nEZA1736I $HOST $PORT", ">>> PASS", "230 ", "257 ", "EZA1736I quit"}, 0, true),
		recordRow("user_and_password_on_host_record", "", nil, "$HOST $PORT $USER $PASS\n$USER\n$PASS\nlpwd\npwd\nquit\n",
			[]string{"ZFT0103E Usage: host record not shown", "ZFT0240W", "ZFT0240W", "EZA1736I lpwd", "EZA1736I pwd"}, 2, false),
		recordRow("url_host_record", "", nil, "ftp://$USER:$PASS@$HOST:$PORT/\nlpwd\npwd\nquit\n",
			[]string{"ZFT0103E Usage: host record not shown: a URL", "EZA1736I lpwd", "EZA1736I pwd"}, 0, false),
		recordRow("user_at_host_record_then_login_records", "", nil, "$USER:$PASS@$HOST\n$USER\n$PASS\nlpwd\npwd\nquit\n",
			[]string{"ZFT0103E Usage: host record not shown", "ZFT0240W", "ZFT0240W", "EZA1736I lpwd", "EZA1736I pwd"}, 2, false),
		recordRow("netrc_login_other_user_records", netrc, nil, "$HOST $PORT\nzosuser\n"+staleSecret+"\npwd\nquit\n",
			[]string{"230 ", "ZFT0240W Input record skipped and not shown: a user ID record", "ZFT0240W Input record skipped and not shown: the password record", "257 ", "EZA1736I quit"}, 2, true),
		recordRow("netrc_login_stale_password_record", netrc, nil, "$HOST $PORT\n$USER\n"+staleSecret+"\npwd\nquit\n",
			[]string{"230 ", "ZFT0240W Input record skipped and not shown: the password record", "257 ", "EZA1736I quit"}, 1, true),
		recordRow("netrc_login_user_and_stale_password_on_one_record", netrc, nil, "$HOST $PORT\n$USER "+staleSecret+"\npwd\nquit\n",
			[]string{"230 ", "EZA1736I pwd", "257 ", "EZA1736I quit"}, 0, true),
		recordRow("netrc_login_then_subcommand", netrc, nil, "$HOST $PORT\npwd\nquit\n",
			[]string{"230 ", "EZA1736I pwd", "257 ", "EZA1736I quit"}, 0, true),
		recordRow("netrc_user_without_password_zos_records", netrcNoPass, nil, "$HOST $PORT\n$USER\n$PASS\npwd\nquit\n",
			[]string{"EZA1789I PASSWORD:", "230 ", "EZA1736I pwd", "257 ", "EZA1736I quit"}, 0, true),
		recordRow("netrc_user_without_password_blank_user_record", netrcNoPass, nil, "$HOST $PORT\n\n$PASS\npwd\nquit\n",
			[]string{"230 ", "257 ", "EZA1736I quit"}, 0, true),
		recordRow("netrc_user_without_password_password_record_only", netrcNoPass, nil, "$HOST $PORT\n$PASS\npwd\nquit\n",
			[]string{"230 ", "257 ", "EZA1736I quit"}, 0, true),
		recordRow("url_login_then_records", "", []string{"ftp://$USER:$PASS@$HOST:$PORT/"}, "$USER\n$PASS\npwd\nquit\n",
			[]string{"230 ", "257 ", "EZA1736I quit"}, 0, true),
		// item 12: padded 80-byte INPUT records
		{
			name:   "padded_input_records",
			fault:  "every INPUT record padded with blanks to 80 bytes, as a z/OS fixed-record data set holds them (issue 25 item 12)",
			input:  padded.String(),
			msg:    `230 .*\n(.*\n)*EZA1736I pwd\n`, // the echo drops the padding
			usable: true,
		},
		// item 10: LITERAL is QUOTE
		{
			name:    "literal_pass_masked",
			fault:   "literal PASS with a password: LITERAL is no z/OS subcommand (nothing is sent), and its echo is masked as quote PASS's is (issue 25 item 10)",
			args:    []string{"-d"},
			cmd:     "literal PASS " + literalSecret,
			secrets: []string{literalSecret},
			msg:     `EZA1736I literal PASS\nZFT0101E Unknown subcommand literal\.`,
			usable:  true,
		},
	}
}

// recordRow is a row of issue 25 item 5: the job input (with a netrc
// and command-line args when given) holds login records the login cannot
// use; want are texts the transcript holds in this order ($HOST and $PORT
// stand for the server's); skips is the number of ZFT0240W lines; usable
// whether the job's pwd finds a session.
func recordRow(name, netrc string, args []string, input string, want []string, skips int, usable bool) faultRow {
	rc := ""
	if !usable { // the host record cannot be used: -e ends the job there
		rc = "10000, Error Code = 00007"
	}
	msg := "(?s)"
	for i, w := range want {
		if i > 0 {
			msg += ".*"
		}
		msg += regexp.QuoteMeta(w)
	}
	msg = strings.NewReplacer(`\$HOST`, `\S+`, `\$PORT`, `\d+`).Replace(msg)
	return faultRow{
		name:    name,
		fault:   "login records the login cannot use: " + strings.ReplaceAll(name, "_", " ") + " (issue 25 item 5)",
		netrc:   netrc,
		args:    args,
		wait:    10,
		input:   input,
		secrets: []string{staleSecret},
		rc:      rc,
		msg:     msg,
		usable:  usable,
		check: func(t *testing.T, _, out string) {
			if strings.Contains(out, "ZFT0101E") {
				t.Errorf("a login record ran as a subcommand:\n%s", clip(out))
			}
			if n := strings.Count(out, "ZFT0240W"); n != skips && !strings.Contains(out, "EZA1735I") {
				t.Errorf("%d ZFT0240W lines, want %d:\n%s", n, skips, clip(out))
			}
		},
	}
}

func TestFaultMatrixRecords(t *testing.T) {
	warmUp(t)
	for _, row := range faultRowsRecords() {
		t.Run(row.name, func(t *testing.T) {
			runFaultRow(t, row)
		})
	}
}
