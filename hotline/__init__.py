"""The program's entry points: `hotline` (the command line) and `hotline-console` (the window).

`python main.py` and `python -m hotline` run the same function as the `hotline` command.
"""
