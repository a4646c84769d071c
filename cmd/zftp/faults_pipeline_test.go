package main

import (
	"fmt"
	"os"
	"path/filepath"
	"testing"

	"github.com/zftp/zftp/client/ftptest"
	"github.com/zftp/zftp/internal/ftpd"
)

// faultRowsPipeline are the rows of the commands zftp sends together
// (PIPELINE, client/settings.go and client/passive.go): a server that
// loses what arrives after the command it read never answers them. The
// wait ends at -w with the connection lost, a non-zero code and the hint
// that names PIPELINE FALSE; with PIPELINE FALSE the same server moves
// every file.
func faultRowsPipeline() []faultRow {
	putFiles, fetched, checkFetched := payloadFiles(6)
	lose := ftpd.Faults{LosePipelined: true}
	return []faultRow{
		{
			name: "pipelined_commands_lost",
			fault: "--passive --parallel 3, -w 2: the server forgets whatever arrived after the command it read, " +
				"so PASV with LIST and an extra session's settings after login get no reply",
			faults:  lose,
			args:    []string{"--passive", "--parallel", "3"},
			wait:    2,
			prepare: putFiles,
			cmd:     "binary\nmget p*",
			rc:      `\d+, Error Code = 000(09|10)`,
			msg:     `ZFT0110E no reply to a command sent together with others \(a server that loses such commands needs PIPELINE FALSE in FTP\.DATA, or locsite nopipeline\)`,
			usable:  false,
		},
		{
			name:    "pipelined_commands_lost_pipeline_false",
			fault:   "the same server, PIPELINE FALSE: every command goes on its own and every file arrives",
			faults:  lose,
			args:    []string{"--passive", "--parallel", "3"},
			ftpData: "PIPELINE FALSE\n",
			wait:    2,
			prepare: putFiles,
			cmd:     "binary\nmget p*",
			usable:  true,
			files:   fetched,
			check:   checkFetched,
		},
		{
			name: "early_upload_data_dropped",
			fault: "--passive: the server moves 100 bytes of each STOR and answers 426; the second PUT, " +
				"small, wrote its data before the 150 (client/early.go)",
			faults:  ftpd.Faults{DropDataAfter: 100},
			args:    []string{"--passive"},
			prepare: smallLocal,
			cmd:     "binary\nput $TMP/small.bin a.bin\nput $TMP/small.bin b.bin",
			rc:      "27426, Error Code = 00002",
			msg:     `(?s)EZA1736I put \S+small\.bin b\.bin\n.*426 Connection closed; transfer aborted\.`,
			usable:  true,
			files:   []string{"small.bin"},
		},
		{
			name:    "early_upload_refused",
			fault:   "--passive: the server refuses every STOR (553) without taking its data connection; the second PUT's data went before the refusal",
			faults:  ftpd.Faults{ReplyCodeFor: map[string]string{"STOR": "553 Requested action not taken."}},
			args:    []string{"--passive"},
			prepare: smallLocal,
			cmd:     "binary\nput $TMP/small.bin a.bin\nput $TMP/small.bin b.bin",
			rc:      "27553, Error Code = 00002",
			msg:     `(?s)EZA1736I put \S+small\.bin b\.bin\n.*553 Requested action not taken\.`,
			usable:  true,
			files:   []string{"small.bin"},
		},
	}
}

// smallLocal makes $TMP/small.bin: 3000 bytes, an upload sent whole before
// its 150 when it goes together with its PASV.
func smallLocal(t *testing.T, _ *ftptest.Server, tmp string) {
	if err := os.WriteFile(filepath.Join(tmp, "small.bin"), faultPayload[:3000], 0o644); err != nil {
		t.Fatal(err)
	}
}

func TestFaultMatrixPipeline(t *testing.T) {
	warmUp(t)
	for _, row := range faultRowsPipeline() {
		t.Run(row.name, func(t *testing.T) {
			t.Parallel()
			runFaultRow(t, row)
		})
	}
}

// payloadFiles are n files of 1000 bytes of faultPayload on the server
// (p0.bin, p1.bin, ...): put writes them there, names are their names,
// and check fails the test unless each arrived whole in the local
// directory.
func payloadFiles(n int) (put func(*testing.T, *ftptest.Server, string), names []string, check func(*testing.T, string, string)) {
	for i := range n {
		names = append(names, fmt.Sprintf("p%d.bin", i))
	}
	put = func(t *testing.T, srv *ftptest.Server, _ string) {
		for i, name := range names {
			srv.WriteFile(t, name, faultPayload[i*1000:(i+1)*1000])
		}
	}
	check = func(t *testing.T, tmp, _ string) {
		for i, name := range names {
			if got := readLocal(t, tmp, name); string(got) != string(faultPayload[i*1000:(i+1)*1000]) {
				t.Errorf("%s: %d bytes, not the server's file", name, len(got))
			}
		}
	}
	return put, names, check
}
