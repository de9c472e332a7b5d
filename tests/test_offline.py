"""Tests and notebook kernels run without network: an HTTP request fails at once."""

from __future__ import annotations

import urllib.error
import urllib.request

import pytest
from nbclient import NotebookClient
from nbformat.v4 import new_code_cell, new_notebook

PROBE = """import urllib.request
try:
    urllib.request.urlopen("http://example.org/", timeout=5)
    print("network reached")
except OSError as exc:
    print("no network:", type(exc).__name__)"""


def test_http_from_the_test_process_fails():
    with pytest.raises(urllib.error.URLError):
        urllib.request.urlopen("http://example.org/", timeout=5)


def test_http_from_a_notebook_kernel_fails():
    nb = new_notebook(cells=[new_code_cell(PROBE)])
    NotebookClient(nb, kernel_name="python3", timeout=60).execute()
    assert nb.cells[0].outputs[0]["text"].startswith("no network:")
