package zos

import (
	"strings"
	"testing"
)

func TestUnusableHostRecord(t *testing.T) {
	tests := []struct {
		record   string
		unusable bool
	}{
		{"mvs056.tcp.raleigh.ibm.com", false},
		{"127.0.0.1 2121", false},
		{"127.0.0.1 2l", false}, // a bad port: ParseHostRecord says so, the record holds no password
		{"", false},
		{"ftp://user:pw@host/", true},
		{"ftps://host:990", true},
		{"user:pw@host", true},
		{"user@host 21", true},
		{"host 21 user pw", true},
		{"host user pw", true},
	}
	for _, tt := range tests {
		if got := unusableHostRecord(tt.record) != ""; got != tt.unusable {
			t.Errorf("unusableHostRecord(%q) = %v, want %v", tt.record, got, tt.unusable)
		}
	}
}

// TestCleanRecordStripsPadding: fixed 80-byte INPUT records end in blanks
// that are padding; tabs are data and stay.
func TestCleanRecordStripsPadding(t *testing.T) {
	tests := []struct {
		raw, text string
		kind      RecordKind
	}{
		{"user1" + strings.Repeat(" ", 75), "user1", RecordText},
		{"my pass phrase" + strings.Repeat(" ", 66), "my pass phrase", RecordText},
		{"  pwd   ", "  pwd", RecordText},
		{strings.Repeat(" ", 80), "", RecordBlank},
		{"site x\t", "site x\t", RecordText},
	}
	for _, tt := range tests {
		text, kind := CleanRecord(tt.raw, InputRules{})
		if text != tt.text || kind != tt.kind {
			t.Errorf("CleanRecord(%q) = %q, %d; want %q, %d", tt.raw, text, kind, tt.text, tt.kind)
		}
	}
}
