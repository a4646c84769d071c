package client

import (
	"errors"
	"strings"
	"testing"
)

func TestNameSplitter(t *testing.T) {
	tests := []struct {
		name   string
		chunks []string
		want   []string
		err    error
	}{
		{"lines", []string{"a\nbb\nccc\n"}, []string{"a", "bb", "ccc"}, nil},
		{"split across writes", []string{"a", "b\nc", "d\n", "e"}, []string{"ab", "cd", "e"}, nil},
		{"empty lines and CR", []string{"\n\nx\r\n\n"}, []string{"x"}, nil},
		{"too long", []string{"abc\n", strings.Repeat("x", 9)}, []string{"abc"}, ErrNameTooLong},
		{"too long in pieces", []string{"xxxx", "xxxx", "x\n"}, nil, ErrNameTooLong},
		{"at the limit", []string{"xxxx", "xxxx\n"}, []string{"xxxxxxxx"}, nil},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			var got []string
			n := &nameSplitter{max: 8, fn: func(s string) error { got = append(got, s); return nil }}
			var err error
			for _, c := range tt.chunks {
				if _, err = n.Write([]byte(c)); err != nil {
					break
				}
			}
			if err == nil {
				err = n.end()
			}
			if !errors.Is(err, tt.err) || strings.Join(got, "|") != strings.Join(tt.want, "|") {
				t.Fatalf("got %q, %v; want %q, %v", got, err, tt.want, tt.err)
			}
		})
	}
}

func TestNameList(t *testing.T) {
	stop := errors.New("enough")
	tests := []struct {
		name string
		data string
		fn   func(*[]string) func(string) error
		want []string
		err  error
	}{
		{"all", "a.txt\r\nb.txt\r\nc", collect, []string{"a.txt", "b.txt", "c"}, nil},
		{"consumer stops", "a\r\nb\r\nc\r\n", func(got *[]string) func(string) error {
			return func(s string) error {
				*got = append(*got, s)
				if s == "b" {
					return stop
				}
				return nil
			}
		}, []string{"a", "b"}, stop},
		{"name too long", "a\r\n" + strings.Repeat("x", MaxNameLength+1) + "\r\n", collect, []string{"a"}, ErrNameTooLong},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			fs := listingFake(t, "NLST", tt.data)
			s, _ := fs.dial(t, Config{})
			var got []string
			_, err := s.NameList(t.Context(), "*", tt.fn(&got))
			if !errors.Is(err, tt.err) || strings.Join(got, "|") != strings.Join(tt.want, "|") {
				t.Fatalf("got %q, %v; want %q, %v", got, err, tt.want, tt.err)
			}
			if _, err := s.Noop(t.Context()); err != nil {
				t.Fatalf("session not usable after NameList: %v", err)
			}
		})
	}
}

func collect(got *[]string) func(string) error {
	return func(s string) error { *got = append(*got, s); return nil }
}
