package config

import (
	"errors"
	"os"
	"path/filepath"
	"reflect"
	"strings"
	"testing"
)

// FuzzParseFTPData checks that ApplyFTPData never panics, that a failure is
// a *ParseError (or a read error) that leaves the settings unchanged, and
// that warnings carry file:line.
func FuzzParseFTPData(f *testing.F) {
	for _, s := range []string{
		"FWFRIENDLY TRUE",
		"INACTTIME 0\nDATAKEEPALIVE 60 ; comment",
		"DEBUG FLO FSC(2)\nDEBUG NONE",
		"CIPHERSUITE SSL_AES_256_SHA\nCIPHERSUITE SSL_3DES_SHA",
		"SECURE_LOGIN REQUIRED\nSUPPRESSIGNOREWARNINGS TRUE",
		"BLKSIZE 27998\nFOO",
		"EPSV4 MAYBE",
		";;;\n\t\r\n",
	} {
		f.Add(s)
	}
	files, _ := filepath.Glob(filepath.Join("testdata", "*.data"))
	for _, name := range files {
		if data, err := os.ReadFile(name); err == nil {
			f.Add(string(data))
		}
	}
	f.Fuzz(func(t *testing.T, in string) {
		s := Defaults()
		before := s.Clone()
		w, err := s.ApplyFTPData("fuzz.data", strings.NewReader(in))
		if err != nil {
			var pe *ParseError
			if errors.As(err, &pe) {
				if pe.Line < 1 || pe.Column < 1 || !errors.Is(err, ErrBadValue) {
					t.Fatalf("bad ParseError %+v", pe)
				}
			} else if !strings.HasPrefix(err.Error(), "fuzz.data:") {
				t.Fatalf("error without position: %v", err)
			}
			if !reflect.DeepEqual(s, before) {
				t.Fatal("failed apply changed the settings")
			}
			return
		}
		for _, x := range w {
			if x.File != "fuzz.data" || x.Line < 1 || x.ID == "" {
				t.Fatalf("bad warning %+v", x)
			}
		}
		_ = s.LocstatLines()
		_ = s.ClientConfig()
	})
}

// FuzzLocsite checks that ApplyLocsite never panics and that a failing
// LOCSITE leaves the settings unchanged.
func FuzzLocsite(f *testing.F) {
	for _, s := range []string{
		"FWF", "NOFWFriendly EPSV4", "TLSRFCLEVEL=RFC4217", "DATAKEEPALIVE = 60",
		"BLKSIZE=6160 RDW", "= =", "INACTTIME=", "fwf=true", "D=1 DB2=X",
	} {
		f.Add(s)
	}
	f.Fuzz(func(t *testing.T, args string) {
		s := Defaults()
		before := s.Clone()
		w, err := s.ApplyLocsite(args)
		if err != nil {
			if !reflect.DeepEqual(s, before) {
				t.Fatal("failed LOCSITE changed the settings")
			}
			return
		}
		for _, x := range w {
			if x.ID == "" || x.File != "" {
				t.Fatalf("bad warning %+v", x)
			}
		}
	})
}
