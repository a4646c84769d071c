package config

import (
	"errors"
	"os"
	"path/filepath"
	"reflect"
	"strings"
	"testing"

	"github.com/zftp/zftp/transcript"
)

func TestDefaults(t *testing.T) {
	s := Defaults()
	want := &Settings{
		ClientErrCodes: ErrCodesFalse, SendSite: true,
		InactTime: 120, MyOpenTime: 60, CConnTime: 30, DConnTime: 120, DataCtTime: 120,
		SecureFTP: SecureFTPAllowed, SecureCtrlConn: ProtectionClear, // SecureDataConn not coded: PRIVATE (DataConn)
		SecureSessionReuse: ReuseAllowed, SecurePBSZ: 16384,
		SecureImplicitZOS: true, TLSPort: 990, TLSMechanism: TLSMechanismFTP, TLSRFCLevel: RFCLevelDraft,
		TLSTimeout: 100, TLSVersionMin: "TLSV1.2", TLSVersionMax: "TLSV1.3", Parallel: 1, MirrorDepth: 64,
		VerifySize: true,
		Pipeline:   true,
	}
	if !reflect.DeepEqual(s, want) {
		t.Errorf("Defaults() =\n%+v\nwant\n%+v", s, want)
	}
}

func TestApplyFTPData(t *testing.T) {
	tests := []struct {
		name  string
		in    string
		check func(t *testing.T, s *Settings)
	}{
		{"bool true", "FWFRIENDLY TRUE", func(t *testing.T, s *Settings) {
			if !s.FWFriendly {
				t.Error("FWFriendly not set")
			}
		}},
		{"case-insensitive keyword and value", "fwFriendly tRuE", func(t *testing.T, s *Settings) {
			if !s.FWFriendly {
				t.Error("FWFriendly not set")
			}
		}},
		{"comment and tabs", "\tEPSV4\tTRUE ; use EPSV", func(t *testing.T, s *Settings) {
			if !s.EPSV4 {
				t.Error("EPSV4 not set")
			}
		}},
		{"comment-only and blank lines", "; nothing\n\n   \n;;", func(t *testing.T, s *Settings) {
			if !reflect.DeepEqual(s, Defaults()) {
				t.Error("settings changed")
			}
		}},
		{"later statement wins", "INACTTIME 30\nINACTTIME 45", func(t *testing.T, s *Settings) {
			if s.InactTime != 45 {
				t.Errorf("InactTime = %d", s.InactTime)
			}
		}},
		{"zero disables timer", "INACTTIME 0\nDATAKEEPALIVE 0", func(t *testing.T, s *Settings) {
			if s.InactTime != 0 || s.DataKeepAlive != 0 {
				t.Errorf("InactTime = %d DataKeepAlive = %d", s.InactTime, s.DataKeepAlive)
			}
		}},
		{"enum", "CLIENTERRCODES extended", func(t *testing.T, s *Settings) {
			if s.ClientErrCodes != ErrCodesExtended {
				t.Errorf("ClientErrCodes = %q", s.ClientErrCodes)
			}
		}},
		{"ciphersuite appends in order", "CIPHERSUITE SSL_AES_256_SHA\nCIPHERSUITE ssl_3des_sha", func(t *testing.T, s *Settings) {
			if !reflect.DeepEqual(s.CipherSuites, []string{"SSL_AES_256_SHA", "SSL_3DES_SHA"}) {
				t.Errorf("CipherSuites = %q", s.CipherSuites)
			}
		}},
		{"keyring keeps case", "KEYRING /Home/U/ring.p12", func(t *testing.T, s *Settings) {
			if s.Keyring != "/Home/U/ring.p12" {
				t.Errorf("Keyring = %q", s.Keyring)
			}
		}},
		{"debug adds and NONE clears", "DEBUG FLO CMD\nDEBUG fsc(2) flo\nDEBUG NONE\nDEBUG SEC", func(t *testing.T, s *Settings) {
			if !reflect.DeepEqual(s.Debug, []string{"SEC"}) {
				t.Errorf("Debug = %q", s.Debug)
			}
		}},
		{"security statements", "SECURE_MECHANISM TLS\nSECURE_FTP REQUIRED\nSECURE_DATACONN PRIVATE\nSECURE_CTRLCONN PRIVATE\nSECURE_SESSION_REUSE REQUIRED\nSECURE_PBSZ 512\nSECURE_HOSTNAME REQUIRED\nSECUREIMPLICITZOS FALSE\nTLSPORT 0\nTLSRFCLEVEL CCCNONOTIFY\nTLSTIMEOUT 0\nTLSVERSIONMIN tlsv1.3",
			func(t *testing.T, s *Settings) {
				if s.SecureMechanism != MechanismTLS || s.SecureFTP != SecureFTPRequired || s.SecureDataConn != ProtectionPrivate ||
					s.SecureCtrlConn != ProtectionPrivate || s.SecureSessionReuse != ReuseRequired || s.SecurePBSZ != 512 ||
					s.SecureHostname != HostnameRequired || s.SecureImplicitZOS || s.TLSPort != 0 ||
					s.TLSRFCLevel != RFCLevelCCCNoNotify || s.TLSTimeout != 0 || s.TLSVersionMin != "TLSV1.3" {
					t.Errorf("security settings = %+v", s)
				}
			}},
		{"crlf", "FWFRIENDLY TRUE\r\nEPSV4 TRUE\r\n", func(t *testing.T, s *Settings) {
			if !s.FWFriendly || !s.EPSV4 {
				t.Error("not set")
			}
		}},
	}
	for _, tc := range tests {
		t.Run(tc.name, func(t *testing.T) {
			s := Defaults()
			w, err := s.ApplyFTPData("t.data", strings.NewReader(tc.in))
			if err != nil {
				t.Fatalf("ApplyFTPData: %v", err)
			}
			if len(w) != 0 {
				t.Errorf("warnings: %v", w)
			}
			tc.check(t, s)
		})
	}
}

func TestFTPDataWarnings(t *testing.T) {
	s := Defaults()
	w, err := s.LoadFTPData(filepath.Join("testdata", "client.data"))
	if err != nil {
		t.Fatalf("LoadFTPData: %v", err)
	}
	file := filepath.Join("testdata", "client.data")
	want := []Warning{
		{file, 17, IDNoEffect, "BLKSIZE", "statement BLKSIZE has no effect on this platform"},
		{file, 18, IDNoEffect, "RECFM", "statement RECFM has no effect on this platform"},
		{file, 19, IDIgnoredServerStatement, "SECURE_LOGIN", "statement SECURE_LOGIN is a server statement and is ignored by the client"},
		{file, 20, IDIgnoredServerStatement, "PASSIVEDATACONN", "statement PASSIVEDATACONN is a server statement and is ignored by the client"},
		{file, 21, IDUnknownStatement, "FOOBAR", "unknown statement FOOBAR ignored"},
	}
	if !reflect.DeepEqual(w, want) {
		t.Errorf("warnings:\n got %v\nwant %v", w, want)
	}
	if got := w[0].String(); got != "ZFT0002W "+file+":17: statement BLKSIZE has no effect on this platform" {
		t.Errorf("String() = %q", got)
	}
	if !s.FWFriendly || !s.EPSV4 || s.InactTime != 300 || s.DataKeepAlive != 120 ||
		s.SecureMechanism != MechanismTLS || s.Keyring != "/home/user/.zftp/ring.pem" ||
		!reflect.DeepEqual(s.CipherSuites, []string{"SSL_AES_256_SHA", "SSL_AES_128_SHA"}) ||
		!reflect.DeepEqual(s.Debug, []string{"FLO", "CMD"}) {
		t.Errorf("settings = %+v", s)
	}
}

func TestSuppressIgnoreWarnings(t *testing.T) {
	in := "SECURE_LOGIN REQUIRED\nBLKSIZE 80\nFOO 1\nSUPPRESSIGNOREWARNINGS TRUE\n"
	s := Defaults()
	w, err := s.ApplyFTPData("x", strings.NewReader(in))
	if err != nil {
		t.Fatal(err)
	}
	var ids []transcript.ID
	for _, x := range w {
		ids = append(ids, x.ID)
	}
	// EZYFT47I is suppressed; the no-effect and unknown warnings never are.
	if !reflect.DeepEqual(ids, []transcript.ID{IDNoEffect, IDUnknownStatement}) {
		t.Errorf("warning IDs = %v", ids)
	}
}

func TestValueNotes(t *testing.T) {
	s := Defaults()
	w, err := s.ApplyFTPData("x", strings.NewReader("TLSMECHANISM ATTLS\nSECURE_MECHANISM GSSAPI\n"))
	if err != nil {
		t.Fatal(err)
	}
	if len(w) != 2 || w[0].ID != IDValueNote || w[0].Line != 1 || w[1].Line != 2 {
		t.Errorf("warnings = %v", w)
	}
	if s.TLSMechanism != TLSMechanismATTLS || s.SecureMechanism != MechanismGSSAPI {
		t.Errorf("values not stored: %+v", s)
	}
}

func TestFTPDataErrors(t *testing.T) {
	tests := []struct {
		name      string
		in        string
		line, col int
		msg       string
	}{
		{"bad bool", "EPSV4 YES", 1, 7, "want TRUE or FALSE"},
		{"missing value", "\n  FWFRIENDLY", 2, 3, "needs a value"},
		{"too many values", "FWFRIENDLY TRUE FALSE", 1, 12, "takes one value"},
		{"below range", "INACTTIME 5", 1, 11, "0 or 15-86400"},
		{"above range", "DATAKEEPALIVE 86401", 1, 15, "0 or 60-86400"},
		{"not a number", "MYOPENTIME ten", 1, 12, "want"},
		{"pbsz zero not allowed", "SECURE_PBSZ 0", 1, 13, "512-32768"},
		{"bad enum", "CLIENTERRCODES MAYBE", 1, 16, "FALSE, TRUE, EXTENDED"},
		{"bad trace", "DEBUG FLO BOGUS", 1, 7, "unknown trace option"},
		{"tlsport range", "TLSPORT 70000", 1, 9, "0 or 1-65535"},
	}
	for _, tc := range tests {
		t.Run(tc.name, func(t *testing.T) {
			s := Defaults()
			before := s.Clone()
			_, err := s.ApplyFTPData("f.data", strings.NewReader(tc.in))
			var pe *ParseError
			if !errors.As(err, &pe) {
				t.Fatalf("err = %v, want *ParseError", err)
			}
			if !errors.Is(err, ErrBadValue) {
				t.Errorf("err %v does not wrap ErrBadValue", err)
			}
			if pe.File != "f.data" || pe.Line != tc.line || pe.Column != tc.col || !strings.Contains(err.Error(), tc.msg) {
				t.Errorf("err = %v (line %d col %d), want line %d col %d containing %q", err, pe.Line, pe.Column, tc.line, tc.col, tc.msg)
			}
			if !reflect.DeepEqual(s, before) {
				t.Error("settings changed by a failed file")
			}
		})
	}
}

func TestParseErrorAppliesNothing(t *testing.T) {
	s := Defaults()
	_, err := s.LoadFTPData(filepath.Join("testdata", "bad-value.data"))
	var pe *ParseError
	if !errors.As(err, &pe) || pe.Line != 2 || pe.Column != 11 {
		t.Fatalf("err = %v, want a ParseError at line 2 column 11", err)
	}
	if s.FWFriendly {
		t.Error("a statement before the bad line was applied")
	}
}

func TestFTPDataLongLine(t *testing.T) {
	s := Defaults()
	_, err := s.ApplyFTPData("x", strings.NewReader("KEYRING "+strings.Repeat("a", maxLine+1)))
	if err == nil || !strings.HasPrefix(err.Error(), "x:1:") {
		t.Errorf("err = %v", err)
	}
}

func TestLoadFTPDataMissing(t *testing.T) {
	_, err := Defaults().LoadFTPData(filepath.Join(t.TempDir(), "none"))
	if !errors.Is(err, os.ErrNotExist) {
		t.Errorf("err = %v", err)
	}
}

func TestSetAndGet(t *testing.T) {
	s := Defaults()
	if _, err := s.Set("clientexit", "true"); err != nil || !s.ClientExit {
		t.Errorf("Set CLIENTEXIT: %v", err)
	}
	if v, ok := s.Get("CLIENTEXIT"); !ok || v != "TRUE" {
		t.Errorf("Get = %q %v", v, ok)
	}
	if _, err := s.Set("DEBUG", "FLO CMD"); err != nil || len(s.Debug) != 2 {
		t.Errorf("Set DEBUG: %v %v", err, s.Debug)
	}
	if v, _ := s.Get("DEBUG"); v != "FLO CMD" {
		t.Errorf("Get DEBUG = %q", v)
	}
	if w, err := s.Set("SECURE_MECHANISM", "GSSAPI"); err != nil || len(w) != 1 || w[0].File != "" {
		t.Errorf("Set GSSAPI: %v %v", w, err)
	}
	if _, err := s.Set("BLKSIZE", "80"); !errors.Is(err, ErrUnknownStatement) {
		t.Errorf("Set BLKSIZE: %v", err)
	}
	if _, err := s.Set("INACTTIME", "1"); !errors.Is(err, ErrBadValue) {
		t.Errorf("Set INACTTIME 1: %v", err)
	}
	if _, ok := s.Get("NOSUCH"); ok {
		t.Error("Get NOSUCH ok")
	}
}

func TestClone(t *testing.T) {
	s := Defaults()
	s.CipherSuites = []string{"A"}
	s.Debug = []string{"FLO"}
	c := s.Clone()
	c.CipherSuites[0] = "B"
	c.Debug[0] = "CMD"
	if s.CipherSuites[0] != "A" || s.Debug[0] != "FLO" {
		t.Error("Clone shares slices")
	}
}

// TestLoadFTPDataLenient checks z/OS's rule for bad FTP.DATA statements
// (IBM "Interpreting FTP client output": EZYFT46E, then the session goes
// on): each bad one is reported with its line, the others are applied.
func TestLoadFTPDataLenient(t *testing.T) {
	p := filepath.Join(t.TempDir(), "ftp.data")
	body := "INACTTIME 5\nFWFRIENDLY TRUE\nCLIENTEXIT maybe\nSEQNUMSUPPORT TRUE\n"
	if err := os.WriteFile(p, []byte(body), 0o600); err != nil {
		t.Fatal(err)
	}
	cfg := Defaults()
	_, bad, err := cfg.LoadFTPDataLenient(p)
	if err != nil {
		t.Fatal(err)
	}
	if len(bad) != 2 || bad[0].Line != 1 || bad[1].Line != 3 {
		t.Fatalf("bad statements %+v, want lines 1 and 3", bad)
	}
	if !cfg.FWFriendly || !cfg.SeqNumSupport || cfg.ClientExit {
		t.Errorf("good statements not applied: FWFRIENDLY %v SEQNUMSUPPORT %v CLIENTEXIT %v", cfg.FWFriendly, cfg.SeqNumSupport, cfg.ClientExit)
	}
}

// TestLoadFTPDataLenientCap: more than MaxFTPDataErrors bad statements is
// not an FTP.DATA file: an error, and nothing applied.
func TestLoadFTPDataLenientCap(t *testing.T) {
	p := filepath.Join(t.TempDir(), "ftp.data")
	body := "FWFRIENDLY TRUE\n" + strings.Repeat("INACTTIME 5\n", MaxFTPDataErrors+1)
	if err := os.WriteFile(p, []byte(body), 0o600); err != nil {
		t.Fatal(err)
	}
	cfg := Defaults()
	_, bad, err := cfg.LoadFTPDataLenient(p)
	var pe *ParseError
	if !errors.As(err, &pe) || pe.Line != MaxFTPDataErrors+2 || len(bad) != MaxFTPDataErrors {
		t.Fatalf("err = %v with %d bad statements, want the ParseError of line %d after %d", err, len(bad), MaxFTPDataErrors+2, MaxFTPDataErrors)
	}
	if cfg.FWFriendly {
		t.Error("a statement was applied from a file with too many bad ones")
	}
}
