"""The monthly report's PDF (pdf.py), charts (charts.py) and command (cli.py)."""
