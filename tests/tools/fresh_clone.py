"""A fresh clone of this repository, as a newcomer gets it, for tests that run the
README's commands from scratch: no .venv/, no .run/, nothing untracked.

Each tracked file is copied over from the working tree, so that the clone tests
the code as it is, uncommitted changes included (in CI both are the same).
"""

import pathlib
import shutil
import subprocess

ROOT = pathlib.Path(__file__).resolve().parents[2]


def fresh_clone(dest):
    """Clone this repository into ``dest`` (a path that does not exist yet)."""
    dest = pathlib.Path(dest)
    subprocess.run(["git", "clone", "-q", str(ROOT), str(dest)], check=True)
    tracked = subprocess.run(
        ["git", "ls-files", "-z"], cwd=ROOT, capture_output=True, check=True
    ).stdout.decode()
    for name in filter(None, tracked.split("\0")):
        source = ROOT / name
        if source.is_file():  # a tracked file deleted in the working tree stays
            (dest / name).parent.mkdir(parents=True, exist_ok=True)
            shutil.copy2(source, dest / name)
    return dest
