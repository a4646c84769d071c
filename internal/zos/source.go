package zos

import (
	"bufio"
	"errors"
	"fmt"
	"io"

	"github.com/zftp/zftp/internal/textenc"
)

// LineSource is where subcommands (and the user ID and password when the
// server asks) come from: stdin in batch mode, a line editor later in
// interactive mode. Both feed the same command loop.
type LineSource interface {
	// ReadLine returns the next line without its line end, or io.EOF.
	ReadLine() (string, error)
	// ReadSecret returns the next line for a password: a terminal source
	// must not echo it.
	ReadSecret() (string, error)
	// EchoInput reports whether the loop must echo each subcommand line
	// into the transcript (EZA1736I), as z/OS does for batch INPUT.
	EchoInput() bool
}

// MaxInputLine bounds one input line. z/OS INPUT records are at most 2080
// bytes; this leaves room for long QUOTE and SITE lines.
const MaxInputLine = 1 << 20

// errLineTooLong reports an input line longer than MaxInputLine.
var errLineTooLong = errors.New("input line too long")

// BatchSource reads lines verbatim from a reader: only the line end (LF or
// CR LF) is removed; tabs, blanks and control characters inside the line
// are kept. The text is read as textenc reads it: a UTF-8 byte order mark
// is removed and UTF-16 with one is decoded (a job file saved by Notepad
// or PowerShell); UTF-16 without one and UTF-32 are refused.
type BatchSource struct {
	r      *bufio.Reader
	echo   bool
	broken bool // an encoding error was returned: the input has ended
}

// NewBatchSource returns a source reading r; echo says whether the loop
// echoes subcommands (true for stdin that is not a terminal).
func NewBatchSource(r io.Reader, echo bool) *BatchSource {
	return &BatchSource{r: bufio.NewReaderSize(textenc.NewReader(r, "standard input"), 64<<10), echo: echo}
}

// ReadLine returns the next line. A last line without a line end is
// returned before io.EOF. Input in an encoding that cannot be read gives
// an error wrapping textenc.ErrEncoding once, after the lines before it;
// the input ends there (io.EOF).
func (b *BatchSource) ReadLine() (string, error) {
	if b.broken {
		return "", io.EOF
	}
	line, err := b.readLine()
	if errors.Is(err, textenc.ErrEncoding) {
		b.broken = true
	}
	return line, err
}

func (b *BatchSource) readLine() (string, error) {
	var line []byte
	for {
		chunk, err := b.r.ReadSlice('\n')
		if len(line)+len(chunk) > MaxInputLine+2 {
			b.skipLine(err)
			return "", fmt.Errorf("%w (more than %d bytes)", errLineTooLong, MaxInputLine)
		}
		line = append(line, chunk...)
		switch {
		case err == nil:
			line = line[:len(line)-1]
			if n := len(line); n > 0 && line[n-1] == '\r' {
				line = line[:n-1]
			}
			return string(line), nil
		case errors.Is(err, bufio.ErrBufferFull):
			continue
		case errors.Is(err, io.EOF) && len(line) > 0:
			return string(line), nil
		default:
			return "", err
		}
	}
}

// skipLine discards the rest of an over-long line.
func (b *BatchSource) skipLine(err error) {
	for errors.Is(err, bufio.ErrBufferFull) {
		_, err = b.r.ReadSlice('\n')
	}
}

// ReadSecret reads the next line; batch input is not shown anyway.
func (b *BatchSource) ReadSecret() (string, error) { return b.ReadLine() }

// EchoInput reports whether subcommands are echoed.
func (b *BatchSource) EchoInput() bool { return b.echo }
