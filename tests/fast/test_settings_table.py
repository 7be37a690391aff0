"""The README's settings table is generated from the settings class and kept current."""

from __future__ import annotations

import pytest
from pydantic import ValidationError

from assistant.settings import PROJECT_ROOT, Settings, settings_table


def test_readme_settings_table_is_current() -> None:
    readme = (PROJECT_ROOT / "README.md").read_text("utf-8")
    assert settings_table() in readme, (
        "README settings table is stale: replace it with the output of "
        "`python -c 'from assistant.settings import settings_table; print(settings_table())'`"
    )


@pytest.mark.parametrize("prefix", ["", "Kupang", "tk_", "-tk", "tk-", "x" * 40])
def test_a_collection_prefix_that_chroma_would_refuse_is_a_clear_settings_error(prefix: str) -> None:
    with pytest.raises(ValidationError, match="chroma_prefix"):
        Settings(chroma_prefix=prefix)
