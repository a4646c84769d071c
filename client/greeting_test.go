package client

import (
	"context"
	"errors"
	"net"
	"testing"
	"time"
)

// TestGreetingTLSRecord: a TLS handshake or alert record where the 220
// was expected fails Dial at once with ErrTLSGreeting, not after the
// connect timeout; a clear greeting starting with other bytes is read.
func TestGreetingTLSRecord(t *testing.T) {
	for _, tt := range []struct {
		name  string
		first []byte
		want  error
	}{
		{"handshake", []byte{0x16, 0x03, 0x01, 0x00, 0x2a, 0x02}, ErrTLSGreeting},
		{"alert", []byte{0x15, 0x03, 0x03, 0x00, 0x02, 0x02, 0x46}, ErrTLSGreeting},
		{"clear", []byte("220 hello\r\n"), nil},
	} {
		t.Run(tt.name, func(t *testing.T) {
			ln, err := net.Listen("tcp", "127.0.0.1:0")
			if err != nil {
				t.Fatal(err)
			}
			defer ln.Close()
			done := make(chan struct{})
			go func() {
				c, err := ln.Accept()
				if err != nil {
					return
				}
				defer c.Close()
				c.Write(tt.first) // no line end: a line reader would wait
				<-done
			}()
			defer close(done)
			port := ln.Addr().(*net.TCPAddr).Port
			start := time.Now()
			s, err := Dial(context.Background(), "127.0.0.1", port, Config{ConnectTimeout: 20 * time.Second})
			if tt.want == nil {
				if err != nil {
					t.Fatalf("Dial: %v", err)
				}
				s.Close()
				return
			}
			if !errors.Is(err, tt.want) {
				t.Fatalf("Dial error = %v, want %v", err, tt.want)
			}
			var se *StartError
			if !errors.As(err, &se) {
				t.Errorf("Dial error %T is not a *StartError", err)
			}
			if d := time.Since(start); d > 5*time.Second {
				t.Errorf("Dial took %s: it waited for a line", d)
			}
		})
	}
}
