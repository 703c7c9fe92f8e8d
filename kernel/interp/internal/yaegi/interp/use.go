package interp

import (
	"errors"
	"flag"
	"fmt"
	"go/constant"
	"log"
	"math/bits"
	"os"
	"path"
	"reflect"

	gen "github.com/traefik/yaegi/stdlib/generic"
)

// Symbols returns a map of interpreter exported symbol values for the given
// import path. If the argument is the empty string, all known symbols are
// returned.
func (interp *Interpreter) Symbols(importPath string) Exports {
	m := map[string]map[string]reflect.Value{}
	interp.mutex.RLock()
	defer interp.mutex.RUnlock()

	for k, v := range interp.srcPkg {
		if importPath != "" && k != importPath {
			continue
		}
		syms := map[string]reflect.Value{}
		for n, s := range v {
			if !canExport(n) {
				// Skip private non-exported symbols.
				continue
			}
			switch s.kind {
			case constSym:
				syms[n] = s.rval
			case funcSym:
				syms[n] = genFunctionWrapper(s.node)(interp.frame)
			case varSym:
				syms[n] = interp.frame.data[s.index]
			case typeSym:
				syms[n] = reflect.New(s.typ.TypeOf())
			}
		}

		if len(syms) > 0 {
			m[k] = syms
		}

		if importPath != "" {
			return m
		}
	}

	if importPath != "" && len(m) > 0 {
		return m
	}

	for k, v := range interp.binPkg {
		if importPath != "" && k != importPath {
			continue
		}
		m[k] = v
		if importPath != "" {
			return m
		}
	}

	return m
}

// getWrapper returns the wrapper type of the corresponding interface, trying
// first the composed ones, or nil if not found.
func getWrapper(n *node, t reflect.Type) reflect.Type {
	p, ok := n.interp.binPkg[t.PkgPath()]
	if !ok {
		return nil
	}
	w := p["_"+t.Name()]
	lm := n.typ.methods()

	// mapTypes may contain composed interfaces wrappers to test against, from
	// most complex to simplest (guaranteed by construction of mapTypes). Find the
	// first for which the interpreter type has all the methods, with the
	// wrapper's signatures (Unwrap() error is not Unwrap() []error).
	for _, rt := range n.interp.mapTypes[w] {
		if t.Kind() == reflect.Interface && !rt.Implements(t) {
			continue // archlab patch: io.Writer's list holds fmt.Stringer's wrapper
		}
		match := true
		for i := 1; i < rt.NumField(); i++ {
			// The interpreter type must have all required wrapper methods.
			sig, ok := lm[rt.Field(i).Name[1:]]
			if ok && sig != rt.Field(i).Type.String() {
				stripped, err := stripReceiverFromArgs(sig)
				ok = err == nil && stripped == rt.Field(i).Type.String()
			}
			if !ok {
				match = false
				break
			}
		}
		if match {
			return rt
		}
	}

	// Otherwise return the direct "non-composed" interface.
	return w.Type().Elem()
}

// Use loads binary runtime symbols in the interpreter context so
// they can be used in interpreted code.
func (interp *Interpreter) Use(values Exports) error {
	for k, v := range values {
		importPath := path.Dir(k)
		packageName := path.Base(k)

		if k == "." && v["MapTypes"].IsValid() {
			// Use mapping for special interface wrappers.
			for kk, vv := range v["MapTypes"].Interface().(map[reflect.Value][]reflect.Type) {
				interp.mapTypes[kk] = vv
			}
			continue
		}

		if importPath == "." {
			return fmt.Errorf("export path %[1]q is missing a package name; did you mean '%[1]s/%[1]s'?", k)
		}

		if importPath == selfPrefix {
			interp.hooks.Parse(v)
			continue
		}

		if interp.binPkg[importPath] == nil {
			interp.binPkg[importPath] = make(map[string]reflect.Value)
			interp.pkgNames[importPath] = packageName
		}

		for s, sym := range v {
			interp.binPkg[importPath][s] = sym
		}
		if k == selfPath {
			interp.binPkg[importPath]["Self"] = reflect.ValueOf(interp)
		}
	}

	// Checks if input values correspond to stdlib packages by looking for one
	// well known stdlib package path.
	if _, ok := values["fmt/fmt"]; ok {
		fixStdlib(interp)
		fixErrors(interp)

		// Load stdlib generic source.
		for _, s := range gen.Sources {
			if _, err := interp.Compile(s); err != nil {
				return err
			}
		}
	}
	return nil
}

// fixStdlib redefines interpreter stdlib symbols to use the standard input,
// output and errror assigned to the interpreter. The changes are limited to
// the interpreter only.
// Note that it is possible to escape the virtualized stdio by
// read/write directly to file descriptors 0, 1, 2.
func fixStdlib(interp *Interpreter) {
	p := interp.binPkg["fmt"]
	if p == nil {
		return
	}

	stdin, stdout, stderr := interp.stdin, interp.stdout, interp.stderr

	p["Print"] = reflect.ValueOf(func(a ...interface{}) (n int, err error) { return fmt.Fprint(stdout, a...) })
	p["Printf"] = reflect.ValueOf(func(f string, a ...interface{}) (n int, err error) { return fmt.Fprintf(stdout, f, a...) })
	p["Println"] = reflect.ValueOf(func(a ...interface{}) (n int, err error) { return fmt.Fprintln(stdout, a...) })

	p["Scan"] = reflect.ValueOf(func(a ...interface{}) (n int, err error) { return fmt.Fscan(stdin, a...) })
	p["Scanf"] = reflect.ValueOf(func(f string, a ...interface{}) (n int, err error) { return fmt.Fscanf(stdin, f, a...) })
	p["Scanln"] = reflect.ValueOf(func(a ...interface{}) (n int, err error) { return fmt.Fscanln(stdin, a...) })

	// Update mapTypes to virtualized symbols as well.
	interp.mapTypes[p["Print"]] = interp.mapTypes[reflect.ValueOf(fmt.Print)]
	interp.mapTypes[p["Printf"]] = interp.mapTypes[reflect.ValueOf(fmt.Printf)]
	interp.mapTypes[p["Println"]] = interp.mapTypes[reflect.ValueOf(fmt.Println)]
	interp.mapTypes[p["Scan"]] = interp.mapTypes[reflect.ValueOf(fmt.Scan)]
	interp.mapTypes[p["Scanf"]] = interp.mapTypes[reflect.ValueOf(fmt.Scanf)]
	interp.mapTypes[p["Scanln"]] = interp.mapTypes[reflect.ValueOf(fmt.Scanln)]

	if p = interp.binPkg["flag"]; p != nil {
		c := flag.NewFlagSet(os.Args[0], flag.PanicOnError)
		c.SetOutput(stderr)
		p["CommandLine"] = reflect.ValueOf(&c).Elem()
	}

	if p = interp.binPkg["log"]; p != nil {
		l := log.New(stderr, "", log.LstdFlags)
		// Restrict Fatal symbols to panic instead of exit.
		p["Fatal"] = reflect.ValueOf(l.Panic)
		p["Fatalf"] = reflect.ValueOf(l.Panicf)
		p["Fatalln"] = reflect.ValueOf(l.Panicln)

		p["Flags"] = reflect.ValueOf(l.Flags)
		p["Output"] = reflect.ValueOf(l.Output)
		p["Panic"] = reflect.ValueOf(l.Panic)
		p["Panicf"] = reflect.ValueOf(l.Panicf)
		p["Panicln"] = reflect.ValueOf(l.Panicln)
		p["Prefix"] = reflect.ValueOf(l.Prefix)
		p["Print"] = reflect.ValueOf(l.Print)
		p["Printf"] = reflect.ValueOf(l.Printf)
		p["Println"] = reflect.ValueOf(l.Println)
		p["SetFlags"] = reflect.ValueOf(l.SetFlags)
		p["SetOutput"] = reflect.ValueOf(l.SetOutput)
		p["SetPrefix"] = reflect.ValueOf(l.SetPrefix)
		p["Writer"] = reflect.ValueOf(l.Writer)

		// Update mapTypes to virtualized symbols as well.
		interp.mapTypes[p["Print"]] = interp.mapTypes[reflect.ValueOf(log.Print)]
		interp.mapTypes[p["Printf"]] = interp.mapTypes[reflect.ValueOf(log.Printf)]
		interp.mapTypes[p["Println"]] = interp.mapTypes[reflect.ValueOf(log.Println)]
		interp.mapTypes[p["Panic"]] = interp.mapTypes[reflect.ValueOf(log.Panic)]
		interp.mapTypes[p["Panicf"]] = interp.mapTypes[reflect.ValueOf(log.Panicf)]
		interp.mapTypes[p["Panicln"]] = interp.mapTypes[reflect.ValueOf(log.Panicln)]
	}

	if p = interp.binPkg["os"]; p != nil {
		p["Args"] = reflect.ValueOf(&interp.args).Elem()
		if interp.specialStdio {
			// Inherit streams from interpreter even if they do not have a file descriptor.
			p["Stdin"] = reflect.ValueOf(&stdin).Elem()
			p["Stdout"] = reflect.ValueOf(&stdout).Elem()
			p["Stderr"] = reflect.ValueOf(&stderr).Elem()
		} else {
			// Inherits streams from interpreter only if they have a file descriptor and preserve original type.
			if s, ok := stdin.(*os.File); ok {
				p["Stdin"] = reflect.ValueOf(&s).Elem()
			}
			if s, ok := stdout.(*os.File); ok {
				p["Stdout"] = reflect.ValueOf(&s).Elem()
			}
			if s, ok := stderr.(*os.File); ok {
				p["Stderr"] = reflect.ValueOf(&s).Elem()
			}
		}
		if !interp.unrestricted {
			// In restricted mode, scripts can only access to a passed virtualized env, and can not write the real one.
			getenv := func(key string) string { return interp.env[key] }
			p["Clearenv"] = reflect.ValueOf(func() { interp.env = map[string]string{} })
			p["ExpandEnv"] = reflect.ValueOf(func(s string) string { return os.Expand(s, getenv) })
			p["Getenv"] = reflect.ValueOf(getenv)
			p["LookupEnv"] = reflect.ValueOf(func(key string) (s string, ok bool) { s, ok = interp.env[key]; return })
			p["Setenv"] = reflect.ValueOf(func(key, value string) error { interp.env[key] = value; return nil })
			p["Unsetenv"] = reflect.ValueOf(func(key string) error { delete(interp.env, key); return nil })
			p["Environ"] = reflect.ValueOf(func() (a []string) {
				for k, v := range interp.env {
					a = append(a, k+"="+v)
				}
				return
			})
		}
	}

	if p = interp.binPkg["math/bits"]; p != nil {
		// Do not trust extracted value maybe from another arch.
		p["UintSize"] = reflect.ValueOf(constant.MakeInt64(bits.UintSize))
	}
}

// fixErrors makes interpreter error types behave as Go's with the errors
// and fmt packages: an error passed to a printer (fmt.Errorf's %w
// included) is wrapped as an error, not as a bare value; an error type
// with an Unwrap method keeps it through its wrapper, so errors.Is,
// errors.As and errors.Unwrap follow the chain; and errors.As accepts a
// target of an interpreter type, which reflect sees without methods.
func fixErrors(interp *Interpreter) {
	errorType := reflect.TypeOf((*error)(nil)).Elem()
	formatter := reflect.TypeOf((*fmt.Formatter)(nil)).Elem()
	for k, types := range interp.mapTypes {
		if len(types) == 0 || types[0] != formatter {
			continue
		}
		withError := []reflect.Type{formatter, errorType}
		withError = append(withError, types[1:]...)
		interp.mapTypes[k] = withError
	}
	interp.mapTypes[interp.binPkg[""]["_error"]] = []reflect.Type{
		reflect.TypeOf(_errorUnwrap{}),
		reflect.TypeOf(_errorUnwrapAll{}),
	}
	if p := interp.binPkg["fmt"]; p != nil {
		p["_Stringer"] = reflect.ValueOf((*_fmtStringer)(nil))
	}
	if p := interp.binPkg["errors"]; p != nil {
		p["As"] = reflect.ValueOf(errorsAs)
		p["Is"] = reflect.ValueOf(errorsIs)
	}
	if p := interp.binPkg["reflect"]; p != nil {
		p["DeepEqual"] = reflect.ValueOf(interpDeepEqual) // deepequal.go
	}
}

// errorsIs is errors.Is for the interpreter: an error of an interpreter
// type is compared by the value its wrapper holds (the wrapper itself,
// holding methods, is not comparable, so errors.Is never matched it).
func errorsIs(err, target error) bool {
	if err == nil || target == nil {
		return err == target
	}
	want := unboxIface(target)
	comparable := want == nil || reflect.TypeOf(want).Comparable()
	return walkErrors(err, func(e error) bool {
		if comparable && unboxIface(e) == want {
			return true
		}
		if m := interpErrorMethod(e, "Is"); m.IsValid() {
			return callBool(m, reflect.ValueOf(&target).Elem())
		}
		x, ok := e.(interface{ Is(error) bool })
		return ok && x.Is(target)
	})
}

// interpErrorMethod returns the method name of the interpreted value an
// error wrapper holds, as a func value, or an invalid value where it has
// none (archlab patch): the wrappers have only Error and Unwrap, so the
// errors package never saw an interpreted error's Is and As methods.
func interpErrorMethod(e error, name string) reflect.Value {
	vi, ok := wrappedValueInterface(reflect.ValueOf(e))
	if !ok || vi.node == nil || vi.node.typ == nil {
		return reflect.Value{}
	}
	t := vi.node.typ
	m, index := vi.node.interp.cachedMethod(t, name)
	if m == nil || t.cat != ptrT && hasPtrReceiver(m) && !promotedThroughPtr(t, index) {
		return reflect.Value{}
	}
	nod := *m
	nod.recv = &receiver{val: vi.value, index: index}
	f := genFunctionWrapper(&nod)(vi.node.interp.frame)
	if ft := f.Type(); ft.NumIn() != 1 || ft.NumOut() != 1 || ft.Out(0).Kind() != reflect.Bool {
		return reflect.Value{}
	}
	return f
}

// callBool calls m, a func(T) bool, with arg converted to T.
func callBool(m, arg reflect.Value) bool {
	in := m.Type().In(0)
	if !arg.IsValid() {
		arg = reflect.Zero(in)
	} else if arg.Type() != in {
		if !arg.Type().AssignableTo(in) {
			return false
		}
		c := reflect.New(in).Elem()
		c.Set(arg)
		arg = c
	}
	return m.Call([]reflect.Value{arg})[0].Bool()
}

// walkErrors calls visit on err and on each error its Unwrap methods lead
// to, depth first as the errors package does, until visit returns true.
func walkErrors(err error, visit func(error) bool) bool {
	for err != nil {
		if visit(err) {
			return true
		}
		switch x := err.(type) {
		case interface{ Unwrap() error }:
			err = x.Unwrap()
		case interface{ Unwrap() []error }:
			for _, e := range x.Unwrap() {
				if walkErrors(e, visit) {
					return true
				}
			}
			return false
		default:
			return false
		}
	}
	return false
}

// errorsAs is errors.As for the interpreter: a target whose type is
// compiled, or an interface, goes to errors.As; a target of an interpreter
// type (whose reflect type has no methods, so errors.As would panic) is
// matched against each error of the chain by the value its wrapper holds.
// Two interpreter types with the same underlying type are not told apart.
func errorsAs(err error, target any) bool {
	return errorsAsType(err, target, nil)
}

// errorsAsType is errorsAs where the interpreter knows the type of the
// target's element (want, nil when it does not): an error of an
// interpreter type matches it only when its type is want itself.
func errorsAsType(err error, target any, want *itype) bool {
	if target == nil {
		panic("errors: target cannot be nil")
	}
	val := reflect.ValueOf(target)
	typ := val.Type()
	if typ.Kind() != reflect.Ptr || val.IsNil() {
		panic("errors: target must be a non-nil pointer")
	}
	if want != nil && !isInterface(want) && !typ.Elem().Implements(reflect.TypeOf((*error)(nil)).Elem()) {
		if m, _ := want.lookupMethod("Error"); m == nil {
			panic("errors: *target must be interface or implement error")
		}
	}
	// An interpreted error's As method (archlab patch).
	as := func(e error) bool {
		if m := interpErrorMethod(e, "As"); m.IsValid() {
			return callBool(m, reflect.ValueOf(&target).Elem())
		}
		x, ok := e.(interface{ As(any) bool })
		return ok && x.As(target)
	}
	targetType := typ.Elem()
	errorType := reflect.TypeOf((*error)(nil)).Elem()
	if targetType == valueInterfaceType && want != nil && isInterfaceSrc(want) {
		// A target of an interpreted interface type (var t temporary;
		// errors.As(err, &t)): the first error in the chain whose type
		// has its methods, boxed with its type (archlab patch).
		return walkErrors(err, func(e error) bool {
			ev := reflect.ValueOf(e)
			if vi, ok := wrappedValueInterface(ev); ok {
				if interpImplements(vi.node.typ, want) {
					val.Elem().Set(reflect.ValueOf(vi))
					return true
				}
			} else if cv, isBin := compiledConcrete(ev); isBin && compiledImplements(cv.Type(), want) {
				val.Elem().Set(reflect.ValueOf(valueInterface{&node{typ: valueTOf(cv.Type())}, cv}))
				return true
			}
			return as(e)
		})
	}
	if targetType.Kind() == reflect.Interface || targetType.Implements(errorType) {
		if errors.As(err, target) {
			return true
		}
		// The wrappers of interpreted errors have no As method.
		return walkErrors(err, func(e error) bool { return interpErrorMethod(e, "As").IsValid() && as(e) })
	}
	wantID := ""
	if want != nil && want.cat != valueT && !isInterface(want) {
		wantID = want.id()
	}
	return walkErrors(err, func(e error) bool {
		v := reflect.ValueOf(e)
		if t := v.Type(); t.Kind() == reflect.Struct && t.NumField() > 0 && t.Field(0).Name == "IValue" {
			c := v.Field(0).Elem()
			match := true
			if c.IsValid() {
				if vi, ok := c.Interface().(valueInterface); ok {
					match = wantID == "" || vi.node == nil || vi.node.typ.id() == wantID
					c = vi.value
				}
			}
			if match && c.IsValid() && c.Type() == targetType {
				val.Elem().Set(c)
				return true
			}
		}
		return as(e)
	})
}

// interpImplements reports whether the method set of t, an interpreted
// type, has the methods of the interface want.
func interpImplements(t, want *itype) bool {
	for name := range want.methods() {
		m, index := t.lookupMethod(name)
		if m == nil {
			return false
		}
		if len(index) == 0 && t.cat != ptrT && hasPtrReceiver(m) {
			return false
		}
	}
	return true
}

// isErrorsAs reports whether v is the interpreter's errors.As.
func isErrorsAs(v reflect.Value) bool {
	return v.IsValid() && v.Kind() == reflect.Func && v.Pointer() == reflect.ValueOf(errorsAs).Pointer()
}

// isErrorWrapper reports whether t is one of the wrappers of the error
// interface, whose IValue holds the interpreter's box of the value.
func isErrorWrapper(t reflect.Type) bool {
	switch t {
	case reflect.TypeOf(_error{}), reflect.TypeOf(_errorUnwrap{}), reflect.TypeOf(_errorUnwrapAll{}):
		return true
	}
	return false
}
