"""gaolint: a compliance linter for Chinese government information-disclosure annual reports
(政府信息公开工作年度报告)."""

__version__ = "0.2.0"

# Before any module of ours compiles a pattern: re's compiled forms, shipped (patterncodes.py).
from .patterncodes import seed as _seed_patterns  # noqa: E402

_seed_patterns()
