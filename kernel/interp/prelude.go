package interp

import (
	"math"
	"reflect"
	"slices"
	"unsafe"
)

// rtPath is the import path of compiled helpers the prelude uses.
const rtPath = "archlab.local/rt"

// rtSymbols are compiled helpers for the prelude, bound to s.
func (s *session) rtSymbols() map[string]map[string]reflect.Value {
	return map[string]map[string]reflect.Value{
		rtPath + "/rt": {
			"Clear": reflect.ValueOf(func(x any) {
				v := reflect.ValueOf(x)
				if v.Kind() == reflect.Map || v.Kind() == reflect.Slice {
					v.Clear()
				}
			}),
			"GoPanic":     reflect.ValueOf(s.goPanic),
			"SortOrdered": reflect.ValueOf(sortOrdered),
			"Recovered":   reflect.ValueOf(s.recovered),
			"Cell":        reflect.ValueOf(runningCell),
			"NegZero":     reflect.ValueOf(negZero),
		},
	}
}

// negZero reports whether x is a floating-point negative zero: min and max
// order -0 before 0, as Go's builtins do.
func negZero(x any) bool {
	switch f := x.(type) {
	case float64:
		return f == 0 && math.Signbit(f)
	case float32:
		return f == 0 && math.Signbit(float64(f))
	}
	v := reflect.ValueOf(x)
	if k := v.Kind(); k == reflect.Float32 || k == reflect.Float64 {
		return v.Float() == 0 && math.Signbit(v.Float())
	}
	return false
}

// sortOrdered sorts x, a slice of an ordered basic kind, with Go's
// slices.Sort (the same order, compiled: an interpreted comparison per
// step made slices.Sort of 200,000 ints take seconds), and reports whether
// it could.
func sortOrdered(x any) bool {
	v := reflect.ValueOf(x)
	if v.Kind() != reflect.Slice {
		return false
	}
	n := v.Len()
	if n < 2 {
		return true
	}
	p := v.UnsafePointer()
	switch v.Type().Elem().Kind() {
	case reflect.Int:
		slices.Sort(unsafe.Slice((*int)(p), n))
	case reflect.Int8:
		slices.Sort(unsafe.Slice((*int8)(p), n))
	case reflect.Int16:
		slices.Sort(unsafe.Slice((*int16)(p), n))
	case reflect.Int32:
		slices.Sort(unsafe.Slice((*int32)(p), n))
	case reflect.Int64:
		slices.Sort(unsafe.Slice((*int64)(p), n))
	case reflect.Uint:
		slices.Sort(unsafe.Slice((*uint)(p), n))
	case reflect.Uint8:
		slices.Sort(unsafe.Slice((*uint8)(p), n))
	case reflect.Uint16:
		slices.Sort(unsafe.Slice((*uint16)(p), n))
	case reflect.Uint32:
		slices.Sort(unsafe.Slice((*uint32)(p), n))
	case reflect.Uint64:
		slices.Sort(unsafe.Slice((*uint64)(p), n))
	case reflect.Uintptr:
		slices.Sort(unsafe.Slice((*uintptr)(p), n))
	case reflect.Float32:
		slices.Sort(unsafe.Slice((*float32)(p), n))
	case reflect.Float64:
		slices.Sort(unsafe.Slice((*float64)(p), n))
	case reflect.String:
		slices.Sort(unsafe.Slice((*string)(p), n))
	default:
		return false
	}
	return true
}

// builtinPrelude defines Go 1.21's min, max and clear, which yaegi v0.16
// lacks, as session globals. They are generic functions, typed by their
// first argument; a NaN argument gives NaN and -0 orders before 0, as
// Go's builtins do; rewriteMinMax makes mixed untyped constants (max(1, 2.5))
// behave as in Go.
const builtinPrelude = `import __archlab_rt "archlab.local/rt"
import __archlab_fmt "fmt"
func min[T ~int | ~float64 | ~string | ~int8 | ~int16 | ~int32 | ~int64 | ~uint | ~uint8 | ~uint16 | ~uint32 | ~uint64 | ~uintptr | ~float32](x T, y ...T) T {
	for _, v := range y {
		if x != x {
			return x
		}
		if v != v || v < x || v == x && __archlab_rt.NegZero(v) {
			x = v
		}
	}
	return x
}
func max[T ~int | ~float64 | ~string | ~int8 | ~int16 | ~int32 | ~int64 | ~uint | ~uint8 | ~uint16 | ~uint32 | ~uint64 | ~uintptr | ~float32](x T, y ...T) T {
	for _, v := range y {
		if x != x {
			return x
		}
		if v != v || v > x || v == x && __archlab_rt.NegZero(x) {
			x = v
		}
	}
	return x
}
func clear[T any](x T) { __archlab_rt.Clear(x) }
func __archlab_recovered(v any) any { __archlab_rt.Recovered(v); return v }
func __archlab_cell() int { return __archlab_rt.Cell() }
func __archlab_gorecover(cell, line, col int) {
	if r := recover(); r != nil {
		__archlab_rt.GoPanic(cell, line, col, r)
	}
}
`

// slicesPrelude completes yaegi's generic slices package with Go's
// signatures (S ~[]E: a named slice type comes back as itself).
// Go 1.23's iterator functions (All, Values, Collect, Sorted, ...) are
// here too.
const slicesPrelude = `package slices

import (
	"archlab.local/rt"
	"iter"
	"sort"
)

// clear is the builtin the package's DeleteFunc, CompactFunc and Replace
// use.
func clear[T any](x T) { rt.Clear(x) }

func IsSortedFunc[S ~[]E, E any](x S, cmp func(a, b E) int) bool {
	for i := len(x) - 1; i > 0; i-- {
		if cmp(x[i], x[i-1]) < 0 {
			return false
		}
	}
	return true
}
func BinarySearchFunc[S ~[]E, E, T any](x S, target T, cmp func(E, T) int) (int, bool) {
	i := sort.Search(len(x), func(i int) bool { return cmp(x[i], target) >= 0 })
	return i, i < len(x) && cmp(x[i], target) == 0
}

type ordered interface {
	~int | ~int8 | ~int16 | ~int32 | ~int64 | ~uint | ~uint8 | ~uint16 | ~uint32 | ~uint64 | ~uintptr | ~float32 | ~float64 | ~string
}

func Sort[S ~[]E, E ordered](x S) {
	if !rt.SortOrdered(x) {
		sort.Slice(x, func(i, j int) bool { return x[i] < x[j] })
	}
}
func SortFunc[S ~[]E, E any](x S, cmp func(a, b E) int) {
	sort.Slice(x, func(i, j int) bool { return cmp(x[i], x[j]) < 0 })
}
func SortStableFunc[S ~[]E, E any](x S, cmp func(a, b E) int) {
	sort.SliceStable(x, func(i, j int) bool { return cmp(x[i], x[j]) < 0 })
}
func IsSorted[S ~[]E, E ordered](x S) bool {
	for i := len(x) - 1; i > 0; i-- {
		if x[i] < x[i-1] {
			return false
		}
	}
	return true
}
func Min[S ~[]E, E ordered](x S) E {
	if len(x) < 1 {
		panic("slices.Min: empty list")
	}
	m := x[0]
	for _, v := range x[1:] {
		if v < m {
			m = v
		}
	}
	return m
}
func Max[S ~[]E, E ordered](x S) E {
	if len(x) < 1 {
		panic("slices.Max: empty list")
	}
	m := x[0]
	for _, v := range x[1:] {
		if v > m {
			m = v
		}
	}
	return m
}
func MinFunc[S ~[]E, E any](x S, cmp func(a, b E) int) E {
	if len(x) < 1 {
		panic("slices.MinFunc: empty list")
	}
	m := x[0]
	for _, v := range x[1:] {
		if cmp(v, m) < 0 {
			m = v
		}
	}
	return m
}
func MaxFunc[S ~[]E, E any](x S, cmp func(a, b E) int) E {
	if len(x) < 1 {
		panic("slices.MaxFunc: empty list")
	}
	m := x[0]
	for _, v := range x[1:] {
		if cmp(v, m) > 0 {
			m = v
		}
	}
	return m
}
func BinarySearch[S ~[]E, E ordered](x S, target E) (int, bool) {
	i := sort.Search(len(x), func(i int) bool { return x[i] >= target })
	return i, i < len(x) && x[i] == target
}
func Index[S ~[]E, E comparable](s S, v E) int {
	for i := range s {
		if v == s[i] {
			return i
		}
	}
	return -1
}
func IndexFunc[S ~[]E, E any](s S, f func(E) bool) int {
	for i := range s {
		if f(s[i]) {
			return i
		}
	}
	return -1
}
func Contains[S ~[]E, E comparable](s S, v E) bool { return Index(s, v) >= 0 }
func ContainsFunc[S ~[]E, E any](s S, f func(E) bool) bool { return IndexFunc(s, f) >= 0 }
func Equal[S ~[]E, E comparable](s1, s2 S) bool {
	if len(s1) != len(s2) {
		return false
	}
	for i := range s1 {
		if s1[i] != s2[i] {
			return false
		}
	}
	return true
}
func Reverse[S ~[]E, E any](s S) {
	for i, j := 0, len(s)-1; i < j; i, j = i+1, j-1 {
		s[i], s[j] = s[j], s[i]
	}
}
func Clone[S ~[]E, E any](s S) S {
	if s == nil {
		return nil
	}
	return append(s[:0:0], s...)
}
func Compact[S ~[]E, E comparable](s S) S {
	if len(s) < 2 {
		return s
	}
	i := 1
	for k := 1; k < len(s); k++ {
		if s[k] != s[k-1] {
			s[i] = s[k]
			i++
		}
	}
	var zero E
	for k := i; k < len(s); k++ {
		s[k] = zero // as Go, the obsolete elements are zeroed
	}
	return s[:i]
}
func Insert[S ~[]E, E any](s S, i int, v ...E) S {
	_ = s[i:] // bounds check
	n, m := len(s), len(v)
	if m == 0 {
		return s
	}
	if i == n {
		return append(s, v...)
	}
	if n+m > cap(s) {
		s2 := append(s[:i], make(S, n+m-i)...)
		copy(s2[i:], v)
		copy(s2[i+m:], s[i:])
		return s2
	}
	s = s[:n+m]
	copy(s[i+m:], s[i:n])
	copy(s[i:], v)
	return s
}
func Delete[S ~[]E, E any](s S, i, j int) S {
	_ = s[i:j:len(s)] // bounds check
	if i == j {
		return s
	}
	n := len(s)
	s = append(s[:i], s[j:]...)
	var zero E
	for k := len(s); k < n; k++ {
		s[:n][k] = zero // as Go, the obsolete elements are zeroed
	}
	return s
}
func Concat[S ~[]E, E any](ss ...S) S {
	var out S
	for _, s := range ss {
		out = append(out, s...)
	}
	return out
}
func Repeat[S ~[]E, E any](x S, count int) S {
	if count < 0 {
		panic("cannot be negative")
	}
	var out S
	for k := 0; k < count; k++ {
		out = append(out, x...)
	}
	return out
}
func All[S ~[]E, E any](s S) iter.Seq2[int, E] {
	return func(yield func(int, E) bool) {
		for i, v := range s {
			if !yield(i, v) {
				return
			}
		}
	}
}
func Values[S ~[]E, E any](s S) iter.Seq[E] {
	return func(yield func(E) bool) {
		for _, v := range s {
			if !yield(v) {
				return
			}
		}
	}
}
func Backward[S ~[]E, E any](s S) iter.Seq2[int, E] {
	return func(yield func(int, E) bool) {
		for i := len(s) - 1; i >= 0; i-- {
			if !yield(i, s[i]) {
				return
			}
		}
	}
}
func AppendSeq[S ~[]E, E any](s S, seq iter.Seq[E]) S {
	for v := range seq {
		s = append(s, v)
	}
	return s
}
func Collect[E any](seq iter.Seq[E]) []E {
	var s []E
	for v := range seq {
		s = append(s, v)
	}
	return s
}
func Sorted[E ordered](seq iter.Seq[E]) []E {
	s := Collect(seq)
	Sort(s)
	return s
}
func SortedFunc[E any](seq iter.Seq[E], cmp func(E, E) int) []E {
	s := Collect(seq)
	SortFunc(s, cmp)
	return s
}
func SortedStableFunc[E any](seq iter.Seq[E], cmp func(E, E) int) []E {
	s := Collect(seq)
	SortStableFunc(s, cmp)
	return s
}
func Chunk[S ~[]E, E any](s S, n int) iter.Seq[S] {
	if n < 1 {
		panic("cannot be less than 1")
	}
	return func(yield func(S) bool) {
		for i := 0; i < len(s); i += n {
			end := i + n
			if end > len(s) {
				end = len(s)
			}
			if !yield(s[i:end:end]) {
				return
			}
		}
	}
}
`

// mapsPrelude completes yaegi's maps package with Go 1.23's iterator
// functions, and replaces its Clone (which needs the runtime's map clone),
// Copy, DeleteFunc and Equal, all with Go's signatures (M ~map[K]V: a
// named map type comes back as itself, and maps.Clone[map[string]int]
// instantiates).
const mapsPrelude = `package maps

import "iter"

func All[M ~map[K]V, K comparable, V any](m M) iter.Seq2[K, V] {
	return func(yield func(K, V) bool) {
		for k, v := range m {
			if !yield(k, v) {
				return
			}
		}
	}
}
func Keys[M ~map[K]V, K comparable, V any](m M) iter.Seq[K] {
	return func(yield func(K) bool) {
		for k := range m {
			if !yield(k) {
				return
			}
		}
	}
}
func Values[M ~map[K]V, K comparable, V any](m M) iter.Seq[V] {
	return func(yield func(V) bool) {
		for _, v := range m {
			if !yield(v) {
				return
			}
		}
	}
}
func Insert[M ~map[K]V, K comparable, V any](m M, seq iter.Seq2[K, V]) {
	for k, v := range seq {
		m[k] = v
	}
}
func Collect[K comparable, V any](seq iter.Seq2[K, V]) map[K]V {
	m := map[K]V{}
	for k, v := range seq {
		m[k] = v
	}
	return m
}
func Clone[M ~map[K]V, K comparable, V any](m M) M {
	if m == nil {
		return nil
	}
	r := make(M, len(m))
	for k, v := range m {
		r[k] = v
	}
	return r
}
func Copy[M1 ~map[K]V, M2 ~map[K]V, K comparable, V any](dst M1, src M2) {
	for k, v := range src {
		dst[k] = v
	}
}
func DeleteFunc[M ~map[K]V, K comparable, V any](m M, del func(K, V) bool) {
	for k, v := range m {
		if del(k, v) {
			delete(m, k)
		}
	}
}
func Equal[M1, M2 ~map[K]V, K, V comparable](m1 M1, m2 M2) bool {
	if len(m1) != len(m2) {
		return false
	}
	for k, v1 := range m1 {
		if v2, ok := m2[k]; !ok || v1 != v2 {
			return false
		}
	}
	return true
}
`

// iterPrelude is Go's iter package: the iterator types, and Pull and Pull2
// on a goroutine (Go runs them as coroutines; the order of events is the
// same).
const iterPrelude = `package iter

type Seq[V any] func(yield func(V) bool)

type Seq2[K, V any] func(yield func(K, V) bool)

func Pull[V any](seq Seq[V]) (next func() (V, bool), stop func()) {
	var (
		started, finished bool
		panicked          any
		vals              = make(chan V)
		req               = make(chan bool)
		end               = make(chan bool)
	)
	run := func() {
		defer func() {
			panicked = recover()
			finished = true
			close(end)
		}()
		if !<-req {
			return
		}
		seq(func(v V) bool {
			if finished {
				panic("iter.Pull: next called again after the iterator returned")
			}
			vals <- v
			return <-req
		})
	}
	resume := func(more bool) (V, bool) {
		var zero V
		if finished {
			return zero, false
		}
		if !started {
			started = true
			go run()
		}
		select {
		case req <- more:
		case <-end:
		}
		select {
		case v := <-vals:
			return v, true
		case <-end:
			if p := panicked; p != nil {
				panicked = nil
				panic(p)
			}
			return zero, false
		}
	}
	next = func() (V, bool) { return resume(true) }
	stop = func() {
		if started && !finished {
			resume(false)
		}
		finished = true
	}
	return next, stop
}

func Pull2[K, V any](seq Seq2[K, V]) (next func() (K, V, bool), stop func()) {
	type pair struct {
		k K
		v V
	}
	n, s := Pull(func(yield func(pair) bool) {
		seq(func(k K, v V) bool { return yield(pair{k, v}) })
	})
	next = func() (K, V, bool) {
		p, ok := n()
		return p.k, p.v, ok
	}
	return next, s
}
`

// stdExtensions are the generic functions and types of standard packages
// whose other symbols are compiled (reflect cannot export generics),
// written in Go for the interpreter, by import path. Each behaves as Go's.
var stdExtensions = []struct{ path, src string }{
	{"sync", `package sync

import gosync "sync"

// OnceValue returns a function that calls f once and returns its value;
// a panic in f is raised again by every call.
func OnceValue[T any](f func() T) func() T {
	var (
		once   gosync.Once
		valid  bool
		p      any
		result T
	)
	g := func() {
		defer func() {
			if !valid {
				p = recover()
				panic(p)
			}
		}()
		result = f()
		f = nil
		valid = true
	}
	return func() T {
		once.Do(g)
		if !valid {
			panic(p)
		}
		return result
	}
}

// OnceValues is OnceValue for a function of two results.
func OnceValues[T1, T2 any](f func() (T1, T2)) func() (T1, T2) {
	var (
		once  gosync.Once
		valid bool
		p     any
		r1    T1
		r2    T2
	)
	g := func() {
		defer func() {
			if !valid {
				p = recover()
				panic(p)
			}
		}()
		r1, r2 = f()
		f = nil
		valid = true
	}
	return func() (T1, T2) {
		once.Do(g)
		if !valid {
			panic(p)
		}
		return r1, r2
	}
}
`},
	{"sync/atomic", `package atomic

import gosync "sync"

// Pointer is an atomic pointer of type *T (a lock makes it atomic here).
type Pointer[T any] struct {
	mu gosync.Mutex
	v  *T
}

func (x *Pointer[T]) Load() *T {
	x.mu.Lock()
	defer x.mu.Unlock()
	return x.v
}

func (x *Pointer[T]) Store(val *T) {
	x.mu.Lock()
	defer x.mu.Unlock()
	x.v = val
}

func (x *Pointer[T]) Swap(new *T) (old *T) {
	x.mu.Lock()
	defer x.mu.Unlock()
	old, x.v = x.v, new
	return old
}

func (x *Pointer[T]) CompareAndSwap(old, new *T) (swapped bool) {
	x.mu.Lock()
	defer x.mu.Unlock()
	if x.v != old {
		return false
	}
	x.v = new
	return true
}
`},
	{"unique", `package unique

import gosync "sync"

// Handle is a canonical reference to a value: two handles are equal when
// the values Make was given are.
type Handle[T comparable] struct{ value *T }

// Value returns the value h was made from.
func (h Handle[T]) Value() T { return *h.value }

// The extension is compiled, not run: its globals have no initializers.
var (
	mu    gosync.Mutex
	table map[any]any
)

// Make returns the handle of value, the same for equal values.
func Make[T comparable](value T) Handle[T] {
	mu.Lock()
	defer mu.Unlock()
	if table == nil {
		table = map[any]any{}
	}
	if p, ok := table[value]; ok {
		return Handle[T]{p.(*T)}
	}
	p := new(T)
	*p = value
	table[value] = p
	return Handle[T]{p}
}
`},
	{"reflect", `package reflect

import goreflect "reflect"

// TypeFor returns the Type that represents the type argument T.
func TypeFor[T any]() goreflect.Type {
	var v T
	return goreflect.TypeOf(&v).Elem()
}

// TypeAssert is v.Interface().(T) with its comma-ok result (Go 1.25).
func TypeAssert[T any](v goreflect.Value) (T, bool) {
	t, ok := v.Interface().(T)
	return t, ok
}
`},
	{"math/rand/v2", `package rand

import gorand "math/rand/v2"

type intType interface {
	~int | ~int8 | ~int16 | ~int32 | ~int64 | ~uint | ~uint8 | ~uint16 | ~uint32 | ~uint64 | ~uintptr
}

// N returns a pseudo-random number in [0, n); it panics if n <= 0.
func N[Int intType](n Int) Int {
	if n <= 0 {
		panic("invalid argument to N")
	}
	return Int(gorand.Uint64N(uint64(n)))
}
`},
	{"errors", `package errors

// AsType reports whether an error of type E is in err's tree (err, then
// what Unwrap gives, depth first), and returns the first one. An error
// whose As method accepts a *E matches too, with the value As stores.
func AsType[E error](err error) (E, bool) {
	var target *E
	return asTypeWalk[E](err, &target)
}

func asTypeWalk[E error](err error, target **E) (E, bool) {
	for err != nil {
		if e, ok := err.(E); ok {
			return e, true
		}
		if m, ok := err.(interface{ As(any) bool }); ok {
			if *target == nil {
				*target = new(E)
			}
			if m.As(*target) {
				return **target, true
			}
		}
		switch u := err.(type) {
		case interface{ Unwrap() error }:
			err = u.Unwrap()
		case interface{ Unwrap() []error }:
			for _, inner := range u.Unwrap() {
				if e, ok := asTypeWalk[E](inner, target); ok {
					return e, true
				}
			}
			err = nil
		default:
			err = nil
		}
	}
	var zero E
	return zero, false
}
`},
}

// preludeSources are the source packages the session compiles before
// the first cell, in order.
var preludeSources = []string{iterPrelude, slicesPrelude, mapsPrelude}
