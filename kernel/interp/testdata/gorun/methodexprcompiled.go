// Method expressions on compiled packages' types: as values, called
// directly, and given to generic functions (slices.SortFunc with
// time.Time.Compare).
package main

import (
	"bytes"
	"fmt"
	"io"
	"slices"
	"strings"
	"time"
)

func main() {
	var sb strings.Builder
	write := (*strings.Builder).WriteString
	write(&sb, "hi")
	fmt.Println(sb.String(), (*strings.Builder).Len(&sb))

	read := io.Reader.Read
	p := make([]byte, 2)
	n, err := read(strings.NewReader("xyz"), p)
	fmt.Println(n, err, string(p))

	fmt.Println(time.Duration.Seconds(1500*time.Millisecond), time.Duration.String(90*time.Second))

	ts := []time.Time{
		time.Date(2024, 3, 1, 0, 0, 0, 0, time.UTC),
		time.Date(2023, 1, 1, 0, 0, 0, 0, time.UTC),
	}
	slices.SortFunc(ts, time.Time.Compare)
	fmt.Println(ts[0].Year(), ts[1].Year())

	var buf bytes.Buffer
	wr := (*bytes.Buffer).Write
	wr(&buf, []byte("abc"))
	fprint := io.WriteString
	fprint(&buf, "!")
	fmt.Println(buf.String())
}
