"""A confidence for every record (0-1), and the reasons that lowered it.

Each reason multiplies the confidence by its weight; a record with no reason is 1.0.
The weights are calibrated on the visible gold sets and the shape tables of tests/
(`python -m core evaluate GOLD SYSTEM --calibration` prints the precision per reason
and per confidence band): a record below 0.5 is wrong more often than right.
"""
from __future__ import annotations

WEIGHTS = {
    "fallback pairing": 0.45,                        # a side only as the genitive of another noun
    "country from the dateline": 0.6,                # no country in the text for an unnamed side
    "headline only": 0.6,                            # the body never reports it
    "side found through a pronoun": 0.75,
    "sides from 'both leaders'": 0.75,
    "side without a postposition": 0.8,              # an unmarked subject ("X मंगलवार को Y से मिले")
    "unnamed official": 0.7, 
    "china name unknown to the gazetteer": 0.9,
    "counterpart name unknown to the gazetteer": 0.9,
    "name only from context": 0.9,                   # a one-word name never written in full
    "earlier meeting": 0.9,
    "no date": 0.95,
}


def score(reasons: tuple[str, ...]) -> float:
    """The confidence of a record with these reasons, rounded to two places."""
    value = 1.0
    for reason in dict.fromkeys(reasons):
        value *= WEIGHTS[reason]
    return round(value, 2)
