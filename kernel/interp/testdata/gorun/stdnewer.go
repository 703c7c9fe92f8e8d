// Symbols added to the standard library after Go 1.22 that stdnewer.go
// binds: slog.NewMultiHandler, filepath.Localize, math/rand/v2 Uint.
package main

import (
	"fmt"
	"log/slog"
	"math/rand/v2"
	"os"
	"path/filepath"
)

func main() {
	h := slog.NewMultiHandler(slog.NewTextHandler(os.Stdout, &slog.HandlerOptions{ReplaceAttr: func(g []string, a slog.Attr) slog.Attr {
		if a.Key == slog.TimeKey {
			return slog.Attr{}
		}
		return a
	}}))
	slog.New(h).Info("hi", "n", 1)
	p, err := filepath.Localize("a/b")
	fmt.Println(p, err, rand.Uint() >= 0)
}
