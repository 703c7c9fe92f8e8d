package interp

import (
	"errors"
	"fmt"
	"reflect"
)

// Range over functions (Go 1.23 iterators): an archlab addition.
//
// for k, v := range seq { body } calls seq with a yield function that runs
// the loop's body on the enclosing function's frame and answers whether to
// go on, as Go's compiler rewrites such a loop. The body's statements are
// compiled in place, so its defer statements, closures and panics behave as
// in Go: a defer runs when the enclosing function returns, a panic goes up
// through seq.
//
// Inside a run of the body, the loop's own continue (and the end of the
// body) ends the run with yield answering true; its break ends it with yield
// answering false. A statement that leaves the body for somewhere else (a
// return, a labeled break or continue of an outer loop, a goto) records the
// jump in the loop's state and ends the run; once seq has returned, the loop
// goes on with the jump, or hands it to the next range-over-func loop out.

// rangeFuncInfo is a range statement's range over a function.
type rangeFuncInfo struct {
	args  []*itype // the yield function's parameter types
	slots []int    // the frame indexes of the iteration variables (-1: none)
	state int      // the frame index of the loop's *rangeFuncState
}

// rangeFuncState is one execution of a range-over-func loop.
type rangeFuncState struct {
	brk      bool       // the body ran its loop's break
	pending  *rangeJump // a jump out of the body, to finish once seq returns
	done     bool       // yield answered false, or the loop is over: seq must not call it again
	exited   bool       // the loop is over
	panicked bool       // the body panicked
}

// rangeJump is a jump out of one or more range-over-func loop bodies.
type rangeJump struct {
	crossed []*node // the rangeStmt nodes of the loops it leaves, innermost first
	next    bltn    // where it goes once out of the last one; nil: the function returns
}

var rangeFuncStateType = reflect.TypeOf((*rangeFuncState)(nil))

// rangeFuncYield returns the parameter types of the yield function that
// a range over a value of type t passes, and whether t is a function type;
// the error says why a function type is not an iterator.
func rangeFuncYield(t *itype) (args []*itype, isFunc bool, err error) {
	if t == nil {
		return nil, false, nil
	}
	if t.cat == linkedT && t.val != nil {
		t = t.val
	}
	switch {
	case t.cat == funcT:
		if len(t.arg) != 1 || len(t.ret) != 0 {
			return nil, true, errors.New("func must be func(yield func(...) bool): wrong argument count")
		}
		y := t.arg[0]
		if y.cat == linkedT && y.val != nil {
			y = y.val
		}
		switch {
		case y.cat == funcT:
			if len(y.ret) != 1 || y.ret[0].TypeOf().Kind() != reflect.Bool {
				return nil, true, errors.New("func must be func(yield func(...) bool): yield func does not return bool")
			}
			if len(y.arg) > 2 {
				return nil, true, errors.New("func must be func(yield func(...) bool): yield func has too many parameters")
			}
			return y.arg, true, nil
		case y.cat == valueT && y.rtype != nil && y.rtype.Kind() == reflect.Func:
			return rangeFuncRtype(y.rtype)
		}
		return nil, true, errors.New("func must be func(yield func(...) bool): argument is not func")
	case t.cat == valueT && t.rtype != nil && t.rtype.Kind() == reflect.Func:
		rt := t.rtype
		if rt.NumIn() != 1 || rt.NumOut() != 0 || rt.In(0).Kind() != reflect.Func {
			return nil, true, errors.New("func must be func(yield func(...) bool)")
		}
		return rangeFuncRtype(rt.In(0))
	}
	return nil, false, nil
}

// rangeFuncRtype returns the parameter types of a compiled yield type.
func rangeFuncRtype(y reflect.Type) ([]*itype, bool, error) {
	if y.NumOut() != 1 || y.Out(0).Kind() != reflect.Bool {
		return nil, true, errors.New("func must be func(yield func(...) bool): yield func does not return bool")
	}
	if y.NumIn() > 2 {
		return nil, true, errors.New("func must be func(yield func(...) bool): yield func has too many parameters")
	}
	args := make([]*itype, y.NumIn())
	for i := range args {
		args[i] = valueTOf(y.In(i))
	}
	return args, true, nil
}

// rangeOperand describes the range expression o as Go's errors do.
func rangeOperand(o *node) string {
	if o.kind == identExpr {
		return fmt.Sprintf("%s (variable of type %s)", o.ident, o.typ.id())
	}
	return fmt.Sprintf("value of type %s", o.typ.id())
}

// setupRangeFunc declares the iteration variables k and v (v may be nil)
// of the range statement r over the function o, in scope sc.
func (sc *scope) setupRangeFunc(r, k, v, o *node, args []*itype) error {
	nvars := 1
	if v != nil {
		nvars = 2
	} else if k.ident == "_" {
		nvars = 0 // for range seq, or for _ = range seq
	}
	if nvars > len(args) {
		switch len(args) {
		case 0:
			return o.cfgErrorf("range over %s permits no iteration variables", rangeOperand(o))
		default:
			return o.cfgErrorf("range over %s permits only one iteration variable", rangeOperand(o))
		}
	}
	info := &rangeFuncInfo{state: sc.add(valueTOf(rangeFuncStateType))}
	for i, c := range []*node{k, v} {
		if c == nil {
			break
		}
		var t *itype
		if i < len(args) {
			t = args[i]
		} else {
			t = sc.getType("int") // the inserted "_" of a range over func(yield func() bool)
		}
		index := sc.add(t)
		sc.sym[c.ident] = &symbol{index: index, kind: varSym, typ: t}
		c.typ = t
		c.findex = index
	}
	for i := range args {
		slot := -1
		switch {
		case i == 0 && k.ident != "_":
			slot = k.findex
		case i == 1 && v != nil && v.ident != "_":
			slot = v.findex
		}
		info.slots = append(info.slots, slot)
	}
	info.args = args
	r.rfunc = info
	r.gen = rangeFunc
	r.anc.gen = rangeFuncBreak // the forRangeStmt: where the body's break goes
	return nil
}

// rangeFuncStateOf returns the state of the range-over-func loop r
// running in f.
func rangeFuncStateOf(f *frame, r *node) *rangeFuncState {
	st, _ := f.data[r.rfunc.state].Interface().(*rangeFuncState)
	if st == nil {
		// Not running: a jump out of a loop whose state is gone cannot
		// happen, the body only runs inside its loop's call.
		panic(fmt.Sprintf("interp: range-over-func loop at %v has no state", r.interp.fset.Position(r.pos)))
	}
	return st
}

// rangeFunc generates the loop: the first child (the iteration variable)
// runs the whole loop; the range statement itself is where the body's end
// and continue go, and ends the run of the body.
func rangeFunc(n *node) {
	info := n.rfunc
	var o, body *node
	if len(n.child) == 4 {
		o, body = n.child[2], n.child[3]
	} else {
		o, body = n.child[1], n.child[2]
	}
	var seqValue func(*frame) reflect.Value
	if o.typ.cat == valueT {
		seqValue = genValue(o)
	} else {
		seqValue = genFunctionWrapper(o)
	}
	bodyExec := getExec(body.start)
	after := getExec(n.anc.tnext)
	in := n.interp
	stateIndex := info.state

	n.exec = func(f *frame) bltn { return nil } // the body's end, or its continue

	n.child[0].exec = func(f *frame) bltn {
		seq := seqValue(f)
		if !seq.IsValid() || seq.IsNil() {
			panic(nilDerefError())
		}
		yieldType := seq.Type().In(0)
		yes := reflect.ValueOf(true).Convert(yieldType.Out(0))
		no := reflect.ValueOf(false).Convert(yieldType.Out(0))
		st := &rangeFuncState{}
		f.data[stateIndex].Set(reflect.ValueOf(st))
		runid := f.runid()
		stopped := false
		yield := reflect.MakeFunc(yieldType, func(args []reflect.Value) []reflect.Value {
			switch {
			case st.exited:
				panic(runtimeError{"range function continued iteration after whole loop exit"})
			case st.panicked:
				panic(runtimeError{"range function continued iteration after loop body panic"})
			case st.done:
				panic(runtimeError{"range function continued iteration after function for loop body returned false"})
			}
			for i, a := range args {
				if i < len(info.slots) && info.slots[i] >= 0 {
					setArgValue(f.data[info.slots[i]], a, info.args[i])
				}
			}
			ended := false
			defer func() {
				if !ended {
					st.done, st.panicked = true, true
				}
			}()
			for exec := bodyExec; exec != nil; {
				if runid != in.runid() {
					stopped = true
					break
				}
				exec = exec(f)
			}
			ended = true
			if stopped || st.brk || st.pending != nil {
				st.done = true
				return []reflect.Value{no}
			}
			return []reflect.Value{yes}
		})
		seq.Call([]reflect.Value{yield})
		st.done, st.exited = true, true
		switch {
		case st.panicked:
			panic(runtimeError{"range function recovered a loop body panic and did not resume panicking"})
		case stopped:
			return nil
		case st.pending != nil:
			j := st.pending
			for i, l := range j.crossed {
				if l == n && i+1 < len(j.crossed) {
					rangeFuncStateOf(f, j.crossed[i+1]).pending = j
					return nil
				}
			}
			return j.next
		}
		return after
	}
}

// rangeFuncBreak generates the forRangeStmt of a range over a function:
// the body's break ends its run, and yield answers false.
func rangeFuncBreak(n *node) {
	r := n.child[0]
	n.exec = func(f *frame) bltn {
		rangeFuncStateOf(f, r).brk = true
		return nil
	}
}

// markRangeFuncJump makes the branch statement n (break, continue, goto,
// return) jump out of the range-over-func loop bodies it is in, when it
// leaves one: its generator is wrapped.
func markRangeFuncJump(n *node) {
	for c, a := n, n.anc; a != nil; c, a = a, a.anc {
		if a.kind == funcDecl || a.kind == funcLit {
			return
		}
		if a.kind == rangeStmt && a.rfunc != nil && c == a.lastChild() {
			orig := n.gen
			n.gen = func(n *node) { genRangeFuncJump(n, orig) }
			return
		}
	}
}

// genRangeFuncJump generates the branch statement n, found in the body of
// a range over a function, with orig its generator for other places.
func genRangeFuncJump(n *node, orig bltnGenerator) {
	orig(n)
	exec := n.exec
	isReturn := n.kind == returnStmt
	target := n.tnext
	var crossed []*node
	var next bltn
	if !isReturn {
		next = getExec(target)
	}
	for c, a := n, n.anc; a != nil; c, a = a, a.anc {
		if a.kind == funcDecl || a.kind == funcLit {
			break
		}
		if a.kind != rangeStmt || a.rfunc == nil || c != a.lastChild() {
			continue
		}
		if !isReturn {
			if target == a || target == a.anc {
				break // the loop's own continue or break
			}
			if target.kind == labeledStmt && len(target.child) > 1 && target.child[1] == a.anc {
				next = getExec(a.anc) // break L of this loop: its break
				break
			}
			body := a.lastChild()
			if target == body || target.hasAnc(body) {
				break // a goto inside the body
			}
		}
		crossed = append(crossed, a)
	}
	if len(crossed) == 0 {
		if next != nil && !isReturn {
			n.exec = func(*frame) bltn { return next }
		}
		return
	}
	j := &rangeJump{crossed: crossed, next: next}
	first := crossed[0]
	n.exec = func(f *frame) bltn {
		if isReturn && exec != nil {
			exec(f) // stores the results (a return without values has no exec)
		}
		rangeFuncStateOf(f, first).pending = j
		return nil
	}
}
