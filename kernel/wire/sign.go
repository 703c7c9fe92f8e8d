package wire

import (
	"crypto/hmac"
	"crypto/sha256"
	"encoding/hex"
	"fmt"
	"hash"
	"sync"
)

// Signer signs and verifies the four JSON frames of a message with
// HMAC-SHA256. A Signer with an empty key signs with "" and accepts every
// signature, as the protocol specifies for kernels started without a key.
// A Signer is safe for concurrent use.
type Signer struct {
	key []byte

	mu   sync.Mutex
	mac  hash.Hash
	seen map[string]struct{} // signatures already accepted, to refuse replays
	ring []string            // the same signatures in arrival order
	next int                 // where the next one goes in ring
}

// replayWindow is how many recent signatures a Signer remembers.
const replayWindow = 4096

// NewSigner returns a Signer for a connection file's signature_scheme and key.
func NewSigner(scheme string, key []byte) (*Signer, error) {
	switch scheme {
	case "hmac-sha256":
	case "":
		if len(key) > 0 {
			return nil, fmt.Errorf("wire: signature_scheme is empty but a key is set (want %q)", "hmac-sha256")
		}
	default:
		return nil, fmt.Errorf("wire: signature_scheme %q is not supported (want %q)", scheme, "hmac-sha256")
	}
	s := &Signer{key: append([]byte(nil), key...)}
	if len(key) > 0 {
		s.mac = hmac.New(sha256.New, s.key)
		s.seen = make(map[string]struct{})
		s.ring = make([]string, replayWindow)
	}
	return s, nil
}

// Enabled reports whether messages are signed.
func (s *Signer) Enabled() bool { return len(s.key) > 0 }

// Sign returns the hex HMAC of header, parent header, metadata and content.
func (s *Signer) Sign(parts [4][]byte) string {
	if !s.Enabled() {
		return ""
	}
	s.mu.Lock()
	defer s.mu.Unlock()
	return hex.EncodeToString(s.sum(parts))
}

func (s *Signer) sum(parts [4][]byte) []byte {
	s.mac.Reset()
	for _, p := range parts {
		s.mac.Write(p)
	}
	return s.mac.Sum(nil)
}

// Verify checks sig against parts in constant time, and refuses a signature
// it has accepted before (a replayed message).
func (s *Signer) Verify(sig []byte, parts [4][]byte) error {
	if !s.Enabled() {
		return nil
	}
	if len(sig) == 0 {
		return fmt.Errorf("%w: message is unsigned", ErrBadSignature)
	}
	got := make([]byte, hex.DecodedLen(len(sig)))
	if _, err := hex.Decode(got, sig); err != nil {
		return fmt.Errorf("%w: signature is not hex", ErrBadSignature)
	}
	s.mu.Lock()
	defer s.mu.Unlock()
	if !hmac.Equal(got, s.sum(parts)) {
		return fmt.Errorf("%w: signature does not match", ErrBadSignature)
	}
	key := string(sig)
	if _, dup := s.seen[key]; dup {
		return fmt.Errorf("%w: signature was already used (replayed message)", ErrBadSignature)
	}
	if old := s.ring[s.next]; old != "" {
		delete(s.seen, old)
	}
	s.ring[s.next] = key
	s.next = (s.next + 1) % len(s.ring)
	s.seen[key] = struct{}{}
	return nil
}
