"""The README's settings table is generated from the settings class and kept current."""

from __future__ import annotations

from assistant.settings import PROJECT_ROOT, settings_table


def test_readme_settings_table_is_current() -> None:
    readme = (PROJECT_ROOT / "README.md").read_text("utf-8")
    assert settings_table() in readme, (
        "README settings table is stale: replace it with the output of "
        "`python -c 'from assistant.settings import settings_table; print(settings_table())'`"
    )
