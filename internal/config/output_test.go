package config

import (
	"strings"
	"testing"
	"time"

	"github.com/zftp/zftp/client"
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
		"FWFriendly is set to FALSE",
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
	for _, want := range []string{"FWFriendly is set to TRUE", "Inactivity timer is set to 30",
		"CIPHERSUITE is set to SSL_AES_256_SHA", "Trace: FLO, CMD", "Do not send Site with Put command"} {
		if !strings.Contains(text, want) {
			t.Errorf("LOCSTAT lacks %q", want)
		}
	}
}
