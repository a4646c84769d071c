package main

import (
	"bytes"
	"net"
	"net/textproto"
	"strconv"
	"strings"
	"testing"
	"time"
)

// TestRunMVS starts zftpd --temp --mvs and checks the sample catalog over
// a raw control connection: the user's prefix, the sample PDS, and SIZE
// refused as z/OS refuses it for data sets.
func TestRunMVS(t *testing.T) {
	port, _ := startRun(t, "--temp", "--mvs")
	nc, err := net.DialTimeout("tcp", net.JoinHostPort("127.0.0.1", strconv.Itoa(port)), 5*time.Second)
	if err != nil {
		t.Fatal(err)
	}
	defer nc.Close()
	nc.SetDeadline(time.Now().Add(10 * time.Second))
	c := textproto.NewConn(nc)
	if _, msg, err := c.ReadResponse(220); err != nil || !strings.HasPrefix(msg, "FTPD1 IBM FTP CS") {
		t.Fatalf("greeting %q %v", msg, err)
	}
	for _, st := range []struct {
		line string
		code int
		msg  string
	}{
		{"USER zftp", 331, "Send password please."},
		{"PASS zftp", 230, `ZFTP is logged on.  Working directory is "ZFTP.".`},
		{"PWD", 257, `"'ZFTP.'" is working directory.`},
		{"CWD JCL.CNTL", 250, `The working directory "ZFTP.JCL.CNTL" is a partitioned data set`},
		{"CWD ..", 250, `"ZFTP.JCL." is the working directory name prefix.`},
		{"SIZE 'ZFTP.README.TXT'", 550, "SIZE fails: ZFTP.README.TXT is not a z/OS UNIX file."},
		{"QUIT", 221, "Quit command received. Goodbye."},
	} {
		if err := c.PrintfLine("%s", st.line); err != nil {
			t.Fatal(err)
		}
		code, msg, err := c.ReadResponse(0)
		if err != nil && code == 0 {
			t.Fatalf("%s: %v", st.line, err)
		}
		if code != st.code || msg != st.msg {
			t.Errorf("%s: %d %q, want %d %q", st.line, code, msg, st.code, st.msg)
		}
	}
}

func TestMVSFlag(t *testing.T) {
	var stderr bytes.Buffer
	cfg, err := parseFlags([]string{"--root", t.TempDir(), "--mvs"}, &stderr)
	if err != nil {
		t.Fatal(err)
	}
	if !cfg.opts.MVS || !cfg.opts.IBM {
		t.Errorf("--mvs: MVS %v IBM %v, want both", cfg.opts.MVS, cfg.opts.IBM)
	}
	stderr.Reset()
	if _, err := parseFlags([]string{"--help"}, &stderr); err == nil || !strings.Contains(stderr.String(), "--mvs") {
		t.Errorf("--help does not mention --mvs: %v %q", err, stderr.String())
	}
}
