package client_test

import (
	"strings"
	"testing"

	"github.com/zftp/zftp/client"
	"github.com/zftp/zftp/client/ftptest"
)

// TestStou: STOU with a name keeps the existing file and stores the data
// under the unique name the server reports; without a name the server
// picks it. Both reply forms are read: RFC 1123's "150 FILE: name" (plain
// server) and the z/OS server's "125 Storing data set name" (IBM mode).
func TestStou(t *testing.T) {
	for _, ibm := range []bool{false, true} {
		var opts []ftptest.Option
		if ibm {
			opts = append(opts, ftptest.WithIBM())
		}
		srv := ftptest.NewServer(t, opts...)
		srv.WriteFile(t, "a.txt", []byte("old\n"))
		s, err := client.Dial(t.Context(), srv.Host, srv.Port, client.Config{})
		if err != nil {
			t.Fatal(err)
		}
		if err := s.Login(t.Context(), srv.User, srv.Password, ""); err != nil {
			t.Fatal(err)
		}
		for _, tt := range []struct {
			name, want, file string
		}{
			{"a.txt", "a.txt.1", "a.txt.1"},
			{"a.txt", "a.txt.2", "a.txt.2"},
			{"new.txt", "new.txt", "new.txt"},
			{"", "zftpd", "zftpd"},
			{"", "zftpd.1", "zftpd.1"},
		} {
			data := "data for " + tt.want + "\n"
			tr, got, err := s.Stou(t.Context(), tt.name, strings.NewReader(data))
			if err != nil {
				t.Fatalf("ibm %v: Stou(%q): %v", ibm, tt.name, err)
			}
			want := tt.want
			if ibm {
				want = "/" + want // the z/OS server names the data set in full
			}
			if got != want || tr.Bytes != int64(len(data)) {
				t.Errorf("ibm %v: Stou(%q) = %q, %d bytes; want %q, %d", ibm, tt.name, got, tr.Bytes, want, len(data))
			}
			if b := srv.ReadFile(t, tt.file); string(b) != data {
				t.Errorf("ibm %v: %s holds %q, want %q", ibm, tt.file, b, data)
			}
		}
		if b := srv.ReadFile(t, "a.txt"); string(b) != "old\n" {
			t.Errorf("ibm %v: STOU replaced a.txt: %q", ibm, b)
		}
		s.Quit(t.Context())
	}
}
