"""python -m core: see core/cli.py."""
import sys

from core.cli import main

# Guarded: extraction workers are spawned processes that import this module again.
if __name__ == "__main__":
    sys.exit(main())
