package main

import (
	"strings"
	"testing"

	"github.com/zftp/zftp/internal/zos"
)

func TestParseURL(t *testing.T) {
	tests := []struct {
		in   string
		want zos.Target
	}{
		{"ftp://host", zos.Target{Host: "host", Port: 21}},
		{"ftp://host/", zos.Target{Host: "host", Port: 21}},
		{"ftp://host/pub/", zos.Target{Host: "host", Port: 21, Path: "pub/"}},
		{"ftp://host:2121/pub/hello.txt", zos.Target{Host: "host", Port: 2121, Path: "pub/hello.txt"}},
		{"ftps://host/f", zos.Target{Host: "host", Port: 990, Implicit: true, Path: "f"}},
		{"FTPS://host:9990/", zos.Target{Host: "host", Port: 9990, Implicit: true}},
		{"ftp://me@host/", zos.Target{Host: "host", Port: 21, User: "me", HasUser: true}},
		{"ftp://me:s%40cr%3At@host/", zos.Target{Host: "host", Port: 21, User: "me", HasUser: true, Password: "s@cr:t", HasPassword: true}},
		{"ftp://me:@host/", zos.Target{Host: "host", Port: 21, User: "me", HasUser: true, HasPassword: true}},
		{"ftp://d%C3%A9j%C3%A0@host/a%20b/c%2Bd", zos.Target{Host: "host", Port: 21, User: "déjà", HasUser: true, Path: "a b/c+d"}},
		{"ftp://host/%2Fetc/motd", zos.Target{Host: "host", Port: 21, Path: "/etc/motd"}},
		{"ftp://[::1]:2121/x", zos.Target{Host: "::1", Port: 2121, Path: "x"}},
		{"ftp://127.0.0.1/", zos.Target{Host: "127.0.0.1", Port: 21}},
	}
	for _, tt := range tests {
		got, err := parseURL(tt.in)
		if err != nil {
			t.Errorf("parseURL(%q): %v", tt.in, err)
			continue
		}
		if got != tt.want {
			t.Errorf("parseURL(%q) = %+v, want %+v", tt.in, got, tt.want)
		}
	}
}

func TestParseURLErrors(t *testing.T) {
	tests := []struct{ in, want string }{
		{"http://host/", "scheme"},
		{"ftp:///path", "no host"},
		{"ftp://host:0/", "invalid port"},
		{"ftp://host:99999/", "invalid port"},
		{"ftp://host/?x=1", "query"},
		{"ftp://:pw@host/", "empty user"},
		{"ftp://u:secret@host:bad/", "invalid"},
		{"ftp://u:s%zzcret@host/", "invalid"},
	}
	for _, tt := range tests {
		_, err := parseURL(tt.in)
		if err == nil || !strings.Contains(err.Error(), tt.want) {
			t.Errorf("parseURL(%q) error = %v, want %q", tt.in, err, tt.want)
			continue
		}
		if strings.Contains(err.Error(), "secret") || strings.Contains(err.Error(), "s%zzcret") {
			t.Errorf("parseURL(%q) error repeats the password: %v", tt.in, err)
		}
	}
}

func TestTargetFetch(t *testing.T) {
	tests := []struct {
		path string
		want bool
	}{{"", false}, {"pub/", false}, {"/", false}, {"f", true}, {"pub/f", true}}
	for _, tt := range tests {
		if got := (zos.Target{Path: tt.path}).Fetch(); got != tt.want {
			t.Errorf("Target{Path: %q}.Fetch() = %v, want %v", tt.path, got, tt.want)
		}
	}
}

func TestHostPortArgument(t *testing.T) {
	tests := []struct {
		args    []string
		wantErr string
	}{
		{[]string{"host:2121"}, "zftp host 2121"},
		{[]string{"host:2121"}, "ftp://host:2121/"},
		{[]string{"::1"}, ""},
		{[]string{"fe80::1", "21"}, ""},
		{[]string{"host"}, ""},
		{[]string{"ftp://h/", "21"}, "too many arguments"},
		{[]string{"ftp://u:pw@h:x/"}, "invalid URL"},
	}
	for _, tt := range tests {
		var stderr strings.Builder
		_, _, err := parseFlags(tt.args, &stderr)
		switch {
		case tt.wantErr == "" && err != nil:
			t.Errorf("parseFlags(%q): %v", tt.args, err)
		case tt.wantErr != "" && (err == nil || !strings.Contains(err.Error(), tt.wantErr)):
			t.Errorf("parseFlags(%q) error = %v, want %q", tt.args, err, tt.wantErr)
		}
	}
}
