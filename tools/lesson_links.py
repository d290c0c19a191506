"""Print the lesson links of the guided path, or write them into the README.

    python tools/lesson_links.py            # print the numbered list (Markdown)
    python tools/lesson_links.py --write    # replace the list in README.md's "Lesson links"

The list is made from ``core.guide.path`` and the texts, numbers included, so a test
fails when the README's list and the app disagree; this script brings them back in line.
"""

from __future__ import annotations

import argparse
import sys
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT))

from core.guide.views import lesson_links_markdown  # noqa: E402

START = "<!-- lesson links: start (tools/lesson_links.py --write) -->\n"
END = "<!-- lesson links: end -->\n"


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__)
    parser.add_argument("--write", action="store_true", help="replace the list in README.md")
    args = parser.parse_args()
    text = lesson_links_markdown()
    if not args.write:
        print(text, end="")
        return
    readme = ROOT / "README.md"
    before, rest = readme.read_text(encoding="utf-8").split(START, 1)
    after = rest.split(END, 1)[1]
    readme.write_text(before + START + text + END + after, encoding="utf-8")


if __name__ == "__main__":
    main()
