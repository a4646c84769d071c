package ftpd

import (
	"net"
	"regexp"
	"strings"
	"testing"
)

func TestIBMReplies(t *testing.T) {
	srv := startServer(t, func(o *Options) { o.IBM = true })
	writeFile(t, srv, "dir/f", []byte("data\n"))
	c := dialRaw(t, srv.Addr().String())
	greeting := c.expect(220)
	banner := regexp.MustCompile(`^FTPD1 IBM FTP CS V2R5 at ZFTPD, \d\d:\d\d:\d\d on \d{4}-\d\d-\d\d\.\nConnection will close if idle for more than 5 minutes\.$`)
	if !banner.MatchString(greeting) {
		t.Errorf("greeting %q", greeting)
	}
	tests := []struct {
		line string
		code int
		want string
	}{
		{"USER alice", 331, "Send password please."},
		{"PASS s3cret", 230, `ALICE is logged on.  Working directory is "/".`},
		{"SYST", 215, "MVS is the operating system of this server. FTP Server is running on z/OS."},
		{"CWD dir", 250, `"/dir" is the HFS working directory.`},
		{"PWD", 257, `"/dir" is the HFS working directory.`},
		{"TYPE I", 200, "Representation type is Image"},
	}
	for _, tt := range tests {
		if code, msg := c.cmd("%s", tt.line); code != tt.code || msg != tt.want {
			t.Errorf("%s: %d %q, want %d %q", tt.line, code, msg, tt.code, tt.want)
		}
	}
	data, start, final := c.download("PASV", "RETR f")
	if string(data) != "data\n" || start != (reply{125, "Sending data set /dir/f"}) ||
		final != (reply{250, "Transfer completed successfully."}) {
		t.Errorf("RETR: %q %v / %v", data, start, final)
	}
	start, final = c.upload("PASV", "STOR g", []byte("x"))
	if start != (reply{125, "Storing data set /dir/g"}) || final != (reply{250, "Transfer completed successfully."}) {
		t.Errorf("STOR: %v / %v", start, final)
	}
	_, start, final = c.download("PASV", "LIST")
	if start.code != 125 || final.code != 250 {
		t.Errorf("LIST: %v / %v", start, final)
	}
	if code, msg := c.cmd("QUIT"); code != 221 || msg != "Quit command received. Goodbye." {
		t.Errorf("QUIT: %d %q", code, msg)
	}
}

// TestIBMPortAndTotal checks two texts of IBM's samples under Options.IBM:
// "200 Port request OK." and the "total" line that starts a LIST of a
// z/OS UNIX directory (but not of a file or a pattern).
func TestIBMPortAndTotal(t *testing.T) {
	srv := startServer(t, func(o *Options) { o.IBM = true })
	writeFile(t, srv, "dir/a", make([]byte, 1500))
	writeFile(t, srv, "dir/b", []byte("x"))
	c := dial(t, srv)
	c.login()
	local := c.nc.LocalAddr().(*net.TCPAddr)
	ln, err := net.ListenTCP("tcp", &net.TCPAddr{IP: local.IP})
	if err != nil {
		t.Fatal(err)
	}
	defer ln.Close()
	ip, port := local.IP.To4(), ln.Addr().(*net.TCPAddr).Port
	if msg := c.must(200, "PORT %d,%d,%d,%d,%d,%d", ip[0], ip[1], ip[2], ip[3], port>>8, port&0xFF); msg != "Port request OK." {
		t.Errorf("PORT: %q", msg)
	}
	if msg := c.must(200, "EPRT |1|%s|%d|", local.IP, port); msg != "EPRT command successful" {
		t.Errorf("EPRT: %q", msg)
	}

	for _, tt := range []struct {
		arg   string
		total string
	}{
		{"dir", "total 3"}, // 2 KiB blocks for a, 1 for b
		{"", "total"},      // the root: a directory, with a directory in it
		{"dir/a", ""},
		{"dir/*", ""},
	} {
		data, _, final := c.download("PASV", strings.TrimSpace("LIST "+tt.arg))
		first, _, _ := strings.Cut(string(data), "\r\n")
		hasTotal := strings.HasPrefix(first, "total ")
		if final.code != 250 || hasTotal != (tt.total != "") || (tt.arg == "dir" && first != tt.total) {
			t.Errorf("LIST %s: first line %q, final %v", tt.arg, first, final)
		}
	}

	plain := startServer(t, nil)
	writeFile(t, plain, "dir/a", []byte("x"))
	p := dial(t, plain)
	p.login()
	if data, _, _ := p.download("PASV", "LIST dir"); strings.HasPrefix(string(data), "total") {
		t.Errorf("plain server LIST with total: %q", data)
	}
}
