"""The evaluation report: one object, three faces (rich tables, JSON, Markdown).

`build_report` is pure: gold records and the events predicted for them in, scores out,
so it is tested with hand-made events and reused by the golden-file test.
"""

from __future__ import annotations

from collections.abc import Callable, Sequence
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

from rich.table import Table

from tacitus.coding.ontology import load_ontology
from tacitus.errors import EvalError
from tacitus.eval.gold import GoldFile, GoldProblem, GoldRecord
from tacitus.eval.score import (
    NONE,
    PENTA_NAMES,
    Band,
    EventScores,
    PentaScores,
    SeedCheck,
    confidence_bands,
    event_actor_key,
    precision_at_or_above,
    score_events,
    score_penta,
    sentence_class,
)
from tacitus.models import Event


def plover_of(cameo: str) -> str | None:
    """The PLOVER type of a gold event's CAMEO code (the coder's own CAMEO→PLOVER table), None if unmapped."""
    ontology = load_ontology()
    return ontology.get(cameo).plover_type if cameo in ontology else None


@dataclass
class EvalReport:
    """Everything `tacitus eval` measured on one gold or seed file."""

    path: str
    kind: str  # "gold" | "seed"
    records: int
    predicted_events: int
    no_event: int  # records (sentences) for which the coder produced no (current) event
    historical: int = 0  # events the coder flagged historical: reported, not scored
    skipped: list[GoldProblem] = field(default_factory=list)
    events: EventScores | None = None
    penta: PentaScores | None = None
    bands: list[Band] = field(default_factory=list)
    seed: list[SeedCheck] | None = None
    seed_events: list[Event] = field(default_factory=list)
    max_events: int | None = None
    details: list[dict[str, Any]] = field(default_factory=list)
    meta: dict[str, str] = field(default_factory=dict)

    @property
    def seed_passed(self) -> bool | None:
        """All required entries met and no forbidden one violated (stretch goals do not count)."""
        if self.seed is None:
            return None
        return all(check.passed for check in self.seed if check.entry.kind != "stretch")

    def to_dict(self) -> dict[str, Any]:
        """The machine-readable report (`tacitus eval --format json`)."""
        out: dict[str, Any] = {
            "path": self.path,
            "kind": self.kind,
            "meta": self.meta,
            "records": self.records,
            "predicted_events": self.predicted_events,
            "no_event": self.no_event,
            "historical_not_scored": self.historical,
            "skipped_lines": [{"line": p.line, "reason": p.reason, "message": p.message} for p in self.skipped],
            "events": self.events.to_dict() if self.events else None,
            "penta": self.penta.to_dict() if self.penta else None,
            "confidence_bands": [
                {**band.to_dict(), "precision_at_or_above": None if cum is None else round(cum, 4)}
                for band, cum in zip(self.bands, precision_at_or_above(self.bands), strict=True)
            ],
        }
        if self.seed is not None:
            out["seed"] = {
                "passed": self.seed_passed,
                "events": len(self.seed_events),
                "max_events": self.max_events,
                "checks": [
                    {
                        "id": check.entry.id,
                        "kind": check.entry.kind,
                        "outcome": check.outcome,
                        "passed": check.passed,
                        "why": check.entry.why,
                        "events": [compact_event(self.seed_events[i]) for i in check.matching],
                        "exempt": [compact_event(self.seed_events[i]) for i in check.exempt],
                    }
                    for check in self.seed
                ],
                "coded": [compact_event(event) for event in self.seed_events],
            }
        out["records_detail"] = self.details
        return out

    def write_markdown(self, path: str | Path) -> None:
        """Write `to_markdown()` to `path` (`tacitus eval --out`)."""
        try:
            Path(path).write_text(self.to_markdown(), encoding="utf-8")
        except OSError as exc:
            raise EvalError(f"cannot write the report to '{path}': {exc.strerror or exc}") from exc

    def to_markdown(self) -> str:
        """A Markdown summary for reports and pull requests (`tacitus eval --out report.md`)."""
        lines = [f"# Evaluation of `{self.path}`", ""]
        lines += [f"- {key}: {value}" for key, value in self.meta.items()]
        lines += [
            f"- records scored: {self.records}",
            f"- predicted events: {self.predicted_events}",
            f"- records with no predicted event: {self.no_event}",
            f"- events flagged historical (not scored): {self.historical}",
        ]
        if self.events is not None and self.events.gold_historical:
            lines.append(f"- gold events marked historical (not scored): {self.events.gold_historical}")
        if self.skipped:
            lines.append(f"- skipped gold lines: {len(self.skipped)}")
        lines.append("")
        for table in render_tables(self):
            lines += [f"## {table.title}", "", *_markdown_table(table), ""]
        if self.skipped:
            lines += ["## Skipped lines", ""]
            lines += [f"- {problem.message}" for problem in self.skipped]
        return "\n".join(lines).rstrip() + "\n"


def compact_event(event: Event) -> dict[str, Any]:
    """The fields of an event that say what was coded, without ids or versions."""
    compact: dict[str, Any] = {
        "source": event.source.code if event.source is not None else None,
        "target": event.target.code if event.target is not None else None,
        "cameo": event.cameo,
        "modality": event.modality,
        "trigger": event.evidence.trigger,
        "rule": event.evidence.rule,
        "confidence": round(event.confidence, 3),  # as the coder rounds it: bands and plots agree at their edges
    }
    if event.historical:
        compact["historical"] = True
    return compact


def current_events(events: Sequence[Event]) -> list[Event]:
    """The events that are news on the report's date: those not flagged historical.

    Gold files code history as "no event" (docs/eval.md), and the coder flags it
    ``historical``; the two agree, so flagged events are left out of scoring and counted.
    """
    return [event for event in events if not event.historical]


def build_report(
    path: str | Path,
    gold: GoldFile,
    predicted: Sequence[Sequence[Event]],
    *,
    plover_of: Callable[[str], str | None] | None = None,
    meta: dict[str, str] | None = None,
) -> EvalReport:
    """Score `predicted` (one event list per gold record, in order) against `gold`."""
    if len(predicted) != len(gold.records):
        raise ValueError(f"{len(predicted)} predictions for {len(gold.records)} gold records")
    historical = sum(len(events) - len(current_events(events)) for events in predicted)
    predicted = [current_events(events) for events in predicted]
    pairs: list[tuple[GoldRecord, Sequence[Event]]] = list(zip(gold.records, predicted, strict=True))
    has_events = any(record.events is not None for record in gold.records)
    has_penta = any(record.penta_class is not None for record in gold.records)
    events = score_events(pairs, plover_of=plover_of) if has_events else None
    return EvalReport(
        path=str(path),
        kind="gold",
        records=len(pairs),
        predicted_events=sum(len(p) for p in predicted),
        no_event=sum(1 for p in predicted if not p),
        historical=historical,
        skipped=list(gold.problems),
        events=events,
        penta=score_penta(pairs) if has_penta else None,
        bands=confidence_bands(pairs, matched=events.matched if events else None),
        details=[_detail(record, list(p), events) for record, p in pairs],
        meta=dict(meta or {}),
    )


def _detail(record: GoldRecord, events: list[Event], scores: EventScores | None) -> dict[str, Any]:
    detail: dict[str, Any] = {"id": record.id, "predicted": [compact_event(e) for e in events]}
    if record.events is not None:
        detail["gold"] = [
            {"source": g.source, "target": g.target, "cameo": g.cameo, "plover": g.plover} for g in record.events
        ]
        matched = scores.matched.get(record.id, set()) if scores else set()
        detail["matched"] = sorted(matched)
    if record.penta_class is not None:
        detail["penta_gold"] = record.penta_class
        detail["penta_predicted"] = sentence_class(events)
    return detail


# --- tables ----------------------------------------------------------------------------


def _pct(value: float | None) -> str:
    return "-" if value is None else f"{100 * value:.1f}"


def render_tables(report: EvalReport) -> list[Table]:
    """The report as rich tables, in reading order (the CLI prints them)."""
    tables: list[Table] = []
    if report.events is not None:
        table = Table(title="Event matching (P/R/F1, %)")
        for column in ("level", "matched", "predicted", "gold", "precision", "recall", "F1"):
            table.add_column(column, justify="left" if column == "level" else "right")
        for label, counts in (
            ("fully right (source+target+root)", report.events.dyad),
            ("type (root only)", report.events.root),
        ):
            table.add_row(
                label,
                str(counts.tp),
                str(counts.predicted),
                str(counts.gold),
                _pct(counts.precision),
                _pct(counts.recall),
                _pct(counts.f1),
            )
        tables.append(table)
        fields = Table(title="Fields, among events of the right type (%)")
        for column in ("field", "right", "of", "accuracy"):
            fields.add_column(column, justify="left" if column == "field" else "right")
        for name, scores in report.events.fields.items():
            if scores.total:
                fields.add_row(name, str(scores.right), str(scores.total), _pct(scores.accuracy))
        if fields.row_count:
            tables.append(fields)
        tables.append(
            _confusion_table("Confusion by CAMEO root (rows gold, columns predicted)", report.events.confusion_root)
        )
        if any(g not in ("?", NONE) for g, _ in report.events.confusion_plover):
            tables.append(
                _confusion_table(
                    "Confusion by PLOVER type (rows gold, columns predicted)", report.events.confusion_plover
                )
            )
    if report.penta is not None:
        penta = report.penta
        table = Table(title=f"5-class accuracy {_pct(penta.accuracy)}%, macro-F1 {_pct(penta.macro_f1)}%")
        for column in ("class", "gold", "predicted", "correct", "precision", "recall", "F1"):
            table.add_column(column, justify="left" if column == "class" else "right")
        for cls, counts in penta.per_class.items():
            table.add_row(
                PENTA_NAMES[cls],
                str(counts.gold),
                str(counts.predicted),
                str(counts.tp),
                _pct(counts.precision),
                _pct(counts.recall),
                _pct(counts.f1),
            )
        table.add_row("no event (counted wrong)", "", str(penta.no_event), "", "", "", "")
        tables.append(table)
        confusion = {(str(g), NONE if p is None else str(p)): n for (g, p), n in penta.confusion.items()}
        tables.append(_confusion_table("5-class confusion (rows gold, columns predicted)", confusion))
    if report.bands and any(band.events for band in report.bands):
        table = Table(title="Precision by confidence band")
        for column in ("confidence", "events", "correct", "precision %", "precision % at >= low"):
            table.add_column(column, justify="left" if column == "confidence" else "right")
        for band, cumulative in zip(report.bands, precision_at_or_above(report.bands), strict=True):
            table.add_row(band.label, str(band.events), str(band.correct), _pct(band.precision), _pct(cumulative))
        tables.append(table)
    if report.seed is not None:
        table = Table(title=f"Seed expectations ({len(report.seed_events)} events coded, max {report.max_events})")
        for column in ("id", "kind", "outcome", "events", "why"):
            table.add_column(column)
        for check in report.seed:
            evidence = "; ".join(_event_line(report.seed_events[i]) for i in check.matching[:3]) + (
                " ..." if len(check.matching) > 3 else ""
            )
            if check.exempt:
                exempt = "; ".join(_event_line(report.seed_events[i]) for i in check.exempt)
                evidence = f"{evidence or '-'} (exempt, asked for by a required entry: {exempt})"
            table.add_row(check.entry.id, check.entry.kind, check.outcome, evidence or "-", check.entry.why)
        tables.append(table)
        coded = Table(title="Events coded in the seed article")
        for column in ("source", "cameo", "target", "conf.", "modality", "trigger"):
            coded.add_column(column)
        for event in report.seed_events:
            coded.add_row(
                (event.source.code or "?") if event.source is not None else "-",
                event.cameo,
                (event.target.code or "?") if event.target is not None else "-",
                f"{event.confidence:.2f}",
                event.modality,
                event.evidence.trigger,
            )
        tables.append(coded)
    return tables


def _event_line(event: Event) -> str:
    target = event_actor_key(event.target) or "-"
    return f"{event_actor_key(event.source) or '?'} {event.cameo} {target} ('{event.evidence.trigger}')"


def _confusion_table(title: str, confusion: Any) -> Table:
    """A gold x predicted matrix; labels longer than 3 characters get a compact long form."""
    gold_labels = sorted({g for g, _ in confusion}, key=_label_order)
    pred_labels = sorted({p for _, p in confusion}, key=_label_order)
    if max(map(len, [*gold_labels, *pred_labels]), default=0) > 3:
        return _confusion_list(title, confusion, gold_labels)
    table = Table(title=title, box=None, padding=(0, 0), pad_edge=False)
    table.add_column("gold", justify="right")
    for label in pred_labels:
        table.add_column(f" {label}", justify="right", no_wrap=True)
    for g in gold_labels:
        table.add_row(g, *[f" {confusion[(g, p)]}" if confusion.get((g, p)) else "" for p in pred_labels])
    return table


def _confusion_list(title: str, confusion: Any, gold_labels: list[str]) -> Table:
    """One row per gold label: how often it was predicted right, as what else, and missed."""
    table = Table(title=title)
    for column in ("gold", "total", "correct", "predicted instead (top 3)", f"missed ({NONE})"):
        table.add_column(column, justify="left" if column in ("gold", "predicted instead (top 3)") else "right")
    for g in gold_labels:
        row = {p: n for (gg, p), n in confusion.items() if gg == g}
        others = sorted(((n, p) for p, n in row.items() if p not in (g, NONE)), reverse=True)
        table.add_row(
            g,
            str(sum(row.values())),
            str(row.get(g, 0)) if g != NONE else "",
            ", ".join(f"{p} {n}" for n, p in others[:3]),
            str(row.get(NONE, 0)) if g != NONE else "",
        )
    return table


def _label_order(label: str) -> tuple[int, str]:
    return (1, label) if label == NONE else (0, label)


def _markdown_table(table: Table) -> list[str]:
    headers = [str(column.header).strip() for column in table.columns]
    cells = [list(column.cells) for column in table.columns]
    rows = list(zip(*cells, strict=True)) if cells else []
    out = ["| " + " | ".join(headers) + " |", "|" + "|".join("---" for _ in headers) + "|"]
    for row in rows:
        out.append("| " + " | ".join(str(cell).strip().replace("|", "\\|") for cell in row) + " |")
    return out
