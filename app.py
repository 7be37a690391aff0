"""Tanya Kelurahan web app: ``python app.py [--host H] [--port P]`` (the same as ``tanya-kelurahan serve``)."""

from __future__ import annotations

import sys

from assistant.cli import main

if __name__ == "__main__":
    sys.exit(main(["serve", *sys.argv[1:]]))
