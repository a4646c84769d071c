package transcript

import (
	"strconv"
	"strings"
)

// quickFormat returns what fmt.Sprintf(format, args...) returns when every
// verb of format is a bare %s with a string argument or a bare %d with an
// integer one (and %% for a percent sign), with exactly as many arguments
// as verbs; ok is false for anything else (flags, widths, other verbs or
// types, missing or extra arguments), which the caller leaves to fmt. The
// catalog's messages are almost all of that shape, and the lines of every
// file of an MGET or MPUT (EZA1701I, EZA1617I) then cost one allocation
// instead of fmt's reflection over boxed arguments.
func quickFormat(format string, args []any) (s string, ok bool) {
	size, n := len(format), 0
	for i := 0; i < len(format); i++ {
		if format[i] != '%' {
			continue
		}
		i++
		if i == len(format) {
			return "", false
		}
		switch format[i] {
		case '%':
			continue
		case 's':
			if n == len(args) {
				return "", false
			}
			v, isString := args[n].(string)
			if !isString {
				return "", false
			}
			size += len(v)
		case 'd':
			if n == len(args) || !isInteger(args[n]) {
				return "", false
			}
			size += 20
		default:
			return "", false
		}
		n++
	}
	if n != len(args) {
		return "", false
	}
	var b strings.Builder
	b.Grow(size)
	var num [24]byte
	n = 0
	for i := 0; i < len(format); i++ {
		c := format[i]
		if c != '%' {
			b.WriteByte(c)
			continue
		}
		i++
		switch format[i] {
		case '%':
			b.WriteByte('%')
			continue
		case 's':
			b.WriteString(args[n].(string))
		case 'd':
			b.Write(appendInteger(num[:0], args[n]))
		}
		n++
	}
	return b.String(), true
}

// isInteger reports whether v is of one of the integer types appendInteger
// formats.
func isInteger(v any) bool {
	switch v.(type) {
	case int, int8, int16, int32, int64, uint, uint8, uint16, uint32, uint64:
		return true
	}
	return false
}

// appendInteger appends v, one of isInteger's types, in decimal as %d
// prints it.
func appendInteger(b []byte, v any) []byte {
	switch x := v.(type) {
	case int:
		return strconv.AppendInt(b, int64(x), 10)
	case int8:
		return strconv.AppendInt(b, int64(x), 10)
	case int16:
		return strconv.AppendInt(b, int64(x), 10)
	case int32:
		return strconv.AppendInt(b, int64(x), 10)
	case int64:
		return strconv.AppendInt(b, x, 10)
	case uint:
		return strconv.AppendUint(b, uint64(x), 10)
	case uint8:
		return strconv.AppendUint(b, uint64(x), 10)
	case uint16:
		return strconv.AppendUint(b, uint64(x), 10)
	case uint32:
		return strconv.AppendUint(b, uint64(x), 10)
	case uint64:
		return strconv.AppendUint(b, x, 10)
	}
	return b
}

// verbParts splits format at its verbs into the len(parts) literal pieces
// around len(parts)-1 bare %s or %d verbs; ok is false for a format with
// any other verb, a %%, or another number of verbs. The per-file lines
// (printCommand, printTransferred) are built from the pieces and their
// values, none of them boxed.
func verbParts(format string, parts []string) (ok bool) {
	n, start := 0, 0
	for i := 0; i < len(format); i++ {
		if format[i] != '%' {
			continue
		}
		if i+1 == len(format) || format[i+1] != 's' && format[i+1] != 'd' || n+1 == len(parts) {
			return false
		}
		parts[n] = format[start:i]
		n++
		i++
		start = i + 1
	}
	if n+1 != len(parts) {
		return false
	}
	parts[n] = format[start:]
	return true
}
