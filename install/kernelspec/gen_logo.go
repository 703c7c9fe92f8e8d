//go:build ignore

// gen_logo writes logo-32x32.png and logo-64x64.png from Logo.
// Run it with "go generate ./install/kernelspec".
package main

import (
	"log"
	"os"

	"github.com/archlab/archlab/install/kernelspec"
)

func main() {
	for _, size := range []int{32, 64} {
		b, err := kernelspec.EncodeLogo(size)
		if err != nil {
			log.Fatal(err)
		}
		name := kernelspec.LogoName(size)
		if err := os.WriteFile(name, b, 0o644); err != nil {
			log.Fatal(err)
		}
	}
}
