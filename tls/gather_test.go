package tls

import (
	"bytes"
	stdtls "crypto/tls"
	"io"
	"net"
	"sync"
	"testing"

	"github.com/zftp/zftp/tls/tlstest"
)

// writeCounter counts the writes that reach a connection.
type writeCounter struct {
	net.Conn
	mu     sync.Mutex
	writes int
}

func (c *writeCounter) Write(p []byte) (int, error) {
	c.mu.Lock()
	c.writes++
	c.mu.Unlock()
	return c.Conn.Write(p)
}

func (c *writeCounter) count() int {
	c.mu.Lock()
	defer c.mu.Unlock()
	return c.writes
}

// TestGatherWriter: over a real TLS connection, each Write of many records
// leaves in one write underneath; the peer reads every byte in order; the
// buffer is kept and reused; writes past the gathering (the close_notify)
// go out as they are made.
func TestGatherWriter(t *testing.T) {
	ca := tlstest.NewCA(t, "CA")
	srvCfg := ca.ServerConfig(t)
	for _, tc := range []struct {
		name   string
		writes []int
	}{
		{"one write of 256 KiB", []int{256 << 10}},
		{"small, then large, then small", []int{100, 1 << 20, 5}},
	} {
		t.Run(tc.name, func(t *testing.T) {
			a, b := net.Pipe()
			under := &writeCounter{Conn: a}
			ec := &EOFConn{Conn: under}
			client := stdtls.Client(ec, &stdtls.Config{RootCAs: ca.Pool(), ServerName: "127.0.0.1"})
			server := stdtls.Server(b, srvCfg)
			var want []byte
			for i, n := range tc.writes {
				want = append(want, bytes.Repeat([]byte{byte('a' + i)}, n)...)
			}
			got := make(chan []byte, 1)
			go func() {
				data, _ := io.ReadAll(server)
				got <- data
			}()
			if err := client.Handshake(); err != nil {
				t.Fatal(err)
			}
			tcGot, ecGot := Layers(client)
			if tcGot != client || ecGot != ec {
				t.Fatal("Layers does not find the connection and its EOFConn")
			}
			g := &GatherWriter{Conn: client, Under: ec}
			off := 0
			for _, n := range tc.writes {
				before := under.count()
				if m, err := g.Write(want[off : off+n]); m != n || err != nil {
					t.Fatalf("Write of %d: %d, %v", n, m, err)
				}
				if w := under.count() - before; w != 1 {
					t.Errorf("a Write of %d bytes made %d writes underneath, want 1", n, w)
				}
				off += n
			}
			if cap(g.Buf) < tc.writes[len(tc.writes)-1] {
				t.Errorf("the buffer kept holds %d bytes", cap(g.Buf))
			}
			before := under.count()
			client.Close()
			if under.count() == before {
				t.Error("the close_notify did not go out")
			}
			if data := <-got; !bytes.Equal(data, want) {
				t.Errorf("the peer read %d bytes (equal %v), want %d", len(data), bytes.Equal(data, want), len(want))
			}
		})
	}
}

func TestLayers(t *testing.T) {
	a, _ := net.Pipe()
	if tc, ec := Layers(a); tc != nil || ec != nil {
		t.Error("a plain connection has TLS layers")
	}
	bare := stdtls.Client(a, &stdtls.Config{})
	if tc, ec := Layers(bare); tc != bare || ec != nil {
		t.Errorf("TLS over a plain connection: %v, %v", tc, ec)
	}
}
