package ftptest_test

import (
	"io"
	"net"
	"net/textproto"
	"regexp"
	"strconv"
	"strings"
	"testing"
	"time"

	"github.com/zftp/zftp/client/ftptest"
	"github.com/zftp/zftp/internal/ftpd"
)

// session dials srv and logs in.
func session(t *testing.T, srv *ftptest.Server) *textproto.Conn {
	t.Helper()
	nc, err := net.DialTimeout("tcp", net.JoinHostPort(srv.Host, strconv.Itoa(srv.Port)), 5*time.Second)
	if err != nil {
		t.Fatal(err)
	}
	nc.SetDeadline(time.Now().Add(20 * time.Second))
	c := textproto.NewConn(nc)
	t.Cleanup(func() { c.Close() })
	steps := []struct {
		line string
		code int
	}{{"", 220}, {"USER " + srv.User, 331}, {"PASS " + srv.Password, 230}}
	for _, s := range steps {
		if s.line != "" {
			c.PrintfLine("%s", s.line)
		}
		if _, _, err := c.ReadResponse(s.code); err != nil {
			t.Fatalf("%q: %v", s.line, err)
		}
	}
	return c
}

func TestNewServer(t *testing.T) {
	srv := ftptest.NewServer(t)
	if srv.Host != "127.0.0.1" || srv.Port == 0 || srv.Addr != net.JoinHostPort(srv.Host, strconv.Itoa(srv.Port)) {
		t.Fatalf("address %q %q %d", srv.Addr, srv.Host, srv.Port)
	}
	if srv.User != ftptest.DefaultUser || len(srv.Password) < 16 {
		t.Fatalf("credentials %q %q", srv.User, srv.Password)
	}
	srv.WriteFile(t, "dir/hello.txt", []byte("hello\n"))
	c := session(t, srv)
	c.PrintfLine("EPSV")
	_, msg, err := c.ReadResponse(229)
	if err != nil {
		t.Fatal(err)
	}
	port := regexp.MustCompile(`\|\|\|(\d+)\|`).FindStringSubmatch(msg)[1]
	dc, err := net.DialTimeout("tcp", net.JoinHostPort(srv.Host, port), 5*time.Second)
	if err != nil {
		t.Fatal(err)
	}
	c.PrintfLine("RETR dir/hello.txt")
	if _, _, err := c.ReadResponse(150); err != nil {
		t.Fatal(err)
	}
	data, _ := io.ReadAll(dc)
	dc.Close()
	if _, _, err := c.ReadResponse(226); err != nil {
		t.Fatal(err)
	}
	if string(data) != "hello\r\n" { // ASCII is the default type
		t.Errorf("RETR got %q", data)
	}
	srv.Close()
	srv.Close()
	if _, err := net.DialTimeout("tcp", srv.Addr, time.Second); err == nil {
		t.Error("server still accepting after Close")
	}
}

func TestOptions(t *testing.T) {
	srv := ftptest.NewServer(t, ftptest.WithIBM(),
		ftptest.WithFaults(ftpd.Faults{ReplyCodeFor: map[string]string{"SITE": "500 no"}}))
	c := session(t, srv)
	c.PrintfLine("SYST")
	if _, msg, err := c.ReadResponse(215); err != nil || !strings.Contains(msg, "z/OS") {
		t.Errorf("SYST: %q %v", msg, err)
	}
	c.PrintfLine("SITE X")
	if _, _, err := c.ReadResponse(500); err != nil {
		t.Errorf("SITE: %v", err)
	}
}
