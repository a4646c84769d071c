package zos

import (
	"fmt"
	"strings"
)

// Names Windows does not allow for a file, from Microsoft's "Naming
// Files, Paths, and Namespaces" (learn.microsoft.com/windows/win32/fileio/
// naming-a-file): the reserved characters < > : " / \ | ? * and the
// control characters 1-31; the device names CON, PRN, AUX, NUL, COM1-COM9,
// LPT1-LPT9 (and COM¹ COM² COM³ LPT¹ LPT² LPT³), also "followed
// immediately by an extension" (aux.log is the AUX device); and a name
// that ends with a space or a period, which Windows drops without a word
// (the file "trail " would be stored as "trail"). CONIN$ and CONOUT$ name
// the console too (CreateFile, "Consoles"). The rule is kept here for
// every OS, so that it is tested everywhere; localNameProblem applies it
// on Windows only.

// windowsReservedChars are the printable characters Windows refuses in a
// file name (/ and \ are separators, refused before this rule).
const windowsReservedChars = `<>:"|?*`

// windowsDevices are the device names, upper case.
var windowsDevices = map[string]bool{
	"CON": true, "PRN": true, "AUX": true, "NUL": true, "CONIN$": true, "CONOUT$": true,
	"COM¹": true, "COM²": true, "COM³": true, "LPT¹": true, "LPT²": true, "LPT³": true,
}

func init() {
	for d := '1'; d <= '9'; d++ {
		windowsDevices["COM"+string(d)] = true
		windowsDevices["LPT"+string(d)] = true
	}
}

// windowsNameProblem reports why Windows cannot store a file under name
// in a directory, or nil. The error names the rule.
func windowsNameProblem(name string) error {
	if i := strings.IndexAny(name, windowsReservedChars); i >= 0 {
		return fmt.Errorf("it holds %q, which Windows does not allow in a file name (none of %s)", name[i], windowsReservedChars)
	}
	for _, r := range name {
		if r < 0x20 {
			return fmt.Errorf("it holds control characters, which Windows does not allow in a file name")
		}
	}
	switch {
	case strings.HasSuffix(name, " "):
		return fmt.Errorf("it ends with a blank, which Windows drops from a file name")
	case strings.HasSuffix(name, "."):
		return fmt.Errorf("it ends with a period, which Windows drops from a file name")
	}
	// The device is the part before the first period, blanks before the
	// period ignored ("nul .txt" is NUL as well).
	base, _, ext := strings.Cut(name, ".")
	if dev := strings.ToUpper(strings.TrimRight(base, " ")); windowsDevices[dev] {
		if ext {
			return fmt.Errorf("%s is a device name on Windows, with any extension (CON, PRN, AUX, NUL, COM1-COM9, LPT1-LPT9)", dev)
		}
		return fmt.Errorf("%s is a device name on Windows (CON, PRN, AUX, NUL, COM1-COM9, LPT1-LPT9)", dev)
	}
	return nil
}
