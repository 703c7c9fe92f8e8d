package store

import (
	"bufio"
	"context"
	"database/sql"
	"errors"
	"fmt"
	"github.com/archlab/archlab/agents"
	"os"
	"os/exec"
	"path/filepath"
	"regexp"
	"strconv"
	"strings"
	"testing"
	"time"
)

// holdEnv names the run folder a re-executed test binary opens and holds
// until it is killed (see TestMain).
const holdEnv = "ARCHLAB_STORE_TEST_HOLD"

func TestMain(m *testing.M) {
	if dir := os.Getenv(holdEnv); dir != "" {
		s, err := Open(dir, Options{})
		if err != nil {
			fmt.Println("error:", err)
			os.Exit(1)
		}
		if _, err := s.Insert(context.Background(), &Experiment{Name: "held", Status: Proposed}); err != nil {
			fmt.Println("error:", err)
			os.Exit(1)
		}
		fmt.Println("holding")
		select {} // until killed
	}
	os.Exit(m.Run())
}

func TestLockSameProcess(t *testing.T) {
	dir := t.TempDir()
	s, err := Open(dir, Options{})
	if err != nil {
		t.Fatal(err)
	}
	_, err = Open(dir, Options{})
	if !errors.Is(err, ErrLocked) {
		t.Fatalf("second Open: %v, want ErrLocked", err)
	}
	if want := fmt.Sprintf("pid %d (this process)", os.Getpid()); !strings.Contains(err.Error(), want) {
		t.Errorf("error %q does not say %q", err, want)
	}
	if err := s.Close(); err != nil {
		t.Fatal(err)
	}
	s, err = Open(dir, Options{})
	if err != nil {
		t.Fatalf("Open after Close: %v", err)
	}
	s.Close()
}

// TestLockAcrossProcesses: a loop in another process holds the folder;
// Open here fails at once naming its pid, and works again once that
// process is killed with SIGKILL (the kernel drops the flock).
func TestLockAcrossProcesses(t *testing.T) {
	dir := t.TempDir()
	cmd := exec.Command(os.Args[0], "-test.run=^$")
	cmd.Env = append(os.Environ(), holdEnv+"="+dir)
	out, err := cmd.StdoutPipe()
	if err != nil {
		t.Fatal(err)
	}
	cmd.Stderr = os.Stderr
	if err := cmd.Start(); err != nil {
		t.Fatal(err)
	}
	defer cmd.Process.Kill()
	line, err := bufio.NewReader(out).ReadString('\n')
	if err != nil || line != "holding\n" {
		t.Fatalf("holder said %q, %v", line, err)
	}

	start := time.Now()
	_, err = Open(dir, Options{})
	if !errors.Is(err, ErrLocked) {
		t.Fatalf("Open while another process holds the lock: %v, want ErrLocked", err)
	}
	if d := time.Since(start); d > time.Second {
		t.Errorf("Open waited %v before refusing", d)
	}
	host, _ := os.Hostname()
	if want := fmt.Sprintf("pid %d on host %s", cmd.Process.Pid, host); !strings.Contains(err.Error(), want) {
		t.Errorf("error %q does not say %q", err, want)
	}

	// Readers need no lock and see the holder's writes.
	r, err := OpenReadOnly(dir)
	if err != nil {
		t.Fatal(err)
	}
	es, err := r.List(context.Background(), Filter{})
	r.Close()
	if err != nil || len(es) != 1 || es[0].Name != "held" {
		t.Errorf("reader next to the holder: %v, %v", es, err)
	}

	if err := cmd.Process.Signal(os.Kill); err != nil {
		t.Fatal(err)
	}
	cmd.Wait()
	s, err := Open(dir, Options{})
	if err != nil {
		t.Fatalf("Open after the holder was killed: %v", err)
	}
	defer s.Close()
	if es, err := s.List(context.Background(), Filter{}); err != nil || len(es) != 1 {
		t.Errorf("the killed holder's insert: %v, %v", es, err)
	}
	if err := s.IntegrityCheck(context.Background()); err != nil {
		t.Error(err)
	}
}

// TestReadOnlyConcurrent: a reader lists while a writer inserts and
// updates; every List succeeds and sees a growing prefix of the rows.
func TestReadOnlyConcurrent(t *testing.T) {
	ctx := context.Background()
	dir := t.TempDir()
	w, err := Open(dir, Options{})
	if err != nil {
		t.Fatal(err)
	}
	defer w.Close()
	r, err := OpenReadOnly(dir)
	if err != nil {
		t.Fatal(err)
	}
	defer r.Close()

	const n = 40
	written := make(chan error, 1)
	go func() {
		for i := range n {
			e := &Experiment{Name: strconv.Itoa(i), Status: Queued, Source: "package x\n"}
			if _, err := w.Insert(ctx, e); err != nil {
				written <- err
				return
			}
			e.Status = Done
			if err := w.Update(ctx, e); err != nil {
				written <- err
				return
			}
		}
		written <- nil
	}()
	last, lists := 0, 0
	for writing := true; writing; {
		select {
		case err := <-written:
			if err != nil {
				t.Fatal(err)
			}
			writing = false // one more List below sees all n
		default:
		}
		es, err := r.List(ctx, Filter{})
		if err != nil {
			t.Fatalf("List while writing: %v", err)
		}
		if len(es) < last {
			t.Fatalf("List saw %d rows after %d", len(es), last)
		}
		for i, e := range es {
			if e.ID != int64(i+1) {
				t.Fatalf("List[%d].ID = %d", i, e.ID)
			}
		}
		last = len(es)
		lists++
		time.Sleep(time.Millisecond) // leave the writer a core
	}
	if last != n {
		t.Fatalf("the last List saw %d rows, want %d", last, n)
	}
	t.Logf("%d lists while %d experiments were written", lists, n)

	for name, f := range map[string]func() error{
		"Insert":    func() error { _, err := r.Insert(ctx, &Experiment{Status: Done}); return err },
		"Update":    func() error { return r.Update(ctx, &Experiment{ID: 1, Status: Done}) },
		"SetMeta":   func() error { return r.SetMeta(ctx, "k", nil) },
		"AddCall":   func() error { _, err := r.AddCall(ctx, 0, callRecord()); return err },
		"WriteFile": func() error { return r.WriteFile(1, "x.json", nil) },
	} {
		if err := f(); !errors.Is(err, ErrReadOnly) {
			t.Errorf("%s on a read-only store: %v, want ErrReadOnly", name, err)
		}
	}
}

// TestReadOnlyAfterWriter: a run whose loop has finished (no -wal, no
// -shm left) opens read-only, and a missing run is an error.
func TestReadOnlyAfterWriter(t *testing.T) {
	dir := t.TempDir()
	w, err := Open(dir, Options{})
	if err != nil {
		t.Fatal(err)
	}
	if _, err := w.Insert(context.Background(), &Experiment{Status: Done}); err != nil {
		t.Fatal(err)
	}
	w.Close()
	r, err := OpenReadOnly(dir)
	if err != nil {
		t.Fatal(err)
	}
	es, err := r.List(context.Background(), Filter{})
	if err != nil || len(es) != 1 {
		t.Errorf("List = %v, %v", es, err)
	}
	r.Close()

	_, err = OpenReadOnly(filepath.Join(dir, "missing"))
	if !errors.Is(err, os.ErrNotExist) || !strings.Contains(err.Error(), "no archlab database") {
		t.Errorf("OpenReadOnly of a missing run: %v", err)
	}
}

// setUserVersion writes user_version by hand, as a newer archlab would.
func setUserVersion(t *testing.T, path string, v int) {
	t.Helper()
	db, err := sql.Open("sqlite", path)
	if err != nil {
		t.Fatal(err)
	}
	defer db.Close()
	if _, err := db.Exec(fmt.Sprintf("PRAGMA user_version = %d", v)); err != nil {
		t.Fatal(err)
	}
}

func TestNewerSchema(t *testing.T) {
	dir := t.TempDir()
	s, err := Open(dir, Options{})
	if err != nil {
		t.Fatal(err)
	}
	s.Close()
	setUserVersion(t, filepath.Join(dir, DBName), 99)
	want := fmt.Sprintf("schema version 99 is newer than this archlab's %d", SchemaVersion())
	if _, err := Open(dir, Options{}); err == nil || !strings.Contains(err.Error(), want) {
		t.Errorf("Open: %v, want %q", err, want)
	}
	if _, err := OpenReadOnly(dir); err == nil || !strings.Contains(err.Error(), want) {
		t.Errorf("OpenReadOnly: %v, want %q", err, want)
	}
	// The refused Open released its lock.
	setUserVersion(t, filepath.Join(dir, DBName), SchemaVersion())
	s, err = Open(dir, Options{})
	if err != nil {
		t.Fatalf("Open after a refused Open: %v", err)
	}
	s.Close()
}

func TestNotArchlab(t *testing.T) {
	garbage := []byte(strings.Repeat("this is not a database\n", 400))
	tests := []struct {
		name  string
		setup func(t *testing.T, path string)
		msg   string
	}{
		{"garbage", func(t *testing.T, path string) {
			if err := os.WriteFile(path, garbage, 0o644); err != nil {
				t.Fatal(err)
			}
		}, "is not an SQLite database"},
		{"another application's database", func(t *testing.T, path string) {
			db, err := sql.Open("sqlite", path)
			if err != nil {
				t.Fatal(err)
			}
			defer db.Close()
			if _, err := db.Exec("CREATE TABLE t (x)"); err != nil {
				t.Fatal(err)
			}
		}, "not an archlab database"},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			dir := t.TempDir()
			path := filepath.Join(dir, DBName)
			tt.setup(t, path)
			before, _ := os.ReadFile(path)
			for name, open := range map[string]func() (*Store, error){
				"Open":         func() (*Store, error) { return Open(dir, Options{}) },
				"OpenReadOnly": func() (*Store, error) { return OpenReadOnly(dir) },
			} {
				s, err := open()
				if err == nil {
					s.Close()
					t.Fatalf("%s succeeded", name)
				}
				if !strings.Contains(err.Error(), path) || !strings.Contains(err.Error(), tt.msg) {
					t.Errorf("%s: %q, want the path and %q", name, err, tt.msg)
				}
			}
			if after, _ := os.ReadFile(path); string(after) != string(before) {
				t.Error("the refused file was modified")
			}
		})
	}
}

func TestIntegrityCheck(t *testing.T) {
	ctx := context.Background()
	dir := t.TempDir()
	s, err := Open(dir, Options{})
	if err != nil {
		t.Fatal(err)
	}
	for i := range 50 {
		e := &Experiment{Name: strconv.Itoa(i), Status: Done, Memo: strings.Repeat("memo ", 200)}
		if _, err := s.Insert(ctx, e); err != nil {
			t.Fatal(err)
		}
	}
	if err := s.IntegrityCheck(ctx); err != nil {
		t.Fatalf("fresh store: %v", err)
	}
	s.Close()

	// Overwrite the middle of the file (table pages, not the header).
	path := filepath.Join(dir, DBName)
	f, err := os.OpenFile(path, os.O_RDWR, 0)
	if err != nil {
		t.Fatal(err)
	}
	fi, _ := f.Stat()
	if _, err := f.WriteAt([]byte(strings.Repeat("\xff", 4096)), fi.Size()/2/4096*4096); err != nil {
		t.Fatal(err)
	}
	f.Close()
	s, err = Open(dir, Options{})
	if err != nil {
		// Also acceptable: the damage is found at Open. It must say so.
		if !strings.Contains(err.Error(), path) {
			t.Fatalf("Open of a damaged file: %v", err)
		}
		return
	}
	defer s.Close()
	err = s.IntegrityCheck(ctx)
	if err == nil || !strings.Contains(err.Error(), "integrity check") {
		t.Fatalf("IntegrityCheck of a damaged file: %v", err)
	}
	t.Log(err)
}

func TestMigrationsNumbered(t *testing.T) {
	re := regexp.MustCompile(`^(\d{3})_[a-z0-9_]+\.sql$`)
	if len(migrations) == 0 {
		t.Fatal("no migrations embedded")
	}
	for i, m := range migrations {
		g := re.FindStringSubmatch(m.name)
		if g == nil || g[1] != fmt.Sprintf("%03d", i+1) {
			t.Errorf("migration %d is %q, want %03d_name.sql", i, m.name, i+1)
		}
	}
}

func callRecord() agents.CallRecord { return agents.CallRecord{Role: "judge", Time: time.Now()} }

// TestOddPath: the run folder's name goes into an SQLite URI; characters
// that mean something there must not change which file is opened.
func TestOddPath(t *testing.T) {
	dir := filepath.Join(t.TempDir(), "a run?x=1&mode=ro#frag %20")
	s, err := Open(dir, Options{})
	if err != nil {
		t.Fatal(err)
	}
	if _, err := s.Insert(context.Background(), &Experiment{Status: Done}); err != nil {
		t.Fatal(err)
	}
	s.Close()
	if _, err := os.Stat(filepath.Join(dir, DBName)); err != nil {
		t.Fatalf("the database is not in the run folder: %v", err)
	}
	r, err := OpenReadOnly(dir)
	if err != nil {
		t.Fatal(err)
	}
	defer r.Close()
	if es, err := r.List(context.Background(), Filter{}); err != nil || len(es) != 1 {
		t.Errorf("List = %v, %v", es, err)
	}
}
