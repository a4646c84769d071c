package ftpd

import (
	"bytes"
	"testing"
	"time"
)

func TestFaultDropDataAfter(t *testing.T) {
	srv := startServer(t, func(o *Options) { o.Faults.DropDataAfter = 1000 })
	payload := bytes.Repeat([]byte("0123456789"), 100000)
	writeFile(t, srv, "big", payload)
	writeFile(t, srv, "small", payload[:999])
	writeFile(t, srv, "exact", payload[:1000])
	for _, method := range []string{"PASV", "PORT"} {
		t.Run(method, func(t *testing.T) {
			c := dial(t, srv)
			c.login()
			c.must(200, "TYPE I")
			data, start, final := c.download(method, "RETR big")
			if start.code != 150 || final.code != 426 || len(data) != 1000 {
				t.Errorf("RETR big: %d bytes, %v / %v", len(data), start, final)
			}
			data, _, final = c.download(method, "RETR small")
			if final.code != 226 || len(data) != 999 {
				t.Errorf("RETR small: %d bytes, %v", len(data), final)
			}
			data, _, final = c.download(method, "RETR exact")
			if final.code != 226 || len(data) != 1000 {
				t.Errorf("RETR exact: %d bytes, %v", len(data), final)
			}
			start, final = c.upload(method, "STOR up", payload)
			if start.code != 150 || final.code != 426 {
				t.Errorf("STOR: %v / %v", start, final)
			}
			if got := readFile(t, srv, "up"); len(got) != 1000 {
				t.Errorf("stored %d bytes, want 1000", len(got))
			}
			c.must(200, "NOOP") // the session goes on
		})
	}
}

func TestFaultReplyCodeFor(t *testing.T) {
	srv := startServer(t, func(o *Options) {
		o.Faults.ReplyCodeFor = map[string]string{"retr": "550 forced", "SYST": "421", "CWD": "451 try later"}
	})
	writeFile(t, srv, "f", []byte("x"))
	c := dial(t, srv)
	c.login()
	c.must(227, "PASV")
	if msg := c.must(550, "RETR f"); msg != "forced" {
		t.Errorf("RETR: %q", msg)
	}
	if msg := c.must(421, "SYST"); msg != "forced" {
		t.Errorf("SYST: %q", msg)
	}
	c.must(451, "CWD /")
	c.must(257, "PWD")
	// The forced RETR released the passive set-up.
	c.must(425, "LIST")
}

func TestFaultDelay(t *testing.T) {
	const delay = 150 * time.Millisecond
	srv := startServer(t, func(o *Options) { o.Faults.Delay = delay })
	start := time.Now()
	c := dial(t, srv)
	c.must(200, "NOOP")
	if d := time.Since(start); d < 2*delay {
		t.Errorf("greeting and NOOP took %v, want at least %v", d, 2*delay)
	}
}

func TestFaultClosingReplyAfterData(t *testing.T) {
	srv := startServer(t, func(o *Options) { o.Faults.ClosingReplyAfterData = true })
	writeFile(t, srv, "f", []byte("all of it"))
	c := dial(t, srv)
	c.login()
	c.must(200, "TYPE I")
	data, start, final := c.download("EPSV", "RETR f")
	if start.code != 150 || final.code != 451 || string(data) != "all of it" {
		t.Errorf("RETR: %q %v / %v", data, start, final)
	}
	start, final = c.upload("EPSV", "STOR g", []byte("stored"))
	if start.code != 150 || final.code != 451 {
		t.Errorf("STOR: %v / %v", start, final)
	}
	if got := string(readFile(t, srv, "g")); got != "stored" {
		t.Errorf("stored %q", got)
	}
	_, _, final = c.download("EPSV", "LIST")
	if final.code != 451 {
		t.Errorf("LIST: %v", final)
	}
}
