package config

import (
	"errors"
	"os"
	"path/filepath"
	"testing"
	"unicode/utf16"

	"github.com/zftp/zftp/internal/textenc"
)

// TestLoadFTPDataWindowsEncodings: an FTP.DATA saved with a UTF-8 byte
// order mark or as UTF-16 with one is read like plain text (no "unknown
// statement \ufeffMSGIDS"); UTF-16 without a byte order mark is refused.
func TestLoadFTPDataWindowsEncodings(t *testing.T) {
	const text = "MSGIDS TRUE\r\nCLIENTEXIT TRUE\r\n"
	be := []byte{0xFE, 0xFF}
	for _, u := range utf16.Encode([]rune(text)) {
		be = append(be, byte(u>>8), byte(u))
	}
	dir := t.TempDir()
	for _, tt := range []struct {
		name string
		data []byte
		err  error
	}{
		{"bom", append([]byte("\xEF\xBB\xBF"), text...), nil},
		{"utf16be", be, nil},
		{"utf16be-nobom", be[2:], textenc.ErrEncoding},
	} {
		p := filepath.Join(dir, tt.name)
		if err := os.WriteFile(p, tt.data, 0o600); err != nil {
			t.Fatal(err)
		}
		s := Defaults()
		ws, err := s.LoadFTPData(p)
		if !errors.Is(err, tt.err) {
			t.Fatalf("%s: err = %v, want %v", tt.name, err, tt.err)
		}
		if err != nil {
			continue
		}
		if len(ws) != 0 || !s.MsgIDs || !s.ClientExit {
			t.Errorf("%s: warnings %v, MSGIDS %v, CLIENTEXIT %v", tt.name, ws, s.MsgIDs, s.ClientExit)
		}
	}
}
