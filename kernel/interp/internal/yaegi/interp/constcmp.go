package interp

import (
	"go/constant"
	"go/token"
	"reflect"
)

// Comparisons of constants are constants (archlab addition). Upstream
// computed them at run time only, so a constant declared as one (const
// isBig = size > 5, const eq = 2 == 2) was false.

func init() {
	for a, tok := range map[action]token.Token{
		aEqual: token.EQL, aNotEqual: token.NEQ,
		aGreater: token.GTR, aGreaterEqual: token.GEQ,
		aLower: token.LSS, aLowerEqual: token.LEQ,
	} {
		constOp[a] = compareConst(tok)
	}
}

// compareConst returns the constant folding of the comparison tok: n's
// value is set when both operands are constants of basic kinds.
func compareConst(tok token.Token) func(*node) {
	return func(n *node) {
		if isInterface(n.child[0].typ) || isInterface(n.child[1].typ) {
			return // any(1) == any(1.0) compares types too: at run time
		}
		a, okA := asConstant(n.child[0].rval)
		b, okB := asConstant(n.child[1].rval)
		if !okA || !okB || a.Kind() == constant.Unknown || b.Kind() == constant.Unknown {
			return
		}
		if (a.Kind() == constant.Bool) != (b.Kind() == constant.Bool) ||
			(a.Kind() == constant.String) != (b.Kind() == constant.String) {
			return
		}
		r := constant.Compare(a, tok, b)
		t := reflect.TypeOf(true)
		if n.typ != nil && n.typ.TypeOf() != nil && n.typ.TypeOf().Kind() == reflect.Bool {
			t = n.typ.TypeOf()
		}
		n.rval = reflect.New(t).Elem()
		n.rval.SetBool(r)
	}
}

// asConstant returns v, a constant operand's value, as a constant.Value.
func asConstant(v reflect.Value) (constant.Value, bool) {
	if !v.IsValid() {
		return nil, false
	}
	if isConstantValue(v.Type()) {
		c := vConstantValue(v)
		return c, c != nil
	}
	switch v.Kind() {
	case reflect.Bool:
		return constant.MakeBool(v.Bool()), true
	case reflect.Int, reflect.Int8, reflect.Int16, reflect.Int32, reflect.Int64:
		return constant.MakeInt64(v.Int()), true
	case reflect.Uint, reflect.Uint8, reflect.Uint16, reflect.Uint32, reflect.Uint64, reflect.Uintptr:
		return constant.MakeUint64(v.Uint()), true
	case reflect.Float32, reflect.Float64:
		return constant.MakeFloat64(v.Float()), true
	case reflect.Complex64, reflect.Complex128:
		c := v.Complex()
		return constant.BinaryOp(constant.MakeFloat64(real(c)), token.ADD, constant.MakeImag(constant.MakeFloat64(imag(c)))), true
	case reflect.String:
		return constant.MakeString(v.String()), true
	}
	return nil, false
}

// foldLogical makes n, a && (and) or || of two boolean constants, a
// constant: const both = isBig && size < 20 was false.
func foldLogical(n *node, and bool) {
	c0, c1 := n.child[0].rval, n.child[1].rval
	if !c0.IsValid() || !c1.IsValid() || c0.Kind() != reflect.Bool || c1.Kind() != reflect.Bool {
		return
	}
	t := reflect.TypeOf(true)
	if n.typ != nil && n.typ.TypeOf() != nil && n.typ.TypeOf().Kind() == reflect.Bool {
		t = n.typ.TypeOf()
	}
	n.rval = reflect.New(t).Elem()
	if and {
		n.rval.SetBool(c0.Bool() && c1.Bool())
	} else {
		n.rval.SetBool(c0.Bool() || c1.Bool())
	}
	n.gen = nop
	n.findex = notInFrame
}
