package ftpd

import (
	"bufio"
	"errors"
	"io"
	"net"
	"os"
	"strings"
	"testing"
	"time"

	"github.com/zftp/zftp/internal/platformtest"
)

func TestFaultRawReply(t *testing.T) {
	long := "220 " + strings.Repeat("x", 10000) + "\r\n"
	srv := startServer(t, func(o *Options) {
		o.Faults.RawReplyFor = map[string]string{"syst": long, "NOOP": "abc not a code\r\n"}
	})
	c := dial(t, srv)
	c.login()
	c.send("SYST")
	line, err := bufio.NewReaderSize(c.nc, 20000).ReadString('\n')
	if err != nil || line != long {
		t.Fatalf("SYST: %d bytes, %v", len(line), err)
	}
	c2 := dial(t, srv)
	c2.login()
	c2.send("NOOP")
	if line, err := c2.c.ReadLine(); err != nil || line != "abc not a code" {
		t.Fatalf("NOOP: %q %v", line, err)
	}
	c2.must(257, "PWD") // the session goes on
}

func TestFaultEndlessReply(t *testing.T) {
	srv := startServer(t, func(o *Options) { o.Faults.EndlessReplyFor = []string{"STAT"} })
	c := dial(t, srv)
	c.login()
	c.send("STAT")
	for i := 0; i < 5000; i++ {
		line, err := c.c.ReadLine()
		if err != nil {
			t.Fatalf("line %d: %v", i, err)
		}
		if i > 0 && !strings.HasPrefix(line, " line ") {
			t.Fatalf("line %d: %q", i, line)
		}
	}
	c.c.Close() // the server gives up once the client has gone
}

func TestFaultSilentAndHangUp(t *testing.T) {
	srv := startServer(t, func(o *Options) {
		o.Faults.SilentFor = []string{"CWD"}
		o.Faults.HangUpFor = []string{"MKD"}
	})
	c := dial(t, srv)
	c.login()
	c.send("CWD /")
	c.must(257, "PWD") // no reply to CWD: the next reply is PWD's
	c.send("MKD x")
	c.nc.SetReadDeadline(time.Now().Add(5 * time.Second))
	_, err := c.nc.Read(make([]byte, 10))
	if !errors.Is(err, io.EOF) && !isReset(err) {
		t.Fatalf("MKD: read %v, want EOF or reset", err)
	}

	quiet := startServer(t, func(o *Options) { o.Faults.SilentFor = []string{"greeting"} })
	q := dialRaw(t, quiet.Addr().String())
	q.nc.SetReadDeadline(time.Now().Add(300 * time.Millisecond))
	if n, err := q.nc.Read(make([]byte, 10)); n != 0 || !isTimeout(err) {
		t.Fatalf("greeting: %d bytes, %v", n, err)
	}
	q.nc.SetReadDeadline(time.Now().Add(5 * time.Second))
	q.must(331, "USER %s", testUser)
}

func isReset(err error) bool { return platformtest.IsConnReset(err) }

func isTimeout(err error) bool {
	var ne net.Error
	return errors.As(err, &ne) && ne.Timeout()
}

func TestFaultPassivePort(t *testing.T) {
	for _, tc := range []struct {
		f        Faults
		pasv     string
		epsvPort string
	}{
		{Faults{PassivePortZero: true}, ",0,0)", "|||0|"},
		{Faults{PassivePort: 21}, ",0,21)", "|||21|"},
	} {
		srv := startServer(t, func(o *Options) { o.Faults = tc.f })
		c := dial(t, srv)
		c.login()
		if msg := c.must(227, "PASV"); !strings.HasSuffix(msg, tc.pasv) {
			t.Errorf("PASV: %q, want ...%s", msg, tc.pasv)
		}
		if msg := c.must(229, "EPSV"); !strings.Contains(msg, tc.epsvPort) {
			t.Errorf("EPSV: %q, want %s", msg, tc.epsvPort)
		}
	}
	if _, err := New(Options{Root: t.TempDir(), Faults: Faults{PassivePort: 70000}}); err == nil {
		t.Error("PassivePort 70000 accepted")
	}
}

func TestFaultActiveSource(t *testing.T) {
	other := net.IPv4(127, 0, 0, 2)
	srv := startServer(t, func(o *Options) { o.Faults.ActiveSource = other })
	writeFile(t, srv, "f", []byte("data"))
	c := dial(t, srv)
	c.login()
	ln, err := net.ListenTCP("tcp", &net.TCPAddr{IP: net.IPv4(127, 0, 0, 1)})
	if err != nil {
		t.Fatal(err)
	}
	defer ln.Close()
	p := ln.Addr().(*net.TCPAddr).Port
	c.must(200, "PORT 127,0,0,1,%d,%d", p>>8, p&0xFF)
	c.send("RETR f")
	ln.SetDeadline(time.Now().Add(5 * time.Second))
	dc, err := ln.Accept()
	if err != nil {
		t.Fatalf("accept: %v", err)
	}
	defer dc.Close()
	if from := dc.RemoteAddr().(*net.TCPAddr).IP; !from.Equal(other) {
		t.Errorf("data connection from %v, want %v", from, other)
	}
	if _, err := New(Options{Root: t.TempDir(), Faults: Faults{ActiveSource: net.IPv4(192, 0, 2, 1)}}); err == nil {
		t.Error("non-loopback ActiveSource accepted")
	}
}

func TestFaultNameListAndHugeList(t *testing.T) {
	names := []string{"../up.txt", "/etc/passwd", "a\x00b", "c\x1b[2Jd", "ok.txt"}
	srv := startServer(t, func(o *Options) {
		o.Faults.NameList = names
		o.Faults.ListExtraLines = 3
	})
	c := dial(t, srv)
	c.login()
	data, _, final := c.download("PASV", "NLST")
	want := strings.Join(names, "\r\n") + "\r\nzftpd-fault-0000001\r\nzftpd-fault-0000002\r\nzftpd-fault-0000003\r\n"
	if string(data) != want || final.code != 226 {
		t.Errorf("NLST: %q %v, want %q", data, final, want)
	}
}

func TestFaultResetControlAfter(t *testing.T) {
	srv := startServer(t, func(o *Options) { o.Faults.ResetControlAfter = 1000 })
	writeFile(t, srv, "big", make([]byte, 1<<20))
	c := dial(t, srv)
	c.login()
	c.must(200, "TYPE I")
	conn := c.dataSetup("PASV")
	c.send("RETR big")
	c.expect(150)
	data, _ := io.ReadAll(conn())
	if len(data) > 1000 {
		t.Errorf("%d bytes, want at most 1000", len(data))
	}
	c.nc.SetReadDeadline(time.Now().Add(5 * time.Second))
	if _, err := c.nc.Read(make([]byte, 10)); err == nil {
		t.Error("control connection still open")
	}
}

func TestFaultDropDataQuietly(t *testing.T) {
	srv := startServer(t, func(o *Options) { o.Faults.DropDataAfter, o.Faults.DropDataQuietly = 100, true })
	writeFile(t, srv, "big", make([]byte, 5000))
	c := dial(t, srv)
	c.login()
	c.must(200, "TYPE I")
	data, start, final := c.download("PASV", "RETR big")
	if len(data) != 100 || final.code != 226 || !strings.Contains(start.msg, "(5000 bytes)") {
		t.Errorf("RETR: %d bytes, %v / %v", len(data), start, final)
	}
}

func TestFaultFailAfterStart(t *testing.T) {
	srv := startServer(t, func(o *Options) { o.Faults.FailAfterStart = "451 disk gone" })
	writeFile(t, srv, "f", []byte("data"))
	c := dial(t, srv)
	c.login()
	data, start, final := c.download("PASV", "RETR f")
	if start.code != 150 || final.code != 451 || len(data) != 0 {
		t.Errorf("RETR: %q, %v / %v", data, start, final)
	}
	c.must(257, "PWD")
	if _, err := New(Options{Root: t.TempDir(), Faults: Faults{FailAfterStart: "226 fine"}}); err == nil {
		t.Error("FailAfterStart 226 accepted")
	}
}

func TestFaultDataDelay(t *testing.T) {
	srv := startServer(t, func(o *Options) { o.Faults.DataDelay = 50 * time.Millisecond })
	writeFile(t, srv, "f", make([]byte, 64<<10))
	c := dial(t, srv)
	c.login()
	c.must(200, "TYPE I")
	start := time.Now()
	data, _, final := c.download("PASV", "RETR f")
	if d := time.Since(start); len(data) != 64<<10 || final.code != 226 || d < 150*time.Millisecond {
		t.Errorf("RETR: %d bytes, %v, in %v", len(data), final, d)
	}
}

func TestFaultListDelay(t *testing.T) {
	srv := startServer(t, func(o *Options) { o.Faults.ListDelay = 100 * time.Millisecond })
	writeFile(t, srv, "f", []byte("data"))
	c := dial(t, srv)
	c.login()
	for _, cmd := range []string{"NLST", "LIST"} {
		start := time.Now()
		data, _, final := c.download("PASV", cmd)
		// a lower bound only
		if d := time.Since(start); !strings.Contains(string(data), "f") || final.code != 226 || d < 100*time.Millisecond {
			t.Errorf("%s: %q, %v, in %v", cmd, data, final, d)
		}
	}
}

func TestFaultStoreDelay(t *testing.T) {
	srv := startServer(t, func(o *Options) { o.Faults.StoreDelay = 50 * time.Millisecond })
	c := dial(t, srv)
	c.login()
	c.must(200, "TYPE I")
	data := make([]byte, 64<<10)
	start := time.Now()
	_, final := c.upload("PASV", "STOR f", data)
	// at least four 16 KiB blocks, each after a 50 ms pause (a lower bound only)
	if d := time.Since(start); final.code != 226 || d < 150*time.Millisecond {
		t.Errorf("STOR: %v, in %v", final, d)
	}
	if got := readFile(t, srv, "f"); len(got) != len(data) {
		t.Errorf("stored %d bytes, want %d", len(got), len(data))
	}
}

func TestFaultNoDataConnection(t *testing.T) {
	srv := startServer(t, func(o *Options) { o.Faults.NoDataConnection = true })
	writeFile(t, srv, "f", []byte("data"))
	for _, method := range []string{"PORT", "PASV"} {
		t.Run(method, func(t *testing.T) {
			c := dial(t, srv)
			c.login()
			if method == "PORT" {
				local := c.nc.LocalAddr().(*net.TCPAddr)
				ln, err := net.ListenTCP("tcp", &net.TCPAddr{IP: local.IP})
				if err != nil {
					t.Fatal(err)
				}
				defer ln.Close()
				ip, port := local.IP.To4(), ln.Addr().(*net.TCPAddr).Port
				c.must(200, "PORT %d,%d,%d,%d,%d,%d", ip[0], ip[1], ip[2], ip[3], port>>8, port&0xFF)
				c.must(150, "RETR f")
				ln.SetDeadline(time.Now().Add(300 * time.Millisecond))
				if dc, err := ln.Accept(); err == nil {
					dc.Close()
					t.Fatal("the server connected to the PORT address")
				}
			} else {
				c.dataSetup("PASV")
				c.must(150, "RETR f")
			}
			// no final reply, and commands are ignored
			c.send("NOOP")
			c.nc.SetReadDeadline(time.Now().Add(300 * time.Millisecond))
			if line, err := c.c.ReadLine(); err == nil {
				t.Fatalf("a reply after the start reply: %q", line)
			}
		})
	}
}

func TestFaultSilentData(t *testing.T) {
	srv := startServer(t, func(o *Options) { o.Faults.SilentData = true })
	writeFile(t, srv, "f", []byte("data"))
	c := dial(t, srv)
	c.login()
	for i := 0; i < 2; i++ { // every RETR, not only the first
		conn := c.dataSetup("PASV")
		c.must(150, "RETR f")
		dc := conn()
		dc.SetReadDeadline(time.Now().Add(300 * time.Millisecond))
		if n, err := dc.Read(make([]byte, 16)); n != 0 || !errors.Is(err, os.ErrDeadlineExceeded) {
			t.Fatalf("RETR %d: read %d bytes, %v; want a silent data connection", i, n, err)
		}
		dc.Close()
		c.expect(426)
	}
	c.must(257, "PWD")
}

func TestFaultMLSDLines(t *testing.T) {
	lines := []string{"type=file;modify=20260101000000; f.bin", "type=OS.unix=slink:/x;size=9; l.bin"}
	srv := startServer(t, func(o *Options) { o.Faults.MLSDLines = lines; o.Faults.MLSDExtraEntries = 2 })
	c := dial(t, srv)
	c.login()
	if feat := c.must(211, "FEAT"); !strings.Contains(feat, "MLST type*;size*;modify*;") {
		t.Errorf("FEAT does not offer MLST:\n%s", feat)
	}
	data, start, final := c.download("PASV", "MLSD /any")
	if start.code != 150 && start.code != 125 || final.code != 226 && final.code != 250 || string(data) != strings.Join(append(lines, "type=file;size=1; zftpd-fault-0000001", "type=file;size=1; zftpd-fault-0000002"), "\r\n")+"\r\n" {
		t.Errorf("MLSD: %q, %v / %v", data, start, final)
	}
	plain := startServer(t, nil)
	c2 := dial(t, plain)
	c2.login()
	c2.must(500, "MLSD")
}
