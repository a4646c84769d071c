package main

import (
	"bytes"
	"context"
	"net"
	"testing"
)

func TestPasvAddressFlag(t *testing.T) {
	root := t.TempDir()
	var stderr bytes.Buffer
	cfg, err := parseFlags([]string{"--root", root, "--pasv-address", "127.0.0.2"}, &stderr)
	if err != nil {
		t.Fatal(err)
	}
	if !cfg.opts.PassiveAddress.Equal(net.IPv4(127, 0, 0, 2)) {
		t.Errorf("PassiveAddress = %v", cfg.opts.PassiveAddress)
	}
	for _, bad := range []string{"nonsense", "::1"} {
		if code := run(context.Background(), []string{"--root", root, "--pasv-address", bad}, &stderr); code != 2 {
			t.Errorf("--pasv-address %s: exit %d, want 2", bad, code)
		}
	}
	// Not loopback: refused by ftpd.New, as --listen is (nothing is sent).
	if code := run(context.Background(), []string{"--root", root, "--pasv-address", "192.0.2.1"}, &stderr); code != 1 {
		t.Errorf("non-loopback --pasv-address: exit %d, want 1 (%s)", code, stderr.String())
	}
}
