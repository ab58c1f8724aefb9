"""Run Lupus Reader as ``python -m lupus_reader``."""

import sys

from lupus_reader.app import main

sys.exit(main())
