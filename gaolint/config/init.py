"""``gaolint init``: a commented starting ``.gaolint.yaml``."""

from __future__ import annotations

import os

from ..errors import UsageError
from .files import CONFIG_NAMES

INIT_TEMPLATE = """\
# gaolint 配置 / gaolint configuration
# 文档 / reference: docs/configuration.md — 命令行选项优先于本文件 / command-line options win.
# 规则编号可写完整编号（GAO303）或前缀（GAO3 = 全部勾稽关系规则）。
# Rule IDs may be full (GAO303) or prefixes (GAO3 = every arithmetic rule); see `gaolint rules`.

# 只运行这些规则（默认：全部）/ run only these rules (default: all)
# select: [GAO1, GAO2, GAO3, GAO4, GAO5]

# 不运行这些规则 / never run these rules
ignore: []

# 调整默认严重程度：error | warning | note / change a rule's default severity
severity:
  # GAO204: note
  # GAO5: note

# 对部分文件关闭规则（通配符相对于本文件所在目录）/ switch rules off for some files
# (globs are relative to this file's folder; a glob without "/" matches the file name anywhere)
per-file-ignores:
  # "archive/2008-*/**": [GAO1]
  # "*.pdf": [GAO003]

# 达到哪个严重程度时退出码为 1：error | warning | note | never / lowest severity that fails the run
fail-on: error

# 不检查的文件（通配符，相对于本文件所在目录；--exclude 可再添加）/ files never checked
# exclude: ["drafts/", "*-草稿.docx"]

# 提示语言：zh | en / message language
lang: zh

# 公布期限（报告年度的次年）：部门 1 月 31 日，人民政府 3 月 31 日 / publication deadlines
# deadlines:
#   department: "01-31"
#   government: "03-31"

# 按文件指定机关名称、类型（government 人民政府 | department 部门）和年度（报告里读不出时使用）
# Agency name, kind (government | department) and year per file, when a report does not make them clear.
# agencies:
#   "reports/county-government/*":
#     name: 某某县人民政府
#     kind: government
#   "reports/2024/education-bureau.md":
#     name: 某某县教育局
#     kind: department
#     year: 2024
"""


def write_init(force: bool = False, folder: str | None = None) -> int:
    """Write a commented starting ``.gaolint.yaml`` in the current folder."""
    import sys

    path = os.path.join(folder or os.getcwd(), CONFIG_NAMES[0])
    if os.path.exists(path) and not force:
        raise UsageError(f"{CONFIG_NAMES[0]} 已存在；使用 --force 覆盖 / {CONFIG_NAMES[0]} already exists; use --force to overwrite it")
    with open(path, "w", encoding="utf-8") as handle:
        handle.write(INIT_TEMPLATE)
    sys.stderr.write(f"已写入 {CONFIG_NAMES[0]} / wrote {CONFIG_NAMES[0]}\n")
    return 0
