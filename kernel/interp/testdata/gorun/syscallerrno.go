// The syscall package's errors and constants are there: errors.Is of an
// os error and syscall.ENOENT, an Errno's message.
package main

import (
	"errors"
	"fmt"
	"io/fs"
	"os"
	"syscall"
)

func main() {
	_, err := os.Open("/no/such/file")
	fmt.Println(errors.Is(err, syscall.ENOENT), errors.Is(err, fs.ErrNotExist))
	var errno syscall.Errno
	fmt.Println(errors.As(err, &errno), errno == syscall.ENOENT, syscall.EACCES.Error())
	fmt.Println(syscall.O_RDONLY, syscall.SIGINT)
}
