//go:build linux

package interop

import (
	"fmt"
	"slices"
	"testing"
)

// feature is one thing the interop table (docs/interop.md, TestInteropTable) measures on each
// server, named as the table's first column names it.
type feature string

// The features, in the table's order.
const (
	featLogin     feature = "login (USER, PASS)"
	featList      feature = "LIST parsed (ReadDir without MLSD)"
	featMLSD      feature = "MLSD (ReadDir)"
	featNLST      feature = "NLST without a pathname"
	featNLSTGlob  feature = "NLST with a wildcard"
	featSize      feature = "SIZE"
	featMDTM      feature = "MDTM"
	featREST      feature = "REST (RETR from an offset)"
	featEPSV      feature = "EPSV"
	featEPRT      feature = "EPRT"
	featTLS       feature = "explicit TLS (AUTH TLS, PROT P)"
	featReuse     feature = "TLS session reuse on data connections"
	featCCC       feature = "CCC"
	featSTOU      feature = "STOU"
	featASCII     feature = "TYPE A round trip"
	featRoundTrip feature = "1 MiB binary round trip, byte-exact"
	featParallel  feature = "two sessions at once, one with PORT"
	featPipeline  feature = "pipelined: settings after login, PASV with STOR and RETR"
)

// features is the table's feature list: docs/interop.md must have exactly these rows
// (TestInteropTableCurrent).
var features = []feature{featLogin, featList, featMLSD, featNLST, featNLSTGlob, featSize, featMDTM, featREST,
	featEPSV, featEPRT, featTLS, featReuse, featCCC, featSTOU, featASCII, featRoundTrip, featParallel, featPipeline}

// noTLS is why the TLS features do not apply to a server.
const noTLS = "no TLS: the server has no AUTH TLS"

// lacks says, for each server kind, which features it does not have and why. The tests check
// the refusal in place of the feature (never a silent skip), and TestInteropTable fails when a
// server measures otherwise than declared here, either way.
var lacks = map[Kind]map[feature]string{
	Vsftpd: {
		featMLSD: "vsftpd 3.0.3 has no MLST/MLSD",
		featCCC:  "vsftpd has no CCC (500 Unknown command)",
	},
	Proftpd: {},
	PureFTPd: {
		featNLSTGlob: "pure-ftpd 1.0.50 refuses NLST with a pattern (550 Can't check for file existence)",
		featReuse:    "pure-ftpd does not resume TLS sessions on data connections",
	},
	Pyftpdlib: {
		featNLSTGlob: "pyftpdlib does not glob: NLST takes the pattern as a name (550)",
		featCCC:      "pyftpdlib's TLS_FTPHandler has no CCC (500)",
		featParallel: "pyftpdlib 1.5.7's FTPServer (one process for every session) stops serving a session's data connection when another session sends PORT (see the interop table)",
	},
	Twisted: {
		featMLSD:  "twisted.protocols.ftp has no MLST/MLSD",
		featNLST:  "twisted.protocols.ftp requires NLST's pathname (500 Syntax error), which RFC 959 makes optional",
		featREST:  "twisted.protocols.ftp has no REST (502)",
		featEPSV:  "twisted.protocols.ftp has PASV and PORT only (EPSV: 502)",
		featEPRT:  "twisted.protocols.ftp has PASV and PORT only (EPRT: 502)",
		featTLS:   noTLS,
		featReuse: noTLS,
		featCCC:   noTLS,
		featSTOU:  "twisted.protocols.ftp has no STOU (502)",
		featASCII: "twisted.protocols.ftp 22.4 fails every TYPE A transfer on Python 3 (a TypeError: STOR 426, RETR 550)",
	},
	Inetutils: {
		featMLSD:  "inetutils ftpd has no MLST/MLSD",
		featTLS:   noTLS,
		featReuse: noTLS,
		featCCC:   noTLS,
	},
	// zftpd --mvs (table_mvs_test.go): refusals of z/OS for data sets, as internal/ftpd's
	// mvs_replies.go cites them.
	zftpdMVS: {
		featMLSD: "zftpd --mvs has no MLST/MLSD (FEAT lists none): its listings are IBM's data set and member lists",
		// IBM, z/OS Communications Server: IP and SNA Codes, 550 reply (ftp550-31.htm): SIZE and
		// MDTM are supported only for z/OS UNIX files; IP Configuration Reference, EXTENSIONS
		// statement (ftpcasextensions.htm): for an MVS data set the server returns a reply code
		// and an error message instead.
		featSize: "z/OS answers SIZE for z/OS UNIX files only: for a data set, 550 (IBM, IP and SNA Codes, ftp550-31)",
		featMDTM: "z/OS answers MDTM for z/OS UNIX files only: for a data set, 550 (IBM, IP and SNA Codes, ftp550-31)",
		featREST: "zftpd --mvs has stream mode only and refuses REST with 504, as a z/OS server restarts block and compressed mode transfers",
	},
}

// lack returns why kind k lacks feature f, or "" when it has it.
func lack(k Kind, f feature) string { return lacks[k][f] }

// requireLacks fails the test unless every column of the table has an entry in lacks: a new kind must
// state what it lacks (possibly nothing).
func requireLacks(t *testing.T) {
	t.Helper()
	for _, k := range columns {
		if _, ok := lacks[k]; !ok {
			t.Fatalf("lacks has no entry for %s: say which features it lacks (an empty map if none)", k)
		}
	}
}

// coverKinds fails the test unless every server kind is one the test runs against (cases) or
// one it states does not apply (without: kind → why), and logs those reasons: a new kind must be
// placed in every test that lists servers by hand.
func coverKinds(t *testing.T, cases []Kind, without map[Kind]string) {
	t.Helper()
	for _, k := range Kinds {
		why, out := without[k]
		switch {
		case slices.Contains(cases, k) && out:
			t.Errorf("%s is both run and said not to apply (%s)", k, why)
		case slices.Contains(cases, k):
		case out && why != "":
			t.Logf("%s: does not apply: %s", k, why)
		default:
			t.Errorf("%s is neither run nor said not to apply: add a case for it, or say why it does not apply", k)
		}
	}
}

// notApplicable says in the test log that feature f does not apply to kind k, and why, after the
// caller has checked the refusal that shows it.
func notApplicable(t *testing.T, k Kind, f feature) {
	t.Helper()
	why := lack(k, f)
	if why == "" {
		panic(fmt.Sprintf("notApplicable(%s, %q): lacks does not list it", k, f))
	}
	t.Logf("%s: %s does not apply: %s (refusal checked)", k, f, why)
}
