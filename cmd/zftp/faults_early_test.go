package main

import (
	"testing"
	"time"

	"github.com/zftp/zftp/internal/ftpd"
	"github.com/zftp/zftp/internal/platformtest"
)

// acrossNetwork is the delay before each of the server's replies that
// makes its passive exchange take as long as one across a network: a plain
// download is read before its 1xx only then (client.earlyReadWait).
const acrossNetwork = 2 * time.Millisecond

// getOK fetches the small ok.txt (5 bytes): a download that the client
// reads whole before its 1xx when it goes together with its PASV.
const getOK = "get ok.txt $TMP/ok.txt (replace"

// faultRowsEarly are the download faults met by a transfer whose command
// went together with its PASV (passive mode, after a first transfer):
// its data is read, and under PROT P its handshake made, while the 1xx is
// on its way (client/earlystart.go). A first transfer that the fault
// spares (DIR) makes the faulty one the pipelined one; where the fault
// meets every transfer, the second of two GETs is, and both must fail,
// leaving no local file.
func faultRowsEarly() []faultRow {
	passive := []string{"--passive"}
	twice := getOK + "\n" + getOld
	rows := []faultRow{
		{
			name:   "early_data_closed_426",
			fault:  "pipelined RETR: the data connection closed after 4 KiB of 1 MiB, then 426",
			faults: ftpd.Faults{Delay: acrossNetwork, DropDataAfter: 4096},
			args:   passive,
			cmd:    "dir\n" + getOld,
			rc:     "16426, Error Code = 00002",
			msg:    `426 Connection closed; transfer aborted.`,
			usable: true,
		},
		{
			name:   "early_data_closed_226",
			fault:  "pipelined RETR: 4 KiB of 1 MiB, a close, and still 226 (short against the 150's count)",
			faults: ftpd.Faults{Delay: acrossNetwork, DropDataAfter: 4096, DropDataQuietly: true},
			plain:  true,
			args:   passive,
			cmd:    "binary\ndir\n" + getOld,
			rc:     "16226, Error Code = 00010",
			msg:    `226 Transfer complete\nZFT0110E RETR f.bin: transfer incomplete: the server announced 1048576 bytes and sent 4096`,
			usable: true,
		},
		{
			name:   "early_data_reset",
			fault:  "pipelined RETR: the data connection reset after 4 KiB of 1 MiB, then 426",
			faults: ftpd.Faults{Delay: acrossNetwork, DropDataAfter: 4096, ResetDataOnDrop: true},
			args:   passive,
			cmd:    "dir\n" + getOld,
			rc:     "16426, Error Code = 0000[29]",
			msg:    `426 Connection closed; transfer aborted.`,
			usable: true,
		},
		{
			name:   "early_start_then_451",
			fault:  "pipelined RETR: 1xx, the data connection closed with no data, then 451",
			faults: ftpd.Faults{Delay: acrossNetwork, FailAfterStart: "451 disk gone"},
			args:   passive,
			cmd:    twice,
			rc:     "16451, Error Code = 00002",
			msg:    `(?s)451 disk gone.*EZA1736I get f\.bin .*451 disk gone`,
			usable: true,
		},
		{
			name:   "early_start_data_then_451",
			fault:  "pipelined RETR: 1xx, all the data (read before the 1xx), then 451",
			faults: ftpd.Faults{Delay: acrossNetwork, ClosingReplyAfterData: true},
			args:   passive,
			cmd:    twice,
			rc:     "16451, Error Code = 00002",
			msg:    `(?s)451 Requested action aborted.*EZA1736I get f\.bin .*451 Requested action aborted`,
			usable: true,
		},
		{
			name:   "early_tls_no_close_notify",
			fault:  "pipelined PROT P RETR of 5 bytes, read whole before the 1xx, ended without close_notify",
			faults: ftpd.Faults{Delay: acrossNetwork, NoCloseNotify: true},
			tls:    true,
			args:   passive,
			cmd:    getOK + "\n" + getOK,
			rc:     "16250, Error Code = 00010",
			msg:    `(?s)(ZFT0110E RETR ok\.txt: the TLS data connection ended without close_notify; the data may be truncated.*){2}`,
			usable: true,
		},
		{
			name:   "early_silent_data_connection",
			fault:  "pipelined RETR answered 125, the data connection opens and carries no byte, -w 5",
			faults: ftpd.Faults{Delay: acrossNetwork, SilentData: true},
			args:   passive,
			cmd:    "dir\n" + getOld,
			rc:     `16(125|426), Error Code = 00009`,
			msg:    `EZA2589E Connection to server interrupted or timed out\. Data connection`,
			usable: true,
			within: waitBound,
		},
		{
			name:   "early_preliminary_flood",
			fault:  "pipelined RETR: a 150 every 0.5 s, never data and never a final reply, -w 5",
			faults: ftpd.Faults{Delay: acrossNetwork, PreliminaryFloodFor: []string{"RETR"}, PreliminaryEvery: 500 * time.Millisecond},
			args:   passive,
			cmd:    "dir\n" + getOld,
			rc:     `16150, Error Code = 000(09|10)`,
			msg:    `ZFT0110E .*(preliminary|1xx|timeout)`,
			within: waitBound,
		},
	}
	if platformtest.UnderWine() {
		// wine's recv reports a reset data connection as the end of the
		// stream (wineFaultMessages): with no size to check, the reset
		// is invisible there, not on Linux or Windows.
		return rows
	}
	return append(rows, faultRow{
		name:   "early_data_reset_then_250",
		fault:  "pipelined RETR: the data connection reset after 4 KiB of 1 MiB, and still 250 (no size in the 125)",
		faults: ftpd.Faults{Delay: acrossNetwork, DropDataAfter: 4096, ResetDataOnDrop: true, DropDataQuietly: true},
		args:   passive,
		cmd:    "dir\n" + getOld,
		rc:     "16250, Error Code = 00010",
		msg:    `250 Transfer completed successfully.\nZFT0110E RETR f\.bin: .*` + platformtest.ConnReset,
		usable: true,
	})
}

func TestFaultMatrixEarly(t *testing.T) {
	warmUp(t)
	for _, row := range faultRowsEarly() {
		t.Run(row.name, func(t *testing.T) {
			t.Parallel()
			runFaultRow(t, row)
		})
	}
}
