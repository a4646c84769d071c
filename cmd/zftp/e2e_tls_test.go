package main

import (
	"bytes"
	"crypto/rand"
	"crypto/x509"
	"encoding/hex"
	"net"
	"regexp"
	"strconv"
	"strings"
	"testing"
	"time"

	"github.com/zftp/zftp/client/ftptest"
	"github.com/zftp/zftp/tls/tlstest"
	"software.sslmate.com/src/go-pkcs12"

	"github.com/zftp/zftp/client"
)

// tlsSession is an end-to-end run against a test server with FTPS (or
// other server options), with an FTP.DATA written for it.
type tlsSession struct {
	session
	server  []ftptest.Option // options after WithIBM
	other   bool             // the server's 227 names 127.0.0.2 (WithPassiveAddress)
	ftpData string           // FTP.DATA, written to $TMP/ftp.data and passed with -f; "" = none
	maxTime time.Duration    // the run must end within this (a mismatch fails fast); 0 = no bound
}

// ftpDataTLS is the FTP.DATA of the explicit sessions: the server's test
// CA as keyring, data connections protected.
const ftpDataTLS = "KEYRING $CAFILE\nSECURE_DATACONN PRIVATE\n"

// putGet is the batch input of a binary PUT and GET of payload.
const putGet = "binary\nput $TMP/data.bin data.bin\nget data.bin $TMP/copy.bin\n"

// setUpPayload writes payload as the local data.bin.
func setUpPayload(t *testing.T, _ *testServer, tmp string) {
	writeLocal(t, tmp, "data.bin", payload)
}

// checkPutGet verifies both directions of putGet.
func checkPutGet(t *testing.T, srv *testServer, tmp string) {
	if !bytes.Equal(srv.read(t, "data.bin"), payload) {
		t.Error("PUT: remote file differs")
	}
	if !bytes.Equal(readLocal(t, tmp, "copy.bin"), payload) {
		t.Error("GET: local copy differs")
	}
}

// tlsFailure is the source line of the goldens whose session ends with a
// TLS failure under -e.
const tlsFailure = "IBM tech note \"FTP fails with EZA2897I\": EZA2897I, EZA2898I with -r TLS, EZA1735I Std Return Code = 10xxx, " +
	"Error Code = 00017 (FTP_AUTH_FAILED, IP User's Guide client error codes); the ZFT line naming the failed check is zftp's, " +
	"printed before IBM's pair so that EZA1735I follows EZA2898I (IBM Q&A: EZA2898I, then EZA1735I)"

var tlsSessions = []tlsSession{
	{
		// Issue 24 item 11: TLSMECHANISM ATTLS warns once, when FTP.DATA
		// is read (not again at OPEN).
		session: session{
			name: "tls_attls_once",
			source: "IP Configuration Reference \"TLSMECHANISM (FTP client) statement\" (ATTLS: the AT-TLS policy secures the session; no AT-TLS off z/OS, so zftp warns with its ZFT0003W " +
				"once, where the statement is read, and behaves as TLSMECHANISM FTP); lines as tls_put_get",
			args:  []string{"-v", "-r", "TLS", "-f", "$TMP/ftp.data"},
			input: login + "quit\n",
		},
		server:  []ftptest.Option{ftptest.WithTLS(client.ExplicitAllowed)},
		ftpData: "TLSMECHANISM ATTLS\n" + ftpDataTLS,
	},
	{
		session: session{
			name:    "tls_put_get",
			zosOnly: true,
			source: "IBM presentation \"Safe and Secure Transfers with z/OS FTP\" (AUTH TLS, 234, PBSZ 0, PROT P, EZA1701I >>> lines); " +
				"reference zos-security 2 (explicit wire sequence) and 3 (SECURE_DATACONN PRIVATE: PBSZ 0 + PROT P at login); ZFT0114I is zftp's",
			args:  []string{"-v", "-r", "TLS", "-f", "$TMP/ftp.data"},
			input: login + putGet + "quit\n",
			setup: setUpPayload,
			check: checkPutGet,
		},
		server:  []ftptest.Option{ftptest.WithTLS(client.ExplicitAllowed), ftptest.WithRequireTLS()},
		ftpData: ftpDataTLS,
	},
	{
		session: session{
			name: "implicit_true_login",
			source: "reference zos-security 2, SECUREIMPLICITZOS TRUE (IBM statement page): the 220 in clear, then the handshake with no AUTH; " +
				"a connection to TLSPORT is implicit (reference 1); PBSZ/PROT per SECURE_DATACONN",
			args:  []string{"-v", "-f", "$TMP/ftp.data"},
			input: login + "pwd\nls\nquit\n",
			setup: func(t *testing.T, srv *testServer, _ string) {
				srv.write(t, "a.txt", []byte("a"))
			},
		},
		server:  []ftptest.Option{ftptest.WithTLS(client.ImplicitZOS)},
		ftpData: "TLSPORT $PORT\nSECUREIMPLICITZOS TRUE\n" + ftpDataTLS,
	},
	{
		session: session{
			name: "implicit_false_login",
			source: "reference zos-security 2, SECUREIMPLICITZOS FALSE (Netscape model, IBM statement page): the handshake right after connect, " +
				"the 220 inside TLS; a connection to TLSPORT is implicit",
			args:  []string{"-v", "-f", "$TMP/ftp.data"},
			input: login + "pwd\nls\nquit\n",
			setup: func(t *testing.T, srv *testServer, _ string) {
				srv.write(t, "a.txt", []byte("a"))
			},
		},
		server:  []ftptest.Option{ftptest.WithTLS(client.Implicit)},
		ftpData: "TLSPORT $PORT\nSECUREIMPLICITZOS FALSE\n" + ftpDataTLS,
	},
	{
		session: session{
			name: "implicit_mismatch_true",
			source: "reference zos-security 2 \"Mismatch symptoms\": a SECUREIMPLICITZOS TRUE client waits for a clear 220 that a Netscape-model server never sends; " +
				"the wait ends at the connect timeout (-w 2) as IBM's client reports it: EZA2589E ... Initial Connection (IP Diagnosis Guide \"Values and explanations for operation in EZA2589E\": " +
				"MYOPENTIME, the initial reply has not been received), return code 10000 (OPEN, no reply), error code 09 FTP_TIMEOUT (issue 24 item 4)",
			args:   []string{"-v", "-e", "-w", "2", "-f", "$TMP/ftp.data"},
			input:  login + "pwd\n",
			status: 10000 % 256,
		},
		server:  []ftptest.Option{ftptest.WithTLS(client.Implicit)},
		ftpData: "TLSPORT $PORT\nSECUREIMPLICITZOS TRUE\n" + ftpDataTLS,
		maxTime: 10 * time.Second,
	},
	{
		session: session{
			name: "implicit_mismatch_false",
			source: "reference zos-security 2 \"Mismatch symptoms\": a SECUREIMPLICITZOS FALSE client sends a ClientHello, a z/OS-model server answers with a clear 220; " +
				"the handshake fails at once with a text naming SECUREIMPLICITZOS (zftp's); " + tlsFailure,
			args:   []string{"-v", "-e", "-w", "2", "-f", "$TMP/ftp.data"},
			input:  login + "pwd\n",
			status: 10000 % 256,
		},
		server:  []ftptest.Option{ftptest.WithTLS(client.ImplicitZOS)},
		ftpData: "TLSPORT $PORT\nSECUREIMPLICITZOS FALSE\n" + ftpDataTLS,
		maxTime: 10 * time.Second,
	},
	{
		session: session{
			name:    "ccc_rfc4217",
			zosOnly: true,
			source: "IP User's Guide \"CCc subcommand\" (TLSRFCLEVEL RFC4217); RFC 4217 section 6 and reference zos-security 4 (200, close_notify both ways, " +
				"then clear; data stays PROT P); the ZFT lines are zftp's",
			args:  []string{"-v", "-r", "TLS", "-f", "$TMP/ftp.data"},
			input: login + "ccc\n" + putGet + "ls\nquit\n",
			setup: setUpPayload,
			check: checkPutGet,
		},
		server:  []ftptest.Option{ftptest.WithTLS(client.ExplicitAllowed), ftptest.WithRequireTLS(), ftptest.WithCCC(true, false)},
		ftpData: ftpDataTLS + "TLSRFCLEVEL RFC4217\n",
	},
	{
		session: session{
			name:    "ccc_nonotify",
			zosOnly: true,
			source: "IP User's Guide \"CCc subcommand\"; TLSRFCLEVEL CCCNONOTIFY (IBM statement page, reference zos-security 4): no close_notify, " +
				"clear at once after the 200; data stays PROT P; the ZFT lines are zftp's",
			args:  []string{"-v", "-r", "TLS", "-f", "$TMP/ftp.data"},
			input: login + "ccc\n" + putGet + "quit\n",
			setup: setUpPayload,
			check: checkPutGet,
		},
		server:  []ftptest.Option{ftptest.WithTLS(client.ExplicitAllowed), ftptest.WithRequireTLS(), ftptest.WithCCC(true, true)},
		ftpData: ftpDataTLS + "TLSRFCLEVEL CCCNONOTIFY\n",
	},
	{
		session: session{
			name:    "ccc_refused_server",
			zosOnly: true,
			source: "reference zos-security 4: the z/OS server answers 534 CCC not supported (SECURE_CTRLCONN PRIVATE); " +
				"the session stays protected and says so (zftp's ZFT line); a protected transfer follows",
			args:  []string{"-v", "-r", "TLS", "-f", "$TMP/ftp.data"},
			input: login + "ccc\n" + putGet + "quit\n",
			setup: setUpPayload,
			check: checkPutGet,
		},
		server:  []ftptest.Option{ftptest.WithTLS(client.ExplicitAllowed), ftptest.WithCCC(false, false)},
		ftpData: ftpDataTLS + "TLSRFCLEVEL RFC4217\n",
	},
	{
		session: session{
			name: "ccc_refused_draft",
			source: "IP User's Guide \"CCc subcommand\" restrictions: supported only with TLSRFCLEVEL RFC4217 or CCCNONOTIFY " +
				"(TLSRFCLEVEL DRAFT, the default, here on a TLS session); no CCC is sent; the refusal text is zftp's",
			args:  []string{"-v", "-r", "TLS", "-f", "$TMP/ftp.data"},
			input: login + "ccc\npwd\nquit\n",
		},
		server:  []ftptest.Option{ftptest.WithTLS(client.ExplicitAllowed), ftptest.WithCCC(true, false)},
		ftpData: ftpDataTLS,
	},
	{
		session: session{
			name: "ccc_refused_implicit",
			source: "IP User's Guide \"CCc subcommand\" restrictions: not supported on a TLSPORT (implicitly secured) connection, " +
				"even with TLSRFCLEVEL RFC4217; no CCC is sent; the refusal text is zftp's",
			args:  []string{"-v", "-f", "$TMP/ftp.data"},
			input: login + "ccc\npwd\nquit\n",
		},
		server:  []ftptest.Option{ftptest.WithTLS(client.ImplicitZOS), ftptest.WithCCC(true, false)},
		ftpData: "TLSPORT $PORT\nSECUREIMPLICITZOS TRUE\nTLSRFCLEVEL RFC4217\n" + ftpDataTLS,
	},
	{
		session: session{
			name: "tls_client_cert",
			source: "reference zos-security 2 step 4 (a client certificate is sent when the KEYRING has one) and issue 5 item 4; " +
				"the keyring is a directory with the CA and the client certificate; lines as tls_put_get",
			args:  []string{"-v", "-r", "TLS", "-f", "$TMP/ftp.data"},
			input: login + "pwd\nquit\n",
		},
		server:  []ftptest.Option{ftptest.WithTLS(client.ExplicitAllowed), ftptest.WithClientCert()},
		ftpData: "KEYRING $CERTDIR\nSECURE_DATACONN PRIVATE\n",
	},
	{
		session: session{
			name: "tls_client_cert_missing",
			source: "the server requires a client certificate and the keyring holds none; under TLS 1.3 the server says so after the handshake, " +
				"found before the NAME prompt (a NOOP kept out of the transcript), so EZA2897I follows the AUTH exchange as in IBM's sample and no USER is sent; " + tlsFailure,
			args:   []string{"-v", "-e", "-r", "TLS", "-f", "$TMP/ftp.data"},
			input:  login + "pwd\n",
			status: 10234 % 256,
		},
		server:  []ftptest.Option{ftptest.WithTLS(client.ExplicitAllowed), ftptest.WithClientCert()},
		ftpData: ftpDataTLS,
	},
	{
		session: session{
			name: "tls_keyring_no_password",
			source: "IBM tech note \"FTP Client fails with EZA2897I Authentication negotiation failed\" (swg21055396: ftpAuth finds no usable key ring " +
				"after the connection, the connection ends with EZA2897I) and APAR PM01158 (ftpAuth: TLS init failed with rc = 201, No key database password supplied); " +
				"a PKCS#12 KEYRING without its password: the greeting, no AUTH or USER sent, " + tlsFailure,
			args:   []string{"-v", "-e", "-r", "TLS", "-f", "$TMP/ftp.data"},
			input:  login + "pwd\n",
			status: 10220 % 256, // no AUTH was sent: the last reply is the 220
			setup:  writeUnreadableP12,
		},
		server:  []ftptest.Option{ftptest.WithTLS(client.ExplicitAllowed)},
		ftpData: "KEYRING $TMP/client.p12\nSECURE_DATACONN PRIVATE\n",
	},
	{
		session: session{
			name: "tls_keyring_no_password_allowed",
			source: "as tls_keyring_no_password under SECURE_FTP ALLOWED (no -e): EZA2897I without EZA2898I (IBM tech note swg21055396), " +
				"and the connection ends as the note says; IBM's clear fallback (\"SECURE_FTP statement\") is for a server without TLS, not an unusable key ring; " +
				"the batch's login lines are dropped unseen and the batch goes on (EZA1457I)",
			args:  []string{"-v", "-f", "$TMP/ftp.data"},
			input: login + "pwd\nquit\n",
			setup: writeUnreadableP12,
		},
		server:  []ftptest.Option{ftptest.WithTLS(client.ExplicitAllowed)},
		ftpData: "SECURE_MECHANISM TLS\nKEYRING $TMP/client.p12\n",
	},
	{
		session: session{
			name: "tls_client_cert_missing_noexit",
			source: "as tls_client_cert_missing without -e: the session is closed, the batch's password line is dropped unseen " +
				"(never run as a subcommand), the batch goes on (EZA1457I, IP User's Guide)",
			args:  []string{"-v", "-r", "TLS", "-f", "$TMP/ftp.data"},
			input: login + "pwd\nquit\n",
		},
		server:  []ftptest.Option{ftptest.WithTLS(client.ExplicitAllowed), ftptest.WithClientCert()},
		ftpData: ftpDataTLS,
	},
	{
		session: session{
			name:   "tls_unknown_ca",
			source: "the server's certificate is from a CA the keyring does not hold: verification fails, nothing secret is sent; " + tlsFailure,
			args:   []string{"-v", "-e", "-r", "TLS", "-f", "$TMP/ftp.data"},
			input:  login + "pwd\n",
			status: 10234 % 256,
			setup: func(t *testing.T, _ *testServer, tmp string) {
				other := tlstest.NewCA(t, "another CA")
				tlstest.WriteFile(t, tmp, "other-ca.pem", other.CertPEM)
			},
		},
		server:  []ftptest.Option{ftptest.WithTLS(client.ExplicitAllowed)},
		ftpData: "KEYRING $TMP/other-ca.pem\nSECURE_DATACONN PRIVATE\n",
	},
	{
		session: session{
			name:    "pasv_ignoreaddr",
			zosOnly: true,
			source: "IBM \"PASSIVEIGNOREADDR (FTP client) statement\" (with FWFRIENDLY TRUE: use the 227 port and the login address); " +
				"the server advertises 127.0.0.2 in its 227 (a NAT), the transfer goes to 127.0.0.1; lines as put_get_passive",
			args:  []string{"-v", "-f", "$TMP/ftp.data"},
			input: login + putGet + "quit\n",
			setup: setUpPayload,
			check: checkPutGet,
		},
		server:  []ftptest.Option{ftptest.WithPassiveAddress(net.IPv4(127, 0, 0, 2))},
		other:   true,
		ftpData: "FWFRIENDLY TRUE\nPASSIVEIGNOREADDR TRUE\n",
	},
	{
		session: session{
			name:    "pasv_foreign_addr",
			zosOnly: true,
			source: "issue 6 item 3: with PASSIVEIGNOREADDR FALSE coded (z/OS's default) the client warns when a 227 names another host (FTP bounce guard; warning text zftp's, ZFT) " +
				"and connects to the address named, where nothing listens: the transfer fails (EZA1735I per IP User's Guide return codes)",
			args:   []string{"-v", "-e", "-f", "$TMP/ftp.data"},
			input:  login + "binary\nget data.bin $TMP/copy.bin\nquit\n",
			status: 16227 % 256, // GET (16) after the 227: 16227, error code 10
			setup: func(t *testing.T, srv *testServer, _ string) {
				srv.write(t, "data.bin", payload)
			},
		},
		server:  []ftptest.Option{ftptest.WithPassiveAddress(net.IPv4(127, 0, 0, 2))},
		other:   true,
		ftpData: "FWFRIENDLY TRUE\nPASSIVEIGNOREADDR FALSE\n",
	},
}

// tlsNormalisers replace what changes from run to run in these sessions,
// beyond normalisers: ports in error texts and the TLSPORT named.
var tlsNormalisers = []struct {
	re   *regexp.Regexp
	repl string
}{
	{regexp.MustCompile(`\(127,0,0,2,\d+,\d+\)`), "(127,0,0,2,P1,P2)"},
	{regexp.MustCompile(`(127\.0\.0\.[12]):\d+`), "$1:PORT"},
	{regexp.MustCompile(`TLSPORT \d+`), "TLSPORT PORT"},
}

func TestEndToEndTLS(t *testing.T) {
	for _, s := range tlsSessions {
		t.Run(s.name, func(t *testing.T) {
			if s.skip != "" {
				t.Skip(s.skip)
			}
			if s.other {
				probe, err := net.ListenTCP("tcp", &net.TCPAddr{IP: net.IPv4(127, 0, 0, 2)})
				if err != nil {
					t.Skipf("127.0.0.2 not usable: %v", err)
				}
				probe.Close()
			}
			srv := &testServer{ftptest.NewServer(t, append([]ftptest.Option{ftptest.WithIBM()}, s.server...)...)}
			tmp := t.TempDir()
			if s.setup != nil {
				s.setup(t, srv, tmp)
			}
			expand := strings.NewReplacer("$TMP", tmp, "$USER", srv.User, "$PASS", srv.Password,
				"$PORT", strconv.Itoa(srv.Port), "$CAFILE", srv.CAFile, "$CERTDIR", srv.CertDir).Replace
			if s.ftpData != "" {
				writeLocal(t, tmp, "ftp.data", []byte(expand(s.ftpData)))
			}
			args := []string{"-w", "20"}
			for _, a := range s.args {
				args = append(args, expand(a))
			}
			args = append(args, srv.Host, strconv.Itoa(srv.Port))
			begin := time.Now()
			out, errOut, status := runFrontEndWith(t, tmp, args, expand(s.input), s.statements())
			if took := time.Since(begin); s.maxTime > 0 && took > s.maxTime {
				t.Errorf("the session took %v, want at most %v", took, s.maxTime)
			}
			if strings.Contains(out, srv.Password) || strings.Contains(errOut, srv.Password) {
				t.Fatalf("password in output:\n%s\nstderr:\n%s", out, errOut)
			}
			if status != s.status {
				t.Errorf("exit status %d, want %d", status, s.status)
			}
			if s.stderr == "" && errOut != "" || !strings.Contains(errOut, s.stderr) {
				t.Errorf("stderr: %q, want %q", errOut, s.stderr)
			}
			got := normalise(out, tmp)
			for _, n := range tlsNormalisers {
				got = n.re.ReplaceAllString(got, n.repl)
			}
			compareGolden(t, s.name, s.source, got)
			if s.check != nil {
				s.check(t, srv, tmp)
			}
		})
	}
}

// writeUnreadableP12 writes $TMP/client.p12, a PKCS#12 keyring with a
// client certificate, encrypted with a password made up here and given
// nowhere (no ZFTP_KEYRING_PASSWORD, no stash file, no prompt in a batch
// job): it cannot be opened.
func writeUnreadableP12(t *testing.T, _ *testServer, tmp string) {
	ca := tlstest.NewCA(t, "p12 CA")
	leaf := ca.Issue(t, "p12 client", tlstest.LeafOptions{Client: true})
	secret := make([]byte, 12)
	if _, err := rand.Read(secret); err != nil {
		t.Fatal(err)
	}
	data, err := pkcs12.Modern.Encode(leaf.Key, leaf.Cert, []*x509.Certificate{ca.Cert}, hex.EncodeToString(secret))
	if err != nil {
		t.Fatal(err)
	}
	writeLocal(t, tmp, "client.p12", data)
}
