"""The command line under bad input: a message and a documented exit code, never a
traceback (0 clean, 1 problems, 2 unreadable, 130 interrupted, 141 closed pipe)."""

from __future__ import annotations

import io
import json
import os
import subprocess
import sys
from pathlib import Path
from typing import Any

import pytest

import conflictmodel as cm
from conflictmodel._cli import _guard
from conflictmodel._cli._main import main

FIXTURES = Path(__file__).parents[1] / "fixtures"
ACTORS = FIXTURES / "ucdp-actor" / "ucdp-actor-subset.csv"


def _cli(*args: str, stdin: bytes = b"", env: dict[str, str] | None = None) -> subprocess.CompletedProcess[bytes]:
    return subprocess.run(
        [sys.executable, "-m", "conflictmodel", *args],
        input=stdin,
        capture_output=True,
        check=False,
        env=(os.environ | env) if env else None,
    )


def test_import_to_a_missing_folder_stops_before_reading(tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    out = tmp_path / "missing" / "out.json"
    assert 2 == main(["import", "ucdp-actors", str(ACTORS), "-o", str(out)])
    err = capsys.readouterr().err
    assert "no folder" in err
    assert "rows read" not in err  # nothing was imported first
    assert 2 == main(["import", "ucdp-actors", str(ACTORS), "-o", str(tmp_path)])
    assert "is a folder" in capsys.readouterr().err


def test_import_of_a_missing_file_is_unreadable(tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    assert 2 == main(["import", "ucdp-actors", str(tmp_path / "absent.csv"), "--quiet"])
    assert "absent.csv" in capsys.readouterr().err


def test_dash_reads_standard_input(monkeypatch: pytest.MonkeyPatch, capsys: pytest.CaptureFixture[str]) -> None:
    text = cm.dumps(cm.syria_2017()).encode()
    monkeypatch.setattr(sys, "stdin", io.TextIOWrapper(io.BytesIO(text)))
    assert 0 == main(["validate", "-"])
    assert "-: ok" in capsys.readouterr().out
    monkeypatch.setattr(sys, "stdin", io.TextIOWrapper(io.BytesIO(ACTORS.read_bytes())))
    assert 0 == main(["import", "ucdp-actors", "-", "--quiet"])
    assert cm.loads(capsys.readouterr().out).actors


def test_validate_of_standard_input_that_is_not_json_is_unreadable(
    monkeypatch: pytest.MonkeyPatch, capsys: pytest.CaptureFixture[str]
) -> None:
    monkeypatch.setattr(sys, "stdin", io.TextIOWrapper(io.BytesIO(b"\xff not json")))
    assert 2 == main(["validate", "-"])
    assert capsys.readouterr().out


def test_an_interrupt_exits_130_without_a_traceback(capsys: pytest.CaptureFixture[str]) -> None:
    def interrupted() -> int:
        raise KeyboardInterrupt

    assert 130 == _guard.guarded(interrupted)
    assert "interrupted" in capsys.readouterr().err


@pytest.mark.parametrize(
    ("error", "code"),
    [
        (FileNotFoundError(2, "No such file or directory", "x.json"), 2),
        (PermissionError(13, "Permission denied", "x.json"), 2),
        (cm.LoadError([cm.Problem("$", "not JSON")], "x.json"), 2),
        (UnicodeEncodeError("ascii", "é", 0, 1, "cannot"), 1),
        (cm.UnknownIdError("t"), 1),
    ],
)
def test_library_and_file_errors_become_a_message_and_an_exit_code(
    error: Exception, code: int, capsys: pytest.CaptureFixture[str]
) -> None:
    def failing() -> int:
        raise error

    assert code == _guard.guarded(failing)
    err = capsys.readouterr().err
    assert err.startswith("conflictmodel: ")
    assert "Traceback" not in err


def test_a_closed_pipe_exits_quietly() -> None:
    """``conflictmodel schema | head -1``: the reader goes away; no traceback, exit 141."""
    with subprocess.Popen(
        [sys.executable, "-m", "conflictmodel", "schema"], stdout=subprocess.PIPE, stderr=subprocess.PIPE
    ) as process:
        assert process.stdout is not None
        assert process.stderr is not None
        process.stdout.close()  # before the command writes its first line
        err = process.stderr.read()
        assert 141 == process.wait()
    assert b"Traceback" not in err


def _document(**meta: Any) -> bytes:
    return json.dumps({"schema": "conflictmodel/1", "meta": {"title": "x"} | meta}).encode()


@pytest.mark.parametrize(
    ("document", "code"),
    [
        (_document(**{"\u0007bell": 1}), 1),  # an unknown, unprintable key: a problem, reported
        (b"[" * 100_000, 2),
        (b"\xef\xbb\xbf\xff", 2),
        (b"", 2),
    ],
)
def test_validate_never_shows_a_traceback(document: bytes, code: int) -> None:
    done = _cli("validate", "-", stdin=document, env={"PYTHONIOENCODING": "ascii"})
    assert b"Traceback" not in done.stderr
    assert code == done.returncode, done.stdout + done.stderr
