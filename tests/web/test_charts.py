"""The server-drawn SVG: bars in proportion, markers where their period is, text escaped."""

from __future__ import annotations

import re
import xml.etree.ElementTree as ET

from tacitus.web.charts import AlertMark, PeriodBar, VolumeBar, _nice_ceiling, dyad_chart, volume_chart

SVG = "{http://www.w3.org/2000/svg}"


def _bar(label: str, counts: tuple[int, int, int, int], goldstein: float | None = -2.0) -> PeriodBar:
    return PeriodBar(label=label, counts=counts, goldstein=goldstein, href=f"/dyad/A-B?period={label}")


def test_axis_maxima_are_round_numbers():
    assert [_nice_ceiling(v) for v in (0, 0.3, 3, 7, 11, 26, 480)] == [1.0, 0.4, 4.0, 8.0, 12.0, 40.0, 600.0]


def test_bars_stack_by_quad_class_in_proportion():
    svg = dyad_chart([_bar("2022-01-03", (1, 0, 2, 1)), _bar("2022-01-10", (0, 0, 0, 8))], title="t")
    root = ET.fromstring(svg)
    links = root.findall(f"{SVG}a")
    first, second = (link for link in links if link.get("class") == "period")
    first_heights = [float(r.get("height")) for r in first.findall(f"{SVG}rect")[1:]]
    second_heights = [float(r.get("height")) for r in second.findall(f"{SVG}rect")[1:]]
    assert len(first_heights) == 3  # empty classes draw nothing
    assert abs(sum(first_heights) * 2 - second_heights[0]) < 0.5  # 4 events are half of 8
    assert first.get("href") == "/dyad/A-B?period=2022-01-03"


def test_alert_markers_sit_over_their_period_and_link_to_the_alert():
    bars = [_bar(f"2022-01-{d:02d}", (1, 0, 0, 0)) for d in (3, 10, 17)]
    svg = dyad_chart(
        bars, [AlertMark(period=2, alert_id="abc", level="high", label="x", href="/dyad/A-B?alert=abc")], title="t"
    )
    root = ET.fromstring(svg)
    [marker] = [a for a in root.findall(f"{SVG}a") if a.get("class") == "alert-marker"]
    assert marker.get("id") == "alert-abc" and marker.get("href") == "/dyad/A-B?alert=abc"
    xs = [float(v) for v in re.findall(r"([\d.]+),", marker.find(f"{SVG}polygon").get("points"))]
    bar_rect = [a for a in root.findall(f"{SVG}a") if a.get("class") == "period"][2].findall(f"{SVG}rect")[1]
    centre = float(bar_rect.get("x")) + float(bar_rect.get("width")) / 2
    assert abs(sum(xs) / len(xs) - centre) < 1


def test_alerts_of_one_period_stand_side_by_side():
    # conflict and material conflict alerts of the same week: two markers, neither hiding the other
    bars = [_bar(f"2022-01-{d:02d}", (1, 0, 0, 0)) for d in (3, 10, 17)]
    marks = [AlertMark(period=1, alert_id=i, level="high", label=i, href=f"/dyad/A-B?alert={i}") for i in ("a1", "a2")]
    root = ET.fromstring(dyad_chart(bars, marks, title="t"))
    markers = [a for a in root.findall(f"{SVG}a") if a.get("class") == "alert-marker"]
    spans = []
    for marker in markers:
        xs = [float(v) for v in re.findall(r"([\d.]+),", marker.find(f"{SVG}polygon").get("points"))]
        spans.append((min(xs), max(xs)))
    assert [m.get("id") for m in markers] == ["alert-a1", "alert-a2"]
    (left_start, left_end), (right_start, right_end) = sorted(spans)
    assert left_end <= right_start  # no overlap
    bar_rect = [a for a in root.findall(f"{SVG}a") if a.get("class") == "period"][1].findall(f"{SVG}rect")[1]
    centre = float(bar_rect.get("x")) + float(bar_rect.get("width")) / 2
    assert abs((left_start + right_end) / 2 - centre) < 1  # the pair is centred on its period


def test_goldstein_points_follow_the_right_axis():
    svg = dyad_chart(
        [_bar("a", (1, 0, 0, 0), 10.0), _bar("b", (1, 0, 0, 0), -10.0), _bar("c", (1, 0, 0, 0), None)], title="t"
    )
    circles = ET.fromstring(svg).findall(f".//{SVG}circle")
    assert len(circles) == 2  # no point where there is no mean
    top, bottom = (float(c.get("cy")) for c in circles)
    assert top < bottom


def test_labels_are_escaped_and_the_svg_parses():
    svg = volume_chart([VolumeBar("<b>&", 3, 5, "/events?a=1&b=2")], title="x<y")
    assert "<b>" not in svg and "&lt;b&gt;&amp;" in svg
    ET.fromstring(svg)  # well-formed


def test_an_empty_chart_says_so():
    assert "no events in this range" in dyad_chart([], title="t")
