package interp

import (
	"fmt"
	"reflect"
	"strings"
	"sync/atomic"
)

// adot produces an AST dot(1) directed acyclic graph for the given node. For debugging only.
// func (n *node) adot() { n.astDot(dotWriter(n.interp.dotCmd), n.ident) }

// genAST returns a new AST where generic types are replaced by instantiated types.
func genAST(sc *scope, root *node, types []*itype) (*node, bool, error) {
	typeParam := map[string]*node{}
	pindex := 0
	tname := ""
	rtname := ""
	recvrPtr := false
	fixNodes := []*node{}
	var gtree func(*node, *node) (*node, error)
	sname := root.child[0].ident + "["
	if root.kind == typeSpec && (root.scope == nil || !root.scope.global) {
		// archlab patch: a generic type declared in a function is told
		// apart from another of that name (in another function, or the
		// package's).
		sname = fmt.Sprintf("%p.", root) + sname
	}
	if root.kind == funcDecl {
		sname = root.child[1].ident + "["
		if r := genericReceiverName(root); r != "" {
			// archlab patch: a method's instances are told apart by their
			// receiver's type; upstream shared Box[int].Get's with
			// Opt[int].Get's.
			sname = r + "." + sname
		}
		if root.scope != nil && root.scope.pkgID != "" {
			// archlab patch: and by their package; upstream shared a
			// program's Collect[int] with slices.Collect[int].
			sname = root.scope.pkgID + "/" + sname
		}
	}

	// Input type parameters must be resolved prior AST generation, as compilation
	// of generated AST may occur in a different scope.
	for _, t := range types {
		sname += t.id() + ","
	}
	sname = strings.TrimSuffix(sname, ",") + "]"

	gtree = func(n, anc *node) (*node, error) {
		nod := copyNode(n, anc, false)
		switch n.kind {
		case funcDecl, funcType:
			nod.val = nod

		case identExpr:
			// Replace generic type by instantiated one.
			nt, ok := typeParam[n.ident]
			if !ok || namesMember(n) {
				break
			}
			nod = copyNode(nt, anc, true)
			nod.typ = nt.typ

		case indexExpr, indexListExpr: // archlab patch: with several type parameters too (was a stack overflow)
			// Catch a possible recursive generic type definition
			if root.kind != typeSpec {
				break
			}
			if root.child[0].ident != n.child[0].ident {
				break
			}
			nod := copyNode(n.child[0], anc, false)
			fixNodes = append(fixNodes, nod)
			return nod, nil

		case fieldList:
			//  Node is the type parameters list of a generic function.
			if root.kind == funcDecl && n.anc == root.child[2] && childPos(n) == 0 {
				// Fill the types lookup table used for type substitution.
				for _, c := range n.child {
					l := len(c.child) - 1
					for _, cc := range c.child[:l] {
						if pindex >= len(types) {
							return nil, cc.cfgErrorf("undefined type for %s", cc.ident)
						}
						t, err := nodeType(c.interp, sc, c.child[l])
						if err != nil {
							return nil, err
						}
						if err := checkConstraint(types[pindex], t); err != nil {
							return nil, err
						}
						typeParam[cc.ident] = copyNode(cc, cc.anc, false)
						typeParam[cc.ident].ident = types[pindex].id()
						typeParam[cc.ident].typ = types[pindex]
						pindex++
					}
				}
				// Skip type parameters specification, so generated func doesn't look generic.
				return nod, nil
			}

			// Node is the receiver of a generic method.
			if root.kind == funcDecl && n.anc == root && childPos(n) == 0 && len(n.child) > 0 {
				rtn := n.child[0].lastChild() // archlab patch: the receiver may be unnamed
				// Method receiver is a generic type if it takes some type parameters.
				if rtn.kind == indexExpr || rtn.kind == indexListExpr || (rtn.kind == starExpr && (rtn.child[0].kind == indexExpr || rtn.child[0].kind == indexListExpr)) {
					if rtn.kind == starExpr {
						// Method receiver is a pointer on a generic type.
						rtn = rtn.child[0]
						recvrPtr = true
					}
					rtname = rtn.child[0].ident + "["
					for _, cc := range rtn.child[1:] {
						if pindex >= len(types) {
							return nil, cc.cfgErrorf("undefined type for %s", cc.ident)
						}
						it := types[pindex]
						typeParam[cc.ident] = copyNode(cc, cc.anc, false)
						typeParam[cc.ident].ident = it.id()
						typeParam[cc.ident].typ = it
						rtname += it.id() + ","
						pindex++
					}
					rtname = strings.TrimSuffix(rtname, ",") + "]"
				}
			}

			// Node is the type parameters list of a generic type.
			if root.kind == typeSpec && n.anc == root && childPos(n) == 1 {
				// Fill the types lookup table used for type substitution.
				tname = n.anc.child[0].ident + "["
				for _, c := range n.child {
					l := len(c.child) - 1
					for _, cc := range c.child[:l] {
						if pindex >= len(types) {
							return nil, cc.cfgErrorf("undefined type for %s", cc.ident)
						}
						it := types[pindex]
						t, err := nodeType(c.interp, sc, c.child[l])
						if err != nil {
							return nil, err
						}
						if err := checkConstraint(types[pindex], t); err != nil {
							return nil, err
						}
						typeParam[cc.ident] = copyNode(cc, cc.anc, false)
						typeParam[cc.ident].ident = it.id()
						typeParam[cc.ident].typ = it
						tname += it.id() + ","
						pindex++
					}
				}
				tname = strings.TrimSuffix(tname, ",") + "]"
				return nod, nil
			}
		}

		for _, c := range n.child {
			gn, err := gtree(c, nod)
			if err != nil {
				return nil, err
			}
			nod.child = append(nod.child, gn)
		}
		return nod, nil
	}

	if nod, found := root.interp.generic[sname]; found {
		return nod, true, nil
	}

	r, err := gtree(root, root.anc)
	if err != nil {
		return nil, false, err
	}
	root.interp.generic[sname] = r
	r.param = append(r.param, types...)
	if tname != "" {
		for _, nod := range fixNodes {
			nod.ident = tname
		}
		r.child[0].ident = tname
	}
	if rtname != "" {
		// Replace method receiver type by synthetized ident.
		nod := r.child[0].child[0].lastChild() // archlab patch: the receiver may be unnamed, func (S[T]) M()
		if recvrPtr {
			nod = nod.child[0]
		}
		nod.kind = identExpr
		nod.ident = rtname
		nod.child = nil
	}
	// r.adot() // Used for debugging only.
	return r, false, nil
}

// genericReceiverName returns the name of the generic type whose method
// fun declares, or "".
func genericReceiverName(fun *node) string {
	if len(fun.child) == 0 || fun.child[0].kind != fieldList || len(fun.child[0].child) == 0 {
		return ""
	}
	rtn := fun.child[0].child[0].lastChild()
	if rtn != nil && rtn.kind == starExpr && len(rtn.child) > 0 {
		rtn = rtn.child[0]
	}
	if rtn == nil || (rtn.kind != indexExpr && rtn.kind != indexListExpr) || len(rtn.child) == 0 {
		return ""
	}
	return rtn.child[0].ident
}

func copyNode(n, anc *node, recursive bool) *node {
	var i interface{}
	nindex := atomic.AddInt64(&n.interp.nindex, 1)
	nod := &node{
		debug:  n.debug,
		anc:    anc,
		interp: n.interp,
		index:  nindex,
		level:  n.level,
		nleft:  n.nleft,
		nright: n.nright,
		kind:   n.kind,
		pos:    n.pos,
		action: n.action,
		gen:    n.gen,
		val:    &i,
		rval:   n.rval,
		ident:  n.ident,
		meta:   n.meta,
	}
	nod.start = nod
	if recursive {
		for _, c := range n.child {
			nod.child = append(nod.child, copyNode(c, nod, true))
		}
	}
	return nod
}

// inferTypesFromCall returns the type arguments of the generic function fun
// called with args, in the order of its type parameters: those given
// explicitly (a partial instantiation, f[int](x, y)), then those unified
// from the arguments' types, then those of untyped constant arguments,
// defaulted as Go does (the kind that comes last in int, rune, float,
// complex wins: Sum(1, 2.5) is float64), and last those found through a
// type parameter's core type (S ~[]E gives E from S).
//
// archlab patch: upstream collected the types it met walking the parameters
// in order, without binding them to type parameters, so Map(xs, func(int)
// string) bound U to int (the second type met) and a variadic parameter
// gave no type at all ("undefined type for T").
func inferTypesFromCall(sc *scope, fun, at *node, inputs []*itype, explicit []*itype, spread bool) ([]*itype, error) {
	ftn := fun.typ.node
	// archlab patch: the signature is read in a scope of its own where the
	// type parameters are declared, so that a name of the caller's (a
	// variable E, a type T beside F[T any]) does not stand for one; upstream
	// read it in the caller's scope ("cannot infer E", "undefined type").
	if fun.scope != nil {
		sc = fun.scope
	}
	sc = sc.pushBloc()
	anyType := sc.getType("any")
	for _, c := range ftn.child[0].child {
		for _, cc := range c.child[:len(c.child)-1] {
			sc.sym[cc.ident] = &symbol{kind: varTypeSym, typ: anyType}
		}
	}
	var names []string
	isParam := map[string]bool{}
	cores := map[string]*itype{} // a type parameter's core type, if not an interface: []E of S ~[]E
	for _, c := range ftn.child[0].child {
		ct, err := nodeType(fun.interp, sc, c.lastChild())
		if err != nil {
			return nil, err
		}
		for _, cc := range c.child[:len(c.child)-1] {
			sc.sym[cc.ident].typ = ct
			names = append(names, cc.ident)
			isParam[cc.ident] = true
			if ct.cat != interfaceT && ct.cat != genericT && ct.cat != nilT {
				cores[cc.ident] = ct
			} else if core := interfaceCore(ct); core != nil {
				// archlab patch: an interface with one type term
				// (interface{ *T; Set(string) }) has it as core type.
				cores[cc.ident] = core
			} else if core := genericPtrCore(ct, c.lastChild()); core != nil {
				cores[cc.ident] = core // Setter[T], type Setter[T any] interface{ *T; Set(string) }
			}
		}
	}
	if len(explicit) > len(names) {
		return nil, at.cfgErrorf("got %d type arguments but %s has %d type parameters", len(explicit), fun.child[1].ident, len(names))
	}
	bound := map[string]*itype{}
	for i, t := range explicit {
		bound[names[i]] = t
	}
	untyped := map[string][]*itype{}

	bind := func(name string, input *itype) {
		if input.untyped {
			untyped[name] = append(untyped[name], input)
			return
		}
		if input.cat == nilT {
			return
		}
		if bound[name] == nil {
			bound[name] = input
		}
	}
	var unify func(param, input *itype)
	unify = func(param, input *itype) {
		if param == nil || input == nil {
			return
		}
		// A type parameter: genericT, or nilT (unresolved) when the
		// function is declared in another package than the call.
		if param.cat == genericT || param.cat == nilT && isParam[param.name] {
			bind(param.name, input)
			return
		}
		in := input.underlying()
		if in.cat == valueT && in.rtype != nil {
			unifyValue(param, in.rtype, unify)
			return
		}
		switch param.cat {
		case chanT, chanRecvT, chanSendT, ptrT, sliceT, arrayT, variadicT:
			switch in.cat {
			case chanT, chanRecvT, chanSendT, ptrT, sliceT, arrayT, variadicT:
				unify(param.val, in.val)
			}
		case mapT:
			if in.cat == mapT {
				unify(param.key, in.key)
				unify(param.val, in.val)
			}
		case structT:
			if in.cat == structT && len(in.field) == len(param.field) {
				for i, f := range param.field {
					unify(f.typ, in.field[i].typ)
				}
			}
		case funcT:
			if in.cat == funcT {
				for i, t := range param.arg {
					if i < len(in.arg) {
						unify(t, in.arg[i])
					}
				}
				for i, t := range param.ret {
					if i < len(in.ret) {
						unify(t, in.ret[i])
					}
				}
			}
		}
	}

	// unifyNode unifies the parameter type written pn with input, through
	// the type arguments of generic types' instances (Pair[A, B] against
	// Pair[string, int]), which the parameter's itype, the generic type
	// itself, does not give.
	var unifyNode func(pn *node, input *itype)
	unifyNode = func(pn *node, input *itype) {
		if pn == nil || input == nil {
			return
		}
		switch pn.kind {
		case identExpr:
			if isParam[pn.ident] {
				// Found by name: a function of another package than the
				// call's has its type parameters out of sc's reach.
				bind(pn.ident, input)
				return
			}
		case indexExpr, indexListExpr:
			if args := typeArgsOf(fun.interp, input); len(args) == len(pn.child)-1 {
				for i, a := range pn.child[1:] {
					unifyNode(a, args[i])
				}
				return
			}
			// Not an instance of a generic type (a func literal for a
			// Seq[V] parameter), or one from another package: match the
			// generic type's definition.
			declSc := sc
			if fun.scope != nil {
				declSc = fun.scope
			}
			if args := genericDefArgs(fun.interp, declSc, pn, input); args != nil {
				for i, a := range pn.child[1:] {
					if args[i] != nil {
						unifyNode(a, args[i])
					}
				}
				return
			}
		case starExpr:
			if input.cat == ptrT {
				unifyNode(pn.child[0], input.val)
				return
			}
		case arrayType:
			if in := input.underlying(); in.cat == sliceT || in.cat == arrayT || in.cat == variadicT {
				unifyNode(pn.lastChild(), in.val)
				return
			}
		case mapType:
			if in := input.underlying(); in.cat == mapT && len(pn.child) == 2 {
				unifyNode(pn.child[0], in.key)
				unifyNode(pn.child[1], in.val)
				return
			}
		}
		if typ, err := nodeType(fun.interp, sc, pn); err == nil {
			unify(typ, input)
		}
	}

	ai := 0
	for _, c := range ftn.child[1].child {
		typ, err := nodeType(fun.interp, sc, c.lastChild())
		if err != nil {
			return nil, err
		}
		n := len(c.child) - 1
		if n == 0 {
			n = 1 // an unnamed parameter
		}
		for k := 0; k < n && ai < len(inputs); k++ {
			if typ.cat != variadicT {
				unifyNode(c.lastChild(), inputs[ai])
				ai++
				continue
			}
			if spread {
				unify(typ, inputs[ai]) // f(xs...): a slice for the variadic parameter
				ai++
				continue
			}
			for ; ai < len(inputs); ai++ {
				if e := c.lastChild(); e.kind == ellipsisExpr && len(e.child) == 1 {
					unifyNode(e.child[0], inputs[ai])
				} else {
					unify(typ.val, inputs[ai])
				}
			}
		}
	}

	// Core types: S ~[]E bound to []int gives E = int, before and after
	// untyped constants are defaulted.
	unifyCores := func() {
		for changed := true; changed; {
			changed = false
			for _, name := range names {
				core, t := cores[name], bound[name]
				if core == nil || t == nil {
					continue
				}
				delete(cores, name)
				unify(core, t)
				changed = true
			}
		}
	}
	unifyCores()

	// Untyped constants give their default type to a type parameter that
	// no typed argument bound.
	rank := map[tcat]int{intT: 1, int32T: 2, float64T: 3, complex128T: 4}
	for _, name := range names {
		us := untyped[name]
		if bound[name] != nil || len(us) == 0 {
			continue
		}
		best := us[0]
		for _, u := range us[1:] {
			if rank[u.cat] > rank[best.cat] {
				best = u
			}
		}
		bound[name] = best.defaultType(reflect.Value{}, sc)
	}

	unifyCores()

	// A type parameter that nothing bound is its core type made of the
	// bound ones (PT interface{ *T; M() } with T bound is *T; archlab
	// patch: upstream could not infer it).
	for changed := true; changed; {
		changed = false
		for _, name := range names {
			if core := cores[name]; core != nil && bound[name] == nil {
				if t := substBound(core, bound); t != nil {
					bound[name] = t
					changed = true
				}
			}
		}
	}

	types := make([]*itype, len(names))
	for i, name := range names {
		if bound[name] == nil {
			return nil, at.cfgErrorf("in call to %s, cannot infer %s", fun.child[1].ident, name)
		}
		types[i] = bound[name]
	}
	return types, nil
}

// genericDefArgs returns the type arguments that make the generic type
// pn (Seq[V], Pair[K, V]) match input by its definition, one per type
// parameter (nil where input does not say), or nil when pn is not a
// generic type's instance or cannot match. An archlab addition.
func genericDefArgs(interp *Interpreter, sc *scope, pn *node, input *itype) []*itype {
	lt, err := nodeType(interp, sc, pn.child[0])
	if err != nil || lt.cat != genericT || lt.node == nil || lt.node.anc == nil {
		return nil
	}
	ts := lt.node.anc
	if ts.kind != typeSpec || len(ts.child) != 3 {
		return nil
	}
	var names []string
	for _, f := range ts.child[1].child {
		for _, id := range f.child[:len(f.child)-1] {
			names = append(names, id.ident)
		}
	}
	if len(names) != len(pn.child)-1 {
		return nil
	}
	found := map[string]*itype{}
	isParam := map[string]bool{}
	for _, n := range names {
		isParam[n] = true
	}
	matchTypeNode(interp, ts.lastChild(), input, isParam, found)
	args := make([]*itype, len(names))
	for i, n := range names {
		args[i] = found[n]
	}
	return args
}

// matchTypeNode binds in found the type parameters (isParam) that the
// type written pat takes in input: matchTypeNode(func(yield func(V) bool),
// func(func(int) bool)) binds V to int. An archlab addition.
func matchTypeNode(interp *Interpreter, pat *node, input *itype, isParam map[string]bool, found map[string]*itype) {
	if pat == nil || input == nil {
		return
	}
	if pat.kind == identExpr {
		if isParam[pat.ident] && found[pat.ident] == nil && input.cat != nilT {
			found[pat.ident] = input
		}
		return
	}
	in := input.underlying()
	var rt reflect.Type
	if in.cat == valueT && in.rtype != nil {
		rt = in.rtype
	}
	elem := func() *itype {
		if rt != nil {
			switch rt.Kind() {
			case reflect.Chan, reflect.Ptr, reflect.Slice, reflect.Array:
				return valueTOf(rt.Elem())
			}
			return nil
		}
		return in.val
	}
	switch pat.kind {
	case starExpr, arrayType, chanType, chanTypeRecv, chanTypeSend:
		if e := elem(); e != nil {
			matchTypeNode(interp, pat.lastChild(), e, isParam, found)
		}
	case mapType:
		switch {
		case rt != nil && rt.Kind() == reflect.Map:
			matchTypeNode(interp, pat.child[0], valueTOf(rt.Key()), isParam, found)
			matchTypeNode(interp, pat.child[1], valueTOf(rt.Elem()), isParam, found)
		case in.cat == mapT:
			matchTypeNode(interp, pat.child[0], in.key, isParam, found)
			matchTypeNode(interp, pat.child[1], in.val, isParam, found)
		}
	case indexExpr, indexListExpr:
		if args := typeArgsOf(interp, in); len(args) == len(pat.child)-1 {
			for i, a := range pat.child[1:] {
				matchTypeNode(interp, a, args[i], isParam, found)
			}
		}
	case funcType:
		var ins, outs []*itype
		switch {
		case rt != nil && rt.Kind() == reflect.Func:
			for i := 0; i < rt.NumIn(); i++ {
				ins = append(ins, valueTOf(rt.In(i)))
			}
			for i := 0; i < rt.NumOut(); i++ {
				outs = append(outs, valueTOf(rt.Out(i)))
			}
		case in.cat == funcT:
			ins, outs = in.arg, in.ret
		default:
			return
		}
		// Children: type parameters, parameters, results (if any).
		for k := 1; k < len(pat.child) && k <= 2; k++ {
			types := ins
			if k == 2 {
				types = outs
			}
			i := 0
			for _, f := range pat.child[k].child {
				n := len(f.child) - 1
				if n == 0 {
					n = 1 // unnamed
				}
				for j := 0; j < n; j++ {
					if i < len(types) {
						matchTypeNode(interp, f.lastChild(), types[i], isParam, found)
					}
					i++
				}
			}
		}
	}
}

// typeArgsOf returns the type arguments of t, an instance of a generic
// type (Pair[string, int]), or nil.
func typeArgsOf(interp *Interpreter, t *itype) []*itype {
	if t == nil {
		return nil
	}
	if t.node != nil && t.node.anc != nil && t.node.anc.kind == typeSpec && len(t.node.anc.param) > 0 {
		return t.node.anc.param
	}
	// An instance's itype made for a composite literal has the literal
	// for node: its AST is found by its name, as genAST keeps it.
	if !strings.HasSuffix(t.name, "]") {
		return nil
	}
	if g := interp.generic[t.name]; g != nil && g.kind == typeSpec {
		return g.param
	}
	return nil
}

// argTypes returns the types of a call's arguments: one per argument, or
// the results of a single call argument f(g()).
func argTypes(args []*node) []*itype {
	var inputs []*itype
	for _, a := range args {
		inputs = append(inputs, a.typ)
	}
	if len(args) == 1 && args[0].kind == callExpr && len(args[0].child) > 0 && args[0].child[0].typ != nil {
		switch ct := args[0].child[0].typ; {
		case ct.cat == funcT && len(ct.ret) > 1:
			inputs = ct.ret
		case ct.cat == valueT && ct.rtype != nil && ct.rtype.Kind() == reflect.Func && ct.rtype.NumOut() > 1:
			inputs = nil
			for i := 0; i < ct.rtype.NumOut(); i++ {
				inputs = append(inputs, valueTOf(ct.rtype.Out(i)))
			}
		}
	}
	return inputs
}

// instantiate returns the instance of the generic function fun for the
// type arguments explicit, completed by inference from args (a call's
// arguments, of types inputs) or from the given ones' core types,
// compiled; at is the node errors are reported at. An archlab
// addition, shared by the call and value forms f[T](...), f[T, U](...),
// f[T] and f[T, U].
func (interp *Interpreter) instantiate(sc *scope, fun, at *node, explicit, inputs []*itype, spread bool, importPath, pkgName string) (*node, error) {
	lt := explicit
	if len(lt) < numTypeParams(fun) {
		var err error
		if lt, err = inferTypesFromCall(sc, fun, at, inputs, explicit, spread); err != nil {
			return nil, err
		}
	}
	g, found, err := genAST(sc, fun, lt)
	if err != nil {
		return nil, err
	}
	if !found {
		err = interp.generating(func() error {
			if _, err := interp.cfg(g, fun.scope, importPath, pkgName); err != nil {
				return err
			}
			return genRun(g.child[3])
		})
		if err != nil {
			return nil, err
		}
	}
	return g, nil
}

// namesMember reports whether the identifier n names a struct field or
// a method rather than a type (archlab patch): in type Pair[K, V any]
// struct{ K K; V V }, the field names K and V, p.K and Pair[K, V]{K: k}
// are not the type parameters, which upstream put in their place
// ("undefined selector: K", "duplicate field").
func namesMember(n *node) bool {
	a := n.anc
	if a == nil {
		return false
	}
	switch a.kind {
	case selectorExpr:
		return childPos(n) == 1
	case fieldExpr:
		// The type is the last child, or the one before a tag.
		typePos := len(a.child) - 1
		if typePos > 0 && a.child[typePos].kind == basicLit {
			typePos--
		}
		return typePos > 0 && childPos(n) < typePos && a.anc != nil && a.anc.kind == fieldList &&
			a.anc.anc != nil && (a.anc.anc.kind == structType || a.anc.anc.kind == interfaceType)
	case keyValueExpr:
		return childPos(n) == 0 && a.anc != nil && a.anc.kind == compositeLitExpr
	}
	return false
}

// interfaceCore returns the one type term of an interface constraint (a
// union of one, or an embedded non-interface type such as *T), or nil.
func interfaceCore(ct *itype) *itype {
	if ct.cat != interfaceT {
		return nil
	}
	if len(ct.constraint) == 1 && len(ct.ulconstraint) == 0 {
		return ct.constraint[0]
	}
	var term *itype
	for _, f := range ct.field {
		if !f.embed || f.typ == nil || f.typ.cat == interfaceT || f.typ.cat == errorT {
			continue
		}
		if term != nil || len(ct.constraint)+len(ct.ulconstraint) > 0 {
			return nil
		}
		term = f.typ
	}
	return term
}

// genericPtrCore returns the core type *X of a constraint written as an
// instance of a generic interface whose one type term is a pointer to one
// of its type parameters (Setter[T] with type Setter[P any] interface{
// *P; Set(string) }), X being the instance's argument for it (T), as a
// type parameter to bind; nil for any other constraint.
func genericPtrCore(ct *itype, expr *node) *itype {
	if ct.cat != genericT || ct.node == nil || ct.node.anc == nil || expr.kind != indexExpr && expr.kind != indexListExpr {
		return nil
	}
	spec := ct.node.anc
	if spec.kind != typeSpec || len(spec.child) < 3 || spec.child[1].kind != fieldList {
		return nil
	}
	body := spec.lastChild()
	if body.kind != interfaceType || len(body.child) == 0 {
		return nil
	}
	var params []string
	for _, f := range spec.child[1].child {
		for _, id := range f.child[:len(f.child)-1] {
			params = append(params, id.ident)
		}
	}
	args := expr.child[1:]
	if len(args) != len(params) {
		return nil
	}
	var term *node
	for _, f := range body.child[0].child {
		if len(f.child) == 1 && f.child[0].kind == starExpr { // an embedded *P, not a method
			if term != nil {
				return nil
			}
			term = f.child[0]
		}
	}
	if term == nil || term.child[0].kind != identExpr {
		return nil
	}
	for i, p := range params {
		if p == term.child[0].ident && args[i].kind == identExpr {
			return ptrOf(&itype{cat: genericT, name: args[i].ident})
		}
	}
	return nil
}

// substBound returns t with its type parameters replaced by their bound
// types, or nil where one is not bound or t's form is not handled.
func substBound(t *itype, bound map[string]*itype) *itype {
	switch t.cat {
	case genericT:
		return bound[t.name]
	case ptrT:
		if v := substBound(t.val, bound); v != nil {
			return ptrOf(v, withNode(v.node), withScope(v.scope))
		}
	case sliceT:
		if v := substBound(t.val, bound); v != nil {
			return sliceOf(v, withNode(v.node), withScope(v.scope))
		}
	case mapT:
		k, v := substBound(t.key, bound), substBound(t.val, bound)
		if k != nil && v != nil {
			return mapOf(k, v, withNode(v.node), withScope(v.scope))
		}
	}
	return nil
}

// numTypeParams returns the number of type parameters of the generic
// function declared by fun.
func numTypeParams(fun *node) int {
	n := 0
	for _, c := range fun.typ.node.child[0].child {
		n += len(c.child) - 1
	}
	return n
}

// unifyValue unifies param with the parts of a compiled type (an argument
// that a compiled function returned).
func unifyValue(param *itype, rt reflect.Type, unify func(param, input *itype)) {
	switch param.cat {
	case chanT, chanRecvT, chanSendT, ptrT, sliceT, arrayT, variadicT:
		switch rt.Kind() {
		case reflect.Chan, reflect.Ptr, reflect.Slice, reflect.Array:
			unify(param.val, valueTOf(rt.Elem()))
		}
	case mapT:
		if rt.Kind() == reflect.Map {
			unify(param.key, valueTOf(rt.Key()))
			unify(param.val, valueTOf(rt.Elem()))
		}
	case funcT:
		if rt.Kind() == reflect.Func {
			for i, t := range param.arg {
				if i < rt.NumIn() {
					unify(t, valueTOf(rt.In(i)))
				}
			}
			for i, t := range param.ret {
				if i < rt.NumOut() {
					unify(t, valueTOf(rt.Out(i)))
				}
			}
		}
	}
}

// compiledUnderlying returns the underlying type of a named compiled type
// of a basic kind (time.Duration is int64), for a constraint's ~ terms,
// or nil (archlab patch: time.Duration did not satisfy cmp.Ordered).
func compiledUnderlying(t *itype) *itype {
	if t == nil || t.cat != valueT || t.rtype == nil || t.rtype.Name() == "" || t.rtype.PkgPath() == "" {
		return nil
	}
	if b, ok := basicKindTypes[t.rtype.Kind()]; ok {
		return valueTOf(b)
	}
	return nil
}

var basicKindTypes = map[reflect.Kind]reflect.Type{
	reflect.Bool: reflect.TypeOf(false), reflect.String: reflect.TypeOf(""),
	reflect.Int: reflect.TypeOf(0), reflect.Int8: reflect.TypeOf(int8(0)), reflect.Int16: reflect.TypeOf(int16(0)),
	reflect.Int32: reflect.TypeOf(int32(0)), reflect.Int64: reflect.TypeOf(int64(0)),
	reflect.Uint: reflect.TypeOf(uint(0)), reflect.Uint8: reflect.TypeOf(uint8(0)), reflect.Uint16: reflect.TypeOf(uint16(0)),
	reflect.Uint32: reflect.TypeOf(uint32(0)), reflect.Uint64: reflect.TypeOf(uint64(0)), reflect.Uintptr: reflect.TypeOf(uintptr(0)),
	reflect.Float32: reflect.TypeOf(float32(0)), reflect.Float64: reflect.TypeOf(float64(0)),
	reflect.Complex64: reflect.TypeOf(complex64(0)), reflect.Complex128: reflect.TypeOf(complex128(0)),
}

func checkConstraint(it, ct *itype) error {
	if len(ct.constraint) == 0 && len(ct.ulconstraint) == 0 {
		return nil
	}
	for _, c := range append(ct.constraint[:len(ct.constraint):len(ct.constraint)], ct.ulconstraint...) {
		if namesUnresolved(c, 0) {
			// archlab patch: a term naming another type parameter
			// (M interface{ ~map[K]V }) is not known here; the
			// program's type check has checked it, and comparing
			// with it panicked ("incomplete type").
			return nil
		}
	}
	for _, c := range ct.constraint {
		if it.equals(c) || it.matchDefault(c) {
			return nil
		}
	}
	u := it.underlying()
	if b := compiledUnderlying(it); b != nil {
		u = b
	}
	for _, c := range ct.ulconstraint {
		if u.equals(c) || it.matchDefault(c) {
			return nil
		}
	}
	return it.node.cfgErrorf("%s does not implement %s", it.id(), ct.id())
}

// namesUnresolved reports whether t is, or is made of, a type not yet
// resolved (a type parameter of the declaration being instantiated).
func namesUnresolved(t *itype, depth int) bool {
	if t == nil || depth > 8 {
		return false
	}
	if t.incomplete {
		return true
	}
	switch t.cat {
	case mapT:
		return namesUnresolved(t.key, depth+1) || namesUnresolved(t.val, depth+1)
	case arrayT, sliceT, ptrT, chanT, chanSendT, chanRecvT, variadicT:
		return namesUnresolved(t.val, depth+1)
	case funcT:
		for _, a := range t.arg {
			if namesUnresolved(a, depth+1) {
				return true
			}
		}
		for _, r := range t.ret {
			if namesUnresolved(r, depth+1) {
				return true
			}
		}
	}
	return false
}
