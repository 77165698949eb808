"""The date types the parser and the rules use, without running Lib/datetime.py.

``import datetime`` executes the module's pure-Python implementation and then replaces it with
the C types of ``_datetime`` (about 1.4 ms of a changed report's ~60 ms start-up, for classes
thrown away). These names are those C types themselves: the same classes ``datetime`` exports
(``date.__module__ == "datetime"``; equal, hashed and pickled alike). An interpreter without
``_datetime`` gets them from ``datetime``. What it buys: docs/performance.md, "What each clever
piece buys".
"""

#: mypy takes any name ``TYPE_CHECKING`` for true and reads the first branch; at run time it is
#: False without importing ``typing`` (itself kept off the start-up path).
TYPE_CHECKING = False
if TYPE_CHECKING:
    from datetime import MAXYEAR, date, timedelta
else:
    try:
        from _datetime import MAXYEAR, date, timedelta
    except ImportError:  # an interpreter without the C module
        from datetime import MAXYEAR, date, timedelta

__all__ = ["MAXYEAR", "date", "timedelta"]
