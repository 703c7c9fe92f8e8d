package store

import (
	"context"
	"database/sql"
	"fmt"

	"github.com/archlab/archlab/agents"
)

// Call is one stored LLM or agent call.
type Call struct {
	ID  int64 // assigned in insertion order
	Exp int64 // the experiment it belongs to, 0: none
	agents.CallRecord
}

const callColumns = `id, exp, role, provider, model, prompt_hash, request, reply,
	tokens_in, tokens_out, latency_s, cost_usd, attempt, error, time`

// AddCall stores c as a call of experiment exp (0: none; else a stored
// experiment) and returns its id. The record is stored as given: callers
// keep keys out of Request (agents renders requests without them).
func (s *Store) AddCall(ctx context.Context, exp int64, c agents.CallRecord) (int64, error) {
	var id int64
	err := s.Tx(ctx, func(tx *Tx) (err error) {
		id, err = tx.AddCall(ctx, exp, c)
		return err
	})
	return id, err
}

// AddCall is Store.AddCall inside the transaction.
func (t *Tx) AddCall(ctx context.Context, exp int64, c agents.CallRecord) (int64, error) {
	if exp < 0 {
		return 0, fmt.Errorf("store: add %s call: invalid experiment %d", c.Role, exp)
	}
	res, err := t.tx.ExecContext(ctx, "INSERT INTO calls ("+callColumns+") VALUES (NULL, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)",
		nullID(exp), c.Role, c.Provider, c.Model, c.PromptHash, c.Request, c.Reply,
		c.TokensIn, c.TokensOut, nullFloat(c.LatencyS), nullFloat(c.CostUSD), c.Attempt, c.Error, timeText(c.Time))
	if err != nil {
		return 0, t.s.dbErr(fmt.Sprintf("add %s call of experiment %d", c.Role, exp), err)
	}
	id, err := res.LastInsertId()
	if err != nil {
		return 0, t.s.dbErr("add call", err)
	}
	return id, nil
}

// Calls reads the calls of experiment exp (0: all calls), ordered by id.
func (s *Store) Calls(ctx context.Context, exp int64) ([]Call, error) {
	q, args := "SELECT "+callColumns+" FROM calls ORDER BY id", []any(nil)
	if exp != 0 {
		q, args = "SELECT "+callColumns+" FROM calls WHERE exp = ? ORDER BY id", []any{exp}
	}
	rows, err := s.db.QueryContext(ctx, q, args...)
	if err != nil {
		return nil, s.dbErr("calls", err)
	}
	defer rows.Close()
	var cs []Call
	for rows.Next() {
		var (
			c             Call
			e             sql.NullInt64
			latency, cost sql.NullFloat64
			when          sql.NullString
		)
		err := rows.Scan(&c.ID, &e, &c.Role, &c.Provider, &c.Model, &c.PromptHash, &c.Request, &c.Reply,
			&c.TokensIn, &c.TokensOut, &latency, &cost, &c.Attempt, &c.Error, &when)
		if err != nil {
			return nil, s.dbErr("calls", err)
		}
		c.Exp, c.LatencyS, c.CostUSD = e.Int64, nanNull(latency), nanNull(cost)
		if c.Time, err = parseTime(when); err != nil {
			return nil, fmt.Errorf("store: call %d: %w", c.ID, err)
		}
		cs = append(cs, c)
	}
	if err := rows.Err(); err != nil {
		return nil, s.dbErr("calls", err)
	}
	return cs, nil
}
