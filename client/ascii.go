package client

import (
	"bufio"
	"bytes"
	"io"
)

// Line ends of text (TYPE A) transfers. On the wire a line ends with CR
// LF (RFC 959, 3.1.1.1 ASCII type: "the <CRLF> sequence should be used
// where necessary to denote the end of a line of text"); in a local file
// it ends as the local system's text files do (localEOL, set per OS in
// eol_windows.go and eol_other.go).
type lineEnd int

const (
	// eolLF: a line ends with LF (Unix, macOS). CR LF from the wire is
	// stored as LF; an LF sent goes out as CR LF, and a CR before it is
	// data (sent as it is, so a CR LF file arrives as CR CR LF).
	eolLF lineEnd = iota
	// eolCRLF: a line ends with CR LF (Windows, as Notepad and every
	// Windows FTP client store text). CR LF passes unchanged both ways;
	// a lone LF, from the file or the wire, gains its CR; a lone CR is
	// data.
	eolCRLF
)

// crlfWriter turns CRLF into LF on the way to w (ASCII downloads and
// listings). A CR at the end of one Write is held until the next byte is
// known. Write reports the bytes taken from the wire. With keepCRLF (a
// download to a local text file where lines end in CR LF) it writes CR LF
// for every line end instead: CR LF as it came, a lone LF with a CR put
// before it. It counts what text does not hold, NUL bytes and CRs not
// followed by LF: the signs of a binary file that the conversion changes
// (Transfer.NUL, Transfer.LoneCR).
type crlfWriter struct {
	w        *bufio.Writer
	heldCR   bool
	keepCRLF bool
	lastCR   bool  // keepCRLF: the last byte written was a CR
	nul      int64 // NUL bytes seen
	loneCR   int64 // CRs not followed by LF
}

// nul is what crlfWriter counts as NUL.
var nul = []byte{0}

func newCRLFWriter(w io.Writer) *crlfWriter {
	return &crlfWriter{w: bufio.NewWriterSize(w, 64<<10)}
}

// newTextFileWriter is the writer of an ASCII download to a local file:
// line ends become the local system's (localEOL).
func newTextFileWriter(w io.Writer) *crlfWriter {
	return newTextWriter(w, localEOL)
}

// newTextWriter writes the wire's CR LF text to w with line ends eol.
func newTextWriter(w io.Writer, eol lineEnd) *crlfWriter {
	c := newCRLFWriter(w)
	c.keepCRLF = eol == eolCRLF
	return c
}

func (c *crlfWriter) Write(p []byte) (int, error) {
	c.nul += int64(bytes.Count(p, nul))
	if c.keepCRLF {
		return c.writeCRLF(p)
	}
	n := len(p)
	if n == 0 {
		return 0, nil // a held CR waits for a byte that tells
	}
	if c.heldCR {
		c.heldCR = false
		if p[0] != '\n' {
			c.loneCR++
			if err := c.w.WriteByte('\r'); err != nil {
				return 0, err
			}
		}
	}
	for len(p) > 0 {
		i := bytes.IndexByte(p, '\r')
		if i < 0 {
			if _, err := c.w.Write(p); err != nil {
				return 0, err
			}
			break
		}
		if _, err := c.w.Write(p[:i]); err != nil {
			return 0, err
		}
		if i == len(p)-1 {
			c.heldCR = true
			break
		}
		if p[i+1] != '\n' {
			c.loneCR++
			if err := c.w.WriteByte('\r'); err != nil {
				return 0, err
			}
		}
		p = p[i+1:]
	}
	return n, nil
}

// writeCRLF is Write with keepCRLF: every LF not preceded by a CR gets
// one; nothing is held back.
func (c *crlfWriter) writeCRLF(p []byte) (int, error) {
	n := len(p)
	for i, b := range p { // count the CRs no LF follows
		prevCR := c.lastCR
		if i > 0 {
			prevCR = p[i-1] == '\r'
		}
		if prevCR && b != '\n' {
			c.loneCR++
		}
	}
	for len(p) > 0 {
		i := bytes.IndexByte(p, '\n')
		if i < 0 {
			if _, err := c.w.Write(p); err != nil {
				return 0, err
			}
			c.lastCR = p[len(p)-1] == '\r'
			break
		}
		if _, err := c.w.Write(p[:i]); err != nil {
			return 0, err
		}
		bare := !c.lastCR
		if i > 0 {
			bare = p[i-1] != '\r'
		}
		if bare {
			if err := c.w.WriteByte('\r'); err != nil {
				return 0, err
			}
		}
		if err := c.w.WriteByte('\n'); err != nil {
			return 0, err
		}
		c.lastCR = false
		p = p[i+1:]
	}
	return n, nil
}

// Flush writes a held CR and everything buffered.
func (c *crlfWriter) Flush() error {
	if c.keepCRLF && c.lastCR {
		c.lastCR = false
		c.loneCR++ // the file ends in a CR no LF follows
	}
	if c.heldCR {
		c.heldCR = false
		c.loneCR++
		if err := c.w.WriteByte('\r'); err != nil {
			return err
		}
	}
	return c.w.Flush()
}

// lfReader turns the line ends of a local text file into CRLF on the way
// from r (ASCII uploads). With the LF rule every LF becomes CR LF; with
// keepCRLF (local files whose lines end in CR LF) a CR LF passes as it is
// and only a lone LF gains a CR, so that a CR LF file is never sent as
// CR CR LF.
type lfReader struct {
	r        *bufio.Reader
	pending  bool // an LF whose CR was already produced
	keepCRLF bool
	lastCR   bool // keepCRLF: the last byte produced was a CR from r
}

// newLFReader reads a local text file for an ASCII upload: line ends of
// the local system (localEOL) become CR LF.
func newLFReader(r io.Reader) *lfReader { return newTextReader(r, localEOL) }

// newTextReader reads r, whose lines end with eol, as CR LF text.
func newTextReader(r io.Reader, eol lineEnd) *lfReader {
	return &lfReader{r: bufio.NewReaderSize(r, 64<<10), keepCRLF: eol == eolCRLF}
}

func (l *lfReader) Read(p []byte) (int, error) {
	n := 0
	for n < len(p) {
		if l.pending {
			p[n] = '\n'
			n++
			l.pending = false
			continue
		}
		b, err := l.r.ReadByte()
		if err != nil {
			if n > 0 {
				return n, nil
			}
			return 0, err
		}
		if b == '\n' && !(l.keepCRLF && l.lastCR) {
			p[n] = '\r'
			n++
			l.pending = true
			l.lastCR = false
			continue
		}
		p[n] = b
		n++
		l.lastCR = b == '\r'
	}
	return n, nil
}
