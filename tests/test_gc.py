from __future__ import annotations

import gc

import pytest

from collate._gc import pauses_gc


def test_the_collector_is_paused_inside_and_restored_after() -> None:
    seen = []

    @pauses_gc
    def work() -> int:
        seen.append(gc.isenabled())
        return 7

    assert gc.isenabled()
    assert work() == 7
    assert seen == [False] and gc.isenabled()


def test_restored_after_an_error_and_left_off_if_it_was_off() -> None:
    @pauses_gc
    def fail() -> None:
        raise ValueError("boom")

    with pytest.raises(ValueError):
        fail()
    assert gc.isenabled()
    gc.disable()
    try:
        pauses_gc(lambda: None)()
        assert not gc.isenabled()
    finally:
        gc.enable()
