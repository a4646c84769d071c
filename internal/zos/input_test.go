package zos

import (
	"strings"
	"testing"
	"unicode/utf8"
)

// pad80 returns s padded with blanks to column 72 and followed by the
// sequence number seq in columns 73-80, as a numbered z/OS record.
func pad80(s, seq string) string {
	return s + strings.Repeat(" ", 72-len(s)) + seq
}

func TestCleanRecord(t *testing.T) {
	seq := InputRules{SeqNums: true}
	tests := []struct {
		name  string
		raw   string
		rules InputRules
		text  string
		kind  RecordKind
	}{
		// IBM, "Submitting FTP requests in batch": stand-alone and appended comments.
		{"stand-alone comment", "; This is a stand-alone comment record", InputRules{}, "", RecordComment},
		{"indented comment", "   ;indented", InputRules{}, "", RecordComment},
		{"appended comment", "USER userx ; This is an appended comment", InputRules{}, "USER userx", RecordText},
		{"appended comment, tab", "pwd\t;where am I", InputRules{}, "pwd", RecordText},
		{"semicolon inside a word", "get a;b c", InputRules{}, "get a;b c", RecordText},
		{"quoted data set name kept", "get 'USER1.DATA(MEM)' x", InputRules{}, "get 'USER1.DATA(MEM)' x", RecordText},
		{"blank record: take it from NETRC", "   ", InputRules{}, "", RecordBlank},
		{"empty record", "", InputRules{}, "", RecordBlank},
		{"comments kept when asked", "site x ;y", InputRules{KeepComments: true}, "site x ;y", RecordText},
		// IBM, SEQNUMSUPPORT (FTP client) statement: trailing and leading numbers.
		{"trailing seqnum comment", pad80("; This comment prevents 00000100", "00000100"), seq, "", RecordComment},
		{"trailing seqnum", pad80("locstat", "00000120"), seq, "locstat", RecordText},
		{"leading seqnum comment", "00000100; The file indicates leading sequence numbers present", seq, "", RecordComment},
		{"leading seqnum", "00000110put local.file +", seq, "put local.file +", RecordText},
		{"leading seqnum only", "00000120", seq, "", RecordBlank},
		{"seqnums are data under FALSE", pad80("locstat", "00000120"), InputRules{}, pad80("locstat", "00000120"), RecordText},
		{"no seqnum in a short record", "mvs056.tcp.raleigh.ibm.com", seq, "mvs056.tcp.raleigh.ibm.com", RecordText},
		{"letters in columns 73-80 stay", pad80("quote site x", "ABCDEFGH"), seq, pad80("quote site x", "ABCDEFGH"), RecordText},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			text, kind := CleanRecord(tt.raw, tt.rules)
			if text != tt.text || kind != tt.kind {
				t.Errorf("CleanRecord(%q) = %q, %d; want %q, %d", tt.raw, text, kind, tt.text, tt.kind)
			}
		})
	}
}

func TestParseHostRecord(t *testing.T) {
	tests := []struct {
		text    string
		want    HostRecord
		wantErr bool
	}{
		{"mvs056.tcp.raleigh.ibm.com", HostRecord{Host: "mvs056.tcp.raleigh.ibm.com"}, false},
		{"127.0.0.1 2121", HostRecord{Host: "127.0.0.1", Port: 2121}, false},
		{"  ::1   21 ", HostRecord{Host: "::1", Port: 21}, false},
		{"host 0", HostRecord{}, true},
		{"host 70000", HostRecord{}, true},
		{"host port", HostRecord{}, true},
		{"a b c", HostRecord{}, true},
		{"", HostRecord{}, true},
	}
	for _, tt := range tests {
		got, err := ParseHostRecord(tt.text)
		if (err != nil) != tt.wantErr || got != tt.want {
			t.Errorf("ParseHostRecord(%q) = %+v, %v; want %+v, error %v", tt.text, got, err, tt.want, tt.wantErr)
		}
	}
}

func TestParseNameRecord(t *testing.T) {
	tests := []struct {
		text string
		want NameRecord
	}{
		{"user1", NameRecord{User: "user1"}},
		{"anonymous email_address", NameRecord{User: "anonymous", Password: "email_address", HasPassword: true}},
		{"  tiffany   s3cr3t  ", NameRecord{User: "tiffany", Password: "s3cr3t  ", HasPassword: true}},
		{"ibmuser my pass phrase", NameRecord{User: "ibmuser", Password: "my pass phrase", HasPassword: true}},
		{"user1   ", NameRecord{User: "user1"}},
	}
	for _, tt := range tests {
		if got := ParseNameRecord(tt.text); got != tt.want {
			t.Errorf("ParseNameRecord(%q) = %+v; want %+v", tt.text, got, tt.want)
		}
	}
}

// FuzzCleanRecord checks the grammar's invariants on any record: it never
// panics, a record with content never starts a comment, and the content
// is part of the record.
func FuzzCleanRecord(f *testing.F) {
	for _, s := range []string{"USER userx ; c", "; c", "", pad80("pwd", "00000010"), "00000110put a", "a\t;b", ";"} {
		f.Add(s, true)
		f.Add(s, false)
	}
	f.Fuzz(func(t *testing.T, raw string, seq bool) {
		text, kind := CleanRecord(raw, InputRules{SeqNums: seq})
		switch kind {
		case RecordComment, RecordBlank:
			if text != "" {
				t.Fatalf("%q: kind %d with text %q", raw, kind, text)
			}
		case RecordText:
			tl := strings.TrimLeft(text, " \t")
			if tl == "" || tl[0] == ';' {
				t.Fatalf("%q: text %q is blank or a comment", raw, text)
			}
			if !strings.Contains(raw, text) {
				t.Fatalf("%q: text %q is not part of the record", raw, text)
			}
			if appendedComment(text) >= 0 {
				t.Fatalf("%q: text %q still holds an appended comment", raw, text)
			}
		}
		if utf8.ValidString(raw) && !utf8.ValidString(text) {
			t.Fatalf("%q: valid record gave invalid text %q", raw, text)
		}
		n := ParseNameRecord(text)
		if n.HasPassword != (n.Password != "") || strings.ContainsAny(n.User, " \t") {
			t.Fatalf("%q: bad name record %+v", text, n)
		}
	})
}
