//go:build unix && !linux

package exec

import (
	"errors"
	"syscall"
)

// procAttr puts the worker in its own process group.
func procAttr() *syscall.SysProcAttr { return &syscall.SysProcAttr{Setpgid: true} }

// groupRSS is only measured on Linux (/proc); elsewhere a memory limit is
// reported as unsupported rather than silently ignored.
func groupRSS(pgid int) (rss int64, n int, err error) {
	return 0, 0, errors.New("exec: measuring a process group's memory needs Linux /proc")
}
