"""``python -m gaolint``."""

import sys

from .cli import main

sys.exit(main())
