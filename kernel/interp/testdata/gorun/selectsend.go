// A select's send case converts its value to the channel's element type;
// a type switch whose only clause is default binds its variable.
package main

import "fmt"

type U32 uint32

type event struct{ id int }

func (e event) String() string { return fmt.Sprintf("event#%d", e.id) }

func main() {
	c := make(chan int32, 1)
	select {
	case c <- 123:
		fmt.Println("sent")
	default:
		fmt.Println("default")
	}
	fmt.Println(<-c)

	uc := make(chan interface{}, 1)
	select {
	case uc <- U32(2):
	}
	got := <-uc
	fmt.Printf("%T %v %v\n", got, got, got == U32(2))

	sc := make(chan fmt.Stringer, 1)
	select {
	case sc <- event{7}:
	}
	fmt.Println(<-sc)

	fc := make(chan float64, 1)
	n := 3
	select {
	case fc <- 1 << 2:
	case fc <- float64(n):
	}
	fmt.Println(<-fc > 2)

	p := new([2]chan int)
	p[0], p[1] = make(chan int, 1), make(chan int, 1)
	p[1] <- 5
	select {
	case v := <-p[0]:
		fmt.Println("p0", v)
	case v, ok := <-p[1]:
		fmt.Println("p1", v, ok)
	}

	var x interface{} = 5
	switch v := x.(type) {
	default:
		fmt.Println(v, v == 5)
	}
}
