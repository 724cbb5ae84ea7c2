"""The YAML conversation scripts, run against the engine (tests/conversations/)."""

from __future__ import annotations

import pytest

from bot.engine import Engine

from tests.conftest import EngineDriver
from tests.script_runner import load_scripts, run_script

SCRIPTS = load_scripts()


@pytest.mark.parametrize("script", SCRIPTS, ids=[f"{s.source}:{s.name}" for s in SCRIPTS])
async def test_script(engine, mini_knowledge, script):
    if script.pack == "mini":
        engine = Engine(mini_knowledge, engine.store, clock=engine.clock)
    await run_script(script, EngineDriver(engine, lang_hint=script.lang_hint))
