"""``core.collapse``: the public name of the linear-collapse lesson (DESIGN.md's contract).

The lesson lives in :mod:`core.lessons.collapse` (its drawing in
:mod:`core.present.collapse_views`); this module only re-exports the lesson.
"""

from core.lessons.collapse import *  # noqa: F401,F403
from core.lessons.collapse import __all__  # noqa: F401
