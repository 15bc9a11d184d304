"""`python -m keruen …` is the `keruen` command."""

from keruen.cli.main import main

main()
