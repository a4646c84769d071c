package client

import (
	"net"
	"testing"
)

func TestParsePathReply(t *testing.T) {
	tests := []struct {
		in, want string
		ok       bool
	}{
		{`"/home/x" is the current directory`, "/home/x", true},
		{`"'TIFFANY.'" is working directory.`, "'TIFFANY.'", true},
		{`"/a ""quoted"" dir" created`, `/a "quoted" dir`, true},
		{`"" is empty`, "", true},
		{`MKD command successful.`, "", false},
		{`"/unterminated`, "", false},
	}
	for _, tt := range tests {
		got, err := ParsePathReply(tt.in)
		if (err == nil) != tt.ok || got != tt.want {
			t.Errorf("ParsePathReply(%q) = %q, %v; want %q ok=%v", tt.in, got, err, tt.want, tt.ok)
		}
	}
}

func TestParsePASV(t *testing.T) {
	tests := []struct {
		in   string
		want string
		ok   bool
	}{
		{"Entering Passive Mode (127,0,0,1,195,80).", "127.0.0.1:50000", true},
		{"Entering Passive Mode 127,0,0,2,0,21", "127.0.0.2:21", true},
		{"=127,0,0,1,4,1", "127.0.0.1:1025", true},
		{"Entering Passive Mode (256,0,0,1,4,1)", "", false},
		{"Entering Passive Mode (127,0,0,1,4)", "", false},
		{"no address", "", false},
		{"v2 (1,2,3,4,5,6,7)", "1.2.3.4:1286", true},
	}
	for _, tt := range tests {
		a, err := ParsePASV(tt.in)
		if (err == nil) != tt.ok {
			t.Errorf("ParsePASV(%q) err = %v", tt.in, err)
			continue
		}
		if tt.ok && a.String() != tt.want {
			t.Errorf("ParsePASV(%q) = %s, want %s", tt.in, a, tt.want)
		}
	}
}

func TestParseEPSV(t *testing.T) {
	tests := []struct {
		in   string
		want int
		ok   bool
	}{
		{"Entering Extended Passive Mode (|||6446|)", 6446, true},
		{"Entering Extended Passive Mode (!!!6446!)", 6446, true},
		{"(|||0|)", 0, false},
		{"(|||70000|)", 0, false},
		{"(||6446|)", 0, false},
		{"(|||x|)", 0, false},
		{"no parens", 0, false},
	}
	for _, tt := range tests {
		p, err := ParseEPSV(tt.in)
		if (err == nil) != tt.ok || p != tt.want {
			t.Errorf("ParseEPSV(%q) = %d, %v; want %d ok=%v", tt.in, p, err, tt.want, tt.ok)
		}
	}
}

func TestFormatPORTAndEPRT(t *testing.T) {
	a4 := &net.TCPAddr{IP: net.ParseIP("127.0.0.1"), Port: 50000}
	if got, _ := FormatPORT(a4); got != "127,0,0,1,195,80" {
		t.Errorf("FormatPORT = %q", got)
	}
	if got, _ := FormatEPRT(a4); got != "|1|127.0.0.1|50000|" {
		t.Errorf("FormatEPRT v4 = %q", got)
	}
	a6 := &net.TCPAddr{IP: net.ParseIP("::1"), Port: 2121}
	if got, _ := FormatEPRT(a6); got != "|2|::1|2121|" {
		t.Errorf("FormatEPRT v6 = %q", got)
	}
	if _, err := FormatPORT(a6); err == nil {
		t.Error("FormatPORT accepted IPv6")
	}
	if _, err := FormatPORT(&net.TCPAddr{IP: a4.IP}); err == nil {
		t.Error("FormatPORT accepted port 0")
	}
}

func FuzzParsePASV(f *testing.F) {
	f.Add("Entering Passive Mode (127,0,0,1,195,80).")
	f.Add("227 =1,2,3,4,5,6")
	f.Fuzz(func(t *testing.T, s string) {
		a, err := ParsePASV(s)
		if err == nil && (a.Port < 0 || a.Port > 65535 || a.IP.To4() == nil) {
			t.Fatalf("bad address %v from %q", a, s)
		}
	})
}

func FuzzParseEPSV(f *testing.F) {
	f.Add("Entering Extended Passive Mode (|||6446|)")
	f.Fuzz(func(t *testing.T, s string) {
		p, err := ParseEPSV(s)
		if err == nil && (p < 1 || p > 65535) {
			t.Fatalf("bad port %d from %q", p, s)
		}
	})
}

func FuzzParsePathReply(f *testing.F) {
	f.Add(`"/a ""b"" c" is current`)
	f.Add(`"'TIFFANY.'" is working directory.`)
	f.Fuzz(func(t *testing.T, s string) {
		ParsePathReply(s)
	})
}

func FuzzFormatPORT(f *testing.F) {
	f.Add([]byte{127, 0, 0, 1}, 50000)
	f.Fuzz(func(t *testing.T, ip []byte, port int) {
		if len(ip) != 4 && len(ip) != 16 {
			return
		}
		a := &net.TCPAddr{IP: net.IP(ip), Port: port}
		if s, err := FormatPORT(a); err == nil {
			back, perr := ParsePASV(s)
			if perr != nil || !back.IP.Equal(a.IP) || back.Port != port {
				t.Fatalf("PORT %q does not round-trip %v: %v %v", s, a, back, perr)
			}
		}
		if s, err := FormatEPRT(a); err == nil && (port < 1 || port > 65535) {
			t.Fatalf("EPRT %q for port %d", s, port)
		}
	})
}
