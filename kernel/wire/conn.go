package wire

import (
	"encoding/json"
	"errors"
	"fmt"
	"net"
	"os"
	"strings"
)

// ConnectionInfo is the connection file Jupyter writes for a kernel it
// starts (the "{connection_file}" argument of the kernelspec's argv).
type ConnectionInfo struct {
	Transport       string `json:"transport"`        // "tcp" or "ipc"
	IP              string `json:"ip"`               // e.g. "127.0.0.1"; for ipc the path prefix
	ShellPort       int    `json:"shell_port"`       // 0 binds a free port (tests)
	ControlPort     int    `json:"control_port"`     //
	StdinPort       int    `json:"stdin_port"`       //
	IOPubPort       int    `json:"iopub_port"`       //
	HBPort          int    `json:"hb_port"`          //
	Key             string `json:"key"`              // HMAC key; empty disables signing
	SignatureScheme string `json:"signature_scheme"` // "hmac-sha256"
	KernelName      string `json:"kernel_name,omitempty"`
}

// ReadConnectionFile reads and validates a connection file.
func ReadConnectionFile(path string) (ConnectionInfo, error) {
	var c ConnectionInfo
	b, err := os.ReadFile(path)
	if err != nil {
		return c, fmt.Errorf("wire: read connection file: %w", err)
	}
	if err := json.Unmarshal(b, &c); err != nil {
		return c, fmt.Errorf("wire: connection file %q is not valid JSON: %w", path, err)
	}
	if err := c.Validate(); err != nil {
		return c, fmt.Errorf("wire: connection file %q: %w", path, err)
	}
	return c, nil
}

// Validate reports the first problem with c, naming the field.
func (c ConnectionInfo) Validate() error {
	switch c.Transport {
	case "tcp":
		if net.ParseIP(c.IP) == nil && c.IP != "*" && c.IP != "localhost" {
			return fmt.Errorf("ip %q is not an IP address", c.IP)
		}
	case "ipc":
		if c.IP == "" {
			return errors.New(`ip (the ipc path prefix) is empty`)
		}
	case "":
		return errors.New(`transport is missing (want "tcp" or "ipc")`)
	default:
		return fmt.Errorf(`transport %q is not supported (want "tcp" or "ipc")`, c.Transport)
	}
	for _, p := range []struct {
		name string
		port int
	}{{"shell_port", c.ShellPort}, {"control_port", c.ControlPort}, {"stdin_port", c.StdinPort},
		{"iopub_port", c.IOPubPort}, {"hb_port", c.HBPort}} {
		if p.port < 0 || p.port > 65535 {
			return fmt.Errorf("%s %d is out of range", p.name, p.port)
		}
	}
	if _, err := NewSigner(c.SignatureScheme, []byte(c.Key)); err != nil {
		return err
	}
	return nil
}

// Endpoint is the ZeroMQ address of port under c's transport.
func (c ConnectionInfo) Endpoint(port int) string {
	if c.Transport == "ipc" {
		return fmt.Sprintf("ipc://%s-%d", c.IP, port)
	}
	ip := c.IP
	if strings.Contains(ip, ":") {
		ip = "[" + ip + "]"
	}
	return fmt.Sprintf("tcp://%s:%d", ip, port)
}
