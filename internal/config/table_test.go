package config

import (
	"os"
	"path/filepath"
	"reflect"
	"strings"
	"testing"
)

// TestStatementTable checks the table: unique names, setters and getters
// for supported statements, and that each default survives a round trip.
func TestStatementTable(t *testing.T) {
	seen := map[string]bool{}
	for _, st := range Statements() {
		if seen[st.Name] {
			t.Errorf("duplicate statement %s", st.Name)
		}
		seen[st.Name] = true
		if st.Name != strings.ToUpper(st.Name) {
			t.Errorf("%s is not upper case", st.Name)
		}
		if st.Source == "" {
			t.Errorf("%s has no source", st.Name)
		}
		if st.Status != Supported {
			continue
		}
		if st.set == nil || st.get == nil {
			t.Fatalf("%s lacks a setter or getter", st.Name)
		}
		if st.Default != "" {
			if got := st.get(Defaults()); got != st.Default {
				t.Errorf("%s: default %q reads back as %q", st.Name, st.Default, got)
			}
		}
	}
	for _, name := range []string{
		"CLIENTEXIT", "CLIENTERRCODES", "FWFRIENDLY", "EPSV4", "PASSIVEIGNOREADDR", "SENDSITE",
		"SEQNUMSUPPORT", "SUPPRESSIGNOREWARNINGS", "DATAKEEPALIVE", "FTPKEEPALIVE", "MYOPENTIME",
		"INACTTIME", "CCONNTIME", "DCONNTIME", "DATACTTIME", "DEBUG", "SECURE_FTP", "SECURE_MECHANISM",
		"SECURE_CTRLCONN", "SECURE_DATACONN", "SECURE_SESSION_REUSE", "SECURE_PBSZ", "SECURE_HOSTNAME",
		"SECUREIMPLICITZOS", "TLSPORT", "TLSMECHANISM", "TLSRFCLEVEL", "TLSTIMEOUT", "KEYRING", "CIPHERSUITE",
	} {
		st := lookupStatement(name)
		if st == nil || st.Status != Supported || st.Extension {
			t.Errorf("%s must be a supported z/OS statement", name)
		}
	}
}

// TestDocsCoverEveryStatement keeps docs/ftpdata.md in step with the table.
func TestDocsCoverEveryStatement(t *testing.T) {
	data, err := os.ReadFile(filepath.Join("..", "..", "docs", "ftpdata.md"))
	if err != nil {
		t.Fatalf("docs/ftpdata.md: %v", err)
	}
	doc := string(data)
	for _, st := range Statements() {
		if !strings.Contains(doc, st.Name) {
			t.Errorf("docs/ftpdata.md does not mention %s", st.Name)
		}
	}
}

func TestStatementsIsACopy(t *testing.T) {
	a := Statements()
	a[0].Name = "CHANGED"
	if reflect.DeepEqual(a, Statements()) {
		t.Error("Statements returned the table itself")
	}
}
