package main

import (
	"testing"

	"github.com/zftp/zftp/internal/ftpd"
)

// faultRowsTLSData are the faults of a protected data connection, which
// the client reads through a buffer under crypto/tls and writes with each
// write's records gathered (docs/performance.md, sixth round): a download
// cut short must fail however the server ends it, a silent one ends with
// -w, and an upload the server drops is reported as failed.
func faultRowsTLSData() []faultRow {
	return []faultRow{
		{
			name:   "tls_data_closed_early_426",
			fault:  "PROT P: the data connection closed after 4 KiB of 1 MiB, then 426",
			faults: ftpd.Faults{DropDataAfter: 4096},
			tls:    true,
			cmd:    getOld,
			rc:     "16426, Error Code = 00002",
			msg:    `426 Connection closed; transfer aborted.`,
			usable: true,
		},
		{
			name:  "tls_data_closed_early_250",
			fault: "PROT P: the data connection closed after 600 000 bytes of 1 MiB without close_notify, and the server still says 250",
			// past the first 256 KiB, read before the buffer is used
			faults: ftpd.Faults{DropDataAfter: 600000, DropDataQuietly: true},
			tls:    true,
			cmd:    getOld, // IBM texts: no size in the 125, the close_notify alone tells
			rc:     "16250, Error Code = 00010",
			msg:    `250 Transfer completed successfully.\nZFT0110E RETR f.bin: the TLS data connection ended without close_notify; the data may be truncated`,
			usable: true,
		},
		{
			name:   "tls_silent_data_connection",
			fault:  "PROT P: RETR answered 125, the handshake made, then not a byte, -w 5",
			faults: ftpd.Faults{SilentData: true},
			tls:    true,
			args:   []string{"--passive"},
			cmd:    getOld,
			rc:     `16(125|426), Error Code = 00009`,
			msg:    `EZA2589E Connection to server interrupted or timed out\. Data connection`,
			usable: true,
			within: waitBound,
		},
		{
			name:   "tls_put_data_dropped",
			fault:  "PROT P: a PUT of 1 MiB the server drops after 4 KiB is reported as failed",
			faults: ftpd.Faults{DropDataAfter: 4096},
			tls:    true,
			local:  "up.bin",
			files:  []string{"up.bin"},
			cmd:    "put $TMP/up.bin up.bin",
			rc:     "27426, Error Code = 00002",
			msg:    `426 Connection closed; transfer aborted.`,
			usable: true,
		},
	}
}

func TestFaultMatrixTLSData(t *testing.T) {
	warmUp(t)
	for _, row := range faultRowsTLSData() {
		t.Run(row.name, func(t *testing.T) {
			t.Parallel()
			runFaultRow(t, row)
		})
	}
}
