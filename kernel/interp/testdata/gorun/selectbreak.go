// break and continue inside a select: an unlabeled break ends the select
// (not the loop around it), and a labeled one as a case's last statement
// leaves the loop (the interpreter used to end the loop, or spin forever).
package main

import (
	"fmt"
	"time"
)

func main() {
	c := make(chan int, 10)
	for i := 0; i < 3; i++ {
		c <- i
		select {
		case v := <-c:
			if v == 1 {
				break
			}
			fmt.Println("got", v)
		}
		fmt.Println("after select", i)
	}

	c <- 1
	n := 0
loop:
	for {
		select {
		case <-c:
			break loop
		default:
			n++
		}
	}
	fmt.Println("left the loop, defaults:", n)

	sum := 0
	for i := 0; i < 4; i++ {
		c <- i
		select {
		case v := <-c:
			if v%2 == 1 {
				continue
			}
			sum += v
		}
	}
	fmt.Println("even sum", sum)

	done := time.After(30 * time.Millisecond)
	tick := time.NewTicker(5 * time.Millisecond)
	defer tick.Stop()
	ticks := 0
wait:
	for {
		select {
		case <-done:
			break wait
		case <-tick.C:
			ticks++
		}
	}
	fmt.Println("ticked:", ticks > 0)

	for i := 0; ; i++ {
		select {
		default:
			if i < 2 {
				continue
			}
		}
		fmt.Println("default fell through at", i)
		break
	}
}
