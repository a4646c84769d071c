package ftpd

import (
	"regexp"
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
