package tls

import (
	"bufio"
	"bytes"
	stdtls "crypto/tls"
	"io"
	"net"
	"testing"

	"github.com/zftp/zftp/tls/tlstest"
)

// countConn is a connection whose reads come from r and whose writes go
// to got, the calls of each counted.
type countConn struct {
	net.Conn
	r      io.Reader
	reads  int
	got    bytes.Buffer
	writes int
}

func (c *countConn) Read(p []byte) (int, error) {
	c.reads++
	return c.r.Read(p)
}

func (c *countConn) Write(p []byte) (int, error) {
	c.writes++
	return c.got.Write(p)
}

// smallReads reads c 100 bytes at a time, as a TLS layer reads its record
// headers and bodies, until io.EOF; it reports whether c.SawEOF was set
// before the end.
func smallReads(t *testing.T, c *EOFConn) ([]byte, bool) {
	t.Helper()
	var got []byte
	early := false
	p := make([]byte, 100)
	for {
		early = early || c.SawEOF()
		n, err := c.Read(p)
		got = append(got, p[:n]...)
		if err == io.EOF {
			return got, early
		}
		if err != nil {
			t.Fatal(err)
		}
	}
}

func TestEOFConnReads(t *testing.T) {
	data := bytes.Repeat([]byte("0123456789abcdef"), 4096) // 64 KiB
	for _, tc := range []struct {
		name     string
		buf      int // 0: unbuffered
		maxReads int // reads of the connection underneath
	}{
		{"unbuffered", 0, len(data)/100 + 2},
		{"buffer 16 KiB", 16 << 10, 4 + 1},
		{"buffer 1 MiB", 1 << 20, 1 + 1},
	} {
		t.Run(tc.name, func(t *testing.T) {
			under := &countConn{r: bytes.NewReader(data)}
			c := &EOFConn{Conn: under}
			if tc.buf > 0 {
				c.ReadThrough(bufio.NewReaderSize(nil, tc.buf))
			}
			got, early := smallReads(t, c)
			if !bytes.Equal(got, data) {
				t.Fatalf("read %d bytes, not the %d written", len(got), len(data))
			}
			if early || !c.SawEOF() {
				t.Errorf("SawEOF before the end %v, after it %v: want false, true", early, c.SawEOF())
			}
			if under.reads > tc.maxReads {
				t.Errorf("%d reads underneath, want at most %d", under.reads, tc.maxReads)
			}
			if c.NetConn() != net.Conn(under) {
				t.Error("NetConn is not the connection underneath")
			}
		})
	}
}

// TestEOFConnBufferReused: a buffer given to a second connection holds
// nothing of the first, even when the first was not read to its end.
func TestEOFConnBufferReused(t *testing.T) {
	buf := bufio.NewReaderSize(nil, 4096)
	first := &EOFConn{Conn: &countConn{r: bytes.NewReader(bytes.Repeat([]byte("A"), 3000))}}
	first.ReadThrough(buf)
	if _, err := first.Read(make([]byte, 10)); err != nil {
		t.Fatal(err)
	}
	second := &EOFConn{Conn: &countConn{r: bytes.NewReader([]byte("second"))}}
	second.ReadThrough(buf)
	got, _ := smallReads(t, second)
	if string(got) != "second" {
		t.Fatalf("second connection read %q", got)
	}
}

// TestEOFConnReadThroughMidStream: reads switched to the buffer after the
// first bytes lose and repeat nothing.
func TestEOFConnReadThroughMidStream(t *testing.T) {
	data := bytes.Repeat([]byte("0123456789"), 10000)
	c := &EOFConn{Conn: &countConn{r: bytes.NewReader(data)}}
	head := make([]byte, 777)
	if _, err := io.ReadFull(c, head); err != nil {
		t.Fatal(err)
	}
	c.ReadThrough(bufio.NewReaderSize(nil, 4096))
	rest, early := smallReads(t, c)
	if got := append(head, rest...); !bytes.Equal(got, data) || early || !c.SawEOF() {
		t.Fatalf("read %d bytes (equal: %v), SawEOF early %v, at the end %v", len(got), bytes.Equal(got, data), early, c.SawEOF())
	}
}

// TestEndedBare: a TLS stream that the peer ends with close_notify did not
// end bare; one whose TCP connection closes without it did; a connection
// that is not TLS over an EOFConn never does.
func TestEndedBare(t *testing.T) {
	ca := tlstest.NewCA(t, "CA")
	srvCfg := ca.ServerConfig(t)
	for _, tc := range []struct {
		name        string
		closeNotify bool
		want        bool
	}{
		{"close_notify, then TCP close", true, false},
		{"TCP close alone", false, true},
	} {
		t.Run(tc.name, func(t *testing.T) {
			a, b := net.Pipe()
			client := stdtls.Client(&EOFConn{Conn: a}, &stdtls.Config{RootCAs: ca.Pool(), ServerName: "127.0.0.1"})
			server := stdtls.Server(b, srvCfg)
			go func() {
				if server.Handshake() == nil {
					_, _ = server.Write([]byte("data"))
					if tc.closeNotify {
						_ = server.CloseWrite()
						_, _ = io.Copy(io.Discard, b) // until the client closes
					}
				}
				_ = b.Close()
			}()
			// crypto/tls ends both streams with io.EOF alike.
			if data, err := io.ReadAll(client); string(data) != "data" || err != nil {
				t.Fatalf("read %q, %v", data, err)
			}
			if got := EndedBare(client); got != tc.want {
				t.Errorf("EndedBare = %v, want %v", got, tc.want)
			}
			_ = client.Close()
		})
	}
	a, b := net.Pipe()
	defer a.Close()
	defer b.Close()
	if EndedBare(a) || EndedBare(stdtls.Client(a, &stdtls.Config{})) {
		t.Error("EndedBare true for a connection without an EOFConn")
	}
}
