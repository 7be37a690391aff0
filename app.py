"""Tanya Kelurahan web app: settings, the assistant (index built or updated first), the Gradio UI."""

from __future__ import annotations

import argparse

from assistant.offline import go_offline


def main() -> None:
    go_offline()
    from assistant.settings import Settings

    settings = Settings()
    parser = argparse.ArgumentParser(description="Tanya Kelurahan web app")
    parser.add_argument("--host", default=settings.host, help=f"listen address (default {settings.host})")
    parser.add_argument("--port", type=int, default=settings.port, help=f"port (default {settings.port})")
    args = parser.parse_args()

    from assistant.web import serve

    serve(settings.model_copy(update={"host": args.host, "port": args.port}))


if __name__ == "__main__":
    main()
