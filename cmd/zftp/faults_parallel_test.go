package main

import (
	"fmt"
	"os"
	"testing"

	"github.com/zftp/zftp/client/ftptest"
	"github.com/zftp/zftp/internal/ftpd"
)

// faultRowsParallel are the rows of PARALLEL's extra sessions and the
// first session's state: a server that does not tell them where the first
// session is (PWD refused: an extra session would log in at the home
// directory and fetch the files of the same names there; none is used, one
// warning says so, and every file comes from the directory the job changed
// to), and SITE parameters on a z/OS data-set server (siteRowMVS).
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
	}, siteRowMVS()}
}

// siteRowMVS is the row of SITE parameters on a z/OS data-set server: the
// extra sessions send the job's SITE again, so every data set MPUT
// allocates has the job's attributes, whichever session stored it (the
// server's default is RECFM=VB LRECL=256).
func siteRowMVS() faultRow {
	var names []string
	for i := range 6 {
		names = append(names, fmt.Sprintf("U%d", i))
	}
	var srv *ftptest.Server // this run's, for check
	return faultRow{
		name:         "parallel_site_mvs",
		fault:        "--passive --parallel 3 against a z/OS data-set server: SITE RECFM=FB LRECL=80 BLKSIZE=3200, then MPUT of 6 files",
		server:       []ftptest.Option{ftptest.WithMVS()},
		serverPerRun: true,
		args:         []string{"--passive", "--parallel", "3"},
		prepare: func(t *testing.T, s *ftptest.Server, tmp string) {
			srv = s
			for i, name := range names {
				writeLocal(t, tmp, name, faultPayload[i*1000:(i+1)*1000])
			}
		},
		cmd:    "binary\nsite recfm=fb lrecl=80 blksize=3200\nlcd $TMP\nmput U*",
		usable: true,
		files:  names,
		check: func(t *testing.T, _, _ string) {
			for _, name := range names {
				dcb, err := os.ReadFile(srv.Path("TESTER/." + name + ".dcb"))
				if err != nil || string(dcb) != "RECFM=FB LRECL=80 BLKSIZE=3200\n" {
					t.Errorf("data set %s allocated with %q (%v), want the job's RECFM=FB LRECL=80 BLKSIZE=3200", name, dcb, err)
				}
			}
		},
	}
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
