"""Charts drawn on the server as inline SVG: no JavaScript library, nothing fetched, readable without JS.

Every bar, point and alert marker is a link (`<a href>`), so clicking one loads the page that
lists its events; `<title>` elements give the browser's own tooltips. Text is escaped here,
so the SVG can be placed in a page as it is.
"""

from __future__ import annotations

import math
from collections import Counter
from collections.abc import Sequence
from dataclasses import dataclass
from html import escape

#: QuadClass → (name, colour): cooperation in blues, conflict in oranges (colour-blind safe pairs).
QUAD_CLASSES: dict[int, tuple[str, str]] = {
    1: ("verbal cooperation", "#9ecae1"),
    2: ("material cooperation", "#3182bd"),
    3: ("verbal conflict", "#fdae6b"),
    4: ("material conflict", "#e6550d"),
}
GOLDSTEIN_COLOUR = "#222222"
ALERT_COLOURS = {"high": "#b30000", "medium": "#e34a33", "low": "#fc8d59"}


@dataclass(frozen=True)
class PeriodBar:
    """One period of a dyad's series: events per QuadClass, the mean Goldstein score, and its link."""

    label: str
    counts: tuple[int, int, int, int]
    goldstein: float | None
    href: str
    selected: bool = False

    @property
    def total(self) -> int:
        return sum(self.counts)


@dataclass(frozen=True)
class AlertMark:
    """An alert drawn over the period it belongs to (`period` is the index in the bars)."""

    period: int
    alert_id: str
    level: str
    label: str
    href: str
    selected: bool = False


@dataclass(frozen=True)
class VolumeBar:
    """One period of the overview: events (bars) and articles (line)."""

    label: str
    events: int
    articles: int
    href: str


def _nice_ceiling(value: float) -> float:
    """An axis maximum at or above `value` whose four gridline steps are round numbers.

    Steps are 1, 1.5, 2, 2.5, 3 or 5 × 10^k, and whole numbers once `value` is 1 or more
    (counts are whole: no gridline at 1.25 events).
    """
    if value <= 0:
        return 1.0
    wanted = value / 4
    power = 10.0 ** math.floor(math.log10(wanted))
    for scale in (power, power * 10):
        for step in (1.0, 1.5, 2.0, 2.5, 3.0, 5.0):
            candidate = step * scale
            if candidate >= wanted and (value < 1 or candidate == int(candidate)):
                return 4 * candidate
    return 4 * 10 * power


def _label_every(count: int, room: int = 12) -> int:
    return max(1, math.ceil(count / room))


def _number(value: float) -> str:
    return f"{value:.1f}".rstrip("0").rstrip(".") if value != int(value) else str(int(value))


class _Frame:
    """The plot area of a chart and the mapping of bands and values into it."""

    def __init__(self, width: int, height: int, bands: int, top_value: float) -> None:
        self.width, self.height = width, height
        self.left, self.right, self.top, self.bottom = 52, 52, 30, 46
        self.plot_width = width - self.left - self.right
        self.plot_height = height - self.top - self.bottom
        self.band = self.plot_width / max(bands, 1)
        self.top_value = top_value

    def x(self, index: int) -> float:
        return self.left + index * self.band

    def y(self, value: float) -> float:
        return self.top + self.plot_height * (1 - value / self.top_value)

    def y_goldstein(self, score: float) -> float:
        """Goldstein runs from -10 (most hostile) to +10 on the right-hand axis."""
        return self.top + self.plot_height * (1 - (score + 10) / 20)

    def left_axis(self, label: str) -> list[str]:
        parts = []
        for step in range(5):
            value = self.top_value * step / 4
            y = self.y(value)
            parts.append(
                f'<line x1="{self.left}" x2="{self.width - self.right}" y1="{y:.1f}" y2="{y:.1f}" '
                f'stroke="#e5e5e5" stroke-width="1"/>'
                f'<text x="{self.left - 6}" y="{y + 4:.1f}" text-anchor="end" font-size="11">{_number(value)}</text>'
            )
        parts.append(
            f'<text x="14" y="{self.top + self.plot_height / 2:.1f}" font-size="11" text-anchor="middle" '
            f'transform="rotate(-90 14 {self.top + self.plot_height / 2:.1f})">{escape(label)}</text>'
        )
        return parts

    def bottom_labels(self, labels: Sequence[str]) -> list[str]:
        every = _label_every(len(labels))
        parts = []
        for index, label in enumerate(labels):
            if index % every:
                continue
            x = self.x(index) + self.band / 2
            parts.append(
                f'<text x="{x:.1f}" y="{self.height - self.bottom + 16}" font-size="11" text-anchor="middle">'
                f"{escape(label)}</text>"
            )
        return parts


def _svg(width: int, height: int, title: str, body: list[str], *, css_class: str) -> str:
    return (
        f'<svg xmlns="http://www.w3.org/2000/svg" class="{css_class}" viewBox="0 0 {width} {height}" '
        f'width="100%" role="img" aria-label="{escape(title)}" font-family="sans-serif">'
        f"<title>{escape(title)}</title>" + "".join(body) + "</svg>"
    )


def dyad_chart(bars: Sequence[PeriodBar], alerts: Sequence[AlertMark] = (), *, title: str) -> str:
    """Stacked bars of events by QuadClass per period, the mean Goldstein line, and alert markers."""
    width, height = 960, 340
    frame = _Frame(width, height, len(bars), _nice_ceiling(max((b.total for b in bars), default=0)))
    body = frame.left_axis("events")
    for score in (-10, 0, 10):
        y = frame.y_goldstein(score)
        body.append(
            f'<text x="{width - frame.right + 6}" y="{y + 4:.1f}" font-size="11" fill="{GOLDSTEIN_COLOUR}">'
            f"{score:+d}</text>"
        )
    body.append(
        f'<text x="{width - 12}" y="{frame.top + frame.plot_height / 2:.1f}" font-size="11" text-anchor="middle" '
        f'transform="rotate(90 {width - 12} {frame.top + frame.plot_height / 2:.1f})">mean Goldstein</text>'
    )
    inner = max(frame.band * 0.72, 1.0)
    for index, bar in enumerate(bars):
        x = frame.x(index) + (frame.band - inner) / 2
        stack: list[str] = []
        base = 0
        for quad, count in enumerate(bar.counts, start=1):
            if not count:
                continue
            y_top, y_bottom = frame.y(base + count), frame.y(base)
            stack.append(
                f'<rect x="{x:.1f}" y="{y_top:.1f}" width="{inner:.1f}" height="{y_bottom - y_top:.1f}" '
                f'fill="{QUAD_CLASSES[quad][1]}"/>'
            )
            base += count
        tooltip = (
            f"{bar.label}: {bar.total} events ("
            + ", ".join(f"{QUAD_CLASSES[q][0]} {c}" for q, c in enumerate(bar.counts, start=1))
            + (f"); mean Goldstein {bar.goldstein:+.1f}" if bar.goldstein is not None else ")")
        )
        outline = (
            f'<rect x="{frame.x(index):.1f}" y="{frame.top}" width="{frame.band:.1f}" height="{frame.plot_height}" '
            f'fill="{"#fff3b0" if bar.selected else "transparent"}" fill-opacity="{0.6 if bar.selected else 0}"/>'
        )
        body.append(
            f'<a href="{escape(bar.href)}" class="period" data-period="{escape(bar.label)}">'
            f"<title>{escape(tooltip)}</title>{outline}{''.join(stack)}</a>"
        )
    points = [
        (frame.x(i) + frame.band / 2, frame.y_goldstein(b.goldstein), b)
        for i, b in enumerate(bars)
        if b.goldstein is not None
    ]
    if len(points) > 1:
        path = " ".join(f"{x:.1f},{y:.1f}" for x, y, _ in points)
        body.append(f'<polyline points="{path}" fill="none" stroke="{GOLDSTEIN_COLOUR}" stroke-width="1.5"/>')
    for x, y, bar in points:
        body.append(
            f'<a href="{escape(bar.href)}" class="point"><title>{escape(bar.label)}: mean Goldstein '
            f'{bar.goldstein:+.1f}</title><circle cx="{x:.1f}" cy="{y:.1f}" r="3.5" fill="{GOLDSTEIN_COLOUR}"/></a>'
        )
    shown = [alert for alert in alerts if 0 <= alert.period < len(bars)]
    in_period = Counter(alert.period for alert in shown)
    placed: Counter[int] = Counter()
    for alert in shown:
        # several alerts of one period (conflict and material conflict) stand side by side, each clickable
        offset = (placed[alert.period] - (in_period[alert.period] - 1) / 2) * 17
        placed[alert.period] += 1
        x = frame.x(alert.period) + frame.band / 2 + offset
        y = frame.top - 4
        colour = ALERT_COLOURS.get(alert.level, ALERT_COLOURS["medium"])
        stroke = ' stroke="#000" stroke-width="2"' if alert.selected else ""
        body.append(
            f'<a href="{escape(alert.href)}" class="alert-marker" id="alert-{escape(alert.alert_id)}" '
            f'data-alert="{escape(alert.alert_id)}"><title>{escape(alert.label)}</title>'
            f'<polygon points="{x - 8:.1f},{y - 14:.1f} {x + 8:.1f},{y - 14:.1f} {x:.1f},{y:.1f}" '
            f'fill="{colour}"{stroke}/></a>'
        )
    body += frame.bottom_labels([b.label for b in bars])
    legend_x = frame.left
    for _quad, (name, colour) in QUAD_CLASSES.items():
        body.append(
            f'<rect x="{legend_x}" y="{height - 16}" width="10" height="10" fill="{colour}"/>'
            f'<text x="{legend_x + 14}" y="{height - 7}" font-size="11">{escape(name)}</text>'
        )
        legend_x += 30 + 7 * len(name)
    body.append(
        f'<line x1="{legend_x}" x2="{legend_x + 18}" y1="{height - 11}" y2="{height - 11}" '
        f'stroke="{GOLDSTEIN_COLOUR}" stroke-width="1.5"/>'
        f'<text x="{legend_x + 22}" y="{height - 7}" font-size="11">mean Goldstein</text>'
    )
    if not bars:
        body.append(f'<text x="{width / 2}" y="{height / 2}" text-anchor="middle">no events in this range</text>')
    return _svg(width, height, title, body, css_class="chart dyad-chart")


def volume_chart(bars: Sequence[VolumeBar], *, title: str) -> str:
    """Events per period as bars and articles per period as a line, each bar a link to its events."""
    width, height = 960, 260
    top = _nice_ceiling(max((max(b.events, b.articles) for b in bars), default=0))
    frame = _Frame(width, height, len(bars), top)
    body = frame.left_axis("count")
    inner = max(frame.band * 0.7, 1.0)
    for index, bar in enumerate(bars):
        x = frame.x(index) + (frame.band - inner) / 2
        y = frame.y(bar.events)
        body.append(
            f'<a href="{escape(bar.href)}" class="period"><title>{escape(bar.label)}: {bar.events} events, '
            f'{bar.articles} articles</title><rect x="{x:.1f}" y="{y:.1f}" width="{inner:.1f}" '
            f'height="{frame.y(0) - y:.1f}" fill="{QUAD_CLASSES[2][1]}"/></a>'
        )
    if len(bars) > 1:
        path = " ".join(f"{frame.x(i) + frame.band / 2:.1f},{frame.y(b.articles):.1f}" for i, b in enumerate(bars))
        body.append(f'<polyline points="{path}" fill="none" stroke="{GOLDSTEIN_COLOUR}" stroke-width="1.5"/>')
    body += frame.bottom_labels([b.label for b in bars])
    body.append(
        f'<rect x="{frame.left}" y="{height - 16}" width="10" height="10" fill="{QUAD_CLASSES[2][1]}"/>'
        f'<text x="{frame.left + 14}" y="{height - 7}" font-size="11">events</text>'
        f'<line x1="{frame.left + 70}" x2="{frame.left + 88}" y1="{height - 11}" y2="{height - 11}" '
        f'stroke="{GOLDSTEIN_COLOUR}" stroke-width="1.5"/>'
        f'<text x="{frame.left + 92}" y="{height - 7}" font-size="11">articles</text>'
    )
    if not bars:
        body.append(f'<text x="{width / 2}" y="{height / 2}" text-anchor="middle">no events yet</text>')
    return _svg(width, height, title, body, css_class="chart volume-chart")
