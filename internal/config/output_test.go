package config

import (
	"slices"
	"strings"
	"testing"
	"time"

	"github.com/zftp/zftp/client"
	"github.com/zftp/zftp/transcript"
)

func TestClientConfig(t *testing.T) {
	tests := []struct {
		name   string
		locs   string
		method client.DataMethod
	}{
		{"z/OS default is active", "", client.Active},
		{"fwfriendly is passive", "FWF", client.Passive},
		{"epsv4 with fwfriendly", "FWF EPSV4", client.ExtendedPassive},
		{"epsv4 without fwfriendly still EPSV", "NOFWF EPSV4", client.ExtendedPassive},
	}
	for _, tc := range tests {
		t.Run(tc.name, func(t *testing.T) {
			s := Defaults()
			if tc.locs != "" {
				if _, err := s.ApplyLocsite(tc.locs); err != nil {
					t.Fatal(err)
				}
			}
			if got := s.ClientConfig().DataMethod; got != tc.method {
				t.Errorf("DataMethod = %v, want %v", got, tc.method)
			}
		})
	}
	s := Defaults()
	s.PassiveIgnoreAddr, s.PassiveIgnoreAddrCoded = true, true
	s.SourceAddr = "10.0.0.1"
	s.MyOpenTime, s.InactTime, s.DConnTime, s.DataCtTime = 11, 0, 33, 44
	c := s.ClientConfig()
	if !c.PassiveIgnoreAddr || c.LocalAddr != "10.0.0.1" || c.ConnectTimeout != 11*time.Second ||
		c.ReplyTimeout != NoTimeout || c.DataConnectTimeout != 33*time.Second || c.DataIdleTimeout != 44*time.Second {
		t.Errorf("ClientConfig = %+v", c)
	}
}

func TestLocstatLines(t *testing.T) {
	s := Defaults()
	lines := s.LocstatLines()
	text := strings.Join(lines, "\n")
	for _, want := range []string{
		"Data connections for the client are not firewall friendly.",
		"Inactivity timer is set to 120",
		"Timer DATAKEEPALIVE is set to 0",
		"Send Site with Put command (nothing is sent: files have no data set attributes)",
		"Trace: NONE",
		"MSGIDS is set to FALSE",
		"SECURE_MECHANISM is set to NONE",
		"SECURE_CTRLCONN is set to CLEAR (applies to Kerberos only; no effect with TLS)",
		"TLSPORT is set to 990",
		"KEYRING is set to *AUTH*/* (default: the system trust store, no client certificate)",
	} {
		if !strings.Contains(text, want) {
			t.Errorf("LOCSTAT lacks %q:\n%s", want, text)
		}
	}
	// MSGIDS says what is shown: -v (VERBOSE) shows IDs with MSGIDS FALSE.
	for _, tt := range []struct {
		msgIDs, shown bool
		want          string
	}{
		{false, false, "MSGIDS is set to FALSE"},
		{false, true, "MSGIDS is set to TRUE (VERBOSE: message IDs are shown)"},
		{true, true, "MSGIDS is set to TRUE"},
	} {
		c := s.Clone()
		c.MsgIDs = tt.msgIDs
		if got := strings.Join(c.LocstatLinesShowing(tt.shown), "\n"); !strings.Contains(got+"\n", tt.want+"\n") {
			t.Errorf("MSGIDS %v, shown %v: LOCSTAT lacks %q", tt.msgIDs, tt.shown, tt.want)
		}
	}
	if _, err := s.ApplyLocsite("FWF INACTTIME=30"); err != nil {
		t.Fatal(err)
	}
	s.CipherSuites = []string{"SSL_AES_256_SHA"}
	s.Debug = []string{"FLO", "CMD"}
	s.SendSite = false
	text = strings.Join(s.LocstatLines(), "\n")
	for _, want := range []string{"Data connections for the client are firewall friendly.", "Inactivity timer is set to 30",
		"CIPHERSUITE is set to SSL_AES_256_SHA", "Trace: FLO, CMD", "Do not send Site with Put command"} {
		if !strings.Contains(text, want) {
			t.Errorf("LOCSTAT lacks %q", want)
		}
	}
}

// TestLocstatEntries: the firewall-friendly line has IBM's IDs (EZA2818I,
// EZA2819I); every other line keeps ZFT0120I; LocstatFor returns exactly
// the full LOCSTAT's entries of a statement (KEYRING, MSGIDS, the pair of
// TLS versions), so LOCSTAT with one statement prints the same line.
func TestLocstatEntries(t *testing.T) {
	s := Defaults()
	for _, tt := range []struct {
		fw   bool
		id   transcript.ID
		text string
	}{
		{false, transcript.MsgNotFWFriendly, "Data connections for the client are not firewall friendly."},
		{true, transcript.MsgFWFriendly, "Data connections for the client are firewall friendly."},
	} {
		c := s.Clone()
		c.FWFriendly = tt.fw
		es := c.LocstatFor("FWFRIENDLY", false)
		if len(es) != 1 || es[0].ID != tt.id || es[0].Text != tt.text {
			t.Errorf("FWFRIENDLY %v: %+v, want %s %q", tt.fw, es, tt.id, tt.text)
		}
	}
	all := s.LocstatEntries(true)
	for _, e := range all {
		if e.ID != transcript.MsgLocalStatus && !slices.Contains(e.Statements, "FWFRIENDLY") {
			t.Errorf("%q has ID %s: only the firewall-friendly line has an IBM ID", e.Text, e.ID)
		}
	}
	for _, stmt := range []string{"KEYRING", "MSGIDS", "TLSVERSIONMAX", "DATACTTIME"} {
		es := s.LocstatFor(stmt, true)
		if len(es) != 1 {
			t.Fatalf("%s: %d entries, want 1", stmt, len(es))
		}
		if !slices.ContainsFunc(all, func(e LocstatEntry) bool { return e.Text == es[0].Text && e.ID == es[0].ID }) {
			t.Errorf("%s: %+v is not a line of the full LOCSTAT", stmt, es[0])
		}
	}
	if es := s.LocstatFor("NOSUCH", true); es != nil {
		t.Errorf("NOSUCH: %+v", es)
	}
}
