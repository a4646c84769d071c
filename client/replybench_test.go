package client

import (
	"strings"
	"testing"
)

// BenchmarkReadReply parses a multi-line FEAT reply.
func BenchmarkReadReply(b *testing.B) {
	in := "211-Features:\r\n EPSV\r\n EPRT\r\n PASV\r\n SIZE\r\n REST STREAM\r\n UTF8\r\n211 End\r\n"
	b.ReportAllocs()
	for i := 0; i < b.N; i++ {
		rr := newReplyReader(strings.NewReader(in), DefaultMaxLineLength, DefaultMaxReplyLines)
		if _, err := rr.ReadReply(); err != nil {
			b.Fatal(err)
		}
	}
}
