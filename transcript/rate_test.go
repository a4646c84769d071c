package transcript

import (
	"testing"
	"time"
)

func TestSecondsAndRate(t *testing.T) {
	tests := []struct {
		bytes   int64
		d       time.Duration
		seconds string
		rate    string
	}{
		{24, 76 * time.Millisecond, "0.076", "0.32"},                    // IBM's public sample
		{1048576, 120 * time.Millisecond, "0.120", "8738.13"},           // reference §6.3
		{1048576, 80 * time.Millisecond, "0.080", "13107.20"},           // reference §6.3
		{0, 0, "0.001", "0.00"},                                         // empty file, instant
		{1000, 200 * time.Microsecond, "0.001", "1000.00"},              // below a millisecond
		{5000, 1499 * time.Microsecond, "0.001", "5000.00"},             // rounds down
		{5000, 1500 * time.Microsecond, "0.002", "2500.00"},             // rounds up
		{1 << 30, 12345 * time.Millisecond, "12.345", "86977.87"},       // 1 GiB
		{123, 3*time.Minute + 7*time.Millisecond, "180.007", "0.00"},    // slow
		{999999, 1000 * time.Second, "1000.000", "1.00"},                // long
		{1, 2*time.Millisecond + 499*time.Microsecond, "0.002", "0.50"}, // half
	}
	for _, tt := range tests {
		if got := Seconds(tt.d); got != tt.seconds {
			t.Errorf("Seconds(%v) = %q, want %q", tt.d, got, tt.seconds)
		}
		if got := Rate(tt.bytes, tt.d); got != tt.rate {
			t.Errorf("Rate(%d, %v) = %q, want %q", tt.bytes, tt.d, got, tt.rate)
		}
	}
}
