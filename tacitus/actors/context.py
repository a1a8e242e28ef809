"""Countries from the article's context, for mentions whose own words name none.

"police", "Foreign Minister Hakan Yilmazer" and "the government" name a sector but no country.
A careful coder takes the country from where the text makes it plain, and so does
`fill_countries`, in this order; the level that decided goes on the mention's rule
(``agent.bare+country.article``) and on the events as ``country_rule``:

1. ``country.antecedent``  a short mention repeats an earlier full one: "Special Envoy Park"
                           after "ROK Special Envoy ... Park Min-jae"; "the Foreign Minister"
                           after "Foreign Minister Ana Dos Santos of Angola"; "Mr. Tan" after
                           "Trade Minister Daniel Tan of Singapore"
2. ``country.source``      the text was issued by a government body (``Article.source`` is "U.S.
                           Department of State"): a title of its own officials ("the President",
                           "Special Envoy Miller") is its own (data/actors/source_bodies.tsv)
3. ``country.sentence``    the one country the sentence names
4. ``country.paragraph``   the one country the two sentences before name, or the article's among several
5. ``country.dateline``    the dateline's place ("DULUTH, Minn.") when the article's countries agree or say nothing
6. ``country.article``     the country the article plainly names most (at least twice, and twice as often as any other)

Two countries competing — at one level, or a sentence's country against the article's —
leave the mention without country rather than guess; only in the paragraph does the article's own
country, named there too, outweigh the others. An office posted abroad ("Russia's ambassador")
is no evidence for the agents beside it. Agents after "foreign", "international"
and the like take none ("foreign journalists"). In a government body's own text its own
country is the speaker, not evidence for anyone else's: the protesters of a State Department
statement on Georgia are Georgian.

Everything here is computed once per article over the drafts and the sentence starts (no
loop over the article's tokens per mention). See docs/actors.md, "Countries from context".
"""

from __future__ import annotations

import functools
import re
from bisect import bisect_left, bisect_right
from collections import Counter
from collections.abc import Sequence
from dataclasses import dataclass

import numpy
from spacy.tokens import Doc, Token

from tacitus.actors.codes import join_code, regions, sector_roles, split_code
from tacitus.actors.dictionary import pattern_key, words
from tacitus.actors.resolution import Draft
from tacitus.resources import read_tsv

#: Sentences before a mention that count as its paragraph.
PARAGRAPH_SENTENCES = 2
#: Mentions of the leading country an article needs, and its lead over the next, to be "plainly" its country.
DOMINANT_MIN, DOMINANT_RATIO = 2, 2.0


@dataclass(frozen=True, slots=True)
class HomeBody:
    """A body that issues its own texts (data/actors/source_bodies.tsv)."""

    code: str
    country: str | None  # CAMEO country of the code; None for an IGO
    name: str
    offices: frozenset[str]  # titles its own officials carry, as agent patterns


@functools.cache
def _home_bodies() -> dict[str, HomeBody]:
    bodies: dict[str, HomeBody] = {}
    for row in read_tsv("actors/source_bodies.tsv"):
        offices = frozenset(o.strip().lower() for o in row["offices"].split("|") if o.strip())
        body = HomeBody(row["code"], split_code(row["code"]).cameo_country, row["name"], offices)
        for alias in row["source"].split("|"):
            if alias.strip():
                bodies[pattern_key(alias)] = body
    return bodies


def home_body(source: str | None) -> HomeBody | None:
    """The government body or IGO that issued a text, from its source ("The White House" -> USAGOV)."""
    return _home_bodies().get(pattern_key(source)) if source else None


@functools.cache
def _dateline_places() -> dict[str, str]:
    places: dict[str, str] = {}
    for row in read_tsv("actors/dateline_places.tsv"):
        for alias in row["place"].split("|"):
            if alias.strip():
                places[pattern_key(alias)] = row["country"]
    return places


def dateline_region(part: str) -> str | None:
    """The country of a dateline region the actor dictionaries lack ("Minn.", "Texas" -> USA)."""
    return _dateline_places().get(pattern_key(part))


class ArticleContext:
    """What one article says about countries: per sentence, per paragraph, and as a whole.

    Built from the drafts once every phrase rule and back-reference has run, before any
    country is filled in, so the evidence is only what the text itself names.
    """

    def __init__(
        self,
        doc: Doc,
        drafts: Sequence[Draft],
        *,
        home: HomeBody | None = None,
        dateline: str | None = None,
        title_drafts: Sequence[Draft] = (),
    ) -> None:
        self.doc = doc
        self.home = home
        self.title_drafts = list(title_drafts)
        starts = numpy.flatnonzero(doc.to_array("SENT_START") == 1).tolist() if len(doc) else []
        self.sentence_starts: list[int] = starts if starts[:1] == [0] else [0, *starts]
        self._quotes: list[tuple[int, int]] | None = None  # computed on first use: most articles need none
        home_country = home.country if home else None
        self.sentence_countries: list[list[tuple[str, Draft]]] = [[] for _ in self.sentence_starts]
        counts: Counter[str] = Counter()
        abroad = words("posted_abroad")
        for draft in drafts:
            country = evidence_country(draft)
            if country is None or country == home_country:
                continue
            counts[country] += 1
            if not abroad.intersection(t.lower_ for t in doc[draft.start : draft.end]):
                # "Russia's ambassador" is Russia's, but serves abroad: no evidence for "lawmakers" beside him
                self.sentence_countries[self.sentence_of(draft.start)].append((country, draft))
        for draft in self.title_drafts:
            country = evidence_country(draft)
            if country is not None and country != home_country:
                counts[country] += 1
        dominant = _dominant(counts)
        if dominant in regions():
            dominant = None  # an article about the Middle East names no office's country
        self.article_country: str | None = None
        self.article_rule = "country.article"
        if dateline and dateline != home_country and dominant in (None, dateline):
            self.article_country, self.article_rule = dateline, "country.dateline"
        elif dominant:
            self.article_country = dominant

    def sentence_of(self, token: int) -> int:
        """Index of the sentence holding token `token`."""
        return max(bisect_right(self.sentence_starts, token) - 1, 0)

    def in_quote(self, token: int) -> bool:
        """Whether token `token` stands inside a quotation."""
        if self._quotes is None:
            self._quotes = _quoted_ranges(self.doc.text)
        char = self.doc[token].idx
        index = bisect_right(self._quotes, (char, char)) - 1
        return index >= 0 and char < self._quotes[index][1]

    def country_for(self, draft: Draft) -> tuple[str, str] | None:
        """(country, rule) from the sentence, the paragraph or the article; None where none is plain.

        A region ("the Middle East", "Europe": MEA, EUR) competes with the countries named beside it but is
        never chosen: changes underway in the Middle East do not make an envoy a Middle Eastern official.
        """
        sentence = self.sentence_of(draft.start)
        article = self.article_country
        own = {
            c
            for c, d in self.sentence_countries[sentence]
            if _counts_for(d, c, draft, article) and not _in_portfolio(d, draft)
        }
        if own:
            if len(own) == 1 and article in (None, *own) and not own & regions():
                return own.pop(), "country.sentence"
            return None
        near = {
            c
            for s in range(max(sentence - PARAGRAPH_SENTENCES, 0), sentence)
            for c, d in self.sentence_countries[s]
            if _counts_for(d, c, draft, article)
        }
        if near:
            if len(near) == 1 and article in (None, *near) and not near & regions():
                return near.pop(), "country.paragraph"
            if article in near:  # named nearby and the article's own: it outweighs one named in passing
                return article, "country.paragraph"
            return None
        if article:
            return article, self.article_rule
        return None


def evidence_country(draft: Draft) -> str | None:
    """The country a draft names, as evidence for its neighbours (None for IGOs and unresolved references)."""
    if draft.backref or not draft.code:
        return None
    return split_code(draft.code).cameo_country


def _counts_for(evidence: Draft, country: str, draft: Draft, article: str | None) -> bool:
    """Whether `evidence` (naming `country`) in the sentence or paragraph tells `draft`'s country.

    A person's country does not: people act abroad and on foreigners ("Foreign Minister X met
    Russia's Lavrov", "companies should not use Putin's war as an excuse"); persons count
    towards the article's country only. A state named as such tells the country of its own
    offices ("Planning Minister X said Vietnam would ..."), but of other agents only where the
    article agrees: a state acts on foreigners as often as on its own people ("Israel will not
    release prisoners", "Russia expelled diplomats"), and troops, spies and aid workers are
    often foreign to the country they are in ("Troops in Mali came under fire").
    """
    if evidence is draft or evidence.kind == "person":
        return False
    sector = split_code(draft.code).sector
    if (
        evidence.kind == "state"
        and not draft.definite  # "the army", "the government": the state's own offices
        and (sector not in sector_roles()["office"] or sector in sector_roles()["foreign_present"])
    ):
        return article == country
    return True


def _in_portfolio(evidence: Draft, draft: Draft) -> bool:
    """Whether `evidence` stands in `draft`'s "for ..." complement ("Special Representative for the DPRK")."""
    return draft.portfolio_end is not None and draft.end <= evidence.start < draft.portfolio_end


def _dominant(counts: Counter[str]) -> str | None:
    ranked = counts.most_common(2)
    if not ranked or ranked[0][1] < DOMINANT_MIN:
        return None
    if len(ranked) > 1 and ranked[0][1] < DOMINANT_RATIO * ranked[1][1]:
        return None
    return ranked[0][0]


def _quoted_ranges(text: str) -> list[tuple[int, int]]:
    """Character ranges inside quotation marks; a paragraph break closes an open quotation."""
    marks = words("speech_mark")
    pattern = "[" + re.escape("".join(sorted(marks))) + "\n]"
    ranges: list[tuple[int, int]] = []
    opened: int | None = None
    for match in re.finditer(pattern, text):
        mark = match.group()
        if mark == "\n" or (opened is not None and mark != "\u201c"):
            if opened is not None:
                ranges.append((opened, match.end()))
            opened = None
        elif mark != "\u201d":
            opened = match.start()
    if opened is not None:
        ranges.append((opened, len(text)))
    return ranges


@functools.cache
def _title_sectors() -> dict[str, dict[str, str]]:
    """title -> {country: sector} where the title is another sector than its agent row's (title_sectors.tsv)."""
    table: dict[str, dict[str, str]] = {}
    for row in read_tsv("actors/title_sectors.tsv"):
        countries = table.setdefault(row["title"].strip().lower(), {})
        for country in row["countries"].split():
            countries[country] = row["sector"].strip()
    return table


def apply_title_sectors(drafts: Sequence[Draft]) -> None:
    """A title's sector in the country of the post: "Guatemala's attorney general" is a prosecutor (JUD), the
    US one a cabinet member (GOV). Runs once the drafts have their countries; a dictionary person keeps the
    code of their term."""
    table = _title_sectors()
    for draft in drafts:
        by_country = table.get(draft.title or "")
        if not by_country or not draft.code or draft.rule.startswith(("person.dated", "dict.")):
            continue
        parts = split_code(draft.code)
        sector = by_country.get(parts.cameo_country or "")
        if sector and parts.cameo_country and parts.sector not in (sector, "ELI"):
            draft.code = join_code(parts.cameo_country, sector)


def fill_countries(context: ArticleContext, drafts: Sequence[Draft]) -> None:
    """Give the drafts that name a sector but no country the country their context makes plain.

    Drafts are visited in text order, so a short mention copies an earlier full mention after
    that one got its country. Rules in the module docstring.
    """
    doc = context.doc
    seen = _Antecedents(context.home.country if context.home else None)
    for draft in context.title_drafts:
        seen.add(draft)
    for draft in drafts:
        if draft.antecedent is not None:
            _copy_antecedent(draft, draft.antecedent)
        elif not draft.backref and _needs_country(doc, draft) and not is_group_title(doc, draft):
            found = _decide(context, draft, seen)
            if found is not None:
                draft.code = join_code(found[0], split_code(draft.code).sector)
                draft.country_rule = found[1]
                if draft.definite and draft.rule == "agent.bare":
                    draft.rule = "backref.definite_office"
        if draft.code and not draft.backref:
            seen.add(draft)


class _Antecedents:
    """The countries of the persons and titles named so far, by name word and by title (one article).

    A title's holders are persons ("President Biden") and institutions ("the Lukashenka
    regime"), but not the issuing body's own institutions: in a State Department text "the
    government" is not the U.S. Government mentioned before.
    """

    def __init__(self, home_country: str | None) -> None:
        self.home_country = home_country
        self.by_name_word: dict[str, set[str]] = {}
        self.by_title: dict[str, list[str]] = {}  # title -> countries, latest first, each once

    def add(self, draft: Draft) -> None:
        country = split_code(draft.code).cameo_country
        if not country:
            return
        if draft.kind == "person" and draft.name and " " in draft.name:
            for word in draft.name.split():
                self.by_name_word.setdefault(word, set()).add(country)
        if draft.title and (draft.kind == "person" or country != self.home_country):
            holders = self.by_title.setdefault(draft.title, [])
            if country in holders:
                holders.remove(country)
            holders.insert(0, country)

    def longer_titles(self, title: str) -> list[str]:
        """Countries of the holders of longer forms of `title`: "the Deputy Minister" after "the Deputy
        Minister of Defense of Saudi Arabia"."""
        found: list[str] = []
        for longer, holders in self.by_title.items():
            if longer.startswith(title + " "):
                found.extend(c for c in holders if c not in found)
        return found


def _decide(context: ArticleContext, draft: Draft, seen: _Antecedents) -> tuple[str, str] | None:
    """(country, rule) for one draft without country, by the levels of the module docstring; None: no guess."""
    named = _name_antecedent(draft, seen)
    if named is not None:
        return named
    titled, ambiguous = _title_antecedent(context, draft, seen)
    if titled is not None or ambiguous:
        return titled
    if _own_office(context, draft) and context.home is not None and context.home.country:
        return context.home.country, "country.source"
    return context.country_for(draft)


def _copy_antecedent(draft: Draft, antecedent: Draft) -> None:
    draft.code, draft.name = antecedent.code, antecedent.name
    if split_code(draft.code).cameo_country:
        draft.country_rule = "country.antecedent"


def _needs_country(doc: Doc, draft: Draft) -> bool:
    """A person or agent with a sector and no country, not marked as foreign ("foreign journalists")."""
    if draft.kind not in ("agent", "person") or not draft.code:
        return False
    parts = split_code(draft.code)
    if parts.cameo_country or not parts.sector or parts.sector == "IGO" or draft.code != parts.sector:
        return False
    return draft.start == 0 or doc[draft.start - 1].lower_ not in words("not_domestic")


def _name_antecedent(draft: Draft, seen: _Antecedents) -> tuple[str, str] | None:
    """A titled person named by one word ("Special Envoy Park") repeats the earlier person of that name."""
    if draft.kind != "person" or not draft.name or " " in draft.name:
        return None
    countries = seen.by_name_word.get(draft.name, set())
    if len(countries) == 1:
        return next(iter(countries)), "country.antecedent"
    return None


def _title_antecedent(context: ArticleContext, draft: Draft, seen: _Antecedents) -> tuple[tuple[str, str] | None, bool]:
    """ "the Foreign Minister" after "Foreign Minister X of Angola": the holder of that title named before.

    Only for an office named like one person's ("the President", "Foreign Minister" in title
    case). With several holders of the title the issuing body's own wins, else none is chosen
    and the second value says the title was ambiguous (no other level may guess then).
    """
    if not draft.title or draft.kind != "agent" or not is_titled_office(context.doc, draft):
        return None, False
    countries = seen.by_title.get(draft.title) or seen.longer_titles(draft.title)
    home = context.home.country if context.home else None
    if home and home in countries and _own_office(context, draft):
        return (home, "country.antecedent"), False
    if len(countries) == 1:
        return (countries[0], "country.antecedent"), False
    return None, len(countries) > 1


def _own_office(context: ArticleContext, draft: Draft) -> bool:
    """A title the issuing body's own officials carry ("Special Representative" in a State Department text)."""
    home = context.home
    if home is None or not draft.title or split_code(draft.code).sector not in sector_roles()["office"]:
        return False
    if draft.kind == "person" and draft.title in words("listed_office"):
        return False  # the body's own president or foreign minister is in the office-holder file by name
    doc = context.doc
    if draft.kind == "agent" and not is_titled_office(doc, draft):
        # "the delegation" in a State Department text: a common noun, but one of the issuer's own offices
        preceded = draft.start > 0 and doc[draft.start - 1].lower_ == "the"
        return preceded and draft.title in home.offices
    # "the Secretary of the Treasury", "Minister of Foreign Affairs": an office of the body's with its portfolio
    return any(
        " ".join(title_words[i:]) in home.offices
        for title in {draft.title, draft.title.partition(" of ")[0]}
        for title_words in [title.split()]
        for i in range(len(title_words))
    )


def is_titled_office(doc: Doc, draft: Draft) -> bool:
    """A bare title that names one office holder: "the President", "Foreign Minister" in title case mid-sentence.

    Not a common noun ("officials", "the police") nor a plural ("the Leaders": see `is_group_title`).
    """
    if not draft.title or plural(doc[draft.end - 1]):
        return False
    if draft.definite:
        return True
    first, last = doc[draft.start], doc[draft.end - 1]
    return first.is_title and last.is_title and not first.is_sent_start


def is_group_title(doc: Doc, draft: Draft) -> bool:
    """'The Leaders', 'The Special Envoys': a plural office standing for persons named before.

    Resolved with the other references (`tacitus.actors.references`), not from the context's countries.
    """
    if draft.kind != "agent" or draft.code != "GOV" or draft.start == 0 or not draft.title:
        return False
    last = doc[draft.end - 1]
    return (
        doc[draft.start - 1].lower_ == "the" and plural(last) and (last.is_title or draft.title.split()[-1] == "leader")
    )


def plural(token: Token) -> bool:
    """A plural noun, by its form: "officials", "leaders", and the forms in word set plural_noun."""
    lower = token.lower_
    return lower in words("plural_noun") or (
        len(lower) > 3 and lower.endswith("s") and not lower.endswith(("ss", "us", "is"))
    )


def sentence_tokens(context: ArticleContext, sentence: int) -> tuple[int, int]:
    """Token range of sentence `sentence`."""
    starts = context.sentence_starts
    end = starts[sentence + 1] if sentence + 1 < len(starts) else len(context.doc)
    return starts[sentence], end


def drafts_in(drafts: Sequence[Draft], start: int, end: int, starts: Sequence[int]) -> Sequence[Draft]:
    """Drafts beginning inside tokens start:end (`starts` are the drafts' starts, sorted)."""
    return drafts[bisect_left(starts, start) : bisect_left(starts, end)]
