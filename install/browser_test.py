#!/usr/bin/env python3
"""Drive a classic Jupyter Notebook with the archlab kernel in headless Chromium.

Run by install/browser-test.sh, which starts the server. Each step is what a
user does with the mouse and keyboard (the menus, Shift-Enter, Tab); the
notebook's JavaScript API is only read, to see what the page shows.

  1. run all: a print, a result, a gonum plot (an <img> in the page) and a
     runtime panic whose traceback names the cell's line:col;
  2. interrupt: a cell that loops forever stops with "Interrupted" and the
     kernel runs the next cell;
  3. completion: Tab after "fmt.Prin" offers Println.

Exit status 0 when every step passed; on failure a screenshot per step is
left in --shots.
"""

import argparse
import json
import os
import sys
import time

import nbformat
from selenium import webdriver
from selenium.webdriver.chrome.service import Service
from selenium.webdriver.common.by import By
from selenium.webdriver.common.keys import Keys
from selenium.webdriver.support import expected_conditions as EC
from selenium.webdriver.support.ui import WebDriverWait

CELLS = [
    'fmt.Println("hello from archlab")',
    "x := 40\nx + 2",
    "p := plot.New()\n"
    'p.Title.Text = "browser test"\n'
    "l, _ := plotter.NewLine(plotter.XYs{{X: 0, Y: 0}, {X: 1, Y: 1}, {X: 2, Y: 4}})\n"
    "p.Add(l)\n"
    "p",
    # Last: run-all stops at the first error.
    "xs := []int{1, 2}\ni := 5\nfmt.Println(xs[i])",
]
LOOP = "for {\n\ttime.Sleep(10 * time.Millisecond)\n}"

TIMEOUT = 60  # seconds per wait; the first cell also starts the kernel


def write_notebook(path):
    nb = nbformat.v4.new_notebook()
    nb.metadata["kernelspec"] = {"name": "archlab", "display_name": "Go (archlab)", "language": "go"}
    nb.cells = [nbformat.v4.new_code_cell(src) for src in CELLS]
    nbformat.write(nb, path)


def browser():
    opts = webdriver.ChromeOptions()
    opts.binary_location = "/usr/bin/chromium"
    for a in ("--headless=new", "--no-sandbox", "--disable-dev-shm-usage", "--window-size=1400,1000"):
        opts.add_argument(a)
    return webdriver.Chrome(service=Service("/usr/bin/chromedriver"), options=opts)


def js(drv, expr):
    return drv.execute_script("return " + expr)


def wait_for(drv, what, cond, timeout=TIMEOUT):
    try:
        return WebDriverWait(drv, timeout, poll_frequency=0.2).until(lambda d: cond(d))
    except Exception as e:  # TimeoutException, or a JS error while the page loads
        raise AssertionError(f"timed out waiting for {what}") from e


def kernel_idle(drv):
    return js(drv, "Jupyter.notebook && Jupyter.notebook.kernel && Jupyter.notebook.kernel.is_connected() "
                   "&& document.querySelector('#kernel_indicator_icon.kernel_idle_icon') !== null")


def outputs(drv, i):
    return js(drv, f"Jupyter.notebook.get_cell({i}).output_area.outputs")


def cell_done(drv, i):
    # In the classic notebook a cell's prompt shows "In [*]" while it runs.
    prompt = js(drv, f"Jupyter.notebook.get_cell({i}).input_prompt_number")
    return prompt not in (None, "*")


def menu(drv, top, item):
    drv.find_element(By.ID, top).click()
    WebDriverWait(drv, 10).until(EC.element_to_be_clickable((By.ID, item))).click()


def text_of(outs):
    parts = []
    for o in outs:
        if o.get("output_type") == "stream":
            parts.append(o.get("text", ""))
        elif o.get("output_type") in ("execute_result", "display_data"):
            parts.append(str(o.get("data", {}).get("text/plain", "")))
        elif o.get("output_type") == "error":
            parts.append("\n".join(o.get("traceback", [])))
    return "".join(parts)


def step_run_all(drv):
    menu(drv, "celllink", "run_all_cells")
    last = len(CELLS) - 1
    wait_for(drv, "the last cell to finish", lambda d: cell_done(d, last))
    got = text_of(outputs(drv, 0))
    assert "hello from archlab" in got, f"cell 1 printed {got!r}"
    got = text_of(outputs(drv, 1))
    assert got.strip() == "42", f"cell 2 result {got!r}"
    outs = outputs(drv, 2)
    assert any("image/png" in o.get("data", {}) for o in outs), f"cell 3 outputs {outs!r}"
    # The notebook shows the SVG of a PNG+SVG bundle; either will do.
    width = js(drv, "(function(){ var e = Jupyter.notebook.get_cell(2).output_area.element[0]"
                    ".querySelector('.output_svg svg, .output_png img'); return e ? e.getBoundingClientRect().width : 0 })()")
    assert width > 50, f"no plot image in the page (width {width})"
    outs = outputs(drv, last)
    errs = [o for o in outs if o.get("output_type") == "error"]
    assert errs and errs[0]["ename"] == "Panic", f"panic cell outputs {outs!r}"
    tb = "\n".join(errs[0]["traceback"])
    assert "index out of range [5] with length 2" in tb and "at line 3:13" in tb, f"traceback {tb!r}"


def new_cell(drv, source):
    """Appends a code cell (Insert > Insert Cell Below) holding source and
    leaves it in edit mode with the cursor at its end; returns its index."""
    n = js(drv, "Jupyter.notebook.ncells()")
    js(drv, f"Jupyter.notebook.select({n - 1}) !== null")
    menu(drv, "insertlink", "insert_cell_below")
    # Typing newlines into CodeMirror would fight its auto-indent: set the
    # text, then type at its end like a user.
    js(drv, f"Jupyter.notebook.get_cell({n}).set_text({json.dumps(source)}) === undefined")
    drv.find_elements(By.CSS_SELECTOR, ".cell .CodeMirror")[n].click()
    drv.switch_to.active_element.send_keys(Keys.CONTROL, Keys.END)
    return n


def run_selected(drv):
    """Shift-Enter in the cell being edited."""
    webdriver.ActionChains(drv).key_down(Keys.SHIFT).send_keys(Keys.ENTER).key_up(Keys.SHIFT).perform()


def step_interrupt(drv):
    i = new_cell(drv, LOOP)
    run_selected(drv)
    wait_for(drv, "the loop to start", lambda d: js(d, f"Jupyter.notebook.get_cell({i}).input_prompt_number") == "*")
    time.sleep(0.5)
    menu(drv, "kernellink", "int_kernel")
    wait_for(drv, "the loop to stop", lambda d: cell_done(d, i), timeout=20)
    errs = [o for o in outputs(drv, i) if o.get("output_type") == "error"]
    assert errs and errs[0]["ename"] == "Interrupted", f"loop cell outputs {outputs(drv, i)!r}"
    j = new_cell(drv, "x * 2")
    run_selected(drv)
    wait_for(drv, "the cell after the interrupt", lambda d: cell_done(d, j))
    got = text_of(outputs(drv, j))
    assert got.strip() == "80", f"after the interrupt: {got!r}"


def step_complete(drv):
    new_cell(drv, "")
    drv.switch_to.active_element.send_keys("fmt.Prin", Keys.TAB)
    sel = wait_for(drv, "the completion list", lambda d: d.find_elements(By.CSS_SELECTOR, "#complete select option"), timeout=20)
    names = [o.get_attribute("value") for o in sel]
    assert "Println" in names, f"completions {names!r}"
    drv.switch_to.active_element.send_keys(Keys.ESCAPE)


def main():
    ap = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    ap.add_argument("--url", required=True)
    ap.add_argument("--token", required=True)
    ap.add_argument("--dir", required=True, help="the server's notebook folder")
    ap.add_argument("--shots", required=True, help="folder for screenshots")
    args = ap.parse_args()

    write_notebook(os.path.join(args.dir, "browser-test.ipynb"))
    os.makedirs(args.shots, exist_ok=True)
    drv = browser()
    failed = 0
    try:
        drv.get(f"{args.url}/notebooks/browser-test.ipynb?token={args.token}")
        wait_for(drv, "the kernel to start", kernel_idle)
        for name, step in (("run-all", step_run_all), ("interrupt", step_interrupt), ("complete", step_complete)):
            try:
                step(drv)
                print(f"browser-test: {name}: ok")
            except Exception as e:  # report every step, then fail
                failed += 1
                drv.save_screenshot(os.path.join(args.shots, name + ".png"))
                print(f"browser-test: {name}: FAILED: {e}", file=sys.stderr)
    finally:
        drv.quit()
    return 1 if failed else 0


if __name__ == "__main__":
    sys.exit(main())
