package tls

import (
	stdtls "crypto/tls"
	"crypto/x509"
	"io"
	"slices"
	"sync"
	"testing"
	"time"

	"github.com/zftp/zftp/tls/tlstest"
)

// groupServer accepts TLS 1.3 connections that may use only groups, and
// records the groups each handshake's ClientHello offered.
type groupServer struct {
	addr    string
	mu      sync.Mutex
	offered [][]stdtls.CurveID
}

func newGroupServer(t *testing.T, cert stdtls.Certificate, groups []stdtls.CurveID) *groupServer {
	t.Helper()
	gs := &groupServer{}
	gs.addr = serveTLSConfig(t, &stdtls.Config{Certificates: []stdtls.Certificate{cert}, CurvePreferences: groups, MinVersion: stdtls.VersionTLS13,
		GetConfigForClient: func(hi *stdtls.ClientHelloInfo) (*stdtls.Config, error) {
			gs.mu.Lock()
			gs.offered = append(gs.offered, slices.Clone(hi.SupportedCurves))
			gs.mu.Unlock()
			return nil, nil
		}})
	return gs
}

// TestLaterHandshakesOfferTheFirstOnesGroup: the control connection's
// handshake offers Go's defaults; the data connections after it offer only
// the group the server chose then. A server limited to P-256 (as
// OpenSSL 3.0 servers without ML-KEM effectively are) is sent a P-256 key
// share and asks for another (HelloRetryRequest) in the first handshake
// only; a server that chose the hybrid post-quantum group keeps
// getting it.
func TestLaterHandshakesOfferTheFirstOnesGroup(t *testing.T) {
	ca := tlstest.NewCA(t, "CA")
	cert := ca.Issue(t, "server", tlstest.LeafOptions{}).TLSCertificate(t)
	for _, want := range []stdtls.CurveID{stdtls.CurveP256, stdtls.X25519MLKEM768} {
		t.Run(want.String(), func(t *testing.T) {
			gs := newGroupServer(t, cert, []stdtls.CurveID{want})
			s, err := NewSession(Options{Keyring: &Keyring{Roots: ca.Pool(), Anchors: 1}, ServerName: "127.0.0.1"})
			if err != nil {
				t.Fatal(err)
			}
			for i := 0; i < 3; i++ {
				tc, err := dialWith(t, s, gs.addr)
				if err != nil {
					t.Fatalf("handshake %d: %v", i, err)
				}
				// The session ticket comes with the first read (TLS 1.3).
				if _, err := io.ReadFull(tc, make([]byte, 6)); err != nil {
					t.Fatal(err)
				}
				st := tc.ConnectionState()
				if st.CurveID != want {
					t.Fatalf("handshake %d used %s, want %s", i, st.CurveID, want)
				}
				if wantRetry := i == 0 && want == stdtls.CurveP256; st.HelloRetryRequest != wantRetry {
					t.Errorf("handshake %d: HelloRetryRequest %v, want %v", i, st.HelloRetryRequest, wantRetry)
				}
				if i > 0 && !tc.ConnectionState().DidResume {
					t.Fatalf("handshake %d did not resume", i)
				}
			}
			gs.mu.Lock()
			defer gs.mu.Unlock()
			if len(gs.offered[0]) < 2 {
				t.Errorf("first handshake offered %v, want Go's default groups", gs.offered[0])
			}
			later := gs.offered[len(gs.offered)-2:]
			for i, o := range later {
				if !slices.Equal(o, []stdtls.CurveID{want}) {
					t.Errorf("later handshake %d offered %v, want only %s", i+1, o, want)
				}
			}
		})
	}
}

// TestExtraSessionOffersTheLearnedGroup: a session made to resume another
// one's TLS session (an extra parallel session) also offers only the group
// the server chose for the other one: against a server limited to P-256
// its first handshake needs no HelloRetryRequest, and it resumes.
func TestExtraSessionOffersTheLearnedGroup(t *testing.T) {
	ca := tlstest.NewCA(t, "CA")
	cert := ca.Issue(t, "server", tlstest.LeafOptions{}).TLSCertificate(t)
	gs := newGroupServer(t, cert, []stdtls.CurveID{stdtls.CurveP256})
	opts := Options{Keyring: &Keyring{Roots: ca.Pool(), Anchors: 1}, ServerName: "127.0.0.1"}
	first, err := NewSession(opts)
	if err != nil {
		t.Fatal(err)
	}
	tc, err := dialWith(t, first, gs.addr)
	if err != nil {
		t.Fatal(err)
	}
	if _, err := io.ReadFull(tc, make([]byte, 6)); err != nil { // the ticket comes with it
		t.Fatal(err)
	}
	if !tc.ConnectionState().HelloRetryRequest {
		t.Fatal("the first session's handshake needed no HelloRetryRequest: the server does not test anything")
	}
	opts.ResumeFrom = first
	extra, err := NewSession(opts)
	if err != nil {
		t.Fatal(err)
	}
	tc, err = dialWith(t, extra, gs.addr)
	if err != nil {
		t.Fatal(err)
	}
	st := tc.ConnectionState()
	if st.HelloRetryRequest || !st.DidResume || st.CurveID != stdtls.CurveP256 {
		t.Errorf("extra session's first handshake: HelloRetryRequest %v, resumed %v, group %s; want false, true, P-256",
			st.HelloRetryRequest, st.DidResume, st.CurveID)
	}
	gs.mu.Lock()
	defer gs.mu.Unlock()
	if got := gs.offered[len(gs.offered)-1]; !slices.Equal(got, []stdtls.CurveID{stdtls.CurveP256}) {
		t.Errorf("extra session offered %v, want only P-256", got)
	}
}

// TestResumedConnectionSkipsOnlyTheSignatures: a resumed connection that
// shows the leaf of the chain verified before is not verified against the
// anchors again, but still against the chain's validity period, and a
// different leaf is always verified in full.
func TestResumedConnectionSkipsOnlyTheSignatures(t *testing.T) {
	ca := tlstest.NewCA(t, "CA")
	leaf := ca.Issue(t, "server", tlstest.LeafOptions{NotAfter: time.Now().Add(time.Hour)}).Cert
	other := tlstest.NewCA(t, "Other CA").Issue(t, "server", tlstest.LeafOptions{}).Cert
	v := &verifier{roots: ca.Pool(), host: "127.0.0.1"}
	state := func(resumed bool, c *x509.Certificate) stdtls.ConnectionState {
		return stdtls.ConnectionState{DidResume: resumed, PeerCertificates: []*x509.Certificate{c}}
	}
	if err := v.verify(state(false, leaf)); err != nil {
		t.Fatalf("full verification: %v", err)
	}
	v.roots = x509.NewCertPool() // the anchors are gone: only a full verification notices
	if err := v.verify(state(true, leaf)); err != nil {
		t.Errorf("resumed with the verified leaf: %v", err)
	}
	if err := v.verify(state(false, leaf)); err == nil {
		t.Error("a new (not resumed) handshake was not verified in full")
	}
	if err := v.verify(state(true, other)); err == nil {
		t.Error("resumed with another leaf: not verified in full")
	}
	if v.verifiedBefore(leaf, time.Now().Add(2*time.Hour)) {
		t.Error("the remembered chain counts as verified after its leaf expired")
	}
}

// TestExtraSessionOnAnotherServer: an extra session may reach another
// server than the first one did (a sysplex distributor in front of
// several). It offers the learned group alone only when that is P-256,
// which every TLS 1.3 server must take; after any other group it offers
// Go's defaults, so that a server without that group still completes the
// handshake.
func TestExtraSessionOnAnotherServer(t *testing.T) {
	ca := tlstest.NewCA(t, "CA")
	cert := ca.Issue(t, "server", tlstest.LeafOptions{}).TLSCertificate(t)
	p256, p384, x25519 := stdtls.CurveP256, stdtls.CurveP384, stdtls.X25519
	for _, tc := range []struct {
		name         string
		first, other []stdtls.CurveID // the groups each server takes
		alone        bool             // the extra session offers P-256 alone
		retry        bool             // and its handshake needs a HelloRetryRequest
	}{
		{"P-256 learned, the other server prefers X25519", []stdtls.CurveID{p256}, []stdtls.CurveID{x25519, p256}, true, false},
		{"P-384 learned, the other server has P-256 only", []stdtls.CurveID{p384}, []stdtls.CurveID{p256}, false, true},
		{"X25519 learned, the other server has P-256 only", []stdtls.CurveID{x25519}, []stdtls.CurveID{p256}, false, true},
		{"X25519 learned, the same groups", []stdtls.CurveID{x25519}, []stdtls.CurveID{x25519}, false, false},
	} {
		t.Run(tc.name, func(t *testing.T) {
			first, other := newGroupServer(t, cert, tc.first), newGroupServer(t, cert, tc.other)
			opts := Options{Keyring: &Keyring{Roots: ca.Pool(), Anchors: 1}, ServerName: "127.0.0.1"}
			s, err := NewSession(opts)
			if err != nil {
				t.Fatal(err)
			}
			if _, err := dialWith(t, s, first.addr); err != nil {
				t.Fatal(err)
			}
			opts.ResumeFrom = s
			extra, err := NewSession(opts)
			if err != nil {
				t.Fatal(err)
			}
			conn, err := dialWith(t, extra, other.addr)
			if err != nil {
				t.Fatalf("the extra session's handshake with the other server: %v", err)
			}
			if st := conn.ConnectionState(); st.HelloRetryRequest != tc.retry {
				t.Errorf("HelloRetryRequest %v, want %v", st.HelloRetryRequest, tc.retry)
			}
			other.mu.Lock()
			defer other.mu.Unlock()
			offered := other.offered[0]
			if alone := slices.Equal(offered, []stdtls.CurveID{p256}); alone != tc.alone {
				t.Errorf("the extra session offered %v; P-256 alone: %v, want %v", offered, alone, tc.alone)
			}
			if !tc.alone && len(offered) < 3 {
				t.Errorf("the extra session offered %v, want Go's defaults", offered)
			}
		})
	}
}
