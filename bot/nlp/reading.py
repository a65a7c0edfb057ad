"""One reading of a message: its text, lemmas and topic mentions, computed once.

Every decision (red flag, personal advice, coverage, question analysis) reads this value
instead of re-tokenising the text. ``as_reading`` lets those functions also take plain text.
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from functools import cached_property, lru_cache
from typing import List, Tuple, Union

from bot.nlp.figures import literal_text
from bot.nlp.normalize import analyse, tokens_of
from bot.nlp.terms import Mention, default_matcher

MAX_CHARS = 2000
NAMED = 2  # the specificity of a group (surgery, imaging) or a named test or treatment


@dataclass(frozen=True)
class Reading:
    """A message as the decisions see it."""

    text: str
    lemmas: str
    words: Tuple[str, ...]
    raw_words: Tuple[str, ...]
    mentions: Tuple[Mention, ...]
    free_words: Tuple[str, ...]  # lemmas, with "_" for words inside a topic mention
    unnamed_words: Tuple[str, ...] = ()  # lemmas, with "_" only inside a named test, treatment or group

    @property
    def lower(self) -> str:
        """The raw text, lower-cased (for patterns lemmas would blur, such as past tense)."""
        return self.text.lower()

    @cached_property
    def free_lemmas(self) -> str:
        """The lemma text outside topic mentions ("epilepsy pills" names a page topic)."""
        return " ".join(self.free_words)

    @cached_property
    def literal(self) -> Reading:
        """The message without figures of speech ("this twitch is killing me", "dead tired")."""
        text = literal_text(self.lower)
        return self if text == self.lower else read(text)

    @cached_property
    def unnamed_lemmas(self) -> str:
        """The lemma text outside mentions of a named test, treatment or group ("blood test for" is
        no mention of the page's tests, though "test for" is one of diagnosis)."""
        return " ".join(self.unnamed_words)

    @property
    def topics(self) -> Tuple[str, ...]:
        """Distinct topic keys mentioned, in text order."""
        return tuple(dict.fromkeys(m.topic for m in self.mentions))


# "Should. I. Get. The. Nerve. Cut.": one sentence typed a word at a time (its full stops read as spaces).
_FRAGMENTS = re.compile(r"(?:\b[\w']+\.[ \t]+){2,}[\w']+(?=[.?!]|\s*$)")


def _joined_fragments(text: str) -> str:
    return _FRAGMENTS.sub(lambda run: run.group(0).replace(". ", "  "), text)


# Punctuation spoken to a dictation app or screen reader: "is this hemifacial spasm question mark".
_SPOKEN_MARKS = {"comma": ",", "question mark": "?", "full stop": ".", "exclamation mark": "!",
                 "exclamation point": "!"}
_SPOKEN_MARK = re.compile(r"\s*\b(" + "|".join(_SPOKEN_MARKS) + r")\b", re.I)


_SPLIT_NAME = re.compile(r"\bhemi[\s-]+facial\b", re.I)  # "hemi facial spasm", as dictated


# "Period" dictated as a full stop: not the noun ("a waiting period", "the period of recovery", "my period").
_SPOKEN_PERIOD = re.compile(r"(?<!\ba)(?<!\ban)(?<!\bthe)(?<!\bthis)(?<!\bthat)(?<!\beach)(?<!\bevery)(?<!\bmy)"
                            r"(?<!\bher)(?<!\byour)(?<!\bwaiting)(?<!\btrial)(?<!\brecovery)(?<!\bgrace)(?<!\btime)"
                            r"(?<!\bshort)(?<!\blong)(?<!\bsame)(?<!\bmenstrual)(?<!\bwhat)(?<!\bany)"
                            r"\s+\bperiod\b(?!\s+(?:of|pain|cramp|when|after|before|between|for)\b)", re.I)


def _written_marks(text: str) -> str:
    text = _SPOKEN_PERIOD.sub(".", _SPLIT_NAME.sub("hemifacial", text))
    return _SPOKEN_MARK.sub(lambda found: _SPOKEN_MARKS[found.group(1).lower()], text)


@lru_cache(maxsize=2048)
def read(text: str) -> Reading:
    """Read a message once (bounded to MAX_CHARS; cached, so repeated reads are free)."""
    text = _joined_fragments(_written_marks((text or "")[:MAX_CHARS]))
    doc = analyse(text)
    tokens = tokens_of(doc)
    words = tuple(t.lemma.lower() for t in tokens)
    mentions = tuple(default_matcher().mentions_in(doc)) if text.strip() else ()
    def outside(chosen: Tuple[Mention, ...]) -> Tuple[str, ...]:
        return tuple("_" if any(m.start <= t.start < m.end for m in chosen) else word
                     for t, word in zip(tokens, words, strict=False))

    return Reading(
        text=text, lemmas=" ".join(words), words=words,
        raw_words=tuple(t.text.lower() for t in tokens), mentions=mentions, free_words=outside(mentions),
        unnamed_words=outside(tuple(m for m in mentions if m.specificity >= NAMED)),
    )


Readable = Union[str, Reading]


def as_reading(message: Readable) -> Reading:
    """The reading of a message given as text or already read."""
    return message if isinstance(message, Reading) else read(message or "")


_CLAUSE_BREAK = re.compile(
    r"(?<=[?.!;,:])\s+|\s+[-\u2013\u2014]+\s+|\s+(?:but|though|although|and then|so)\s+"
    r"|\s+and\s+(?=(?:how|what|why|where|which|who|is|are|does|do|did|can|could|will|would|should)\b)", re.I)
_LEADING_JOIN = re.compile(r"^(?:and|also|plus|oh and|so|or|like(?= (?:does|do|is|are|can|could|would|will|did)\b))\s+",
                           re.I)
# A question's shape: a question mark, or a question word first. One definition for every decision.
QUESTION_SHAPE = re.compile(
    r"\?\s*$|^any (?:\w+ ){0,2}(?:that|which) (?:help|helps|can help|could help|might help)\b|"
    r"^any (?:problem|issue|risk|trouble|harm|danger|reason|chance|way)s?\b|"
    r"^(?:what|whats|what's|wot|wat|wut|how|hw|why|where|which|who|is|are|am|was|were|can|could|does|do|did|wud|cud|shud|"
    r"will|would|should|have|has|tell me|explain|when (?=(?:is|are|do|does|did|should|will|would|can|could|"
    r"must|might|may)\b)|"
    r"i(?:'d| would) (?:like|love) to know|i (?:want|need) to know|i(?:'m| am| was) wondering|i wonder|"
    r"(?:i'm |im |i am )?(?:dying|keen|itching|desperate|curious) to (?:know|find out|hear)|"
    r"please (?:tell|let)(?: me)?|let me know)\b|"
    # "after mvd can the spasm come back years later": a question after a short lead
    r"^(?:after|before|once|with|during|following|post) (?:\S+ ){1,3}(?:how (?:soon|long|quickly|fast) )?"
    r"(?:can|could|will|would|does|do|is|are|should|might) "
    r"(?:it|the|my|i|you|they|he|she|this|that|there)\b")  # "when is it needed?" asks; "when the spasm goes" doesn't
# A request beside a question asks too ("What can an MRI find? Give me examples", "... the chemistry please"); alone,
# "botox please" answers a form's question, so this counts only among a message's clauses.
_REQUEST_SHAPE = re.compile(
    r"\b(?:please|pls|plz)\W*$|^(?:please (?:give|explain|list|describe)(?: me)?|give me|make (?:me )?a list|"
    r"list (?:them|all|the)|describe|i (?:want|need) (?:a|the|some|an|exact) "
    r"(?:number|figure|percentage|list|example|explanation)s?)\b")
MIN_CLAUSE_WORDS = 3  # "days? weeks?" adds to the question before it; it is not one of its own


def split_clauses(text: str) -> List[str]:
    """Every clause of a text, as written (asides and short ones included)."""
    return [c.strip() for c in _CLAUSE_BREAK.split(text) if c and c.strip()]


# "3 or 6?", "days or weeks?", "gadolinium?": choices or a guess offered for the question before, not one of their own
_CHOICES = re.compile(r"^(?:\S+ ){0,2}or (?:\S+ ){0,2}\S+\s*\??$")
_OR_FIRST = re.compile(r"^or\b.*\?\s*$", re.I)
# "..., say within a fortnight?", "..., if not for everyone?": an example or a condition for the question before
_EXAMPLE = re.compile(r"^(?:say|e\.?g\.?|for example|for instance|such as|i mean|maybe|perhaps|if not|or not|if so)\b"
                      r"(?:\s\S+){0,5}\s*\??$",
                      re.I)


# "..., like my neighbour has for her back, help?": a likeness told in passing, no clause of the question
_LIKENESS_ASIDE = re.compile(r"^(?:just )?like (?:my|his|her|their|our|a|an|the|you|your|mine)\b[^?]*$", re.I)


_LABEL_END = re.compile(r"^[^?.!]{2,40}:$")  # a short heading before the question ("Botox:", "The EMG:")
# "..., set off a spasm haha. whats MVD": two words that ask a question of their own
_SHORT_QUESTION = re.compile(r"^(?:what'?s|whats|why|how|when|which|who) \w+\W*$")


def _with_label(clause: str, label: str) -> str:
    """The clause with its heading before its closing punctuation, so its question shape keeps."""
    body, end = re.match(r"(.*?)([?.!\s]*)$", clause, re.S).groups()
    return f"{body} ({label.rstrip(':').strip()}){end}"


def clauses_of(reading: Reading) -> List[str]:
    """The message's substantive clauses, without joining words ("and how many sessions?")."""
    clauses: List[str] = []
    label = ""
    for written in split_clauses(reading.text):
        clause = _LEADING_JOIN.sub("", written)
        if clauses and _LIKENESS_ASIDE.match(clause.rstrip(",;")):
            continue
        short_question = len(clause.split()) < MIN_CLAUSE_WORDS and clause.rstrip().endswith("?")  # "..., gadolinium?"
        other_choice = _OR_FIRST.match(written) and len(clause.split()) <= 4  # "..., or just some people?"
        if clauses and (_CHOICES.match(clause) or short_question or other_choice or _EXAMPLE.match(clause)) \
                and not QUESTION_SHAPE.match(clause.lower()):
            clauses[-1] = f"{clauses[-1]} {clause}"
        elif len(clause.split()) >= MIN_CLAUSE_WORDS or _SHORT_QUESTION.match(clause.lower()):
            clauses.append(_with_label(clause, label) if label else clause)
            label = ""
        elif _LABEL_END.search(written):
            label = written  # "Radiofrequency thermocoagulation: how is it performed?" names what the question is about
    return clauses


def asking_clauses(reading: Reading) -> List[str]:
    """The clauses that ask something, when the message has more than one clause."""
    clauses = clauses_of(reading)
    asking = [c for c in clauses if QUESTION_SHAPE.search(c.lower()) or _REQUEST_SHAPE.search(c.lower())]
    return asking if len(clauses) >= 2 and any(QUESTION_SHAPE.search(c.lower()) for c in asking) else []


def question_clause(reading: Reading) -> Reading:
    """The clause that asks, when a message also has an aside ("the jabs hurt, do I need more?")."""
    clauses = clauses_of(reading)
    asking = asking_clauses(reading)
    if not asking:
        return reading
    if QUESTION_SHAPE.search(clauses[-1].lower()):
        return read(clauses[-1])  # the question usually comes last ("when it goes ..., how do they treat it")
    return read(asking[0]) if len(asking) == 1 else reading


def asking_part(reading: Reading) -> Reading:
    """Every clause that asks, without the asides ("the jabs hurt like hell, but do I need more?")."""
    clauses = clauses_of(reading)
    asking = asking_clauses(reading)
    if not asking or len(asking) == len(clauses):
        return reading
    return read(" ".join(asking))


# "The bill gave me a heart attack lol, anyway what scan shows the vessel?": what comes before
# the change of subject is no part of the question.
_TOPIC_SHIFT = re.compile(r"(?:^|[\s,.;!?])(?:anyway|anyways|anyhow|moving on|on another note|on a different note|"
                          r"changing the subject|back to my question)\b[,:.!]?\s*", re.I)


def after_topic_shift(reading: Reading) -> Reading:
    """The message after its last change of subject, when what follows is a clause of its own."""
    parts = _TOPIC_SHIFT.split(reading.text)
    last = parts[-1].strip()
    return read(last) if len(parts) > 1 and len(last.split()) >= MIN_CLAUSE_WORDS else reading


def is_question_shaped(text: str) -> bool:
    """Whether the text has a question's shape (a question mark or a question word first)."""
    return bool(QUESTION_SHAPE.search(text.strip().lower()))


# A question run on without punctuation: "no pain no numbness just the twitch what is electro my ography".
# So is a yes-no question run on: "got a root canal booked next week is that ok with the spasms".
_NOT_AFTER = r"(?<!\bthat)(?<!\bwhat)(?<!\bwhich)(?<!\bwho)(?<!\bthis)(?<!\bhow)(?<!\bwhy)"
_RUN_ON_QUESTION = re.compile(r"(?:\s(?:what|how|why|where|which|who) "
                              r"(?:is|are|does|do|did|can|could|would|will|should)\s|"
                              rf"{_NOT_AFTER}\s(?:is|are) (?:that|this|there) (?!is\b)|"
                              rf"{_NOT_AFTER}\s(?:do|does|can|could|should|will|would) "
                              r"(?:they|it|i|you|we|that|this|there)\s)"
                              r"(?!.*\b(?:know|sure|idea|understand|wonder)\b)", re.I)


# A greeting, plea or filler before the question: "please how many weeks...", "bruh does...", "lowkey wondering if..."
_FILLER_LEAD = re.compile(r"^(?:(?:please|pls|plz|bruh|bro|brah|lowkey|ngl|honestly|hey|hi|hello|yo|ok|okay|um+|uh+|"
                          r"fr|tbh|real talk|genuinely|seriously|quick q(?:uestion)?|sorry|oi)\b[,!.:]*\s+)+")
_WONDERING = re.compile(r"^(?:i'?m |i am |just |been |was )*wondering (?:if|whether|how|what|why|when)\b|"
                        # a formal request: "please confirm, for the record, whether ..."
                        r"^(?:kindly |can you |could you )?"
                        r"(?:confirm|advise|clarify|state|specify|explain|tell me|let me know)\b")


def asks(reading: Reading) -> bool:
    """Whether the message, or any clause of it, asks something ("before that, why would I need an MRA")."""
    text = _FILLER_LEAD.sub("", reading.text.strip().lower())
    return bool(QUESTION_SHAPE.search(text) or _WONDERING.search(text)) or any(
        QUESTION_SHAPE.search(clause.lower()) for clause in clauses_of(reading)) or bool(
        _RUN_ON_QUESTION.search(reading.text))
