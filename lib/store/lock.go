package store

import (
	"errors"
	"fmt"
	"os"
	"strconv"
	"strings"
	"syscall"
	"time"
)

// acquireLock takes flock(LOCK_EX|LOCK_NB) on path and writes "pid host
// time" into it. The lock belongs to the open file description: it is
// released by releaseLock or when the process dies (kill -9 included), and
// a second acquireLock in the same process fails too. Go opens files
// close-on-exec, so worker processes started by the loop do not inherit it.
func acquireLock(path string) (*os.File, error) {
	f, err := os.OpenFile(path, os.O_RDWR|os.O_CREATE, 0o644)
	if err != nil {
		return nil, fmt.Errorf("lock: %w", err)
	}
	// A holder that has just been killed can keep the lock a moment longer
	// through a child caught between fork and exec; when the recorded pid
	// is gone, wait up to a second for that to pass. A live holder is
	// refused at once.
	deadline := time.Now().Add(time.Second)
	for {
		err = syscall.Flock(int(f.Fd()), syscall.LOCK_EX|syscall.LOCK_NB)
		if err == syscall.EINTR {
			continue
		}
		if errors.Is(err, syscall.EWOULDBLOCK) && holderGone(path) && time.Now().Before(deadline) {
			time.Sleep(20 * time.Millisecond)
			continue
		}
		break
	}
	if err != nil {
		f.Close()
		if errors.Is(err, syscall.EWOULDBLOCK) {
			return nil, fmt.Errorf("%w: %s", ErrLocked, holder(path))
		}
		return nil, fmt.Errorf("lock %q: %w", path, err)
	}
	host, _ := os.Hostname()
	info := fmt.Sprintf("%d %s %s\n", os.Getpid(), host, time.Now().UTC().Format(time.RFC3339))
	if err := f.Truncate(0); err == nil {
		_, err = f.WriteAt([]byte(info), 0)
	}
	if err != nil {
		releaseLock(f)
		return nil, fmt.Errorf("lock %q: %w", path, err)
	}
	return f, nil
}

// holder describes the lock's holder from what it wrote into path.
func holder(path string) string {
	b, _ := os.ReadFile(path)
	fields := strings.Fields(string(b))
	if len(fields) < 3 {
		return fmt.Sprintf("%s is held by a process that has not written its pid yet", path)
	}
	pid, _ := strconv.Atoi(fields[0])
	who := fmt.Sprintf("pid %d on host %s", pid, fields[1])
	if pid == os.Getpid() {
		who = fmt.Sprintf("pid %d (this process)", pid)
	}
	return fmt.Sprintf("%s is held by %s since %s", path, who, fields[2])
}

// holderGone reports whether the pid recorded in path is no longer a
// process on this host.
func holderGone(path string) bool {
	b, _ := os.ReadFile(path)
	fields := strings.Fields(string(b))
	if len(fields) < 2 {
		return false
	}
	pid, err := strconv.Atoi(fields[0])
	host, _ := os.Hostname()
	if err != nil || pid <= 0 || fields[1] != host || pid == os.Getpid() {
		return false
	}
	return errors.Is(syscall.Kill(pid, 0), syscall.ESRCH)
}

// releaseLock empties the lock file (no holder) and closes it, which
// releases the flock.
func releaseLock(f *os.File) {
	f.Truncate(0)
	f.Close()
}
