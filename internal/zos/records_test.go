package zos

import (
	"errors"
	"io"
	"strings"
	"testing"
)

// TestRecordSource checks the INPUT grammar as the command loop sees it:
// comment records skipped for ReadLine and ReadSecret alike (IBM,
// "Submitting FTP requests in batch": comment records may stand between
// the user ID and the password), appended comments removed, blank records
// kept as "" (take it from NETRC), sequence numbers removed only under
// SEQNUMSUPPORT TRUE.
func TestRecordSource(t *testing.T) {
	seq := strings.Repeat(" ", 68) + "00000100"
	tests := []struct {
		name    string
		in      string
		seqNums bool
		want    []string
	}{
		{"comments", "; job\n  ; indented\nUSER userx ; This is an appended comment\n", false, []string{"USER userx"}},
		{"between user and password", "userx\n; comment\nsecret\n", false, []string{"userx", "secret"}},
		{"blank for netrc", "\n   \npwd\n", false, []string{"", "", "pwd"}},
		{"seqnums kept", "pwd " + seq + "\n", false, []string{"pwd " + seq}},
		{"seqnums removed", "pwd " + seq + "\n", true, []string{"pwd"}},
		{"leading seqnums removed", "00000100pwd\n", true, []string{"pwd"}},
		{"semicolon inside a word", "site a;b\n", false, []string{"site a;b"}},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			r := &recordSource{LineSource: NewBatchSource(strings.NewReader(tt.in), true), seqNums: func() bool { return tt.seqNums }}
			var got []string
			for i := 0; ; i++ {
				read := r.ReadLine
				if i%2 == 1 {
					read = r.ReadSecret
				}
				s, err := read()
				if errors.Is(err, io.EOF) {
					break
				}
				if err != nil {
					t.Fatal(err)
				}
				got = append(got, s)
			}
			if strings.Join(got, "|") != strings.Join(tt.want, "|") {
				t.Errorf("got %q, want %q", got, tt.want)
			}
		})
	}
}

// TestBatchRecordsInteractive checks that a terminal's lines are not read
// as INPUT records.
func TestBatchRecordsInteractive(t *testing.T) {
	src := NewBatchSource(strings.NewReader("pwd ; kept\n"), false)
	if got := batchRecords(src, &Settings{}); got != LineSource(src) {
		t.Errorf("interactive source wrapped: %T", got)
	}
}
