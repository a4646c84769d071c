package main

import (
	"os"
	"testing"

	"github.com/zftp/zftp/client/ftptest"
	"github.com/zftp/zftp/internal/ftpd"
)

// faultRowsParallel are the rows of PARALLEL's extra sessions meeting a
// server that does not tell them where the first session is: PWD refused.
// An extra session would log in at the home directory and fetch the files
// of the same names there; none is used, one warning says so, and every
// file comes from the directory the job changed to.
func faultRowsParallel() []faultRow {
	put, fetched, check := payloadFiles(6)
	return []faultRow{{
		name:   "parallel_pwd_refused",
		fault:  "--passive --parallel 3: PWD is refused (500), after CD into a directory whose files have namesakes in the home directory",
		faults: ftpd.Faults{ReplyCodeFor: map[string]string{"PWD": "500 forced"}},
		args:   []string{"--passive", "--parallel", "3"},
		prepare: func(t *testing.T, srv *ftptest.Server, tmp string) {
			if err := os.MkdirAll(srv.Path("sub"), 0o755); err != nil {
				t.Fatal(err)
			}
			put(t, srv, tmp) // the home directory's files
			for _, name := range fetched {
				if err := os.Rename(srv.Path(name), srv.Path("sub/"+name)); err != nil {
					t.Fatal(err)
				}
				srv.WriteFile(t, name, []byte("the home directory's namesake\n"))
			}
		},
		cmd: "binary\ncd sub\nmget p*",
		// The MGET succeeds; the -e run ends at the PWD the row adds after it.
		rc:       `28500, Error Code = 00002`,
		msg:      `ZFT0197W The server did not give the remote directory \(PWD: 500 forced\): no extra session is used; continuing with 1\.`,
		pwdReply: `(?m)^500 forced`,
		files:    fetched,
		check:    check,
	}}
}

func TestFaultMatrixParallel(t *testing.T) {
	warmUp(t)
	for _, row := range faultRowsParallel() {
		t.Run(row.name, func(t *testing.T) {
			t.Parallel()
			runFaultRow(t, row)
		})
	}
}
