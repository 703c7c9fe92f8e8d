package main

// unsafe.Sizeof, Alignof and Offsetof of the program's types (unexported
// and promoted fields included), unsafe.Pointer conversions, and Add,
// String and StringData.

import (
	"fmt"
	"unsafe"
)

type Padded struct {
	a bool
	b int64
	c bool
}

type Packed struct {
	b    int64
	a, c bool
}

type Inner struct {
	x int32
	y int64
}

type Outer struct {
	flag bool
	Inner
	name string
}

type Empty struct{}

func main() {
	fmt.Println(unsafe.Sizeof(int32(0)), unsafe.Sizeof(""), unsafe.Sizeof([]int{}), unsafe.Sizeof(map[int]int{}))
	fmt.Println(unsafe.Sizeof(Padded{}), unsafe.Sizeof(Packed{}), unsafe.Sizeof(Empty{}))
	var p Padded
	fmt.Println(unsafe.Alignof(p.b), unsafe.Offsetof(p.c), unsafe.Offsetof(p.b))
	var o Outer
	fmt.Println(unsafe.Sizeof(o), unsafe.Offsetof(o.name), unsafe.Offsetof(o.y), unsafe.Offsetof(o.Inner), unsafe.Alignof(o.flag), unsafe.Alignof(o))
	const sz = unsafe.Sizeof(int64(0))
	var arr [sz]byte
	fmt.Println(len(arr))
	x := 42
	ptr := unsafe.Pointer(&x)
	*(*int)(ptr) = 7
	fmt.Println(x)
	str := "hello"
	data := unsafe.StringData(str)
	fmt.Println(unsafe.String(data, 3), string(*(*byte)(unsafe.Add(unsafe.Pointer(data), 1))))
}
