"""python -m legation: the same command line as `legation`."""

from legation.cli import main

main()
