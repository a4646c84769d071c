package netrc

import (
	"os"
	"path/filepath"
	"strings"
	"testing"
)

// FuzzParse checks that Parse never panics, that errors and warnings carry
// file:line, and that warnings use only fixed text (never file content).
func FuzzParse(f *testing.F) {
	seeds := []string{
		"",
		"machine h login u password p account a\n",
		"default login anonymous password guest\n",
		"machine h\nmacdef init\nbinary\n\n",
		`machine h password "a \"b\" c"`,
		"machine h # comment\nlogin u\n",
		"machine h,login u,password p\n",
		"machine h port 21 login u\n",
		"machine \"unterminated",
		"password before\n",
		"machine h password a\\",
		"macdef x\n",
	}
	for _, s := range seeds {
		f.Add([]byte(s))
	}
	files, _ := filepath.Glob(filepath.Join("testdata", "*.netrc"))
	for _, name := range files {
		if data, err := os.ReadFile(name); err == nil {
			f.Add(data)
		}
	}
	f.Fuzz(func(t *testing.T, data []byte) {
		nf, err := Parse("fuzz.netrc", data)
		if err != nil {
			if !strings.HasPrefix(err.Error(), "fuzz.netrc:") {
				t.Fatalf("error without file: %v", err)
			}
			return
		}
		for _, w := range nf.Warnings {
			if w.File != "fuzz.netrc" || w.Line < 1 {
				t.Fatalf("warning without position: %+v", w)
			}
			// Warning text is fixed, so it can never carry file content.
			if w.Text != warnUnknown {
				t.Fatalf("unexpected warning text %q", w.Text)
			}
		}
		for _, e := range nf.Entries {
			if !e.Default && e.Machine == "" {
				t.Fatalf("machine entry without a name: %+v", e)
			}
			got, ok := nf.Lookup(e.Machine)
			if !ok {
				t.Fatalf("Lookup(%q) found nothing", e.Machine)
			}
			if got.Default && !e.Default && got.Machine != e.Machine {
				t.Fatalf("Lookup(%q) fell back to default", e.Machine)
			}
		}
	})
}
