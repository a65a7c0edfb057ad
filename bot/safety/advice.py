"""Recognise requests for personal medical advice (doses, own results, own choices)."""

from __future__ import annotations

import re
from typing import Optional

from bot.nlp.normalize import lemma_text

DOSE, MEDICINE_CHANGE, SELF_DIAGNOSIS, PERSONAL_CHOICE, OWN_RESULTS = (
    "dose", "medicine_change", "self_diagnosis", "personal_choice", "own_results",
)

_PATTERNS = (
    (DOSE, re.compile(
        r"\bdos(?:e|age|ing)\b|\bhow much (?:\S+ ){0,4}(?:take|use|inject|get|have|give)\b|"
        r"\bhow many (?:\S+ ){0,2}(?:pill|tablet|unit|mg|milligram|shot|injection|capsule|dose)|"
        r"\b(?:mg|milligram|ml|unit|microgram|mcg)\b|\bmaximum\b|\bmax (?:amount|dose)\b|"
        r"\bhow (?:often|many time) (?:\S+ ){0,3}(?:should|can|do) i (?:take|use)\b"
    )),
    (MEDICINE_CHANGE, re.compile(
        r"\b(?:stop|quit|skip|increase|decrease|double|halve|reduce|change|switch|come off|"
        r"wean|lower|raise|up) (?:\S+ ){0,3}(?:medicine|medication|pill|tablet|dose|drug|"
        r"baclofen|carbamazepine|clonazepam|gabapentin|relaxant|botox|treatment)|"
        r"\bcan i (?:take|mix|combine|drink|use) (?:\S+ ){0,4}(?:with|and|while|alcohol)\b"
    )),
    (SELF_DIAGNOSIS, re.compile(
        r"\bdo i have\b|\bhave i get\b|\bam i\b(?! able)|\bbe (?:this|it|mine) (?:\S+ ){0,2}(?:hemifacial|hfs|serious|normal|bad)\b|"
        r"\bdiagnose me\b|\bwhat be wrong with me\b|\bdo (?:this|my) (?:\S+ ){0,3}(?:mean|sound like)\b|"
        r"\bmy (?:symptom|twitch|spasm|eye|face) (?:\S+ ){0,3}(?:mean|normal|serious)"
    )),
    (OWN_RESULTS, re.compile(
        r"\b(?:read|interpret|explain|look at|check|review) (?:\S+ ){0,2}my\b|"
        r"\bmy (?:mri|mra|emg|scan|result|report|test|imaging)\b"
    )),
    (PERSONAL_CHOICE, re.compile(
        r"\bshould i\b|\bdo i (?:really )?need (?:a |an |to have |to get |to try )?"
        r"(?:surgery|mvd|decompression|botox|operation|treatment|medication|medicine|pill|injection)\b|"
        r"\bdo i need to (?:stop|start|change)\b|\bwould you recommend\b|\bwhat would you (?:do|choose|recommend)\b|"
        r"\bwhich (?:\S+ ){0,3}(?:should i|be best for me|be right for me|do you recommend)\b|"
        r"\bbe (?:\S+ ){0,3}(?:right|safe|good|suitable|ok|okay) for me\b|\bfor me\b.*\?|"
        r"\b(?:work|help|be right|be safe|be good|be best) (?:\S+ )?for me\b|"
        r"\bbe (?:that|this|it) (?:a )?(?:good|bad|smart|wise) idea\b|"
        r"\bmy (?:doctor|neurologist|surgeon|gp) (?:\S+ )?(?:want|suggest|recommend|say|think)\b|"
        r"\bcan i (?:have|get|do|try|start)\b|\bam i a (?:good )?candidate\b|\bi (?:want|need) (?:a )?(?:prescription|referral)\b|"
        r"\bprescribe\b"
    )),
)


def personal_advice_kind(text: str) -> Optional[str]:
    """The kind of personal advice asked for, or None for a general question."""
    if not text or not text.strip():
        return None
    lemmas = lemma_text(text[:2000]).lower()
    for kind, pattern in _PATTERNS:
        if pattern.search(lemmas):
            return kind
    return None
