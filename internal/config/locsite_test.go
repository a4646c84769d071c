package config

import (
	"errors"
	"reflect"
	"strings"
	"testing"
)

func TestApplyLocsite(t *testing.T) {
	tests := []struct {
		name     string
		args     string
		check    func(s *Settings) bool
		warnings int
	}{
		{"toggle full", "FWFRIENDLY", func(s *Settings) bool { return s.FWFriendly }, 0},
		{"toggle abbreviated", "fwf", func(s *Settings) bool { return s.FWFriendly }, 0},
		{"negative toggle", "FWF NOFWF", func(s *Settings) bool { return !s.FWFriendly }, 0},
		{"epsv4 on and off", "EPSV4 NOEPSV4 EPSV4", func(s *Settings) bool { return s.EPSV4 }, 0},
		{"passiveignoreaddr", "PASSIVEIGNOREADDR", func(s *Settings) bool { return s.PassiveIgnoreAddr }, 0},
		{"secureimplicitzos off", "NOSECUREIMPLICITZOS", func(s *Settings) bool { return !s.SecureImplicitZOS }, 0},
		{"value", "TLSRFCLEVEL=RFC4217", func(s *Settings) bool { return s.TLSRFCLevel == RFCLevelRFC4217 }, 0},
		{"value lower case", "tlsrfclevel=cccnonotify", func(s *Settings) bool { return s.TLSRFCLevel == RFCLevelCCCNoNotify }, 0},
		{"value spaced", "DATAKEEPALIVE = 60", func(s *Settings) bool { return s.DataKeepAlive == 60 }, 0},
		{"value spaced after", "DATAKEEPALIVE= 90", func(s *Settings) bool { return s.DataKeepAlive == 90 }, 0},
		{"value spaced before", "DATAKEEPALIVE =0", func(s *Settings) bool { return s.DataKeepAlive == 0 }, 0},
		{"timers", "INACTTIME=30 MYOPENTIME=10 DCONNTIME=20 DATACTTIME=40 CCONNTIME=5", func(s *Settings) bool {
			return s.InactTime == 30 && s.MyOpenTime == 10 && s.DConnTime == 20 && s.DataCtTime == 40 && s.CConnTime == 5
		}, 0},
		{"extension", "MSGIDS", func(s *Settings) bool { return s.MsgIDs }, 0},
		{"z/OS-only options warn", "RDW BLKSIZE=27998 recfm=fb NORDW", func(s *Settings) bool { return true }, 4},
		{"z/OS-only abbreviated", "BLK=6160 D=5", func(s *Settings) bool { return true }, 2},
		{"mixed", "FWF BLKsize=80", func(s *Settings) bool { return s.FWFriendly }, 1},
	}
	for _, tc := range tests {
		t.Run(tc.name, func(t *testing.T) {
			s := Defaults()
			w, err := s.ApplyLocsite(tc.args)
			if err != nil {
				t.Fatalf("ApplyLocsite(%q): %v", tc.args, err)
			}
			if len(w) != tc.warnings {
				t.Errorf("warnings = %v, want %d", w, tc.warnings)
			}
			for _, x := range w {
				if x.File != "" || x.Line != 0 || x.ID == "" {
					t.Errorf("warning %+v", x)
				}
			}
			if !tc.check(s) {
				t.Errorf("settings = %+v", s)
			}
		})
	}
}

func TestApplyLocsiteErrors(t *testing.T) {
	tests := []struct {
		args string
		err  error
	}{
		{"", ErrNoOptions},
		{"   ", ErrNoOptions},
		{"BOGUS", ErrUnknownOption},
		{"FW", ErrUnknownOption}, // shorter than the minimum abbreviation FWF
		{"=5", ErrUnknownOption},
		{"FWF=TRUE", ErrBadValue},
		{"TLSRFCLEVEL", ErrBadValue},
		{"TLSRFCLEVEL=", ErrBadValue},
		{"TLSRFCLEVEL=RFC959", ErrBadValue},
		{"DATAKEEPALIVE=30", ErrBadValue},
		{"INACTTIME=abc", ErrBadValue},
		{"FWF EPSV4 NOPE", ErrUnknownOption},
	}
	for _, tc := range tests {
		t.Run(tc.args, func(t *testing.T) {
			s := Defaults()
			before := s.Clone()
			_, err := s.ApplyLocsite(tc.args)
			if !errors.Is(err, tc.err) {
				t.Fatalf("ApplyLocsite(%q) = %v, want %v", tc.args, err, tc.err)
			}
			if !reflect.DeepEqual(s, before) {
				t.Error("a failed LOCSITE changed the settings")
			}
		})
	}
}

// TestLocsiteTable checks that every keyword and its minimum abbreviation
// select exactly that keyword, and that every supported option maps to a
// LOCSITE-settable statement.
func TestLocsiteTable(t *testing.T) {
	seen := map[string]bool{}
	for _, o := range LocsiteOptions() {
		up := strings.ToUpper(o.Keyword)
		if seen[up] {
			t.Errorf("duplicate keyword %s", o.Keyword)
		}
		seen[up] = true
		for _, tok := range []string{o.Keyword, o.MinAbbrev(), strings.ToLower(o.MinAbbrev())} {
			got, err := findLocsite(tok)
			if err != nil || got.Keyword != o.Keyword {
				t.Errorf("findLocsite(%q) = %v, %v; want %s", tok, got.Keyword, err, o.Keyword)
			}
		}
		if !o.NoEffect {
			st := lookupStatement(o.Statement)
			if st == nil || st.Status != Supported {
				t.Errorf("%s maps to %q", o.Keyword, o.Statement)
			}
		}
	}
}
