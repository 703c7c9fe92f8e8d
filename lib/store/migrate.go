package store

import (
	"context"
	"embed"
	"fmt"
	"io/fs"
	"path/filepath"
	"sort"
)

// appID is PRAGMA application_id of an archlab database ("ARCH").
const appID = 0x41524348

//go:embed migrations/*.sql
var migrationFS embed.FS

// migrations are the schema's steps, in order: migrations[i] takes
// user_version i to i+1. They are the files migrations/NNN_*.sql, and a
// test checks that NNN counts 1, 2, 3, ...
var migrations = loadMigrations()

type migration struct {
	name string
	sql  string
}

func loadMigrations() []migration {
	names, err := fs.Glob(migrationFS, "migrations/*.sql")
	if err != nil {
		panic("store: " + err.Error())
	}
	sort.Strings(names)
	ms := make([]migration, len(names))
	for i, n := range names {
		b, err := migrationFS.ReadFile(n)
		if err != nil {
			panic("store: " + err.Error())
		}
		ms[i] = migration{name: filepath.Base(n), sql: string(b)}
	}
	return ms
}

// SchemaVersion is the schema version this code writes and reads
// (PRAGMA user_version).
func SchemaVersion() int { return len(migrations) }

func newerError(have, known int) error {
	return fmt.Errorf("schema version %d is newer than this archlab's %d: use a newer archlab", have, known)
}

// version reads user_version, after checking that the file is an archlab
// database (or an empty one).
func (s *Store) version(ctx context.Context) (int, error) {
	var v, app int
	if err := s.db.QueryRowContext(ctx, "PRAGMA user_version").Scan(&v); err != nil {
		return 0, s.dbErr("open", err)
	}
	if err := s.db.QueryRowContext(ctx, "PRAGMA application_id").Scan(&app); err != nil {
		return 0, s.dbErr("open", err)
	}
	path := filepath.Join(s.dir, DBName)
	if app != 0 && app != appID {
		return 0, fmt.Errorf("store: open %q: not an archlab database (application_id %#x)", path, app)
	}
	if v == 0 {
		var n int
		if err := s.db.QueryRowContext(ctx, "SELECT count(*) FROM sqlite_schema").Scan(&n); err != nil {
			return 0, s.dbErr("open", err)
		}
		if n > 0 {
			return 0, fmt.Errorf("store: open %q: not an archlab database (schema version 0 but %d schema objects)", path, n)
		}
	}
	return v, nil
}

// migrate brings the database to SchemaVersion, one transaction per step,
// and refuses a database from a newer archlab.
func (s *Store) migrate(ctx context.Context) error {
	v, err := s.version(ctx)
	if err != nil {
		return err
	}
	if v > len(migrations) {
		return fmt.Errorf("store: open %q: %w", s.dir, newerError(v, len(migrations)))
	}
	var mode string
	if err := s.db.QueryRowContext(ctx, "PRAGMA journal_mode = WAL").Scan(&mode); err != nil {
		return s.dbErr("open", err)
	}
	if mode != "wal" {
		return fmt.Errorf("store: open %q: journal mode is %q, not wal", filepath.Join(s.dir, DBName), mode)
	}
	for i := v; i < len(migrations); i++ {
		m := migrations[i]
		tx, err := s.db.BeginTx(ctx, nil)
		if err != nil {
			return s.dbErr("migrate", err)
		}
		if _, err := tx.ExecContext(ctx, m.sql); err != nil {
			tx.Rollback()
			return fmt.Errorf("store: migrate %q to version %d (%s): %w", s.dir, i+1, m.name, err)
		}
		if _, err := tx.ExecContext(ctx, fmt.Sprintf("PRAGMA user_version = %d", i+1)); err != nil {
			tx.Rollback()
			return s.dbErr("migrate", err)
		}
		if err := tx.Commit(); err != nil {
			return s.dbErr("migrate", err)
		}
		s.log.Info("store: migrated", "version", i+1, "migration", m.name)
	}
	return nil
}
