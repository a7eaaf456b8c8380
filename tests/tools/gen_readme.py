"""Write each addon's README.rst from its readme/ fragments (DESCRIPTION.md,
CONFIGURE.md, USAGE.md), the way OCA's oca-gen-addon-readme does, for the
small subset of Markdown the fragments use (paragraphs, lists, emphasis, code,
fenced code blocks).

Usage: python3 tests/tools/gen_readme.py [--check] [ADDON_DIR ...]
With --check, write nothing and exit 1 when a README.rst is out of date.
"""

import ast
import pathlib
import re
import sys

ADDONS = pathlib.Path(__file__).resolve().parents[2] / "addons"
SECTIONS = (("Configuration", "CONFIGURE.md"), ("Usage", "USAGE.md"))


def _rst(markdown):
    # fenced code blocks -> literal blocks (indented after "::")
    markdown = re.sub(
        r"^```[^\n]*\n(.*?)^```$", _literal_block, markdown, flags=re.M | re.S
    )
    # inline code: `x` -> ``x``; emphasis and lists are the same in both syntaxes
    return re.sub(r"(?<!`)`([^`]+)`(?!`)", r"``\1``", markdown).strip()


def _literal_block(match):
    lines = match.group(1).rstrip("\n").splitlines()
    return "::\n\n" + "\n".join(f"    {line}" if line else "" for line in lines)


def _title(text, char):
    return [text, char * len(text), ""]


def render(addon_dir):
    manifest = ast.literal_eval((addon_dir / "__manifest__.py").read_text())
    name, status = manifest["name"], manifest["development_status"]
    lines = ["=" * len(name), name, "=" * len(name), ""]
    lines += [
        f".. |badge1| image:: https://img.shields.io/badge/maturity-{status}-red.png",
        f"    :alt: {status}",
        ".. |badge2| image:: https://img.shields.io/badge/license-AGPL--3-blue.png",
        "    :target: http://www.gnu.org/licenses/agpl-3.0-standalone.html",
        "    :alt: License: AGPL-3",
        "",
        "|badge1| |badge2|",
        "",
        _rst((addon_dir / "readme" / "DESCRIPTION.md").read_text()),
        "",
        "**Table of contents**",
        "",
        ".. contents::",
        "   :local:",
        "",
    ]
    for title, fragment in SECTIONS:
        path = addon_dir / "readme" / fragment
        if path.exists():
            lines += _title(title, "=") + [_rst(path.read_text()), ""]
    lines += _title("Credits", "=") + _title("Authors", "-")
    lines += [f"* {manifest['author']}", ""]
    lines += [
        "This file is generated from the fragments in ``readme/`` by",
        "``tests/tools/gen_readme.py``: edit those, not this file.",
        "",
    ]
    return "\n".join(lines)


def main(argv):
    check = "--check" in argv
    dirs = [pathlib.Path(a) for a in argv if a != "--check"] or sorted(
        p.parent for p in ADDONS.glob("*/__manifest__.py")
    )
    stale = []
    for addon_dir in dirs:
        readme, text = addon_dir / "README.rst", render(addon_dir)
        if readme.exists() and readme.read_text() == text:
            continue
        stale.append(str(readme))
        if not check:
            readme.write_text(text)
    if check and stale:
        sys.stdout.write("out of date: " + ", ".join(stale) + "\n")
        return 1
    return 0


if __name__ == "__main__":
    sys.exit(main(sys.argv[1:]))
