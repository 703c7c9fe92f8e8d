// log/slog logs the program's values as Go does: a named type by its
// String method (or as its kind when it has none), a struct by its fields
// (%+v in text, json in JSON), a pointer to one, through slog.Any, Group
// and Logger.With; a LogValue method resolves a value, an error type
// logs its message.
package main

import (
	"errors"
	"log/slog"
	"os"
)

type State int

func (s State) String() string { return "state-" + string(rune('A'+s)) }

type Name string

func (n Name) String() string { return "name:" + string(n) }

type Level int

type User struct {
	ID    int    `json:"id"`
	Email string `json:"email"`
	role  string
}

type Secret string

func (Secret) LogValue() slog.Value { return slog.StringValue("REDACTED") }

type Point struct{ X, Y int }

func (p Point) LogValue() slog.Value {
	return slog.GroupValue(slog.Int("x", p.X), slog.Int("y", p.Y))
}

type NotFound struct{ Key string }

func (e *NotFound) Error() string { return "not found: " + e.Key }

func noTime(_ []string, a slog.Attr) slog.Attr {
	if a.Key == slog.TimeKey {
		return slog.Attr{}
	}
	return a
}

func main() {
	opts := &slog.HandlerOptions{ReplaceAttr: noTime}
	for _, h := range []slog.Handler{slog.NewTextHandler(os.Stdout, opts), slog.NewJSONHandler(os.Stdout, opts)} {
		l := slog.New(h)
		u := User{7, "a@b.c", "admin"}
		l.Info("x", "s", State(2), "n", Name("bo"), "lvl", Level(3), "kind", slog.AnyValue(State(1)).Kind())
		l.Warn("user", "u", u, "p", &u, slog.Any("state", State(0)))
		l.With("req", State(1)).Error("failed", "err", errors.New("boom"), slog.Group("g", "name", Name("x"), "n", 5))
		l.Info("valuers", "pw", Secret("hunter2"), "at", Point{1, 2}, "err", &NotFound{"k"})
	}
}
