"""gaolint: a compliance linter for Chinese government information-disclosure annual reports
(政府信息公开工作年度报告)."""

__version__ = "0.2.0"
