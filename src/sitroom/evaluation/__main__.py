"""``python -m sitroom.evaluation``: see ``sitroom.evaluation.runner``."""

import sys

from sitroom.evaluation.runner import main

sys.exit(main())
