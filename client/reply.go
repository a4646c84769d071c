package client

import (
	"bufio"
	"bytes"
	"errors"
	"fmt"
	"io"
	"strings"
)

// Reply is one reply from the server: its code and its lines as received,
// without the line ends. A single-line reply has one line.
//
// A reply larger than the session keeps (Config.MaxReplyBytes, less for a
// preliminary 1xx reply) holds its first lines up to that size and its last
// line; Omitted counts the lines between them that were read and dropped.
// Memory thus stays bounded whatever the server sends.
type Reply struct {
	Code    int
	Lines   []string
	Omitted int // lines read but not kept, between Lines[len-2] and the last line
}

// Text returns the message of the reply: every line with the leading
// "ddd-" or "ddd " removed, joined by "\n".
func (r *Reply) Text() string {
	if len(r.Lines) == 1 {
		return stripCode(r.Lines[0], r.Code)
	}
	parts := make([]string, len(r.Lines))
	for i, l := range r.Lines {
		parts[i] = stripCode(l, r.Code)
	}
	return strings.Join(parts, "\n")
}

// Last returns the last line of the reply as received, e.g. "226 Done".
func (r *Reply) Last() string {
	if len(r.Lines) == 0 {
		return fmt.Sprintf("%03d", r.Code)
	}
	return r.Lines[len(r.Lines)-1]
}

// Positive reports whether the reply is of class 1, 2 or 3.
func (r *Reply) Positive() bool { return r.Code >= 100 && r.Code < 400 }

// Preliminary reports whether the reply is of class 1 (more replies follow).
func (r *Reply) Preliminary() bool { return r.Code/100 == 1 }

func stripCode(line string, code int) string {
	prefix := fmt.Sprintf("%03d", code)
	if len(line) >= 4 && strings.HasPrefix(line, prefix) && (line[3] == '-' || line[3] == ' ') {
		return line[4:]
	}
	if line == prefix {
		return ""
	}
	return line
}

// prelimKeepBytes bounds the text kept of one preliminary (1xx) reply, so
// that the few a transfer holds until its end stay small.
const prelimKeepBytes = 16 << 10

// replyReader reads RFC 959 replies with bounds on line length, on the
// number of lines in one reply and on the bytes of a reply kept in memory.
type replyReader struct {
	r        *bufio.Reader
	maxLine  int
	maxLines int
	keep     int // bytes of one reply's lines kept in Reply.Lines
}

func newReplyReader(r io.Reader, maxLine, maxLines int) *replyReader {
	return &replyReader{r: bufio.NewReaderSize(r, 4096), maxLine: maxLine, maxLines: maxLines, keep: DefaultMaxReplyBytes}
}

// ReadReply reads one whole reply: a single line "ddd text", or a
// multi-line reply from "ddd-text" to the first line that starts "ddd "
// with the same code.
func (rr *replyReader) ReadReply() (*Reply, error) {
	first, err := rr.readLine()
	if err != nil {
		return nil, err
	}
	if isTLSRecord([]byte(first)) {
		return nil, fmt.Errorf("%w: %w", ErrMalformedReply, ErrTLSReply)
	}
	code, sep, err := parseCode(first)
	if err != nil {
		return nil, err
	}
	// The reply and its first line's slot in one allocation: most replies
	// are one line (a multi-line reply's appends move Lines elsewhere).
	one := &struct {
		reply Reply
		line  [1]string
	}{line: [1]string{first}}
	reply := &one.reply
	reply.Code, reply.Lines = code, one.line[:]
	if sep != '-' {
		return reply, nil
	}
	keep := rr.keep
	if reply.Preliminary() {
		keep = min(keep, prelimKeepBytes)
	}
	kept := len(first)
	end := first[:3] + " "
	for n := 1; ; n++ {
		if n >= rr.maxLines {
			return nil, fmt.Errorf("reply %03d: %w (more than %d)", code, ErrTooManyLines, rr.maxLines)
		}
		line, err := rr.readLine()
		if err == io.EOF {
			err = io.ErrUnexpectedEOF
		}
		if err != nil {
			return nil, fmt.Errorf("reply %03d: %w", code, err)
		}
		last := strings.HasPrefix(line, end) || line == first[:3]
		switch {
		case last:
			reply.Lines = append(reply.Lines, line)
			return reply, nil
		case reply.Omitted == 0 && kept+len(line) <= keep:
			reply.Lines = append(reply.Lines, line)
			kept += len(line)
		default:
			reply.Omitted++
		}
	}
}

// parseCode checks the start of a reply's first line: three digits, the
// first 1-5, then a space, a hyphen or the end of the line.
func parseCode(line string) (code int, sep byte, err error) {
	if len(line) < 3 {
		return 0, 0, fmt.Errorf("%w: %q", ErrMalformedReply, clip(line))
	}
	for i := 0; i < 3; i++ {
		c := line[i]
		if c < '0' || c > '9' {
			return 0, 0, fmt.Errorf("%w: %q", ErrMalformedReply, clip(line))
		}
		code = code*10 + int(c-'0')
	}
	if code < 100 || code > 599 {
		return 0, 0, fmt.Errorf("%w: code %03d out of range", ErrMalformedReply, code)
	}
	if len(line) == 3 {
		return code, ' ', nil
	}
	if line[3] != ' ' && line[3] != '-' {
		return 0, 0, fmt.Errorf("%w: %q", ErrMalformedReply, clip(line))
	}
	return code, line[3], nil
}

// readLine reads one line ending in LF (a preceding CR is dropped) and
// refuses lines longer than maxLine bytes.
func (rr *replyReader) readLine() (string, error) {
	chunk, err := rr.r.ReadSlice('\n')
	if err == nil && len(chunk) <= rr.maxLine+2 {
		// The whole line was in the buffer, as a reply's line almost
		// always is: one copy, into the string.
		line := bytes.TrimSuffix(chunk[:len(chunk)-1], []byte("\r"))
		if len(line) > rr.maxLine {
			return "", fmt.Errorf("%w (more than %d bytes)", ErrLineTooLong, rr.maxLine)
		}
		return string(line), nil
	}
	buf, err := rr.readLong(chunk, err)
	if err != nil {
		return "", err
	}
	return string(buf), nil
}

// readLong is readLine for a line that did not come whole in one
// ReadSlice: chunk and err are what that ReadSlice returned.
func (rr *replyReader) readLong(chunk []byte, err error) ([]byte, error) {
	var buf []byte
	for {
		if len(buf)+len(chunk) > rr.maxLine+2 {
			return nil, fmt.Errorf("%w (more than %d bytes)", ErrLineTooLong, rr.maxLine)
		}
		buf = append(buf, chunk...)
		if err == nil {
			break
		}
		if errors.Is(err, bufio.ErrBufferFull) {
			chunk, err = rr.r.ReadSlice('\n')
			continue
		}
		if errors.Is(err, io.EOF) {
			if len(buf) == 0 {
				return nil, io.EOF
			}
			return nil, io.ErrUnexpectedEOF
		}
		return nil, err
	}
	buf = bytes.TrimSuffix(buf, []byte("\n"))
	buf = bytes.TrimSuffix(buf, []byte("\r"))
	if len(buf) > rr.maxLine {
		return nil, fmt.Errorf("%w (more than %d bytes)", ErrLineTooLong, rr.maxLine)
	}
	return buf, nil
}

func clip(s string) string {
	if len(s) > 80 {
		return s[:80] + "..."
	}
	return s
}
