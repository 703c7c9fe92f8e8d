package store

import (
	"context"
	"database/sql"
	"fmt"
)

// Tx is one write transaction: what its methods write becomes visible and
// durable together when the function given to Store.Tx returns nil, and
// not at all otherwise. Files that Insert and Update write into the
// experiment folders are undone on rollback (and written before the
// commit, so a crash between the two leaves the folder ahead of the
// database, never behind it).
type Tx struct {
	s    *Store
	tx   *sql.Tx
	undo []func() // in order of registration; run backwards on rollback
}

// Tx runs fn in one write transaction, committing if fn returns nil and
// rolling back if it returns an error or panics (the panic goes on). fn
// must use tx, not s, for its writes: a write through s waits for tx's
// lock and fails after the busy timeout.
func (s *Store) Tx(ctx context.Context, fn func(tx *Tx) error) (err error) {
	if s.ro {
		return fmt.Errorf("store: transaction: %w", ErrReadOnly)
	}
	sqlTx, err := s.db.BeginTx(ctx, nil)
	if err != nil {
		return s.dbErr("begin transaction", err)
	}
	t := &Tx{s: s, tx: sqlTx}
	committed := false
	defer func() {
		if !committed {
			sqlTx.Rollback()
			t.rollbackFiles()
		}
	}()
	if err := fn(t); err != nil {
		return err
	}
	if err := sqlTx.Commit(); err != nil {
		return s.dbErr("commit", err)
	}
	committed = true
	return nil
}

// onRollback registers f to run if the transaction does not commit.
func (t *Tx) onRollback(f func()) { t.undo = append(t.undo, f) }

func (t *Tx) rollbackFiles() {
	for i := len(t.undo) - 1; i >= 0; i-- {
		t.undo[i]()
	}
	t.undo = nil
}
