package ftpd

import (
	"io"
	"net"
	"strconv"
	"strings"
	"testing"
	"time"
)

// TestPassiveAddressAdvertised: with PassiveAddress the 227 reply names
// that address, while the listener stays on the control connection's
// local address (127.0.0.1), where the transfer still works.
func TestPassiveAddressAdvertised(t *testing.T) {
	srv := startServer(t, func(o *Options) { o.PassiveAddress = net.IPv4(127, 0, 0, 2) })
	writeFile(t, srv, "f", []byte("payload"))
	c := dial(t, srv)
	c.login()
	msg := c.must(227, "PASV")
	m := pasvRE.FindStringSubmatch(msg)
	if m == nil {
		t.Fatalf("227 without an address: %q", msg)
	}
	if got := strings.Join(m[1:5], "."); got != "127.0.0.2" {
		t.Fatalf("227 names %s, want 127.0.0.2: %q", got, msg)
	}
	hi, _ := strconv.Atoi(m[5])
	lo, _ := strconv.Atoi(m[6])
	addr := net.JoinHostPort("127.0.0.1", strconv.Itoa(hi<<8|lo))
	dc, err := net.DialTimeout("tcp", addr, 5*time.Second)
	if err != nil {
		t.Fatalf("dial the real listener %s: %v", addr, err)
	}
	defer dc.Close()
	c.send("RETR f")
	c.expect(150)
	data, _ := io.ReadAll(dc)
	c.expect(226)
	if string(data) != "payload" {
		t.Errorf("got %q", data)
	}
	// EPSV carries no address and is unaffected.
	c.must(229, "EPSV")
}

func TestPassiveAddressValidated(t *testing.T) {
	for _, tc := range []struct {
		ip    net.IP
		allow bool
		ok    bool
	}{
		{net.IPv4(127, 0, 0, 2), false, true},
		{net.IPv6loopback, false, false},
		{net.IPv4(192, 0, 2, 1), false, false},
		{net.IPv4(192, 0, 2, 1), true, true},
	} {
		o := Options{Root: t.TempDir(), PassiveAddress: tc.ip, AllowNonLoopback: tc.allow}
		err := o.withDefaults().validate()
		if (err == nil) != tc.ok {
			t.Errorf("PassiveAddress %v (AllowNonLoopback %v): err %v, want ok %v", tc.ip, tc.allow, err, tc.ok)
		}
	}
}
