package main

import (
	"fmt"
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
