package zos

import (
	"fmt"
	"strings"
)

// The batch INPUT grammar: how one record of a z/OS batch job's INPUT data
// set (zftp: standard input that is not a terminal) is read. IBM documents
// it in "Submitting FTP requests in batch" (z/OS Communications Server IP
// User's Guide and Commands) and in the SEQNUMSUPPORT (FTP client)
// statement:
//
//   - A record whose first non-blank character is a semicolon is a comment
//     record: it is not a subcommand, a user ID or a password.
//   - A blank and a semicolon end a record's content: the rest is an
//     appended comment ("USER userx ; This is an appended comment").
//   - A record that is entirely blank where a user ID or a password is
//     expected means "take it from NETRC".
//   - Under SEQNUMSUPPORT TRUE the sequence numbers of numbered data sets
//     are removed: eight digits in columns 73-80 (trailing numbers) or in
//     columns 1-8 (leading numbers). Under FALSE (the default) they are
//     part of the record.
//   - With no host on the command line, the first record names the host
//     (and optionally the port): "host [port]".
//   - The record that answers the NAME prompt holds the user ID and may
//     hold the password after it: "userid [password]".
//
// The functions here know nothing of the session: the command loop asks
// for the next record of the kind it expects.

// RecordKind says what a cleaned INPUT record holds.
type RecordKind int

const (
	// RecordText is a record with content (a subcommand, a host, a user
	// ID or a password).
	RecordText RecordKind = iota
	// RecordBlank is a record with nothing but blanks: where a user ID or
	// a password is expected it means "take it from NETRC".
	RecordBlank
	// RecordComment is a comment record (first non-blank ';'): skipped
	// wherever it appears.
	RecordComment
)

// InputRules are the FTP.DATA settings that change how records read.
type InputRules struct {
	// SeqNums is SEQNUMSUPPORT TRUE: remove sequence numbers.
	SeqNums bool
	// KeepComments turns appended-comment removal off, for records read
	// verbatim (an interactive session's lines are not INPUT records).
	KeepComments bool
}

// seqLen is the length of a sequence number; seqCol its first column
// (1-based) when the numbers trail the record.
const (
	seqLen = 8
	seqCol = 73
)

// CleanRecord applies the INPUT grammar to one record, without its line
// end, and returns its content and kind. Content keeps inner blanks as
// they are; leading blanks are kept (the subcommand parser skips them).
// Trailing blanks are removed: an INPUT data set has fixed-length records
// (RECFM FB, LRECL 80 to 2080: IBM, "Allocating FTP input and output data
// sets"), so a record moved from z/OS, or written by a program that pads
// to 80 columns, ends in blanks that are padding, not data. The user ID
// and password records lose them too, as no password or password phrase
// can end in a blank ("The password phrase must not contain leading
// blanks or trailing blanks": IBM, z/OS Communications Server IP
// Configuration Guide, "FTP support for password phrases",
// https://www.ibm.com/support/knowledgecenter/en/SSLTBW_2.1.0/com.ibm.zos.v2r1.halg001/rdftpass.htm).
// Tabs are kept: they are data, not padding.
func CleanRecord(raw string, r InputRules) (string, RecordKind) {
	text := raw
	if r.SeqNums {
		text = stripSeqNum(text)
	}
	text = strings.TrimRight(text, " ")
	t := strings.TrimLeft(text, " \t")
	switch {
	case t == "":
		return "", RecordBlank
	case t[0] == ';':
		return "", RecordComment
	}
	if !r.KeepComments {
		if i := appendedComment(text); i >= 0 {
			text = strings.TrimRight(text[:i], " \t")
		}
	}
	return text, RecordText
}

// appendedComment returns the index of the blank that starts an appended
// comment (a blank followed by ';'), or -1.
func appendedComment(s string) int {
	for i := 1; i < len(s); i++ {
		if s[i] == ';' && (s[i-1] == ' ' || s[i-1] == '\t') {
			return i - 1
		}
	}
	return -1
}

// stripSeqNum removes a sequence number: eight digits in columns 73-80 of
// a record of at least 80 columns, else eight digits in columns 1-8.
func stripSeqNum(s string) string {
	if len(s) >= seqCol-1+seqLen && allDigits(s[seqCol-1:seqCol-1+seqLen]) &&
		strings.TrimRight(s[seqCol-1+seqLen:], " ") == "" {
		return strings.TrimRight(s[:seqCol-1], " ")
	}
	if len(s) >= seqLen && allDigits(s[:seqLen]) {
		return s[seqLen:]
	}
	return s
}

func allDigits(s string) bool {
	for i := 0; i < len(s); i++ {
		if s[i] < '0' || s[i] > '9' {
			return false
		}
	}
	return s != ""
}

// HostRecord is the first INPUT record when no host was given: the host
// and, optionally, the port.
type HostRecord struct {
	Host string
	Port int // 0: the default port
}

// ParseHostRecord reads "host [port]".
func ParseHostRecord(text string) (HostRecord, error) {
	f := strings.Fields(text)
	switch len(f) {
	case 1:
		return HostRecord{Host: f[0]}, nil
	case 2:
		p, err := ParsePort(f[1])
		if err != nil {
			return HostRecord{}, fmt.Errorf("host record %q: %w", text, err)
		}
		return HostRecord{Host: f[0], Port: p}, nil
	}
	return HostRecord{}, fmt.Errorf("host record: want host [port], got %d words", len(f))
}

// NameRecord is the answer to the NAME prompt: the user ID and, when the
// record has a second word, the password (z/OS: "userid password" on one
// record).
type NameRecord struct {
	User        string
	Password    string
	HasPassword bool
}

// ParseNameRecord splits a NAME record into the user ID and an optional
// password. The password is the rest of the record after the blanks that
// follow the user ID, so a password phrase with blanks stays whole.
func ParseNameRecord(text string) NameRecord {
	t := strings.TrimLeft(text, " \t")
	i := strings.IndexAny(t, " \t")
	if i < 0 {
		return NameRecord{User: t}
	}
	pw := strings.TrimLeft(t[i:], " \t")
	if pw == "" {
		return NameRecord{User: t[:i]}
	}
	return NameRecord{User: t[:i], Password: pw, HasPassword: true}
}
