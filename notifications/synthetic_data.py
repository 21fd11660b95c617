"""Plan the rows of a synthetic data set: treaties, participants, acts and the notifications reporting them.

Pure: no Django. Rows are dicts keyed by the models' attribute names, with
their ids already given, so that they can be copied into the tables as they
are. One seed and one size always give the same rows.

Proportions, at N notifications: about 5 N participation acts, N / 250
treaties (4,000 at a million; the UN alone has about 560), up to 250
participants; one treaty in seven is joined by nearly everyone (200 and more
participants), and the most active participants act on most treaties.
"""

import itertools
import random
import unicodedata
from collections import defaultdict
from dataclasses import dataclass, field
from datetime import date, timedelta

import pycountry

from notifications.synthetic_text import Citation, Heading, TextMaker
from treaties import mtdsg
from treaties.rules.acts import ActKind

ACTS_PER_NOTIFICATION = 5
NOTIFICATIONS_PER_TREATY = 250
MAX_PARTICIPANTS = 250
MIN_PARTICIPANTS = 20
MIN_TREATIES = 10
# Treaties are written in chunks of this many, so that memory stays bounded at any size.
TREATIES_PER_CHUNK = 50

# Real MTDSG numbers stay below 100 within a chapter, and real C.N. numbers
# below 10,000 a year: synthetic ones start above both, so that they never
# meet a real treaty or reference.
FIRST_TREATY_NUMBER = 101
FIRST_CN_NUMBER = 10_000
LAST_CN_NUMBER = 99_999
CHAPTERS = [mtdsg.to_roman(number) for number in range(1, 30)]
FIRST_ADOPTION = date(1946, 1, 1)
LAST_ADOPTION = date(2020, 12, 31)
LAST_ACT = date(2025, 12, 31)
SLUG_PREFIX = "synthetic-"
NOTE = "Synthetic: made by generate_synthetic for benchmarks; not real data."

SUBJECTS = [
    "the protection of migratory species",
    "the carriage of goods by road",
    "the recognition of judgments in civil matters",
    "the prevention of marine pollution",
    "the status of stateless persons",
    "the prohibition of certain conventional weapons",
    "cooperation in customs matters",
    "the conservation of fish stocks",
    "the transboundary movement of wastes",
    "the rights of persons with disabilities",
    "road signs and signals",
    "the suppression of terrorist financing",
]
PLACES = ["New York", "Geneva", "Vienna", "Rome", "Paris", "Nairobi", "Ottawa", "Montego Bay"]
LANGUAGES = ["English", "French", "Spanish", "Russian", "Arabic", "Chinese"]
# What a participant may do after consenting, with weights: objections to
# others' reservations are the commonest, as on the human-rights treaties.
LATER_ACTS = [
    (ActKind.OBJECTION, 35),
    (ActKind.DECLARATION, 30),
    (ActKind.RESERVATION, 15),
    (ActKind.TERRITORIAL_APPLICATION, 8),
    (ActKind.RESERVATION_WITHDRAWAL, 7),
    (ActKind.NOTIFICATION, 5),
]
LATER_KINDS = [kind for kind, _ in LATER_ACTS]
LATER_WEIGHTS = list(itertools.accumulate(weight for _, weight in LATER_ACTS))
# Acts whose notification usually quotes the instrument.
QUOTING_KINDS = {
    ActKind.WITHDRAWAL,
    ActKind.RESERVATION,
    ActKind.DECLARATION,
    ActKind.OBJECTION,
    ActKind.WITHDRAWAL_REVOCATION,
}


@dataclass(frozen=True)
class Sizes:
    """How many records of each kind a data set of `notifications` notifications holds."""

    notifications: int
    treaties: int
    participants: int
    acts: int

    @classmethod
    def for_notifications(cls, notifications):
        return cls(
            notifications=notifications,
            treaties=max(MIN_TREATIES, notifications // NOTIFICATIONS_PER_TREATY),
            participants=min(MAX_PARTICIPANTS, max(MIN_PARTICIPANTS, notifications // 20)),
            acts=ACTS_PER_NOTIFICATION * notifications,
        )


@dataclass
class FirstIds:
    """The first free id of each table: rows are numbered from there."""

    treaty: int = 1
    participant: int = 1
    act: int = 1
    notification: int = 1
    link: int = 1
    passage: int = 1
    citation: int = 1


@dataclass
class Chunk:
    """The rows of a few treaties' acts and notifications, ready to be copied."""

    acts: list = field(default_factory=list)
    notifications: list = field(default_factory=list)
    links: list = field(default_factory=list)
    passages: list = field(default_factory=list)
    citations: list = field(default_factory=list)


class Plan:
    """A seeded synthetic data set: treaties and participants first, then chunks of acts and notifications."""

    def __init__(self, notifications, seed, *, first_ids=None, taken_names=frozenset()):
        if notifications < 1:
            raise ValueError("Ask for at least one notification.")
        self.sizes = Sizes.for_notifications(notifications)
        self.rng = random.Random(seed)
        self.ids = first_ids or FirstIds()
        self.text = TextMaker(self.rng)
        self.treaties = self._treaties()
        self.participants = self._participants(taken_names)
        self._members = [self._members_of(treaty) for treaty in self.treaties]
        self._act_targets = _shares(self.sizes.acts, [len(members) for members in self._members])
        self._notification_targets = _shares(self.sizes.notifications, self._act_targets)
        self._cn_numbers = defaultdict(lambda: FIRST_CN_NUMBER)

    # -- Treaties and participants ---------------------------------------------------

    def _treaties(self):
        rng, rows = self.rng, []
        for index in range(self.sizes.treaties):
            chapter = CHAPTERS[index % len(CHAPTERS)]
            number = str(FIRST_TREATY_NUMBER + index // len(CHAPTERS))
            key = mtdsg.treaty_key(chapter, number)
            adopted = _day_between(rng, FIRST_ADOPTION, LAST_ADOPTION)
            row = {
                "id": self.ids.treaty + index,
                "title": f"Synthetic Convention {key} on {rng.choice(SUBJECTS)}",
                "short_title": f"Synthetic Convention {key}",
                "slug": f"{SLUG_PREFIX}{chapter}-{number}".lower(),
                "chapter": chapter,
                "number": number,
                "sort_key": mtdsg.sort_key(chapter, number),
                "adoption_place": rng.choice(PLACES),
                "adoption_date": adopted,
                "opened_for_signature": adopted,
                "note": NOTE,
                "origin": "synthetic",
                "synthetic": True,
                # One treaty in seven is joined by nearly every participant.
                "reach": rng.uniform(0.8, 1.0) if rng.random() < 1 / 7 else rng.uniform(0.05, 0.7),
            }
            row |= _entry_into_force(rng, adopted)
            row |= _withdrawal_clause(rng)
            rows.append(row)
        return rows

    def _participants(self, taken_names):
        names = sorted(country.name for country in pycountry.countries)
        chosen = sorted(self.rng.sample(names, k=min(self.sizes.participants, len(names))))
        rows = []
        for index, name in enumerate(chosen):
            country = pycountry.countries.get(name=name)
            # Beside real data (--allow-real-data), a name already taken gets a mark of its own.
            written = f"{name} (synthetic)" if name in taken_names else name
            rows.append(
                {
                    "id": self.ids.participant + index,
                    "name": written,
                    "slug": SLUG_PREFIX + _slug(name),
                    "iso3": country.alpha_3,
                    "note": NOTE,
                    "synthetic": True,
                    # A few participants act on nearly every treaty; most on fewer.
                    "activity": 0.1 + 0.9 * self.rng.random() ** 2,
                }
            )
        return rows

    def _members_of(self, treaty):
        """Return the participants acting on a treaty: the most active ones most often."""
        count = max(2, round(treaty["reach"] * len(self.participants)))
        keyed = sorted(
            ((self.rng.random() ** (1 / member["activity"]), member["id"]) for member in self.participants),
            reverse=True,
        )
        return [self._participant(member_id) for _, member_id in keyed[:count]]

    def _participant(self, participant_id):
        return self.participants[participant_id - self.ids.participant]

    # -- Acts and notifications ------------------------------------------------------

    def chunks(self):
        """Yield the acts and notifications of TREATIES_PER_CHUNK treaties at a time."""
        chunk = Chunk()
        for index, treaty in enumerate(self.treaties):
            acts = self._acts_of(treaty, self._members[index], self._act_targets[index])
            chunk.acts += acts
            self._notify(chunk, treaty, acts, self._notification_targets[index])
            if (index + 1) % TREATIES_PER_CHUNK == 0:
                yield chunk
                chunk = Chunk()
        if chunk.acts:
            yield chunk

    def _acts_of(self, treaty, members, target):
        rng = self.rng
        by_pair = {member["id"]: self._core_acts(treaty, member) for member in members}
        # Each pair that consented, with the day it did: its later acts come after.
        consented = {
            pair: next(day for kind, day in acts if kind != ActKind.SIGNATURE)
            for pair, acts in sorted(by_pair.items())
            if acts[-1][0] != ActKind.SIGNATURE
        }
        extra = max(0, target - sum(len(acts) for acts in by_pair.values())) if consented else 0
        pairs = rng.choices(sorted(consented), k=extra)
        kinds = rng.choices(LATER_KINDS, cum_weights=LATER_WEIGHTS, k=extra)
        for pair, kind in zip(pairs, kinds, strict=True):
            start = consented[pair]
            later = (kind, start + timedelta(days=int(rng.random() * ((LAST_ACT - start).days + 1))))
            if later not in by_pair[pair]:  # the same act twice on a day is refused by the table
                by_pair[pair].append(later)
        rows = []
        for participant_id in sorted(by_pair):
            for kind, day in by_pair[participant_id]:
                rows.append(
                    {
                        "id": self.ids.act,
                        "treaty_id": treaty["id"],
                        "participant_id": participant_id,
                        "kind": str(kind),
                        "date": day,
                        "strength": "P",
                        "origin": "synthetic",
                        "synthetic": True,
                    }
                )
                self.ids.act += 1
        return rows

    def _core_acts(self, treaty, member):
        """Return one participant's signature, consent, and perhaps withdrawal and its revocation."""
        rng, acts = self.rng, []
        start = treaty["adoption_date"]
        if rng.random() < 0.6:
            start = min(start + timedelta(days=rng.randint(0, 400)), LAST_ACT)
            acts.append((ActKind.SIGNATURE, start))
        if not acts or rng.random() < 0.85:
            kinds = [ActKind.RATIFICATION] * 14 + [ActKind.ACCEPTANCE] * 3 + [ActKind.APPROVAL] * 3
            if not acts:
                kinds = [ActKind.ACCESSION] * 17 + [ActKind.SUCCESSION] * 3
            consent = _late_day(rng, start)
            acts.append((rng.choice(kinds), consent))
            if treaty["has_withdrawal_clause"] and rng.random() < 0.03 and consent + timedelta(365) < LAST_ACT:
                withdrawn = _day_between(rng, consent + timedelta(365), LAST_ACT)
                acts.append((ActKind.WITHDRAWAL, withdrawn))
                if rng.random() < 0.2 and withdrawn + timedelta(60) <= LAST_ACT:
                    acts.append((ActKind.WITHDRAWAL_REVOCATION, withdrawn + timedelta(rng.randint(10, 60))))
        return acts

    def _notify(self, chunk, treaty, acts, count):
        """Add `count` notifications reporting some of the treaty's acts, each citing earlier ones."""
        rng = self.rng
        reported = sorted(rng.sample(range(len(acts)), k=min(count, len(acts))))
        dated = sorted(
            ((acts[index]["date"] + timedelta(days=rng.randint(0, 30)), index) for index in reported),
        )
        earlier, earlier_by_participant = [], defaultdict(list)
        for issued, index in dated:
            act = acts[index]
            participant = self._participant(act["participant_id"])
            reference = self._reference(treaty, issued.year)
            act["reference"], act["reference_strength"] = reference, "P"
            cited = _cited(rng, earlier, earlier_by_participant[participant["id"]])
            notification = self._notification(treaty, act, participant, reference, issued, cited)
            chunk.notifications.append(notification)
            chunk.links.append(
                {"id": self.ids.link, "depositarynotification_id": notification["id"], "participationact_id": act["id"]}
            )
            self.ids.link += 1
            for order, passage in enumerate(notification.pop("passages"), 1):
                chunk.passages.append(
                    {"id": self.ids.passage, "notification_id": notification["id"], "order": order, "text": passage}
                )
                self.ids.passage += 1
            for citation, target_id in cited:
                chunk.citations.append(
                    {
                        "id": self.ids.citation,
                        "source_id": notification["id"],
                        "reference": citation.reference,
                        "normalised": mtdsg.normalise_reference(citation.reference),
                        "context": citation.context,
                        "target_id": target_id,
                    }
                )
                self.ids.citation += 1
            said = (Citation(reference, issued, f"({_label(act['kind'])}: {participant['name']})"), notification["id"])
            earlier.append(said)
            earlier_by_participant[participant["id"]].append(said)

    def _reference(self, treaty, year):
        number = self._cn_numbers[year]
        if number > LAST_CN_NUMBER:
            raise ValueError(f"More than {LAST_CN_NUMBER - FIRST_CN_NUMBER + 1:,} notifications in {year}.")
        self._cn_numbers[year] = number + 1
        return f"C.N.{number}.{year}.TREATIES-{treaty['chapter']}.{treaty['number']}"

    def _notification(self, treaty, act, participant, reference, issued, cited):
        rng, kind = self.rng, act["kind"]
        topics = self.text.topics_for(rng, kind)
        quotes = rng.random() < (0.9 if kind in QUOTING_KINDS else 0.3)
        passages = [self.text.passage(rng, topics) for _ in range(rng.choice([1, 1, 2]) if quotes else 0)]
        heading = Heading(
            reference=reference,
            treaty_title=treaty["title"],
            adoption_place=treaty["adoption_place"],
            adoption_date=treaty["adoption_date"],
            participant=participant["name"],
            act_label=_label(kind),
            effected=act["date"],
            issued=issued,
        )
        text = self.text.text(rng, heading, topics=topics, passages=passages, citations=[c for c, _ in cited])
        notification = {
            "id": self.ids.notification,
            "reference": reference,
            "cn_number": int(reference.split(".")[2]),
            "cn_year": issued.year,
            "reference_chapter": treaty["chapter"],
            "reference_treaty_number": treaty["number"],
            "treaty_id": treaty["id"],
            "participant_id": participant["id"],
            "kind": kind,
            "heading": f"{participant['name'].upper()}: {_label(kind).upper()}",
            "date_effected": act["date"],
            "date_issued": issued,
            "original_language": rng.choice(LANGUAGES),
            "text": text,
            "note": NOTE,
            "synthetic": True,
            "passages": passages,
        }
        self.ids.notification += 1
        return notification


def _entry_into_force(rng, adopted):
    """Return a treaty's entry into force and its clause for later participants."""
    count, unit, snap = rng.choice(
        [(30, "days", "none"), (90, "days", "none"), (3, "months", "none"), (6, "months", "month_start")]
    )
    clause = {
        "entry_into_force_article": f"art. {rng.randint(10, 40)}(2)",
        "entry_into_force_period_count": count,
        "entry_into_force_period_unit": unit,
        "entry_into_force_snap": snap,
        "entry_into_force_rule_strength": "P",
        "entry_into_force_required": rng.choice([2, 20, 22, 40, 60]),
    }
    if rng.random() < 0.85:
        in_force = min(adopted + timedelta(days=rng.randint(180, 1500)), LAST_ACT)
        return clause | {"in_force": "in_force", "entry_into_force": in_force, "entry_into_force_strength": "P"}
    return clause | {"in_force": "not_in_force"}


def _withdrawal_clause(rng):
    """Return a treaty's withdrawal clause: most have one, with a notice period; some have none."""
    if rng.random() < 0.2:
        return {"has_withdrawal_clause": False}
    count, unit = rng.choice([(6, "months"), (1, "years"), (12, "months")])
    return {
        "has_withdrawal_clause": True,
        "withdrawal_article": f"art. {rng.randint(10, 40)}",
        "withdrawal_period_count": count,
        "withdrawal_period_unit": unit,
    }


def _cited(rng, earlier, earlier_own):
    """Return up to three earlier notifications to cite, the participant's own first, with their ids."""
    if not earlier or rng.random() < 0.3:
        return []
    cited = earlier_own[-1:] if earlier_own else []
    others = [said for said in rng.sample(earlier, k=min(len(earlier), rng.randint(0, 2))) if said not in cited]
    return cited + others


def _shares(total, weights):
    """Split `total` in proportion to `weights`, in whole numbers that add up to it (largest remainders)."""
    whole = sum(weights)
    exact = [total * weight / whole for weight in weights]
    shares = [int(value) for value in exact]
    by_remainder = sorted(range(len(weights)), key=lambda index: shares[index] - exact[index])
    for index in by_remainder[: total - sum(shares)]:
        shares[index] += 1
    return shares


def _day_between(rng, first, last):
    return first + timedelta(days=rng.randint(0, max(0, (last - first).days)))


def _late_day(rng, start):
    """Return a day after `start`, most often within a few years of it."""
    span = max(1, (LAST_ACT - start).days)
    return min(start + timedelta(days=max(1, int(span * rng.random() ** 3))), LAST_ACT)


def _label(kind):
    return ActKind(kind).label


def _slug(name):
    """Return a name as an ASCII slug: "Côte d'Ivoire" gives "cote-d-ivoire"."""
    ascii_name = unicodedata.normalize("NFKD", name).encode("ascii", "ignore").decode().lower()
    return "-".join("".join(character if character.isalnum() else " " for character in ascii_name).split())
