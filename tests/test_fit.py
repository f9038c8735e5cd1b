"""How a fitted table turns a detector's hand weights into a confidence. Whether the table the
library holds is what the labelled cases give today is checked by
``benchmarks/check_calibration.py``, which CI runs after the tests."""

from __future__ import annotations

import math

import pytest


def test_a_fitted_kind_scales_and_biases_the_hand_weights(monkeypatch) -> None:
    from collate.anomalies import _common

    features = {"length": 1.5, "trigger": 2.0}
    hand = _common.confidence(features, -1.0, "dittography")
    assert hand == pytest.approx(1 / (1 + math.exp(-(-1.0 + 3.5))))
    monkeypatch.setitem(_common.FITTED, "dittography", (-2.0, 0.5))
    assert _common.confidence(features, -1.0, "dittography") == pytest.approx(
        1 / (1 + math.exp(-(-2.0 + 1.75)))
    )
    assert _common.confidence(features, -1.0, "omission") == hand  # other kinds keep their hand weights
