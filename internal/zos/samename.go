package zos

import "strings"

// Names of one parallel subcommand that reach the same file: MPUT's a/x
// and b/x are both stored as x; a listing may name a file twice; names
// that differ only in case are one file on a case-insensitive file system
// (Windows, macOS) and one data set on an MVS server. Moved side by side,
// whichever session finished last would decide what the file holds, and
// a name that serial mode reports as existing could be written over.
// They are moved one after the other, in list order, as serial mode does:
// a name waits for every earlier one with the same target to finish.

// targetKeys returns, for each name, the key of the file it reaches (""
// for none), which compares names without regard to case.
func targetKeys(names []string, target func(string) string) []string {
	keys := make([]string, len(names))
	for i, n := range names {
		t := n
		if target != nil {
			t = target(n)
		}
		keys[i] = targetKey(t)
	}
	return keys
}

// targetKey folds the case of a target (to upper and back to lower, so
// that letters such as 'ſ' and 's' meet); "" stays "".
func targetKey(t string) string { return strings.ToLower(strings.ToUpper(t)) }

// sameTargets counts the files being moved per target key ("" is no
// target: never counted, never busy).
type sameTargets map[string]int

// busy reports whether a file with key k is being moved.
func (m sameTargets) busy(k string) bool { return k != "" && m[k] > 0 }

// start records a file with key k set going.
func (m sameTargets) start(k string) {
	if k != "" {
		m[k]++
	}
}

// end records a file with key k done.
func (m sameTargets) end(k string) {
	if k == "" {
		return
	}
	if m[k]--; m[k] <= 0 {
		delete(m, k)
	}
}
