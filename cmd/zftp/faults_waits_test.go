package main

import (
	"testing"
	"time"

	"github.com/zftp/zftp/internal/ftpd"
)

// waitBound is how long a -w 5 run of a waits row may take. Issue 26
// asks for about 5 s (10 s at most); the bound leaves room for a loaded
// machine under -race. A run over it is a hang: before -w bounded the
// data connection's opening, a 1xx flood in active mode took 50 s.
// Measured: about 5 s in passive mode and 6 s in active mode (the wait for
// the server's connection, then at most a second for a final reply:
// client.ErrNoDataConnection). Before that second was bounded, active mode
// took 10 s (a second -w for the final reply), over this bound.
const waitBound = 9 * time.Second

// faultRowsWaits are the rows of issue 26's bounded waits: with -w 5 a
// command ends within about 5 seconds of the last useful byte however the
// server behaves — a flood of preliminary replies (one every 0.5 s, never
// data), a data connection that never comes, a silent data connection —
// in active (PORT) and passive (PASV) mode.
func faultRowsWaits() []faultRow {
	var rows []faultRow
	for _, mode := range []struct {
		name string
		args []string
	}{{"active", nil}, {"passive", []string{"--passive"}}} {
		rows = append(rows,
			faultRow{
				name:   "preliminary_flood_" + mode.name,
				fault:  "a 150 reply every 0.5 s in answer to RETR, never data and never a final reply, -w 5, " + mode.name + " mode (issue 26)",
				faults: ftpd.Faults{PreliminaryFloodFor: []string{"RETR"}, PreliminaryEvery: 500 * time.Millisecond},
				args:   mode.args,
				cmd:    getOld,
				rc:     `16150, Error Code = 000(09|10)`,
				msg:    `ZFT0110E .*(preliminary|1xx|timeout)`,
				within: waitBound,
			},
			faultRow{
				name:   "no_data_connection_" + mode.name,
				fault:  "RETR answered 125, then the server never connects (PORT) or never accepts (PASV) and sends no final reply, -w 5, " + mode.name + " mode (issue 26)",
				faults: ftpd.Faults{NoDataConnection: true},
				args:   mode.args,
				cmd:    getOld,
				rc:     `16125, Error Code = 000(09|10)`,
				msg:    `ZFT0110E .*timeout|EZA2589E`,
				within: waitBound,
			},
			faultRow{
				name:   "silent_data_connection_" + mode.name,
				fault:  "RETR answered 125, the data connection opens and carries no byte, -w 5, " + mode.name + " mode (issue 26)",
				faults: ftpd.Faults{SilentData: true},
				args:   mode.args,
				cmd:    getOld,
				// the client gives up on the data connection and closes it;
				// the server's 426 for it may come first
				rc:     `16(125|426), Error Code = 00009`,
				msg:    `EZA2589E Connection to server interrupted or timed out\. Data connection`,
				usable: true,
				within: waitBound,
			},
		)
	}
	return rows
}

func TestFaultMatrixWaits(t *testing.T) {
	warmUp(t)
	for _, row := range faultRowsWaits() {
		t.Run(row.name, func(t *testing.T) {
			t.Parallel() // each row waits out -w twice; the waits overlap
			runFaultRow(t, row)
		})
	}
}
