"""`python -m scorecard ...`: see scorecard.cli."""

import sys

from scorecard.cli import main

sys.exit(main())
