package zos

import (
	"go/ast"
	"go/parser"
	"go/token"
	"os"
	"path/filepath"
	"strings"
	"testing"
)

// TestServerTextIsEscaped walks the front end's Go files (internal/zos and
// cmd/zftp, tests excluded) for output written around the transcript: a
// call that writes to a stream (fmt.Print*, fmt.Fprint*, io.WriteString,
// a Write or WriteString method) or that Writer.Raw prints as it is,
// with an argument that may hold server text — a reply's Lines, Text() or
// Last(), an event's Message or Name, an error (err, or any .Error()) —
// not wrapped in transcript.Escape. A line that prints only local text
// (a flag error, an FTP.DATA error) says so in a "// local text:" comment.
// Messages go through Writer.Printf,
// which escapes every argument; this test keeps the other paths honest
// (the rule is in docs/architecture.md, "One printer for server text").
func TestServerTextIsEscaped(t *testing.T) {
	dirs := []string{".", filepath.Join("..", "..", "cmd", "zftp")}
	fset := token.NewFileSet()
	for _, dir := range dirs {
		files, err := filepath.Glob(filepath.Join(dir, "*.go"))
		if err != nil {
			t.Fatal(err)
		}
		for _, path := range files {
			if strings.HasSuffix(path, "_test.go") {
				continue
			}
			src, err := os.ReadFile(path)
			if err != nil {
				t.Fatal(err)
			}
			f, err := parser.ParseFile(fset, path, src, parser.ParseComments)
			if err != nil {
				t.Fatal(err)
			}
			local := localTextLines(fset, f)
			ast.Inspect(f, func(n ast.Node) bool {
				call, ok := n.(*ast.CallExpr)
				if !ok || !isOutputCall(call) || local[fset.Position(call.Pos()).Line] {
					return true
				}
				for _, arg := range call.Args {
					if what := unescapedServerText(arg); what != "" {
						t.Errorf("%s: %s reaches output without transcript.Escape", fset.Position(arg.Pos()), what)
					}
				}
				return true
			})
		}
	}
}

// localTextLines returns the lines of f with a "local text:" comment.
func localTextLines(fset *token.FileSet, f *ast.File) map[int]bool {
	lines := map[int]bool{}
	for _, g := range f.Comments {
		for _, c := range g.List {
			if strings.Contains(c.Text, "local text:") {
				lines[fset.Position(c.Pos()).Line] = true
			}
		}
	}
	return lines
}

// isOutputCall reports whether call writes text somewhere a user or a log
// reads it without the Writer's escaping.
func isOutputCall(call *ast.CallExpr) bool {
	sel, ok := call.Fun.(*ast.SelectorExpr)
	if !ok {
		return false
	}
	name := sel.Sel.Name
	if pkg, ok := sel.X.(*ast.Ident); ok {
		switch pkg.Name {
		case "fmt":
			return strings.HasPrefix(name, "Print") || strings.HasPrefix(name, "Fprint")
		case "io":
			return name == "WriteString"
		case "os", "strings", "bytes", "filepath", "strconv", "errors", "transcript":
			return false
		}
	}
	return name == "Raw" || name == "WriteString" || name == "Write"
}

// serverFields are the fields and methods that hold text a server sent.
var serverFields = map[string]bool{"Lines": true, "Last": true, "Message": true, "Reply": true, "Name": true, "Error": true}

// unescapedServerText returns what in expr may hold server text outside a
// call to Escape, or "".
func unescapedServerText(expr ast.Expr) string {
	found := ""
	ast.Inspect(expr, func(n ast.Node) bool {
		if found != "" {
			return false
		}
		switch n := n.(type) {
		case *ast.CallExpr:
			if isEscape(n.Fun) {
				return false
			}
			if sel, ok := n.Fun.(*ast.SelectorExpr); ok && sel.Sel.Name == "Text" {
				found = "Text()"
			}
		case *ast.SelectorExpr:
			if serverFields[n.Sel.Name] {
				found = "." + n.Sel.Name
			}
		case *ast.Ident:
			if n.Name == "err" {
				found = "an error (err)"
			}
		}
		return true
	})
	return found
}

// isEscape reports whether fun is transcript.Escape (or Escape).
func isEscape(fun ast.Expr) bool {
	switch f := fun.(type) {
	case *ast.SelectorExpr:
		return f.Sel.Name == "Escape"
	case *ast.Ident:
		return f.Name == "Escape"
	}
	return false
}
