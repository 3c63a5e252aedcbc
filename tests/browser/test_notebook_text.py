"""A notebook page shows what Python printed, even when the kernel sent it in pieces."""
from __future__ import annotations

import re

import nbformat
from mkdocs_jupyter.nbconvert2 import nb2html

from place_for_research.builder.notebook_html import keep_leading_newlines

# print's text and its newline leave the kernel as two outputs when time passes between them
# (a busy build machine does the same to the toys' notebooks): "a", then "\nb\n".
SPLIT = 'import time\nprint("a", end="", flush=True)\ntime.sleep(0.6)\nprint("\\nb")'
TEXT_OUTPUT = re.compile(r'<div class="jp-RenderedText[^"]*"[^>]*>\s*<pre>.*?</pre>', re.DOTALL)


def test_a_newline_sent_as_its_own_output_is_shown(browser, tmp_path):
    notebook = nbformat.v4.new_notebook(cells=[nbformat.v4.new_code_cell(SPLIT)])
    notebook.metadata["kernelspec"] = {"name": "python3", "display_name": "Python 3", "language": "python"}
    nbformat.write(notebook, tmp_path / "split.ipynb")
    built = nb2html(str(tmp_path / "split.ipynb"), execute=True, kernel_name="python3")
    outputs = TEXT_OUTPUT.findall(keep_leading_newlines(built))
    assert len(outputs) == 2, "the kernel sent one output: nothing to check"
    page = browser.new_page()
    page.set_content("".join(f"{output}</div>" for output in outputs))
    assert page.evaluate("() => [...document.querySelectorAll('pre')].map((pre) => pre.textContent).join('')") == "a\nb\n"
    page.close()
