package config

import (
	"strings"
	"testing"
)

// TestSecureHostnameDefault: not coded, the name is checked; OPTIONAL
// coded (FTP.DATA or LOCSITE) turns the check off, REQUIRED keeps it.
func TestSecureHostnameDefault(t *testing.T) {
	tests := []struct {
		name     string
		stmts    []string
		verify   bool // Settings.VerifyHostname
		optional bool // HostnameOptionalCoded and tls.Options.HostnameOptional
		required bool // tls.Options.VerifyHostname
		locstat  string
	}{
		{"not coded", nil, true, false, false, "SECURE_HOSTNAME is set to REQUIRED (default)"},
		{"OPTIONAL", []string{"SECURE_HOSTNAME OPTIONAL"}, false, true, false, "SECURE_HOSTNAME is set to OPTIONAL"},
		{"REQUIRED", []string{"SECURE_HOSTNAME REQUIRED"}, true, false, true, "SECURE_HOSTNAME is set to REQUIRED"},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			s := settings(t, append([]string{"SECURE_MECHANISM TLS"}, tt.stmts...)...)
			if s.VerifyHostname() != tt.verify || s.HostnameOptionalCoded() != tt.optional {
				t.Errorf("VerifyHostname %v HostnameOptionalCoded %v", s.VerifyHostname(), s.HostnameOptionalCoded())
			}
			k := makeKeyrings(t)
			sec, w, err := s.Security(21, SecurityOptions{ConfigDir: k.dir, CAStore: k.caPEM})
			if err != nil {
				t.Fatal(err)
			}
			warned := len(w) == 1 && w[0].Statement == "SECURE_HOSTNAME" && strings.Contains(w[0].Text, "not checked")
			if warned != tt.optional || len(w) > 1 {
				t.Errorf("warnings %+v", w)
			}
			if sec.Options.HostnameOptional != tt.optional || sec.Options.VerifyHostname != tt.required {
				t.Errorf("tls.Options HostnameOptional %v VerifyHostname %v", sec.Options.HostnameOptional, sec.Options.VerifyHostname)
			}
			if lines := strings.Join(s.LocstatLines(), "\n"); !strings.Contains(lines+"\n", tt.locstat+"\n") {
				t.Errorf("LOCSTAT lacks %q:\n%s", tt.locstat, lines)
			}
		})
	}
	s := Defaults()
	if _, err := s.ApplyLocsite("SECURE_HOSTNAME=OPTIONAL"); err != nil {
		t.Fatal(err)
	}
	if !s.HostnameOptionalCoded() || s.VerifyHostname() {
		t.Error("LOCSITE SECURE_HOSTNAME=OPTIONAL did not turn the check off")
	}
}

// TestPassiveIgnoreAddrDefault: not coded, the engine uses the control
// connection's address with a warning (neither engine flag); TRUE and
// FALSE coded map to PassiveIgnoreAddr and PassiveFollowAddr; LOCSTAT shows
// the effective value and whether it was coded.
func TestPassiveIgnoreAddrDefault(t *testing.T) {
	tests := []struct {
		name           string
		stmts          []string
		locsite        string
		ignore, follow bool
		locstat        string
	}{
		{"not coded", nil, "", false, false, "PASSIVEIGNOREADDR is set to TRUE (default)"},
		{"TRUE", []string{"PASSIVEIGNOREADDR TRUE"}, "", true, false, "PASSIVEIGNOREADDR is set to TRUE"},
		{"FALSE", []string{"PASSIVEIGNOREADDR FALSE"}, "", false, true, "PASSIVEIGNOREADDR is set to FALSE"},
		{"LOCSITE NOPASSIVEIGNOREADDR", nil, "NOPASSIVEIGNOREADDR", false, true, "PASSIVEIGNOREADDR is set to FALSE"},
		{"LOCSITE PASSIVEIGNOREADDR", []string{"PASSIVEIGNOREADDR FALSE"}, "PASSIVEIGNOREADDR", true, false, "PASSIVEIGNOREADDR is set to TRUE"},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			s := settings(t, tt.stmts...)
			if tt.locsite != "" {
				if _, err := s.ApplyLocsite(tt.locsite); err != nil {
					t.Fatal(err)
				}
			}
			c := s.ClientConfig()
			if c.PassiveIgnoreAddr != tt.ignore || c.PassiveFollowAddr != tt.follow {
				t.Errorf("PassiveIgnoreAddr %v PassiveFollowAddr %v", c.PassiveIgnoreAddr, c.PassiveFollowAddr)
			}
			if lines := strings.Join(s.LocstatLines(), "\n"); !strings.Contains(lines+"\n", tt.locstat+"\n") {
				t.Errorf("LOCSTAT lacks %q:\n%s", tt.locstat, lines)
			}
			if got, _ := s.Get("PASSIVEIGNOREADDR"); got != boolText(!tt.follow) {
				t.Errorf("Get = %s", got)
			}
		})
	}
}
