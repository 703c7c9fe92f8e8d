package main

import (
	"regexp"
	"slices"
	"strings"
	"testing"
)

// commandNames are archlab's subcommands in the order "archlab help" lists
// them. Names are a contract (kernelspecs, executors, scripts and the
// README call them): a change here is a breaking change.
var commandNames = []string{
	"kernel", "install", "run", // kernel/cmd
	"train", "arch", "search", "worker", "results", "reproduce", "bench", "doctor", "version", // lib/cli
}

// TestHelpListsEveryCommand pins the wiring of the two command sets: help
// lists every subcommand once, in order, and each answers --help.
func TestHelpListsEveryCommand(t *testing.T) {
	var out, errb strings.Builder
	if code := run([]string{"help"}, nil, &out, &errb); code != 0 {
		t.Fatalf("archlab help: exit %d, stderr %q", code, errb.String())
	}
	var got []string
	for _, m := range regexp.MustCompile(`(?m)^  (\S+) +\S`).FindAllStringSubmatch(out.String(), -1) {
		got = append(got, m[1])
	}
	if !slices.Equal(got, commandNames) {
		t.Errorf("archlab help lists\n-want %q\n+got  %q", commandNames, got)
	}
	for _, name := range commandNames {
		out.Reset()
		errb.Reset()
		if code := run([]string{name, "--help"}, nil, &out, &errb); code != 0 || !strings.HasPrefix(out.String(), "usage: archlab "+name) {
			t.Errorf("archlab %s --help: exit %d, stdout %q, stderr %q", name, code, out.String(), errb.String())
		}
	}
}
