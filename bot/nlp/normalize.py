"""Tokenise with a blank spaCy English pipeline and map tokens to lemmas.

A blank pipeline has no lemmatizer, so this module supplies its own small
lookup table plus suffix rules, and repairs common misspellings of the medical
and safety vocabulary, so that patterns can be written once over lemmas.
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from functools import lru_cache
from typing import Dict, Iterable, List, Sequence

import spacy
from spacy.language import Language
from spacy.tokens import Doc
from wordfreq import zipf_frequency

from bot.nlp.dictated import join_dictated_names
from bot.nlp.glosses import GLOSSES

# Irregular or ambiguous forms; everything else goes through _suffix_lemma.
LEMMA_LOOKUP: Dict[str, str] = {
    "is": "be", "are": "be", "was": "be", "were": "be", "been": "be", "am": "be",
    "'s": "be", "'re": "be", "'m": "be",
    "does": "do", "did": "do", "done": "do", "doing": "do",
    "has": "have", "had": "have", "having": "have", "'ve": "have",
    "went": "go", "goes": "go", "gone": "go", "going": "go",
    "n't": "not", "nt": "not", "cannot": "can not", "can't": "can not", "cant": "can not",
    "wo": "will", "won't": "will not", "ca": "can",
    "feels": "feel", "felt": "feel", "feeling": "feel",
    "u": "you", "ur": "your", "lasts": "last", "lasted": "last", "lasting": "last",
    "works": "work", "worked": "work", "working": "work",
    "shows": "show", "showed": "show", "shown": "show", "showing": "show",
    "causes": "cause", "caused": "cause", "causing": "cause",
    "needs": "need", "needed": "need", "needing": "need",
    "helps": "help", "helped": "help", "helping": "help",
    "took": "take", "taken": "take", "takes": "take", "taking": "take",
    "gave": "give", "given": "give", "gives": "give",
    "made": "make", "makes": "make", "making": "make",
    "saw": "see", "seen": "see", "sees": "see",
    "spoke": "speak", "spoken": "speak", "speaking": "speak", "speaks": "speak",
    "swallowing": "swallow", "swallowed": "swallow", "swallows": "swallow",
    "breathing": "breathe", "breath": "breathe", "breathed": "breathe",
    "breathes": "breathe", "breathless": "breathe",
    "drooping": "droop", "droopy": "droop", "drooped": "droop", "droops": "droop",
    "dropping": "drop", "dropped": "drop", "droppy": "drop",
    "numbness": "numb", "weakness": "weak", "weaker": "weak", "weakened": "weak",
    "paralyzed": "paralysis", "paralysed": "paralysis", "paralysis": "paralysis",
    "paralyze": "paralysis", "paralyse": "paralysis",
    "slurred": "slur", "slurring": "slur", "slurry": "slur",
    "leaking": "leak", "leaked": "leak", "leaks": "leak",
    "injections": "injection", "injected": "inject", "injecting": "inject",
    "shots": "shot", "diagnosed": "diagnose", "diagnosing": "diagnose",
    "diagnoses": "diagnosis", "tests": "test", "testing": "test", "tested": "test",
    "scans": "scan", "scanning": "scan", "treated": "treat", "treating": "treat",
    "treats": "treat", "treatments": "treatment", "therapies": "therapy",
    "medicines": "medicine", "medications": "medication", "drugs": "drug",
    "pills": "pill", "tablets": "tablet", "relaxants": "relaxant",
    "muscles": "muscle", "nerves": "nerve", "vessels": "vessel",
    "pulses": "pulse", "surgeries": "surgery", "operations": "operation",
    "options": "option", "procedures": "procedure", "techniques": "technique",
    "spasms": "spasm", "twitches": "twitch", "twitched": "twitch",
    "twitching": "twitch", "twitchy": "twitch", "images": "image",
    "lives": "life", "died": "die", "dying": "die", "dies": "die",
    "killing": "kill", "killed": "kill", "hurting": "hurt", "hurts": "hurt",
    "headaches": "headache", "measures": "measure", "measured": "measure",
    "measuring": "measure", "recommended": "recommend", "recommends": "recommend",
    "ordered": "order", "orders": "order", "repeated": "repeat", "repeats": "repeat",
    "costs": "cost", "costing": "cost", "effects": "effect", "risks": "risk",
    "this": "this", "his": "his", "has'nt": "have not", "us": "us",
    "ending": "end", "ended": "end", "ends": "end", "moving": "move", "moved": "move",
    "thinking": "think", "thought": "think", "wanting": "want", "wanted": "want",
    "always": "always", "sometimes": "sometimes", "does'nt": "do not",
    "pregnancy": "pregnancy", "nervous": "nervous", "various": "various",
    "previous": "previous", "serious": "serious", "dangerous": "dangerous",
    "analysis": "analysis", "thermocoagulation": "thermocoagulation",
}

# Misspellings seen in patient messages, mapped to the intended lemma.
MISSPELLINGS: Dict[str, str] = {
    # clinical shorthand: "which tx needs repeating?", "dx confirmed by EMG"
    "tx": "treatment", "dx": "diagnosis", "sx": "symptoms", "hx": "history", "pt": "patient", "pts": "patients",
    "botex": "botox", "botx": "botox", "botux": "botox", "bottox": "botox", "bottocks": "botox", "botocks": "botox",
    "twiches": "twitch", "twichs": "twitch",
    "boxtox": "botox", "btox": "botox", "botoks": "botox", "onabotulinum": "onabotulinumtoxina", "bottox's": "botox",
    "accupuncture": "acupuncture", "acupunture": "acupuncture", "acupuncher": "acupuncture",
    "accupuncure": "acupuncture", "acupuncure": "acupuncture", "acupunchure": "acupuncture",
    "emgs": "emg", "mris": "mri", "mras": "mra", "mir": "mri", "mrl": "mri",
    "stroek": "stroke", "strok": "stroke", "storke": "stroke",
    "sucide": "suicide", "suicid": "suicide", "suiside": "suicide",
    "suicde": "suicide", "sucidal": "suicidal", "suicdal": "suicidal",
    "sudenly": "suddenly", "suddently": "suddenly", "suddnly": "suddenly",
    "sudden1y": "suddenly", "weeak": "weak", "weka": "weak", "numm": "numb", "nunb": "numb",
    "drooop": "droop", "droopin": "droop", "swalow": "swallow",
    "swollow": "swallow", "swallowng": "swallow", "breth": "breathe",
    "brething": "breathe", "breatheing": "breathe", "breating": "breathe",
    "paralized": "paralysis", "paralysed": "paralysis", "paraylsis": "paralysis",
    "spazm": "spasm", "spasim": "spasm", "spams": "spasm", "twiching": "twitch",
    "twitchin": "twitch", "hemifacal": "hemifacial", "hemi-facial": "hemifacial",
    "headach": "headache", "hedache": "headache", "overdoes": "overdose",
    "overdosed": "overdose", "decompresion": "decompression",
    "microvasular": "microvascular", "microvascualr": "microvascular",
    "angiogram": "angiography", "angiograph": "angiography",
    "electromyogram": "electromyography", "electromiography": "electromyography",
    "electromyograpy": "electromyography", "electromyograph": "electromyography",
    "myography": "electromyography",
    "myslef": "myself", "mysef": "myself", "myslf": "myself", "mysefl": "myself", "myselfe": "myself",
    "neddle": "needle", "neddles": "needle", "needel": "needle", "tumer": "tumor", "tumers": "tumor", "tumr": "tumor",
    "mysel": "myself", "kil": "kill", "kilk": "kill", "ther": "their", "thier": "their",
    # text-speak: "wud a dentist b the right person 2 see", "wat do u do b4 the op"
    "hw": "how", "wud": "would", "cud": "could", "shud": "should", "wat": "what", "wen": "when", "b4": "before",
    "tmrw": "tomorrow", "tmr": "tomorrow", "abt": "about", "bc": "because", "cos": "because", "coz": "because",
    "pls": "please", "plz": "please", "thx": "thanks", "rn": "right now",
    # Scots and Jamaican English: "cannae face another day", "mi cyaan tek it"
    "cannae": "cannot", "canna": "cannot", "wouldnae": "would not", "couldnae": "could not", "dinnae": "do not",
    "didnae": "did not", "isnae": "is not", "doon": "down", "tae": "to", "cyaan": "cannot", "tek": "take",
    "yuh": "your", "wha": "what", "seh": "say", "musle": "muscle", "mussle": "muscle", "muscel": "muscle",
    "decomposition": "decompression",
}

# Long distinctive words whose near-misses (edit distance 1, or 2 when long)
# are repaired automatically.
FUZZY_TARGETS: Sequence[str] = (
    "acupuncture", "electromyography", "microvascular", "decompression",
    "angiography", "thermocoagulation", "radiofrequency", "onabotulinumtoxina",
    "botulinum", "hemifacial", "twitching", "neurological", "examination",
    "suicide", "suicidal", "paralysis", "swallow", "breathe", "headache",
    "overdose", "anticonvulsant", "antiseizure", "relaxant", "injection",
    "imaging", "resonance", "magnetic", "surgery", "medication", "medicine",
    "treatment", "diagnosis", "diagnose", "appointment", "numbness",
)


@dataclass(frozen=True)
class Token:
    """A token of the original text with its normalised lemma and offsets."""

    text: str
    lemma: str
    start: int
    end: int


@lru_cache(maxsize=1)
def blank_english() -> Language:
    """The shared blank English pipeline (tokenizer only, built from the spaCy package)."""
    return spacy.blank("en")


# spaCy keeps every string it has seen (names, typos) in its vocabulary for good. Past this many
# (about 12 MB) the pipeline is built afresh, so a long-running server's memory stays bounded; the
# topic matcher follows it (bot.nlp.terms), and every cache above holds plain strings.
MAX_VOCAB_STRINGS = 20_000


def pipeline() -> Language:
    """The shared blank pipeline, rebuilt once its vocabulary passes ``MAX_VOCAB_STRINGS``."""
    nlp = blank_english()
    if len(nlp.vocab.strings) > MAX_VOCAB_STRINGS:
        blank_english.cache_clear()
        nlp = blank_english()
    return nlp


def _edit_distance_at_most(a: str, b: str, limit: int) -> bool:
    """True when the Levenshtein distance between ``a`` and ``b`` is <= ``limit``."""
    if abs(len(a) - len(b)) > limit:
        return False
    previous = list(range(len(b) + 1))
    for i, char_a in enumerate(a, 1):
        current = [i]
        for j, char_b in enumerate(b, 1):
            current.append(
                min(previous[j] + 1, current[j - 1] + 1, previous[j - 1] + (char_a != char_b))
            )
        if min(current) > limit:
            return False
        previous = current
    return previous[-1] <= limit


@lru_cache(maxsize=4096)
def _fuzzy_repair(word: str) -> str:
    if len(word) < 7 or not word.isalpha() or zipf_frequency(word, "en") >= COMMON_WORD:  # "infections"
        return word
    limit = 2 if len(word) >= 10 else 1
    for target in FUZZY_TARGETS:
        if word != target and _edit_distance_at_most(word, target, limit):
            return target
    return word


_LETTERS = "abcdefghijklmnopqrstuvwxyz"
COMMON_WORD = 3.0  # Zipf frequency of a word a typo is taken for ("effects" 4.9, "neurologist" 3.3)
TYPO_MARGIN = 2.0  # how much more common it must be than the word as typed ("completly" 2.3)
_MEDICINE_NAME = re.compile(r"\w+(?:statin|pine|pam|lam|ine|fen|ate|ide|one|ol|in|ica|ex|ax)$")


def _typing_slips(word: str) -> Iterable[str]:
    """What ``word`` may have been before a typing slip: a letter left out ("efects"), two letters
    swapped ("pateint") or a letter doubled ("painfull"). A letter replaced by another is left
    alone: "winking", "dosing" and "lyrica" are words, not slips."""
    splits = [(word[:i], word[i:]) for i in range(len(word) + 1)]
    yield from (a + c + b for a, b in splits for c in _LETTERS)
    yield from (a + b[1] + b[0] + b[2:] for a, b in splits if len(b) > 1)
    yield from (a + b[1:] for a, b in splits if len(b) > 1 and b[0] == b[1])


@lru_cache(maxsize=4096)
def _common_spelling(word: str) -> str:
    """'efects', 'completly': the far more common English word one typing slip away, or the word.

    Only for longer, rare words; a medicine's name stays as typed ("statin" is no "station").
    """
    if len(word) < 6 or not word.isalpha() or zipf_frequency(word, "en") >= COMMON_WORD \
            or _MEDICINE_NAME.match(word):
        return word
    best, best_freq = word, zipf_frequency(word, "en") + TYPO_MARGIN
    for candidate in set(_typing_slips(word)):
        freq = zipf_frequency(candidate, "en")
        if freq >= max(best_freq, COMMON_WORD):
            best, best_freq = candidate, freq
    return best


def _suffix_lemma(word: str) -> str:
    if len(word) > 4 and word.endswith("ies"):
        return word[:-3] + "y"
    if (
        len(word) > 3
        and word.endswith("s")
        and not word.endswith(("ss", "us", "is", "ous", "'s"))
    ):
        return word[:-1]
    return word


_INITIALISM = re.compile(r"^(?:[a-z]\.){2,}[a-z]?\.?$")


DROPPED_G_MARGIN = 1.5  # how much more common (Zipf scale) the "-ing" spelling must be


@lru_cache(maxsize=8192)
def _dropped_g(word: str) -> str:
    """'thinkin', 'endin', 'goin' read as 'thinking', 'ending', 'going': only when the "-ing" spelling
    is far more common than the word as typed ('aspirin', 'begin' and 'toxin' stay)."""
    if len(word) < 4 or not word.endswith("in") or not word.isalpha():
        return word
    return word + "g" if zipf_frequency(word + "g", "en") - zipf_frequency(word, "en") >= DROPPED_G_MARGIN else word


_G_DROPPED = re.compile(r"\b[a-z]{2,}in\b")


def with_dropped_g_restored(lower: str) -> str:
    """Lower-case text with each dropped "g" put back ("dyin to know", "laughin"), for patterns over the text."""
    return _G_DROPPED.sub(lambda found: _dropped_g(found.group(0)), lower)


@lru_cache(maxsize=8192)
def lemma_of(word: str) -> str:
    """The lemma of one lower-cased word: misspelling fix, lookup, then suffix rules."""
    word = word.lower().replace("\u2019", "'")
    if _INITIALISM.match(word):
        word = word.replace(".", "")  # "M.R.I." and "e.m.g" read as "mri" and "emg"
    if word in GLOSSES:  # "mujhe", "itigil": code-switched words read as English
        return GLOSSES[word]
    word = _dropped_g(MISSPELLINGS.get(word, word))
    if word in LEMMA_LOOKUP:
        return LEMMA_LOOKUP[word]
    repaired = _fuzzy_repair(word)
    if repaired == word:
        repaired = _common_spelling(word)
    if repaired != word:
        repaired = MISSPELLINGS.get(repaired, repaired)
        return LEMMA_LOOKUP.get(repaired, _suffix_lemma(repaired))
    base = _suffix_lemma(word)
    return _fuzzy_repair(base) if base != word else base  # "relaxents": "relaxent", a slip for "relaxant"


_WORD_HYPHEN = re.compile(r"(?<=[^\W\d_])-(?=[^\W\d_])")
# Dictated or spaced-out names ("M R I", "e m g", "bow tox"): read as one word, padded so offsets keep.
_SPOKEN_NAMES = {"bowtox": "botox"}  # the initialisms read as their letters joined
# Letters dictated as their names ("em are eye", "ee em gee", "emmy gee").
_LETTER_NAMES = {"em": "m", "emm": "m", "are": "r", "ar": "r", "eye": "i", "ay": "a", "ee": "e", "gee": "g",
                 "vee": "v", "dee": "d", "emmy": "em"}
_SPOKEN = re.compile(r"\b(?:[mM] [rR] [iIaA]|[eE] [mM] [gG]|[mM] [vV] [dD]|[hH] [fF] [sS]|[bB]ow? [tT]ox|"
                     r"[eE]mm? (?:[aA]re?|[rR]) (?:[eE]ye|[aA]y?|[iI])|(?:[eE]e? )?[eE]mm? [gG]ee|[eE]mmy [gG]ee?|"
                     r"[eE]mm? [vV]ee [dD]ee)\b")


def _spoken_name(match: re.Match[str]) -> str:
    """The name as one word, padded with spaces to the length said."""
    said = match.group(0)
    joined = "".join(_LETTER_NAMES.get(piece, piece) for piece in said.lower().split())
    name = _SPOKEN_NAMES.get(joined, joined)
    return name + " " * (len(said) - len(name))


# Contractions the tokenizer splits in two, read as the words they stand for.
_SPLIT_CONTRACTIONS = {("gon", "na"): ("go", "to"), ("wan", "na"): ("want", "to"), ("got", "ta"): ("get", "to")}
_FOR_SPEAK = frozenset({"me", "u", "you", "him", "her", "us", "them"})  # "which one 4 me": "4" reads "for"
# "the right person 2 see": "2" reads "to" before a verb; "wud it b ok": "b" reads "be" after a modal.
_TO_BEFORE = frozenset({"see", "get", "go", "do", "have", "take", "be", "b", "know", "ask", "stop", "start", "book",
                        "make", "help", "talk", "speak", "come", "try", "use", "wait", "worry", "tell", "find", "pay",
                        "drive", "work", "sing", "play", "eat", "drink", "fly", "sleep", "die", "end", "live"})
_BE_AFTER = frozenset({"would", "wud", "could", "cud", "should", "shud", "will", "can", "might", "may", "must", "to",
                       "2", "not", "it", "i", "u", "you", "that", "this"})
_BE_BEFORE = frozenset({"the", "a", "an", "ok", "okay", "able", "better", "worse", "safe", "fine", "worth", "right",
                        "good", "bad", "done", "normal", "painful", "sore", "my", "any"})
_NAMES_A_B = frozenset({"plan", "vitamin", "type", "hep", "hepatitis", "grade", "class", "option", "side", "a", "the"})
# "r there any tablets", "r u ok": "r" reads "are" before these; "r eye" stays the right eye.
_ARE_BEFORE = frozenset({"there", "u", "you", "they", "we", "these", "those", "the", "any", "people", "ppl", "botox",
                         "injections", "jabs", "shots", "tablets", "pills", "meds", "side", "other", "some"})
# "what dose the MRA show", "dose it hurt": "dose" typed for "does", first or after a question word.
_DOES_AFTER = frozenset({"what", "how", "why", "when", "where", "who", "which", "and", "so"})
_DOES_BEFORE = frozenset({"the", "it", "this", "that", "he", "she", "they", "my", "your", "a", "an", "botox", "mvd",
                          "emg", "mri", "mra", "acupuncture", "surgery", "insurance", "anyone", "everyone"})


def analyse(text: str) -> Doc:
    """Tokenise ``text`` with the blank pipeline and set each token's lemma.

    A hyphen between letters reads as a space ("burn-the-nerve", "anti-seizure"), and a dictated drug name
    as one word ("gabba pentane"); offsets keep.
    """
    doc = pipeline()(join_dictated_names(_SPOKEN.sub(_spoken_name, _WORD_HYPHEN.sub(" ", text))))
    previous = None
    for tok in doc:
        if previous is not None and previous.lower_ == "dose" and tok.lower_ in _DOES_BEFORE \
                and (previous.i == 0 or doc[previous.i - 1].lower_ in _DOES_AFTER):
            previous.lemma_ = "do"
        pair = _SPLIT_CONTRACTIONS.get((previous.lower_, tok.lower_)) if previous is not None else None
        if pair:
            previous.lemma_, tok.lemma_ = pair  # "gonna" is split "gon" "na": read "go to"
        else:
            tok.lemma_ = lemma_of(tok.text)
            if previous is not None and previous.text == "4" and tok.lower_ in _FOR_SPEAK:
                previous.lemma_ = "for"
            if previous is not None and previous.text == "2" and tok.lower_ in _TO_BEFORE:
                previous.lemma_ = "to"
            if tok.lower_ == "b" and previous is not None and previous.lower_ in _BE_AFTER:
                tok.lemma_ = "be"
            if previous is not None and previous.lower_ == "b" and tok.lower_ in _BE_BEFORE \
                    and (previous.i == 0 or doc[previous.i - 1].lower_ not in _NAMES_A_B):
                previous.lemma_ = "be"
            if previous is not None and previous.lower_ == "r" and tok.lower_ in _ARE_BEFORE:
                previous.lemma_ = "be"
        previous = tok
    return doc


def tokens_of(doc: Doc) -> List[Token]:
    """The tokens of an analysed text, with lemmas and character offsets."""
    return [Token(tok.text, tok.lemma_, tok.idx, tok.idx + len(tok.text)) for tok in doc if not tok.is_space]


def tokenize(text: str) -> List[Token]:
    """Split ``text`` into tokens carrying lemmas and character offsets."""
    return tokens_of(analyse(text))


@lru_cache(maxsize=4096)
def lemma_text(text: str) -> str:
    """The message as a space-joined string of lemmas, for lemma-level patterns (cached)."""
    return " ".join(token.lemma for token in tokenize(text))


def lemmas(words: Iterable[str]) -> List[str]:
    """Lemmas of the tokens of a phrase (used to compile patterns)."""
    return [token.lemma for token in tokenize(" ".join(words))]
