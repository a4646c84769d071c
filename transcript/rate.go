package transcript

import (
	"strconv"
	"time"
)

// millis returns d in whole milliseconds, rounded to nearest, at least 1 so
// that a rate can always be computed. z/OS prints seconds with three
// decimals, so a millisecond is the unit the EZA1617I line can show.
func millis(d time.Duration) int64 {
	ms := d.Round(time.Millisecond).Milliseconds()
	if ms < 1 {
		return 1
	}
	return ms
}

// Seconds formats d as the EZA1617I seconds field: three decimals, e.g.
// "0.076". A transfer shorter than half a millisecond shows "0.001".
func Seconds(d time.Duration) string {
	ms := millis(d)
	return strconv.FormatInt(ms/1000, 10) + "." + pad3(ms%1000)
}

// appendSeconds appends Seconds(d) to b.
func appendSeconds(b []byte, d time.Duration) []byte {
	ms := millis(d)
	b = strconv.AppendInt(b, ms/1000, 10)
	frac := ms % 1000
	return append(b, '.', byte('0'+frac/100), byte('0'+frac/10%10), byte('0'+frac%10))
}

// appendRate appends Rate(n, d) to b.
func appendRate(b []byte, n int64, d time.Duration) []byte {
	return strconv.AppendFloat(b, float64(n)/float64(millis(d)), 'f', 2, 64)
}

// Rate formats the EZA1617I rate field for n bytes moved in d: Kbytes per
// second with 1 Kbyte = 1000 bytes, two decimals, e.g. "0.32". It is
// computed from the seconds Seconds shows, so the line is self-consistent:
// bytes / 1000 / seconds = bytes per millisecond.
//
// The divisor 1000 is inferred from IBM's sample "24 bytes transferred in
// 0.076 seconds. Transfer rate 0.32 Kbytes/sec." (1024 would give 0.31).
func Rate(n int64, d time.Duration) string {
	return strconv.FormatFloat(float64(n)/float64(millis(d)), 'f', 2, 64)
}

func pad3(v int64) string {
	s := strconv.FormatInt(v, 10)
	for len(s) < 3 {
		s = "0" + s
	}
	return s
}
