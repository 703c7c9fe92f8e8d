#!/usr/bin/python3
"""Summarise `go test -json` from stdin: print each package's result, the
output of every failing test, and one closing line 'go test: N passed, N failed,
N skipped'. Exit 1 when anything failed (a build failure counts)."""
import json
import sys

passed = failed = skipped = 0
out = {}  # (pkg, test) -> [lines]
pkg_fail = []
for raw in sys.stdin:
    try:
        ev = json.loads(raw)
    except json.JSONDecodeError:
        sys.stdout.write(raw)  # build errors and other non-JSON lines
        continue
    pkg, test, action = ev.get("Package", ""), ev.get("Test"), ev.get("Action")
    if action == "build-output":
        sys.stdout.write(ev.get("Output", ""))
        continue
    if action == "output":
        out.setdefault((pkg, test), []).append(ev.get("Output", ""))
    elif test and action in ("pass", "fail", "skip"):
        if action == "pass":
            passed += 1
        elif action == "skip":
            skipped += 1
        else:
            failed += 1
            sys.stdout.write("--- FAIL %s %s\n" % (pkg, test))
            sys.stdout.write("".join(out.get((pkg, test), [])))
    elif not test and action in ("pass", "fail", "skip"):
        el = ev.get("Elapsed", 0)
        word = {"pass": "ok  ", "fail": "FAIL", "skip": "?   "}[action]
        print("%s %s %.1fs" % (word, pkg, el))
        if action == "fail":
            pkg_fail.append(pkg)
            # Output not tied to a test: build failures, panics, TestMain.
            sys.stdout.write("".join(out.get((pkg, None), [])[-40:]))
print("go test: %d passed, %d failed, %d skipped" % (passed, failed, skipped))
sys.exit(1 if failed or pkg_fail else 0)
