package zos

import (
	"go/ast"
	"go/parser"
	"go/token"
	"io/fs"
	"os"
	"path/filepath"
	"strconv"
	"strings"
	"testing"
)

// zosStatements are z/OS FTP.DATA statement names (and the file's name)
// that the engine's texts must not hold: client and tls are Go packages
// for any FTP program, and their errors and events say what happened in
// protocol words. This package (hint.go) and transcript name the
// statement that governs each fact; comments in client and tls may
// explain the mapping. (The test lives here so that the names it looks
// for are not in client or tls either.)
var zosStatements = []string{
	"FTP.DATA",
	"SECUREIMPLICITZOS",
	"SECURE_HOSTNAME",
	"SECURE_SESSION_REUSE",
	"TLSRFCLEVEL",
	"CCCNONOTIFY",
	"PASSIVEIGNOREADDR",
	"TLSPORT",
	"TLSVERSIONMIN",
	"TLSVERSIONMAX",
}

// statementLiterals returns "file:line: literal" for each string literal
// of src that names one of zosStatements. Comments are not looked at.
func statementLiterals(fset *token.FileSet, name string, src any) ([]string, error) {
	f, err := parser.ParseFile(fset, name, src, parser.SkipObjectResolution)
	if err != nil {
		return nil, err
	}
	var found []string
	ast.Inspect(f, func(n ast.Node) bool {
		lit, ok := n.(*ast.BasicLit)
		if !ok || lit.Kind != token.STRING {
			return true
		}
		text, err := strconv.Unquote(lit.Value)
		if err != nil {
			text = lit.Value
		}
		for _, s := range zosStatements {
			if strings.Contains(text, s) {
				found = append(found, fset.Position(lit.Pos()).String()+": "+lit.Value)
				break
			}
		}
		return true
	})
	return found, nil
}

// TestNoStatementNamesInEngineTexts parses every non-test Go file of
// client and tls (and their subpackages) and fails on a string literal
// that names a z/OS statement.
func TestNoStatementNamesInEngineTexts(t *testing.T) {
	fset := token.NewFileSet()
	files := 0
	for _, root := range []string{filepath.Join("..", "..", "client"), filepath.Join("..", "..", "tls")} {
		err := filepath.WalkDir(root, func(path string, d fs.DirEntry, err error) error {
			if err != nil {
				return err
			}
			if d.IsDir() && d.Name() == "testdata" {
				return filepath.SkipDir
			}
			if d.IsDir() || !strings.HasSuffix(path, ".go") || strings.HasSuffix(path, "_test.go") {
				return nil
			}
			src, err := os.ReadFile(path)
			if err != nil {
				return err
			}
			files++
			found, err := statementLiterals(fset, path, src)
			for _, f := range found {
				t.Errorf("%s names a z/OS statement: the engine states facts; internal/zos (hint.go) names the statement", f)
			}
			return err
		})
		if err != nil {
			t.Fatal(err)
		}
	}
	if files < 20 {
		t.Fatalf("only %d files read: the walk missed the packages", files)
	}
}

// TestStatementLiteralsFindsLiterals: the scanner finds a statement name
// in a literal, raw or interpreted, and not in a comment.
func TestStatementLiteralsFindsLiterals(t *testing.T) {
	src := "package p\n\n// TLSRFCLEVEL in a comment is allowed.\nvar a = \"fine\"\nvar b = `set TLSRFCLEVEL`\nvar c = \"SECURE_\\x48OSTNAME\"\n"
	found, err := statementLiterals(token.NewFileSet(), "p.go", src)
	if err != nil {
		t.Fatal(err)
	}
	if len(found) != 2 || !strings.Contains(found[0], "p.go:5") || !strings.Contains(found[1], "p.go:6") {
		t.Errorf("found %q, want the literals of lines 5 and 6", found)
	}
}
