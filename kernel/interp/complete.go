package interp

import (
	"github.com/archlab/archlab/kernel/display"
)

func (s *session) complete(code string, cursor int) ([]string, int, int) {
	return nil, cursor, cursor
}

func (s *session) inspect(code string, cursor, detail int) (display.Bundle, bool) {
	return display.Bundle{}, false
}

func isComplete(code string) (string, string) { return "complete", "" }
