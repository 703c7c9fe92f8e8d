"""Session set-up for the archlab kernel's Jupyter tests.

Before any test imports jupyter_client's kernel machinery, this builds the
archlab binary (unless ARCHLAB_BIN names one), installs its kernelspec into a
temporary prefix with `archlab install --prefix`, and points JUPYTER_PATH at
it, so the tests never touch the user's own Jupyter set-up.
"""
import os
import shutil
import subprocess
import sys
import tempfile

import pytest

REPO = os.path.abspath(os.path.join(os.path.dirname(__file__), "..", ".."))
KERNEL_NAME = "archlab"

_tmp = tempfile.mkdtemp(prefix="archlab-jupytertest-")


def _binary():
    b = os.environ.get("ARCHLAB_BIN")
    if b:
        return os.path.abspath(b)
    go = shutil.which("go")
    if go is None:
        pytest.exit("set ARCHLAB_BIN to an archlab binary, or put go on PATH to build one", returncode=2)
    b = os.path.join(_tmp, "archlab")
    subprocess.run([go, "build", "-o", b, "."], cwd=REPO, check=True)
    return b


def pytest_configure(config):
    binary = _binary()
    prefix = os.path.join(_tmp, "prefix")
    subprocess.run([binary, "install", "--prefix", prefix], check=True, stdout=subprocess.DEVNULL)
    os.environ["JUPYTER_PATH"] = os.path.join(prefix, "share", "jupyter")
    os.environ["ARCHLAB_BIN"] = binary
    # Keep jupyter_client's runtime files (connection files) out of ~.
    os.environ.setdefault("JUPYTER_RUNTIME_DIR", os.path.join(_tmp, "runtime"))


def pytest_unconfigure(config):
    shutil.rmtree(_tmp, ignore_errors=True)
