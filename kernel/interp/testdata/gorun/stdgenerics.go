package main

// The standard library's generic functions and types beside compiled
// symbols: sync.OnceValue and OnceValues, atomic.Pointer[T],
// reflect.TypeFor and math/rand/v2's N.

import (
	"errors"
	"fmt"
	"io"
	"io/fs"
	"math/rand/v2"
	"reflect"
	"strconv"
	"sync"
	"sync/atomic"
	"time"
)

type config struct{ name string }

func main() {
	calls := 0
	load := sync.OnceValue(func() int { calls++; return 42 })
	fmt.Println(load(), load(), calls)

	read := sync.OnceValues(func() (string, error) { return "", errors.New("no file") })
	_, err := read()
	_, err2 := read()
	fmt.Println(err, err == err2)

	boom := sync.OnceValue(func() int { panic("once") })
	for range 2 {
		func() {
			defer func() { fmt.Println("recovered:", recover()) }()
			boom()
		}()
	}

	var cur atomic.Pointer[config]
	fmt.Println(cur.Load() == nil)
	first := &config{"a"}
	cur.Store(first)
	old := cur.Swap(&config{"b"})
	fmt.Println(old.name, cur.Load().name, cur.CompareAndSwap(first, nil), cur.CompareAndSwap(cur.Load(), first), cur.Load().name)

	fmt.Println(reflect.TypeFor[int](), reflect.TypeFor[[]string]())
	n, ok := reflect.TypeAssert[int](reflect.ValueOf(4))
	s, ok2 := reflect.TypeAssert[string](reflect.ValueOf(4))
	fmt.Println(n, ok, s == "", ok2)
	fmt.Println(rand.N(1), rand.N(time.Duration(1)), rand.N(uint8(1)))

	wrapped := fmt.Errorf("load: %w", errors.Join(io.EOF, &fs.PathError{Op: "open", Path: "x", Err: fs.ErrNotExist}))
	pe, ok := errors.AsType[*fs.PathError](wrapped)
	fmt.Println(ok, pe.Path, pe.Op)
	_, ok = errors.AsType[*strconv.NumError](wrapped)
	fmt.Println(ok)
	ce, ok := errors.AsType[codeErr](fmt.Errorf("x: %w", codeErr{7}))
	fmt.Println(ok, ce.code)
}

type codeErr struct{ code int }

func (e codeErr) Error() string { return fmt.Sprint("code ", e.code) }
