package config

import (
	"strings"
	"testing"
)

// TestPrecedence applies the four layers in order (defaults → FTP.DATA →
// flags → LOCSITE) and checks that each later layer wins where it sets a
// value and leaves the rest alone.
func TestPrecedence(t *testing.T) {
	type step struct {
		layer string
		apply func(s *Settings) error
	}
	file := func(text string) func(s *Settings) error {
		return func(s *Settings) error { _, err := s.ApplyFTPData("ftp.data", strings.NewReader(text)); return err }
	}
	flag := func(name, value string) func(s *Settings) error {
		return func(s *Settings) error { _, err := s.Set(name, value); return err }
	}
	locsite := func(args string) func(s *Settings) error {
		return func(s *Settings) error { _, err := s.ApplyLocsite(args); return err }
	}
	tests := []struct {
		name  string
		steps []step
		check func(s *Settings) bool
	}{
		{"default only", nil, func(s *Settings) bool { return !s.FWFriendly && s.InactTime == 120 }},
		{"file over default", []step{{"file", file("FWFRIENDLY TRUE\nINACTTIME 200")}},
			func(s *Settings) bool { return s.FWFriendly && s.InactTime == 200 }},
		{"flag over file", []step{{"file", file("CLIENTEXIT FALSE\nINACTTIME 200")}, {"flag", flag("CLIENTEXIT", "TRUE")}},
			func(s *Settings) bool { return s.ClientExit && s.InactTime == 200 }},
		{"locsite over flag and file", []step{
			{"file", file("FWFRIENDLY TRUE\nEPSV4 TRUE\nINACTTIME 200")},
			{"flag", flag("INACTTIME", "300")},
			{"locsite", locsite("NOFWF INACTTIME=400")},
		}, func(s *Settings) bool { return !s.FWFriendly && s.EPSV4 && s.InactTime == 400 }},
		{"failed locsite keeps earlier layers", []step{
			{"file", file("FWFRIENDLY TRUE")},
			{"locsite-bad", locsite("NOFWF BOGUS")},
		}, func(s *Settings) bool { return s.FWFriendly }},
	}
	for _, tc := range tests {
		t.Run(tc.name, func(t *testing.T) {
			s := Defaults()
			for _, st := range tc.steps {
				err := st.apply(s)
				if (err != nil) != strings.HasSuffix(st.layer, "-bad") {
					t.Fatalf("%s: err = %v", st.layer, err)
				}
			}
			if !tc.check(s) {
				t.Errorf("settings = %+v", s)
			}
		})
	}
}
