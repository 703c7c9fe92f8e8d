package exec

import (
	"bytes"
	"os"
	"strconv"
	"syscall"
)

// procAttr puts the worker in its own process group and kills it when the
// process that started it dies (a search killed with SIGKILL must not
// leave a worker writing into an experiment the resumed search re-runs).
func procAttr() *syscall.SysProcAttr {
	return &syscall.SysProcAttr{Setpgid: true, Pdeathsig: syscall.SIGKILL}
}

// groupRSS returns the total resident memory in bytes of the processes
// whose process group is pgid, read from /proc/PID/stat, and how many
// there are.
func groupRSS(pgid int) (rss int64, n int, err error) {
	d, err := os.Open("/proc")
	if err != nil {
		return 0, 0, err
	}
	defer d.Close()
	names, err := d.Readdirnames(-1)
	if err != nil {
		return 0, 0, err
	}
	page := int64(os.Getpagesize())
	for _, name := range names {
		if name[0] < '0' || name[0] > '9' {
			continue
		}
		b, err := os.ReadFile("/proc/" + name + "/stat")
		if err != nil {
			continue // gone since the listing
		}
		pg, pages, ok := parseStat(b)
		if ok && pg == pgid {
			rss += pages * page
			n++
		}
	}
	return rss, n, nil
}

// parseStat reads the process group (field 5) and the resident set in
// pages (field 24) of a /proc/PID/stat line. The command name (field 2) is
// in parentheses and may hold spaces and parentheses itself, so the fields
// are counted from the last ')'.
func parseStat(b []byte) (pgid int, rssPages int64, ok bool) {
	i := bytes.LastIndexByte(b, ')')
	if i < 0 {
		return 0, 0, false
	}
	f := bytes.Fields(b[i+1:]) // f[0] is field 3 (state)
	if len(f) < 22 {
		return 0, 0, false
	}
	pg, err1 := strconv.Atoi(string(f[5-3]))
	rss, err2 := strconv.ParseInt(string(f[24-3]), 10, 64)
	if err1 != nil || err2 != nil {
		return 0, 0, false
	}
	return pg, rss, true
}
