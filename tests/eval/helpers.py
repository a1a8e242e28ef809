"""Hand-made events for scoring tests: no pipeline, no model."""

from __future__ import annotations

from tacitus.models import Actor, Event, Evidence

_COUNTRY_LESS = ("IGO", "NGO", "MNC")


def actor(code: str | None) -> Actor | None:
    if code is None:
        return None
    country = None if code.startswith(_COUNTRY_LESS) else code[:3]
    return Actor(text=code, code=code, country=country, sector=code[3:] or None, name=code)


def event(
    source: str,
    target: str | None,
    cameo: str,
    *,
    confidence: float = 0.7,
    quad_class: int = 1,
    plover: str | None = None,
    doc_id: str = "d",
    trigger: str = "said",
    historical: bool = False,
) -> Event:
    src = actor(source)
    assert src is not None
    return Event(
        event_id=f"{doc_id}-{source}-{target}-{cameo}-{confidence}",
        doc_id=doc_id,
        date=None,
        source=src,
        target=actor(target),
        cameo=cameo,
        cameo_root=cameo[:2],
        quad_class=quad_class,
        goldstein=0.0,
        plover_type=plover,
        plover_mode=None,
        evidence=Evidence(0, "sentence", trigger, 0, len(trigger), "test.rule"),
        confidence=confidence,
        modality="asserted",
        lexicon_version="test",
        historical=historical,
    )
