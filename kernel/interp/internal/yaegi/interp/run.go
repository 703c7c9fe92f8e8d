package interp

import (
	"encoding/json"
	"errors"
	"fmt"
	"go/constant"
	"math"
	"os"
	"reflect"
	"regexp"
	"runtime"
	"sort"
	"strconv"
	"strings"
	"sync"
	"sync/atomic"
	"unicode/utf8"
	"unsafe"
)

// bltn type defines functions which run at CFG execution.
type bltn func(f *frame) bltn

// bltnGenerator type defines a builtin generator function.
type bltnGenerator func(n *node)

var builtin = [...]bltnGenerator{
	aNop:          nop,
	aAddr:         addr,
	aAssign:       assign,
	aAdd:          add,
	aAddAssign:    addAssign,
	aAnd:          and,
	aAndAssign:    andAssign,
	aAndNot:       andNot,
	aAndNotAssign: andNotAssign,
	aBitNot:       bitNot,
	aCall:         call,
	aCallSlice:    call,
	aCase:         _case,
	aCompositeLit: arrayLit,
	aDec:          dec,
	aEqual:        equal,
	aGetFunc:      getFunc,
	aGreater:      greater,
	aGreaterEqual: greaterEqual,
	aInc:          inc,
	aLand:         land,
	aLor:          lor,
	aLower:        lower,
	aLowerEqual:   lowerEqual,
	aMul:          mul,
	aMulAssign:    mulAssign,
	aNeg:          neg,
	aNot:          not,
	aNotEqual:     notEqual,
	aOr:           or,
	aOrAssign:     orAssign,
	aPos:          pos,
	aQuo:          quo,
	aQuoAssign:    quoAssign,
	aRange:        _range,
	aRecv:         recv,
	aRem:          rem,
	aRemAssign:    remAssign,
	aReturn:       _return,
	aSend:         send,
	aShl:          shl,
	aShlAssign:    shlAssign,
	aShr:          shr,
	aShrAssign:    shrAssign,
	aSlice:        slice,
	aSlice0:       slice0,
	aStar:         deref,
	aSub:          sub,
	aSubAssign:    subAssign,
	aTypeAssert:   typeAssertShort,
	aXor:          xor,
	aXorAssign:    xorAssign,
}

var receiverStripperRxp *regexp.Regexp

func init() {
	re := `func\(((.*?(, |\)))(.*))`
	var err error
	receiverStripperRxp, err = regexp.Compile(re)
	if err != nil {
		panic(err)
	}
}

type valueInterface struct {
	node  *node
	value reflect.Value
}

// Format prints the boxed value as fmt prints it in Go, with its
// interpreted Error or String method if it has one (archlab patch): a
// box that reaches fmt inside another value ([]any{T{}, &p}, a map of
// any) printed its internal structure ({0xc000... {0xc000... 409}}).
//
// The value is printed by its interpreted type (fmtvalue.go), as a value
// inside another one: a pointer as its address.
func (v valueInterface) Format(s fmt.State, verb rune) {
	var in *Interpreter
	if v.node != nil {
		in = v.node.interp
	}
	newFmtPrinter(in, s, verb).printValue(nil, reflect.ValueOf(v), 1, false)
}

// MarshalJSON encodes the boxed value, with its interpreted MarshalJSON
// method if it has one (archlab patch: encoding/json wrote {} for a box in
// a []any or a map of any).
func (v valueInterface) MarshalJSON() ([]byte, error) {
	for v.value.IsValid() && v.value.CanInterface() {
		vi, ok := v.value.Interface().(valueInterface)
		if !ok {
			break
		}
		v = vi
	}
	if !v.value.IsValid() || !v.value.CanInterface() {
		return []byte("null"), nil
	}
	if n := v.node; n != nil && n.typ != nil && n.typ.cat != valueT && n.interp != nil {
		// The interpreted MarshalJSON, or MarshalText written as a JSON
		// string, called directly: a wrapper of the box for json.Marshaler
		// found the box's own MarshalJSON, this one, and recursed until
		// the stack overflowed (archlab patch).
		for _, name := range []string{"MarshalJSON", "MarshalText"} {
			m, index := n.typ.lookupMethod(name)
			if m == nil {
				continue
			}
			if n.typ.cat != ptrT && hasPtrReceiver(m) && !promotedThroughPtr(n.typ, index) {
				break // not in the value's method set, as for encoding/json
			}
			if n.typ.cat == ptrT && v.value.Kind() == reflect.Ptr && v.value.IsNil() {
				return []byte("null"), nil
			}
			nod := *m
			nod.recv = &receiver{val: v.value, index: index}
			out := genFunctionWrapper(&nod)(n.interp.frame).Call(nil)
			if err, _ := out[1].Interface().(error); err != nil {
				return nil, err
			}
			if name == "MarshalText" {
				return json.Marshal(string(out[0].Bytes()))
			}
			return out[0].Bytes(), nil
		}
	}
	return json.Marshal(v.value.Interface())
}

// printable returns the boxed value, as an error or a fmt.Stringer if its
// interpreted type has an Error or String method.
func (v valueInterface) printable() interface{} {
	for v.value.IsValid() && v.value.CanInterface() {
		vi, ok := v.value.Interface().(valueInterface)
		if !ok {
			break
		}
		v = vi
	}
	if !v.value.IsValid() || !v.value.CanInterface() {
		return nil
	}
	if n := v.node; n != nil && n.typ != nil && n.typ.cat != valueT && n.interp != nil {
		for _, m := range []struct {
			name string
			typ  reflect.Type
		}{{"Error", reflect.TypeOf((*error)(nil)).Elem()}, {"String", reflect.TypeOf((*fmt.Stringer)(nil)).Elem()}} {
			if mn, _ := n.typ.lookupMethod(m.name); mn == nil {
				continue
			}
			if wrap := genInterfaceWrap(n, m.typ); wrap != nil {
				if w := wrap(n.interp.frame, reflect.ValueOf(v)); w.IsValid() && w.CanInterface() {
					return w.Interface()
				}
			}
		}
	}
	return v.value.Interface()
}

var floatType, complexType reflect.Type

func init() {
	floatType = reflect.ValueOf(0.0).Type()
	complexType = reflect.ValueOf(complex(0, 0)).Type()
}

func (interp *Interpreter) run(n *node, cf *frame) {
	if n == nil {
		return
	}
	var f *frame
	if cf == nil {
		f = interp.frame
	} else {
		f = newFrame(cf, len(n.types), interp.runid())
	}
	interp.mutex.RLock()
	c := reflect.ValueOf(interp.done)
	interp.mutex.RUnlock()

	f.mutex.Lock()
	f.done = &reflect.SelectCase{Dir: reflect.SelectRecv, Chan: c}
	f.mutex.Unlock()

	for i, t := range n.types {
		f.data[i] = reflect.New(t).Elem()
	}
	runCfg(n.start, f, n, nil)
}

func isExecNode(n *node, exec bltn) bool {
	if n == nil || n.exec == nil || exec == nil {
		return false
	}

	a1 := reflect.ValueOf(n.exec).Pointer()
	a2 := reflect.ValueOf(exec).Pointer()
	return a1 == a2
}

// execID identifies one exec closure: the address of its funcval. Unlike
// reflect's Pointer, the code address that every closure made by the same
// function literal shares, it tells apart two nodes of the same kind.
func execID(e bltn) uintptr { return *(*uintptr)(unsafe.Pointer(&e)) }

// originalExecNode looks in the tree of nodes for the node which has exec,
// aside from n, in order to know where n "inherited" that exec from.
func originalExecNode(n *node, exec bltn) *node {
	execAddr := execID(exec)
	var originalNode *node
	seen := make(map[int64]struct{})
	root := n
	for {
		root = root.anc
		if root == nil {
			break
		}
		if _, ok := seen[root.index]; ok {
			continue
		}

		root.Walk(func(wn *node) bool {
			if _, ok := seen[wn.index]; ok {
				// archlab patch: walked already (and the tree of a
				// generic instance may lead back to it): walking it
				// again recursed without end.
				return false
			}
			seen[wn.index] = struct{}{}
			if wn.index == n.index {
				return true
			}
			if wn.exec == nil {
				return true
			}
			if execID(wn.exec) == execAddr {
				originalNode = wn
				return false
			}
			return true
		}, nil)

		if originalNode != nil {
			break
		}
	}

	return originalNode
}

// cloned from net/http/server.go , so we can enforce a similar behavior:
// in the stdlib, this error is used as sentinel in panic triggered e.g. on
// request cancellation, in order to catch it and suppress it in a following defer.
// in yaegi, we use it to suppress a "panic" log message that happens in the
// same circumstances.
var errAbortHandler = errors.New("net/http: abort Handler")

// Functions set to run during execution of CFG.

func panicFunc(s *scope) string {
	if s == nil {
		return ""
	}
	def := s.def
	if def == nil {
		return s.pkgID
	}
	switch def.kind {
	case funcDecl:
		if c := def.child[1]; c.kind == identExpr {
			return s.pkgID + "." + c.ident
		}
	case funcLit:
		if def.anc != nil {
			return panicFunc(def.anc.scope) + ".func"
		}
	}
	return s.pkgID
}

// callDeferred runs one deferred call and reports the value it panicked
// with, if it did.
func callDeferred(val []reflect.Value) (p interface{}, panicked bool) {
	defer func() {
		if r := recover(); r != nil {
			p, panicked = r, true
		}
	}()
	args := val[1:]
	if n := len(args); n > 0 && !args[n-1].IsValid() {
		args = args[:n-1] // the mark of an embedder's deferred call
	}
	val[0].Call(args)
	return nil, false
}

// keptDeferred reports whether the deferred call val is the embedder's,
// which runs even on os.Exit.
func keptDeferred(val []reflect.Value) bool {
	return len(val) > 1 && !val[len(val)-1].IsValid()
}

// runCfg executes a node AST by walking its CFG and running node builtin at each step.
func runCfg(n *node, f *frame, funcNode, callNode *node) {
	var exec bltn
	defer func() {
		r := recover()
		if r != nil {
			// A goroutine is unwinding a panic through this function's
			// deferred calls (archlab patch, see Unwinding).
			n.interp.unwinding.begin()
		}
		f.mutex.Lock()
		f.recovered = n.interp.namedTypeError(goPanicValue(r))
		deferred := f.deferred
		_, exiting := r.(interface{ ExitCode() int })
		if r == nil && f.runid() != n.interp.runid() && (n.interp.unwinding.ending() || n.interp.fatalErr.msg.Load() != nil) {
			// The run was stopped because another goroutine's panic (or
			// os.Exit) ends the program (PanicEndsRun): Go runs no more
			// deferred calls of the other goroutines (archlab patch:
			// main, woken from <-done, printed its deferred lines). Nor
			// after a fatal error (fatal.go).
			exiting = true
		}
		if exiting {
			// os.Exit (an embedder's panic with an ExitCode method):
			// deferred calls do not run, as in Go, but the embedder's own
			// (archlab patch).
			var kept [][]reflect.Value
			for _, val := range deferred {
				if keptDeferred(val) {
					kept = append(kept, val)
				}
			}
			deferred = kept
		}
		f.mutex.Unlock()
		// archlab patch: the deferred calls run without the frame's lock
		// held: a func literal made in this frame locks it when it
		// returns (getFunc), so cleanup := func() {...}; defer cleanup()
		// deadlocked.
		//
		// A deferred call that panics replaces the panic in flight and
		// the remaining deferred calls still run, as in Go (a recover in
		// a later one sees the new panic); upstream stopped at the first
		// one that panicked (archlab patch).
		exiting = false
		for _, val := range deferred {
			if exiting && !keptDeferred(val) {
				continue
			}
			f.mutex.Lock()
			inFlight := f.recovered
			f.mutex.Unlock()
			if p, panicked := callDeferred(val); panicked {
				f.mutex.Lock()
				stopped := f.recovered == nil
				f.recovered = goPanicValue(p)
				f.mutex.Unlock()
				if inFlight != nil {
					// The panic in flight goes on the chain Go prints
					// before the new one (archlab patch).
					n.interp.linkPanic(inFlight, stopped)
				}
				// os.Exit in a deferred call: the rest do not run either.
				_, exiting = p.(interface{ ExitCode() int })
			}
		}
		f.mutex.Lock()
		if f.recovered != nil {
			oNode := originalExecNode(n, exec)
			if oNode == nil {
				oNode = n
			}
			errorer, ok := f.recovered.(error)
			// in this specific case, the stdlib would/will suppress the panic, so we
			// suppress the logging here accordingly, to get a similar and consistent
			// behavior.
			if !ok || errorer.Error() != errAbortHandler.Error() {
				fmt.Fprintln(n.interp.stderr, oNode.cfgErrorf("panic: %s(...)", panicFunc(oNode.scope)))
			}
			f.mutex.Unlock()
			panic(f.recovered)
		}
		f.mutex.Unlock()
		if r != nil {
			// A panic ended here (recovered): so did its chain, and
			// the goroutine's mark (see awaitUnwinding).
			id := goid()
			n.interp.resetChainOf(id)
			n.interp.unwinding.end(id)
		}
	}()

	dbg := n.interp.debugger
	if dbg == nil {
		for exec = n.exec; exec != nil && f.runid() == n.interp.runid(); {
			exec = exec(f)
		}
		return
	}

	if n.exec == nil {
		return
	}

	dbg.enterCall(funcNode, callNode, f)
	defer dbg.exitCall(funcNode, callNode, f)

	for m, exec := n, n.exec; f.runid() == n.interp.runid(); {
		if dbg.exec(m, f) {
			break
		}

		exec = exec(f)
		if exec == nil {
			break
		}

		if m == nil {
			m = originalExecNode(n, exec)
			continue
		}

		switch {
		case isExecNode(m.tnext, exec):
			m = m.tnext
		case isExecNode(m.fnext, exec):
			m = m.fnext
		default:
			m = originalExecNode(m, exec)
		}
	}
}

func stripReceiverFromArgs(signature string) (string, error) {
	fields := receiverStripperRxp.FindStringSubmatch(signature)
	if len(fields) < 5 {
		return "", errors.New("error while matching method signature")
	}
	if fields[3] == ")" {
		return fmt.Sprintf("func()%s", fields[4]), nil
	}
	return fmt.Sprintf("func(%s", fields[4]), nil
}

func typeAssertShort(n *node) {
	typeAssert(n, true, false)
}

func typeAssertLong(n *node) {
	typeAssert(n, true, true)
}

func typeAssertStatus(n *node) {
	typeAssert(n, false, true)
}

func typeAssert(n *node, withResult, withOk bool) {
	c0, c1 := n.child[0], n.child[1]
	value := genValue(c0) // input value
	var value0, value1 func(*frame) reflect.Value
	setStatus := false
	switch {
	case withResult && withOk:
		value0 = genValue(n.anc.child[0])       // returned result
		value1 = genValue(n.anc.child[1])       // returned status
		setStatus = n.anc.child[1].ident != "_" // do not assign status to "_"
	case withResult && !withOk:
		value0 = genValue(n) // returned result
	case !withResult && withOk:
		value1 = genValue(n.anc.child[1])       // returned status
		setStatus = n.anc.child[1].ident != "_" // do not assign status to "_"
	}

	typ := c1.typ // type to assert or convert to
	typID := typ.id()
	rtype := typ.refType(nil) // type to assert
	next := getExec(n.tnext)

	switch {
	case isInterfaceSrc(typ):
		n.exec = func(f *frame) bltn {
			valf := value(f)
			v, ok := valf.Interface().(valueInterface)
			if !ok {
				// archlab patch: an interpreted value in a compiled
				// interface's wrapper that keeps its type (an error)
				// is asserted by that type: err.(temporary) for an error
				// of an interpreted type with a Temporary method.
				if vi, typed := wrappedValueInterface(valf); typed {
					v, ok, valf = vi, true, reflect.ValueOf(vi)
				}
			}
			if !ok {
				// archlab patch: a program struct value without its box
				// (it went through compiled code as an any).
				c := valf
				for c.IsValid() && c.Kind() == reflect.Interface && !c.IsNil() {
					c = c.Elem()
				}
				if t := n.interp.bareType(c); t != nil {
					v = valueInterface{&node{typ: t, interp: n.interp}, c}
					ok, valf = true, reflect.ValueOf(v)
				}
			}
			if ok && (v.node == nil || v.node.typ == nil || v.node.typ.cat == nilT || !v.value.IsValid()) {
				// A nil interface of the program (var r Namer; r.(Closer)):
				// not ok, as in Go (archlab patch: upstream dereferenced
				// the box's nil node).
				ok = false
				if setStatus {
					setBool(value1(f), false)
				}
				if !withOk {
					panic(n.cfgErrorf("interface conversion: interface is nil, not %v", assertIfaceName(typ, typID)))
				}
				return next
			}
			if setStatus {
				defer func() {
					setBool(value1(f), ok)
				}()
			}
			if !ok {
				// A compiled value (an error that fmt.Errorf made, say)
				// satisfies an interface declared in the interpreter when
				// its method set has the interface's methods.
				if cv, isBin := compiledConcrete(valf); isBin && compiledImplements(cv.Type(), typ) {
					ok = true
					if withResult {
						value0(f).Set(reflect.ValueOf(valueInterface{&node{typ: valueTOf(cv.Type())}, cv}))
					}
					return next
				}
				if !withOk {
					if cv, isBin := compiledConcrete(valf); isBin && cv.IsValid() {
						// A compiled value without the methods: Go names
						// the first one missing (archlab patch: "nil is not").
						panic(n.cfgErrorf("interface conversion: %s is not %s: missing method %s", cv.Type().String(), assertIfaceName(typ, typID), missingMethod(cv.Type(), typ)))
					}
					panic(n.cfgErrorf("interface conversion: interface is nil, not %v", assertIfaceName(typ, typID)))
				}
				return next
			}
			if c0.typ.cat == valueT || valf.Type() != valueInterfaceType {
				// archlab patch: also from an interface{} (v.(Shape) with
				// v an any), whose location holds the box in an
				// interface: the result is the box (upstream panicked in
				// reflect.Set).
				valf = reflect.ValueOf(v)
			}
			if v.node.typ.id() == typID {
				if withResult {
					value0(f).Set(valf)
				}
				return next
			}
			m0 := v.node.typ.methods()
			m1 := typ.methods()
			if len(m0) < len(m1) {
				ok = false
				if !withOk {
					// archlab patch: Go's words, the first missing method
					// named (upstream: "main.T is not main.B").
					missing := ""
					for _, k := range sortedKeys(m1) {
						if _, has := m0[k]; !has {
							missing = k
							break
						}
					}
					panic(n.cfgErrorf("interface conversion: %s is not %s: missing method %s", fmtTypeString(v.node.typ), assertIfaceName(typ, typID), missing))
				}
				return next
			}

			for _, k := range sortedKeys(m1) { // in name order, as Go reports the first missing
				meth1 := m1[k]
				var meth0 string
				meth0, ok = m0[k]
				if ok && ptrMethodOnValue(v.node.typ, k) {
					ok = false
				}
				if !ok {
					if !withOk {
						panic(n.cfgErrorf("interface conversion: %s is not %s: missing method %s", fmtTypeString(v.node.typ), assertIfaceName(typ, typID), k))
					}
					return next
				}
				// As far as we know this equality check can fail because they are two ways to
				// represent the signature of a method: one where the receiver appears before the
				// func keyword, and one where it is just a func signature, and the receiver is
				// seen as the first argument. That's why if that equality fails, we try harder to
				// compare them afterwards. Hopefully that is the only reason this equality can fail.
				if meth0 == meth1 {
					continue
				}
				// archlab patch: a method promoted from an embedded
				// compiled type (Stamp{time.Time}'s String) is not a field
				// or method of the interpreter's; its reflect signature
				// has the receiver too, stripped below (upstream: false).

				var err error
				meth0, err = stripReceiverFromArgs(meth0)
				if err != nil {
					ok = false
					return next
				}

				if meth0 != meth1 {
					ok = false
					return next
				}
			}

			if withResult {
				value0(f).Set(valf)
			}
			return next
		}
	case isInterface(typ):
		n.exec = func(f *frame) bltn {
			var leftType reflect.Type
			v := value(f)
			val, ok := v.Interface().(valueInterface)
			if !ok {
				// archlab patch: a program struct value without its box
				// (var a any = Circle{2}) is asserted with its methods.
				c := v
				for c.IsValid() && c.Kind() == reflect.Interface && !c.IsNil() {
					c = c.Elem()
				}
				if t := n.interp.bareType(c); t != nil {
					val, ok = valueInterface{&node{typ: t, interp: n.interp}, c}, true
				} else if vi, typed := wrappedValueInterface(v); typed {
					// archlab patch: a program value in another compiled
					// interface's wrapper (r.(io.Closer) with r an
					// io.Reader) is asserted by its own methods.
					val, ok = vi, true
				}
			}
			if ok && (val.node == nil || val.node.typ == nil || val.node.typ.cat == nilT || !val.value.IsValid()) {
				// A nil interface of the program (archlab patch).
				if setStatus {
					setBool(value1(f), false)
				}
				if !withOk {
					panic(n.cfgErrorf("interface conversion: interface is nil, not %s", rtype.String()))
				}
				return next
			}
			if setStatus {
				defer func() {
					setBool(value1(f), ok)
				}()
			}
			if ok && val.node.typ.cat != valueT {
				m0 := val.node.typ.methods()
				m1 := typ.methods()
				// archlab patch: the methods in name order, the first missing
				// one named in the panic without ok (upstream returned
				// silently with ok false when fewer methods were found).
				for _, k := range sortedKeys(m1) {
					meth1 := m1[k]
					var meth0 string
					meth0, ok = m0[k]
					if ok && ptrMethodOnValue(val.node.typ, k) {
						ok = false
					}
					if !ok {
						if !withOk {
							panic(n.cfgErrorf("interface conversion: %s is not %s: missing method %s", fmtTypeString(val.node.typ), rtype.String(), k))
						}
						return next
					}
					if meth0 != meth1 {
						// A method promoted from an embedded compiled type
						// has the receiver in its reflect signature
						// (archlab patch).
						if m, err := stripReceiverFromArgs(meth0); err != nil || m != meth1 {
							ok = false
							return next
						}
					}
				}

				if withResult {
					// archlab patch: the wrapper wraps the boxed value; upstream
					// read val.node's location in this frame, another value
					// ("reflect: Method on nil interface value").
					if wrap := genInterfaceWrap(val.node, rtype); wrap != nil {
						value0(f).Set(wrap(f, val.value))
					} else {
						value0(f).Set(val.value)
					}
				}
				ok = true
				return next
			}

			var leftName func() string // the value's type as Go names it (archlab patch)
			if ok {
				v = val.value
				leftType = val.node.typ.rtype
				t := val.node.typ
				leftName = func() string { return fmtTypeString(t) }
			} else {
				v = v.Elem()
				if v.IsValid() { // a nil interface has no type (archlab patch: upstream panicked)
					leftType = v.Type()
				}
				ok = true
				leftName = func() string {
					if t := n.interp.structType(leftType); t != nil {
						return fmtTypeString(t)
					}
					return leftType.String()
				}
			}
			ok = v.IsValid()
			if !ok {
				if !withOk {
					panic(n.cfgErrorf("interface conversion: interface is nil, not %s", rtype.String()))
				}
				return next
			}
			ok = canAssertTypes(leftType, rtype)
			if !ok {
				if !withOk {
					method := firstMissingMethod(leftType, rtype)
					panic(n.cfgErrorf("interface conversion: %s is not %s: missing method %s", leftName(), rtype.String(), method))
				}
				return next
			}
			if withResult {
				value0(f).Set(v)
			}
			return next
		}
	case isEmptyInterface(n.child[0].typ):
		n.exec = func(f *frame) bltn {
			var ok bool
			if setStatus {
				defer func() {
					setBool(value1(f), ok)
				}()
			}
			val := value(f)
			if isNamedBox(val) {
				val = unboxNamed(val) // namedbox.go
			}
			concrete := val.Interface()
			ctyp := reflect.TypeOf(concrete)

			var dyn *itype
			if w := reflect.ValueOf(concrete); w.IsValid() && isMethodWrapper(w.Type()) {
				// archlab patch: a program value in a compiled interface's
				// wrapper (an error given to panic, then recovered) is
				// asserted by what the wrapper holds.
				if f0 := w.Field(0); f0.Kind() != reflect.Interface || !f0.IsNil() {
					if f0.Kind() == reflect.Interface {
						f0 = f0.Elem()
					}
					concrete = f0.Interface()
					ctyp = f0.Type()
				}
			}
			if vv, ok := concrete.(valueInterface); ok {
				ctyp = vv.value.Type()
				concrete = vv.value.Interface()
				if vv.node != nil {
					dyn = vv.node.typ
				}
			}
			ok = canAssertTypes(ctyp, rtype) && !namedMismatch(dyn, typ)
			if !ok {
				if !withOk {
					// TODO(mpl): think about whether this should ever happen.
					if ctyp == nil {
						panic(n.cfgErrorf("interface conversion: %s is nil, not %s", fmtTypeString(n.child[0].typ), assertName(typ, rtype)))
					}
					if dyn == nil && ctyp != nil && ctyp.Kind() == reflect.Struct {
						dyn = n.interp.structType(ctyp) // a struct of the program, by its reflect type
					}
					panic(n.cfgErrorf("interface conversion: interface {} is %s, not %s", assertName(dyn, ctyp), assertName(typ, rtype)))
				}
				return next
			}
			if withResult {
				if isInterfaceSrc(typ) {
					// TODO(mpl): this requires more work. the wrapped node is not complete enough.
					value0(f).Set(reflect.ValueOf(valueInterface{n.child[0], reflect.ValueOf(concrete)}))
				} else {
					value0(f).Set(reflect.ValueOf(concrete))
				}
			}
			return next
		}
	case n.child[0].typ.cat == valueT || n.child[0].typ.cat == errorT:
		// An any from compiled code (a list element's Value, a heap.Pop
		// result): a bare value there is not of a named non-struct type
		// of the program, whose values compiled code gets boxed
		// (namedbox.go, namedMismatch) (archlab patch).
		bareAny := n.child[0].typ.cat == valueT && n.child[0].typ.rtype == emptyInterfaceType && isNamedNonStruct(typ)
		n.exec = func(f *frame) bltn {
			v := value(f).Elem()
			ok := v.IsValid()
			if setStatus {
				defer func() {
					setBool(value1(f), ok)
				}()
			}
			if !ok {
				if !withOk {
					panic(n.cfgErrorf("interface conversion: %s is nil, not %s", fmtTypeString(n.child[0].typ), assertName(typ, rtype)))
				}
				return next
			}
			if isNamedBox(v) {
				v = unboxNamed(v) // namedbox.go
			}
			if vi, isVI := v.Interface().(valueInterface); !isVI && bareAny && !isMethodWrapper(v.Type()) {
				ok = false
				if !withOk {
					panic(n.cfgErrorf("interface conversion: %s is %s, not %s", fmtTypeString(n.child[0].typ), v.Type(), assertName(typ, rtype)))
				}
				return next
			} else if isVI && vi.node != nil && isNamedNonStruct(vi.node.typ) && !isInterface(typ) && vi.node.typ.id() != typID {
				// A value of another named type of the program that
				// compiled code gave back (archlab patch).
				ok = false
				if !withOk {
					panic(n.cfgErrorf("interface conversion: %s is %s, not %s", fmtTypeString(n.child[0].typ), fmtTypeString(vi.node.typ), assertName(typ, rtype)))
				}
				return next
			}
			v = valueInterfaceValue(v)
			if vt := v.Type(); vt.Kind() == reflect.Struct && vt.Field(0).Name == "IValue" {
				// Value is retrieved from an interface wrapper.
				v = v.Field(0).Elem()
				if vi, isVI := v.Interface().(valueInterface); isVI {
					// An error's wrapper says the interpreter type it holds.
					if vi.node != nil && !isInterface(typ) && vi.node.typ.id() != typID {
						ok = false
						if !withOk {
							panic(n.cfgErrorf("interface conversion: error is %s, not %s", vi.node.typ.id(), typID))
						}
						return next
					}
					v = vi.value
				}
			}
			ok = canAssertTypes(v.Type(), rtype)
			if !ok {
				if !withOk {
					if rtype.Kind() != reflect.Interface {
						// To a concrete type: Go names the operand's
						// type and the value's (archlab patch).
						dyn := v.Type().String()
						if t := n.interp.bareType(v); t != nil {
							dyn = fmtTypeString(t)
						}
						panic(n.cfgErrorf("interface conversion: %s is %s, not %s", fmtTypeString(n.child[0].typ), dyn, assertName(typ, rtype)))
					}
					method := firstMissingMethod(v.Type(), rtype)
					panic(n.cfgErrorf("interface conversion: %s is not %s: missing method %s", v.Type().String(), rtype.String(), method))
				}
				return next
			}
			if withResult {
				value0(f).Set(v)
			}
			return next
		}
	default:
		n.exec = func(f *frame) bltn {
			v, ok := value(f).Interface().(valueInterface)
			if setStatus {
				defer func() {
					setBool(value1(f), ok)
				}()
			}
			if !ok || !v.value.IsValid() {
				ok = false
				if !withOk {
					panic(n.cfgErrorf("interface conversion: %s is nil, not %s", fmtTypeString(n.child[0].typ), assertName(typ, rtype)))
				}
				return next
			}

			ok = canAssertTypes(v.value.Type(), rtype) && (v.node == nil || !namedMismatch(v.node.typ, typ))
			if !ok {
				if !withOk {
					var dyn *itype
					if v.node != nil {
						dyn = v.node.typ
					}
					panic(n.cfgErrorf("interface conversion: %s is %s, not %s", staticIfaceName(n.child[0].typ), assertName(dyn, v.value.Type()), assertName(typ, rtype)))
				}
				return next
			}
			if withResult {
				value0(f).Set(v.value)
			}
			return next
		}
	}
}

// compiledConcrete returns the compiled concrete value that v holds (v
// itself, or the value in the interface v is): not an interpreter value,
// nor an interface wrapper of one.
func compiledConcrete(v reflect.Value) (reflect.Value, bool) {
	for v.IsValid() && v.Kind() == reflect.Interface {
		if v.IsNil() {
			return v, false
		}
		v = v.Elem()
	}
	if !v.IsValid() {
		return v, false
	}
	if _, ok := v.Interface().(valueInterface); ok {
		return v, false
	}
	if t := v.Type(); t.Kind() == reflect.Struct && t.NumField() > 0 && t.Field(0).Name == "IValue" {
		return v, false
	}
	return v, true
}

// compiledImplements reports whether the compiled type t has every method
// of the interpreter's interface type typ, with the same signature.
func compiledImplements(t reflect.Type, typ *itype) bool {
	want := typ.methods()
	if len(want) == 0 {
		return true
	}
	for name, sig := range want {
		m, ok := t.MethodByName(name)
		if !ok {
			return false
		}
		ft := m.Type
		if t.Kind() != reflect.Interface {
			// Drop the receiver, the method's first argument.
			in := make([]reflect.Type, 0, ft.NumIn()-1)
			for i := 1; i < ft.NumIn(); i++ {
				in = append(in, ft.In(i))
			}
			out := make([]reflect.Type, ft.NumOut())
			for i := range out {
				out[i] = ft.Out(i)
			}
			ft = reflect.FuncOf(in, out, ft.IsVariadic())
		}
		if ft.String() != sig {
			return false
		}
	}
	return true
}

func canAssertTypes(src, dest reflect.Type) bool {
	if dest == nil {
		return false
	}
	if src == dest {
		return true
	}
	if dest.Kind() == reflect.Interface && src.Implements(dest) {
		return true
	}
	if src == nil {
		return false
	}
	if src.AssignableTo(dest) {
		return true
	}
	return false
}

func firstMissingMethod(src, dest reflect.Type) string {
	for i := 0; i < dest.NumMethod(); i++ {
		m := dest.Method(i).Name
		if _, ok := src.MethodByName(m); !ok {
			return m
		}
	}
	return ""
}

func convert(n *node) {
	dest := genValue(n)
	c := n.child[1]
	typ := n.child[0].typ.frameType()
	next := getExec(n.tnext)

	if c.isNil() { // convert nil to type
		// TODO(mpl): Try to completely remove, as maybe frameType already does the job for interfaces.
		if isInterfaceSrc(n.child[0].typ) && !isEmptyInterface(n.child[0].typ) {
			typ = valueInterfaceType
		}
		n.exec = func(f *frame) bltn {
			dest(f).Set(reflect.New(typ).Elem())
			return next
		}
		return
	}

	doConvert := true
	var value func(*frame) reflect.Value
	switch {
	case isFuncSrc(c.typ):
		value = genFunctionWrapper(c)
	default:
		value = genValue(c)
	}

	for _, con := range n.interp.hooks.convert {
		if c.typ.rtype == nil {
			continue
		}

		fn := con(c.typ.rtype, typ)
		if fn == nil {
			continue
		}
		n.exec = func(f *frame) bltn {
			fn(value(f), dest(f))
			return next
		}
		return
	}

	// archlab patch: a string made into bytes or runes has the capacity
	// of its length, as in Go ([]byte("abc") has cap 3; reflect's Convert
	// rounded it up to the allocation's size, so b[:5] did not panic).
	if typ.Kind() == reflect.Slice && c.typ.TypeOf().Kind() == reflect.String {
		switch typ.Elem().Kind() {
		case reflect.Uint8, reflect.Int32:
			n.exec = func(f *frame) bltn {
				v := value(f).Convert(typ)
				if v.Cap() != v.Len() {
					v = v.Slice3(0, v.Len(), v.Len())
				}
				dest(f).Set(v)
				return next
			}
			return
		}
	}

	if from := c.typ.TypeOf(); from != nil && isFloat(from) && narrowInt(typ.Kind()) {
		// archlab patch: an out-of-range float converted to a small
		// integer type gives what compiled code gives on this machine
		// (int32(1e10) is -2147483648 on amd64): the conversion goes
		// through int32 as the compiler's does, where reflect's goes
		// through int64 (1410065408).
		n.exec = func(f *frame) bltn {
			dest(f).Set(reflect.ValueOf(int64(int32(value(f).Float()))).Convert(typ))
			return next
		}
		return
	}

	n.exec = func(f *frame) bltn {
		if doConvert {
			dest(f).Set(value(f).Convert(typ))
		} else {
			dest(f).Set(value(f))
		}
		return next
	}
}

// narrowInt reports whether the compiler converts a float to the integer
// kind k through an int32.
func narrowInt(k reflect.Kind) bool {
	switch k {
	case reflect.Int8, reflect.Int16, reflect.Int32, reflect.Uint8, reflect.Uint16:
		return true
	}
	return false
}

// convertFuncToAny converts a function, or a value of a func type, to an
// empty interface (archlab patch).
func convertFuncToAny(n *node) { convertWith(n, genFuncValue(n.child[1])) }

// convertWith makes n's exec store value, its operand converted.
func convertWith(n *node, value func(*frame) reflect.Value) {
	dest := genValue(n)
	next := getExec(n.tnext)
	n.exec = func(f *frame) bltn {
		dest(f).Set(value(f))
		return next
	}
}

// convertInterfaceBin converts a value to a compiled interface type with
// methods, wrapping an interpreted value as an assignment to a variable of
// that type does (archlab patch).
func convertInterfaceBin(n *node) {
	convertWith(n, genInterfaceWrapper(n.child[1], n.typ.TypeOf()))
}

// convertBoxed converts a value of an interpreted type with methods to
// interface{} (any(t)): the result holds it boxed with its type, as an
// assignment to an interface{} variable does, so that a type assertion
// finds its methods (archlab patch; upstream kept the bare value, and
// any(t).(error) panicked "call of reflect.Value.Elem on struct Value").
func convertBoxed(n *node) { convertWith(n, genValueInterface(n.child[1])) }

// hasPtrReceiver reports whether the method declared by m has a pointer
// receiver (an archlab addition).
func hasPtrReceiver(m *node) bool {
	if m.kind != funcDecl || len(m.child) == 0 || len(m.child[0].child) == 0 {
		return false
	}
	r := m.child[0].child[0].lastChild()
	return r != nil && r.kind == starExpr
}

// callResult returns a node for the i-th result of the call n, in the
// call's frame location (archlab patch).
func callResult(n *node, i int) *node {
	r := *n
	r.typ = n.child[0].typ.ret[i]
	r.findex = n.findex + i
	r.level = 0
	r.sym = nil
	r.rval = reflect.Value{}
	return &r
}

// genCallResult returns the i-th result of the call n, made a value of
// typ when typ is an interface, as an assignment of a single value does
// (an interpreted interface's valueInterface, a compiled interface's
// wrapper). Upstream set the result as it was, so n, err = g() with g
// returning (int, *E) panicked "reflect.Set: value of type *E is not
// assignable to type error" (archlab patch).
func genCallResult(typ *itype, n *node, i int) func(*frame) reflect.Value {
	if typ == nil || !isInterface(typ) {
		j := n.findex + i
		return func(f *frame) reflect.Value { return f.data[j] }
	}
	return genDestValue(typ, callResult(n, i))
}

// assignFromCall assigns values from a function call.
func assignFromCall(n *node) {
	ncall := n.lastChild()
	l := len(n.child) - 1
	if n.anc.kind == varDecl && n.child[l-1].isType(n.scope) {
		// Ignore the type in the assignment if it is part of a variable declaration.
		l--
	}
	dvalue := make([]func(*frame) reflect.Value, l)
	svalue := make([]func(*frame) reflect.Value, l)
	setEntry := make([]func(*frame, reflect.Value), l)
	for i := range dvalue {
		if n.child[i].ident == "_" {
			continue
		}
		dvalue[i] = genValue(n.child[i])
		svalue[i] = genCallResult(n.child[i].typ, ncall, i)
		if dest := n.child[i]; isMapEntry(dest) {
			// m[k], err = g() sets the map entry; upstream set the
			// location that the index expression reads it into
			// (archlab patch).
			mvalue, kvalue := genValue(dest.child[0]), genMapKey(dest.child[0], dest.child[1], true)
			setEntry[i] = func(f *frame, v reflect.Value) { mvalue(f).SetMapIndex(kvalue(f), v) }
		}
	}
	next := getExec(n.tnext)
	n.exec = func(f *frame) bltn {
		for i, v := range dvalue {
			if v == nil {
				continue
			}
			if set := setEntry[i]; set != nil {
				set(f, svalue[i](f))
				continue
			}
			s := svalue[i](f)
			c := n.child[i]
			if n.kind == defineXStmt && !c.redeclared {
				// Recreate destination value in case of define statement,
				// to preserve previous value possibly in use by a closure.
				data := getFrame(f, c.level).data
				data[c.findex] = reflect.New(data[c.findex].Type()).Elem()
				data[c.findex].Set(s)
				continue
			}
			v(f).Set(s)
		}
		return next
	}
}

func assign(n *node) {
	next := getExec(n.tnext)
	dvalue := make([]func(*frame) reflect.Value, n.nleft)
	ivalue := make([]func(*frame) reflect.Value, n.nleft)
	svalue := make([]func(*frame) reflect.Value, n.nleft)
	var sbase int
	if n.nright > 0 {
		sbase = len(n.child) - n.nright
	}

	for i := 0; i < n.nleft; i++ {
		dest, src := n.child[i], n.child[sbase+i]
		if isNamedFuncSrc(src.typ) || dest.typ != nil && isFuncSrc(dest.typ) && isFuncSrc(src.typ) && !isMapEntry(dest) {
			// archlab patch: a function's node given to a location of
			// func type (f = add with f a named result, f :=
			// Format[int]) is made a func value there.
			svalue[i] = genFuncValue(src)
		} else {
			svalue[i] = genDestValue(dest.typ, src)
		}
		if keptAnyField(dest) {
			svalue[i] = genNamedBox(n.interp, src.typ, svalue[i]) // namedbox.go
		}
		if isMapEntry(dest) {
			ivalue[i] = genMapKey(dest.child[0], dest.child[1], true) // key (archlab patch)
			dvalue[i] = genValue(dest.child[0])
		} else {
			dvalue[i] = genValue(dest)
		}
	}

	if n.nleft == 1 {
		// Single assign operation.
		switch s, d, i := svalue[0], dvalue[0], ivalue[0]; {
		case n.child[0].ident == "_":
			n.exec = func(f *frame) bltn {
				return next
			}
		case i != nil:
			n.exec = func(f *frame) bltn {
				d(f).SetMapIndex(i(f), s(f))
				return next
			}
		case n.kind == defineStmt:
			l := n.level
			ind := n.findex
			n.exec = func(f *frame) bltn {
				data := getFrame(f, l).data
				data[ind] = reflect.New(data[ind].Type()).Elem()
				data[ind].Set(s(f))
				return next
			}
		default:
			n.exec = func(f *frame) bltn {
				d(f).Set(s(f))
				return next
			}
		}
		return
	}

	// Multi assign operation.
	types := make([]reflect.Type, n.nright)
	index := make([]int, n.nright)
	level := make([]int, n.nright)

	for i := range types {
		var t reflect.Type
		switch typ := n.child[sbase+i].typ; {
		case n.child[i].ident != "_" && n.child[i].typ != nil && isInterface(n.child[i].typ):
			// A temporary for an interface holds a value of the
			// destination's type, which svalue gives (genDestValue);
			// upstream took the source's type, so a, err = m, p with
			// err an error and p a *E panicked "reflect.Set: ... not
			// assignable" (archlab patch).
			t = n.child[i].typ.frameType()
		case isInterfaceSrc(typ):
			t = valueInterfaceType
		case typ.cat == nilT && n.child[i].typ != nil:
			// prev, cur = nil, head: the temporary has the
			// destination's type (archlab patch: reflect.New(nil)).
			t = n.child[i].typ.frameType()
		default:
			t = typ.TypeOf()
		}
		types[i] = t
		index[i] = n.child[i].findex
		level[i] = n.child[i].level
	}

	if n.kind == defineStmt {
		// Handle a multiple var declararation / assign. It cannot be a swap.
		n.exec = func(f *frame) bltn {
			for i, s := range svalue {
				if n.child[i].ident == "_" {
					continue
				}
				data := getFrame(f, level[i]).data
				j := index[i]
				data[j] = reflect.New(data[j].Type()).Elem()
				data[j].Set(s(f))
			}
			return next
		}
		return
	}

	// To handle possible swap in multi-assign:
	// evaluate and copy all values in assign right hand side into temporary
	// then evaluate assign left hand side and copy temporary into it.
	// The locations are all found before any is assigned, as Go's first
	// phase evaluates index operands (archlab patch: in i, m[i] = 1, 2
	// upstream set m[1]); only needed where a location is not a variable.
	twoPhase := false
	for i := range dvalue {
		if c := n.child[i]; c.ident != "_" && c.kind != identExpr {
			twoPhase = true
		}
	}
	n.exec = func(f *frame) bltn {
		var tbuf, dbuf, kbuf [4]reflect.Value
		t := tbuf[:0]
		if len(svalue) > len(tbuf) {
			t = make([]reflect.Value, 0, len(svalue))
		}
		for i, s := range svalue {
			if n.child[i].ident == "_" {
				t = append(t, reflect.Value{})
				continue
			}
			v := reflect.New(types[i]).Elem()
			v.Set(s(f))
			t = append(t, v)
		}
		if !twoPhase {
			for i, d := range dvalue {
				if n.child[i].ident == "_" {
					continue
				}
				d(f).Set(t[i]) // Assign a var
			}
			return next
		}
		dests, keys := dbuf[:0], kbuf[:0]
		if len(dvalue) > len(dbuf) {
			dests, keys = make([]reflect.Value, 0, len(dvalue)), make([]reflect.Value, 0, len(dvalue))
		}
		for i, d := range dvalue {
			var dv, kv reflect.Value
			if n.child[i].ident != "_" {
				dv = d(f)
				if j := ivalue[i]; j != nil {
					if k := j(f); k.CanAddr() {
						kv = reflect.New(k.Type()).Elem()
						kv.Set(k)
					} else {
						kv = k
					}
				}
			}
			dests, keys = append(dests, dv), append(keys, kv)
		}
		for i := range dvalue {
			if n.child[i].ident == "_" {
				continue
			}
			if keys[i].IsValid() {
				dests[i].SetMapIndex(keys[i], t[i]) // Assign a map entry
			} else {
				dests[i].Set(t[i]) // Assign a var or array/slice entry
			}
		}
		return next
	}
}

func not(n *node) {
	dest := genValue(n)
	value := genValue(n.child[0])
	tnext := getExec(n.tnext)

	if n.fnext != nil {
		fnext := getExec(n.fnext)
		n.exec = func(f *frame) bltn {
			if !value(f).Bool() {
				dest(f).SetBool(true)
				return tnext
			}
			dest(f).SetBool(false)
			return fnext
		}
	} else {
		n.exec = func(f *frame) bltn {
			dest(f).SetBool(!value(f).Bool())
			return tnext
		}
	}
}

func addr(n *node) {
	dest := genValue(n)
	next := getExec(n.tnext)
	c0 := n.child[0]
	value := genValue(c0)

	if isInterfaceSrc(c0.typ) || isPtrSrc(c0.typ) {
		i := n.findex
		l := n.level
		n.exec = func(f *frame) bltn {
			getFrame(f, l).data[i] = value(f).Addr()
			return next
		}
		return
	}

	n.exec = func(f *frame) bltn {
		dest(f).Set(value(f).Addr())
		return next
	}
}

func deref(n *node) {
	value := genValue(n.child[0])
	tnext := getExec(n.tnext)
	i := n.findex
	l := n.level

	// elem panics as Go does on a nil pointer (archlab patch: upstream
	// gave the zero Value, and fmt.Println(*p) printed <nil>).
	elem := func(f *frame) reflect.Value {
		p := value(f)
		if p.Kind() == reflect.Ptr && p.IsNil() {
			panic(nilDerefError())
		}
		return p.Elem()
	}
	if n.fnext != nil {
		fnext := getExec(n.fnext)
		n.exec = func(f *frame) bltn {
			r := elem(f)
			if r.Bool() {
				getFrame(f, l).data[i] = r
				return tnext
			}
			return fnext
		}
	} else {
		n.exec = func(f *frame) bltn {
			getFrame(f, l).data[i] = elem(f)
			return tnext
		}
	}
}

func _print(n *node) {
	child := n.child[1:]
	values := make([]func(*frame) reflect.Value, len(child))
	for i, c := range child {
		values[i] = genValue(c)
	}

	genBuiltinDeferWrapper(n, values, nil, func(args []reflect.Value) []reflect.Value {
		var b strings.Builder
		for _, value := range args {
			printValue(&b, value)
		}
		builtinPrintOut.WriteString(b.String())
		return nil
	})
}

func _println(n *node) {
	child := n.child[1:]
	values := make([]func(*frame) reflect.Value, len(child))
	for i, c := range child {
		values[i] = genValue(c)
	}

	genBuiltinDeferWrapper(n, values, nil, func(args []reflect.Value) []reflect.Value {
		var b strings.Builder
		for i, value := range args {
			if i > 0 {
				b.WriteByte(' ')
			}
			printValue(&b, value)
		}
		b.WriteByte('\n')
		builtinPrintOut.WriteString(b.String())
		return nil
	})
}

// builtinPrintOut is where print and println write: standard error, as
// Go's do (archlab patch: upstream wrote to the program's stdout, with
// spaces between print's operands and fmt's formats).
var builtinPrintOut = os.NewFile(2, "/dev/stderr")

// printValue writes v as Go's runtime print does: floats in their
// shortest form, pointers, channels, maps and funcs as addresses, a slice
// as [len/cap]address.
func printValue(b *strings.Builder, v reflect.Value) {
	for v.IsValid() && v.CanInterface() {
		vi, ok := v.Interface().(valueInterface)
		if !ok {
			break
		}
		v = vi.value
	}
	if !v.IsValid() {
		b.WriteString("nil")
		return
	}
	switch v.Kind() {
	case reflect.Bool:
		b.WriteString(strconv.FormatBool(v.Bool()))
	case reflect.Int, reflect.Int8, reflect.Int16, reflect.Int32, reflect.Int64:
		b.WriteString(strconv.FormatInt(v.Int(), 10))
	case reflect.Uint, reflect.Uint8, reflect.Uint16, reflect.Uint32, reflect.Uint64, reflect.Uintptr:
		b.WriteString(strconv.FormatUint(v.Uint(), 10))
	case reflect.Float32, reflect.Float64:
		b.WriteString(printFloat(v.Float(), v.Type().Bits()))
	case reflect.Complex64, reflect.Complex128:
		c, bits := v.Complex(), v.Type().Bits()/2
		im := printFloat(imag(c), bits)
		if im[0] != '-' && im[0] != '+' {
			im = "+" + im
		}
		b.WriteString("(" + printFloat(real(c), bits) + im + "i)")
	case reflect.String:
		b.WriteString(v.String())
	case reflect.Slice:
		fmt.Fprintf(b, "[%d/%d]%#x", v.Len(), v.Cap(), v.Pointer())
	case reflect.Ptr, reflect.Chan, reflect.Map, reflect.Func, reflect.UnsafePointer:
		fmt.Fprintf(b, "%#x", v.Pointer())
	case reflect.Interface:
		if v.IsNil() {
			b.WriteString("(0x0,0x0)")
			return
		}
		printValue(b, v.Elem())
	default:
		fmt.Fprintf(b, "%v", v)
	}
}

// printFloat formats f as the runtime's print does since Go 1.25: the
// shortest form that reads back (2.5, 1e+08), +Inf, -Inf and NaN.
func printFloat(f float64, bits int) string {
	switch {
	case math.IsNaN(f):
		return "NaN"
	case math.IsInf(f, 1):
		return "+Inf"
	case math.IsInf(f, -1):
		return "-Inf"
	}
	return strconv.FormatFloat(f, 'g', -1, bits)
}

func _recover(n *node) {
	tnext := getExec(n.tnext)
	dest := genValue(n)

	n.exec = func(f *frame) bltn {
		// archlab patch: the enclosing frame may be a func literal's copy
		// of it (see frame.live), which a panic does not reach.
		anc := f.anc.liveFrame()
		if anc.recovered == nil {
			// TODO(mpl): maybe we don't need that special case, and we're just forgetting to unwrap the valueInterface somewhere else.
			if isEmptyInterface(n.typ) {
				return tnext
			}
			dest(f).Set(reflect.ValueOf(valueInterface{}))
			return tnext
		}

		rec := anc.recovered
		if tp, ok := rec.(TypedPanic); ok {
			rec = tp.Value
		}
		if n.interp.unwinding.Load() > 0 && !embedderRecover(n) {
			// Recovered: the other goroutines need not wait for this
			// one's remaining deferred calls (archlab patch: a blocking
			// deferred call after recover() stalled them). Not by the
			// embedder's own recover (a goroutine's panic it reports),
			// which ends the run with it.
			n.interp.unwinding.end(goid())
		}
		if isEmptyInterface(n.typ) {
			dest(f).Set(reflect.ValueOf(rec))
		} else {
			dest(f).Set(reflect.ValueOf(valueInterface{n, reflect.ValueOf(rec)}))
		}
		anc.recovered = nil
		return tnext
	}
}

// embedderRecover reports whether the recover call n is in a function of
// the embedder's own (a name starting with __archlab, as the kernel's
// goroutine panic handler).
func embedderRecover(n *node) bool {
	for sc := n.scope; sc != nil; sc = sc.anc {
		if d := sc.def; d != nil && d.kind == funcDecl && len(d.child) > 1 {
			return strings.HasPrefix(d.child[1].ident, "__archlab")
		}
	}
	return false
}

// _panic panics with the value of its argument as an interface{} holds
// it (archlab patch): upstream panicked with the reflect.Value itself, so
// that recover() gave a reflect.Value, which no type assertion or switch
// matched (r.(error) was false for panic(errors.New("x"))). A value of an
// interpreted type with an Error method is made an error, as when passed
// to a compiled func(error): recover().(error) and the kernel's report
// see its message; other values with methods are boxed as for an
// interface{} parameter.
func _panic(n *node) {
	c := n.child[1]
	var value func(*frame) reflect.Value
	// archlab patch: a value of a named basic type without Error or
	// String methods (type Code int) panics with its type's name, which
	// reflect does not know, for the report (panic: main.Code(42));
	// recover gives the value itself back.
	typeName := ""
	switch m, _ := c.typ.lookupMethod("Error"); {
	case m != nil && !isInterface(c.typ) && c.typ.cat != valueT:
		value = genInterfaceWrapper(c, reflect.TypeOf((*error)(nil)).Elem())
	case isNamedBasic(c.typ):
		typeName = fmtTypeString(c.typ)
		value = genValueInterface(c) // recover gives it back with its type
	case isAddressPanic(c.typ):
		// A struct, slice, map, pointer... without Error or String: Go
		// prints its type and address, (main.T) 0xc000012345.
		typeName = fmtTypeString(c.typ)
		value = genValue(c)
		if rt := c.typ.TypeOf(); interpretedNamed(c.typ) && rt != nil && rt.Kind() != reflect.Struct {
			// A named slice, map or func type (type list []int): recover
			// gives it back with its type, as reflect does not know it.
			value = genValueInterface(c)
		}
	case isInterfaceSrc(c.typ) && !isEmptyInterface(c.typ) || hasSrcMethods(c.typ):
		value = genValueInterface(c)
	default:
		value = genValue(c)
	}

	n.exec = func(f *frame) bltn {
		v := value(f)
		if !v.IsValid() || !v.CanInterface() {
			panic(v)
		}
		if typeName != "" {
			panic(TypedPanic{Value: v.Interface(), Type: typeName})
		}
		x := v.Interface()
		if vi, ok := x.(valueInterface); ok && vi.node != nil && isNamedBasic(vi.node.typ) {
			// archlab patch: a value of a named basic type in an
			// interface (panic(r) with r recovered) panics with its
			// type's name, as where its type is known (panic(Sev(3))).
			panic(TypedPanic{Value: x, Type: fmtTypeString(vi.node.typ)})
		}
		panic(x)
	}
}

// staticIfaceName is the name a failed assertion's message gives the
// operand's interface type: main.Shape, or interface {} for an empty one.
func staticIfaceName(t *itype) string {
	if t == nil || isEmptyInterface(t) {
		return "interface {}"
	}
	return fmtTypeString(t)
}

// isAddressPanic reports whether a panic with a value of type t prints as
// Go's runtime prints it, its type and address: a struct, array, slice,
// map, pointer, func or channel of the program without Error or String
// methods (archlab addition).
func isAddressPanic(t *itype) bool {
	if t == nil || isInterface(t) || t.cat == valueT || t.cat == nilT {
		return false
	}
	if m, _ := t.lookupMethod("String"); m != nil {
		return false
	}
	if m, _ := t.lookupMethod("Error"); m != nil {
		return false
	}
	switch rt := t.TypeOf(); {
	case rt == nil:
		return false
	case rt.Kind() == reflect.Struct, rt.Kind() == reflect.Array, rt.Kind() == reflect.Slice, rt.Kind() == reflect.Map,
		rt.Kind() == reflect.Ptr, rt.Kind() == reflect.Func, rt.Kind() == reflect.Chan:
		return true
	}
	return false
}

// isNamedBasic reports whether t is a named type of the program whose
// underlying type is basic (bool, a number, a string), without a String
// method.
func isNamedBasic(t *itype) bool {
	if t == nil || t.name == "" || t.path == "" || isInterface(t) {
		return false
	}
	if m, _ := t.lookupMethod("String"); m != nil {
		return false
	}
	switch t.TypeOf().Kind() {
	case reflect.Struct, reflect.Array, reflect.Slice, reflect.Map, reflect.Ptr, reflect.Func, reflect.Chan, reflect.Interface, reflect.UnsafePointer:
		return false
	}
	return true
}

// TypedPanic is the value panic raises for a value of a named basic type
// of the program (type Code int): the value and Go's name of its type
// (main.Code), which reflect cannot tell. recover returns Value.
type TypedPanic struct {
	Value any
	Type  string
}

// String formats the panic as Go's runtime prints it: main.Code(42),
// main.Name("x").
func (p TypedPanic) String() string {
	v := reflect.ValueOf(p.Value)
	for v.IsValid() && v.CanInterface() {
		vi, ok := v.Interface().(valueInterface)
		if !ok {
			break
		}
		v = vi.value
	}
	if !v.IsValid() || !v.CanInterface() {
		return p.Type + "(?)"
	}
	switch v.Kind() {
	case reflect.Struct, reflect.Array, reflect.Slice, reflect.Map, reflect.Ptr, reflect.Func, reflect.Chan, reflect.UnsafePointer:
		// Go's runtime prints the type and the interface's data word.
		x := p.Value
		return fmt.Sprintf("(%s) %#x", p.Type, (*[2]uintptr)(unsafe.Pointer(&x))[1])
	case reflect.String:
		return fmt.Sprintf("%s(%q)", p.Type, v.String())
	case reflect.Float32, reflect.Float64, reflect.Complex64, reflect.Complex128:
		var b strings.Builder
		printValue(&b, v)
		return p.Type + "(" + b.String() + ")"
	}
	return fmt.Sprintf("%s(%v)", p.Type, v.Interface())
}

func genBuiltinDeferWrapper(n *node, in, out []func(*frame) reflect.Value, fn func([]reflect.Value) []reflect.Value) {
	next := getExec(n.tnext)

	if n.anc.kind == deferStmt {
		n.exec = func(f *frame) bltn {
			val := make([]reflect.Value, len(in)+1)
			inTypes := make([]reflect.Type, len(in))
			for i, v := range in {
				// archlab patch: the arguments are evaluated now, as
				// copies; defer delete(m, i) in a loop deleted the last
				// i each time.
				x := v(f)
				if x.CanAddr() {
					c := reflect.New(x.Type()).Elem()
					c.Set(x)
					x = c
				}
				val[i+1] = x
				inTypes[i] = val[i+1].Type()
			}
			outTypes := make([]reflect.Type, len(out))
			for i, v := range out {
				outTypes[i] = v(f).Type()
			}

			funcType := reflect.FuncOf(inTypes, outTypes, false)
			val[0] = reflect.MakeFunc(funcType, fn)
			f.deferred = append([][]reflect.Value{val}, f.deferred...)
			return next
		}
		return
	}

	n.exec = func(f *frame) bltn {
		val := make([]reflect.Value, len(in))
		for i, v := range in {
			val[i] = v(f)
		}

		dests := fn(val)

		for i, dest := range dests {
			out[i](f).Set(dest)
		}
		return next
	}
}

func genFunctionWrapper(n *node) func(*frame) reflect.Value {
	var def *node
	var ok bool

	if def, ok = n.val.(*node); !ok {
		return genValueAsFunctionWrapper(n)
	}
	start := def.child[3].start
	numRet := len(def.typ.ret)
	var rcvr func(*frame) reflect.Value

	if n.recv != nil {
		rcvr = genValueRecv(n)
	}
	funcType := n.typ.TypeOf()

	// archlab patch: a func literal made into a compiled func value (an
	// argument of wg.Go, time.AfterFunc, sync.OnceFunc) closes over the
	// variables as they are where it is made, as getFunc's do: it runs
	// in a copy of the frame taken then. Upstream ran it in the live
	// frame, where a later iteration had put its own loop variables.
	lit := def.kind == funcLit && n.recv == nil
	return func(f *frame) reflect.Value {
		if lit {
			f = f.clone()
		}
		// archlab patch: the receiver is evaluated when the method value
		// is (f := t.M, defer t.M(), go t.M()), as in Go: a value receiver
		// is copied then, a pointer receiver taken then. Upstream read the
		// receiver variable at each call, so later assignments to it
		// showed. A receiver that is not addressable for a pointer method
		// is still read at the call.
		var recv reflect.Value
		if rcvr != nil && !n.recv.atCall {
			recv = methodValueRecv(rcvr(f), def.types[numRet])
		}
		// enter allocates and inits the call's frame (all values settable
		// and addressable) and returns it with its parameters' locations.
		enter := func() (*frame, []reflect.Value) {
			fr := newFrame(f, len(def.types), f.runid())
			d := fr.data
			def.newSlots(d, def.types)

			if rcvr == nil {
				d = d[numRet:]
			} else if recv.IsValid() {
				d[numRet].Set(recv)
				d = d[numRet+1:]
			} else {
				// Copy method receiver as first argument.
				setRecvAtCall(d[numRet], rcvr(f))
				d = d[numRet+1:]
			}
			return fr, d
		}
		setArg := func(d, arg reflect.Value, i int) { setArgValue(d, arg, def.typ.arg[i]) }
		if fn, ok := directFunc(funcType, enter, func(fr *frame) { runCfg(start, fr, def, n) }, setArg); ok {
			return fn
		}
		return reflect.MakeFunc(funcType, func(in []reflect.Value) []reflect.Value {
			fr, d := enter()

			// Copy function input arguments in local frame.
			for i, arg := range in {
				if i >= len(d) {
					// In case of unused arg, there may be not even a frame entry allocated, just skip.
					break
				}
				setArgValue(d[i], arg, def.typ.arg[i])
			}

			// Interpreter code execution.
			runCfg(start, fr, def, n)

			return fr.data[:numRet]
		})
	}
}

// Func types of callbacks compiled code calls often (sort.Slice's less,
// sort.Search's, strings.Map's and FieldsFunc's, sync.Once's, and the
// methods of sort.Interface and heap.Interface: Len, Less, Swap, Push,
// Pop).
var (
	funcIntIntBool = reflect.TypeOf(func(int, int) bool { return false })
	funcIntBool    = reflect.TypeOf(func(int) bool { return false })
	funcRuneRune   = reflect.TypeOf(func(rune) rune { return 0 })
	funcRuneBool   = reflect.TypeOf(func(rune) bool { return false })
	funcNoArgs     = reflect.TypeOf(func() {})
	funcIntInt     = reflect.TypeOf(func(int, int) {})
	funcRetInt     = reflect.TypeOf(func() int { return 0 })
	funcAnyArg     = reflect.TypeOf(func(any) {})
	funcRetAny     = reflect.TypeOf(func() any { return nil })
)

// directFunc returns, for a func value of one of the types above, a Go
// func that runs the interpreted function without reflect.MakeFunc's
// marshalling of arguments and results (about a third of a sort.Slice
// less call): enter makes the frame, run runs the body (archlab addition).
func directFunc(ft reflect.Type, enter func() (*frame, []reflect.Value), run func(*frame), setArg func(d, arg reflect.Value, i int)) (reflect.Value, bool) {
	setInt := func(d []reflect.Value, i int, v int64) {
		if i < len(d) {
			d[i].SetInt(v)
		}
	}
	switch ft {
	case funcIntIntBool:
		return reflect.ValueOf(func(i, j int) bool {
			fr, d := enter()
			setInt(d, 0, int64(i))
			setInt(d, 1, int64(j))
			run(fr)
			return fr.data[0].Bool()
		}), true
	case funcIntBool:
		return reflect.ValueOf(func(i int) bool {
			fr, d := enter()
			setInt(d, 0, int64(i))
			run(fr)
			return fr.data[0].Bool()
		}), true
	case funcRuneRune:
		return reflect.ValueOf(func(r rune) rune {
			fr, d := enter()
			setInt(d, 0, int64(r))
			run(fr)
			return rune(fr.data[0].Int())
		}), true
	case funcRuneBool:
		return reflect.ValueOf(func(r rune) bool {
			fr, d := enter()
			setInt(d, 0, int64(r))
			run(fr)
			return fr.data[0].Bool()
		}), true
	case funcNoArgs:
		return reflect.ValueOf(func() {
			fr, _ := enter()
			run(fr)
		}), true
	case funcIntInt:
		return reflect.ValueOf(func(i, j int) {
			fr, d := enter()
			setInt(d, 0, int64(i))
			setInt(d, 1, int64(j))
			run(fr)
		}), true
	case funcRetInt:
		return reflect.ValueOf(func() int {
			fr, _ := enter()
			run(fr)
			return int(fr.data[0].Int())
		}), true
	case funcAnyArg:
		return reflect.ValueOf(func(x any) {
			fr, d := enter()
			if len(d) > 0 {
				setArg(d[0], reflect.ValueOf(&x).Elem(), 0)
			}
			run(fr)
		}), true
	case funcRetAny:
		return reflect.ValueOf(func() any {
			fr, _ := enter()
			run(fr)
			return fr.data[0].Interface()
		}), true
	}
	return reflect.Value{}, false
}

// setArgValue stores arg, passed by Go code for a parameter of type typ of
// an interpreted function, in the frame location d.
func setArgValue(d, arg reflect.Value, typ *itype) {
	switch {
	case isEmptyInterface(typ) && isNamedBox(arg):
		d.Set(unboxNamed(arg)) // namedbox.go
	case isEmptyInterface(typ) || typ.TypeOf() == valueInterfaceType:
		d.Set(arg)
	case isInterfaceSrc(typ):
		d.Set(reflect.ValueOf(valueInterface{value: arg.Elem()}))
	default:
		d.Set(arg)
	}
}

// caseMatch reports whether the switch tag v0 equals the case value v1.
// Where either is an interface, they are compared as interface values (the
// same dynamic type and value), as Go converts the other to the interface
// type; upstream converted an interface tag to the case's type, a panic
// (switch x { case 1: } with x an interface{}). An archlab addition.
func caseMatch(v0, v1 reflect.Value) bool {
	isIface := func(v reflect.Value) bool {
		return v.Kind() == reflect.Interface || v.IsValid() && v.Type() == valueInterfaceType
	}
	if !isIface(v0) && !isIface(v1) {
		if v0.Kind() == reflect.Chan && v1.Kind() == reflect.Chan && v0.Type() != v1.Type() {
			return v0.Pointer() == v1.Pointer() // archlab patch: chan and <-chan
		}
		if !v0.Type().AssignableTo(v1.Type()) {
			v0 = v0.Convert(v1.Type())
		}
		return v0.Interface() == v1.Interface()
	}
	a, b := dynamicValue(v0), dynamicValue(v1)
	switch {
	case !a.IsValid() || !b.IsValid():
		return a.IsValid() == b.IsValid()
	case a.Type() != b.Type():
		return false
	}
	return a.Interface() == b.Interface()
}

// dynamicValue returns the value an interface v holds, out of the
// interpreter's valueInterface box; invalid for a nil interface.
func dynamicValue(v reflect.Value) reflect.Value {
	for v.IsValid() {
		switch {
		case v.Kind() == reflect.Interface:
			if v.IsNil() {
				return reflect.Value{}
			}
			v = v.Elem()
		case v.Type() == valueInterfaceType:
			v = v.Interface().(valueInterface).value
		default:
			return v
		}
	}
	return v
}

// setRecvAtCall stores the receiver src in dest, the receiver's location in
// a method's frame: through the valueInterface boxes src may be in, and
// dereferenced or addressed as the method's receiver type asks.
func setRecvAtCall(dest, src reflect.Value) {
	for src.IsValid() {
		if src.Kind() == reflect.Interface && !src.IsNil() && src.Elem().Type() == valueInterfaceType {
			src = src.Elem()
		}
		if src.Type() != valueInterfaceType {
			break
		}
		src = src.Interface().(valueInterface).value
	}
	sk, dk := src.Kind(), dest.Kind()
	switch {
	case sk == reflect.Ptr && dk != reflect.Ptr:
		dest.Set(src.Elem())
	case sk != reflect.Ptr && dk == reflect.Ptr:
		dest.Set(src.Addr())
	default:
		dest.Set(src)
	}
}

// valueCopy returns a copy of v if v is a variable (addressable): the
// arguments of a deferred call, or of a go statement's, are evaluated when
// the statement runs, as in Go; upstream kept the variables' locations, so
// the call saw later assignments (x := 1; defer fmt.Println(x); x = 2
// printed 2). An archlab addition: the copy boxedCopy makes of a boxed
// value.
func valueCopy(v reflect.Value) reflect.Value { return boxedCopy(v) }

// methodValueRecv returns the receiver of a method value made from src,
// for a method whose receiver has type rt: a copy of the value for a
// value receiver, the pointer for a pointer receiver; invalid when it
// can only be read at the call (src not addressable for a pointer
// method). An archlab addition.
func methodValueRecv(src reflect.Value, rt reflect.Type) reflect.Value {
	for src.IsValid() && src.CanInterface() {
		vs, ok := src.Interface().(valueInterface)
		if !ok {
			break
		}
		src = vs.value
	}
	if !src.IsValid() {
		return reflect.Value{}
	}
	sk, dk := src.Kind(), rt.Kind()
	switch {
	case sk == reflect.Ptr && dk != reflect.Ptr:
		if src.IsNil() {
			return reflect.Value{} // the call panics, as in Go's evaluation
		}
		src = src.Elem()
	case sk != reflect.Ptr && dk == reflect.Ptr:
		if !src.CanAddr() {
			return reflect.Value{}
		}
		return src.Addr()
	case dk == reflect.Ptr:
		// The pointer as it is now, not the variable holding it (which
		// the program may assign again before the call).
		if !src.CanAddr() {
			return src
		}
		c := reflect.New(src.Type()).Elem()
		c.Set(src)
		return c
	}
	if !src.Type().AssignableTo(rt) {
		return reflect.Value{}
	}
	c := reflect.New(rt).Elem()
	c.Set(src)
	return c
}

func genInterfaceWrapper(n *node, typ reflect.Type) func(*frame) reflect.Value {
	value := genValue(n)
	wrap := genInterfaceWrap(n, typ)
	if wrap == nil {
		return value
	}
	return func(f *frame) reflect.Value { return wrap(f, value(f)) }
}

// genInterfaceWrap returns a function that makes v, a value of n's type,
// a value of the compiled interface typ, or nil where v is one as it is.
// It is genInterfaceWrapper's body less the read of n's location, so that
// getBinValue wraps the value it has: upstream read n's location again in
// the frame of the call that passes v, where n (the node that made v an
// interface value, maybe in another function) is some other value
// (archlab patch).
func genInterfaceWrap(n *node, typ reflect.Type) func(*frame, reflect.Value) reflect.Value {
	if typ == nil || typ.Kind() != reflect.Interface || typ.NumMethod() == 0 || n.typ.cat == valueT {
		return nil
	}
	tc := n.typ.cat
	if tc != structT {
		// Always force wrapper generation for struct types, as they may contain
		// embedded interface fields which require wrapping, even if reported as
		// implementing typ by reflect.
		if nt := n.typ.frameType(); nt != nil && nt.Implements(typ) {
			return nil
		}
	}

	// Retrieve methods from the interface wrapper, which is a struct where all fields
	// except the first define the methods to implement.
	// As the field name was generated with a prefixed first character (in order to avoid
	// collisions with method names), this first character is ignored in comparisons.
	wrap := getWrapper(n, typ)
	mn := wrap.NumField() - 1
	names := make([]string, mn)
	methods := make([]*node, mn)
	indexes := make([][]int, mn)
	for i := 0; i < mn; i++ {
		names[i] = wrap.Field(i + 1).Name[1:]
		methods[i], indexes[i] = n.typ.lookupMethod(names[i])
		if methods[i] == nil && n.typ.cat != nilT {
			// interpreted method not found, look for binary method, possibly embedded
			_, indexes[i], _, _ = n.typ.lookupBinMethod(names[i])
		}
		// archlab patch: a method with a pointer receiver is not in the
		// method set of a value (fmt.Println(v) with String on *T prints
		// v's fields in Go; upstream called String).
		if m := methods[i]; m != nil && n.typ.cat != ptrT && !isInterface(n.typ) && hasPtrReceiver(m) && !promotedThroughPtr(n.typ, indexes[i]) {
			return nil // also promoted from a field embedded by value (Outer{Inner})
		}
	}

	// The last wrapper made for a pointer, kept for the next call with
	// the same pointer in the same run: heap.Push(h, x) and heap.Pop(h) in
	// a loop wrapped h anew each time, with a func per method (archlab
	// patch: a third of a container/heap loop's allocations).
	type wrapped struct {
		ptr  uintptr
		run  uint64
		root *frame
		n2   *node
		w    reflect.Value
	}
	var last atomic.Pointer[wrapped]
	return func(f *frame, v reflect.Value) reflect.Value {
		if tc != structT && v.Type().Implements(typ) {
			return v
		}
		switch v.Kind() {
		case reflect.Chan, reflect.Map, reflect.Ptr, reflect.Slice:
			// A nil pointer, map, slice or channel of a concrete type
			// makes a non-nil interface value, as in Go (var p *E; var
			// err error = p; err != nil); upstream made it a nil
			// interface. Only the nil literal does (archlab patch).
			if v.IsNil() && tc == nilT {
				return reflect.New(typ).Elem()
			}
		case reflect.Func, reflect.Interface:
			if v.IsNil() {
				return reflect.New(typ).Elem()
			}
		}
		if !valueInterfaceValue(v).IsValid() {
			// A box of nothing: a nil interface of the program, a nil
			// interface of typ (archlab patch: upstream panicked).
			return reflect.New(typ).Elem()
		}
		var n2 *node
		if vi, ok := v.Interface().(valueInterface); ok {
			n2 = vi.node
		}
		// The methods' receiver is the interface's own copy of the value
		// (receiver.val, no node), not n's location, which the methods
		// read again at each call: S(i) wrapped in a loop kept the last
		// iteration's value (archlab patch).
		recv := boxedCopy(valueInterfaceValue(v))
		// Only the interpreter's interface boxes are taken off: a struct
		// value with an interface field is the value itself, not the
		// field's content (getConcreteValue would take that).
		for {
			vi, ok := v.Interface().(valueInterface)
			if !ok {
				break
			}
			v = vi.value
		}
		var key *wrapped
		if v.Kind() == reflect.Ptr && !v.IsNil() {
			key = &wrapped{ptr: v.Pointer(), run: f.runid(), root: f.root, n2: n2}
			if e := last.Load(); e != nil && e.ptr == key.ptr && e.run == key.run && e.root == key.root && e.n2 == key.n2 {
				return e.w
			}
		}
		w := reflect.New(wrap).Elem()
		if key != nil {
			defer func() {
				key.w = w
				last.Store(key)
			}()
		}
		if isMethodWrapper(wrap) {
			// A wrapper keeps the interpreter type of its value, so that
			// errors.As, type assertions and switches tell two types of
			// the same structure apart, and fmt's %T names it (archlab
			// patch: errors' wrappers first, then all).
			tn := n2
			if tn == nil || isInterface(tn.typ) {
				tn = n
			}
			if tn != nil && tn.typ != nil && !isInterface(tn.typ) && tn.typ.cat != valueT {
				w.Field(0).Set(reflect.ValueOf(valueInterface{tn, boxedCopy(v)})) // a copy: v may be a variable's location
			} else {
				w.Field(0).Set(v)
			}
		} else {
			w.Field(0).Set(v)
		}
		for i, m := range methods {
			if m == nil {
				// First direct method lookup on field.
				if r := methodByName(v, names[i], indexes[i]); r.IsValid() {
					w.Field(i + 1).Set(r)
					continue
				}
				if r := embeddedIfaceMethod(f, n.typ, v, names[i], w.Field(i+1).Type()); r.IsValid() {
					w.Field(i + 1).Set(r)
					continue
				}
				if n2 == nil {
					panic(n.cfgErrorf("method not found: %s", names[i]))
				}
				// Method lookup in embedded valueInterface.
				m2, i2 := n2.typ.lookupMethod(names[i])
				if m2 != nil {
					nod := *m2
					nod.recv = &receiver{val: recv, index: i2, atCall: true}
					w.Field(i + 1).Set(genFunctionWrapper(&nod)(f))
					continue
				}
				panic(n.cfgErrorf("method not found: %s", names[i]))
			}
			nod := *m
			nod.recv = &receiver{val: recv, index: indexes[i], atCall: true}
			w.Field(i + 1).Set(genFunctionWrapper(&nod)(f))
		}
		return w
	}
}

// embeddedIfaceMethod returns the method name of v, a struct of type t,
// promoted from a field that embeds an interface of the program (type
// wrapped struct{ Writer }): the method of the value the field holds, an
// interpreted or a compiled one. Invalid where t has none (archlab patch:
// fmt.Fprintf(wrapped{os.Stdout}, ...) panicked "method not found").
func embeddedIfaceMethod(f *frame, t *itype, v reflect.Value, name string, ft reflect.Type) reflect.Value {
	for t != nil && (t.cat == linkedT || t.cat == ptrT) {
		t = t.val
	}
	for v.IsValid() && v.Kind() == reflect.Ptr && !v.IsNil() {
		v = v.Elem()
	}
	if t == nil || t.cat != structT || !v.IsValid() || v.Kind() != reflect.Struct || v.NumField() != len(t.field) {
		return reflect.Value{}
	}
	for k, fd := range t.field {
		if !fd.embed || !isInterfaceSrc(fd.typ) {
			continue
		}
		if _, ok := fd.typ.methods()[name]; !ok {
			continue
		}
		fv := v.Field(k)
		for fv.IsValid() && fv.Kind() == reflect.Interface && !fv.IsNil() {
			fv = fv.Elem()
		}
		if !fv.IsValid() {
			return reflect.Value{}
		}
		vi, ok := fv.Interface().(valueInterface)
		if !ok {
			if m := fv.MethodByName(name); m.IsValid() && m.Type() == ft {
				return m
			}
			return reflect.Value{}
		}
		if vi.node == nil || vi.node.typ == nil {
			return reflect.Value{}
		}
		if m, index := vi.node.typ.lookupMethod(name); m != nil {
			nod := *m
			nod.recv = &receiver{val: boxedCopy(vi.value), index: index, atCall: true}
			return genFunctionWrapper(&nod)(f)
		}
		if cv := valueInterfaceValue(vi.value); cv.IsValid() {
			if m := cv.MethodByName(name); m.IsValid() && m.Type() == ft {
				return m
			}
		}
	}
	return reflect.Value{}
}

// methodByName returns the method corresponding to name on value, or nil if not found.
// The search is extended on valueInterface wrapper if present.
// If valid, the returned value is a method function with the receiver already set
// (no need to pass it at call).
func methodByName(value reflect.Value, name string, index []int) (v reflect.Value) {
	if vi, ok := value.Interface().(valueInterface); ok {
		if v = getConcreteValue(vi.value).MethodByName(name); v.IsValid() {
			return
		}
	}
	if v = value.MethodByName(name); v.IsValid() {
		return
	}
	if value.Kind() == reflect.Struct && checkFieldIndex(value.Type(), index) {
		// archlab patch: a method promoted from a field of a struct value
		// (rev{sort.Interface} passed to sort.Sort: Len and Swap are the
		// embedded interface's); upstream looked into fields through
		// pointers only.
		if fv := value.FieldByIndex(index); !(fv.Kind() == reflect.Interface && fv.IsNil()) {
			if v = fv.MethodByName(name); v.IsValid() {
				return
			}
		}
	}
	for value.Kind() == reflect.Ptr {
		value = value.Elem()
		if checkFieldIndex(value.Type(), index) {
			value = value.FieldByIndex(index)
		}
		if v = value.MethodByName(name); v.IsValid() {
			return
		}
		// archlab patch: a pointer method of a field embedded by value,
		// reached through a pointer (Write of bytes.Buffer in *Out).
		if value.CanAddr() && value.Kind() != reflect.Ptr {
			if v = value.Addr().MethodByName(name); v.IsValid() {
				return
			}
		}
	}
	return
}

func checkFieldIndex(typ reflect.Type, index []int) bool {
	if len(index) == 0 {
		return false
	}
	t := typ
	for t.Kind() == reflect.Ptr {
		t = t.Elem()
	}
	if t.Kind() != reflect.Struct {
		return false
	}
	i := index[0]
	if i >= t.NumField() {
		return false
	}
	if len(index) > 1 {
		return checkFieldIndex(t.Field(i).Type, index[1:])
	}
	return true
}

func call(n *node) {
	goroutine := n.anc.kind == goStmt
	c0 := n.child[0]
	value := genValue(c0)
	var values []func(*frame) reflect.Value

	numRet := len(c0.typ.ret)
	variadic := variadicPos(n)
	child := n.child[1:]
	tnext := getExec(n.tnext)
	fnext := getExec(n.fnext)
	hasVariadicArgs := n.action == aCallSlice // callSlice implies variadic call with ellipsis.
	// A call whose results a return statement forwards, return f(p), gives
	// them locations of their own when there are several: the callee's
	// return sets one after the other, and a later value may read the
	// caller's result that an earlier one set (through p).
	forwardSeveral := n.anc.kind == returnStmt && numRet > 1

	// Compute input argument value functions.
	for i, c := range child {
		var arg *itype
		if variadic >= 0 && i >= variadic {
			arg = c0.typ.arg[variadic].val
		} else {
			arg = c0.typ.arg[i]
		}
		switch {
		case isBinCall(c, c.scope):
			// Handle nested function calls: pass returned values as arguments.
			numOut := c.child[0].typ.rtype.NumOut()
			for j := 0; j < numOut; j++ {
				ind := c.findex + j
				if hasVariadicArgs || !isInterfaceSrc(arg) || isEmptyInterface(arg) {
					values = append(values, func(f *frame) reflect.Value { return f.data[ind] })
					continue
				}
				values = append(values, func(f *frame) reflect.Value {
					return reflect.ValueOf(valueInterface{value: f.data[ind]})
				})
			}
		case isRegularCall(c):
			// Arguments are return values of a nested function call,
			// each made a value of its own parameter's type (archlab
			// patch: upstream took the first parameter's type for all,
			// and kept the result's location in an interface value).
			for j := range c.child[0].typ.ret {
				if hasVariadicArgs {
					ind := c.findex + j
					values = append(values, func(f *frame) reflect.Value { return f.data[ind] })
					continue
				}
				var pt *itype
				switch k := i + j; {
				case variadic >= 0 && k >= variadic:
					pt = c0.typ.arg[variadic].val
				case k < len(c0.typ.arg):
					pt = c0.typ.arg[k]
				}
				values = append(values, genCallResult(pt, c, j))
			}
		default:
			if c.kind == basicLit || c.rval.IsValid() {
				argType := arg.TypeOf()
				convertLiteralValue(c, argType)
			}
			switch {
			case hasVariadicArgs:
				values = append(values, genValue(c))
			case isInterfaceSrc(arg) && (!isEmptyInterface(arg) || hasSrcMethods(c.typ)):
				values = append(values, genValueInterface(c))
			case isInterfaceBin(arg):
				values = append(values, genInterfaceWrapper(c, arg.rtype))
			case isFuncSrc(arg) || isEmptyInterface(arg) && c.typ != nil && isFuncSrc(c.typ):
				// archlab patch: a function given to an any is a func
				// value, not its node.
				values = append(values, genFuncValue(c))
			default:
				values = append(values, genValue(c))
			}
		}
	}

	// Compute output argument value functions.
	rtypes := c0.typ.ret
	rvalues := make([]func(*frame) reflect.Value, len(rtypes))
	switch n.anc.kind {
	case defineXStmt, assignXStmt:
		l := n.level
		for i := range rvalues {
			c := n.anc.child[i]
			switch {
			case c.ident == "_":
				// Skip assigning return value to blank var.
			default:
				// The result goes to the call's location, and
				// assignFromCall converts it to the variable's type.
				// Upstream wrote a result for an interpreted interface
				// into the value the variable's interface held, which
				// other copies of that interface value share (archlab
				// patch).
				j := n.findex + i
				rvalues[i] = func(f *frame) reflect.Value { return getFrame(f, l).data[j] }
			}
		}
	case returnStmt:
		// Function call from a return statement: forward return values (always at frame start).
		for i := range rtypes {
			j := n.findex + i
			// Set the return value location in return value of caller frame.
			rvalues[i] = func(f *frame) reflect.Value { return f.data[j] }
		}
	default:
		// Multiple return values frame index are indexed from the node frame index.
		l := n.level
		for i := range rtypes {
			j := n.findex + i
			rvalues[i] = func(f *frame) reflect.Value { return getFrame(f, l).data[j] }
		}
	}

	if n.anc.kind == deferStmt {
		// Store function call in frame for deferred execution.
		value = genFunctionWrapper(c0)
		// archlab patch: a deferred func literal captures the variables
		// as they are when the defer statement runs, as any func literal
		// does (getFunc): it runs in a copy of the frame taken then, so a
		// variable declared in a loop's body (the kernel's per-iteration
		// copy of the loop variable) is that iteration's. Upstream ran it
		// in the live frame, with the last iteration's variables.
		lit := c0.kind == funcLit
		// The embedder's own deferred calls (__archlab_gorecover, which
		// reports a goroutine's panic) run even on os.Exit: marked by a
		// trailing invalid value (archlab patch).
		keep := c0.kind == identExpr && strings.HasPrefix(c0.ident, "__archlab_")
		n.exec = func(f *frame) bltn {
			val := make([]reflect.Value, len(values)+1, len(values)+2)
			if keep {
				defer func() { f.deferred[0] = append(f.deferred[0], reflect.Value{}) }()
			}
			if lit {
				val[0] = value(f.clone())
			} else {
				val[0] = value(f)
			}
			for i, v := range values {
				val[i+1] = valueCopy(v(f))
			}
			f.deferred = append([][]reflect.Value{val}, f.deferred...)
			return tnext
		}
		return
	}

	// copyArgs stores the call's arguments, evaluated in the caller's frame
	// f, in dest, the parameters' locations in the callee's frame.
	copyArgs := func(f *frame, dest []reflect.Value) {
		if len(dest) == 0 {
			return
		}
		var vararg reflect.Value
		if variadic >= 0 {
			vararg = dest[variadic]
		}
		for i, v := range values {
			switch {
			case variadic >= 0 && i >= variadic:
				// Only f(xs...) passes the slice itself: a []any
				// passed to ...any without the ellipsis is one
				// element (archlab patch: upstream spread it).
				x := v(f)
				if hasVariadicArgs {
					switch {
					case !x.IsValid() || x.Type() != vararg.Type() && !x.Type().ConvertibleTo(vararg.Type()):
						x = reflect.Zero(vararg.Type()) // f(nil...); the type check let no other through
					case x.Type() != vararg.Type():
						x = x.Convert(vararg.Type())
					}
					vararg.Set(x)
				} else {
					vararg.Set(reflect.Append(vararg, x))
				}
			default:
				val := v(f)
				// A float's -0 is not skipped: IsZero holds for it, and
				// f(-0.0) got +0 (archlab patch).
				if val.IsZero() && dest[i].Kind() != reflect.Interface && !isFloatKind(val.Kind()) {
					// Work around a recursive struct zero interface issue.
					// Once there is a better way to handle this case, the dest can just be set.
					continue
				}
				if val.Type() != nodePtrType {
					dest[i].Set(val)
					continue
				}
				if nod := val.Interface().(*node); nod.recv != nil {
					// An interpreted method is passed as value in a function call.
					// It must be wrapped now, otherwise the receiver will be missing
					// at the method call (#1332).
					dest[i] = genFunctionWrapper(nod)(f)
					continue
				}
				dest[i].Set(val)
			}
		}
	}

	// returned copies the results of a call that ran in nf, where they
	// had locations of their own (own), to the caller's, and branches on
	// a boolean result where the call is a condition.
	returned := func(f, nf *frame, own bool) bltn {
		if own {
			for i, v := range rvalues {
				if v != nil {
					v(f).Set(nf.data[i])
				}
			}
		}
		if fnext != nil && !nf.data[0].Bool() {
			return fnext
		}
		return tnext
	}

	if directMethodCall(n) {
		// archlab patch: a call of an interpreted method on a concrete
		// receiver (p.Dist(), s.Push(x)) runs the method's body in a new
		// frame, as a function call does. Upstream made a method value
		// first (a reflect.MakeFunc closure and a copy of the method's
		// node) and called it through reflect, at every call.
		def := c0.val.(*node)
		rcvr := genValueRecv(c0)
		own := forwardSeveral || def.ownResults
		n.exec = func(f *frame) bltn {
			nf := newFrame(f, len(def.types), f.runid())
			nf.caller = n
			def.newSlots(nf.data, def.types)
			if !own {
				for i, v := range rvalues {
					if v != nil {
						nf.data[i] = v(f)
					}
				}
			}
			setRecvAtCall(nf.data[numRet], rcvr(f))
			copyArgs(f, nf.data[numRet+1:])
			runCfg(def.child[3].start, nf, def, n)
			return returned(f, nf, own)
		}
		return
	}

	n.exec = func(f *frame) bltn {
		f.mutex.Lock()
		bf := value(f)
		def, ok := bf.Interface().(*node)
		if ok {
			bf = def.rval
		}
		f.mutex.Unlock()

		// Call bin func if defined
		if bf.IsValid() {
			var callf func([]reflect.Value) []reflect.Value

			// Lambda definitions are necessary here. Due to reflect internals,
			// having `callf = bf.Call` or `callf = bf.CallSlice` does not work.
			//nolint:gocritic
			if hasVariadicArgs {
				callf = func(in []reflect.Value) []reflect.Value { return bf.CallSlice(in) }
			} else {
				callf = func(in []reflect.Value) []reflect.Value { return bf.Call(in) }
			}

			if goroutine {
				// Goroutine's arguments should be copied.
				in := make([]reflect.Value, len(values))
				for i, v := range values {
					value := v(f)
					in[i] = reflect.New(value.Type()).Elem()
					in[i].Set(value)
				}

				go callf(in)
				return tnext
			}

			in := make([]reflect.Value, len(values))
			for i, v := range values {
				in[i] = v(f)
			}
			out := callf(in)
			for i, v := range rvalues {
				if v != nil {
					v(f).Set(out[i])
				}
			}
			if fnext != nil && !out[0].Bool() {
				return fnext
			}
			return tnext
		}

		nf := newFrame(f, len(def.types), f.runid())
		nf.caller = n

		// Init return values. Where the callee's results can be seen before
		// it returns (def.ownResults: a named result, read and written by
		// the body, starts from its zero value; a deferred call runs after
		// the return statement and may recover a panic that skips it), they
		// get zero values of their own, copied to the caller's locations
		// once the body returns. Otherwise they are the caller's locations
		// (the assigned variable, the caller's own result, the call's
		// temporary), written only by the callee's return statement. A
		// goroutine's results are dropped and never the caller's.
		own := goroutine || forwardSeveral || def.ownResults
		def.newSlots(nf.data, def.types)
		if !own {
			for i, v := range rvalues {
				if v != nil {
					nf.data[i] = v(f)
				}
			}
		}

		if def.recv != nil && def.recv.val.IsValid() && def.kind == funcDecl {
			// A method called through an interface (getMethodByName):
			// its receiver, then its arguments (archlab patch).
			setRecvAtCall(nf.data[numRet], methodRecv(def.recv))
			copyArgs(f, nf.data[numRet+1:])
		} else {
			copyArgs(f, nf.data[numRet:])
		}

		// Execute function body
		if goroutine {
			go runCfg(def.child[3].start, nf, def, n)
			return tnext
		}
		runCfg(def.child[3].start, nf, def, n)
		return returned(f, nf, own)
	}
}

// methodRecv returns the receiver r holds: its value, down its path of
// embedded fields.
func methodRecv(r *receiver) reflect.Value {
	v := r.val
	for _, i := range r.index {
		if v.Kind() == reflect.Ptr {
			v = v.Elem()
		}
		// Through the interpreter's boxes of embedded interfaces, as
		// genValueRecv does.
		v = v.Field(i)
		if vi, ok := v.Interface().(valueInterface); ok {
			v = vi.value
		}
	}
	return v
}

// directMethodCall reports whether call n calls an interpreted method on a
// concrete receiver, whose method value getMethod would make: such a call
// can run the method directly (see call). A go statement's call keeps the
// method value, made in the go statement's goroutine.
func directMethodCall(n *node) bool {
	if n.anc.kind == goStmt || n.anc.kind == deferStmt || len(n.child) == 0 {
		return false
	}
	c0 := n.child[0]
	if c0.kind != selectorExpr || c0.recv == nil || c0.recv.node == nil || c0.recv.node != c0.child[0] || c0.recv.atCall {
		return false
	}
	def, ok := c0.val.(*node)
	if !ok || def.kind != funcDecl || len(def.child) < 4 || def.child[3] == nil {
		return false
	}
	return c0.directMethod
}

func getFrame(f *frame, l int) *frame {
	switch l {
	case globalFrame:
		return f.root
	case 0:
		return f
	case 1:
		return f.anc
	case 2:
		return f.anc.anc
	}
	for ; l > 0; l-- {
		f = f.anc
	}
	return f
}

// Callbin calls a function from a bin import, accessible through reflect.
func callBin(n *node) {
	tnext := getExec(n.tnext)
	fnext := getExec(n.fnext)
	child := n.child[1:]
	c0 := n.child[0]
	value := genValue(c0)
	if f, ok := reflectOfValue(c0.rval); ok {
		value = func(*frame) reflect.Value { return f } // reflectview.go
	}
	if isRuntimeCaller(c0.rval) {
		in := n.interp
		value = func(f *frame) reflect.Value { return in.callerFunc(f, n) } // callerpos.go
	}
	if isErrorsAs(c0.rval) && len(child) == 2 {
		// errors.As with a target of an interpreter type: the target's
		// type, which reflect cannot tell from another with the same
		// structure, goes with the call.
		if t := child[1].typ; t != nil && t.cat == ptrT && t.val != nil {
			as := reflect.ValueOf(func(err error, target any) bool { return errorsAsType(err, target, t.val) })
			value = func(*frame) reflect.Value { return as }
		}
	}
	var values []func(*frame) reflect.Value
	funcType := c0.typ.rtype
	wt := wrappedType(c0)
	variadic := -1
	if funcType.IsVariadic() {
		variadic = funcType.NumIn() - 1
	}
	// A method signature obtained from reflect.Type includes receiver as 1st arg, except for interface types.
	rcvrOffset := 0
	if recv := c0.recv; recv != nil && !isInterface(recv.node.typ) {
		if variadic > 0 || funcType.NumIn() > len(child) {
			rcvrOffset = 1
		}
	}

	// getMapType returns a reflect type suitable for interface wrapper for functions
	// with some special processing in case of interface{} argument, i.e. fmt.Printf.
	var getMapType func(*itype) reflect.Type
	if lr, ok := n.interp.mapTypes[c0.rval]; ok {
		getMapType = func(typ *itype) reflect.Type {
			for _, rt := range lr {
				if typ.implements(&itype{cat: valueT, rtype: rt}) {
					return rt
				}
			}
			return nil
		}
	}

	// archlab patch: the print functions of fmt and log get the arguments
	// of interpreted types as fmtArgs (fmtvalue.go), printed as Go prints
	// them.
	printCall := isPrintFunc(c0)
	printArg := func(i int) bool {
		return printCall && variadic >= 0 && i+rcvrOffset >= variadic && n.action != aCallSlice
	}
	printNeeds := printCall && n.action == aCallSlice
	printTypes := false // a reflect.Type among the arguments
	held := n.anc.kind == deferStmt || n.anc.kind == goStmt
	keeps := keepsAny(c0) // namedbox.go
	// Only a call that writes output waits for another goroutine's
	// panic to end the run (awaitUnwinding): others go on, as in Go
	// (archlab patch: every call into compiled code waited, up to 200 ms
	// per recovered panic elsewhere).
	stall := printCall || writesOutput(c0)
	slogCall := calleePkg(c0) == "log/slog"

	// Determine if we should use `Call` or `CallSlice` on the function Value.
	callFn := func(v reflect.Value, in []reflect.Value) []reflect.Value { return v.Call(in) }
	if n.action == aCallSlice {
		callFn = func(v reflect.Value, in []reflect.Value) []reflect.Value { return v.CallSlice(in) }
	}

	for i, c := range child {
		switch {
		case isBinCall(c, c.scope):
			// Handle nested function calls: pass returned values as arguments
			numOut := c.child[0].typ.rtype.NumOut()
			for j := 0; j < numOut; j++ {
				ind := c.findex + j
				values = append(values, func(f *frame) reflect.Value { return valueInterfaceValue(f.data[ind]) })
				if printArg(i+j) && c.child[0].typ.rtype.Out(j) == reflectTypeType {
					printNeeds, printTypes = true, true // reflectview.go
				}
			}
		case isRegularCall(c):
			// Handle nested function calls: pass returned values as arguments
			for j, rt := range c.child[0].typ.ret {
				ind := c.findex + j
				values = append(values, func(f *frame) reflect.Value { return valueInterfaceValue(f.data[ind]) })
				if dt := binArgType(funcType, rcvrOffset, variadic, n.action == aCallSlice, i+j); dt != nil && dt.Kind() == reflect.Interface && dt.NumMethod() > 0 && rt.cat != valueT && !printArg(i+j) {
					// archlab patch: a value of a program type that a
					// nested call returns, for a compiled interface
					// (io.ReadAll(newReader())), gets the interface's
					// wrapper as a variable's value does; upstream passed
					// the bare value ("reflect: Call using *struct {...} as
					// type io.Reader").
					if wrap := genInterfaceWrap(&node{typ: rt, interp: n.interp}, dt); wrap != nil {
						values[len(values)-1] = func(f *frame) reflect.Value { return wrap(f, f.data[ind]) }
					}
				}
				if printArg(i+j) && fmtNeeds(rt) {
					printNeeds = true
					raw := func(f *frame) reflect.Value { return f.data[ind] }
					values[len(values)-1] = genFmtArg(c, rt, raw, values[len(values)-1], held)
				}
			}
		default:
			if c.kind == basicLit || c.rval.IsValid() {
				// Convert literal value (untyped) to function argument type (if not an interface{})
				var argType reflect.Type
				if variadic >= 0 && i+rcvrOffset >= variadic {
					argType = funcType.In(variadic).Elem()
					if n.action == aCallSlice {
						argType = funcType.In(variadic) // fmt.Sprint(nil...) (archlab patch)
					}
				} else {
					argType = funcType.In(i + rcvrOffset)
				}
				convertLiteralValue(c, argType)
				if !reflect.ValueOf(c.val).IsValid() { //  Handle "nil"
					c.val = reflect.Zero(argType)
				}
			}

			if wt != nil && isInterfaceSrc(wt.arg[i]) {
				values = append(values, genValueInterface(c))
				break
			}

			// defType is the target type for a potential interface wrapper.
			var defType reflect.Type
			if variadic >= 0 && i+rcvrOffset >= variadic {
				defType = funcType.In(variadic)
				if n.action != aCallSlice {
					// One of the variadic arguments: wrapped as the element
					// type (errors.Join(errs ...error) takes an error each).
					defType = defType.Elem()
				}
			} else {
				defType = funcType.In(rcvrOffset + i)
			}
			if getMapType != nil {
				// archlab patch: only a wrapper that is a defType (fmt's
				// Stringer for an any, not for Fprintf's io.Writer).
				if rt := getMapType(c.typ); rt != nil && defType.Kind() == reflect.Interface && rt.Implements(defType) {
					defType = rt
				}
			}

			switch {
			case isEmptyInterface(c.typ):
				values = append(values, genValue(c))
			case isInterfaceSrc(c.typ) && defType.Kind() == reflect.Interface && defType.NumMethod() > 0:
				// archlab patch: a program's interface value passed for a
				// compiled interface with methods (a CodedError for an
				// error) is wrapped with them, as its concrete value is;
				// upstream passed the bare value (a reflect.Call panic).
				values = append(values, genInterfaceWrapper(c, defType))
			case isInterfaceSrc(c.typ):
				values = append(values, genValueInterfaceValue(c))
			case isFuncSrc(c.typ) && defType.Kind() == reflect.Interface && defType.NumMethod() > 0:
				// archlab patch: a func type of the program with methods
				// (type readerFunc func(...); its Read) for a compiled
				// interface (io.ReadAll(rf)): the interface's wrapper, not
				// the bare func ("reflect: Call using func... as type
				// io.Reader").
				values = append(values, genInterfaceWrapper(c, defType))
			case isFuncSrc(c.typ):
				values = append(values, genFunctionWrapper(c))
			case c.typ.cat == arrayT || c.typ.cat == variadicT:
				if isEmptyInterface(c.typ.val) {
					values = append(values, genValueArray(c))
				} else {
					values = append(values, genInterfaceWrapper(c, defType))
				}
			case isPtrSrc(c.typ):
				if c.typ.val.cat == valueT {
					values = append(values, genValue(c))
				} else {
					values = append(values, genInterfaceWrapper(c, defType))
				}
			case c.typ.cat == valueT:
				values = append(values, genValue(c))
			default:
				values = append(values, genInterfaceWrapper(c, defType))
			}
			if keeps && defType.Kind() == reflect.Interface && defType.NumMethod() == 0 {
				values[len(values)-1] = genNamedBox(n.interp, c.typ, values[len(values)-1])
			}
			if slogCall && defType.Kind() == reflect.Interface && defType.NumMethod() == 0 && slogBoxes(c.typ) {
				// archlab patch: slog's any arguments (namedbox.go).
				values[len(values)-1] = genSlogValue(n.interp, c)
			}
			if printArg(i) && fmtNeeds(c.typ) {
				printNeeds = true
				values[len(values)-1] = genFmtArg(c, c.typ, genValue(c), values[len(values)-1], held)
			}
			if printArg(i) && c.typ.cat == valueT && c.typ.rtype == reflectTypeType {
				printNeeds, printTypes = true, true // reflectview.go
			}
		}
	}
	if isJSONMarshal(c0.rval) && len(child) >= 1 && !isBinCall(child[0], child[0].scope) && !isRegularCall(child[0]) && jsonNeeds(child[0].typ) {
		// archlab patch: json.Marshal of a value with an interpreted
		// MarshalJSON or MarshalText below its top level encodes a shadow
		// with those methods' results (jsonvalue.go).
		raw := genValue(child[0])
		values[0] = func(f *frame) reflect.Value {
			v := raw(f)
			if !v.IsValid() {
				return reflect.Zero(anyType)
			}
			return v
		}
		jm := wrapJSONMarshal(n.interp, c0.rval, child[0].typ)
		value = func(*frame) reflect.Value { return jm }
	}
	if c0.kind == selectorExpr && len(c0.child) == 2 && len(child) == 0 && !held {
		// (A deferred call's method value is taken where the defer
		// statement runs: checked then, it would see the mutex before
		// the Lock that follows.)
		recv := genValue(c0.child[0])
		if c0.recv != nil && c0.recv.node != nil && len(c0.recv.index) > 0 {
			recv = genFieldPath(genValue(c0.recv.node), c0.recv.index)
		}
		if check := syncFatalCall(c0.child[1].ident, recv); check != nil {
			// archlab patch: Go's fatal errors of sync (fatal.go).
			method := value
			noop := reflect.ValueOf(func() {})
			value = func(f *frame) reflect.Value {
				if msg := check(f); msg != "" {
					n.interp.fatal(msg)
					return noop
				}
				return method(f)
			}
		}
	}
	var static0 *itype
	if len(child) > 0 {
		static0 = child[0].typ
	}
	if xm := n.interp.xmlMarshalFunc(c0.rval, static0); xm.IsValid() {
		// archlab patch: a program struct is an element named after its
		// type (xmlvalue.go).
		value = func(*frame) reflect.Value { return xm }
	}
	if c0.kind == selectorExpr && len(c0.child) == 2 {
		recvType, name := c0.child[0].typ, c0.child[1].ident
		// archlab patch: gob sends the program's exported fields only
		// (gobvalue.go), and xml names a program struct's element after
		// its type (xmlvalue.go).
		wrap := n.interp.xmlEncodeMethod(recvType, name, static0)
		if wrap == nil {
			wrap = reflectFieldByNameMethod(recvType, name)
		}
		if len(child) == 1 {
			if w := gobEncodeMethod(recvType, name, static0); w != nil {
				wrap = w
			}
		}
		if wrap != nil {
			value = replaceMethodValue(genValue(c0.child[0]), value, wrap)
		}
	}
	if c0.kind == selectorExpr && len(c0.child) == 2 && len(child) == 1 && !isBinCall(child[0], child[0].scope) && !isRegularCall(child[0]) {
		if wrap := jsonStreamCall(n.interp, c0.child[0].typ, c0.child[1].ident, child[0].typ); wrap != nil {
			// archlab patch: a json.Encoder's Encode and a json.Decoder's
			// Decode call interpreted JSON methods below the top level
			// (jsonvalue.go).
			raw := genValue(child[0])
			values[0] = func(f *frame) reflect.Value {
				v := raw(f)
				if !v.IsValid() {
					return reflect.Zero(anyType)
				}
				return v
			}
			method := value
			value = func(f *frame) reflect.Value { return wrap(method(f)) }
		}
	}
	if c0.rval.IsValid() && c0.rval.Kind() == reflect.Func && c0.rval.Pointer() == reflect.ValueOf(json.Unmarshal).Pointer() &&
		len(child) == 2 && child[1].typ != nil && child[1].typ.cat == ptrT &&
		jsonUnmarshalMethod(child[1].typ.val) == "" && jsonNeedsUnmarshal(child[1].typ.val, true, map[*itype]bool{}) {
		// archlab patch: json.Unmarshal into a value whose parts have
		// interpreted UnmarshalJSON or UnmarshalText methods decodes
		// those parts through them (jsonvalue.go).
		raw := genValue(child[1])
		values[1] = func(f *frame) reflect.Value { return raw(f) }
		ju := wrapJSONUnmarshal(n.interp, c0.rval, child[1].typ)
		value = func(*frame) reflect.Value { return ju }
	} else if isUnmarshalFunc(c0.rval) && len(values) == 2 {
		// archlab patch: the target of json.Unmarshal or xml.Unmarshal
		// wrapped as an Unmarshaler (a pointer to an interpreted type
		// with an UnmarshalJSON method) is passed as a pointer to its
		// wrapper; upstream passed the wrapper itself, which Unmarshal
		// refused ("json: Unmarshal(non-pointer ...)").
		target := values[1]
		values[1] = func(f *frame) reflect.Value {
			v := target(f)
			if v.Kind() == reflect.Struct && isMethodWrapper(v.Type()) {
				p := reflect.New(v.Type())
				p.Elem().Set(v)
				return p
			}
			return v
		}
	}
	if c0.rval.IsValid() && c0.rval.Kind() == reflect.Func && c0.rval.Pointer() == reflect.ValueOf(json.Unmarshal).Pointer() &&
		len(child) == 2 && child[1].typ != nil && child[1].typ.cat == ptrT && child[1].typ.val != nil && child[1].typ.val.name != "" {
		// archlab patch: json's type errors name the target's struct as
		// Go's do (Go struct field User.id); reflect knows it unnamed
		// (".id").
		root := child[1].typ.val
		unmarshal := value
		in := n.interp
		value = func(f *frame) reflect.Value {
			fn := unmarshal(f)
			return reflect.ValueOf(func(data []byte, v any) error {
				out := fn.Call([]reflect.Value{reflect.ValueOf(data), reflect.ValueOf(&v).Elem()})
				err, _ := out[0].Interface().(error)
				return in.jsonTypeErr(err, root)
			})
		}
	}
	if c0.kind == selectorExpr && len(c0.child) == 2 && c0.child[1].ident == "Decode" && len(child) == 1 &&
		c0.child[0].typ != nil && c0.child[0].typ.cat == valueT && c0.child[0].typ.rtype == jsonDecoderType &&
		child[0].typ != nil && child[0].typ.cat == ptrT && child[0].typ.val != nil && child[0].typ.val.name != "" {
		// archlab patch: the same for a json.Decoder's Decode.
		root := child[0].typ.val
		decode := value
		in := n.interp
		value = func(f *frame) reflect.Value {
			fn := decode(f)
			return reflect.ValueOf(func(v any) error {
				out := fn.Call([]reflect.Value{reflect.ValueOf(&v).Elem()})
				err, _ := out[0].Interface().(error)
				return in.jsonTypeErr(err, root)
			})
		}
	}
	if printNeeds {
		name := c0.child[1].ident
		if c0.rval.IsValid() && c0.rval.Kind() == reflect.Func && c0.rval.Type().IsVariadic() {
			fi := fmtFormatIndex(c0.rval.Type(), name)
			if fi >= 0 && fi < len(child) && n.action != aCallSlice && constantFormatPlain(child[fi]) {
				fi = -1 // nothing to rewrite in a constant format without %T or %w
			}
			if fi >= 0 || n.action == aCallSlice || spacedPrint[name] || printTypes {
				pf := wrapPrintFunc(n.interp, c0.rval, fi, name)
				value = func(*frame) reflect.Value { return pf }
			}
		} else if !c0.rval.IsValid() {
			// A method value (a *log.Logger's Printf): wrapped at each call.
			method := value
			value = func(f *frame) reflect.Value {
				fn := method(f)
				if fn.Kind() != reflect.Func || !fn.Type().IsVariadic() {
					return fn
				}
				if fi := fmtFormatIndex(fn.Type(), name); fi >= 0 || n.action == aCallSlice || spacedPrint[name] {
					return wrapPrintFunc(n.interp, fn, fi, name)
				}
				return fn
			}
		}
	}
	if name, method := logPrint(c0); name != "" {
		// archlab patch: log's file flags and a Logger's Fatal
		// (logvalue.go).
		value = wrapLogCall(n, c0, value, name, method)
	} else if method, ok := logOutputCall(c0); ok {
		value = wrapLogOutput(n, c0, value, method) // callerpos.go
	}
	l := len(values)
	// A namedBox that compiled code gives back as an any becomes the
	// interpreter's box of the value again (namedbox.go).
	// An error that spells a program struct type names it (errnames.go).
	var anyOut, errOut []int
	for i := 0; i < funcType.NumOut(); i++ {
		if t := funcType.Out(i); t.Kind() == reflect.Interface && t.NumMethod() == 0 {
			anyOut = append(anyOut, i)
		} else if t == errorType {
			errOut = append(errOut, i)
		}
	}
	if len(anyOut) > 0 || len(errOut) > 0 {
		call := callFn
		callFn = func(v reflect.Value, in []reflect.Value) []reflect.Value {
			out := call(v, in)
			for _, i := range anyOut {
				if isNamedBox(out[i]) {
					r := reflect.New(out[i].Type()).Elem()
					r.Set(unboxNamed(out[i]))
					out[i] = r
				}
			}
			for _, i := range errOut {
				out[i] = nameTypesInError(out[i])
			}
			return out
		}
	}

	switch {
	case n.anc.kind == deferStmt:
		// Store function call in frame for deferred execution.
		n.exec = func(f *frame) bltn {
			val := make([]reflect.Value, l+1)
			val[0] = value(f)
			for i, v := range values {
				val[i+1] = valueCopy(getBinValue(getMapType, v, f))
			}
			f.deferred = append([][]reflect.Value{val}, f.deferred...)
			return tnext
		}
	case n.anc.kind == goStmt:
		// Execute function in a goroutine, discard results.
		n.exec = func(f *frame) bltn {
			if stall && n.interp.unwinding.Load() > 0 && n.interp.awaitUnwinding(f) {
				return nil // stopped by another goroutine's panic
			}
			in := make([]reflect.Value, l)
			for i, v := range values {
				in[i] = valueCopy(getBinValue(getMapType, v, f))
			}
			go callFn(value(f), in)
			return tnext
		}
	case fnext != nil:
		// Handle branching according to boolean result.
		index := n.findex
		level := n.level
		n.exec = func(f *frame) bltn {
			if stall && n.interp.unwinding.Load() > 0 && n.interp.awaitUnwinding(f) {
				return nil // stopped by another goroutine's panic
			}
			in := make([]reflect.Value, l)
			for i, v := range values {
				in[i] = getBinValue(getMapType, v, f)
			}
			res := callFn(value(f), in)
			b := res[0].Bool()
			getFrame(f, level).data[index].SetBool(b)
			if b {
				return tnext
			}
			return fnext
		}
	default:
		switch n.anc.action {
		case aAssignX:
			// The function call is part of an assign expression, store results direcly
			// to assigned location, to avoid an additional frame copy.
			// The optimization of aAssign is handled in assign(), and should not
			// be handled here.
			rvalues := make([]func(*frame) reflect.Value, funcType.NumOut())
			for i := range rvalues {
				c := n.anc.child[i]
				if c.ident == "_" {
					continue
				}
				if isInterfaceSrc(c.typ) {
					rvalues[i] = genValueInterfaceValue(c)
				} else {
					rvalues[i] = genValue(c)
				}
			}
			// archlab patch: a map entry on the left (m["a"], err =
			// strconv.Atoi(s)) is stored with SetMapIndex; upstream set
			// a copy of the entry's value, and the map kept its old one.
			mapSet := make([]func(*frame, reflect.Value), len(rvalues))
			for i := range rvalues {
				if c := n.anc.child[i]; c.ident != "_" && isMapEntry(c) {
					mv, kv := genValue(c.child[0]), genMapKey(c.child[0], c.child[1], true)
					mapSet[i] = func(f *frame, v reflect.Value) {
						m := mv(f)
						if et := m.Type().Elem(); v.Type() != et && v.Type().ConvertibleTo(et) {
							v = v.Convert(et)
						}
						m.SetMapIndex(kv(f), v)
					}
				}
			}
			n.exec = func(f *frame) bltn {
				if stall && n.interp.unwinding.Load() > 0 && n.interp.awaitUnwinding(f) {
					return nil // stopped by another goroutine's panic
				}
				in := make([]reflect.Value, l)
				for i, v := range values {
					in[i] = getBinValue(getMapType, v, f)
				}
				out := callFn(value(f), in)
				for i, v := range rvalues {
					if v == nil {
						continue // Skip assign "_".
					}
					if ms := mapSet[i]; ms != nil {
						ms(f, out[i])
						continue
					}
					c := n.anc.child[i]
					if n.anc.kind == defineXStmt && !c.redeclared {
						// In case of a define statement, the destination value in the frame
						// must be recreated. This is necessary to preserve the previous value
						// which may be still used in a separate closure.
						data := getFrame(f, c.level).data
						data[c.findex] = reflect.New(data[c.findex].Type()).Elem()
						data[c.findex].Set(out[i])
						continue
					}
					v(f).Set(out[i])
				}
				return tnext
			}
		case aReturn:
			// The function call is part of a return statement, store output results
			// directly in the frame location of outputs of the current function.
			b := childPos(n)
			n.exec = func(f *frame) bltn {
				if stall && n.interp.unwinding.Load() > 0 && n.interp.awaitUnwinding(f) {
					return nil // stopped by another goroutine's panic
				}
				in := make([]reflect.Value, l)
				for i, v := range values {
					in[i] = getBinValue(getMapType, v, f)
				}
				out := callFn(value(f), in)
				for i, v := range out {
					dest := f.data[b+i]
					if dest.Type() == valueInterfaceType && !holdsValueInterface(v) {
						v = reflect.ValueOf(valueInterface{value: v})
					}
					dest.Set(v)
				}
				return tnext
			}
		default:
			n.exec = func(f *frame) bltn {
				if stall && n.interp.unwinding.Load() > 0 && n.interp.awaitUnwinding(f) {
					return nil // stopped by another goroutine's panic
				}
				in := make([]reflect.Value, l)
				for i, v := range values {
					in[i] = getBinValue(getMapType, v, f)
				}
				out := callFn(value(f), in)
				for i := 0; i < len(out); i++ {
					r := out[i]
					if r.Kind() == reflect.Func {
						getFrame(f, n.level).data[n.findex+i] = r
						continue
					}
					dest := getFrame(f, n.level).data[n.findex+i]
					if dest.Type() == valueInterfaceType && !holdsValueInterface(r) {
						r = reflect.ValueOf(valueInterface{value: r})
					}
					dest.Set(r)
				}
				return tnext
			}
		}
	}
}

// writesOutput reports whether c0 names a compiled method that writes
// output (w.Write, l.Print, bw.Flush).
func writesOutput(c0 *node) bool {
	if c0.kind != selectorExpr || len(c0.child) != 2 {
		return false
	}
	switch c0.child[1].ident {
	case "Write", "WriteString", "WriteByte", "WriteRune", "Flush", "Print", "Printf", "Println":
		return true
	}
	return false
}

// binArgType returns the type of argument k of a call of the compiled
// function of type ft (as callBin counts: rcvrOffset, the variadic
// parameter's index or -1, spread with ...), or nil past its parameters.
func binArgType(ft reflect.Type, rcvrOffset, variadic int, spread bool, k int) reflect.Type {
	if variadic >= 0 && k+rcvrOffset >= variadic {
		d := ft.In(variadic)
		if !spread {
			d = d.Elem()
		}
		return d
	}
	if k+rcvrOffset >= ft.NumIn() {
		return nil
	}
	return ft.In(k + rcvrOffset)
}

func getIndexBinMethod(n *node) {
	// dest := genValue(n)
	i := n.findex
	l := n.level
	m := n.val.(int)
	value := genValue(n.child[0])
	next := getExec(n.tnext)
	bind := bindsReceiver(n)

	n.exec = func(f *frame) bltn {
		// Can not use .Set() because dest type contains the receiver and source not
		// dest(f).Set(value(f).Method(m))
		v := value(f)
		if bind {
			v = copyValue(v)
		}
		getFrame(f, l).data[i] = v.Method(m)
		return next
	}
}

// bindsReceiver reports whether the method value of compiled type that n
// selects outlives its evaluation (f := x.M, defer x.M(), go x.M()): its
// receiver must then be copied, as Go evaluates it there. reflect's
// method value of an addressable Value reads the variable when called,
// so x = y before the call changed the receiver (archlab patch).
func bindsReceiver(n *node) bool {
	a := n.anc
	if a == nil || a.kind != callExpr || a.child[0] != n {
		return true
	}
	return a.anc != nil && (a.anc.kind == deferStmt || a.anc.kind == goStmt)
}

// copyValue returns v itself when it is not addressable, else a copy
// that later assignments to v's variable do not reach.
func copyValue(v reflect.Value) reflect.Value {
	if !v.IsValid() || !v.CanAddr() {
		return v
	}
	c := reflect.New(v.Type()).Elem()
	c.Set(v)
	return c
}

func getIndexBinElemMethod(n *node) {
	i := n.findex
	l := n.level
	m := n.val.(int)
	value := genValue(n.child[0])
	next := getExec(n.tnext)
	bind := bindsReceiver(n)

	n.exec = func(f *frame) bltn {
		// Can not use .Set() because dest type contains the receiver and source not
		v := value(f).Elem()
		if bind {
			v = copyValue(v) // a value method through a pointer copies *p where it is selected
		}
		getFrame(f, l).data[i] = v.Method(m)
		return next
	}
}

func getIndexBinPtrMethod(n *node) {
	i := n.findex
	l := n.level
	m := n.val.(int)
	value := genValue(n.child[0])
	next := getExec(n.tnext)

	n.exec = func(f *frame) bltn {
		// Can not use .Set() because dest type contains the receiver and source not
		getFrame(f, l).data[i] = value(f).Addr().Method(m)
		return next
	}
}

// jsonFieldStruct returns the name of the struct that holds the field at
// path (json's "addr.zip") below the struct t, as encoding/json names it
// in a type error (Address for addr.zip in User).
func jsonFieldStruct(t *itype, path string) string {
	name := t.name
	parts := strings.Split(path, ".")
	for _, p := range parts[:len(parts)-1] {
		st := t
		for st != nil && (st.cat == linkedT || st.cat == ptrT) {
			st = st.val
		}
		if st == nil || st.cat != structT {
			return name
		}
		var next *itype
		embedded := false
		for _, f := range st.field {
			key := f.name
			if tag := reflect.StructTag(f.tag).Get("json"); tag != "" {
				if k, _, _ := strings.Cut(tag, ","); k != "" {
					key = k
				}
			}
			if strings.EqualFold(key, p) {
				next, embedded = f.typ, f.embed
				break
			}
		}
		for next != nil && (next.cat == sliceT || next.cat == arrayT || next.cat == mapT || next.cat == ptrT) {
			next = next.val
		}
		if next == nil {
			return name
		}
		t = next
		if t.name != "" && !embedded {
			// An embedded struct's fields are the outer struct's to
			// json: Doc.Base.id (archlab patch: Base.Base.id).
			name = t.name
		}
	}
	return name
}

// assertName is Go's name of a type in a failed assertion's message: the
// interpreter's name where it has one (main.Name), reflect's otherwise
// (archlab patch: reflect gave string for a main.Name).
func assertName(t *itype, rt reflect.Type) string {
	if t != nil && t.cat != valueT && t.cat != nilT {
		return fmtTypeString(t)
	}
	if rt == nil {
		return "nil"
	}
	return rt.String()
}

// missingMethod returns the first method of the interface want, in name
// order as Go reports it, that the compiled type t lacks.
func missingMethod(t reflect.Type, want *itype) string {
	names := make([]string, 0, len(want.methods()))
	for name := range want.methods() {
		names = append(names, name)
	}
	sort.Strings(names)
	for _, name := range names {
		if _, ok := t.MethodByName(name); !ok {
			return name
		}
	}
	if len(names) > 0 {
		return names[0]
	}
	return ""
}

// getIndexArray returns array value from index.
// runtimeError is a run-time error of interpreted code, as Go's runtime
// raises it: a runtime.Error (archlab patch).
type runtimeError struct{ msg string }

func (e runtimeError) Error() string { return "runtime error: " + e.msg }

// RuntimeError marks runtimeError as a runtime.Error.
func (runtimeError) RuntimeError() {}

// typeAssertionError is a failed type assertion, as Go's
// *runtime.TypeAssertionError: a runtime.Error whose message has no
// "runtime error: " prefix (archlab patch).
type typeAssertionError struct{ msg string }

func (e typeAssertionError) Error() string { return e.msg }

// RuntimeError marks typeAssertionError as a runtime.Error.
func (typeAssertionError) RuntimeError() {}

var (
	zeroValuePanicRE    = regexp.MustCompile(`^reflect: call of reflect\.Value\.\w+ on zero Value$`)
	nilFuncPanicRE      = regexp.MustCompile(`^reflect(?:\.Value\.Call)?: call of nil function$`)
	assertionPanicRE    = regexp.MustCompile(`^(?:\S+:\d+:\d+: )?(interface conversion: .*)$`)
	sliceToArrayPanicRE = regexp.MustCompile(`^reflect: cannot convert slice with length (\d+) to (?:pointer to )?array with length (\d+)$`)
)

// goPanicValue returns the value Go's runtime panics with for a run-time
// error that reflect or the interpreter raised in its own words (a nil
// pointer dereference is "reflect: call of reflect.Value.Field on zero
// Value"), so that recover() gives a runtime.Error with Go's message;
// other values are returned as they are (archlab patch).
func goPanicValue(r interface{}) interface{} {
	var msg string
	switch x := r.(type) {
	case runtime.Error:
		if x.Error() == "runtime: allocation size out of range" {
			// reflect.MakeSlice of a huge length (archlab patch).
			return makeError("makeslice: len out of range")
		}
		return r
	case nil:
		return r
	case *cfgError:
		msg = x.Error()
	case *reflect.ValueError:
		msg = x.Error()
	case string:
		msg = x
	default:
		return r
	}
	switch {
	case zeroValuePanicRE.MatchString(msg), nilFuncPanicRE.MatchString(msg),
		msg == "reflect: Method on nil interface value",
		msg == "reflect: indirection through nil pointer to embedded struct":
		return nilDerefError()
	case msg == "reflect.MakeSlice: negative len":
		return makeError("makeslice: len out of range")
	case msg == "reflect.MakeSlice: negative cap" || msg == "reflect.MakeSlice: len > cap":
		return makeError("makeslice: cap out of range")
	case msg == "reflect.MakeChan: negative buffer size":
		return makeError("makechan: size out of range")
	case sliceToArrayPanicRE.MatchString(msg):
		m := sliceToArrayPanicRE.FindStringSubmatch(msg)
		return runtimeError{"cannot convert slice with length " + m[1] + " to array or pointer to array with length " + m[2]}
	}
	if _, ok := r.(*cfgError); ok {
		if m := assertionPanicRE.FindStringSubmatch(msg); m != nil {
			return typeAssertionError{m[1]}
		}
	}
	return r
}

// ptrMethodOnValue reports whether the method name of t is declared on
// *T while t is not a pointer: not in t's method set, so t does not
// implement an interface with it (archlab patch: upstream's assertions
// said it did).
func ptrMethodOnValue(t *itype, name string) bool {
	if t == nil || t.cat == ptrT {
		return false
	}
	m, index := t.lookupMethod(name)
	return m != nil && hasPtrReceiver(m) && !promotedThroughPtr(t, index)
}

// methodSetHas reports whether the method set of t has the methods of
// the interface typ: the pointer methods only when t is a pointer.
func methodSetHas(t, typ *itype) bool {
	if !t.methods().contains(typ.methods()) {
		return false
	}
	for name := range typ.methods() {
		if ptrMethodOnValue(t, name) {
			return false
		}
	}
	return true
}

// namedMismatch reports whether a value whose interpreted type is dyn (nil
// for a bare value) is not of the concrete type target although reflect
// sees one type: a named type over another (type Celsius float64) and
// its underlying type differ, and such values are boxed with their type
// when stored in an interface, so a bare value is never of one (archlab
// patch).
func namedMismatch(dyn, target *itype) bool {
	losesType := func(t *itype) bool { return isNamedNonStruct(t) || t.name == "" && elemLosesType(t, 0) }
	if dyn == nil {
		return losesType(target)
	}
	if losesType(dyn) || losesType(target) {
		return dyn.id() != target.id()
	}
	return false
}

// isNamedNonStruct reports whether t is a named interpreted type that is
// not a struct or an interface (type Celsius float64, type IDs []int):
// reflect sees its underlying type.
func isNamedNonStruct(t *itype) bool {
	if t == nil || t.cat == valueT || t.cat == structT || isInterfaceSrc(t) || t.name == "" {
		return false
	}
	return t.cat == linkedT || interpretedNamed(t)
}

// checkedIndex returns v.Index(i), or panics as Go does when i is out of
// range: "runtime error: index out of range [5] with length 2" (archlab
// patch: upstream let reflect panic "reflect: slice index out of range",
// a string that recover() returned and that no runtime.Error matched).
func checkedIndex(v reflect.Value, i int) reflect.Value {
	if k := v.Kind(); k == reflect.Slice || k == reflect.Array || k == reflect.String {
		if i < 0 {
			panic(indexError(fmt.Sprintf("index out of range [%d]", i), i, v.Len()))
		}
		if n := v.Len(); i >= n {
			panic(indexError(fmt.Sprintf("index out of range [%d] with length %d", i, n), i, n))
		}
	}
	return v.Index(i)
}

func getIndexArray(n *node) {
	tnext := getExec(n.tnext)
	value0 := genValueArray(n.child[0]) // array
	i := n.findex
	l := n.level

	if n.child[1].rval.IsValid() { // constant array index
		ai := int(vInt(n.child[1].rval))
		if n.fnext != nil {
			fnext := getExec(n.fnext)
			n.exec = func(f *frame) bltn {
				r := checkedIndex(value0(f), ai)
				getFrame(f, l).data[i] = r
				if r.Bool() {
					return tnext
				}
				return fnext
			}
		} else {
			n.exec = func(f *frame) bltn {
				getFrame(f, l).data[i] = checkedIndex(value0(f), ai)
				return tnext
			}
		}
	} else {
		value1 := genValueInt(n.child[1]) // array index

		if n.fnext != nil {
			fnext := getExec(n.fnext)
			n.exec = func(f *frame) bltn {
				_, vi := value1(f)
				r := checkedIndex(value0(f), int(vi))
				getFrame(f, l).data[i] = r
				if r.Bool() {
					return tnext
				}
				return fnext
			}
		} else {
			n.exec = func(f *frame) bltn {
				_, vi := value1(f)
				getFrame(f, l).data[i] = checkedIndex(value0(f), int(vi))
				return tnext
			}
		}
	}
}

// getIndexMap retrieves map value from index.
func getIndexMap(n *node) {
	dest := genValue(n)
	value0 := genValue(n.child[0]) // map
	tnext := getExec(n.tnext)
	z := reflect.New(n.child[0].typ.frameType().Elem()).Elem()

	if n.child[1].rval.IsValid() && !boxedKeys(n.child[0]) { // constant map index
		if mt := n.child[0].typ.frameType(); mt.Kind() == reflect.Map {
			// archlab patch: a typed constant folded from an expression
			// (const Editor Role = iota + 1) is still a constant.Value:
			// made a key of the map's type ("value of type
			// constant.Value is not assignable to type int").
			convertLiteralValue(n.child[1], mt.Key())
		}
		mi := n.child[1].rval

		switch {
		case n.fnext != nil:
			fnext := getExec(n.fnext)
			n.exec = func(f *frame) bltn {
				if v := value0(f).MapIndex(mi); v.IsValid() && v.Bool() {
					dest(f).SetBool(true)
					return tnext
				}
				dest(f).Set(z)
				return fnext
			}
		default:
			n.exec = func(f *frame) bltn {
				if v := value0(f).MapIndex(mi); v.IsValid() {
					dest(f).Set(v)
				} else {
					dest(f).Set(z)
				}
				return tnext
			}
		}
	} else {
		value1 := genMapKey(n.child[0], n.child[1], false) // map index (archlab patch)

		switch {
		case n.fnext != nil:
			fnext := getExec(n.fnext)
			n.exec = func(f *frame) bltn {
				if v := value0(f).MapIndex(value1(f)); v.IsValid() && v.Bool() {
					dest(f).SetBool(true)
					return tnext
				}
				dest(f).Set(z)
				return fnext
			}
		default:
			n.exec = func(f *frame) bltn {
				if v := value0(f).MapIndex(value1(f)); v.IsValid() {
					dest(f).Set(v)
				} else {
					dest(f).Set(z)
				}
				return tnext
			}
		}
	}
}

// getIndexMap2 retrieves map value from index and set status.
func getIndexMap2(n *node) {
	dest := genValue(n.anc.child[0])   // result
	value0 := genValue(n.child[0])     // map
	value2 := genValue(n.anc.child[1]) // status
	next := getExec(n.tnext)
	doValue := n.anc.child[0].ident != "_"
	doStatus := n.anc.child[1].ident != "_"

	if !doValue && !doStatus {
		nop(n)
		return
	}
	// store assigns the element v, or the zero element when the key is
	// absent (upstream left the variable as it was), made a value of the
	// variable's type when that is an interface, as a single assignment
	// does (upstream set it as it was: err, ok = m[k] with m's elements
	// *E panicked) (archlab patch).
	var conv func(*frame) reflect.Value
	elem := genValue(n) // n's location, of the element type
	if dt := n.anc.child[0].typ; doValue && toInterface(dt, n.typ) {
		conv = genDestValue(dt, n)
	}
	store := func(f *frame, v reflect.Value) {
		d := dest(f)
		if conv != nil {
			d = elem(f)
		}
		if v.IsValid() {
			d.Set(v)
		} else {
			d.Set(reflect.Zero(d.Type()))
		}
		if conv != nil {
			dest(f).Set(conv(f))
		}
	}
	if n.child[1].rval.IsValid() && !boxedKeys(n.child[0]) { // constant map index
		if mt := n.child[0].typ.frameType(); mt.Kind() == reflect.Map {
			// archlab patch: a typed constant folded from an expression
			// (const Editor Role = iota + 1) is still a constant.Value:
			// made a key of the map's type ("value of type
			// constant.Value is not assignable to type int").
			convertLiteralValue(n.child[1], mt.Key())
		}
		mi := n.child[1].rval
		switch {
		case !doValue:
			n.exec = func(f *frame) bltn {
				v := value0(f).MapIndex(mi)
				setBool(value2(f), v.IsValid())
				return next
			}
		default:
			n.exec = func(f *frame) bltn {
				v := value0(f).MapIndex(mi)
				store(f, v)
				if doStatus {
					setBool(value2(f), v.IsValid())
				}
				return next
			}
		}
	} else {
		value1 := genMapKey(n.child[0], n.child[1], false) // map index (archlab patch)
		switch {
		case !doValue:
			n.exec = func(f *frame) bltn {
				v := value0(f).MapIndex(value1(f))
				setBool(value2(f), v.IsValid())
				return next
			}
		default:
			n.exec = func(f *frame) bltn {
				v := value0(f).MapIndex(value1(f))
				store(f, v)
				if doStatus {
					setBool(value2(f), v.IsValid())
				}
				return next
			}
		}
	}
}

// getFunc compiles a closure function generator for anonymous functions.
func getFunc(n *node) {
	i := n.findex
	l := n.level
	next := getExec(n.tnext)
	numRet := len(n.typ.ret)
	// The func type is made once: goroutines making the same func
	// literal at once both wrote it (archlab patch: a data race in
	// itype.refType).
	var typeOnce sync.Once
	var funcType reflect.Type

	n.exec = func(f *frame) bltn {
		fr := f.clone()
		typeOnce.Do(func() { funcType = n.typ.TypeOf() })

		fct := reflect.MakeFunc(funcType, func(in []reflect.Value) []reflect.Value {
			// Allocate and init local frame. All values to be settable and addressable.
			fr2 := newFrame(fr, len(n.types), fr.runid())
			d := fr2.data
			n.newSlots(d, n.types)
			d = d[numRet:]

			// Copy function input arguments in local frame.
			for i, arg := range in {
				if i >= len(d) {
					// In case of unused arg, there may be not even a frame entry allocated, just skip.
					break
				}
				typ := n.typ.arg[i]
				switch {
				case isEmptyInterface(typ) && isNamedBox(arg):
					d[i].Set(unboxNamed(arg)) // namedbox.go
				case isEmptyInterface(typ) || typ.TypeOf() == valueInterfaceType:
					d[i].Set(arg)
				case isInterfaceSrc(typ):
					d[i].Set(reflect.ValueOf(valueInterface{value: arg.Elem()}))
				default:
					d[i].Set(arg)
				}
			}

			// Interpreter code execution.
			runCfg(n.child[3].start, fr2, n, n)

			return fr2.data[:numRet]
		})

		f.mutex.Lock()
		getFrame(f, l).data[i] = fct
		f.mutex.Unlock()

		return next
	}
}

func getMethod(n *node) {
	i := n.findex
	l := n.level
	next := getExec(n.tnext)

	n.exec = func(f *frame) bltn {
		nod := *(n.val.(*node))
		nod.val = &nod
		nod.recv = n.recv
		getFrame(f, l).data[i] = genFuncValue(&nod)(f)
		return next
	}
}

func getMethodByName(n *node) {
	next := getExec(n.tnext)
	value0 := genValue(n.child[0])
	name := n.child[1].ident
	i := n.findex
	l := n.level
	// Whether the method value is only called, here and now (s.Area()),
	// not kept, deferred or run on a goroutine.
	// The call is compiled as an interpreted one (call), not as a call of
	// a compiled func (callBin: a method of an embedded compiled
	// interface).
	called := n.anc != nil && n.anc.kind == callExpr && n.anc.child[0] == n && n.anc.action != aCallSlice &&
		n.anc.anc != nil && n.anc.anc.kind != deferStmt && n.anc.anc.kind != goStmt &&
		n.typ != nil && n.typ.cat == funcT && !isBinCall(n.anc, n.anc.scope)

	// Which fields the struct embeds: reflect marks a field anonymous only
	// when it is the struct's only one (golang/go#15924), so ask the
	// interpreter's type.
	embedded := map[int]bool{}
	st := n.child[0].typ
	for st != nil && (st.cat == ptrT || st.cat == linkedT) {
		st = st.val
	}
	if st != nil && st.cat == structT {
		for i, fl := range st.field {
			embedded[i] = fl.embed
		}
	}

	// archlab patch: the path to an interface embedded deeper (c.M() with
	// C{B{I}}); upstream looked one level down only.
	deepPath := embeddedIfacePath(n.child[0].typ, name)

	n.exec = func(f *frame) bltn {
		// The interface object must be directly accessible, or embedded in a struct (exported anonymous field).
		val0 := value0(f)
		val, ok := value0(f).Interface().(valueInterface)
		if !ok && len(deepPath) > 1 {
			fv := val0
			for _, idx := range deepPath {
				for fv.Kind() == reflect.Ptr {
					if fv.IsNil() {
						panic(nilDerefError())
					}
					fv = fv.Elem()
				}
				fv = fv.Field(idx)
			}
			if fv.CanInterface() {
				val, ok = fv.Interface().(valueInterface)
			}
		}
		if !ok {
			// Search the first embedded valueInterface.
			for val0.Kind() == reflect.Ptr {
				val0 = val0.Elem()
			}
			for i := 0; i < val0.NumField(); i++ {
				fld := val0.Type().Field(i)
				if !(fld.Anonymous || embedded[i]) || !fld.IsExported() {
					continue
				}
				if val, ok = val0.Field(i).Interface().(valueInterface); ok {
					break
					// TODO: should we keep track of all the vals that are indeed valueInterface,
					// so that later on we can call MethodByName on all of them until one matches?
				}
			}
			if !ok {
				panic(n.cfgErrorf("invalid interface value %v", val0))
			}
		}
		// Traverse nested interface values to get the concrete value.
		for {
			v, ok := val.value.Interface().(valueInterface)
			if !ok {
				break
			}
			val = v
		}

		if met := val.value.MethodByName(name); met.IsValid() {
			getFrame(f, l).data[i] = met
			return next
		}

		typ := val.node.typ
		if typ.node == nil && typ.cat == valueT {
			// It happens with a var of empty interface type, that has value of concrete type
			// from runtime, being asserted to "user-defined" interface.
			if _, ok := typ.rtype.MethodByName(name); !ok {
				panic(n.cfgErrorf("method not found: %s", name))
			}
			return next
		}

		// Finally search method recursively in embedded valueInterfaces.
		r, m, li := lookupMethodValue(val, name)
		if r.IsValid() {
			getFrame(f, l).data[i] = r
			return next
		}
		if m == nil {
			panic(n.cfgErrorf("method not found: %s", name))
		}

		nod := *m
		nod.val = &nod
		nod.recv = &receiver{val: val.value, index: li, atCall: true} // through an interface: read at each call
		if called {
			// archlab patch: the call runs the method's node itself,
			// with this receiver (see call), without making a
			// reflect.MakeFunc wrapper at every call.
			nod.rval = reflect.Value{} // not a compiled func to call
			getFrame(f, l).data[i] = reflect.ValueOf(&nod)
			return next
		}
		getFrame(f, l).data[i] = genFuncValue(&nod)(f)
		return next
	}
}

// lookupMethodValue recursively looks within val for the method with the given
// name. If a runtime value is found, it is returned in r, otherwise it is returned
// in m, with li as the list of recursive field indexes.
func lookupMethodValue(val valueInterface, name string) (r reflect.Value, m *node, li []int) {
	if r = val.value.MethodByName(name); r.IsValid() {
		return
	}
	if m, li = val.node.typ.lookupMethod(name); m != nil {
		return
	}
	if !isStruct(val.node.typ) {
		return
	}
	v := val.value
	for v.Type().Kind() == reflect.Ptr {
		v = v.Elem()
	}
	nf := v.NumField()
	for i := 0; i < nf; i++ {
		vi, ok := v.Field(i).Interface().(valueInterface)
		if !ok {
			continue
		}
		if r, m, li = lookupMethodValue(vi, name); m != nil {
			li = append([]int{i}, li...)
			return
		}
	}
	// archlab patch: an interface embedded deeper, in an embedded struct.
	if path := embeddedIfacePath(val.node.typ, name); len(path) > 1 {
		fv := v
		for _, idx := range path {
			for fv.Kind() == reflect.Ptr && !fv.IsNil() {
				fv = fv.Elem()
			}
			if fv.Kind() != reflect.Struct {
				break
			}
			fv = fv.Field(idx)
		}
		if fv.CanInterface() {
			if vi, ok := fv.Interface().(valueInterface); ok && vi.node != nil {
				if r, m, li = lookupMethodValue(vi, name); r.IsValid() {
					return r, nil, nil
				} else if m != nil {
					return r, m, append(path, li...)
				}
			}
		}
	}
	// archlab patch: a method promoted from an embedded compiled type
	// (sync.Mutex's Lock, *strings.Reader's Read), called through an
	// interface of the program; reflect does not promote it, as the
	// field is not marked embedded for it.
	st := val.node.typ
	for st != nil && (st.cat == ptrT || st.cat == linkedT) {
		st = st.val
	}
	for i := 0; st != nil && i < nf && i < len(st.field); i++ {
		if !st.field[i].embed {
			continue
		}
		fv := v.Field(i)
		if fv.CanAddr() {
			if r = fv.Addr().MethodByName(name); r.IsValid() {
				return
			}
		}
		if fv.Kind() != reflect.Ptr || !fv.IsNil() {
			if r = fv.MethodByName(name); r.IsValid() {
				return
			}
		}
	}
	return
}

func getIndexSeq(n *node) {
	value := genValue(n.child[0])
	index := n.val.([]int)
	tnext := getExec(n.tnext)
	i := n.findex
	l := n.level

	// Note:
	// Here we have to store the result using
	//    f.data[i] = value(...)
	// instead of normal
	//    dest(f).Set(value(...)
	// because the value returned by FieldByIndex() must be preserved
	// for possible future Set operations on the struct field (avoid a
	// dereference from Set, resulting in setting a copy of the
	// original field).

	if n.fnext != nil {
		fnext := getExec(n.fnext)
		n.exec = func(f *frame) bltn {
			v := value(f)
			r := v.FieldByIndex(index)
			getFrame(f, l).data[i] = r
			if r.Bool() {
				return tnext
			}
			return fnext
		}
	} else {
		if readsKeptAny(n) {
			n.exec = func(f *frame) bltn {
				getFrame(f, l).data[i] = unboxedField(value(f).FieldByIndex(index))
				return tnext
			}
			return
		}
		n.exec = func(f *frame) bltn {
			v := value(f)
			getFrame(f, l).data[i] = v.FieldByIndex(index)
			return tnext
		}
	}
}

func getPtrIndexSeq(n *node) {
	index := n.val.([]int)
	tnext := getExec(n.tnext)
	value := genValue(n.child[0])
	i := n.findex
	l := n.level

	if n.fnext != nil {
		fnext := getExec(n.fnext)
		n.exec = func(f *frame) bltn {
			r := value(f).Elem().FieldByIndex(index)
			getFrame(f, l).data[i] = r
			if r.Bool() {
				return tnext
			}
			return fnext
		}
	} else {
		if readsKeptAny(n) {
			n.exec = func(f *frame) bltn {
				getFrame(f, l).data[i] = unboxedField(value(f).Elem().FieldByIndex(index))
				return tnext
			}
			return
		}
		n.exec = func(f *frame) bltn {
			getFrame(f, l).data[i] = value(f).Elem().FieldByIndex(index)
			return tnext
		}
	}
}

func getIndexSeqField(n *node) {
	value := genValue(n.child[0])
	index := n.val.([]int)
	i := n.findex
	l := n.level
	tnext := getExec(n.tnext)

	if n.fnext != nil {
		fnext := getExec(n.fnext)
		if n.child[0].typ.TypeOf().Kind() == reflect.Ptr {
			n.exec = func(f *frame) bltn {
				r := value(f).Elem().FieldByIndex(index)
				getFrame(f, l).data[i] = r
				if r.Bool() {
					return tnext
				}
				return fnext
			}
		} else {
			n.exec = func(f *frame) bltn {
				r := value(f).FieldByIndex(index)
				getFrame(f, l).data[i] = r
				if r.Bool() {
					return tnext
				}
				return fnext
			}
		}
	} else {
		if readsKeptAny(n) {
			ptr := n.child[0].typ.TypeOf().Kind() == reflect.Ptr
			n.exec = func(f *frame) bltn {
				v := value(f)
				if ptr {
					v = v.Elem()
				}
				getFrame(f, l).data[i] = unboxedField(v.FieldByIndex(index))
				return tnext
			}
			return
		}
		if n.child[0].typ.TypeOf().Kind() == reflect.Ptr {
			n.exec = func(f *frame) bltn {
				getFrame(f, l).data[i] = value(f).Elem().FieldByIndex(index)
				return tnext
			}
		} else {
			n.exec = func(f *frame) bltn {
				getFrame(f, l).data[i] = value(f).FieldByIndex(index)
				return tnext
			}
		}
	}
}

func getIndexSeqPtrMethod(n *node) {
	value := genValue(n.child[0])
	index := n.val.([]int)
	fi := index[1:]
	mi := index[0]
	i := n.findex
	l := n.level
	next := getExec(n.tnext)

	if n.child[0].typ.TypeOf().Kind() == reflect.Ptr {
		if len(fi) == 0 {
			n.exec = func(f *frame) bltn {
				getFrame(f, l).data[i] = value(f).Method(mi)
				return next
			}
		} else {
			n.exec = func(f *frame) bltn {
				getFrame(f, l).data[i] = value(f).Elem().FieldByIndex(fi).Addr().Method(mi)
				return next
			}
		}
	} else {
		if len(fi) == 0 {
			n.exec = func(f *frame) bltn {
				getFrame(f, l).data[i] = value(f).Addr().Method(mi)
				return next
			}
		} else {
			n.exec = func(f *frame) bltn {
				getFrame(f, l).data[i] = value(f).FieldByIndex(fi).Addr().Method(mi)
				return next
			}
		}
	}
}

func getIndexSeqMethod(n *node) {
	value := genValue(n.child[0])
	index := n.val.([]int)
	fi := index[1:]
	mi := index[0]
	i := n.findex
	l := n.level
	next := getExec(n.tnext)

	if len(fi) > 0 && bindsReceiver(n) {
		// A method value (year := c.Year, defer b.WriteString(s)) of a
		// method promoted from an embedded compiled field binds the
		// field's value now, as Go evaluates the receiver (archlab
		// patch: it read the field when called).
		ptr := n.child[0].typ.TypeOf().Kind() == reflect.Ptr
		n.exec = func(f *frame) bltn {
			v := value(f)
			if ptr {
				v = v.Elem()
			}
			getFrame(f, l).data[i] = copyValue(v.FieldByIndex(fi)).Method(mi)
			return next
		}
		return
	}

	if n.child[0].typ.TypeOf().Kind() == reflect.Ptr {
		if len(fi) == 0 {
			n.exec = func(f *frame) bltn {
				getFrame(f, l).data[i] = value(f).Elem().Method(mi)
				return next
			}
		} else {
			n.exec = func(f *frame) bltn {
				getFrame(f, l).data[i] = value(f).Elem().FieldByIndex(fi).Method(mi)
				return next
			}
		}
	} else {
		if len(fi) == 0 {
			n.exec = func(f *frame) bltn {
				getFrame(f, l).data[i] = value(f).Method(mi)
				return next
			}
		} else {
			n.exec = func(f *frame) bltn {
				getFrame(f, l).data[i] = value(f).FieldByIndex(fi).Method(mi)
				return next
			}
		}
	}
}

func neg(n *node) {
	dest := genValue(n)
	value := genValue(n.child[0])
	next := getExec(n.tnext)
	typ := n.typ.concrete().TypeOf()
	isInterface := n.typ.TypeOf().Kind() == reflect.Interface

	switch n.typ.TypeOf().Kind() {
	case reflect.Int, reflect.Int8, reflect.Int16, reflect.Int32, reflect.Int64:
		if isInterface {
			n.exec = func(f *frame) bltn {
				dest(f).Set(reflect.ValueOf(-value(f).Int()).Convert(typ))
				return next
			}
			return
		}
		n.exec = func(f *frame) bltn {
			dest(f).SetInt(-value(f).Int())
			return next
		}
	case reflect.Uint, reflect.Uint8, reflect.Uint16, reflect.Uint32, reflect.Uint64, reflect.Uintptr:
		if isInterface {
			n.exec = func(f *frame) bltn {
				dest(f).Set(reflect.ValueOf(-value(f).Uint()).Convert(typ))
				return next
			}
			return
		}
		n.exec = func(f *frame) bltn {
			dest(f).SetUint(-value(f).Uint())
			return next
		}
	case reflect.Float32, reflect.Float64:
		if isInterface {
			n.exec = func(f *frame) bltn {
				dest(f).Set(reflect.ValueOf(-value(f).Float()).Convert(typ))
				return next
			}
			return
		}
		n.exec = func(f *frame) bltn {
			dest(f).SetFloat(-value(f).Float())
			return next
		}
	case reflect.Complex64, reflect.Complex128:
		if isInterface {
			n.exec = func(f *frame) bltn {
				dest(f).Set(reflect.ValueOf(-value(f).Complex()).Convert(typ))
				return next
			}
			return
		}
		n.exec = func(f *frame) bltn {
			dest(f).SetComplex(-value(f).Complex())
			return next
		}
	}
}

func pos(n *node) {
	dest := genValue(n)
	value := genValue(n.child[0])
	next := getExec(n.tnext)

	n.exec = func(f *frame) bltn {
		dest(f).Set(value(f))
		return next
	}
}

func bitNot(n *node) {
	dest := genValue(n)
	value := genValue(n.child[0])
	next := getExec(n.tnext)
	typ := n.typ.concrete().TypeOf()
	isInterface := n.typ.TypeOf().Kind() == reflect.Interface

	switch typ.Kind() {
	case reflect.Int, reflect.Int8, reflect.Int16, reflect.Int32, reflect.Int64:
		if isInterface {
			n.exec = func(f *frame) bltn {
				dest(f).Set(reflect.ValueOf(^value(f).Int()).Convert(typ))
				return next
			}
			return
		}
		n.exec = func(f *frame) bltn {
			dest(f).SetInt(^value(f).Int())
			return next
		}
	case reflect.Uint, reflect.Uint8, reflect.Uint16, reflect.Uint32, reflect.Uint64, reflect.Uintptr:
		if isInterface {
			n.exec = func(f *frame) bltn {
				dest(f).Set(reflect.ValueOf(^value(f).Uint()).Convert(typ))
				return next
			}
			return
		}
		n.exec = func(f *frame) bltn {
			dest(f).SetUint(^value(f).Uint())
			return next
		}
	}
}

func land(n *node) {
	value0 := genValue(n.child[0])
	value1 := genValue(n.child[1])
	tnext := getExec(n.tnext)
	dest := genValue(n)
	typ := n.typ.concrete().TypeOf()
	isInterface := n.typ.TypeOf().Kind() == reflect.Interface

	if n.fnext != nil {
		fnext := getExec(n.fnext)
		n.exec = func(f *frame) bltn {
			if value0(f).Bool() && value1(f).Bool() {
				dest(f).SetBool(true)
				return tnext
			}
			dest(f).SetBool(false)
			return fnext
		}
		return
	}
	if isInterface {
		n.exec = func(f *frame) bltn {
			dest(f).Set(reflect.ValueOf(value0(f).Bool() && value1(f).Bool()).Convert(typ))
			return tnext
		}
		return
	}
	n.exec = func(f *frame) bltn {
		dest(f).SetBool(value0(f).Bool() && value1(f).Bool())
		return tnext
	}
}

func lor(n *node) {
	value0 := genValue(n.child[0])
	value1 := genValue(n.child[1])
	tnext := getExec(n.tnext)
	dest := genValue(n)
	typ := n.typ.concrete().TypeOf()
	isInterface := n.typ.TypeOf().Kind() == reflect.Interface

	if n.fnext != nil {
		fnext := getExec(n.fnext)
		n.exec = func(f *frame) bltn {
			if value0(f).Bool() || value1(f).Bool() {
				dest(f).SetBool(true)
				return tnext
			}
			dest(f).SetBool(false)
			return fnext
		}
		return
	}
	if isInterface {
		n.exec = func(f *frame) bltn {
			dest(f).Set(reflect.ValueOf(value0(f).Bool() || value1(f).Bool()).Convert(typ))
			return tnext
		}
		return
	}
	n.exec = func(f *frame) bltn {
		dest(f).SetBool(value0(f).Bool() || value1(f).Bool())
		return tnext
	}
}

func nop(n *node) {
	next := getExec(n.tnext)

	n.exec = func(f *frame) bltn {
		return next
	}
}

func branch(n *node) {
	tnext := getExec(n.tnext)
	fnext := getExec(n.fnext)
	value := genValue(n)

	n.exec = func(f *frame) bltn {
		if value(f).Bool() {
			return tnext
		}
		return fnext
	}
}

func _return(n *node) {
	child := n.child
	def := n.val.(*node)
	values := make([]func(*frame) reflect.Value, len(child))
	for i, c := range child {
		switch t := def.typ.ret[i]; t.cat {
		case errorT:
			values[i] = genInterfaceWrapper(c, t.TypeOf())
		case funcT:
			// archlab patch: a function's node returned as a value (return
			// add, return Format[int]) is made a func value of the
			// result's type; upstream set the node in the result
			// ("reflect.Set: value of type *interp.node is not
			// assignable").
			values[i] = genFuncValue(c)
		case valueT:
			switch t.rtype.Kind() {
			case reflect.Interface:
				values[i] = genInterfaceWrapper(c, t.TypeOf())
				continue
			case reflect.Func:
				values[i] = genFunctionWrapper(c)
				continue
			}
			fallthrough
		default:
			switch {
			case isInterfaceSrc(t):
				// archlab patch: a value whose type has methods is boxed
				// with its type, as where it is assigned to an any
				// (return s, s a *Sq, kept *Sq's methods and name).
				if len(t.field) == 0 && (!hasSrcMethods(c.typ) || isCompiledPtr(c.typ)) {
					// empty interface case.
					// we can't let genValueInterface deal with it, because we call on c,
					// not on n, which means that the interfaceT knowledge is lost.
					values[i] = genValue(c)
					if c.typ != nil && isFuncSrc(c.typ) {
						values[i] = genFuncValue(c) // archlab patch: return b, b a func, as an any
					}
					break
				}
				values[i] = genValueInterface(c)
			case c.typ.untyped:
				values[i] = genValueAs(c, t.TypeOf())
			default:
				values[i] = genValue(c)
			}
		}
	}

	if len(child) == 1 && isRegularCall(child[0]) && len(child[0].child[0].typ.ret) > 1 && !sameTypes(child[0].child[0].typ.ret, def.typ.ret) {
		// return g() with g's results in the call's locations (cfg):
		// each is made a value of the function's result type. Upstream
		// compared and converted the first result only, so return g()
		// with g returning (int, *E) from a func returning (int, error)
		// panicked, and (T, U) to (I, J) lost the second (archlab patch).
		results := make([]func(*frame) reflect.Value, len(def.typ.ret))
		for i, t := range def.typ.ret {
			results[i] = genCallResult(t, child[0], i)
		}
		n.exec = func(f *frame) bltn {
			for i, result := range results {
				f.data[i].Set(result(f))
			}
			return nil
		}
		return
	}

	if len(child) > 1 && namedResults(def) {
		// return y, x with named results x, y: every value is read before
		// any result is set, as Go evaluates them first (archlab patch:
		// the second read the first's new value).
		n.exec = func(f *frame) bltn {
			vals := make([]reflect.Value, len(values))
			for i, value := range values {
				vals[i] = copyValue(value(f))
			}
			for i, v := range vals {
				f.data[i].Set(v)
			}
			return nil
		}
		return
	}

	switch len(child) {
	case 0:
		n.exec = nil
	case 1:
		switch {
		case !child[0].rval.IsValid() && child[0].kind == binaryExpr && child[0].findex == 0:
			// No additional runtime operation is necessary for constants (not in frame) or
			// binary expressions (stored directly at the right location in frame).
			n.exec = nil
		case isCall(child[0]) && n.child[0].typ.id() == def.typ.ret[0].id():
			// Calls are optmized as long as no type conversion is involved.
			n.exec = nil
		default:
			// Regular return: store the value to return at to start of the frame.
			v := values[0]
			n.exec = func(f *frame) bltn {
				f.data[0].Set(v(f))
				return nil
			}
		}
	case 2:
		v0, v1 := values[0], values[1]
		n.exec = func(f *frame) bltn {
			f.data[0].Set(v0(f))
			f.data[1].Set(v1(f))
			return nil
		}
	default:
		n.exec = func(f *frame) bltn {
			for i, value := range values {
				f.data[i].Set(value(f))
			}
			return nil
		}
	}
}

// namedResults reports whether the function fn names its results.
func namedResults(fn *node) bool {
	if fn == nil || len(fn.child) < 3 || len(fn.child[2].child) < 3 {
		return false
	}
	for _, f := range fn.child[2].child[2].child {
		if len(f.child) > 1 {
			return true
		}
	}
	return false
}

func arrayLit(n *node) {
	value := valueGenerator(n, n.findex)
	next := getExec(n.tnext)
	child := n.child
	if n.nleft == 1 {
		child = n.child[1:]
	}

	values := make([]func(*frame) reflect.Value, len(child))
	index := make([]int, len(child))
	var max, prev int

	ntyp := n.typ.resolveAlias()
	for i, c := range child {
		if c.kind == keyValueExpr {
			values[i] = genDestValue(ntyp.val, c.child[1])
			index[i] = int(vInt(c.child[0].rval))
		} else {
			values[i] = genDestValue(ntyp.val, c)
			index[i] = prev
		}
		prev = index[i] + 1
		if prev > max {
			max = prev
		}
	}

	typ := n.typ.frameType()
	kind := typ.Kind()
	n.exec = func(f *frame) bltn {
		var a reflect.Value
		if kind == reflect.Slice {
			a = reflect.MakeSlice(typ, max, max)
		} else {
			a, _ = n.typ.zero()
		}
		for i, v := range values {
			a.Index(index[i]).Set(v(f))
		}
		storeLiteral(value(f), a, n)
		return next
	}
}

// storeLiteral stores a, the value of the composite literal n, in d, its
// location: boxed with n's type where d is an interface of the program
// (var l L = Ints{3, 1, 2}); upstream set the bare value there, a
// reflect.Set panic. An archlab addition.
func storeLiteral(d, a reflect.Value, n *node) {
	if d.Type() == valueInterfaceType || d.Kind() == reflect.Interface && isInterfaceSrc(destType(n)) && len(destType(n).field) > 0 {
		d.Set(reflect.ValueOf(valueInterface{n, a}))
		return
	}
	d.Set(a)
}

func mapLit(n *node) {
	value := valueGenerator(n, n.findex)
	next := getExec(n.tnext)
	child := n.child
	if n.nleft == 1 {
		child = n.child[1:]
	}
	typ := n.typ.frameType()
	keys := make([]func(*frame) reflect.Value, len(child))
	values := make([]func(*frame) reflect.Value, len(child))
	for i, c := range child {
		keys[i] = genDestValue(n.typ.key, c.child[0])
		if boxedKeys(n) {
			keys[i] = genMapKey(n, c.child[0], true) // archlab patch
		}
		values[i] = genDestValue(n.typ.val, c.child[1])
	}

	n.exec = func(f *frame) bltn {
		m := reflect.MakeMap(typ)
		for i, k := range keys {
			m.SetMapIndex(k(f), values[i](f))
		}
		storeLiteral(value(f), m, n)
		return next
	}
}

func compositeBinMap(n *node) {
	value := valueGenerator(n, n.findex)
	next := getExec(n.tnext)
	child := n.child
	if n.nleft == 1 {
		child = n.child[1:]
	}
	typ := n.typ.frameType()
	keys := make([]func(*frame) reflect.Value, len(child))
	values := make([]func(*frame) reflect.Value, len(child))
	for i, c := range child {
		convertLiteralValue(c.child[0], typ.Key())
		convertLiteralValue(c.child[1], typ.Elem())
		keys[i] = genValue(c.child[0])

		if isFuncSrc(c.child[1].typ) {
			values[i] = genFunctionWrapper(c.child[1])
		} else {
			values[i] = genValue(c.child[1])
		}
	}

	n.exec = func(f *frame) bltn {
		m := reflect.MakeMap(typ)
		for i, k := range keys {
			m.SetMapIndex(k(f), values[i](f))
		}
		storeLiteral(value(f), m, n)
		return next
	}
}

func compositeBinSlice(n *node) {
	value := valueGenerator(n, n.findex)
	next := getExec(n.tnext)
	child := n.child
	if n.nleft == 1 {
		child = n.child[1:]
	}

	values := make([]func(*frame) reflect.Value, len(child))
	index := make([]int, len(child))
	rtype := n.typ.rtype.Elem()
	var max, prev int

	for i, c := range child {
		if c.kind == keyValueExpr {
			convertLiteralValue(c.child[1], rtype)
			values[i] = genValue(c.child[1])
			index[i] = int(vInt(c.child[0].rval))
		} else {
			convertLiteralValue(c, rtype)
			values[i] = genValue(c)
			index[i] = prev
		}
		prev = index[i] + 1
		if prev > max {
			max = prev
		}
	}

	typ := n.typ.frameType()
	kind := typ.Kind()
	n.exec = func(f *frame) bltn {
		var a reflect.Value
		if kind == reflect.Slice {
			a = reflect.MakeSlice(typ, max, max)
		} else {
			a, _ = n.typ.zero()
		}
		for i, v := range values {
			a.Index(index[i]).Set(v(f))
		}
		storeLiteral(value(f), a, n)
		return next
	}
}

// doCompositeBinStruct creates and populates a struct object from a binary type.
func doCompositeBinStruct(n *node, hasType bool) {
	next := getExec(n.tnext)
	value := valueGenerator(n, n.findex)
	typ := n.typ.rtype
	if n.typ.cat == ptrT || n.typ.cat == linkedT {
		typ = n.typ.val.rtype
	}
	if typ != nil && typ.Kind() == reflect.Ptr {
		typ = typ.Elem() // an elided &T{...} of a compiled T (archlab patch)
	}
	child := n.child
	if hasType {
		child = n.child[1:]
	}
	values := make([]func(*frame) reflect.Value, len(child))
	fieldIndex := make([][]int, len(child))
	for i, c := range child {
		if c.kind == keyValueExpr {
			if sf, ok := typ.FieldByName(c.child[0].ident); ok {
				fieldIndex[i] = sf.Index
				convertLiteralValue(c.child[1], sf.Type)
				switch {
				case isFuncSrc(c.child[1].typ):
					values[i] = genFunctionWrapper(c.child[1])
				case programValueForIface(c.child[1], sf.Type):
					values[i] = genInterfaceWrapper(c.child[1], sf.Type)
				default:
					values[i] = genValue(c.child[1])
				}
			}
		} else {
			fieldIndex[i] = []int{i}
			if isFuncSrc(c.typ) && len(c.child) > 1 {
				convertLiteralValue(c.child[1], typ.Field(i).Type)
				values[i] = genFunctionWrapper(c.child[1])
			} else {
				convertLiteralValue(c, typ.Field(i).Type)
				if programValueForIface(c, typ.Field(i).Type) {
					values[i] = genInterfaceWrapper(c, typ.Field(i).Type)
				} else {
					values[i] = genValue(c)
				}
			}
		}
	}

	frameIndex := n.findex
	l := n.level
	assigned := assignedComposite(n)

	n.exec = func(f *frame) bltn {
		s := reflect.New(typ).Elem()
		for i, v := range values {
			s.FieldByIndex(fieldIndex[i]).Set(v(f))
		}
		d := value(f)
		switch {
		case d.Kind() == reflect.Ptr:
			d.Set(s.Addr())
		default:
			storeComposite(getFrame(f, l), frameIndex, s, assigned)
		}
		return next
	}
}

func compositeBinStruct(n *node)       { doCompositeBinStruct(n, true) }
func compositeBinStructNotype(n *node) { doCompositeBinStruct(n, false) }

func destType(n *node) *itype {
	switch n.anc.kind {
	case assignStmt, defineStmt:
		return n.anc.child[0].typ
	default:
		return n.typ
	}
}

func doComposite(n *node, hasType bool, keyed bool) {
	value := valueGenerator(n, n.findex)
	next := getExec(n.tnext)
	typ := n.typ
	if typ.cat == ptrT || typ.cat == linkedT {
		typ = typ.val
	}
	child := n.child
	if hasType {
		child = n.child[1:]
	}
	destInterface := isInterfaceSrc(destType(n))

	// The field values in the order the literal gives them: a slice, not
	// a map, so a literal costs no map iteration (archlab patch).
	type fieldValue struct {
		index int
		value func(*frame) reflect.Value
	}
	var values []fieldValue
	set := func(i int, v func(*frame) reflect.Value) {
		for k := range values {
			if values[k].index == i {
				values[k].value = v
				return
			}
		}
		values = append(values, fieldValue{i, v})
	}
	for i, c := range child {
		var val *node
		var fieldIndex int
		if keyed {
			val = c.child[1]
			fieldIndex = typ.fieldIndex(c.child[0].ident)
		} else {
			val = c
			fieldIndex = i
		}
		ft := typ.field[fieldIndex].typ
		rft := ft.TypeOf()
		convertLiteralValue(val, rft)
		if !keyed && typ.field[fieldIndex].name == "_" {
			// A blank field stays zero, as Go keeps it; its value is
			// still evaluated (archlab patch: upstream stored it, and ==
			// then compared it).
			values = append(values, fieldValue{-1, genValue(val)})
			continue
		}
		switch {
		case val.typ.cat == nilT:
			set(fieldIndex, func(*frame) reflect.Value { return reflect.New(rft).Elem() })
		case isNamedFuncSrc(val.typ):
			set(fieldIndex, genValueAsFunctionWrapper(val))
		case isInterfaceSrc(ft) && (!isEmptyInterface(ft) || hasSrcMethods(val.typ)):
			set(fieldIndex, genValueInterface(val))
		case isInterface(ft):
			set(fieldIndex, genInterfaceWrapper(val, rft))
		default:
			set(fieldIndex, genValue(val))
		}
	}

	frameIndex := n.findex
	l := n.level
	rt := typ.TypeOf()
	assigned := assignedComposite(n)

	n.exec = func(f *frame) bltn {
		a := reflect.New(rt).Elem()
		for _, v := range values {
			if v.index < 0 {
				v.value(f)
				continue
			}
			a.Field(v.index).Set(v.value(f))
		}
		d := value(f)
		switch {
		case d.Kind() == reflect.Ptr:
			d.Set(a.Addr())
		case destInterface && (d.Kind() == reflect.Interface || d.Type() == valueInterfaceType):
			// archlab patch: only where the literal's location is the
			// interface variable itself (s = Sq{3}); for an element or a
			// field (shapes[0] = Sq{3}) the location is the literal's own,
			// and the assignment boxes it (upstream panicked in reflect.Set).
			if len(destType(n).field) > 0 {
				d.Set(reflect.ValueOf(valueInterface{n, a}))
				break
			}
			d.Set(a)
		default:
			storeComposite(getFrame(f, l), frameIndex, a, assigned)
		}
		return next
	}
}

// storeComposite stores the struct value a made by a composite literal in
// frame location i. When the literal is assigned to a variable (v =
// T{...}, compiled as writing v's location directly), a is copied into
// it: a pointer to v, a closure that uses v and v's field addresses must
// see the new value, as in Go; upstream replaced the location, so they
// kept the old one (archlab patch). Otherwise (v := T{...}, &T{...}, a
// temporary) the location gets a of its own, a new variable each time.
func storeComposite(fr *frame, i int, a reflect.Value, assigned bool) {
	if d := fr.data[i]; assigned && d.IsValid() && d.CanSet() && d.Type() == a.Type() {
		d.Set(a)
		return
	}
	fr.data[i] = a
}

// assignedComposite reports whether the composite literal n is the value
// of an assignment (not a definition) compiled to write the assigned
// variable's location itself.
func assignedComposite(n *node) bool {
	a := n.anc
	return a != nil && a.kind == assignStmt && len(a.child) == 2 && a.child[1] == n &&
		a.child[0].findex == n.findex && a.child[0].level == n.level
}

// doCompositeLit creates and populates a struct object.
func doCompositeLit(n *node, hasType bool) {
	doComposite(n, hasType, false)
}

func compositeLit(n *node)       { doCompositeLit(n, true) }
func compositeLitNotype(n *node) { doCompositeLit(n, false) }

// doCompositeLitKeyed creates a struct Object, filling fields from sparse key-values.
func doCompositeLitKeyed(n *node, hasType bool) {
	doComposite(n, hasType, true)
}

func compositeLitKeyed(n *node)       { doCompositeLitKeyed(n, true) }
func compositeLitKeyedNotype(n *node) { doCompositeLitKeyed(n, false) }

func empty(n *node) {}

var rat = reflect.ValueOf((*[]rune)(nil)).Type().Elem() // runes array type

func _range(n *node) {
	index0 := n.child[0].findex // array index location in frame
	index2 := index0 - 1        // shallow array for range, always just behind index0
	index3 := index2 - 1        // additional location to store string char position
	fnext := getExec(n.fnext)
	tnext := getExec(n.tnext)

	var value func(*frame) reflect.Value
	var an *node
	if len(n.child) == 4 {
		an = n.child[2]
		index1 := n.child[1].findex // array value location in frame
		if isString(an.typ.TypeOf()) {
			// Special variant of "range" for string, where the index indicates the byte position
			// of the rune in the string, rather than the index of the rune in array.
			// archlab patch: decoded in place, as Go does: an invalid
			// byte is one RuneError of width 1 (upstream converted to
			// []rune and back, which counted 3 bytes for it, and took
			// time quadratic in the string's length).
			value = genValue(an)
			n.exec = rangeString(index0, index1, index2, index3, tnext, fnext)
		} else {
			value = genValueRangeArray(an)
			n.exec = func(f *frame) bltn {
				a := f.data[index2]
				v0 := f.data[index0]
				v0.SetInt(v0.Int() + 1)
				i := int(v0.Int())
				if i >= a.Len() {
					return fnext
				}
				f.data[index1].Set(a.Index(i))
				return tnext
			}
		}
	} else {
		an = n.child[1]
		if isString(an.typ.TypeOf()) {
			// The byte position of each rune (archlab patch: upstream gave
			// the rune's number).
			value = genValue(an)
			n.exec = rangeString(index0, -1, index2, index3, tnext, fnext)
		} else {
			value = genValueRangeArray(an)
			if l := arrayPtrLen(an); l >= 0 {
				// archlab patch: for i := range pa, pa a pointer to an
				// array, counts the array's length without reading pa
				// (a nil one too), as Go does.
				z := reflect.New(an.typ.TypeOf().Elem()).Elem()
				value = func(*frame) reflect.Value { return z }
			}
			n.exec = func(f *frame) bltn {
				v0 := f.data[index0]
				v0.SetInt(v0.Int() + 1)
				if int(v0.Int()) >= f.data[index2].Len() {
					return fnext
				}
				return tnext
			}
		}
	}

	// Init sequence
	next := n.exec
	index, start := index0, int64(-1)
	if isString(an.typ.TypeOf()) {
		index, start = index3, 0 // the next rune's byte position
	}
	n.child[0].exec = func(f *frame) bltn {
		f.data[index2] = value(f) // set array shallow copy for range
		f.data[index].SetInt(start)
		return next
	}
}

// rangeString is a step of range over the string in frame location str:
// the rune at byte position next (a location) goes to key (its position)
// and val (the rune; -1: no value variable), as Go decodes it.
func rangeString(key, val, str, next int, tnext, fnext bltn) bltn {
	return func(f *frame) bltn {
		s := f.data[str].String()
		pos := int(f.data[next].Int())
		if pos >= len(s) {
			return fnext
		}
		r, size := utf8.DecodeRuneInString(s[pos:])
		f.data[key].SetInt(int64(pos))
		if val >= 0 {
			f.data[val].SetInt(int64(r))
		}
		f.data[next].SetInt(int64(pos + size))
		return tnext
	}
}

func rangeChan(n *node) {
	i := n.child[0].findex        // element index location in frame
	value := genValue(n.child[1]) // chan
	fnext := getExec(n.fnext)
	tnext := getExec(n.tnext)

	n.exec = func(f *frame) bltn {
		f.mutex.RLock()
		done := f.doneCase()
		f.mutex.RUnlock()

		chosen, v, ok := reflect.Select([]reflect.SelectCase{done, {Dir: reflect.SelectRecv, Chan: value(f)}})
		if chosen == 0 {
			return nil
		}
		if !ok {
			return fnext
		}
		f.data[i].Set(v)
		return tnext
	}
}

func rangeMap(n *node) {
	index0 := n.child[0].findex // map index location in frame
	index2 := index0 - 1        // iterator for range, always just behind index0
	fnext := getExec(n.fnext)
	tnext := getExec(n.tnext)

	var value func(*frame) reflect.Value
	if len(n.child) == 4 {
		index1 := n.child[1].findex  // map value location in frame
		value = genValue(n.child[2]) // map
		n.exec = func(f *frame) bltn {
			iter := f.data[index2].Interface().(*reflect.MapIter)
			if !iter.Next() {
				return fnext
			}
			f.data[index0].Set(iter.Key())
			f.data[index1].Set(iter.Value())
			return tnext
		}
	} else {
		value = genValue(n.child[1]) // map
		n.exec = func(f *frame) bltn {
			iter := f.data[index2].Interface().(*reflect.MapIter)
			if !iter.Next() {
				return fnext
			}
			f.data[index0].Set(iter.Key())
			return tnext
		}
	}

	// Init sequence
	next := n.exec
	n.child[0].exec = func(f *frame) bltn {
		f.data[index2].Set(reflect.ValueOf(value(f).MapRange()))
		return next
	}
}

func _case(n *node) {
	tnext := getExec(n.tnext)

	// TODO(mpl): a lot of what is done in typeAssert should probably be redone/reused here.
	switch {
	case n.anc.anc.kind == typeSwitch && len(n.child) == 0:
		// An empty default clause (archlab patch).
		n.exec = func(f *frame) bltn { return tnext }
	case n.anc.anc.kind == typeSwitch:
		fnext := getExec(n.fnext)
		sn := n.anc.anc // switch node
		types := make([]*itype, len(n.child)-1)
		for i := range types {
			types[i] = n.child[i].typ
		}
		srcValue := genValue(sn.child[1].lastChild().child[0])

		if len(sn.child[1].child) != 2 || len(n.lastChild().child) == 0 {
			// no assign in switch guard, or (archlab patch) a clause with
			// no statements and no binding made (an empty default:
			// upstream indexed its missing binding, a panic)
			if len(n.child) <= 1 {
				n.exec = func(f *frame) bltn { return tnext }
				break
			}
			n.exec = func(f *frame) bltn {
				v := srcValue(f)
				for _, typ := range types {
					if _, ok := switchMatch(f, v, typ, false); ok {
						return tnext
					}
				}
				return fnext
			}
			break
		}

		// assign in switch guard; each time a clause is chosen, its
		// variable is a new one, as a definition's (archlab patch: &v
		// or a closure in a loop kept the last value).
		destValue := genFreshValue(n.lastChild().child[0])
		switch len(types) {
		case 0:
			// default clause: assign var to interface value
			n.exec = func(f *frame) bltn {
				destValue(f).Set(srcValue(f))
				return tnext
			}
		case 1:
			// match against 1 type: the variable takes that type
			typ := types[0]
			n.exec = func(f *frame) bltn {
				v := srcValue(f)
				r, ok := switchMatch(f, v, typ, true)
				if !ok {
					return fnext
				}
				if typ.cat == nilT {
					destValue(f).Set(v)
				} else if r.IsValid() {
					destValue(f).Set(r)
				}
				return tnext
			}
		default:
			// several types: the variable has the guard's type
			n.exec = func(f *frame) bltn {
				v := srcValue(f)
				for _, typ := range types {
					if _, ok := switchMatch(f, v, typ, false); ok {
						destValue(f).Set(v)
						return tnext
					}
				}
				return fnext
			}
		}

	case len(n.child) <= 1: // default clause
		n.exec = func(f *frame) bltn { return tnext }

	default:
		fnext := getExec(n.fnext)
		l := len(n.anc.anc.child)
		tag := n.anc.anc.child[l-2]
		value := genValue(tag)
		values := make([]func(*frame) reflect.Value, len(n.child)-1)
		boxed := make([]bool, len(values))
		for i := range values {
			values[i] = genValue(n.child[i])
			if c := n.child[i]; tag.typ != nil && isInterface(tag.typ) && isNamedNonStruct(c.typ) {
				// archlab patch: case ErrA: with ErrA a constant of a
				// named type (type Code int) and the tag an error: the
				// case value is compared as the box it makes in an
				// interface, with its type, as == does (namedIfaceCompare).
				v, rt := values[i], c.typ.TypeOf()
				values[i] = func(f *frame) reflect.Value {
					x := v(f)
					if x.Type() != rt && x.Type().ConvertibleTo(rt) {
						x = x.Convert(rt)
					}
					return reflect.ValueOf(valueInterface{c, x})
				}
				boxed[i] = true
			}
		}
		// archlab patch: case nil matches a nil slice, map, func, pointer,
		// channel or interface tag; upstream compared a nil slice with
		// the nil literal's value, which never matched.
		nilCase := make([]bool, len(values))
		for i := range values {
			nilCase[i] = n.child[i].typ != nil && n.child[i].typ.cat == nilT && tag.typ != nil && tag.typ.cat != nilT
		}
		n.exec = func(f *frame) bltn {
			v0 := value(f)
			// An interface tag is compared as == compares it, the type of
			// a named value in it included (var a any = ErrA: case 1 is
			// no match).
			tagIface := v0.Kind() == reflect.Interface || v0.IsValid() && v0.Type() == valueInterfaceType
			for i, v := range values {
				if nilCase[i] {
					if isNilValue(v0) {
						return tnext
					}
					continue
				}
				if boxed[i] || tagIface {
					if ifaceEqual(v0.Interface(), v(f).Interface()) {
						return tnext
					}
					continue
				}
				if caseMatch(v0, v(f)) {
					return tnext
				}
			}
			return fnext
		}
	}
}

// switchMatch reports whether v, the value of a type switch's guard,
// matches the case type typ, as Go's type switch does: nil matches nil
// only, a concrete type matches that dynamic type, an interface matches a
// dynamic type that has its methods (interpreted or compiled). With
// result, it also returns the value a variable of the case's type takes.
func switchMatch(f *frame, v reflect.Value, typ *itype, result bool) (reflect.Value, bool) {
	// The dynamic value: its interpreter node, when it has one, and its
	// concrete reflect value.
	var nod *node
	c := v
	unbox := func() {
		for c.IsValid() && c.Kind() == reflect.Interface {
			if c.IsNil() {
				c = reflect.Value{}
				return
			}
			c = c.Elem()
		}
	}
	unbox()
	if isNamedBox(c) {
		c = unboxNamed(c) // namedbox.go
	}
	for c.IsValid() {
		vi, ok := c.Interface().(valueInterface)
		if !ok {
			break
		}
		nod, c = vi.node, vi.value
		unbox()
	}
	if c.IsValid() && nod == nil {
		if t := c.Type(); t.Kind() == reflect.Struct && t.NumField() > 0 && t.Field(0).Name == "IValue" {
			// A compiled interface's wrapper of an interpreter value.
			c = c.Field(0)
			unbox()
			if c.IsValid() {
				if vi, ok := c.Interface().(valueInterface); ok {
					nod, c = vi.node, vi.value
					unbox()
				}
			}
		}
	}
	if nod != nil && (nod.typ == nil || nod.typ.cat == nilT) {
		// The interpreter's untyped nil.
		nod, c = nil, reflect.Value{}
	}
	if nod == nil && isInterfaceSrc(typ) {
		// A program struct value without its box (archlab patch).
		if in := interpOf(typ); in != nil {
			if t := in.bareType(c); t != nil {
				nod = &node{typ: t, interp: in}
			}
		}
	}
	if !c.IsValid() {
		return reflect.Value{}, typ.cat == nilT
	}
	if typ.cat == nilT {
		return reflect.Value{}, false
	}
	interpreted := nod != nil && nod.typ.cat != valueT

	switch {
	case isEmptyInterface(typ):
		return v, true
	case isInterfaceSrc(typ):
		var ok bool
		if interpreted {
			ok = methodSetHas(nod.typ, typ)
		} else {
			ok = compiledImplements(c.Type(), typ)
		}
		if !ok || !result {
			return reflect.Value{}, ok
		}
		n2 := nod
		if !interpreted {
			n2 = &node{typ: valueTOf(c.Type())}
		}
		return reflect.ValueOf(valueInterface{n2, c}), true
	case isInterfaceBin(typ):
		rt := typ.TypeOf()
		if !interpreted {
			ok := c.Type().Implements(rt)
			return c, ok
		}
		if !methodSetHas(nod.typ, typ) {
			return reflect.Value{}, false
		}
		if !result {
			return reflect.Value{}, true
		}
		tmp := *nod
		tmp.kind = identExpr
		tmp.sym = nil
		tmp.rval = c
		return genInterfaceWrapper(&tmp, rt)(f), true
	case interpreted:
		if nod.typ.id() == typ.id() {
			return c, true
		}
		return reflect.Value{}, false
	default:
		rt := typ.TypeOf()
		if rt != nil && c.Type() == rt && !namedMismatch(nil, typ) {
			return c, true
		}
		return reflect.Value{}, false
	}
}

func implementsInterface(v reflect.Value, t *itype) bool {
	rt := v.Type()
	if t.cat == valueT {
		return rt.Implements(t.rtype)
	}
	vt := &itype{cat: valueT, rtype: rt}
	if vt.methods().contains(t.methods()) {
		return true
	}
	vi, ok := v.Interface().(valueInterface)
	if !ok {
		return false
	}
	return vi.node != nil && vi.node.typ.methods().contains(t.methods())
}

func appendSlice(n *node) {
	dest := genValueOutput(n, n.typ.rtype)
	next := getExec(n.tnext)
	value := genValue(n.child[1])
	value0 := genValue(n.child[2])

	if isString(n.child[2].typ.TypeOf()) {
		typ := reflect.TypeOf([]byte{})
		n.exec = func(f *frame) bltn {
			dest(f).Set(reflect.AppendSlice(value(f), value0(f).Convert(typ)))
			return next
		}
	} else {
		n.exec = func(f *frame) bltn {
			dest(f).Set(reflect.AppendSlice(value(f), value0(f)))
			return next
		}
	}
}

func _append(n *node) {
	// Only append(s, t...) appends t's elements: append(xs, s) of a
	// []any s to a []any appends s as one element (archlab patch:
	// upstream spread it).
	if len(n.child) == 3 && n.action == aCallSlice {
		c1, c2 := n.child[1], n.child[2]
		if (c1.typ.cat == valueT || c2.typ.cat == valueT) && c1.typ.rtype == c2.typ.rtype ||
			isArray(c2.typ) && c2.typ.elem().id() == n.typ.elem().id() ||
			isByteArray(c1.typ.TypeOf()) && isString(c2.typ.TypeOf()) {
			appendSlice(n)
			return
		}
	}

	dest := genValueOutput(n, n.typ.rtype)
	value := genValue(n.child[1])
	next := getExec(n.tnext)

	switch l := len(n.child); {
	case l == 2:
		n.exec = func(f *frame) bltn {
			dest(f).Set(value(f))
			return next
		}
	case l > 3:
		args := n.child[2:]
		l := len(args)
		values := make([]func(*frame) reflect.Value, l)
		for i, arg := range args {
			switch elem := n.typ.elem(); {
			case isInterfaceSrc(elem) && (!isEmptyInterface(elem) || hasSrcMethods(arg.typ)):
				values[i] = genValueInterface(arg)
			case isInterfaceBin(elem):
				values[i] = genInterfaceWrapper(arg, elem.rtype)
			case arg.typ.untyped:
				values[i] = genValueAs(arg, n.child[1].typ.TypeOf().Elem())
			default:
				values[i] = genValue(arg)
			}
		}

		// archlab patch: an argument read from a slice's element
		// (append(s[:i], x, s[i])) is copied before the first is
		// appended, which may overwrite that element.
		for i, arg := range args {
			if arg.kind == indexExpr || arg.kind == starExpr || arg.kind == selectorExpr {
				v := values[i]
				values[i] = func(f *frame) reflect.Value {
					x := v(f)
					if !x.CanAddr() {
						return x
					}
					c := reflect.New(x.Type()).Elem()
					c.Set(x)
					return c
				}
			}
		}
		n.exec = func(f *frame) bltn {
			sl := make([]reflect.Value, l)
			for i, v := range values {
				sl[i] = v(f)
			}
			dest(f).Set(reflect.Append(value(f), sl...))
			return next
		}
	default:
		var value0 func(*frame) reflect.Value
		switch elem := n.typ.elem(); {
		case isInterfaceSrc(elem) && (!isEmptyInterface(elem) || hasSrcMethods(n.child[2].typ)):
			value0 = genValueInterface(n.child[2])
		case isInterfaceBin(elem):
			value0 = genInterfaceWrapper(n.child[2], elem.rtype)
		case n.child[2].typ.untyped:
			value0 = genValueAs(n.child[2], n.child[1].typ.TypeOf().Elem())
		default:
			value0 = genValue(n.child[2])
		}

		n.exec = func(f *frame) bltn {
			dest(f).Set(reflect.Append(value(f), value0(f)))
			return next
		}
	}
}

func _cap(n *node) {
	if l := arrayPtrLen(n.child[1]); l >= 0 {
		lenOfArrayPtr(n, l)
		return
	}
	dest := genValueOutput(n, reflect.TypeOf(int(0)))
	value := genValue(n.child[1])
	next := getExec(n.tnext)

	if wantEmptyInterface(n) {
		n.exec = func(f *frame) bltn {
			dest(f).Set(reflect.ValueOf(value(f).Cap()))
			return next
		}
		return
	}
	n.exec = func(f *frame) bltn {
		dest(f).SetInt(int64(value(f).Cap()))
		return next
	}
}

func _copy(n *node) {
	in := []func(*frame) reflect.Value{genValueArray(n.child[1]), genValue(n.child[2])}
	out := []func(*frame) reflect.Value{genValueOutput(n, reflect.TypeOf(0))}

	genBuiltinDeferWrapper(n, in, out, func(args []reflect.Value) []reflect.Value {
		cnt := reflect.Copy(args[0], args[1])
		return []reflect.Value{reflect.ValueOf(cnt)}
	})
}

func _close(n *node) {
	in := []func(*frame) reflect.Value{genValue(n.child[1])}

	genBuiltinDeferWrapper(n, in, nil, func(args []reflect.Value) []reflect.Value {
		args[0].Close()
		return nil
	})
}

func _complex(n *node) {
	dest := genValueOutput(n, reflect.TypeOf(complex(0, 0)))
	c1, c2 := n.child[1], n.child[2]
	convertLiteralValue(c1, floatType)
	convertLiteralValue(c2, floatType)
	value0 := genValue(c1)
	value1 := genValue(c2)
	next := getExec(n.tnext)

	typ := n.typ.TypeOf()
	if isComplex(typ) {
		if wantEmptyInterface(n) {
			n.exec = func(f *frame) bltn {
				dest(f).Set(reflect.ValueOf(complex(value0(f).Float(), value1(f).Float())))
				return next
			}
			return
		}
		n.exec = func(f *frame) bltn {
			dest(f).SetComplex(complex(value0(f).Float(), value1(f).Float()))
			return next
		}
		return
	}
	// Not a complex type: ignore imaginary part
	n.exec = func(f *frame) bltn {
		dest(f).Set(value0(f).Convert(typ))
		return next
	}
}

func _imag(n *node) {
	dest := genValueOutput(n, reflect.TypeOf(float64(0)))
	convertLiteralValue(n.child[1], complexType)
	value := genValue(n.child[1])
	next := getExec(n.tnext)

	if wantEmptyInterface(n) {
		n.exec = func(f *frame) bltn {
			dest(f).Set(reflect.ValueOf(imag(value(f).Complex())))
			return next
		}
		return
	}
	n.exec = func(f *frame) bltn {
		dest(f).SetFloat(imag(value(f).Complex()))
		return next
	}
}

func _real(n *node) {
	dest := genValueOutput(n, reflect.TypeOf(float64(0)))
	convertLiteralValue(n.child[1], complexType)
	value := genValue(n.child[1])
	next := getExec(n.tnext)

	if wantEmptyInterface(n) {
		n.exec = func(f *frame) bltn {
			dest(f).Set(reflect.ValueOf(real(value(f).Complex())))
			return next
		}
		return
	}
	n.exec = func(f *frame) bltn {
		dest(f).SetFloat(real(value(f).Complex()))
		return next
	}
}

func _delete(n *node) {
	value0 := genValue(n.child[1])                     // map
	value1 := genMapKey(n.child[1], n.child[2], false) // key (archlab patch)
	in := []func(*frame) reflect.Value{value0, value1}
	var z reflect.Value

	genBuiltinDeferWrapper(n, in, nil, func(args []reflect.Value) []reflect.Value {
		args[0].SetMapIndex(args[1], z)
		return nil
	})
}

func capConst(n *node) {
	// There is no Cap() method for reflect.Type, just return Len() instead.
	lenConst(n)
}

func lenConst(n *node) {
	n.rval = reflect.New(reflect.TypeOf(int(0))).Elem()
	c1 := n.child[1]
	if c1.rval.IsValid() {
		n.rval.SetInt(int64(len(vString(c1.rval))))
		return
	}
	t := c1.typ.TypeOf()
	for t.Kind() == reflect.Ptr {
		t = t.Elem()
	}
	n.rval.SetInt(int64(t.Len()))
}

// arrayPtrLen returns the length of the array that c, a pointer to an
// array, points to, or -1: len and cap of a pointer to an array are its
// type's, even for a nil pointer, as in Go (archlab addition).
func arrayPtrLen(c *node) int {
	if c.typ == nil {
		return -1
	}
	t := c.typ.TypeOf()
	if t == nil || t.Kind() != reflect.Ptr || t.Elem().Kind() != reflect.Array {
		return -1
	}
	return t.Elem().Len()
}

// lenOfArrayPtr sets n, len or cap of a pointer to an array, to l.
func lenOfArrayPtr(n *node, l int) {
	dest := genValueOutput(n, reflect.TypeOf(int(0)))
	value := genValue(n.child[1]) // evaluated for its effects, never dereferenced
	next := getExec(n.tnext)
	if wantEmptyInterface(n) {
		n.exec = func(f *frame) bltn {
			value(f)
			dest(f).Set(reflect.ValueOf(l))
			return next
		}
		return
	}
	n.exec = func(f *frame) bltn {
		value(f)
		dest(f).SetInt(int64(l))
		return next
	}
}

func _len(n *node) {
	if l := arrayPtrLen(n.child[1]); l >= 0 {
		lenOfArrayPtr(n, l)
		return
	}
	dest := genValueOutput(n, reflect.TypeOf(int(0)))
	value := genValue(n.child[1])
	if isPtr(n.child[1].typ) {
		val := value
		value = func(f *frame) reflect.Value {
			v := val(f).Elem()
			for v.Kind() == reflect.Ptr {
				v = v.Elem()
			}
			return v
		}
	}
	next := getExec(n.tnext)

	if wantEmptyInterface(n) {
		n.exec = func(f *frame) bltn {
			dest(f).Set(reflect.ValueOf(value(f).Len()))
			return next
		}
		return
	}
	n.exec = func(f *frame) bltn {
		dest(f).SetInt(int64(value(f).Len()))
		return next
	}
}

func _new(n *node) {
	next := getExec(n.tnext)
	t1 := n.child[1].typ
	typ := t1.TypeOf()
	dest := genValueOutput(n, reflect.PtrTo(typ))

	if isInterfaceSrc(t1) && (!isEmptyInterface(t1) || len(t1.method) > 0) {
		typ = zeroInterfaceValue().Type()
	}

	if c := n.child[1]; !c.isType(n.scope) && typ.Kind() != reflect.Interface {
		// new(expr) (Go 1.26): a new variable holding the value
		// (archlab patch: upstream gave the zero value of its type).
		convertLiteralValue(c, typ)
		value := genValue(c)
		n.exec = func(f *frame) bltn {
			v := reflect.New(typ)
			x := value(f)
			if x.Type() != typ {
				x = x.Convert(typ)
			}
			v.Elem().Set(x)
			dest(f).Set(v)
			return next
		}
		return
	}

	n.exec = func(f *frame) bltn {
		v := reflect.New(typ)
		if vi, ok := v.Interface().(*valueInterface); ok {
			vi.node = n
		}
		dest(f).Set(v)
		return next
	}
}

// _make allocates and initializes a slice, a map or a chan.
func _make(n *node) {
	next := getExec(n.tnext)
	typ := n.child[1].typ.frameType()
	dest := genValueOutput(n, typ)

	switch typ.Kind() {
	case reflect.Array, reflect.Slice:
		value := genValue(n.child[2])

		switch len(n.child) {
		case 3:
			n.exec = func(f *frame) bltn {
				length := int(vInt(value(f)))
				dest(f).Set(reflect.MakeSlice(typ, length, length))
				return next
			}
		case 4:
			value1 := genValue(n.child[3])
			n.exec = func(f *frame) bltn {
				dest(f).Set(reflect.MakeSlice(typ, int(vInt(value(f))), int(vInt(value1(f)))))
				return next
			}
		}

	case reflect.Chan:
		// archlab patch: make(chan<- int) makes a channel of both
		// directions, converted (reflect.MakeChan refuses a
		// unidirectional type).
		ctyp := typ
		if typ.ChanDir() != reflect.BothDir {
			ctyp = reflect.ChanOf(reflect.BothDir, typ.Elem())
		}
		mk := func(size int) reflect.Value {
			c := reflect.MakeChan(ctyp, size)
			if ctyp != typ {
				c = c.Convert(typ)
			}
			return c
		}
		switch len(n.child) {
		case 2:
			n.exec = func(f *frame) bltn {
				dest(f).Set(mk(0))
				return next
			}
		case 3:
			value := genValue(n.child[2])
			n.exec = func(f *frame) bltn {
				dest(f).Set(mk(int(vInt(value(f)))))
				return next
			}
		}

	case reflect.Map:
		switch len(n.child) {
		case 2:
			n.exec = func(f *frame) bltn {
				dest(f).Set(reflect.MakeMap(typ))
				return next
			}
		case 3:
			value := genValue(n.child[2])
			n.exec = func(f *frame) bltn {
				dest(f).Set(reflect.MakeMapWithSize(typ, int(vInt(value(f)))))
				return next
			}
		}
	}
}

func reset(n *node) {
	next := getExec(n.tnext)

	switch l := len(n.child) - 1; l {
	case 1:
		typ := n.child[0].typ.frameType()
		i := n.child[0].findex
		n.exec = func(f *frame) bltn {
			f.data[i] = reflect.New(typ).Elem()
			return next
		}
	case 2:
		c0, c1 := n.child[0], n.child[1]
		i0, i1 := c0.findex, c1.findex
		t0, t1 := c0.typ.frameType(), c1.typ.frameType()
		n.exec = func(f *frame) bltn {
			f.data[i0] = reflect.New(t0).Elem()
			f.data[i1] = reflect.New(t1).Elem()
			return next
		}
	default:
		types := make([]reflect.Type, l)
		index := make([]int, l)
		for i, c := range n.child[:l] {
			index[i] = c.findex
			types[i] = c.typ.frameType()
		}
		n.exec = func(f *frame) bltn {
			for i, ind := range index {
				f.data[ind] = reflect.New(types[i]).Elem()
			}
			return next
		}
	}
}

// recv reads from a channel.
func recv(n *node) {
	value := genValue(n.child[0])
	tnext := getExec(n.tnext)
	i := n.findex
	l := n.level

	if n.interp.cancelChan {
		// Cancellable channel read
		if n.fnext != nil {
			fnext := getExec(n.fnext)
			n.exec = func(f *frame) bltn {
				// Fast: channel read doesn't block
				ch := value(f)
				if r, ok := ch.TryRecv(); ok {
					storeRecv(&getFrame(f, l).data[i], r)
					if r.Bool() {
						return tnext
					}
					return fnext
				}
				// Slow: channel read blocks, allow cancel
				f.mutex.RLock()
				done := f.doneCase()
				f.mutex.RUnlock()

				chosen, v, _ := reflect.Select([]reflect.SelectCase{done, {Dir: reflect.SelectRecv, Chan: ch}})
				if chosen == 0 {
					return nil
				}
				if v.Bool() {
					return tnext
				}
				return fnext
			}
		} else {
			n.exec = func(f *frame) bltn {
				// Fast: channel read doesn't block
				ch := value(f)
				if r, ok := ch.TryRecv(); ok {
					storeRecv(&getFrame(f, l).data[i], r)
					return tnext
				}
				// Slow: channel is blocked, allow cancel
				f.mutex.RLock()
				done := f.doneCase()
				f.mutex.RUnlock()

				chosen, r, _ := reflect.Select([]reflect.SelectCase{done, {Dir: reflect.SelectRecv, Chan: ch}})
				if chosen == 0 {
					return nil
				}
				storeRecv(&getFrame(f, l).data[i], r)
				return tnext
			}
		}
	} else {
		// Blocking channel read (less overhead)
		if n.fnext != nil {
			fnext := getExec(n.fnext)
			n.exec = func(f *frame) bltn {
				if r, _ := value(f).Recv(); r.Bool() {
					storeRecv(&getFrame(f, l).data[i], r)
					return tnext
				}
				return fnext
			}
		} else {
			i := n.findex
			n.exec = func(f *frame) bltn {
				r, _ := value(f).Recv()
				storeRecv(&getFrame(f, l).data[i], r)
				return tnext
			}
		}
	}
}

// storeRecv stores v, a received value, in the frame location d. An
// archlab patch: upstream replaced the location with v, which is not
// addressable, so that a later Set of it panicked (return <-c in a func
// literal: "reflect.Value.Set using unaddressable value").
func storeRecv(d *reflect.Value, v reflect.Value) {
	if d.IsValid() && d.CanSet() && v.IsValid() && v.Type().AssignableTo(d.Type()) {
		d.Set(v)
		return
	}
	*d = v
}

func recv2(n *node) {
	vchan := genValue(n.child[0])    // chan
	vres := genValue(n.anc.child[0]) // result
	vok := genValue(n.anc.child[1])  // status
	tnext := getExec(n.tnext)

	// store sets the received value. For v, ok = <-ch with v an
	// interface, the value is received into n's location and made a value
	// of v's type, as a single assignment does; upstream set it as it
	// was, which panicked for a concrete type (archlab patch).
	store := func(f *frame, v reflect.Value) { vres(f).Set(v) }
	if dt := n.anc.child[0].typ; n.anc.child[0].ident != "_" && toInterface(dt, n.typ) {
		elem, conv := genValue(n), genDestValue(dt, n)
		store = func(f *frame, v reflect.Value) {
			elem(f).Set(v)
			vres(f).Set(conv(f))
		}
	}

	if n.interp.cancelChan {
		// Cancellable channel read
		n.exec = func(f *frame) bltn {
			ch, status := vchan(f), vok(f)
			//  Fast: channel read doesn't block
			if v, ok := ch.TryRecv(); ok {
				store(f, v)
				setBool(status, true)
				return tnext
			}
			// Slow: channel is blocked, allow cancel
			f.mutex.RLock()
			done := f.doneCase()
			f.mutex.RUnlock()

			chosen, v, ok := reflect.Select([]reflect.SelectCase{done, {Dir: reflect.SelectRecv, Chan: ch}})
			if chosen == 0 {
				return nil
			}
			store(f, v)
			setBool(status, ok)
			return tnext
		}
	} else {
		// Blocking channel read (less overhead)
		n.exec = func(f *frame) bltn {
			v, ok := vchan(f).Recv()
			store(f, v)
			setBool(vok(f), ok)
			return tnext
		}
	}
}

func convertLiteralValue(n *node, t reflect.Type) {
	switch {
	case n.typ.cat == nilT:
		// Create a zero value of target type.
		n.rval = reflect.New(t).Elem()
	case !(n.kind == basicLit || n.rval.IsValid()) || t == nil || t.Kind() == reflect.Interface || t == valueInterfaceType || t.Kind() == reflect.Slice && t.Elem().Kind() == reflect.Interface:
		// Skip non-constant values, undefined target type or interface target type.
	case isBinVar(n):
		// archlab patch: a compiled package's variable (os.Args) is
		// read when the statement runs; a converted copy kept the
		// value it had at compile time.
	case n.rval.IsValid():
		// Convert constant value to target type.
		convertConstantValueTo(n, t)
		n.rval = n.rval.Convert(t)
	default:
		// Create a zero value of target type.
		n.rval = reflect.New(t).Elem()
	}
}

func convertConstantValue(n *node) {
	if !n.rval.IsValid() {
		return
	}
	convertConstantValueTo(n, n.typ.TypeOf())
}

// convertConstantValueTo makes n's constant value a value of type t. An
// integer constant beyond int64 is one of t where t holds it: a uint64
// (1 << 63), a float (1 << 70), a complex (archlab patch: upstream made
// every integer constant an int first, "constant ... overflows int64").
func convertConstantValueTo(n *node, t reflect.Type) {
	if !n.rval.IsValid() {
		return
	}
	c, ok := n.rval.Interface().(constant.Value)
	if !ok {
		return
	}

	var v reflect.Value

	switch c.Kind() {
	case constant.Bool:
		v = reflect.ValueOf(constant.BoolVal(c))
	case constant.String:
		v = reflect.ValueOf(constant.StringVal(c))
	case constant.Int:
		i, x := constant.Int64Val(c)
		if !x {
			switch k := t.Kind(); {
			case k >= reflect.Uint && k <= reflect.Uintptr:
				if u, exact := constant.Uint64Val(c); exact {
					v = reflect.ValueOf(u)
				}
			case k == reflect.Float32 || k == reflect.Float64:
				f, _ := constant.Float64Val(c)
				v = reflect.ValueOf(f)
			case k == reflect.Complex64 || k == reflect.Complex128:
				f, _ := constant.Float64Val(c)
				v = reflect.ValueOf(complex(f, 0))
			}
			if !v.IsValid() {
				panic(n.cfgErrorf("constant %s overflows int64", c.ExactString()))
			}
			break
		}
		v = reflect.ValueOf(int(i))
	case constant.Float:
		f, _ := constant.Float64Val(c)
		v = reflect.ValueOf(f)
	case constant.Complex:
		r, _ := constant.Float64Val(constant.Real(c))
		i, _ := constant.Float64Val(constant.Imag(c))
		v = reflect.ValueOf(complex(r, i))
	}

	n.rval = v.Convert(t)
}

// Write to a channel.
func send(n *node) {
	next := getExec(n.tnext)
	c0, c1 := n.child[0], n.child[1]
	value0 := genValue(c0) // Send channel.
	value1 := genDestValue(c0.typ.val, c1)

	if !n.interp.cancelChan {
		// Send is non-cancellable, has the least overhead.
		n.exec = func(f *frame) bltn {
			value0(f).Send(value1(f))
			return next
		}
		return
	}

	// Send is cancellable, may have some overhead.
	n.exec = func(f *frame) bltn {
		ch, data := value0(f), value1(f)
		// Fast: send on channel doesn't block.
		if ok := ch.TrySend(data); ok {
			return next
		}
		// Slow: send on channel blocks, allow cancel.
		f.mutex.RLock()
		done := f.doneCase()
		f.mutex.RUnlock()

		chosen, _, _ := reflect.Select([]reflect.SelectCase{done, {Dir: reflect.SelectSend, Chan: ch, Send: data}})
		if chosen == 0 {
			return nil
		}
		return next
	}
}

func clauseChanDir(n *node) (*node, *node, *node, reflect.SelectDir) {
	dir := reflect.SelectDefault
	var nod, assigned, ok *node
	var stop bool

	n.Walk(func(m *node) bool {
		switch m.action {
		case aRecv:
			dir = reflect.SelectRecv
			nod = m.child[0]
			switch m.anc.action {
			case aAssign:
				assigned = m.anc.child[0]
			case aAssignX:
				assigned = m.anc.child[0]
				ok = m.anc.child[1]
			}
			stop = true
		case aSend:
			dir = reflect.SelectSend
			nod = m.child[0]
			assigned = m.child[1]
			stop = true
		}
		return !stop
	}, nil)
	return nod, assigned, ok, dir
}

func _select(n *node) {
	// A clause body that loops back to this select (a continue, a loop
	// around a default-only select) asks for this node's exec while it is
	// built here: give it a forwarder to the one built below, instead of
	// building the select again without end.
	var built bltn
	n.exec = func(f *frame) bltn { return built(f) }
	defer func() { built = n.exec }()

	nbClause := len(n.child)
	chans := make([]*node, nbClause)
	assigned := make([]*node, nbClause)
	ok := make([]*node, nbClause)
	clause := make([]bltn, nbClause)
	chanValues := make([]func(*frame) reflect.Value, nbClause)
	assignedValues := make([]func(*frame) reflect.Value, nbClause)
	okValues := make([]func(*frame) reflect.Value, nbClause)
	cases := make([]reflect.SelectCase, nbClause+1)
	next := getExec(n.tnext)

	for i := 0; i < nbClause; i++ {
		cl := n.child[i]
		if cl.kind == commClauseDefault {
			cases[i].Dir = reflect.SelectDefault
			if len(cl.child) == 0 {
				clause[i] = func(*frame) bltn { return next }
			} else {
				clause[i] = getExec(cl.child[0].start)
			}
			continue
		}
		// The comm clause is in send or recv direction.
		switch c0 := cl.child[0]; {
		case len(cl.child) > 1:
			// The comm clause contains a channel operation and a clause body.
			clause[i] = getExec(cl.child[1].start)
			chans[i], assigned[i], ok[i], cases[i].Dir = clauseChanDir(c0)
			chanValues[i] = genValue(chans[i])
			// archlab patch: case x := <-ch: makes a new x each time
			// the case is chosen, as a definition does (&x or a closure
			// in a loop kept the last value).
			fresh := c0.kind == defineStmt || c0.kind == defineXStmt
			if assigned[i] != nil {
				assignedValues[i] = genValue(assigned[i])
				if fresh && assigned[i].findex >= 0 {
					assignedValues[i] = genFreshValue(assigned[i])
				}
			}
			if ok[i] != nil {
				okValues[i] = genValue(ok[i])
				if fresh && ok[i].findex >= 0 {
					okValues[i] = genFreshValue(ok[i])
				}
			}
		case c0.kind == exprStmt && len(c0.child) == 1 && c0.child[0].action == aRecv:
			// The comm clause has an empty body clause after channel receive.
			chanValues[i] = genValue(c0.child[0].child[0])
			cases[i].Dir = reflect.SelectRecv
			clause[i] = func(*frame) bltn { return next }
		case c0.kind == sendStmt:
			// The comm clause as an empty body clause after channel send.
			chanValues[i] = genValue(c0.child[0])
			cases[i].Dir = reflect.SelectSend
			assignedValues[i] = genValue(c0.child[1])
			clause[i] = func(*frame) bltn { return next }
		default:
			// archlab patch: a receive into existing variables with an
			// empty body (case got = <-ch:, case v, ok = <-ch:);
			// upstream left the case without a direction.
			chans[i], assigned[i], ok[i], cases[i].Dir = clauseChanDir(c0)
			if chans[i] != nil {
				chanValues[i] = genValue(chans[i])
			}
			if assigned[i] != nil {
				assignedValues[i] = genValue(assigned[i])
			}
			if ok[i] != nil {
				okValues[i] = genValue(ok[i])
			}
			clause[i] = func(*frame) bltn { return next }
		}
	}

	// archlab patch: a value sent is converted to the channel's element
	// type, as a send statement does (case c <- 123: with a chan int32,
	// case c <- U32(2): with a chan any, which keeps U32).
	for i := range cases[:nbClause] {
		if cases[i].Dir != reflect.SelectSend {
			continue
		}
		ch, val := chans[i], assigned[i]
		if ch == nil || val == nil {
			if cl := n.child[i]; len(cl.child) > 0 && cl.child[0].kind == sendStmt {
				ch, val = cl.child[0].child[0], cl.child[0].child[1]
			}
		}
		if ch == nil || val == nil || ch.typ == nil || val.typ == nil {
			continue
		}
		if et := chanElement(ch.typ); et != nil {
			assignedValues[i] = genDestValue(et, val)
		}
	}

	template := cases
	n.exec = func(f *frame) bltn {
		// The cases of this execution: goroutines running the same
		// select at once each fill their own (archlab patch: upstream
		// shared one slice, so a goroutine could select on another's
		// channels, a time.After already drained, and never wake).
		cases := make([]reflect.SelectCase, len(template))
		copy(cases, template)
		f.mutex.RLock()
		cases[nbClause] = f.doneCase()
		f.mutex.RUnlock()

		for i := range cases[:nbClause] {
			switch cases[i].Dir {
			case reflect.SelectRecv:
				cases[i].Chan = chanValues[i](f)
			case reflect.SelectSend:
				cases[i].Chan = chanValues[i](f)
				cases[i].Send = assignedValues[i](f)
			case reflect.SelectDefault:
				// Keep zero values for comm clause
			}
		}
		j, v, s := reflect.Select(cases)
		if j == nbClause {
			return nil
		}
		if cases[j].Dir == reflect.SelectRecv && assignedValues[j] != nil {
			assignedValues[j](f).Set(v)
			if ok[j] != nil {
				setBool(okValues[j](f), s)
			}
		}
		return clause[j]
	}
}

// slice expression: array[low:high:max].
// sliceLimit returns what a slice expression's high bound is checked
// against: a slice's capacity, or a string's or an array's length.
func sliceLimit(a reflect.Value) (string, int) {
	if a.Kind() == reflect.Slice {
		return "capacity", a.Cap()
	}
	return "length", a.Len()
}

// checkedSlice returns a[lo:hi], or panics as Go does when the bounds are
// out of range ("slice bounds out of range [:5] with capacity 3", "[3:2]").
// Archlab patch: upstream let reflect panic "reflect.Value.Slice: slice
// index out of bounds".
func checkedSlice(a reflect.Value, lo, hi int) reflect.Value {
	what, limit := sliceLimit(a)
	switch {
	case hi < 0:
		panic(sliceError(fmt.Sprintf("slice bounds out of range [:%d]", hi), what, limit, lo, hi, 0, false))
	case hi > limit:
		panic(sliceError(fmt.Sprintf("slice bounds out of range [:%d] with %s %d", hi, what, limit), what, limit, lo, hi, 0, false))
	case lo < 0:
		panic(sliceError(fmt.Sprintf("slice bounds out of range [%d:]", lo), what, limit, lo, hi, 0, false))
	case lo > hi:
		panic(sliceError(fmt.Sprintf("slice bounds out of range [%d:%d]", lo, hi), what, limit, lo, hi, 0, false))
	}
	return a.Slice(lo, hi)
}

// checkedSlice3 returns a[lo:hi:max], or panics as Go does when the
// bounds are out of range.
func checkedSlice3(a reflect.Value, lo, hi, max int) reflect.Value {
	what, limit := sliceLimit(a)
	switch {
	case max < 0:
		panic(sliceError(fmt.Sprintf("slice bounds out of range [::%d]", max), what, limit, lo, hi, max, true))
	case max > limit:
		panic(sliceError(fmt.Sprintf("slice bounds out of range [::%d] with %s %d", max, what, limit), what, limit, lo, hi, max, true))
	case hi < 0:
		panic(sliceError(fmt.Sprintf("slice bounds out of range [:%d:]", hi), what, limit, lo, hi, max, true))
	case hi > max:
		panic(sliceError(fmt.Sprintf("slice bounds out of range [:%d:%d]", hi, max), what, limit, lo, hi, max, true))
	case lo < 0:
		panic(sliceError(fmt.Sprintf("slice bounds out of range [%d::]", lo), what, limit, lo, hi, max, true))
	case lo > hi:
		panic(sliceError(fmt.Sprintf("slice bounds out of range [%d:%d:]", lo, hi), what, limit, lo, hi, max, true))
	}
	return a.Slice3(lo, hi, max)
}

func slice(n *node) {
	i := n.findex
	l := n.level
	next := getExec(n.tnext)
	value0 := genValueArray(n.child[0]) // array
	value1 := genValue(n.child[1])      // low (if 2 or 3 args) or high (if 1 arg)

	switch len(n.child) {
	case 2:
		n.exec = func(f *frame) bltn {
			a := value0(f)
			getFrame(f, l).data[i] = checkedSlice(a, int(vInt(value1(f))), a.Len())
			return next
		}
	case 3:
		value2 := genValue(n.child[2]) // max

		n.exec = func(f *frame) bltn {
			a := value0(f)
			getFrame(f, l).data[i] = checkedSlice(a, int(vInt(value1(f))), int(vInt(value2(f))))
			return next
		}
	case 4:
		value2 := genValue(n.child[2])
		value3 := genValue(n.child[3])

		n.exec = func(f *frame) bltn {
			a := value0(f)
			getFrame(f, l).data[i] = checkedSlice3(a, int(vInt(value1(f))), int(vInt(value2(f))), int(vInt(value3(f))))
			return next
		}
	}
}

// slice expression, no low value: array[:high:max].
func slice0(n *node) {
	i := n.findex
	l := n.level
	next := getExec(n.tnext)
	value0 := genValueArray(n.child[0])

	switch len(n.child) {
	case 1:
		n.exec = func(f *frame) bltn {
			a := value0(f)
			getFrame(f, l).data[i] = a.Slice(0, a.Len())
			return next
		}
	case 2:
		value1 := genValue(n.child[1])
		n.exec = func(f *frame) bltn {
			a := value0(f)
			getFrame(f, l).data[i] = checkedSlice(a, 0, int(vInt(value1(f))))
			return next
		}
	case 3:
		value1 := genValue(n.child[1])
		value2 := genValue(n.child[2])
		n.exec = func(f *frame) bltn {
			a := value0(f)
			getFrame(f, l).data[i] = checkedSlice3(a, 0, int(vInt(value1(f))), int(vInt(value2(f))))
			return next
		}
	}
}

func isNilChild(child int) func(n *node) {
	return func(n *node) {
		var value func(*frame) reflect.Value
		child := n.child[child]
		value = genValue(child)
		typ := n.typ.concrete().TypeOf()
		isInterface := n.typ.TypeOf().Kind() == reflect.Interface
		tnext := getExec(n.tnext)
		dest := genValue(n)
		if n.fnext == nil {
			if !isInterfaceSrc(child.typ) {
				if isInterface {
					n.exec = func(f *frame) bltn {
						dest(f).Set(reflect.ValueOf(value(f).IsNil()).Convert(typ))
						return tnext
					}
					return
				}
				n.exec = func(f *frame) bltn {
					dest(f).SetBool(value(f).IsNil())
					return tnext
				}
				return
			}
			if isInterface {
				n.exec = func(f *frame) bltn {
					v := value(f)
					var r bool
					if vi, ok := v.Interface().(valueInterface); ok {
						r = (vi == valueInterface{} || vi.node.kind == basicLit && vi.node.typ.cat == nilT)
					} else {
						r = v.IsNil()
					}
					dest(f).Set(reflect.ValueOf(r).Convert(typ))
					return tnext
				}
				return
			}
			n.exec = func(f *frame) bltn {
				v := value(f)
				var r bool
				if vi, ok := v.Interface().(valueInterface); ok {
					r = (vi == valueInterface{} || vi.node.kind == basicLit && vi.node.typ.cat == nilT)
				} else {
					r = v.IsNil()
				}
				dest(f).SetBool(r)
				return tnext
			}
			return
		}

		fnext := getExec(n.fnext)

		if !isInterfaceSrc(child.typ) {
			n.exec = func(f *frame) bltn {
				if value(f).IsNil() {
					dest(f).SetBool(true)
					return tnext
				}
				dest(f).SetBool(false)
				return fnext
			}
			return
		}

		n.exec = func(f *frame) bltn {
			v := value(f)
			if vi, ok := v.Interface().(valueInterface); ok {
				if (vi == valueInterface{} || vi.node.kind == basicLit && vi.node.typ.cat == nilT) {
					dest(f).SetBool(true)
					return tnext
				}
				dest(f).SetBool(false)
				return fnext
			}
			if v.IsNil() {
				dest(f).SetBool(true)
				return tnext
			}
			dest(f).SetBool(false)
			return fnext
		}
	}
}

func isNotNil(n *node) {
	var value func(*frame) reflect.Value
	c0 := n.child[0]
	value = genValue(c0)
	typ := n.typ.concrete().TypeOf()
	isInterface := n.typ.TypeOf().Kind() == reflect.Interface
	tnext := getExec(n.tnext)
	dest := genValue(n)

	if n.fnext == nil {
		if isInterfaceSrc(c0.typ) && c0.typ.TypeOf() != valueInterfaceType {
			if isInterface {
				n.exec = func(f *frame) bltn {
					dest(f).Set(reflect.ValueOf(!value(f).IsNil()).Convert(typ))
					return tnext
				}
				return
			}
			n.exec = func(f *frame) bltn {
				dest(f).SetBool(!value(f).IsNil())
				return tnext
			}
			return
		}

		if isInterface {
			n.exec = func(f *frame) bltn {
				v := value(f)
				var r bool
				if vi, ok := v.Interface().(valueInterface); ok {
					r = (vi == valueInterface{} || vi.node.kind == basicLit && vi.node.typ.cat == nilT)
				} else {
					r = v.IsNil()
				}
				dest(f).Set(reflect.ValueOf(!r).Convert(typ))
				return tnext
			}
			return
		}
		n.exec = func(f *frame) bltn {
			v := value(f)
			var r bool
			if vi, ok := v.Interface().(valueInterface); ok {
				r = (vi == valueInterface{} || vi.node.kind == basicLit && vi.node.typ.cat == nilT)
			} else {
				r = v.IsNil()
			}
			dest(f).SetBool(!r)
			return tnext
		}
		return
	}

	fnext := getExec(n.fnext)

	if isInterfaceSrc(c0.typ) && c0.typ.TypeOf() != valueInterfaceType {
		n.exec = func(f *frame) bltn {
			if value(f).IsNil() {
				dest(f).SetBool(false)
				return fnext
			}
			dest(f).SetBool(true)
			return tnext
		}
		return
	}

	n.exec = func(f *frame) bltn {
		v := value(f)
		if vi, ok := v.Interface().(valueInterface); ok {
			if (vi == valueInterface{} || vi.node.kind == basicLit && vi.node.typ.cat == nilT) {
				dest(f).SetBool(false)
				return fnext
			}
			dest(f).SetBool(true)
			return tnext
		}
		if v.IsNil() {
			dest(f).SetBool(false)
			return fnext
		}
		dest(f).SetBool(true)
		return tnext
	}
}

func complexConst(n *node) {
	if v0, v1 := n.child[1].rval, n.child[2].rval; v0.IsValid() && v1.IsValid() {
		n.rval = reflect.ValueOf(complex(vFloat(v0), vFloat(v1)))
		n.gen = nop
	}
}

func imagConst(n *node) {
	if v := n.child[1].rval; v.IsValid() {
		if isConstantValue(v.Type()) {
			// An untyped constant's part is an untyped constant
			// (archlab patch: v.Complex panicked on it).
			n.rval = reflect.New(constVal).Elem()
			n.rval.Set(reflect.ValueOf(constant.ToFloat(constant.Imag(vConstantValue(v)))))
			n.gen = nop
			return
		}
		n.rval = reflect.ValueOf(imag(v.Complex()))
		n.gen = nop
	}
}

func realConst(n *node) {
	if v := n.child[1].rval; v.IsValid() {
		if isConstantValue(v.Type()) {
			// An untyped constant's part is an untyped constant
			// (archlab patch: v.Complex panicked on it).
			n.rval = reflect.New(constVal).Elem()
			n.rval.Set(reflect.ValueOf(constant.ToFloat(constant.Real(vConstantValue(v)))))
			n.gen = nop
			return
		}
		n.rval = reflect.ValueOf(real(v.Complex()))
		n.gen = nop
	}
}

// promotedThroughPtr reports whether the embedded fields at index, from
// struct type t down, pass through a pointer (a method of *Inner promoted
// to Outer{*Inner} is in Outer's method set; to Outer{Inner} it is not).
// An archlab addition.
func promotedThroughPtr(t *itype, index []int) bool {
	for _, i := range index {
		if t == nil {
			return false
		}
		t = t.underlying()
		if t.cat == ptrT {
			return true
		}
		if t.cat != structT || i < 0 || i >= len(t.field) {
			return false
		}
		t = t.field[i].typ
		if t != nil && t.cat == ptrT {
			return true
		}
	}
	return false
}

// isFloatKind reports whether k is a floating-point or complex kind.
func isFloatKind(k reflect.Kind) bool {
	return k == reflect.Float32 || k == reflect.Float64 || k == reflect.Complex64 || k == reflect.Complex128
}

// programValueForIface reports whether c, a value of a program type, goes
// into a compiled struct's field of interface type ft with methods (Err of
// a fs.PathError, Handler of an http.Server): it is wrapped with them, as
// for an argument (archlab addition: upstream set the bare value, a
// reflect.Set panic).
func programValueForIface(c *node, ft reflect.Type) bool {
	return ft.Kind() == reflect.Interface && ft.NumMethod() > 0 && c.typ != nil && c.typ.cat != valueT && c.typ.cat != nilT
}

// replaceMethodValue returns the method value of a call whose receiver
// recv may be answered by wrap: where wrap gives a valid value for the
// receiver, the call uses it in place of the compiled method.
func replaceMethodValue(recv, method func(*frame) reflect.Value, wrap func(reflect.Value) reflect.Value) func(*frame) reflect.Value {
	return func(f *frame) reflect.Value {
		if m := wrap(recv(f)); m.IsValid() {
			return m
		}
		return method(f)
	}
}

// isBinVar reports whether n names a compiled package's variable
// (os.Args, runtime.MemProfileRate): its value is read when it is used,
// and a statement may set it.
func isBinVar(n *node) bool {
	if n.kind != selectorExpr || len(n.child) != 2 || !n.rval.CanSet() {
		return false
	}
	s := n.child[0].sym
	return s != nil && s.typ != nil && s.typ.cat == binPkgT
}

// genFreshValue returns a func that gives n's variable a new location, as
// a definition does each time it runs, and returns that location.
func genFreshValue(n *node) func(*frame) reflect.Value {
	l, ind := n.level, n.findex
	if ind < 0 || n.sym != nil && n.sym.global {
		return genValue(n)
	}
	return func(f *frame) reflect.Value {
		data := getFrame(f, l).data
		data[ind] = reflect.New(data[ind].Type()).Elem()
		return data[ind]
	}
}

// embeddedIfacePath returns the field indexes from a struct of type t to
// the shallowest interface of the program it embeds, at any depth, whose
// method set has name; nil if there is none.
func embeddedIfacePath(t *itype, name string) []int {
	type cand struct {
		t    *itype
		path []int
	}
	level := []cand{{t, nil}}
	for depth := 0; depth < 8 && len(level) > 0; depth++ {
		var next []cand
		for _, c := range level {
			st := c.t
			for st != nil && (st.cat == ptrT || st.cat == linkedT) {
				st = st.val
			}
			if st == nil || st.cat != structT {
				continue
			}
			for i, fl := range st.field {
				if !fl.embed || fl.typ == nil {
					continue
				}
				path := append(append([]int(nil), c.path...), i)
				if isInterfaceSrc(fl.typ) {
					if _, ok := fl.typ.methods()[name]; ok {
						return path
					}
					continue
				}
				next = append(next, cand{fl.typ, path})
			}
		}
		level = next
	}
	return nil
}

// isNilValue reports whether v, a switch's tag, equals nil.
func isNilValue(v reflect.Value) bool {
	if !v.IsValid() {
		return true
	}
	if v.Type() == valueInterfaceType {
		vi, _ := v.Interface().(valueInterface)
		return vi.node == nil || !vi.value.IsValid()
	}
	switch v.Kind() {
	case reflect.Slice, reflect.Map, reflect.Func, reflect.Pointer, reflect.Chan, reflect.UnsafePointer, reflect.Interface:
		return v.IsNil()
	}
	return false
}

// setBool sets v, the ok of a comma-ok form, to b; v may be a variable of
// an interface type (archlab patch: i, ok = m[k] with var ok any panicked
// "SetBool on interface Value").
func setBool(v reflect.Value, b bool) {
	if v.Kind() == reflect.Interface {
		v.Set(reflect.ValueOf(b))
		return
	}
	v.SetBool(b)
}
