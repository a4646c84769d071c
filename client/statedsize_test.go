package client

import "testing"

// TestStatedSize: the "(N bytes)" of a 1xx reply, the first one of the
// reply, N one or more ASCII digits; anything else states no size.
func TestStatedSize(t *testing.T) {
	for _, tt := range []struct {
		lines []string
		want  int64
		ok    bool
	}{
		{[]string{"150 Opening BINARY mode data connection for f0001.bin (4096 bytes)."}, 4096, true},
		{[]string{"150 Opening data connection (0 bytes)"}, 0, true},
		{[]string{"150 (12 bytes) then (34 bytes)"}, 12, true},
		{[]string{"150 (x) (bytes) (7 bytes)"}, 7, true},
		{[]string{"150-first line", "150 size (99 bytes)"}, 99, true},
		{[]string{"125 Storing data set (5 BYTES)"}, 0, false},
		{[]string{"150 Opening ( 12 bytes)"}, 0, false},
		{[]string{"150 Opening (12 byte)"}, 0, false},
		{[]string{"150 Opening (12  bytes)"}, 0, false},
		{[]string{"150 Opening (-12 bytes)"}, 0, false},
		{[]string{"150 Opening (12 bytes"}, 0, false},
		{[]string{"150 Opening (１２ bytes)"}, 0, false},                   // full-width digits are not \d
		{[]string{"150 Opening (99999999999999999999 bytes)"}, 0, false}, // past int64: no size, not a wrong one
		{[]string{"150 Opening BINARY mode data connection"}, 0, false},
	} {
		r := &Reply{Code: 150, Lines: tt.lines}
		got, ok := statedSize(r)
		if ok != tt.ok || ok && got != tt.want {
			t.Errorf("statedSize(%q) = %d, %v; want %d, %v", tt.lines, got, ok, tt.want, tt.ok)
		}
	}
}
