package cli

import (
	"fmt"
	"runtime"
	"runtime/debug"
)

// Version is archlab's release version; builds from a VCS checkout also
// print the commit.
const Version = "0.1.0-dev"

func cmdVersion(env *Env) int {
	fs := newFlags(env, "version", "", "Print the archlab version, the Go toolchain and the commit it was built from.")
	if code, done := parseFlags(env, fs); done {
		return code
	}
	if fs.NArg() > 0 {
		fmt.Fprintf(env.Stderr, "archlab version: unexpected argument %q\n", fs.Arg(0))
		return 2
	}
	rev := ""
	if bi, ok := debug.ReadBuildInfo(); ok {
		for _, s := range bi.Settings {
			if s.Key == "vcs.revision" && len(s.Value) >= 12 {
				rev = " " + s.Value[:12]
			}
		}
	}
	fmt.Fprintf(env.Stdout, "archlab %s%s %s %s/%s\n", Version, rev, runtime.Version(), runtime.GOOS, runtime.GOARCH)
	return 0
}
