package store

import (
	"context"
	"database/sql"
	"errors"
	"fmt"
	"os"
	"path/filepath"
	"strconv"
	"strings"
	"time"
)

// querier is what reads need from *sql.DB and *sql.Tx.
type querier interface {
	ExecContext(ctx context.Context, query string, args ...any) (sql.Result, error)
	QueryContext(ctx context.Context, query string, args ...any) (*sql.Rows, error)
	QueryRowContext(ctx context.Context, query string, args ...any) *sql.Row
}

var (
	expInsert = func() string {
		n := len(strings.Split(expColumns, ","))
		return "INSERT INTO experiments (" + expColumns + ") VALUES (?" + strings.Repeat(", ?", n-1) + ")"
	}()
	expUpdate = func() string {
		var set []string
		for _, c := range strings.Split(expColumns, ",")[1:] {
			set = append(set, strings.TrimSpace(c)+" = ?")
		}
		return "UPDATE experiments SET " + strings.Join(set, ", ") + " WHERE id = ?"
	}()
)

// Insert stores e as a new experiment and sets e.ID (and e.Created to now
// when zero). It creates ExpDir(e.ID) and writes e.Source into SourceFile
// there when not empty. e.ID must be 0 and e.Status valid; e.Parent and
// e.Of, when not 0, must be stored experiments.
func (s *Store) Insert(ctx context.Context, e *Experiment) (int64, error) {
	var id int64
	err := s.Tx(ctx, func(tx *Tx) (err error) {
		id, err = tx.Insert(ctx, e)
		return err
	})
	return id, err
}

// Update replaces the stored row e.ID with e, and rewrites SourceFile when
// e.Source changed (removing it when Source became empty). It fails with
// ErrNotFound when there is no such row, and on an invalid Status or a
// Parent or Of that does not precede e.ID.
func (s *Store) Update(ctx context.Context, e *Experiment) error {
	return s.Tx(ctx, func(tx *Tx) error { return tx.Update(ctx, e) })
}

// Get reads experiment id; the error wraps ErrNotFound when there is none.
func (s *Store) Get(ctx context.Context, id int64) (*Experiment, error) {
	return s.get(ctx, s.db, id)
}

// Insert is Store.Insert inside the transaction. On rollback, e.ID (and
// e.Created, if Insert set it) go back to zero and the new folder is removed.
func (t *Tx) Insert(ctx context.Context, e *Experiment) (int64, error) {
	if e.ID != 0 {
		return 0, fmt.Errorf("store: insert %q: already has id %d", e.Name, e.ID)
	}
	if !e.Status.Valid() {
		return 0, fmt.Errorf("store: insert %q: invalid status %q", e.Name, e.Status)
	}
	if e.Parent < 0 || e.Of < 0 {
		return 0, fmt.Errorf("store: insert %q: negative parent %d or of %d", e.Name, e.Parent, e.Of)
	}
	args, err := expArgs(e)
	if err != nil {
		return 0, fmt.Errorf("store: insert %q: %w", e.Name, err)
	}
	created := e.Created.IsZero()
	if created {
		args[6] = timeText(time.Now())
	}
	args[0] = nil // SQLite assigns the id
	res, err := t.tx.ExecContext(ctx, expInsert, args...)
	if err != nil {
		return 0, t.s.dbErr(fmt.Sprintf("insert %q (parent %d, of %d)", e.Name, e.Parent, e.Of), err)
	}
	id, err := res.LastInsertId()
	if err != nil {
		return 0, t.s.dbErr("insert "+strconv.Quote(e.Name), err)
	}
	if err := t.makeExpDir(id); err != nil {
		return 0, fmt.Errorf("store: insert %q: %w", e.Name, err)
	}
	if e.Source != "" {
		if err := writeAtomic(t.s.ExpDir(id), SourceFile, []byte(e.Source)); err != nil {
			return 0, fmt.Errorf("store: insert %q: %w", e.Name, err)
		}
	}
	e.ID = id
	if created {
		e.Created, _ = time.Parse(time.RFC3339Nano, args[6].(string))
	}
	t.onRollback(func() {
		e.ID = 0
		if created {
			e.Created = time.Time{}
		}
	})
	return id, nil
}

// makeExpDir creates the folder of the experiment id being inserted. A
// folder already there can only come from an insert that never committed
// (the process died between the two): it is moved aside, not deleted.
func (t *Tx) makeExpDir(id int64) error {
	dir := t.s.ExpDir(id)
	if _, err := os.Lstat(dir); err == nil {
		aside := fmt.Sprintf("%s.orphan-%d", dir, time.Now().UnixNano())
		if err := os.Rename(dir, aside); err != nil {
			return err
		}
		t.s.log.Warn("store: moved aside the folder of an uncommitted experiment", "exp", id, "to", aside)
	}
	if err := os.Mkdir(dir, 0o755); err != nil {
		return err
	}
	t.onRollback(func() {
		if err := os.RemoveAll(dir); err != nil {
			t.s.log.Warn("store: rollback: removing a new experiment folder", "exp", id, "err", err)
		}
	})
	return syncDir(filepath.Dir(dir))
}

// Update is Store.Update inside the transaction. On rollback, SourceFile
// gets its old content back.
func (t *Tx) Update(ctx context.Context, e *Experiment) error {
	switch {
	case e.ID <= 0:
		return fmt.Errorf("store: update %q: invalid id %d", e.Name, e.ID)
	case !e.Status.Valid():
		return fmt.Errorf("store: update %d: invalid status %q", e.ID, e.Status)
	case e.Parent < 0 || e.Parent >= e.ID && e.Parent != 0:
		return fmt.Errorf("store: update %d: parent %d does not precede it", e.ID, e.Parent)
	case e.Of < 0 || e.Of >= e.ID && e.Of != 0:
		return fmt.Errorf("store: update %d: of %d does not precede it", e.ID, e.Of)
	}
	args, err := expArgs(e)
	if err != nil {
		return fmt.Errorf("store: update %d: %w", e.ID, err)
	}
	var old string
	err = t.tx.QueryRowContext(ctx, "SELECT source FROM experiments WHERE id = ?", e.ID).Scan(&old)
	if errors.Is(err, sql.ErrNoRows) {
		return fmt.Errorf("store: update %d: %w", e.ID, ErrNotFound)
	}
	if err != nil {
		return t.s.dbErr("update "+strconv.FormatInt(e.ID, 10), err)
	}
	if e.Created.IsZero() {
		return fmt.Errorf("store: update %d: zero Created: Update replaces the whole row, so start from Get's copy", e.ID)
	}
	args = append(args[1:], e.ID)
	if _, err := t.tx.ExecContext(ctx, expUpdate, args...); err != nil {
		return t.s.dbErr(fmt.Sprintf("update %d (parent %d, of %d)", e.ID, e.Parent, e.Of), err)
	}
	if old == e.Source {
		return nil
	}
	dir := t.s.ExpDir(e.ID)
	if err := setSource(dir, e.Source); err != nil {
		return fmt.Errorf("store: update %d: %w", e.ID, err)
	}
	t.onRollback(func() {
		if err := setSource(dir, old); err != nil {
			t.s.log.Warn("store: rollback: restoring the source file", "exp", e.ID, "err", err)
		}
	})
	return nil
}

// setSource makes dir's SourceFile hold src (no file when src is empty).
func setSource(dir, src string) error {
	if src == "" {
		err := os.Remove(filepath.Join(dir, SourceFile))
		if err != nil && !errors.Is(err, os.ErrNotExist) {
			return err
		}
		return syncDir(dir)
	}
	if err := os.MkdirAll(dir, 0o755); err != nil {
		return err
	}
	return writeAtomic(dir, SourceFile, []byte(src))
}

// Get is Store.Get inside the transaction.
func (t *Tx) Get(ctx context.Context, id int64) (*Experiment, error) {
	return t.s.get(ctx, t.tx, id)
}

func (s *Store) get(ctx context.Context, q querier, id int64) (*Experiment, error) {
	e, err := scanExperiment(q.QueryRowContext(ctx, "SELECT "+expColumns+" FROM experiments WHERE id = ?", id))
	if errors.Is(err, sql.ErrNoRows) {
		return nil, fmt.Errorf("store: get %d: %w", id, ErrNotFound)
	}
	if err != nil {
		return nil, s.dbErr("get "+strconv.FormatInt(id, 10), err)
	}
	return e, nil
}

// NoParent as Filter.Parent selects the experiments without a parent.
const NoParent = -1

// Filter selects experiments for List. The zero Filter selects all.
type Filter struct {
	Stage  int      // 0: any; else only this stage
	Status []Status // empty: any; else any of these
	Parent int64    // 0: any; NoParent: only roots; n > 0: only the children of n
	After  int64    // only ids above After (0: all), to read what is new since the last List
	Limit  int      // 0: no limit
	Newest bool     // newest first (with Limit: the last Limit experiments)
}

// List reads the experiments f selects, ordered by id (ascending, or
// descending with f.Newest).
func (s *Store) List(ctx context.Context, f Filter) ([]*Experiment, error) {
	var (
		where []string
		args  []any
	)
	if f.Stage != 0 {
		where, args = append(where, "stage = ?"), append(args, f.Stage)
	}
	if len(f.Status) > 0 {
		where = append(where, "status IN (?"+strings.Repeat(", ?", len(f.Status)-1)+")")
		for _, st := range f.Status {
			args = append(args, string(st))
		}
	}
	switch {
	case f.Parent == NoParent:
		where = append(where, "parent IS NULL")
	case f.Parent > 0:
		where, args = append(where, "parent = ?"), append(args, f.Parent)
	case f.Parent != 0:
		return nil, fmt.Errorf("store: list: invalid parent %d", f.Parent)
	}
	if f.After > 0 {
		where, args = append(where, "id > ?"), append(args, f.After)
	}
	q := "SELECT " + expColumns + " FROM experiments"
	if len(where) > 0 {
		q += " WHERE " + strings.Join(where, " AND ")
	}
	q += " ORDER BY id"
	if f.Newest {
		q += " DESC"
	}
	if f.Limit > 0 {
		q += " LIMIT " + strconv.Itoa(f.Limit)
	}
	return s.query(ctx, "list", q, args...)
}

// query reads the experiments a SELECT of expColumns returns.
func (s *Store) query(ctx context.Context, op, q string, args ...any) ([]*Experiment, error) {
	rows, err := s.db.QueryContext(ctx, q, args...)
	if err != nil {
		return nil, s.dbErr(op, err)
	}
	defer rows.Close()
	var es []*Experiment
	for rows.Next() {
		e, err := scanExperiment(rows)
		if err != nil {
			return nil, s.dbErr(op, err)
		}
		es = append(es, e)
	}
	if err := rows.Err(); err != nil {
		return nil, s.dbErr(op, err)
	}
	return es, nil
}

// exists fails with ErrNotFound unless experiment id is stored.
func (s *Store) exists(ctx context.Context, op string, id int64) error {
	var one int
	err := s.db.QueryRowContext(ctx, "SELECT 1 FROM experiments WHERE id = ?", id).Scan(&one)
	if errors.Is(err, sql.ErrNoRows) {
		return fmt.Errorf("store: %s %d: %w", op, id, ErrNotFound)
	}
	if err != nil {
		return s.dbErr(op, err)
	}
	return nil
}

// Children reads the experiments whose parent is id, ordered by id.
func (s *Store) Children(ctx context.Context, id int64) ([]*Experiment, error) {
	if err := s.exists(ctx, "children of", id); err != nil {
		return nil, err
	}
	return s.query(ctx, "children", "SELECT "+expColumns+" FROM experiments WHERE parent = ? ORDER BY id", id)
}

// Lineage reads the path from id to its root: the experiment, its parent,
// its grandparent, ..., the root.
func (s *Store) Lineage(ctx context.Context, id int64) ([]*Experiment, error) {
	// parent < id holds for every row (Insert: the parent exists, so its id
	// is lower; Update checks it), so the recursion ends.
	const q = `WITH RECURSIVE up(id, depth) AS (
		SELECT id, 0 FROM experiments WHERE id = ?
		UNION ALL
		SELECT e.parent, up.depth + 1 FROM experiments e JOIN up ON e.id = up.id WHERE e.parent IS NOT NULL
	) SELECT ` + expColumns + ` FROM experiments JOIN up USING (id) ORDER BY up.depth`
	es, err := s.query(ctx, "lineage", q, id)
	if err == nil && len(es) == 0 {
		err = fmt.Errorf("store: lineage of %d: %w", id, ErrNotFound)
	}
	return es, err
}

// Siblings reads the experiments with id's parent and stage, id excluded,
// ordered by id: the other tries from the same parent. The siblings of a
// root are the other roots of its stage (stage-2 rows, which have no
// parent, are not siblings of the baseline).
func (s *Store) Siblings(ctx context.Context, id int64) ([]*Experiment, error) {
	const q = `SELECT ` + expColumns + ` FROM experiments AS e, (SELECT parent AS p, stage AS st FROM experiments WHERE id = ?)
		WHERE e.parent IS p AND e.stage = st AND e.id != ? ORDER BY e.id`
	if err := s.exists(ctx, "siblings of", id); err != nil {
		return nil, err
	}
	return s.query(ctx, "siblings", q, id, id)
}
