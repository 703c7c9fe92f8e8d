// Package kernelspec writes the Jupyter kernelspec "archlab" (display name
// "Go (archlab)") that starts "archlab kernel {connection_file}", with its
// logos, where Jupyter looks for kernels.
//
//	dir, err := kernelspec.Dir(kernelspec.User, "")   // ~/.local/share/jupyter/kernels/archlab
//	if err != nil { ... }
//	err = kernelspec.Install(dir, "/usr/local/bin/archlab")
//
// The logos are PNGs drawn by gen_logo.go (go generate) and embedded; a test
// fails when the committed files differ from what the generator draws.
package kernelspec

//go:generate go run gen_logo.go
