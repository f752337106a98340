"""The command line's manners: --version, the same output options on every reporting
subcommand, one JSON document per run, colour and progress only on a terminal."""

from __future__ import annotations

import argparse
import importlib.metadata
import io
import json
import re
import sys
import time
from pathlib import Path

import pytest

import conflictmodel as cm
from conflictmodel._cli import _command
from conflictmodel._cli._command import Command, command, commands
from conflictmodel._cli._console import Console, Progress, colour_wanted
from conflictmodel._cli._main import main, parser

ROOT = Path(__file__).parents[2]
EXAMPLE = ROOT / "examples" / "syria_2017.json"
ACLED = ROOT / "tests" / "fixtures" / "acled" / "acled-synthetic.csv"
ANSI = re.compile(r"\x1b\[[0-9;]*m")


class Terminal(io.StringIO):
    """A text stream that says it is a terminal."""

    def isatty(self) -> bool:
        return True


def write(path: Path, document: object) -> Path:
    path.write_text(json.dumps(document), encoding="utf-8")
    return path


def test_version_is_the_installed_metadata(capsys: pytest.CaptureFixture[str]) -> None:
    with pytest.raises(SystemExit) as done:
        main(["--version"])
    assert 0 == done.value.code
    assert f"conflictmodel {importlib.metadata.version('conflictmodel')}\n" == capsys.readouterr().out
    assert importlib.metadata.version("conflictmodel") == cm.__version__


def test_the_package_metadata_has_project_urls() -> None:
    urls = dict(
        entry.split(", ", 1) for entry in importlib.metadata.metadata("conflictmodel").get_all("Project-URL") or []
    )
    assert {"Documentation", "Source", "Issues", "Changelog"} <= set(urls)
    assert all(url.startswith("https://") for url in urls.values())


class TestRegistration:
    def test_every_subcommand_module_registers(self) -> None:
        assert {"import", "schema", "summary", "validate"} <= set(commands())

    def test_every_reporting_subcommand_has_the_same_output_options(self) -> None:
        top = parser()
        subparsers = next(a for a in top._actions if isinstance(a, argparse._SubParsersAction))
        for name, item in commands().items():
            if " " in name:
                continue
            options = {o for a in subparsers.choices[name]._actions for o in a.option_strings}
            shared = {"--format", "-q", "--quiet", "--no-color"}
            assert (shared <= options) is item.reports, name

    def test_a_new_subcommand_is_one_decorated_function(self, capsys: pytest.CaptureFixture[str]) -> None:
        def arguments(sub: argparse.ArgumentParser) -> None:
            sub.add_argument("word")

        def run(args: argparse.Namespace, console: Console) -> int:
            console.print(f"{args.command}:{args.word}:{args.format}")
            return 3

        registered = {
            "echo": Command(name="echo", help="say it", run=run, arguments=arguments),
            "export thing": Command(name="export thing", help="a format of a group", run=run, arguments=arguments),
        }
        args = parser(registered).parse_args(["echo", "hi", "--format", "json"])
        assert 3 == args.run(args, Console())
        args = parser(registered).parse_args(["export", "thing", "there"])
        assert 3 == args.run(args, Console())
        assert ["echo:hi:json", "export:there:text"] == capsys.readouterr().out.splitlines()

    def test_two_subcommands_cannot_share_a_name(self, monkeypatch: pytest.MonkeyPatch) -> None:
        monkeypatch.setattr(_command, "_REGISTERED", {})
        command("same", help="one")(lambda _args, _console: 0)
        with pytest.raises(ValueError, match="two subcommands are named 'same'"):
            command("same", help="two")(lambda _args, _console: 1)


class TestJsonDocuments:
    def test_validate_writes_one_document_for_several_files(
        self, tmp_path: Path, capsys: pytest.CaptureFixture[str]
    ) -> None:
        bad = write(tmp_path / "bad.json", {"schema": "conflictmodel/1", "meta": {}})
        broken = tmp_path / "broken.json"
        broken.write_text('{"schema": ', encoding="utf-8")
        assert 2 == main(["validate", str(EXAMPLE), str(bad), str(broken), "--format", "json"])
        document = json.loads(capsys.readouterr().out)
        assert document["ok"] is False
        first, second, third = document["files"]
        assert (first["source"], first["ok"], first.get("findings", [])) == (
            str(EXAMPLE),
            True,
            [],
        )
        assert cm.Report(checked=tuple(first["checked"])) == cm.from_dict(cm.Report, {"checked": first["checked"]})
        assert [{"path": "$.meta.title", "message": "required field is missing"}] == second["problems"]
        assert (second["readable"], third["readable"]) == (True, False)

    def test_validate_findings_are_the_report_as_json(self, tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
        document = {
            "schema": "conflictmodel/1",
            "meta": {"title": "t"},
            "actors": [{"id": "a", "name": "A", "kind": "state", "parent": "ghost"}],
        }
        path = write(tmp_path / "dangling.json", document)
        assert 1 == main(["validate", str(path), "--format", "json"])
        (entry,) = json.loads(capsys.readouterr().out)["files"]
        report = cm.from_dict(cm.Report, {k: v for k, v in entry.items() if k in ("findings", "checked")})
        assert cm.validate(cm.load(path)) == report

    def test_summary_writes_one_document_for_several_files(
        self, tmp_path: Path, capsys: pytest.CaptureFixture[str]
    ) -> None:
        bad = write(tmp_path / "bad.json", {"schema": "conflictmodel/1", "meta": {}})
        assert 1 == main(["summary", str(EXAMPLE), str(bad), "--format", "json"])
        captured = capsys.readouterr()
        first, second = json.loads(captured.out)["files"]
        assert (first["source"], first["ok"], first["day"]) == (str(EXAMPLE), True, "2017-11-30")
        assert (second["ok"], second["problems"][0]["path"]) == (False, "$.meta.title")
        assert "" == captured.err

    def test_import_report_as_json(self, tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
        out = tmp_path / "acled.json"
        assert 0 == main(["import", "acled", str(ACLED), "-o", str(out), "--format", "json"])
        document = json.loads(capsys.readouterr().out)
        scenario = cm.load(out)
        assert (document["ok"], document["output"], document["records"]) == (True, str(out), len(scenario))
        assert document["report"]["rows_read"] == document["report"]["rows_imported"] > 0

    def test_import_to_stdout_keeps_the_report_on_stderr(self, capsys: pytest.CaptureFixture[str]) -> None:
        assert 0 == main(["import", "acled", str(ACLED), "--format", "json"])
        captured = capsys.readouterr()
        assert cm.SCHEMA_VERSION == json.loads(captured.out)["schema"]
        assert json.loads(captured.err)["output"] is None


class TestColour:
    def test_only_a_terminal_without_no_color_gets_colour(self) -> None:
        assert colour_wanted(Terminal(), {})
        assert not colour_wanted(io.StringIO(), {})
        assert not colour_wanted(Terminal(), {"NO_COLOR": "1"})
        assert colour_wanted(Terminal(), {"NO_COLOR": ""})  # the convention: set and not empty
        assert not colour_wanted(Terminal(), {"TERM": "dumb"})

    @pytest.mark.parametrize(
        ("argv", "environ", "coloured"),
        [
            ([], {}, True),
            (["--no-color"], {}, False),
            ([], {"NO_COLOR": "yes"}, False),
        ],
    )
    def test_validate_colours_findings_on_a_terminal(
        self, monkeypatch: pytest.MonkeyPatch, argv: list[str], environ: dict[str, str], coloured: bool
    ) -> None:
        monkeypatch.delenv("NO_COLOR", raising=False)
        monkeypatch.delenv("TERM", raising=False)
        for key, value in environ.items():
            monkeypatch.setenv(key, value)
        terminal = Terminal()
        monkeypatch.setattr(sys, "stdout", terminal)
        assert 0 == main(["validate", str(EXAMPLE), *argv])
        text = terminal.getvalue()
        assert coloured == bool(ANSI.search(text))
        assert f"{EXAMPLE}: ok\n" == ANSI.sub("", text)

    def test_no_colour_into_a_pipe(self, capsys: pytest.CaptureFixture[str]) -> None:
        assert 0 == main(["validate", str(EXAMPLE)])
        assert not ANSI.search(capsys.readouterr().out)


class TestProgress:
    def test_a_terminal_sees_reading_and_writing_on_one_erased_line(
        self, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
    ) -> None:
        terminal = Terminal()
        monkeypatch.setattr(sys, "stderr", terminal)
        out = tmp_path / "acled.json"
        assert 0 == main(["import", "acled", str(ACLED), "-o", str(out)])
        shown = terminal.getvalue()
        assert "\n" not in shown
        assert f"\rreading {ACLED} … " in shown
        assert f" records to {out} … " in shown
        assert shown.endswith("\r")
        assert "" == shown.split("\r")[-1]
        assert re.fullmatch(r"\s*", shown.split("\r")[-2])  # the last draw blanks the line

    @pytest.mark.parametrize("argv", [["--quiet"], []], ids=["quiet", "not-a-terminal"])
    def test_nothing_when_quiet_or_not_a_terminal(self, monkeypatch: pytest.MonkeyPatch, argv: list[str]) -> None:
        stream = Terminal() if argv else io.StringIO()
        monkeypatch.setattr(sys, "stderr", stream)
        assert 0 == main(["validate", str(EXAMPLE), *argv])
        assert "" == stream.getvalue()

    def test_counts_and_elapsed_time_are_redrawn_until_the_phase_ends(self) -> None:
        terminal = Terminal()
        with Progress(terminal, "reading x.csv", interval=0.01) as progress:
            assert progress.active
            progress.count(10_000)
            deadline = time.monotonic() + 10
            while terminal.getvalue().count("\r") < 4 and time.monotonic() < deadline:
                time.sleep(0.01)  # the ticker redraws the elapsed time meanwhile
        draws = terminal.getvalue().split("\r")
        assert any(d.startswith("reading x.csv: 10,000 rows … ") and d.rstrip().endswith(" s") for d in draws)
        assert all(d.startswith("reading x.csv") or not d.strip() for d in draws if d)

    def test_an_inactive_progress_draws_nothing(self) -> None:
        with Progress(None, "x") as progress:
            progress.count(5)
            assert not progress.active


class ClosedPipe(io.StringIO):
    """Standard output whose reader has gone away (``| head``)."""

    def write(self, _: str) -> int:
        raise BrokenPipeError(32, "Broken pipe")


@pytest.mark.parametrize("argv", [[], ["validate", str(EXAMPLE), "--format", "json"]], ids=["main-job", "validate"])
def test_a_closed_pipe_ends_quietly(
    monkeypatch: pytest.MonkeyPatch, capsys: pytest.CaptureFixture[str], argv: list[str]
) -> None:
    monkeypatch.setattr(sys, "stdout", ClosedPipe())
    assert 141 == main(argv)
    assert "" == capsys.readouterr().err


def test_an_interrupt_exits_130(monkeypatch: pytest.MonkeyPatch, capsys: pytest.CaptureFixture[str]) -> None:
    def interrupted(*_: object, **__: object) -> int:
        raise KeyboardInterrupt

    monkeypatch.setattr("conflictmodel._cli._main.run_summary", interrupted)
    assert 130 == main([])
    assert "conflictmodel: interrupted\n" == capsys.readouterr().err
