"""Red flags written in Spanish ("se me cayó un lado de la cara", "quiero acabar con todo").

Patterns run on lower-case text with accents removed, so "cayó" and "cayo" read the same.
The spasm itself ("se me cierra el ojo solo", "la boca se me va para un lado") is not a flag.
"""

from __future__ import annotations

import re
import unicodedata
from typing import Optional

CRISIS, STROKE, BREATHING, AFTER_SURGERY = "crisis", "stroke", "breathing", "after_surgery"

_FACE = r"(?:cara|boca|labio|ojo|parpado|mejilla|lado|mitad)"
def _words(pattern: str) -> re.Pattern[str]:
    """Each alternative starts at a word boundary."""
    return re.compile(rf"\b(?:{pattern})")


_PATTERNS = (
    (CRISIS, _words(
        r"suicid|matar(?:me|se)|(?:me quiero|se quiere) matar|quitar(?:me|se) la vida|acabar con (?:todo|mi vida|esto)|"
        r"(?:no|ya no) (?:\w+ ){0,2}(?:quiero|puedo) (?:\w+ ){0,2}(?:vivir|seguir)|"
        r"(?:no|ya no) (?:\w+ ){0,2}(?:quiere|puede) vivir|(?:quiero|quiere|queria) morir|"
        r"desaparecer para siempre|no despertar|mejor muert|hacerme dano|cortarme|sobredosis|"
        r"(?:tom[ea]|tomar(?:me|se)|(?:me|se|te) (?:va|voy|vas) a tomar) "
        r"(?:\w+ ){0,2}(?:todas|todos|muchas|muchos|un frasco|una caja|el frasco|la caja)"
        r"(?: \w+){0,2} (?:pastillas|pildoras|tabletas|medicinas|medicamentos|capsulas)|"
        r"(?:cuantas|cuantos) (?:\w+ ){0,4}(?:matar|morir|mata|muere)|dosis (?:letal|mortal)|"
        r"sin esperanza|no tiene sentido vivir|no vale la pena vivir|"
        r"tomar(?:me|se)(?:las|los)? (?:\w+ ){0,2}(?:todas|todos)|"
        r"guardad\w* (?:\w+ ){0,3}(?:pastillas|pildoras|tabletas|capsulas)|"
        r"(?:pastillas|pildoras|tabletas|capsulas) (?:\w+ ){0,2}guardad")),
    (STROKE, _words(
        rf"{_FACE} (?:\w+ ){{0,5}}(?:caid|cayo|cae|torcid|paraliz|dormid|entumec|debil|colgad)|"
        rf"(?:caid|cayo|paraliz|torcid|entumec)\w* (?:\w+ ){{0,4}}{_FACE}|"
        r"no (?:puedo|puede|podia) (?:\w+ ){0,2}(?:mover|hablar|sonreir|levantar)|"
        r"(?:hablo|habla|hablar) (?:\w+ ){0,2}(?:raro|mal|arrastrando|enredad)|arrastr\w* (?:las )?palabras|"
        r"(?:brazo|pierna|mano) (?:\w+ ){0,3}(?:debil|dormid|paraliz|no (?:lo |la )?(?:puedo|puede) mover)|"
        r"peor dolor de cabeza|dolor de cabeza (?:muy )?(?:fuerte|repentino|terrible)|"
        r"(?:perdi|perdio) (?:\w+ ){0,2}(?:vista|vision|fuerza|habla|conocimiento|sensibilidad|equilibrio)|"
        r"no veo|vision doble")),
    (BREATHING, _words(
        r"no (?:puedo|puede) (?:\w+ ){0,2}(?:respirar|tragar)|dificultad (?:para|al) (?:respirar|tragar)|"
        r"(?:me|le|nos) (?:cuesta|costaba|cuestan) (?:\w+ ){0,2}(?:respirar|tragar)|"
        r"(?:labios|lengua|garganta) (?:\w+ ){0,3}hinch|"
        r"me ahogo|se ahoga|ahogand|falta de aire|me falta el aire")),
    (AFTER_SURGERY, _words(
        r"fiebre|cuello (?:\w+ ){0,2}rigid|rigidez (?:\w+ ){0,2}cuello|liquido (?:\w+ ){0,2}(?:claro|transparente)|"
        r"(?:sale|gotea|escurre) (?:\w+ ){0,3}(?:liquido|agua)|herida (?:\w+ ){0,3}(?:abierta|pus|roja|hinchada)")),
)


def fold(text: str) -> str:
    """Lower-case text without accents."""
    decomposed = unicodedata.normalize("NFKD", text.lower())
    return "".join(c for c in decomposed if not unicodedata.combining(c))


def red_flag_kind(text: str) -> Optional[str]:
    """The kind of red flag in a Spanish message, or None."""
    folded = fold(text or "")
    for kind, pattern in _PATTERNS:
        if pattern.search(folded):
            return kind
    return None
