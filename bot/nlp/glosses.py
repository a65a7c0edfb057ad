"""Romanised Hindi-Urdu, Tagalog and Pidgin words (and a few Spanish nouns) mixed into English, read as English.

"kya mujhe MRI karwana padega?" reads "do i mri get need?", and "ano mas better para sa akin,
surgery or Botox?" reads "what more better for to me, ...": the question's shape, the person it is
for and what it asks about survive, so the page's topics and the personal-advice checks work as they
do in English. Only words with no common English reading are listed ("ya" and "na" are English
slang too). Red flags in these languages are matched on the raw text (``bot.safety.code_switched``).
"""

from __future__ import annotations

from typing import Dict

GLOSSES: Dict[str, str] = {
    # Hindi-Urdu
    "kya": "do", "mujhe": "i", "mujhko": "i", "mera": "my", "meri": "my", "mere": "my", "hai": "be", "hain": "be",
    "tha": "be", "thi": "be", "baad": "after", "pehle": "before", "sakte": "can", "sakta": "can", "sakti": "can",
    "karwana": "get", "karana": "get", "karwa": "get", "padega": "need", "padegi": "need", "yeh": "this",
    "kaunsa": "which", "konsa": "which", "kaun": "who", "dekhega": "see", "dekhegi": "see", "wala": "one",
    "wali": "one", "aur": "and", "nahi": "not", "nahin": "not", "kab": "when", "kaise": "how", "kyun": "why",
    "kyon": "why", "dawai": "medicine", "dawa": "medicine", "dawaai": "medicine", "goli": "pill",
    "goliyan": "pills", "chehra": "face", "chehre": "face", "aankh": "eye", "paas": "near", "theek": "fine",
    "chhod": "stop", "chod": "stop", "chhodna": "stop", "bahut": "very", "kitni": "how many", "kitne": "how many",
    "kitna": "how much", "roz": "daily", "rozana": "daily",
    # Tagalog
    "ano": "what", "akin": "me", "ako": "i", "yung": "the", "mukha": "face", "turok": "injection",
    "tumigil": "stop", "itigil": "stop", "tigil": "stop", "gamot": "medicine", "pwede": "can", "puwede": "can",
    "takot": "afraid", "operasyon": "operation", "tawag": "name", "paano": "how", "kailan": "when",
    "bakit": "why", "para": "for", "kung": "if", "siya": "he", "niya": "his", "sya": "he", "nya": "his",
    "mata": "eye", "doktor": "doctor",
    # Nigerian Pidgin
    "wetin": "what", "dem": "they", "dey": "be", "abeg": "please", "una": "you", "sabi": "know",
    # relatives named in the family's language ("my khala", "my abuela") and French "lol"
    "khala": "aunt", "abuela": "grandma", "abuelo": "grandpa", "nani": "grandma", "dadi": "grandma",
    "mamie": "grandma", "mdr": "lol", "abbu": "dad", "abba": "dad", "ammi": "mum", "ammu": "mum",
    "mamá": "mum", "papá": "dad", "abuelita": "grandma", "abuelito": "grandpa",
    # Spanish nouns inside English ("pastillas para el twitch, do they even work?")
    "pastillas": "pills", "pastilla": "pill", "inyecciones": "injections", "inyeccion": "injection",
    "cuantas": "how many", "cuantos": "how many", "cuántas": "how many", "cuántos": "how many", "unidades": "units",
}
