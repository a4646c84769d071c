package config

import (
	"fmt"
	"slices"
	"strconv"
	"strings"
)

// Kind is the value syntax of a statement.
type Kind int

// Statement kinds.
const (
	KindBool   Kind = iota // TRUE or FALSE
	KindInt                // a decimal integer within Min..Max (or 0 when ZeroOff)
	KindEnum               // one of Values
	KindString             // one token, case preserved
	KindList               // one token, case preserved; repeatable, each one appends
	KindTrace              // one or more DEBUG trace options; repeatable, each one adds
	KindAny                // anything (ignored statements)
)

// String names the kind for documentation.
func (k Kind) String() string {
	switch k {
	case KindBool:
		return "TRUE|FALSE"
	case KindInt:
		return "integer"
	case KindEnum:
		return "keyword"
	case KindString:
		return "string"
	case KindList:
		return "string, repeatable"
	case KindTrace:
		return "trace options"
	default:
		return "any"
	}
}

// Status says what zftp does with a statement.
type Status int

// Statement statuses.
const (
	Supported  Status = iota // stored in Settings
	Ignored                  // z/OS-only (data sets, translation): warning "has no effect on this platform"
	ServerOnly               // a z/OS server statement: EZYFT47I, unless SUPPRESSIGNOREWARNINGS TRUE
)

// String names the status for documentation.
func (s Status) String() string {
	switch s {
	case Supported:
		return "supported"
	case Ignored:
		return "ignored with warning"
	default:
		return "server-only (EZYFT47I)"
	}
}

// Statement describes one FTP.DATA statement.
type Statement struct {
	Name       string   // statement name, upper case; FTP.DATA takes the full name
	Kind       Kind     // value syntax
	Values     []string // KindEnum: the valid values, upper case
	Min, Max   int      // KindInt: valid range
	ZeroOff    bool     // KindInt: 0 is valid too and means "not used"
	Default    string   // built-in default as written in FTP.DATA; "" = none
	Locsite    string   // LOCSITE keyword, capitals = minimum abbreviation; "" = not settable
	LocsiteOff string   // LOCSITE keyword that sets a TRUE|FALSE statement FALSE
	Status     Status   // supported, ignored with warning, or server-only
	Extension  bool     // a zftp extension, not a z/OS statement
	Source     string   // where the default was confirmed, or "(unverified)"

	set func(s *Settings, v string) (warning string) // v is normalised
	get func(s *Settings) string
}

// Statements returns a copy of the statement table, sorted by name.
func Statements() []Statement {
	out := slices.Clone(statements)
	slices.SortFunc(out, func(a, b Statement) int { return strings.Compare(a.Name, b.Name) })
	return out
}

// lookupStatement finds a statement by its full name, ignoring case.
func lookupStatement(name string) *Statement {
	name = strings.ToUpper(name)
	for i := range statements {
		if statements[i].Name == name {
			return &statements[i]
		}
	}
	return nil
}

// normalize checks vals against the statement's syntax and returns the
// canonical value text. Messages name the statement and echo the value
// (FTP.DATA holds no secrets).
func (st *Statement) normalize(vals []string) (string, error) {
	if st.Kind == KindAny {
		return strings.Join(vals, " "), nil
	}
	if len(vals) == 0 {
		return "", fmt.Errorf("%w: %s needs a value", ErrBadValue, st.Name)
	}
	if st.Kind != KindTrace && len(vals) > 1 {
		return "", fmt.Errorf("%w: %s takes one value, found %d", ErrBadValue, st.Name, len(vals))
	}
	v := vals[0]
	switch st.Kind {
	case KindBool:
		switch u := strings.ToUpper(v); u {
		case "TRUE", "FALSE":
			return u, nil
		}
		return "", fmt.Errorf("%w: %s %s: want TRUE or FALSE", ErrBadValue, st.Name, v)
	case KindInt:
		n, err := strconv.Atoi(v)
		if err != nil || !((n == 0 && st.ZeroOff) || (n >= st.Min && n <= st.Max)) {
			return "", fmt.Errorf("%w: %s %s: want %s", ErrBadValue, st.Name, v, st.rangeText())
		}
		return strconv.Itoa(n), nil
	case KindEnum:
		u := strings.ToUpper(v)
		if slices.Contains(st.Values, u) {
			return u, nil
		}
		return "", fmt.Errorf("%w: %s %s: want %s", ErrBadValue, st.Name, v, strings.Join(st.Values, ", "))
	case KindTrace:
		var out []string
		for _, v := range vals {
			u := strings.ToUpper(v)
			if !validTrace(u) {
				return "", fmt.Errorf("%w: %s %s: unknown trace option", ErrBadValue, st.Name, v)
			}
			out = append(out, u)
		}
		return strings.Join(out, " "), nil
	default: // KindString, KindList
		return v, nil
	}
}

// rangeText describes the valid range of a KindInt statement.
func (st *Statement) rangeText() string {
	if st.ZeroOff && st.Min > 0 {
		return fmt.Sprintf("0 or %d-%d", st.Min, st.Max)
	}
	return fmt.Sprintf("%d-%d", st.Min, st.Max)
}

// ValuesText describes the valid values of the statement for documentation.
func (st Statement) ValuesText() string {
	switch st.Kind {
	case KindInt:
		return st.rangeText()
	case KindEnum:
		return strings.Join(st.Values, " | ")
	default:
		return st.Kind.String()
	}
}

// setValue normalises and stores a raw value (tokens separated by blanks).
func (s *Settings) setValue(st *Statement, raw string) error {
	v, err := st.normalize(strings.Fields(raw))
	if err != nil {
		return err
	}
	st.set(s, v)
	return nil
}

// traceOptions are the DEBUG options (names from message EZA2923I and the
// DEBUG subcommand; list unverified against the IP Configuration Reference).
var traceOptions = []string{"ALL", "NONE", "ACC", "BAS", "CMD", "FLO", "INT", "JES", "PAR", "SEC", "SQL", "TIME", "UTL", "XLA", "FSC", "SOC"}

// validTrace reports whether u (upper case) is a DEBUG option, including
// FSC(n) and SOC(n) with a one-digit level.
func validTrace(u string) bool {
	if slices.Contains(traceOptions, u) {
		return true
	}
	for _, p := range []string{"FSC(", "SOC("} {
		if strings.HasPrefix(u, p) && len(u) == len(p)+2 && u[len(p)] >= '1' && u[len(p)] <= '9' && u[len(p)+1] == ')' {
			return true
		}
	}
	return false
}

// Helpers that build table entries bound to a Settings field.

func boolStmt(name, def string, field func(*Settings) *bool) Statement {
	return Statement{Name: name, Kind: KindBool, Default: def,
		set: func(s *Settings, v string) string { *field(s) = v == "TRUE"; return "" },
		get: func(s *Settings) string { return boolText(*field(s)) },
	}
}

func intStmt(name, def string, lo, hi int, zeroOff bool, field func(*Settings) *int) Statement {
	return Statement{Name: name, Kind: KindInt, Default: def, Min: lo, Max: hi, ZeroOff: zeroOff,
		set: func(s *Settings, v string) string { n, _ := strconv.Atoi(v); *field(s) = n; return "" },
		get: func(s *Settings) string { return strconv.Itoa(*field(s)) },
	}
}

func enumStmt[T ~string](name, def string, values []T, field func(*Settings) *T) Statement {
	vs := make([]string, len(values))
	for i, v := range values {
		vs[i] = string(v)
	}
	return Statement{Name: name, Kind: KindEnum, Default: def, Values: vs,
		set: func(s *Settings, v string) string { *field(s) = T(v); return "" },
		get: func(s *Settings) string { return string(*field(s)) },
	}
}

func stringStmt(name string, field func(*Settings) *string) Statement {
	return Statement{Name: name, Kind: KindString,
		set: func(s *Settings, v string) string { *field(s) = v; return "" },
		get: func(s *Settings) string { return *field(s) },
	}
}

func boolText(b bool) string {
	if b {
		return "TRUE"
	}
	return "FALSE"
}

// with returns st with the documentation fields set.
func (st Statement) with(locsite, locsiteOff, source string) Statement {
	st.Locsite, st.LocsiteOff, st.Source = locsite, locsiteOff, source
	return st
}

// warnOn wraps st's setter so that setting value v returns warning text w.
func (st Statement) warnOn(v, w string) Statement {
	set := st.set
	st.set = func(s *Settings, val string) string {
		set(s, val)
		if val == v {
			return w
		}
		return ""
	}
	return st
}
