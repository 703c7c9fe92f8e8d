package store

import (
	"context"
	"database/sql"
	"errors"
	"fmt"
)

// SetMeta stores value under key, replacing any earlier value. The loop
// keeps its config, search seed and counters here.
func (s *Store) SetMeta(ctx context.Context, key string, value []byte) error {
	return s.Tx(ctx, func(tx *Tx) error { return tx.SetMeta(ctx, key, value) })
}

// Meta reads the value under key; ok is false when there is none.
func (s *Store) Meta(ctx context.Context, key string) (value []byte, ok bool, err error) {
	return s.meta(ctx, s.db, key)
}

// MetaKeys lists the keys of the meta table, sorted.
func (s *Store) MetaKeys(ctx context.Context) ([]string, error) {
	rows, err := s.db.QueryContext(ctx, "SELECT key FROM meta ORDER BY key")
	if err != nil {
		return nil, s.dbErr("meta keys", err)
	}
	defer rows.Close()
	var keys []string
	for rows.Next() {
		var k string
		if err := rows.Scan(&k); err != nil {
			return nil, s.dbErr("meta keys", err)
		}
		keys = append(keys, k)
	}
	if err := rows.Err(); err != nil {
		return nil, s.dbErr("meta keys", err)
	}
	return keys, nil
}

// SetMeta is Store.SetMeta inside the transaction.
func (t *Tx) SetMeta(ctx context.Context, key string, value []byte) error {
	if key == "" {
		return errors.New("store: set meta: empty key")
	}
	if value == nil {
		value = []byte{}
	}
	_, err := t.tx.ExecContext(ctx, "INSERT INTO meta (key, value) VALUES (?, ?) ON CONFLICT (key) DO UPDATE SET value = excluded.value", key, value)
	if err != nil {
		return t.s.dbErr(fmt.Sprintf("set meta %q", key), err)
	}
	return nil
}

// Meta is Store.Meta inside the transaction.
func (t *Tx) Meta(ctx context.Context, key string) ([]byte, bool, error) {
	return t.s.meta(ctx, t.tx, key)
}

func (s *Store) meta(ctx context.Context, q querier, key string) ([]byte, bool, error) {
	var v []byte
	err := q.QueryRowContext(ctx, "SELECT value FROM meta WHERE key = ?", key).Scan(&v)
	if errors.Is(err, sql.ErrNoRows) {
		return nil, false, nil
	}
	if err != nil {
		return nil, false, s.dbErr(fmt.Sprintf("meta %q", key), err)
	}
	if v == nil {
		v = []byte{}
	}
	return v, true, nil
}
