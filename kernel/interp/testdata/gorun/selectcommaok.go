// A select's two-value receive (v, ok := <-ch) from a channel that is not
// a plain variable: a field, an index, a dereference, a call.
package main

import "fmt"

type Server struct{ requests chan int }

func (s *Server) ch() chan int { return s.requests }

func main() {
	s := &Server{make(chan int, 1)}
	s.requests <- 7
	select {
	case v, ok := <-s.requests:
		fmt.Println("field", v, ok)
	default:
		fmt.Println("none")
	}
	cs := []chan string{make(chan string, 1)}
	cs[0] <- "x"
	select {
	case w, ok := <-cs[0]:
		fmt.Println("index", w, ok)
	default:
		fmt.Println("none")
	}
	p := &cs[0]
	close(cs[0])
	select {
	case w, ok := <-*p:
		fmt.Printf("deref %q %v\n", w, ok)
	default:
		fmt.Println("none")
	}
	close(s.requests)
	select {
	case v, ok := <-s.ch():
		fmt.Println("call", v, ok)
	}
	var v int
	var ok bool
	s2 := &Server{make(chan int, 1)}
	s2.requests <- 3
	select {
	case v, ok = <-s2.requests:
		fmt.Println("assign", v, ok)
	}
}
