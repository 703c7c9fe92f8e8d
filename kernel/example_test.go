package kernel_test

import (
	"fmt"

	"github.com/archlab/archlab/kernel"
)

// The language_info every frontend reads from kernel_info_reply to pick
// syntax highlighting and the file extension of downloads.
func ExampleLanguageInfo() {
	li := kernel.LanguageInfo()
	fmt.Println(li["name"], li["mimetype"], li["file_extension"], li["codemirror_mode"])
	// Output: go text/x-go .go go
}
