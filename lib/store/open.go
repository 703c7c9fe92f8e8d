package store

import (
	"context"
	"database/sql"
	"errors"
	"fmt"
	"log/slog"
	"net/url"
	"os"
	"path/filepath"
	"strconv"
	"strings"
	"time"

	"modernc.org/sqlite"
	sqlite3 "modernc.org/sqlite/lib"
)

// File and folder names inside a run folder.
const (
	DBName   = "archlab.db" // the SQLite database
	LockName = "lock"       // flock(2)ed by the one writer; holds its pid and host
	ExpName  = "exp"        // exp/ID/ holds each experiment's files
)

// Errors callers test with errors.Is.
var (
	ErrLocked   = errors.New("store: run folder is locked by another process")
	ErrNotFound = errors.New("store: no such experiment")
	ErrReadOnly = errors.New("store: opened read-only")
)

// DefaultBusyTimeout is how long a statement waits for another connection's
// lock before failing with SQLITE_BUSY.
const DefaultBusyTimeout = 5 * time.Second

// Options configure Open.
type Options struct {
	Logger      *slog.Logger  // nil: discard
	BusyTimeout time.Duration // 0: DefaultBusyTimeout
}

// Store is one run folder: its database, its experiment files and (for a
// Store from Open) its lock. Its methods are safe for concurrent use.
type Store struct {
	dir  string // absolute
	db   *sql.DB
	ro   bool
	lock *os.File // nil when read-only
	log  *slog.Logger
}

// Open opens the run folder dir for writing: it creates dir, the database
// and exp/ if missing, migrates the schema and takes the folder's lock, so
// a second Open of the same folder (from any process, this one included)
// fails with ErrLocked until Close or the holder's exit.
func Open(dir string, opt Options) (*Store, error) {
	abs, err := filepath.Abs(dir)
	if err != nil {
		return nil, fmt.Errorf("store: open %q: %w", dir, err)
	}
	if err := os.MkdirAll(filepath.Join(abs, ExpName), 0o755); err != nil {
		return nil, fmt.Errorf("store: open %q: %w", abs, err)
	}
	log := opt.Logger
	if log == nil {
		log = slog.New(slog.DiscardHandler)
	}
	lock, err := acquireLock(filepath.Join(abs, LockName))
	if err != nil {
		return nil, fmt.Errorf("store: open %q: %w", abs, err)
	}
	busy := opt.BusyTimeout
	if busy <= 0 {
		busy = DefaultBusyTimeout
	}
	path := filepath.Join(abs, DBName)
	// journal_mode=WAL is set by migrate, once the file is known to be an
	// archlab database (it is persistent, and would convert any file).
	// synchronous(FULL): in WAL mode every commit fsyncs the WAL, so a
	// write has reached the disk when it returns (NORMAL would only keep
	// the database consistent, and could lose the last commits on power
	// loss). _txlock=immediate: a write transaction takes the write lock
	// at BEGIN, so it never fails half way with SQLITE_BUSY on upgrade.
	dsn := dsn(path, "_pragma=busy_timeout("+strconv.FormatInt(busy.Milliseconds(), 10)+")",
		"_pragma=foreign_keys(1)", "_pragma=synchronous(FULL)",
		"_txlock=immediate")
	db, err := sql.Open("sqlite", dsn)
	if err != nil {
		releaseLock(lock)
		return nil, fmt.Errorf("store: open %q: %w", path, err)
	}
	s := &Store{dir: abs, db: db, lock: lock, log: log.With("run", abs)}
	if err := s.migrate(context.Background()); err != nil {
		db.Close()
		releaseLock(lock)
		return nil, err
	}
	return s, nil
}

// OpenReadOnly opens the run folder dir for reading, without its lock, so
// notebooks and reports can read while a loop writes. It fails if dir holds
// no archlab database. Write methods return ErrReadOnly.
func OpenReadOnly(dir string) (*Store, error) {
	abs, err := filepath.Abs(dir)
	if err != nil {
		return nil, fmt.Errorf("store: open %q: %w", dir, err)
	}
	path := filepath.Join(abs, DBName)
	if _, err := os.Stat(path); err != nil {
		return nil, fmt.Errorf("store: open %q read-only: no archlab database: %w", path, err)
	}
	busy := strconv.FormatInt(DefaultBusyTimeout.Milliseconds(), 10)
	db, err := sql.Open("sqlite", dsn(path, "mode=ro", "_pragma=busy_timeout("+busy+")"))
	if err != nil {
		return nil, fmt.Errorf("store: open %q: %w", path, err)
	}
	s := &Store{dir: abs, db: db, ro: true, log: slog.New(slog.DiscardHandler)}
	v, err := s.version(context.Background())
	if err == nil {
		switch known := len(migrations); {
		case v > known:
			err = fmt.Errorf("store: open %q: %w", path, newerError(v, known))
		case v < known:
			err = fmt.Errorf("store: open %q read-only: schema version %d is older than this archlab's %d: open it once for writing (archlab search) to migrate", path, v, known)
		}
	}
	if err != nil {
		db.Close()
		return nil, err
	}
	return s, nil
}

// dsn is the modernc.org/sqlite URI for the file at path with params.
func dsn(path string, params ...string) string {
	u := url.URL{Path: path}
	return "file:" + u.EscapedPath() + "?" + strings.Join(params, "&")
}

// Close closes the database and releases the lock.
func (s *Store) Close() error {
	err := s.db.Close()
	if s.lock != nil {
		releaseLock(s.lock)
		s.lock = nil
	}
	if err != nil {
		return fmt.Errorf("store: close %q: %w", s.dir, err)
	}
	return nil
}

// Dir is the run folder (absolute).
func (s *Store) Dir() string { return s.dir }

// ExpDir is the folder of experiment id's files: RUN/exp/ID.
func (s *Store) ExpDir(id int64) string {
	return filepath.Join(s.dir, ExpName, strconv.FormatInt(id, 10))
}

// ReadOnly reports whether s came from OpenReadOnly.
func (s *Store) ReadOnly() bool { return s.ro }

// IntegrityCheck runs PRAGMA integrity_check and fails unless SQLite
// answers "ok"; the error lists what it found.
func (s *Store) IntegrityCheck(ctx context.Context) error {
	rows, err := s.db.QueryContext(ctx, "PRAGMA integrity_check")
	if err != nil {
		return s.dbErr("integrity check", err)
	}
	defer rows.Close()
	var msgs []string
	for rows.Next() {
		var m string
		if err := rows.Scan(&m); err != nil {
			return s.dbErr("integrity check", err)
		}
		msgs = append(msgs, m)
	}
	if err := rows.Err(); err != nil {
		return s.dbErr("integrity check", err)
	}
	if len(msgs) == 1 && msgs[0] == "ok" {
		return nil
	}
	return fmt.Errorf("store: integrity check of %q failed: %s", filepath.Join(s.dir, DBName), strings.Join(msgs, "; "))
}

// dbErr wraps a database error with the operation, naming the database
// file and saying so plainly when the file is not (or no longer) a sound
// SQLite database.
func (s *Store) dbErr(op string, err error) error {
	return wrapDB(op, filepath.Join(s.dir, DBName), err)
}

func wrapDB(op, path string, err error) error {
	var se *sqlite.Error
	if errors.As(err, &se) {
		switch se.Code() & 0xff {
		case sqlite3.SQLITE_NOTADB:
			return fmt.Errorf("store: %s: %q is not an SQLite database: %w", op, path, err)
		case sqlite3.SQLITE_CORRUPT:
			return fmt.Errorf("store: %s: %q is corrupt: %w", op, path, err)
		}
	}
	return fmt.Errorf("store: %s %q: %w", op, path, err)
}
