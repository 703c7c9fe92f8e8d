package arch

import (
	"context"
	"errors"
	"strings"
	"testing"
	"time"

	"github.com/archlab/archlab/gpu"
	"github.com/archlab/archlab/lib/arch/op"
)

// minimal is a valid layer; the escape tests splice code into it.
const minimal = `package layer

import "archlab/op"

type Layer struct{ W *op.Node }

func New(p *op.Params, c op.Config) *Layer {
	return &Layer{W: p.Linear("w", c.D, c.D)}
}

func (l *Layer) Forward(x *op.Node) *op.Node {
	return op.Linear(x, l.W)
}
`

// traceOnce builds one instance of l on a (2,8,16) input.
func traceOnce(l *Layer, lim Limits) error {
	g := gpu.NewGraph()
	x := g.Input("x", 2, 8, 16)
	return l.Trace(context.Background(), lim, func(b *Builder) error {
		b.New(g.Sub("l0"), op.Config{D: 16, Heads: 2, HeadDim: 8, ConvSize: 4, Layers: 1})(x)
		return nil
	})
}

func TestMinimalTraces(t *testing.T) {
	l, err := Parse("minimal", minimal)
	if err != nil {
		t.Fatal(err)
	}
	if err := traceOnce(l, Limits{}); err != nil {
		t.Fatal(err)
	}
}

// TestEscapes: every way out of the sandbox is rejected before running
// (stage static, with the line) or stopped while running, and the test
// process survives to check the next one.
func TestEscapes(t *testing.T) {
	fast := Limits{Time: time.Second, HeapBytes: 128 << 20, MaxNodes: 20000}
	tests := []struct {
		name  string
		src   string
		stage string
		line  int     // 0: any
		msg   string  // substring of the problem
		lim   *Limits // instead of fast
	}{
		{"file", strings.Replace(minimal, `import "archlab/op"`, "import (\n\t\"archlab/op\"\n\t\"os\"\n)\n\nvar _ = os.ReadFile", 1), StageStatic, 5, `import "os" is not allowed`, nil},
		{"network", strings.Replace(minimal, `import "archlab/op"`, "import (\n\t\"archlab/op\"\n\t\"net\"\n)\n\nvar _ = net.Dial", 1), StageStatic, 5, `import "net"`, nil},
		{"process", strings.Replace(minimal, `import "archlab/op"`, "import (\n\t\"archlab/op\"\n\t\"os/exec\"\n)\n\nvar _ = exec.Command", 1), StageStatic, 5, `import "os/exec"`, nil},
		{"unsafe", strings.Replace(minimal, `import "archlab/op"`, "import (\n\t\"archlab/op\"\n\t\"unsafe\"\n)\n\nvar _ = unsafe.Sizeof(0)", 1), StageStatic, 5, `import "unsafe"`, nil},
		{"reflect", strings.Replace(minimal, `import "archlab/op"`, "import (\n\t\"archlab/op\"\n\t\"reflect\"\n)\n\nvar _ = reflect.TypeOf", 1), StageStatic, 5, `import "reflect"`, nil},
		{"syscall", strings.Replace(minimal, `import "archlab/op"`, "import (\n\t\"archlab/op\"\n\t\"syscall\"\n)\n\nvar _ = syscall.Exit", 1), StageStatic, 5, `import "syscall"`, nil},
		{"exit", strings.Replace(minimal, `import "archlab/op"`, "import (\n\t\"archlab/op\"\n\t\"os\"\n)\n\nfunc init() { os.Exit(3) }", 1), StageStatic, 5, `import "os"`, nil},
		{"goroutine", strings.Replace(minimal, "return &Layer", "go func() {}()\n\treturn &Layer", 1), StageStatic, 8, "go statements", nil},
		{"channel", strings.Replace(minimal, "return &Layer", "c := make(chan int)\n\t_ = c\n\treturn &Layer", 1), StageStatic, 8, "channels", nil},
		{"recover", strings.Replace(minimal, "return &Layer", "defer func() { recover() }()\n\treturn &Layer", 1), StageStatic, 8, "recover", nil},
		{"huge array", strings.Replace(minimal, "return &Layer", "var a [1 << 40]byte\n\t_ = a\n\treturn &Layer", 1), StageStatic, 8, "array length", nil},
		{"huge nested array", strings.Replace(minimal, "return &Layer", "var a [65536][65536][16]float64\n\t_ = a\n\treturn &Layer", 1), StageStatic, 8, "over the sandbox limit", nil},
		{"huge array type", minimal + "\ntype big [65536][65536]float64\n", StageStatic, 15, "over the sandbox limit", nil},
		{"huge element make", strings.Replace(minimal, "return &Layer", "b := make([][65536]float64, 1<<24)\n\t_ = b\n\treturn &Layer", 1), StageStatic, 8, "make of 16777216 elements", nil},
		{"huge element make at run time", strings.Replace(minimal, "return &Layer", "n := c.D << 18\n\tb := make([][65536]float64, n)\n\t_ = b\n\treturn &Layer", 1), StageRun, 9, "make size", nil},
		{"keyed slice literal", strings.Replace(minimal, "return &Layer", "s := []float64{1 << 30: 1}\n\t_ = s\n\treturn &Layer", 1), StageStatic, 8, "slice literal of 1073741825 elements", nil},
		{"array of op values", strings.Replace(minimal, "return &Layer", "var a [65536][4096]op.Config\n\t_ = a\n\treturn &Layer", 1), StageStatic, 8, "over the sandbox limit", nil},
		{"keyed array literal", strings.Replace(minimal, "return &Layer", "s := [...]float64{1 << 30: 1}\n\t_ = s\n\treturn &Layer", 1), StageStatic, 8, "over the sandbox limit", nil},
		{"shift bomb", minimal + "\nconst big = 1 << (1 << 50)\n", StageStatic, 15, "shift count", nil},
		{"shift bomb by name", minimal + "\nconst n = 1 << 50\n\nconst big = 1 << n\n", StageStatic, 17, "shift count", nil},
		{"multiplication bomb", minimal + "\nconst a = 1 << 500\n\nconst b = a * a * a * a\n", StageStatic, 17, "overflow", nil},
		{"recursive array type", minimal + "\ntype T [2]T\n", StageStatic, 15, "invalid recursive type", nil},
		{"recursive struct types", minimal + "\ntype A struct{ b B }\n\ntype B struct{ a A }\n", StageStatic, 15, "invalid recursive type", nil},
		{"reserved name", strings.Replace(minimal, "return &Layer", "_archlabDepth = -1000\n\treturn &Layer", 1), StageStatic, 8, "reserved", nil},
		{"endless loop in New", strings.Replace(minimal, "return &Layer", "for {\n\t}\n\treturn &Layer", 1), StageTime, 0, "time limit", nil},
		{"endless loop in Forward", strings.Replace(minimal, "return op.Linear", "n := 0\n\tfor n >= 0 {\n\t\tn++\n\t}\n\treturn op.Linear", 1), StageTime, 0, "time limit", nil},
		{"endless op loop", strings.Replace(minimal, "return op.Linear", "for {\n\t\tx = op.Add(x, x)\n\t}\n\treturn op.Linear", 1), StageRun, 0, "nodes", nil},
		{"endless recursion", minimal + "\nfunc deep(n int) int { return deep(n+1) + 1 }\n\nvar _ = deep(0)\n", StageRun, 0, "deeper than 200", nil},
		{"huge make", strings.Replace(minimal, "return &Layer", "big := make([]float64, 1<<40)\n\t_ = big\n\treturn &Layer", 1), StageStatic, 8, "make of", nil},
		{"growing append", strings.Replace(minimal, "return &Layer", "var s []float64\n\tfor {\n\t\ts = append(s, make([]float64, 1<<20)...)\n\t}\n\treturn &Layer", 1), StageMemory, 0, "heap limit", &Limits{Time: 30 * time.Second, HeapBytes: 64 << 20}},
		{"huge tensor", strings.Replace(minimal, `p.Linear("w", c.D, c.D)`, `p.Zeros("w", 1<<20, 1<<20)`, 1), StageRun, 0, "sandbox limit", nil},
		{"many parameters", strings.Replace(minimal, `return &Layer{W: p.Linear("w", c.D, c.D)}`, "for i := 0; i < 1000; i++ {\n\t\tp.Zeros(\"w\"+string(rune('a'+i%26))+string(rune('a'+i/26)), 1<<26)\n\t}\n\treturn &Layer{W: p.Linear(\"w\", c.D, c.D)}", 1), StageRun, 9, "parameter elements in all", &Limits{Time: 10 * time.Second, HeapBytes: 128 << 20, MaxNodes: 20000}}, // no loop: a long limit keeps it steady on a loaded machine
		{"shape error", strings.Replace(minimal, "op.Linear(x, l.W)", "op.Linear(l.W, x)", 1), StageRun, 0, "Linear", nil},
		{"undefined name", strings.Replace(minimal, "op.Linear(x, l.W)", "op.Linear(x, l.Missing)", 1), StageCompile, 12, "Missing", nil},
		{"syntax", strings.Replace(minimal, "return op.Linear(x, l.W)", "return op.Linear(x, l.W", 1), StageStatic, 12, "", nil},
		{"no New", strings.Replace(minimal, "func New(", "func Make(", 1), StageStatic, 0, "missing func New", nil},
	}
	for _, tc := range tests {
		t.Run(tc.name, func(t *testing.T) {
			l, err := Parse(tc.name, tc.src)
			if err == nil {
				lim := fast
				if tc.lim != nil {
					lim = *tc.lim
				}
				err = traceOnce(l, lim)
			}
			var e *Error
			if !errors.As(err, &e) {
				t.Fatalf("got %v, want an *Error of stage %s", err, tc.stage)
			}
			if e.Stage != tc.stage || !strings.Contains(e.Error(), tc.msg) {
				t.Fatalf("got %v, want stage %s containing %q", e, tc.stage, tc.msg)
			}
			if tc.line != 0 && (len(e.Problems) == 0 || e.Problems[0].Line != tc.line) {
				t.Fatalf("got %v, want the first problem on line %d", e, tc.line)
			}
		})
	}
}

// TestSymbolTableWall: a source that slipped past the static check still
// finds no os (or any other package but op and math) in the interpreter.
func TestSymbolTableWall(t *testing.T) {
	for _, pkg := range []string{"os", "os/exec", "net", "unsafe", "reflect", "syscall", "io/ioutil"} {
		src := strings.Replace(minimal, `import "archlab/op"`, "import (\n\t\"archlab/op\"\n\t_ \""+pkg+"\"\n)", 1)
		p, _ := staticCheck(strings.Replace(minimal, "package layer", "package layer", 1))
		p.rewrite(src) // the guards, without the import check
		l := &Layer{Name: "wall", Src: src, p: p}
		err := traceOnce(l, Limits{Time: 2 * time.Second})
		var e *Error
		if !errors.As(err, &e) || e.Stage != StageCompile {
			t.Errorf("import %q: got %v, want a compile error", pkg, err)
		}
	}
}

func TestOrigPos(t *testing.T) {
	src := "package layer\n\nimport \"archlab/op\"\n\ntype Layer struct{}\n\nfunc New(p *op.Params, c op.Config) *Layer { return &Layer{} }\n\nfunc (l *Layer) Forward(x *op.Node) *op.Node { return x }\n"
	p, probs := staticCheck(src)
	if probs != nil {
		t.Fatal(probs)
	}
	// "func New(...) *Layer { return" : the guard sits after the brace at column 46.
	line := strings.Split(p.text, "\n")[6]
	col := strings.Index(line, "return") + 1
	if l, c := p.origPos(7, col); l != 7 || c != strings.Index(strings.Split(src, "\n")[6], "return")+1 {
		t.Fatalf("origPos(7,%d) = %d:%d", col, l, c)
	}
}
