"""Stop with one clear sentence when this Python is too old for the app and its tests.

The README's commands run this before ``pip install``: on an older Python, pip would
otherwise fail deep inside a dependency ("No matching distribution found for
numpy==2.4.6"). Written so that any Python, 2.7 included, can run it and say so.
"""

import sys

#: numpy 2.4 and the pinned Streamlit need 3.11; 3.11 to 3.13 are the versions the app is run on.
MINIMUM = (3, 11)


def main():
    if tuple(sys.version_info[:2]) >= MINIMUM:
        return 0
    sys.stderr.write(
        "This project needs Python %d.%d or newer, and %s is Python %s: "
        "create the virtual environment with a newer one (e.g. python3.12 -m venv .venv).\n"
        % (MINIMUM[0], MINIMUM[1], sys.executable, sys.version.split()[0])
    )
    return 1


if __name__ == "__main__":
    sys.exit(main())
