//go:build linux

package main

import (
	"bytes"
	"fmt"
	"math/rand/v2"
	"os"
	"path/filepath"
	"strings"
	"testing"
)

// TestMain lets the test binary stand in for zftpbench as the two processes of a limit
// measurement (measureLimit re-executes os.Executable with --limit-recv and --limit-send).
func TestMain(m *testing.M) {
	if len(os.Args) > 1 && strings.HasPrefix(os.Args[1], "--limit-") {
		if err := limitMain(os.Args[1], os.Args[2:]); err != nil {
			fmt.Fprintln(os.Stderr, err)
			os.Exit(1)
		}
		os.Exit(0)
	}
	os.Exit(m.Run())
}

// TestMeasureLimit moves a file with each kind of limit and checks it arrived intact.
func TestMeasureLimit(t *testing.T) {
	dir := t.TempDir()
	src := filepath.Join(dir, "src")
	data := make([]byte, 3<<20+12345)
	rand.NewChaCha8([32]byte{2}).Read(data)
	if err := os.WriteFile(src, data, 0o644); err != nil {
		t.Fatal(err)
	}
	for _, tc := range []struct {
		kind    string
		wantErr bool
	}{
		{"tcp", false},
		{"tcprw", false},
		{"tls12", false},
		{"tls13", false},
		{"udp", true},
	} {
		t.Run(tc.kind, func(t *testing.T) {
			dst := filepath.Join(dir, "dst-"+tc.kind)
			check := filepath.Join(dir, "keep-"+tc.kind)
			s, err := measureLimitKeep(tc.kind, src, dst, int64(len(data)), check)
			if tc.wantErr {
				if err == nil {
					t.Fatal("no error")
				}
				return
			}
			if err != nil {
				t.Fatal(err)
			}
			if s.wall <= 0 || s.cpu <= 0 {
				t.Errorf("sample %+v: want wall and CPU time", s)
			}
			got, err := os.ReadFile(check)
			if err != nil {
				t.Fatal(err)
			}
			if !bytes.Equal(got, data) {
				t.Errorf("received %d bytes differing from the %d sent", len(got), len(data))
			}
		})
	}
}

// measureLimitKeep is measureLimit, keeping a copy of what arrived (measureLimit removes dst).
func measureLimitKeep(kind, src, dst string, size int64, keep string) (sample, error) {
	limitKeep = keep
	defer func() { limitKeep = "" }()
	return measureLimit(kind, src, dst, size)
}
