package main

import (
	"strings"
	"testing"
	"time"

	"github.com/zftp/zftp/internal/ftpd"
)

// faultRows14 are the rows of issue 14 (fail closed, hard limits): the
// verified size, and bounded time and memory against hostile servers.
func faultRows14() []faultRow {
	return []faultRow{
		{
			name:   "short_send_no_byte_count",
			fault:  "IBM-style server (125 without a byte count) sends half the file and 250; it answers SIZE (issue 14 item 10)",
			faults: ftpd.Faults{DropDataAfter: int64(len(faultPayload) / 2), DropDataQuietly: true},
			cmd:    "binary\n" + getOld,
			rc:     "16250, Error Code = 00010",
			msg:    `>>> SIZE f.bin\n213 1048576\n(.*\n)*125 Sending data set /f.bin\n250 .*\nEZA1617I 524288 bytes .*\nZFT0130E f.bin: received 524288 bytes, the server gives the size as 1048576. The local file was not changed.`,
			usable: true,
		},
		{
			name:   "short_send_new_target",
			fault:  "as short_send_no_byte_count, to a new local name: nothing is left under the target name",
			faults: ftpd.Faults{DropDataAfter: int64(len(faultPayload) / 2), DropDataQuietly: true},
			cmd:    "binary\nget f.bin $TMP/new.bin",
			rc:     "16250, Error Code = 00010",
			msg:    `ZFT0130E f.bin: received 524288 bytes`,
			usable: true,
		},
		{
			name:    "data_timeout_binary_get",
			fault:   "the data connection goes silent during a binary GET: a network failure, not a local write error (issue 14 item 11)",
			faults:  ftpd.Faults{DataDelay: 4 * time.Second},
			ftpData: "DATACTTIME 1\n",
			cmd:     "binary\n" + getOld,
			rc:      `16125, Error Code = 000(09|10)`,
			msg:     `EZA2589E Connection to server interrupted or timed out\. Data connection\nEZA1721W Server not responding, closing connection\n`, // issue 24 item 4
		},
		{
			name:   "data_reset_binary_get",
			fault:  "the data connection is reset (TCP RST) during a binary GET, then 426: the server's reply, not a local write error (issue 14 item 11)",
			faults: ftpd.Faults{DropDataAfter: int64(len(faultPayload) / 2), ResetDataOnDrop: true},
			cmd:    "binary\n" + getOld,
			rc:     `16426, Error Code = 00002`,
			msg:    `>>> RETR f.bin\n125 Sending data set /f.bin\n426 Connection closed; transfer aborted\.\n`,
			usable: true,
		},
		{
			name:   "data_reset_binary_get_quiet",
			fault:  "the data connection is reset (TCP RST) during a binary GET and the server says 250: a network failure (error code 10), not a local write error (code 20)",
			faults: ftpd.Faults{DropDataAfter: int64(len(faultPayload) / 2), ResetDataOnDrop: true, DropDataQuietly: true},
			cmd:    "binary\n" + getOld,
			rc:     `16250, Error Code = 00010`,
			msg:    `ZFT0110E RETR f.bin: .*connection reset by peer`,
			usable: true,
		},
		{
			name:   "preliminary_flood_retr",
			fault:  "a flood of 1xx replies during a transfer, -w 5 (issue 14 item 4)",
			faults: ftpd.Faults{PreliminaryFloodFor: []string{"RETR"}},
			cmd:    getOld,
			rc:     `16150, Error Code = 000(09|10)`,
			msg:    `ZFT0110E .*(preliminary|1xx)`,
		},
		{
			name:   "preliminary_every_second_greeting",
			fault:  "a 1xx reply every second instead of the greeting, -w 5",
			faults: ftpd.Faults{PreliminaryFloodFor: []string{"GREETING"}, PreliminaryEvery: time.Second},
			cmd:    getOld,
			rc:     `10\d\d\d, Error Code = 000(08|09|10)`,
			msg:    `EZA2589E Connection to server interrupted or timed out\. Initial Connection\n`, // MYOPENTIME (-w), issue 24 item 4
		},
		{
			name:   "preliminary_every_second_quit",
			fault:  "a 1xx reply every second in answer to QUIT, -w 5",
			faults: ftpd.Faults{PreliminaryFloodFor: []string{"QUIT"}, PreliminaryEvery: time.Second},
			cmd:    "noop",
			rc:     "29150, Error Code = 00009",
			msg:    `>>> QUIT\n(150 Still working.*\n){1,6}ZFT0110E read reply: .*i/o timeout \(no final reply within 5s; \d preliminary replies do not extend the wait\)`,
			usable: true,
		},
		{
			name:   "reply_200000_lines",
			fault:  "a reply of 200 000 lines (over the 100 000-line cap)",
			faults: ftpd.Faults{RawReplyFor: map[string]string{"STAT": "211-status follows\r\n" + strings.Repeat(" a line of status\r\n", 199998) + "211 End\r\n"}},
			cmd:    "quote stat",
			rc:     `\d+, Error Code = 00010`,
			msg:    `ZFT0110E read reply: reply 211: too many lines in reply \(more than 100000\)\nZFT0112E`,
		},
		{
			name:   "mget_huge_nlst",
			fault:  "MGET against an NLST of 1 100 000 names (over the 1 000 000-name cap) (issue 14 item 4)",
			faults: ftpd.Faults{NameList: []string{}, ListExtraLines: 1_100_000},
			cmd:    "mget *",
			rc:     `22\d\d\d, Error Code = 00010`,
			msg:    `ZFT0131E mget: the server's name list has more than 1000000 names or 67108864 bytes; name fewer files.`,
			usable: true,
			wait:   60, // the cap is what is tested: -w (which bounds data silences too) must not fire first under -race on a busy machine
		},
	}
}

func TestFaultMatrix14(t *testing.T) {
	warmUp(t)
	for _, row := range faultRows14() {
		t.Run(row.name, func(t *testing.T) {
			runFaultRow(t, row)
		})
	}
}
