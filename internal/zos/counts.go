package zos

import "strconv"

// counted returns "1 byte", "2 bytes": n and the noun (given in the
// singular; its plural adds s) as a count is said. The catalog's ZFT
// messages follow the same rule (transcript.Format).
func counted(n int64, noun string) string {
	if n == 1 {
		return "1 " + noun
	}
	return strconv.FormatInt(n, 10) + " " + noun + "s"
}
