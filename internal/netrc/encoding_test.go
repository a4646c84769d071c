package netrc

import (
	"errors"
	"os"
	"path/filepath"
	"strings"
	"testing"
	"unicode/utf16"

	"github.com/zftp/zftp/internal/textenc"
)

// TestLoadWindowsEncodings: a _netrc saved by Notepad (UTF-8 with a byte
// order mark) or by PowerShell 5.1 (UTF-16LE with one) is read; UTF-16
// without a byte order mark is refused with a clear error, not parsed
// into garbage.
func TestLoadWindowsEncodings(t *testing.T) {
	const text = "machine zos.example.com login IBMUSER password \"pw é\"\r\n"
	utf16le := []byte{0xFF, 0xFE}
	for _, u := range utf16.Encode([]rune(text)) {
		utf16le = append(utf16le, byte(u), byte(u>>8))
	}
	dir := t.TempDir()
	for _, tt := range []struct {
		name string
		data []byte
		err  error
	}{
		{"bom", append([]byte("\xEF\xBB\xBF"), text...), nil},
		{"utf16", utf16le, nil},
		{"utf16-nobom", utf16le[2:], textenc.ErrEncoding},
	} {
		p := filepath.Join(dir, tt.name)
		if err := os.WriteFile(p, tt.data, 0o600); err != nil {
			t.Fatal(err)
		}
		f, err := Load(p)
		if !errors.Is(err, tt.err) {
			t.Fatalf("%s: err = %v, want %v", tt.name, err, tt.err)
		}
		if err != nil {
			if !strings.Contains(err.Error(), "byte order mark") {
				t.Errorf("%s: unclear error %v", tt.name, err)
			}
			continue
		}
		e, ok := f.Lookup("zos.example.com")
		if !ok || e.Login != "IBMUSER" || e.Password != "pw é" || len(f.Warnings) != 0 {
			t.Errorf("%s: entry %+v (found %v), warnings %v", tt.name, e, ok, f.Warnings)
		}
	}
}
