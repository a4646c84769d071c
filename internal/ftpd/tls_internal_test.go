package ftpd

import (
	stdtls "crypto/tls"
	"io"
	"net"
	"net/textproto"
	"strings"
	"sync/atomic"
	"testing"
	"time"

	"github.com/zftp/zftp/client"
	"github.com/zftp/zftp/tls/tlstest"
)

// startTLSServer starts a server with a test CA and returns it with the
// client TLS configuration that trusts it.
func startTLSServer(t *testing.T, mod func(*Options)) (*Server, *stdtls.Config) {
	t.Helper()
	ca := tlstest.NewCA(t, "zftpd test CA")
	srv := startServer(t, func(o *Options) {
		o.TLS = ca.ServerConfig(t)
		if mod != nil {
			mod(o)
		}
	})
	return srv, &stdtls.Config{RootCAs: ca.Pool(), ServerName: "127.0.0.1", ClientSessionCache: stdtls.NewLRUClientSessionCache(4)}
}

// upgrade runs the client side of the TLS handshake on the control
// connection.
func (c *rawClient) upgrade(cfg *stdtls.Config) {
	c.t.Helper()
	tc := stdtls.Client(c.nc, cfg)
	if err := tc.Handshake(); err != nil {
		c.t.Fatalf("handshake: %v", err)
	}
	c.c = textproto.NewConn(tc)
}

func TestTLSCommandReplies(t *testing.T) {
	srv, cfg := startTLSServer(t, nil)
	c := dial(t, srv)
	if msg := c.must(211, "FEAT"); !strings.Contains(msg, " AUTH TLS\n") || !strings.Contains(msg, " PBSZ\n") ||
		!strings.Contains(msg, " PROT\n") || strings.Contains(msg, "CCC") {
		t.Errorf("FEAT %q", msg)
	}
	for _, tt := range []struct {
		line string
		code int
	}{
		{"PBSZ 0", 503},      // before AUTH
		{"PROT P", 503},      // before AUTH
		{"AUTH GSSAPI", 504}, // not a TLS mechanism
		{"AUTH", 501},
		{"CCC", 530}, // before login
	} {
		if code, msg := c.cmd("%s", tt.line); code != tt.code {
			t.Errorf("%s: %d %s, want %d", tt.line, code, msg, tt.code)
		}
	}
	if msg := c.must(234, "AUTH SSL"); msg != "Proceed with negotiation." {
		t.Errorf("234 %q", msg)
	}
	c.upgrade(cfg)
	c.must(503, "AUTH TLS") // already protected
	c.must(503, "PROT P")   // before PBSZ
	if msg := c.must(200, "PBSZ 0"); msg != "PBSZ=0" {
		t.Errorf("PBSZ: %q", msg)
	}
	c.must(536, "PROT S")
	c.must(536, "PROT E")
	c.must(504, "PROT X")
	c.must(200, "PROT C")
	c.must(200, "PROT P")
	c.login()
	if msg := c.must(211, "STAT"); !strings.Contains(msg, " Control connection protected by TLS 1.3 ") ||
		!strings.Contains(msg, "; data connections PROT P\n") {
		t.Errorf("STAT %q", msg)
	}
	c.must(534, "CCC") // refused by default
	c.must(221, "QUIT")
}

func TestIBMTLSReplies(t *testing.T) {
	srv, cfg := startTLSServer(t, func(o *Options) { o.IBM = true })
	c := dial(t, srv)
	if msg := c.must(234, "AUTH TLS"); msg != "Security environment established - ready for negotiation" {
		t.Errorf("234 %q", msg)
	}
	c.upgrade(cfg)
	c.login()
	if msg := c.must(534, "CCC"); msg != "CCC not supported" {
		t.Errorf("CCC refusal %q", msg)
	}
	if msg := c.must(215, "SYST"); !strings.Contains(msg, "z/OS") {
		t.Errorf("SYST %q", msg)
	}
}

func TestPlainServerHasNoSecurityCommands(t *testing.T) {
	srv := startServer(t, nil)
	c := dial(t, srv)
	c.must(500, "AUTH TLS")
	c.login()
	c.must(500, "PBSZ 0")
	if msg := c.must(211, "FEAT"); strings.Contains(msg, "AUTH") {
		t.Errorf("FEAT %q", msg)
	}
}

func TestTLSOptionsValidation(t *testing.T) {
	ca := tlstest.NewCA(t, "zftpd test CA")
	for _, o := range []Options{
		{TLSMode: client.ImplicitZOS},
		{RequireTLS: true},
		{CCC: CCCAccept},
		{TLS: &stdtls.Config{}},
		{TLS: ca.ServerConfig(t), ClientCertRequired: true},
		{TLS: ca.ServerConfig(t), TLSMode: client.SecurityMode(9)},
	} {
		o.Root = t.TempDir()
		if _, err := New(o); err == nil {
			t.Errorf("New(%+v) succeeded", o)
		}
	}
}

// tcpEOF records whether the TCP connection under a TLS client reached
// end of file before TLS saw a close_notify.
type tcpEOF struct {
	net.Conn
	eof atomic.Bool
}

func (c *tcpEOF) Read(p []byte) (int, error) {
	n, err := c.Conn.Read(p)
	if err == io.EOF {
		c.eof.Store(true)
	}
	return n, err
}

// protectedData sets up PASV, sends line and returns the data
// connection, with its TLS handshake done after the 1xx reply.
func protectedData(c *rawClient, cfg *stdtls.Config, line string) (*stdtls.Conn, *tcpEOF) {
	c.t.Helper()
	conn := c.dataSetup("PASV")
	c.send("%s", line)
	c.expect(150)
	raw := &tcpEOF{Conn: conn()}
	tc := stdtls.Client(raw, cfg)
	if err := tc.Handshake(); err != nil {
		c.t.Fatalf("data handshake: %v", err)
	}
	return tc, raw
}

func TestProtectedDataCloseNotify(t *testing.T) {
	srv, cfg := startTLSServer(t, nil)
	writeFile(t, srv, "f", []byte("hello"))
	c := dial(t, srv)
	c.must(234, "AUTH TLS")
	c.upgrade(cfg)
	c.login()
	c.must(200, "PBSZ 0")
	c.must(200, "PROT P")
	c.must(200, "TYPE I")

	// A download ends with the server's close_notify.
	tc, raw := protectedData(c, cfg, "RETR f")
	data, err := io.ReadAll(tc)
	if err != nil || string(data) != "hello" || raw.eof.Load() {
		t.Errorf("RETR: %q %v, TCP EOF before close_notify %v", data, err, raw.eof.Load())
	}
	tc.Close()
	c.expect(226)

	// An upload ended with close_notify is complete.
	tc, _ = protectedData(c, cfg, "STOR up")
	tc.Write([]byte("uploaded"))
	tc.CloseWrite()
	io.Copy(io.Discard, tc) // tickets and the server's close_notify
	tc.Close()
	c.expect(226)
	if got := readFile(t, srv, "up"); string(got) != "uploaded" {
		t.Errorf("stored %q", got)
	}

	// An upload cut off without close_notify is a failed transfer.
	tc, raw = protectedData(c, cfg, "STOR cut")
	tc.Write([]byte("partial"))
	raw.Conn.(*net.TCPConn).CloseWrite()
	raw.SetReadDeadline(time.Now().Add(5 * time.Second))
	io.Copy(io.Discard, raw.Conn)
	raw.Close()
	if code, msg := c.read(); code != 426 {
		t.Errorf("upload without close_notify: %d %s, want 426", code, msg)
	}
	c.must(221, "QUIT")
}

func TestCCCNeedsProtection(t *testing.T) {
	srv, _ := startTLSServer(t, func(o *Options) { o.CCC = CCCAccept })
	c := dial(t, srv)
	c.login()
	c.must(533, "CCC")
	if msg := c.must(211, "FEAT"); !strings.Contains(msg, " CCC\n") {
		t.Errorf("FEAT %q", msg)
	}
}
