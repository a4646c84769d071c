package boundedfile

import (
	"errors"
	"os"
	"path/filepath"
	"strings"
	"testing"
	"unicode/utf16"

	"github.com/zftp/zftp/internal/textenc"
)

// TestReadText: a UTF-8 byte order mark is removed and UTF-16 with one is
// decoded; UTF-16 without one is refused with an error naming the file.
func TestReadText(t *testing.T) {
	const text = "MSGIDS TRUE\r\nKEYRING C:\\Users\\é\\ring.pem\r\n"
	le := []byte{0xFF, 0xFE}
	for _, u := range utf16.Encode([]rune(text)) {
		le = append(le, byte(u), byte(u>>8))
	}
	dir := t.TempDir()
	tests := []struct {
		name string
		data []byte
		want string
		err  error
	}{
		{"utf-8", []byte(text), text, nil},
		{"utf-8 bom", append([]byte("\xEF\xBB\xBF"), text...), text, nil},
		{"utf-16le bom", le, text, nil},
		{"utf-16le no bom", le[2:], "", textenc.ErrEncoding},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			p := filepath.Join(dir, strings.ReplaceAll(tt.name, " ", "_"))
			if err := os.WriteFile(p, tt.data, 0o600); err != nil {
				t.Fatal(err)
			}
			got, fi, err := ReadText(p, MaxSize)
			if !errors.Is(err, tt.err) {
				t.Fatalf("err = %v, want %v", err, tt.err)
			}
			if err != nil {
				if !strings.Contains(err.Error(), p) {
					t.Fatalf("error does not name the file: %v", err)
				}
				return
			}
			if string(got) != tt.want || fi.Size() != int64(len(tt.data)) {
				t.Fatalf("read %q (file %d bytes), want %q", got, fi.Size(), tt.want)
			}
		})
	}
}
