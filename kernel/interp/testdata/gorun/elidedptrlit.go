// Elided composite literals of a compiled package's pointer types: a
// map of *fstest.MapFile, a slice of *url.URL.
package main

import (
	"fmt"
	"net/url"
	"testing/fstest"
	"time"
)

func main() {
	fsys := fstest.MapFS{"a.txt": {Data: []byte("hi")}, "b": {}}
	fmt.Println(len(fsys), string(fsys["a.txt"].Data), fsys["b"] != nil)
	us := []*url.URL{{Scheme: "http", Host: "x"}, {}}
	fmt.Println(us[0].String(), us[1] != nil)
	ts := map[string]*time.Location{"utc": {}}
	fmt.Println(ts["utc"] != nil)
}
