"""The repository's own text files carry no leftover of a merge."""

import re
import subprocess

from tests.conftest import PROJECT

CONFLICT_MARKER = re.compile(r"^(<{7} |={7}$|>{7} )", re.MULTILINE)
TEXT_SUFFIXES = {".md", ".py", ".html", ".txt", ".cfg", ".toml", ".css", ".js", ".json", ".csv"}


# Outside a git checkout (an unpacked archive), every file but these folders is read.
NOT_OURS = {".git", ".venv", "node_modules", "staticfiles", "__pycache__"}


def tracked_text_files():
    try:
        names = subprocess.run(["git", "ls-files"], cwd=PROJECT, capture_output=True, text=True, check=True).stdout
        paths = [PROJECT / name for name in names.splitlines()]
    except (OSError, subprocess.CalledProcessError):
        paths = [path for path in PROJECT.rglob("*") if not NOT_OURS.intersection(path.relative_to(PROJECT).parts)]
    return [path for path in paths if path.suffix in TEXT_SUFFIXES and path.is_file()]


def test_no_tracked_text_file_holds_a_merge_conflict_marker():
    files = tracked_text_files()
    marked = [str(path.relative_to(PROJECT)) for path in files if CONFLICT_MARKER.search(path.read_text("utf-8"))]

    assert files
    assert marked == []
