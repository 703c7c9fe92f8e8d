package wire_test

import (
	"errors"
	"fmt"

	"github.com/archlab/archlab/kernel/wire"
)

// A message encoded by one side decodes on the other only with the same key.
func ExampleDecode() {
	client, _ := wire.NewSigner("hmac-sha256", []byte("secret"))
	m := wire.NewMessage("session-1", "kernel_info_request", nil, nil)
	frames, _ := m.Encode(client)

	kernel, _ := wire.NewSigner("hmac-sha256", []byte("secret"))
	got, err := wire.Decode(frames, kernel)
	fmt.Println(got.Type(), err)

	other, _ := wire.NewSigner("hmac-sha256", []byte("guess"))
	_, err = wire.Decode(frames, other)
	fmt.Println(errors.Is(err, wire.ErrBadSignature))
	// Output:
	// kernel_info_request <nil>
	// true
}
