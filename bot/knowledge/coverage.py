"""Where the page ends: find what a question asks about that the page does not cover.

Three principles, from ``bot/data/coverage.yml`` and the page itself:

- a **named subject class** (condition, device, drug, population, cost, risk, duration,
  outcome...) that the page never mentions is a gap, whatever page topic is also named;
- an **unknown name** (a word that is neither common English, nor the page's, nor a
  misspelling of either: "myasthenia", "pacemaker") is a gap;
- **unexplained words** (ordinary words the page and its topics never use: "pizza places
  nearby") mean a question without a page topic is not about the page, and a follow-up does
  not inherit the previous topic.
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from functools import lru_cache
from typing import Dict, FrozenSet, Iterable, List, Optional, Pattern, Sequence, Tuple

import yaml
from rapidfuzz.distance import OSA
from rapidfuzz.process import extractOne
from spacy.lang.en.stop_words import STOP_WORDS

from bot.nlp.history import present_part
from bot.nlp.normalize import lemma_text
from bot.nlp.people import KIN_WORDS
from bot.nlp.reading import Readable, Reading, as_reading, asking_part, is_question_shaped, read
from bot.nlp.vocabulary import common_words, page_vocabulary
from bot.settings import DATA_DIR, get_settings

COVERAGE_PATH = DATA_DIR / "coverage.yml"
MIN_NAME_LENGTH = 5
_MARKUP = re.compile(r"<[^>]*>")  # pasted HTML is not a subject ("<img onerror=...> what is MVD?")
# Words before a person's name: "Dr Okonkwo said..." names a person, not a subject.
_NAME_LEADS = {"dr", "doctor", "mr", "mrs", "ms", "miss", "prof", "professor", "name", "call"}


@dataclass(frozen=True)
class Gap:
    """What the page does not cover: its class, how to name it, and any page topic beside it."""

    kind: str
    subject: str
    term: str = ""
    partly: Optional[str] = None
    with_topic: Optional[str] = None
    answers: Optional[str] = None
    aside: bool = False  # named only before a general question ("I have a pacemaker, FYI. What does MVD do?")
    told_by: Tuple[str, ...] = ()  # topics whose fact speaks to it ("cut the nerve": "will my face be paralysed?")

    def about(self, topic: str) -> str:
        """The gap named together with the page topic the question is about."""
        return self.with_topic.format(topic=topic) if self.with_topic else self.subject


@dataclass(frozen=True)
class SubjectClass:
    """One class of subjects the page does not speak about."""

    name: str
    subject: str
    terms: Optional[Pattern[str]]
    patterns: Optional[Pattern[str]]
    suffixes: Tuple[str, ...] = ()
    partly: Optional[str] = None
    with_topic: Optional[str] = None
    answers: Optional[str] = None
    asked_only: bool = False
    always: bool = False  # named anywhere, even in the patient's history (a device and an MRI)
    told_by: Tuple[str, ...] = ()
    may_be_a_source: bool = False  # "my physio said ...": the term may name who said something

    def match(self, reading: Reading, known: FrozenSet[str]) -> Optional[str]:
        """The words of the message that belong to this class, if any."""
        # Names are looked for outside topic mentions ("epilepsy pills" is a page topic);
        # question patterns read the whole message ("how much is botox").
        found = self.terms.search(reading.unnamed_lemmas) if self.terms else None
        if not found and self.patterns:  # "the pills that make your muscles go floppy" names the pills, no risk
            found = next((m for m in self.patterns.finditer(reading.lemmas) if not _inside_a_mention(reading, m)), None)
        if found:
            return _as_written(reading, found.group(0).strip())
        for raw, lemma in zip(reading.raw_words, reading.free_words, strict=False):
            if len(raw) >= 7 and raw.endswith(self.suffixes) and lemma not in known:
                return raw
        return None


# A question about whether something applies to the patient or someone they know.
# A question naming no page topic that still asks about the page ("what presses on the nerve?"), and one
# that asks about what was said before it ("does that rule out the scan?", "any truth in that?").
_ABOUT_THE_PAGE = re.compile(r"\b(?:test|scan|exam|diagnos|treat|option|surg|operation|therap|procedure|nerve|"
                             r"what can (?:be do|i do|they do|you do)|first appointment|doctor (?:do|check|look))")
_POINTS_BACK = re.compile(r"\b(?:(?<!it )(?<!what )that|this|these|those|link|truth|rule out|a problem|matter|"
                          r"instead)\b")
# "what is the test for this?": "this" is the condition just described, not a subject pointed back to
_FOR_THE_CONDITION = re.compile(r"\b(?:test|treatment|scan|cure|option|surgery|therapy|medicine|fix)s? "
                                r"for (?:this|that|it)\b")
_DO_THAT = re.compile(r"\b(?:do|arrange|sort|provide|offer|give me|write)\w* (?:that|this|one|it)\b(?:\s*\?)?\s*$")
_SETS_ASIDE = re.compile(r"\bunrelated (?:q|question|query)\b|"
                         r"\b(?:(?:quite )?(?:apart|aside) from|unrelated to|besides|other than|separately from|"
                         r"leave|leaving|put\w* aside) (?:all )?(?:that|this)\b")  # "Quite apart from that, ..."
# "Is that an implanted stimulator?", "is the pad an implant?": what a treatment is, not the patient's device.
_WHAT_IT_IS = re.compile(r"\b(?:be|is|are) (?:that|it|this|they|those|the \w+) (?:\w+ )?(?:an? )?"
                         r"(?:implant\w*|stimulator)\b")
# A treatment likened to a device ("electrical pulses, like a pacemaker inside the head?") is no device of theirs.
_LIKE_A_DEVICE = re.compile(r"\blike (?:a |an |the )?"
                            r"(?:pacemaker|implant|stimulator|tens\b|neurostimulator|defibrillator)")
_APPLIES_TO_THEM = re.compile(
    r"\b(?:can|could|may|should|shall|will|would|do|does) (?:i|he|she|we|they|my \w+|his \w+|her \w+)\b|"
    r"\b(?:safe|ok|okay|alright|allowed|suitable|risk\w*|dangerous|affect|interact\w*|my option|option for|"
    r"for me|for him|for her|for them|for us|with my|with his|with her|with (?:a|an) \w+|if i|if he|if she|"
    r"in my case|still|at my age|at (?:his|her) age|"
    r"(?:into|in|to|on) (?:my|his|her|the) (?:milk|baby|pregnancy|unborn|child|kid|blood|system))\b|"
    # "I have ringing in the ear. Is this part of it?": the question is about the statement before it
    r"^(?:\S+ ){0,2}(?:this|that|these|those|it) (?:be|part|related|normal|common|link|connect|cause|a sign|mean)")


def _inside_a_mention(reading: Reading, found: re.Match[str]) -> bool:
    """Whether a match over the lemmas lies inside one topic mention."""
    first = reading.lemmas.count(" ", 0, found.start())
    last = first + found.group(0).strip().count(" ")
    words = reading.free_words[first:last + 1]
    said = found.group(0).strip()  # one mention's words ("heat" and "pad" of two mentions are a heat pad)
    return bool(words) and all(word == "_" for word in words) \
        and any(said in lemma_text(mention.text.lower()) for mention in reading.mentions)


def _as_written(reading: Reading, lemmas: str) -> str:
    """Lemmas found in a message, in the patient's own words ("bell be palsy" -> "bell's palsy")."""
    wanted = lemmas.split()
    for start in range(len(reading.words) - len(wanted) + 1):
        window = range(start, start + len(wanted))
        if all(reading.words[i] == w for i, w in zip(window, wanted, strict=True)):
            return " ".join(reading.raw_words[i] for i in window).replace(" '", "'")
    return lemmas


def _alternation(phrases: Iterable[str]) -> Optional[Pattern[str]]:
    ordered = sorted(set(phrases), key=len, reverse=True)
    return re.compile(r"\b(?:" + "|".join(map(re.escape, ordered)) + r")\b") if ordered else None


def _term_lemmas(term: str) -> str:
    return lemma_text(str(term)).lower()


class Coverage:
    """Finds gaps in a message, given the subject classes and the page's vocabulary."""

    def __init__(self, classes: Sequence[SubjectClass], explained: FrozenSet[str],
                 common: FrozenSet[str], page_words: Optional[Dict[str, str]] = None,
                 asides: Optional[Pattern[str]] = None,
                 generic_words: FrozenSet[str] = frozenset()) -> None:
        self.classes = tuple(classes)
        self.asides = asides
        self.generic_words = generic_words  # words any question about the page may use
        self.page_words = dict(page_words or {})
        self.explained = explained
        self.common = common
        self._by_length: Dict[int, List[str]] = {}
        for word in explained | common:
            self._by_length.setdefault(len(word), []).append(word)

    @classmethod
    def from_file(cls) -> Coverage:
        """Classes from coverage.yml, minus any term the page itself uses."""
        data = yaml.safe_load(COVERAGE_PATH.read_text(encoding="utf-8"))
        page = page_vocabulary()
        page_text = f" {page.page_lemmas} "
        classes, class_words = [], set()
        for name, spec in data["classes"].items():
            terms = [t for t in map(_term_lemmas, spec.get("terms", [])) if f" {t} " not in page_text]
            class_words.update(t for t in terms if " " not in t)
            classes.append(SubjectClass(
                name=name, subject=spec["subject"], terms=_alternation(terms),
                patterns=re.compile("|".join(f"(?:{p})" for p in spec["patterns"]))
                if spec.get("patterns") else None,
                suffixes=tuple(spec.get("suffixes", [])), partly=spec.get("partly"),
                with_topic=spec.get("with_topic"), answers=spec.get("answers"),
                asked_only=bool(spec.get("asked_only")), always=bool(spec.get("always")),
                told_by=tuple(spec.get("told_by", [])), may_be_a_source=bool(spec.get("may_be_a_source")),
            ))
        generic = {_term_lemmas(w) for w in data.get("generic_words", [])}
        page_words = {str(k): str(v) for k, v in (data.get("page_words") or {}).items()}
        # A word mapped to one of the page's ("squished" -> "pressing") is explained by it.
        mapped = {_term_lemmas(word) for word, page_word in page_words.items() if page_word}
        explained = frozenset((page.words | generic | mapped) - class_words)
        asides = data.get("asides") or []
        people = {word for word in KIN_WORDS if " " not in word}  # "grandad" is who asks, never a subject
        return cls(classes, explained, frozenset((common_words() | people) - class_words), page_words,
                   re.compile("|".join(f"(?:{a})" for a in asides)) if asides else None,
                   frozenset(generic))

    def literal(self, reading: Reading) -> Reading:
        """The message without figures of speech ("a real pain in the neck" names no body part) or asides."""
        reading = reading.literal
        if self.asides is None or not self.asides.search(reading.lower):
            return reading
        return read(self.asides.sub(" ", reading.lower))

    def as_page_words(self, reading: Reading) -> FrozenSet[str]:
        """The message's lemmas, with report and letter words mapped to the page's own."""
        return frozenset(self.page_words.get(word, word) for word in reading.free_lemmas.split()) - {""}

    def class_gap(self, name: str) -> Optional[Gap]:
        """The gap of a class named earlier in the conversation ("and after the jabs?"), if it names no term."""
        found = next((c for c in self.classes if c.name == name and "{term}" not in c.subject), None)
        if found is None:
            return None
        return Gap(found.name, self._subject(found.subject, ""), "", found.partly, found.with_topic, found.answers)

    def gap(self, message: Readable) -> Optional[Gap]:
        """The first subject class the message names, else an unknown name in it."""
        reading = self.literal(as_reading(message))
        asked = asking_part(reading)
        # Background is no subject: "I had Bell's palsy years ago. What does an EMG test?", and before
        # a general question about a page topic, "My late wife had MS. Which scan shows the vessels?"
        # ("I have MS. Can I have Botox?" asks whether it applies to them: MS stays the subject).
        # A question with no page topic of its own counts too ("... all sorted now. What presses on the nerve?").
        general = (asked is not reading and is_question_shaped(asked.text) and not _APPLIES_TO_THEM.search(asked.lemmas)
                   and not _POINTS_BACK.search(_FOR_THE_CONDITION.sub(" ", _SETS_ASIDE.sub(" ", asked.lemmas)))
                   and (bool(asked.mentions) or bool(_ABOUT_THE_PAGE.search(asked.lemmas))))
        background_free = asked if general else present_part(reading)
        # "need a fit note for work, can you do that?": a question pointing back asks about what came before
        asked_about = reading if asked is not reading and _DO_THAT.search(asked.lemmas) else asked
        for subject_class in self.classes:
            read_in = asked_about if subject_class.asked_only else reading if subject_class.always else background_free
            term = subject_class.match(read_in, self.explained)
            what_it_is = term and ((term.lower().startswith("implant") and _WHAT_IT_IS.search(read_in.lemmas))
                                   or _LIKE_A_DEVICE.search(read_in.lemmas))
            if what_it_is and subject_class.always:
                continue
            # "my physio said they can fry the nerve": the source of a claim about a page topic, not a subject
            if term and subject_class.may_be_a_source and _told_by(read_in, term) \
                    and any(m.specificity >= 3 for m in read_in.mentions):
                continue
            if term:
                # A device named only before a general question: the answer, with the caveat beside it.
                aside = subject_class.always and general and not subject_class.match(asked, self.explained)
                return Gap(subject_class.name, self._subject(subject_class.subject, term), term,
                           subject_class.partly, subject_class.with_topic, subject_class.answers, aside,
                           subject_class.told_by)
        name = self.unknown_name(asked)  # a rare word in an aside ("a lopsided grin") is no subject
        if name:
            return Gap("unknown_name", f"that: our page doesn't mention {name}", name)
        return None

    @staticmethod
    def _subject(template: str, term: str) -> str:
        return template.format(term=term, phone=get_settings().clinic_phone)

    def is_known(self, word: str) -> bool:
        """A word of the page, its topics, common English, or a near-miss of one of those."""
        if word in self.explained or word in self.common or word in STOP_WORDS:
            return True
        limit = 1 if len(word) < 9 else 2
        return any(
            extractOne(word, self._by_length.get(length, ()), scorer=OSA.distance, score_cutoff=limit)
            for length in range(len(word) - limit, len(word) + limit + 1)
        )

    def unknown_name(self, message: Readable) -> Optional[str]:
        """A name the page and common English do not know, in a message that is not gibberish."""
        reading = as_reading(message)
        unknown, known_content = [], 0
        previous = ""
        markup = set(re.findall(r"[a-z]+", " ".join(_MARKUP.findall(reading.lower))))
        words = list(zip(reading.raw_words, reading.free_words, strict=False))
        for index, (raw, lemma) in enumerate(words):
            following = words[index + 1][0] if index + 1 < len(words) else ""
            if raw.isalpha() and lemma != "_" and lemma not in STOP_WORDS and raw not in markup \
                    and not _LAUGHTER.match(raw) and following not in _NOT_A_SUBJECT_BEFORE and not _MANNER.search(raw):
                known = self.is_known(lemma) or self.is_known(raw)
                if not known and len(raw) >= MIN_NAME_LENGTH and previous not in _NAME_LEADS:
                    unknown.append(raw)
                known_content += known
            previous = raw
        # "do you take aetna?": a question of stop words around one name still names it
        asked = known_content >= 1 or (len(reading.raw_words) >= 3 and is_question_shaped(reading.text)
                                       and any(word in STOP_WORDS for word in reading.words))
        return unknown[0] if unknown and asked else None

    def unexplained_words(self, message: Readable) -> Tuple[str, ...]:
        """Real words the page, its topics and a patient's question words never use."""
        reading = as_reading(message)
        return tuple(
            raw for raw, lemma in zip(reading.raw_words, reading.free_words, strict=False)
            if raw.isalpha() and lemma != "_" and len(raw) > 2 and lemma not in STOP_WORDS and raw not in STOP_WORDS
            and lemma not in self.explained and raw not in self.explained
            and (lemma in self.common or raw in self.common)
        )


# "mechanistically", "pharmacologically": how something is asked, not a subject.
_MANNER = re.compile(r"(?:mechanist|pharmacolog|physiolog|biochem|scientif|technic|theoret|statist|anatom|log)ically$")
def _told_by(reading: Reading, term: str) -> bool:
    """Whether the term names who said something ("the physio said ...", "my pharmacist reckons ...")."""
    return bool(re.search(rf"\b{re.escape(term.lower())} {_HEARSAY_VERB}", reading.lower))


# "fasciculation aside", "physio said ...": a word set aside or a source of hearsay, not a subject
_HEARSAY_VERBS = frozenset({"said", "says", "say", "told", "reckons", "reckon", "thinks", "suggested"})
_NOT_A_SUBJECT_BEFORE = _HEARSAY_VERBS | {"aside"}
_HEARSAY_VERB = rf"(?:{'|'.join(sorted(_HEARSAY_VERBS))})\b"
# Laughter and chat interjections name nothing: "lmaooo", "hahaha", "xd".
_LAUGHTER = re.compile(r"^(?:l+o+l+[lo]*|l+m+f*a+o+|a?h+a+(?:h+a+)+h*|he+(?:he+)+|x+d+|rofl+|omg+|wtf+|smh)$")


@lru_cache(maxsize=1)
def coverage() -> Coverage:
    """The project's coverage model, built once per process."""
    return Coverage.from_file()
