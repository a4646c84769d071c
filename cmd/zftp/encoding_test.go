package main

import (
	"strconv"
	"strings"
	"testing"
	"unicode/utf16"

	"github.com/zftp/zftp/client/ftptest"
)

// utf16LE encodes s as PowerShell 5.1's ">" writes it: UTF-16LE with a
// byte order mark.
func utf16LE(s string, bom bool) string {
	var b []byte
	if bom {
		b = append(b, 0xFF, 0xFE)
	}
	for _, u := range utf16.Encode([]rune(s)) {
		b = append(b, byte(u), byte(u>>8))
	}
	return string(b)
}

// TestBatchJobWindowsEncodings: a batch job saved by Notepad (UTF-8 with
// a byte order mark) or by PowerShell 5.1 (UTF-16LE with one) logs in and
// runs like a plain one: the user ID goes out without the mark. One in
// UTF-16 without a byte order mark fails at once with a clear message
// and error code 12 (FTP_INPUT_ERR), with or without a host given.
func TestBatchJobWindowsEncodings(t *testing.T) {
	srv := ftptest.NewServer(t, ftptest.WithIBM())
	job := srv.User + "\r\n" + srv.Password + "\r\npwd\r\nquit\r\n"
	args := []string{"-v", "-e", srv.Host, strconv.Itoa(srv.Port)}
	for name, in := range map[string]string{"utf-8 bom": "\xEF\xBB\xBF" + job, "utf-16le bom": utf16LE(job, true)} {
		out, _, status := runFrontEnd(t, t.TempDir(), args, in)
		if status != 0 || !strings.Contains(out, ">>> USER "+srv.User+"\n") || !strings.Contains(out, "257 ") {
			t.Errorf("%s: status %d:\n%s", name, status, clip(out))
		}
	}
	hostJob := srv.Host + " " + strconv.Itoa(srv.Port) + "\r\n" + job
	for name, run := range map[string]struct {
		args []string
		in   string
	}{
		"host given":  {args, utf16LE(job, false)},
		"host record": {[]string{"-v", "-e"}, utf16LE(hostJob, false)},
	} {
		out, _, status := runFrontEnd(t, t.TempDir(), run.args, run.in)
		if status == 0 || !strings.Contains(out, "standard input: unsupported text encoding: it looks like UTF-16 without a byte order mark") ||
			!strings.Contains(out, "Error Code = 00012") {
			t.Errorf("%s: status %d:\n%s", name, status, clip(out))
		}
	}
}
