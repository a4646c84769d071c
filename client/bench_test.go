package client_test

import (
	"bytes"
	"context"
	"fmt"
	"io"
	"os"
	"path/filepath"
	"testing"

	"github.com/zftp/zftp/client"
	"github.com/zftp/zftp/client/ftptest"
)

// benchSession logs in to an in-process server and sets TYPE I.
func benchSession(b *testing.B, srv *ftptest.Server) *client.Session {
	b.Helper()
	s, err := client.Dial(context.Background(), srv.Host, srv.Port, client.Config{DataMethod: client.ExtendedPassive})
	if err != nil {
		b.Fatal(err)
	}
	b.Cleanup(func() { s.Quit(b.Context()) })
	if err := s.Login(b.Context(), srv.User, srv.Password, ""); err != nil {
		b.Fatal(err)
	}
	if _, err := s.Type(b.Context(), client.TypeImage); err != nil {
		b.Fatal(err)
	}
	return s
}

func benchFile(b *testing.B, dir string, size int) string {
	path := filepath.Join(dir, "f.bin")
	if err := os.WriteFile(path, bytes.Repeat([]byte("zftp"), size/4), 0o600); err != nil {
		b.Fatal(err)
	}
	return path
}

// BenchmarkRetr downloads a file to an *os.File (the zero-copy path);
// allocations per transfer stay flat whatever the size.
func BenchmarkRetr(b *testing.B) {
	for _, size := range []int{1 << 20, 64 << 20} {
		b.Run(byteSize(size), func(b *testing.B) {
			srv := ftptest.NewServer(b)
			srv.WriteFile(b, "f.bin", bytes.Repeat([]byte("zftp"), size/4))
			s := benchSession(b, srv)
			out, err := os.Create(filepath.Join(b.TempDir(), "out"))
			if err != nil {
				b.Fatal(err)
			}
			defer out.Close()
			b.SetBytes(int64(size))
			b.ReportAllocs()
			for i := 0; i < b.N; i++ {
				out.Seek(0, io.SeekStart)
				if _, err := s.Retr(b.Context(), "f.bin", out, nil); err != nil {
					b.Fatal(err)
				}
			}
		})
	}
}

// BenchmarkStor uploads from an *os.File.
func BenchmarkStor(b *testing.B) {
	for _, size := range []int{1 << 20, 64 << 20} {
		b.Run(byteSize(size), func(b *testing.B) {
			srv := ftptest.NewServer(b)
			s := benchSession(b, srv)
			in, err := os.Open(benchFile(b, b.TempDir(), size))
			if err != nil {
				b.Fatal(err)
			}
			defer in.Close()
			b.SetBytes(int64(size))
			b.ReportAllocs()
			for i := 0; i < b.N; i++ {
				in.Seek(0, io.SeekStart)
				if _, err := s.Stor(b.Context(), "f.bin", in, nil); err != nil {
					b.Fatal(err)
				}
			}
		})
	}
}

func byteSize(n int) string { return fmt.Sprintf("%dMiB", n>>20) }
