// Package store keeps a search run: one SQLite database of experiments,
// LLM calls and settings, with each experiment's files beside it.
//
//	s, err := store.Open("runs/r1", store.Options{Logger: log}) // the loop: creates, migrates, locks
//	e := &store.Experiment{Name: "gated_delta", Parent: 1, Stage: 1, Status: store.Proposed}
//	id, err := s.Insert(ctx, e)                  // e.ID = id; runs/r1/exp/ID/ exists
//	e.Source, e.Status = src, store.Checked
//	err = s.Update(ctx, e)                       // the whole row; layer.go follows Source
//	err = s.WriteFile(id, "result.json", b)      // atomic
//	line, err := s.Lineage(ctx, id)              // e, its parent, ..., the baseline
//
//	r, err := store.OpenReadOnly("runs/r1")      // notebooks, archlab results: no lock
//	done, err := r.List(ctx, store.Filter{Status: []store.Status{store.Done}})
//
// # The run folder
//
//	RUN/archlab.db     SQLite, WAL mode (with archlab.db-wal and -shm while open)
//	RUN/lock           flock(2)ed by the one writer; holds "pid host since"
//	RUN/exp/ID/        layer.go (Experiment.Source), and what others write:
//	                   check.json, metrics.jsonl, result.json, worker.log, checkpoints
//
// The database holds three tables: experiments (one row per Experiment,
// columns named as its JSON fields; "of" and "check" need quoting in SQL),
// calls (one row per agents.CallRecord, with the experiment it belongs to)
// and meta (key/value bytes: the loop's config, search seed, counters).
// Times are UTC text with nine fractional digits, so text order is time
// order; the zero time is NULL. A float that is NaN (never measured) is
// NULL and reads back as NaN. Slices, maps and raw JSON are JSON text (nil
// is NULL; empty stays empty). Seed, a uint64, is stored as its int64 bit
// pattern. Parent, Of and a call's experiment are foreign keys, 0 is NULL.
//
// # One writer, many readers
//
// Open takes an exclusive flock on RUN/lock: a second Open of the folder,
// from another process or from this one, fails at once with an error that
// wraps ErrLocked and names the holder's pid and host. The lock belongs to
// the open file, so it goes when the holder closes the store or dies, kill
// -9 included; it is not inherited by the worker processes the loop
// starts. OpenReadOnly takes no lock: SQLite's WAL lets readers read the
// last committed state while the writer writes.
//
// # Durability
//
// Every write method commits before it returns, with synchronous=FULL: in
// WAL mode that fsyncs the log at each commit, so a write that returned
// survives a power cut. (NORMAL would save that fsync but may lose the
// last commits on power loss, and "the store is the truth" for a resumed
// search. BenchmarkInsertUpdate, one experiment's three commits and its
// layer.go, measured about 13 ms on an ext4 VM disk, within the loop's
// 50 ms budget per experiment.) Files are written to a temporary
// file in the same folder, fsynced and renamed, and the folder fsynced.
// Insert and Update write layer.go before their commit, so after a crash
// the folder can be ahead of the row, never behind; an orphan folder from
// an insert that never committed is moved aside when its id is reused.
//
// Store.Tx groups writes into one transaction (for example an experiment's
// final Update, its calls and the loop's counters).
//
// # Schema versions
//
// The schema is the ordered list of migrations/NNN_name.sql, embedded;
// PRAGMA user_version counts those applied, and Open applies the rest,
// each in its own transaction. A database with a higher version than this
// code knows comes from a newer archlab and is refused, naming both
// versions; a file that is not SQLite, or is another application's
// database, is refused naming its path, and is never modified.
package store
