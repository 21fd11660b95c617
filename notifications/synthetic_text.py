"""Make the words of synthetic depositary notifications: seeded, 2-10 KB each, with quotes and citations.

Pure: no Django. The same `random.Random` state gives the same text. Shared by
`generate_synthetic` and, through it, the search benchmark (bench/search_bench.py).
"""

from dataclasses import dataclass
from datetime import date

from treaties.daterules import spell_date

# A notification's full text is at least this long, and at most MAX_TEXT_BYTES once encoded.
MIN_TEXT_CHARS = 2_100
MAX_TEXT_BYTES = 10_240
# The filler stops this short of the upper bound: a last sentence and the closing lines fit in it.
_FILL_MARGIN = 600

# Boilerplate every notification shares, in Zipf-like proportions.
BOILERPLATE = (
    "the of and to in convention state party depositary notification secretary-general united nations "
    "article paragraph accordance provisions effect date receipt government instrument communication "
    "treaty present respect capacity acting following original text informs states concerned"
).split()
# Subjects a notification may be about: each adds its own words, so that a
# topic word is found in a share of the rows, as in real notifications. An
# underscore joins the words of a phrase.
TOPICS = {
    "withdrawal": "withdrawal withdraw withdraws denounce denunciation notice months expiry period",
    "conflict": "armed_conflict armed_conflict armed conflict hostilities aggression invasion security "
    "deterrence defence military threats capabilities",
    "humanitarian": "humanitarian civilians protection demining victims assistance remnants mines "
    "anti-personnel_mines clearance international_humanitarian_law",
    "reservations": "reservation objection declaration interpretative compatible object purpose understanding",
    "environment": "emissions climate greenhouse adaptation mitigation nationally determined contribution",
    "rights": "rights freedom expression detention torture derogation emergency covenant",
}
TOPIC_WORDS = {name: words.split() for name, words in TOPICS.items()}
# Sentences drawn once per run and reused: picking whole sentences keeps a
# million notifications quick to write while the words keep their frequencies.
_POOL_SIZE = 4_000
# A long tail of rare words: at 100,000 notifications each is in a dozen or so rows.
_RARE_WORDS = 20_000
# About the length of a pooled sentence with its space: how many to draw at once.
_SENTENCE_CHARS = 160


@dataclass(frozen=True)
class Citation:
    """An earlier notification cited in a footnote."""

    reference: str
    issued: date
    context: str  # "(Ratification: Lithuania)", as stored beside the citation


@dataclass(frozen=True)
class Heading:
    """What a notification's opening lines name."""

    reference: str
    treaty_title: str
    adoption_place: str
    adoption_date: date
    participant: str
    act_label: str
    effected: date
    issued: date


class TextMaker:
    """Notification texts, passages and words drawn from pools made once from a seeded generator."""

    def __init__(self, rng):
        self.rare_words = [pseudo_word(rng) for _ in range(_RARE_WORDS)]
        self.sentences = [boilerplate_sentence(rng) for _ in range(_POOL_SIZE)]
        self.topic_sentences = {
            topic: [topic_sentence(rng, [topic]) for _ in range(_POOL_SIZE // 10)] for topic in sorted(TOPICS)
        }
        self._pools = {}

    def topics_for(self, rng, kind):
        """Return the subjects a notification of this kind of act speaks of."""
        topics = rng.sample(sorted(TOPICS), k=rng.choice([0, 1, 1, 2]))
        if kind == "withdrawal" and "withdrawal" not in topics:
            topics.append("withdrawal")
        if kind in ("reservation", "objection", "declaration") and "reservations" not in topics:
            topics.append("reservations")
        return topics

    def passage(self, rng, topics):
        """Return a passage a state's instrument could hold: the words a notification quotes."""
        pool = [sentence for topic in topics or ["reservations"] for sentence in self.topic_sentences[topic]]
        return " ".join(rng.sample(pool, k=rng.randint(2, 4)))

    def text(self, rng, heading, *, topics, passages, citations):
        """Return a notification's full text: opening lines, quotes, filler to 2-10 KB, footnotes, date of issue."""
        opening = [
            f"Reference: {heading.reference} (Depositary Notification)",
            heading.treaty_title.upper(),
            f"{heading.adoption_place.upper()}, {spell_date(heading.adoption_date).upper()}",
            f"{heading.participant.upper()}: {heading.act_label.upper()}",
            "The Secretary-General of the United Nations, acting in his capacity as depositary, "
            "communicates the following:",
            f"The above action was effected on {spell_date(heading.effected)}.",
        ]
        quoted = []
        for passage in passages:
            quoted += ["The instrument contains the following statement:", f"“{passage}”"]
        footnotes = [
            f"{number}/ Refer to depositary notification {citation.reference} of "
            f"{spell_date(citation.issued)} {citation.context}."
            for number, citation in enumerate(citations, 1)
        ]
        closing = [*footnotes, spell_date(heading.issued)]
        fixed = sum(len(line) + 2 for line in opening + quoted + closing)
        # Most notifications are short, a few long: lengths lean towards the lower bound.
        target = MIN_TEXT_CHARS + int((MAX_TEXT_BYTES - _FILL_MARGIN - MIN_TEXT_CHARS) * rng.random() ** 2) - fixed
        filler = self.paragraphs(rng, topics, max(target, MIN_TEXT_CHARS - fixed))
        return "\n\n".join(opening[:-1] + filler[:1] + [opening[-1]] + quoted + filler[1:] + closing)

    def paragraphs(self, rng, topics, length):
        """Return paragraphs of pooled sentences, topic sentences and a few rare words, about `length` long."""
        rare = " ".join(rng.sample(self.rare_words, k=rng.randint(1, 5)))
        sentences, written = [f"The communication also refers to {rare}."], 0
        pool = self._pool(topics)
        while written < length:
            # Whole draws of sentences at once: a million texts are quick to write.
            for sentence in rng.choices(pool, k=max(1, (length - written) // _SENTENCE_CHARS)):
                sentences.append(sentence)
                written += len(sentence) + 1
                if written >= length:
                    break
        size = rng.randint(4, 8)
        return [" ".join(sentences[first : first + size]) for first in range(0, len(sentences), size)]

    def _pool(self, topics):
        """Return the sentences a text on these topics draws from: about a third of them on its topics."""
        key = tuple(sorted(topics))
        if key not in self._pools:
            on_topic = [sentence for topic in key for sentence in self.topic_sentences[topic]]
            self._pools[key] = self.sentences + on_topic * (len(self.sentences) // (2 * max(1, len(on_topic))))
        return self._pools[key]


def boilerplate_sentence(rng):
    """Return a sentence of boilerplate words in Zipf-like proportions."""
    words = [zipf_word(rng, BOILERPLATE) for _ in range(rng.randint(8, 30))]
    return _sentence(words)


def topic_sentence(rng, topics, low=5, high=30):
    """Return a sentence of the topics' words, with some boilerplate between them."""
    words = [rng.choice(TOPIC_WORDS[topic]) for topic in topics for _ in range(rng.randint(low, high))]
    words += [zipf_word(rng, BOILERPLATE) for _ in range(len(words) // 2)]
    rng.shuffle(words)
    return _sentence(words)


def _sentence(words):
    return " ".join(words).replace("_", " ").capitalize() + "."


def zipf_word(rng, vocabulary):
    """Return a word, the first ones far more often: rank-frequency close to natural text."""
    return vocabulary[min(int(rng.paretovariate(1.1)) - 1, len(vocabulary) - 1)]


def pseudo_word(rng):
    """Return a made-up word of two to four syllables."""
    syllables = ["ka", "lo", "mi", "ru", "ten", "zor", "vex", "pa", "qui", "dan", "sel", "ix", "on", "bra"]
    return "".join(rng.choice(syllables) for _ in range(rng.randint(2, 4)))
