"""`python -m mobile_case` — the same as the `mobile-case` command."""

from mobile_case.cli import main

raise SystemExit(main())
