package ftpd

import "bufio"

// tlsBufferSize is how much a protected data connection moves per system
// call: 64 full TLS records per read(2) and write(2), and per read and
// write of the file.
const tlsBufferSize = 1 << 20

// tlsBuffers are a session's buffers for its protected data connections,
// made at the first that needs each and reused (a session moves one
// transfer at a time): a 256 MiB download is then 256 write calls
// instead of 16 384.
type tlsBuffers struct {
	r      *bufio.Reader // under the TLS layer: many records per read(2)
	gather []byte        // a download's records of one write (ztls.GatherWriter)
	copy   []byte        // what a binary transfer is copied through
}

// reader returns the buffer reads go through under the TLS layer.
func (b *tlsBuffers) reader() *bufio.Reader {
	if b.r == nil {
		b.r = bufio.NewReaderSize(nil, tlsBufferSize)
	}
	return b.r
}

// copyBuffer returns the buffer a protected binary transfer is copied
// through.
func (b *tlsBuffers) copyBuffer() []byte {
	if b.copy == nil {
		b.copy = make([]byte, tlsBufferSize)
	}
	return b.copy
}
