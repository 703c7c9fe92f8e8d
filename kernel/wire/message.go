package wire

import (
	"bytes"
	"crypto/rand"
	"encoding/hex"
	"encoding/json"
	"errors"
	"fmt"
	"time"
)

// ProtocolVersion is the messaging protocol version this package speaks.
const ProtocolVersion = "5.3"

// Delimiter separates routing identities from the signed message.
const Delimiter = "<IDS|MSG>"

var (
	// ErrBadSignature marks a message whose signature is missing, wrong or
	// replayed. Such messages are dropped.
	ErrBadSignature = errors.New("wire: bad signature")
	// ErrMalformed marks frames that are not a Jupyter message.
	ErrMalformed = errors.New("wire: malformed message")
)

// Header is a message header (and the parent_header of a reply).
type Header struct {
	MsgID    string `json:"msg_id"`
	Session  string `json:"session"`
	Username string `json:"username"`
	Date     string `json:"date"` // RFC 3339 with microseconds, UTC
	MsgType  string `json:"msg_type"`
	Version  string `json:"version"`
}

// Message is one decoded Jupyter message.
type Message struct {
	Identities   [][]byte // ROUTER envelope: who to answer
	Header       Header
	ParentHeader Header         // zero for a message with no parent: encoded as {}
	Metadata     map[string]any // nil encodes as {}
	Content      json.RawMessage
	Buffers      [][]byte
}

// Type is the message's msg_type.
func (m *Message) Type() string { return m.Header.MsgType }

// DecodeContent unmarshals the content into v.
func (m *Message) DecodeContent(v any) error {
	if err := json.Unmarshal(m.Content, v); err != nil {
		return fmt.Errorf("%w: %s content: %v", ErrMalformed, m.Header.MsgType, err)
	}
	return nil
}

// NewID returns a random message id (32 hex digits, like a UUID without dashes).
func NewID() string {
	var b [16]byte
	_, _ = rand.Read(b[:]) // crypto/rand.Read never fails (Go 1.24+)
	return hex.EncodeToString(b[:])
}

// now is the header date format Jupyter uses.
func now() string { return time.Now().UTC().Format("2006-01-02T15:04:05.000000Z07:00") }

// NewMessage builds a message of msgType in session whose parent is parent
// (nil for none). Content is marshalled to JSON; a value that cannot be
// marshalled is a programming error and panics.
func NewMessage(session, msgType string, parent *Message, content any) Message {
	m := Message{
		Header: Header{
			MsgID:    NewID(),
			Session:  session,
			Username: "kernel",
			Date:     now(),
			MsgType:  msgType,
			Version:  ProtocolVersion,
		},
		Content: mustJSON(content),
	}
	if parent != nil {
		m.ParentHeader = parent.Header
		m.Identities = parent.Identities
	}
	return m
}

func mustJSON(v any) json.RawMessage {
	if raw, ok := v.(json.RawMessage); ok {
		return raw
	}
	if v == nil {
		return json.RawMessage("{}")
	}
	b, err := json.Marshal(v)
	if err != nil {
		panic("wire: content does not marshal: " + err.Error())
	}
	if string(b) == "null" { // a typed nil map
		return json.RawMessage("{}")
	}
	return b
}

// Encode returns the frames of m, signed by s.
func (m *Message) Encode(s *Signer) ([][]byte, error) {
	var parts [4][]byte
	var err error
	if parts[0], err = json.Marshal(m.Header); err != nil {
		return nil, fmt.Errorf("wire: encode header: %w", err)
	}
	if m.ParentHeader == (Header{}) {
		parts[1] = []byte("{}")
	} else if parts[1], err = json.Marshal(m.ParentHeader); err != nil {
		return nil, fmt.Errorf("wire: encode parent header: %w", err)
	}
	if m.Metadata == nil {
		parts[2] = []byte("{}")
	} else if parts[2], err = json.Marshal(m.Metadata); err != nil {
		return nil, fmt.Errorf("wire: encode metadata: %w", err)
	}
	parts[3] = m.Content
	if len(parts[3]) == 0 {
		parts[3] = []byte("{}")
	}
	frames := make([][]byte, 0, len(m.Identities)+6+len(m.Buffers))
	frames = append(frames, m.Identities...)
	frames = append(frames, []byte(Delimiter), []byte(s.Sign(parts)))
	frames = append(frames, parts[:]...)
	frames = append(frames, m.Buffers...)
	return frames, nil
}

// Decode parses frames into a message after checking the signature with s.
// Errors wrap ErrBadSignature or ErrMalformed.
func Decode(frames [][]byte, s *Signer) (Message, error) {
	var m Message
	i := 0
	for i < len(frames) && !bytes.Equal(frames[i], []byte(Delimiter)) {
		i++
	}
	if i == len(frames) {
		return m, fmt.Errorf("%w: no %s delimiter in %d frames", ErrMalformed, Delimiter, len(frames))
	}
	if len(frames)-i < 6 {
		return m, fmt.Errorf("%w: %d frames after the delimiter, want at least 5", ErrMalformed, len(frames)-i-1)
	}
	m.Identities = frames[:i]
	sig := frames[i+1]
	var parts [4][]byte
	copy(parts[:], frames[i+2:i+6])
	if err := s.Verify(sig, parts); err != nil {
		return m, err
	}
	if err := json.Unmarshal(parts[0], &m.Header); err != nil {
		return m, fmt.Errorf("%w: header: %v", ErrMalformed, err)
	}
	if m.Header.MsgType == "" {
		return m, fmt.Errorf("%w: header has no msg_type", ErrMalformed)
	}
	if err := json.Unmarshal(parts[1], &m.ParentHeader); err != nil {
		return m, fmt.Errorf("%w: parent header: %v", ErrMalformed, err)
	}
	if err := json.Unmarshal(parts[2], &m.Metadata); err != nil {
		return m, fmt.Errorf("%w: metadata: %v", ErrMalformed, err)
	}
	var obj map[string]json.RawMessage
	if err := json.Unmarshal(parts[3], &obj); err != nil || obj == nil {
		return m, fmt.Errorf("%w: content is not a JSON object", ErrMalformed)
	}
	m.Content = parts[3]
	m.Buffers = frames[i+6:]
	return m, nil
}
