"""The package builds as a wheel that carries what an installed `rag` reads: prompts and resources."""
from __future__ import annotations

import subprocess
import sys
import zipfile

import pytest

from rag.config import ROOT


@pytest.fixture(scope="module")
def wheel(tmp_path_factory):
    out = tmp_path_factory.mktemp("wheel")
    proc = subprocess.run([sys.executable, "-m", "pip", "wheel", "--no-deps", "-q", "-w", str(out), str(ROOT)],
                          capture_output=True, text=True, timeout=600)
    assert proc.returncode == 0, proc.stderr[-3000:]
    (path,) = out.glob("gov_report_qa-*.whl")
    return path


def test_wheel_holds_prompts_and_resources(wheel):
    names = set(zipfile.ZipFile(wheel).namelist())
    for needed in ("rag/resources/synonyms.tsv", "rag/resources/prompts/system.txt",
                   "rag/resources/prompts/answer.txt", "rag/interfaces/app.py", "rag/interfaces/cli.py"):
        assert needed in names, needed
    # the packaged prompts are the top-level prompts/ templates, byte for byte
    with zipfile.ZipFile(wheel) as z:
        assert z.read("rag/resources/prompts/answer.txt") == (ROOT / "prompts" / "answer.txt").read_bytes()
    assert not any(n.startswith(("tests/", "data/", "index/")) for n in names)


def test_prompts_load_from_package_data_and_a_folder_of_ones_own(tmp_path):
    from rag.answer.llm import PROMPTS_DIR, answer_prompt
    assert (PROMPTS_DIR / "answer.txt").read_text(encoding="utf-8") == (ROOT / "prompts" / "answer.txt").read_text(encoding="utf-8")
    (tmp_path / "system.txt").write_text("只用中文回答。", encoding="utf-8")
    (tmp_path / "answer.txt").write_text("问题：{question}\n资料：{passages}", encoding="utf-8")
    prompt = answer_prompt(tmp_path)
    assert "只用中文回答" in prompt.format(question="q", passages="p")
