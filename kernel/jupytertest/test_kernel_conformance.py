"""Jupyter's own kernel test suite (jupyter_kernel_test) run against archlab.

Every test of the suite that applies to a Go kernel is switched on by a code
sample below; test_pager stays skipped (archlab has no pager payloads).
"""
import unittest

import jupyter_kernel_test


class ArchlabKernelTests(jupyter_kernel_test.KernelTests):
    kernel_name = "archlab"
    language_name = "go"
    file_extension = ".go"

    code_hello_world = 'fmt.Println("hello, world")'
    code_stderr = 'fmt.Fprintln(os.Stderr, "to stderr")'

    completion_samples = [
        # Matches replace the selector's last part (cursor_start is after the dot).
        {"text": "fmt.Sprin", "matches": {"Sprint", "Sprintf", "Sprintln"}},
        {"text": "strings.ToUpper", "matches": {"ToUpper", "ToUpperSpecial"}},
    ]

    complete_code_samples = ["x := 1", 'fmt.Println("hi")', "func f() int { return 1 }", ""]
    incomplete_code_samples = ["func f() {", "x := []int{1,", 'fmt.Println("a",']
    invalid_code_samples = ["x := )", "func f() { ] }"]

    code_generate_error = "undefinedName + 1"

    code_execute_result = [
        {"code": "1 + 2", "result": "3"},
        {"code": "6 * 7", "result": "42"},
        {"code": "x := 40; x + 2", "result": "42"},
    ]
    code_history_pattern = "1 + *"
    supported_history_operations = ("tail", "range", "search")

    code_inspect_sample = "strings.ToUpper"

    code_display_data = [
        {"code": '_ = nb.Display(nb.HTML("<b>hi</b>"))', "mime": "text/html"},
        {"code": '_ = nb.Display(nb.Markdown("# hi"))', "mime": "text/markdown"},
    ]

    code_clear_output = "nb.Clear(false)"


if __name__ == "__main__":
    unittest.main()
