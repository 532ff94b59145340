import sys

from mcp_memory.cli import main

sys.exit(main())
