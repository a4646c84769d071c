package main

import (
	"os/user"
	"runtime"
	"strings"
	"testing"
)

func TestAccountName(t *testing.T) {
	for in, want := range map[string]string{
		`VM\root`:              "root",
		`CORP\jane.doe`:        "jane.doe",
		`NT AUTHORITY\SYSTEM`:  "SYSTEM",
		"alice":                "alice",
		`trailing\`:            "",
		"":                     "",
		`a\b\c`:                "c",
		"domain.example\\bob":  "bob",
		"bob@corp.example.com": "bob@corp.example.com",
	} {
		if got := accountName(in); got != want {
			t.Errorf("accountName(%q) = %q, want %q", in, got, want)
		}
	}
}

// TestLocalUserHasNoDomain: the NAME prompt's default is a user name the
// server can take: on Windows the account's domain is left out.
func TestLocalUserHasNoDomain(t *testing.T) {
	t.Setenv("USER", "")
	got := localUser()
	if strings.Contains(got, `\`) {
		t.Fatalf("localUser() = %q", got)
	}
	u, err := user.Current()
	if err == nil && runtime.GOOS == "windows" && strings.Contains(u.Username, `\`) && !strings.HasSuffix(u.Username, `\`+got) {
		t.Errorf("localUser() = %q, want the name part of %q", got, u.Username)
	}
}
