package ftpd

import (
	"bytes"
	"net"
	"testing"

	ztls "github.com/zftp/zftp/tls"
)

// writeCounter is a connection that keeps and counts what is written to it.
type writeCounter struct {
	net.Conn
	got    bytes.Buffer
	writes int
}

func (c *writeCounter) Write(p []byte) (int, error) {
	c.writes++
	return c.got.Write(p)
}

func TestBatchConnWrites(t *testing.T) {
	record := bytes.Repeat([]byte("r"), 16<<10)
	for _, tc := range []struct {
		name       string
		batch      bool
		flush      bool
		records    int
		wantWrites int
		wantBytes  int
	}{
		{"not batching: a write per record", false, false, 64, 64, 64 << 14},
		{"batching: 64 records in one write", true, true, 64, 1, 64 << 14},
		{"batching: 65 records in two", true, true, 65, 2, 65 << 14},
		{"a failed transfer's records are dropped", true, false, 3, 0, 0},
	} {
		t.Run(tc.name, func(t *testing.T) {
			under := &writeCounter{}
			var b batchBuffers
			c := b.conn(&ztls.EOFConn{Conn: under})
			if tc.batch {
				c.start()
			}
			for range tc.records {
				if _, err := c.Write(record); err != nil {
					t.Fatal(err)
				}
			}
			if tc.flush {
				if err := c.flush(); err != nil {
					t.Fatal(err)
				}
			}
			c.stop()
			if under.writes != tc.wantWrites || under.got.Len() != tc.wantBytes {
				t.Errorf("%d writes of %d bytes, want %d of %d", under.writes, under.got.Len(), tc.wantWrites, tc.wantBytes)
			}
			// After stop, a write (the close_notify) goes out at once.
			under.writes = 0
			c.Write([]byte("alert"))
			if under.writes != 1 {
				t.Errorf("a write after stop made %d writes underneath", under.writes)
			}
		})
	}
}
