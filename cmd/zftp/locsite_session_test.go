package main

import (
	"regexp"
	"strconv"
	"testing"
)

// TestLocsiteDataMethodDuringSession: LOCSITE FWFRIENDLY and EPSV4 change
// how the open session's next data connections are made, as on z/OS.
func TestLocsiteDataMethodDuringSession(t *testing.T) {
	srv := startServer(t, nil)
	tmp := t.TempDir()
	input := srv.User + "\n" + srv.Password + "\nls\nlocsite fwfriendly\nls\nlocsite epsv4\nls\nlocsite nofwfriendly noepsv4\nls\nquit\n"
	out, _, status := runFrontEnd(t, tmp, []string{"-w", "20", srv.Host, strconv.Itoa(srv.Port)}, input)
	if status != 0 {
		t.Fatalf("status %d\n%s", status, out)
	}
	var got []string
	// no blank after >>> without message IDs, as IBM prints it (>>>PWD)
	for _, m := range regexp.MustCompile(`>>>(PORT|PASV|EPSV|EPRT)\b`).FindAllStringSubmatch(out, -1) {
		got = append(got, m[1])
	}
	want := []string{"PORT", "PASV", "EPSV", "PORT"}
	if len(got) != len(want) {
		t.Fatalf("data commands %v, want %v\n%s", got, want, out)
	}
	for i := range want {
		if got[i] != want[i] {
			t.Fatalf("data commands %v, want %v", got, want)
		}
	}
}
