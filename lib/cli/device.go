package cli

import (
	"flag"
	"fmt"
	"strings"

	"github.com/archlab/archlab/gpu"
	_ "github.com/archlab/archlab/gpu/backends" // the devices --device names
)

// deviceUsage is the help of every --device flag.
const deviceUsage = "training backend: cpu, cuda or auto (cuda when a GPU and its library are present, else cpu; archlab doctor says which)"

// deviceFlag adds --device to fs with default def ("" leaves the choice
// to what is being run, e.g. a worker's job spec).
func deviceFlag(fs *flag.FlagSet, def string) *string {
	return fs.String("device", def, deviceUsage)
}

// validDevice refuses a --device this binary does not know, saying which
// it does.
func validDevice(name string) error {
	if name == "" || gpu.Known(name) {
		return nil
	}
	return fmt.Errorf("--device %q: unknown device; give one of %s", name, strings.Join(gpu.Devices(), ", "))
}
