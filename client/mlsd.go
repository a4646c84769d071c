package client

import (
	"context"
	"errors"
	"fmt"
	"strconv"
	"strings"
	"time"
)

// Features is the server's FEAT list: each feature's name in upper case,
// mapped to its parameters as sent (e.g. "MLST" → "size*;type*;modify*;",
// "SIZE" → "").
type Features map[string]string

// Has reports whether the server lists the feature (name in any case).
func (f Features) Has(name string) bool {
	_, ok := f[strings.ToUpper(name)]
	return ok
}

// Features returns the server's FEAT list, asked once per session and
// cached (call it after login: some servers list more features then). A
// server that refuses FEAT (class 5) has no features: the result is empty
// and not an error. Other failures are returned and not cached.
func (s *Session) Features(ctx context.Context) (Features, error) {
	if s.feats != nil { // cached: no call to bind (a transfer asks per file)
		return s.feats, nil
	}
	defer s.begin(ctx)()
	list, _, err := s.Feat(ctx)
	if err != nil && ReplyCode(err)/100 != 5 {
		return nil, err
	}
	s.feats = featureMap(list)
	return s.feats, nil
}

// featureMap makes the Features of a FEAT list (name, then parameters).
func featureMap(list []string) Features {
	f := Features{}
	for _, l := range list {
		name, params, _ := strings.Cut(l, " ")
		f[strings.ToUpper(name)] = strings.TrimSpace(params)
	}
	return f
}

// ErrMalformedEntry reports an MLSD line that is not "facts SP pathname"
// with facts of the form "name=value;", or whose size fact is not a
// non-negative decimal number.
var ErrMalformedEntry = errors.New("malformed MLSD entry")

// maxFacts bounds the facts of one entry (RFC 3659 defines nine).
const maxFacts = 64

// ParseMLSxEntry parses one MLSD line, or the entry line of an MLST reply
// without its leading space: "fact=value;fact=value; pathname". Fact names
// are case-insensitive. A malformed modify fact is ignored (Modify stays
// zero); a malformed size fact is an error, since a size check relies on
// it. Kind is derived from the type fact (and unix.mode); Raw is line.
func ParseMLSxEntry(line string) (Entry, error) {
	e := Entry{Size: -1, Raw: line}
	facts, name, ok := strings.Cut(line, " ")
	if !ok || name == "" {
		return e, fmt.Errorf("%w: no pathname: %q", ErrMalformedEntry, clip(line))
	}
	e.Name = name
	if facts == "" {
		return e, nil
	}
	if !strings.HasSuffix(facts, ";") {
		return e, fmt.Errorf("%w: facts do not end with ';': %q", ErrMalformedEntry, clip(line))
	}
	parts := strings.Split(facts[:len(facts)-1], ";")
	if len(parts) > maxFacts {
		return e, fmt.Errorf("%w: more than %d facts", ErrMalformedEntry, maxFacts)
	}
	e.Facts = make(map[string]string, len(parts))
	for _, p := range parts {
		k, v, ok := strings.Cut(p, "=")
		if !ok || k == "" {
			return e, fmt.Errorf("%w: fact %q is not name=value", ErrMalformedEntry, clip(p))
		}
		e.Facts[strings.ToLower(k)] = v
	}
	if t, ok := e.Facts["type"]; ok {
		e.Type = strings.ToLower(t)
	}
	e.Kind, e.Target = mlsxKind(e.Type, e.Facts["type"], e.Facts)
	if v, ok := e.Facts["size"]; ok {
		n, err := parseSize(v)
		if err != nil {
			return e, fmt.Errorf("%w: size %q", ErrMalformedEntry, clip(v))
		}
		e.Size = n
	}
	if v, ok := e.Facts["modify"]; ok {
		e.Modify = parseModify(v)
	}
	return e, nil
}

// parseSize accepts decimal digits only (no sign, no spaces), up to int64.
func parseSize(v string) (int64, error) {
	if v == "" || len(v) > 19 {
		return 0, strconv.ErrRange
	}
	for i := 0; i < len(v); i++ {
		if v[i] < '0' || v[i] > '9' {
			return 0, strconv.ErrSyntax
		}
	}
	return strconv.ParseInt(v, 10, 64)
}

// parseModify parses an RFC 3659 time-val, YYYYMMDDHHMMSS[.sss] in UTC.
func parseModify(v string) time.Time {
	sec, frac, hasFrac := strings.Cut(v, ".")
	if len(sec) != 14 || (hasFrac && (frac == "" || len(frac) > 9)) {
		return time.Time{}
	}
	t, err := time.Parse("20060102150405", sec)
	if err != nil {
		return time.Time{}
	}
	if hasFrac {
		ns, err := strconv.Atoi((frac + "000000000")[:9])
		if err != nil || strings.Trim(frac, "0123456789") != "" {
			return time.Time{}
		}
		t = t.Add(time.Duration(ns))
	}
	return t.UTC()
}

// Mlsd runs MLSD dir (RFC 3659) and calls fn with each entry as it
// arrives, so memory does not depend on the size of the listing. A line
// that does not parse ends the listing with an error wrapping
// ErrMalformedEntry. fn runs while the transfer is in progress and must
// not call back into the Session; an error from fn ends the transfer and is
// returned wrapped, the session staying usable.
func (s *Session) Mlsd(ctx context.Context, dir string, fn func(Entry) error) (*Transfer, error) {
	defer s.begin(ctx)()
	return s.lines("MLSD", dir, func(line string) error {
		e, err := ParseMLSxEntry(line)
		if err != nil {
			return err
		}
		return fn(e)
	})
}

// Sizes returns the size of every file in dir that its listing gives a
// size for, from one ReadDir (MLSD, or LIST in any format ParseListLine
// knows): one round trip for a whole MGET's sizes. Names are as listed
// (without the directory); a name listed twice maps to -1 (ask SIZE).
// Directories, links and entries without a size are left out. The
// listing is held within DefaultListLimit: a longer one is an error
// wrapping ErrListTooLong.
func (s *Session) Sizes(ctx context.Context, dir string) (map[string]int64, error) {
	sizes := map[string]int64{}
	c := DefaultListLimit.Counter()
	err := s.ReadDir(ctx, dir, func(e Entry) error {
		if err := c.Add(e.Name); err != nil {
			return fmt.Errorf("%s: %w", dir, err)
		}
		if e.Size < 0 || !(e.Kind == KindFile || (e.Kind == KindUnknown && e.Type == "file")) {
			return nil
		}
		if _, dup := sizes[e.Name]; dup {
			sizes[e.Name] = -1
			return nil
		}
		sizes[e.Name] = e.Size
		return nil
	})
	if err != nil {
		return nil, err
	}
	return sizes, nil
}
