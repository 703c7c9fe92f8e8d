-- 001: experiments, LLM/agent calls and the loop's key/value meta.
-- Times are UTC text, fixed width: 2006-01-02T15:04:05.000000000Z (sorts as it reads).
-- Floats never measured (NaN in Go) are NULL. JSON columns hold JSON text or NULL.
-- "of" and "check" are SQL keywords: quote them in hand-written queries.

PRAGMA application_id = 1095910216; -- 0x41524348, "ARCH"

CREATE TABLE experiments (
	id            INTEGER PRIMARY KEY,                 -- assigned by SQLite, in insertion order
	parent        INTEGER REFERENCES experiments(id),  -- NULL: none (the baseline)
	refs          TEXT,                                -- JSON array of ids
	name          TEXT    NOT NULL,
	motivation    TEXT    NOT NULL,
	design        TEXT,                                -- JSON
	created       TEXT    NOT NULL,
	started       TEXT,
	finished      TEXT,
	stage         INTEGER NOT NULL,                    -- 1 (screen) or 2 (verify)
	"of"          INTEGER REFERENCES experiments(id),  -- stage 2: the stage-1 experiment it re-trains
	status        TEXT    NOT NULL,
	reason        TEXT    NOT NULL,
	error         TEXT    NOT NULL,
	tries         INTEGER NOT NULL,
	source        TEXT    NOT NULL,
	source_hash   TEXT    NOT NULL,
	"check"       TEXT,                                -- JSON: arch.Report
	spec          TEXT,                                -- JSON: train.Spec
	seed          INTEGER NOT NULL,                    -- uint64 bit pattern stored as int64
	seeds         TEXT,                                -- JSON array of uint64
	final_loss    REAL,
	val_loss      REAL,
	scores        TEXT,                                -- JSON object task -> accuracy
	bench         REAL,
	val_std       REAL,
	bench_std     REAL,
	params        INTEGER NOT NULL,
	fitness       REAL,
	fitness_loss  REAL,
	fitness_bench REAL,
	fitness_judge REAL,
	judge         TEXT,                                -- JSON
	beats_asi     INTEGER NOT NULL,                    -- 0 or 1
	beats_noise   INTEGER NOT NULL,                    -- 0 or 1
	memo          TEXT    NOT NULL,
	cognition     TEXT,                                -- JSON array of entry ids
	wall_s        REAL,
	cpu_s         REAL,
	device_s      REAL,
	device_kind   TEXT    NOT NULL
) STRICT;

CREATE INDEX experiments_parent ON experiments(parent);
CREATE INDEX experiments_status ON experiments(status);
CREATE INDEX experiments_stage ON experiments(stage);
CREATE INDEX experiments_of ON experiments("of");

CREATE TABLE calls (
	id          INTEGER PRIMARY KEY,
	exp         INTEGER REFERENCES experiments(id),    -- NULL: not tied to an experiment
	role        TEXT    NOT NULL,
	provider    TEXT    NOT NULL,
	model       TEXT    NOT NULL,
	prompt_hash TEXT    NOT NULL,
	request     TEXT    NOT NULL,
	reply       TEXT    NOT NULL,
	tokens_in   INTEGER NOT NULL,
	tokens_out  INTEGER NOT NULL,
	latency_s   REAL,
	cost_usd    REAL,
	attempt     INTEGER NOT NULL,
	error       TEXT    NOT NULL,
	time        TEXT
) STRICT;

CREATE INDEX calls_exp ON calls(exp);

CREATE TABLE meta (
	key   TEXT PRIMARY KEY,
	value BLOB NOT NULL
) STRICT;
