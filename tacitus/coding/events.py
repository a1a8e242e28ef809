"""Assembling an Event from its coded parts: the id, the ontology fields and the evidence.

Both coding paths end here, the parsed one (`EventCoder.code_sentence`) and the unparsed
"X said" one (`EventCoder.code_unparsed`), so an event's id and fields are computed the
same way whichever path found it.
"""

from __future__ import annotations

from typing import TYPE_CHECKING

from tacitus.models import Actor, Event, Evidence, make_event_id

if TYPE_CHECKING:
    import datetime as dt

    from tacitus.coding.ontology import CameoCode


def build_event(
    *,
    doc_id: str,
    date: dt.date | None,
    sentence_index: int,
    sentence: str,
    trigger: str,
    char_start: int,
    rule: str,
    source: Actor | None,
    target: Actor | None,
    cameo: str,
    info: CameoCode,
    confidence: float,
    modality: str,
    lexicon_version: str,
    historical: bool = False,
) -> Event:
    """The one place an Event is assembled: id, ontology fields and evidence from the coded parts."""
    return Event(
        event_id=make_event_id(
            doc_id,
            sentence_index,
            char_start,
            None if source is None else (source.code or source.text),
            None if target is None else (target.code or target.text),
            cameo,
            lexicon_version,
        ),
        doc_id=doc_id,
        date=date.isoformat() if date else None,
        source=source,
        target=target,
        cameo=cameo,
        cameo_root=info.root,
        quad_class=info.quad_class,
        goldstein=info.goldstein,
        plover_type=info.plover_type,
        plover_mode=info.plover_mode,
        evidence=Evidence(
            sentence_index=sentence_index,
            sentence=sentence,
            trigger=trigger,
            char_start=char_start,
            char_end=char_start + len(trigger),
            rule=rule,
        ),
        confidence=confidence,
        modality=modality,
        lexicon_version=lexicon_version,
        historical=historical,
    )
