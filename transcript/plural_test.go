package transcript

import "testing"

// TestCountedNouns: a ZFT message counts in the singular for 1 and the
// plural otherwise; an argument's text is never changed; IBM's EZA texts
// stay as IBM writes them.
func TestCountedNouns(t *testing.T) {
	for _, tt := range []struct {
		id   ID
		args []any
		want string
	}{
		{MsgMultiStopped, []any{"MGET", 1}, "MGET stopped: 1 file done."},
		{MsgMultiStopped, []any{"MGET", 0}, "MGET stopped: 0 files done."},
		{MsgMultiStopped, []any{"MGET", 2}, "MGET stopped: 2 files done."},
		{MsgMirrorDone, []any{1, 1, 1}, "MIRROR: 1 file copied, 1 up to date, 1 directory created."},
		{MsgMirrorDone, []any{2, 0, 3}, "MIRROR: 2 files copied, 0 up to date, 3 directories created."},
		{MsgPartialKept, []any{"1 files", int64(1)}, "Partial data kept in 1 files (1 byte); REGET continues it."},
	} {
		if got := Format(tt.id, tt.args...); got != tt.want {
			t.Errorf("Format(%s, %v) = %q, want %q", tt.id, tt.args, got, tt.want)
		}
	}
	if got := Format(MsgTransferred, int64(1), "0.001", "1.00"); got != "1 bytes transferred in 0.001 seconds. Transfer rate 1.00 Kbytes/sec." {
		t.Errorf("IBM's EZA1617I changed: %q", got)
	}
}
