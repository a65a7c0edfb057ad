"""Recognise requests for personal medical advice, by what they ask rather than exact words.

Kinds, tried in this order:
- ``dose``: how much, how many, how often *I* should take or use;
- ``medicine_change``: stopping, starting, skipping, doubling, weaning or switching a medicine
  (any medicine: "my meds", "my prescription", a drug name the page does not use);
- ``own_results``: reading their own scan, report or prescription;
- ``prognosis``: how *their* own case will go;
- ``seriousness``: whether *their* symptom or result is serious, worrying or normal;
- ``which_doctor``: which doctor, specialist or test *they* need;
- ``self_diagnosis``: whether they have the condition;
- ``personal_choice``: what they should choose or whether something suits them;
- ``next_step``: "what can I do", "where do I start", "what are my options".
"""

from __future__ import annotations

import re
from typing import Optional, Pattern

from bot.nlp.medicines import medicine_pattern
from bot.nlp.people import KIN
from bot.nlp.reading import Readable, as_reading

DOSE, MEDICINE_CHANGE, OWN_RESULTS, SERIOUSNESS, WHICH_DOCTOR, SELF_DIAGNOSIS = (
    "dose", "medicine_change", "own_results", "seriousness", "which_doctor", "self_diagnosis",
)
PERSONAL_CHOICE, NEXT_STEP, PROGNOSIS = "personal_choice", "next_step", "prognosis"
SYMPTOMS = "symptoms"  # a description of their own twitching (see bot.conversation)

# Anything a patient takes: lay words, the drug names of coverage.yml and their endings.
MEDICINE = medicine_pattern()
_MINE = r"(?:my|mine|the|these|those|this|that|it|them|her|his|our)"
# A patient asking for a relative they care for: "does my mother need the EMG?"
_RELATIVES = rf"(?:{KIN}|teen\w*|(?:\d+|\w+)[- ]?(?:year|yr)[- ]?old|\d+ ?yo)"
_RELATIVE = rf"my (?:\S+ (?:'s|be) )?{_RELATIVES}"  # "my customer's husband" (lemmas: "my customer be husband")
# Whoever might see or treat a patient: "a chiropractor", "my neurologist", "the derm".
_PRACTITIONER = (r"(?:\w+ologist|\w+iatrist|doctor|specialist|surgeon|neurosurgeon|dentist|optician|optometrist|gp|ent|"
                 r"physio\w*|therapist|acupuncturist|chiropractor|osteopath|pharmacist|beautician|nurse|derm|neuro)s?\b")


# A medicine taken: "start treatment now?" and "is treatment about stopping it?" change no medicine
_TAKEN = rf"(?!treatment\b){MEDICINE}"


def _rx(*patterns: str) -> Pattern[str]:
    return re.compile("|".join(f"(?:{p})" for p in patterns))


_PATTERNS = (
    (DOSE, _rx(
        r"\bshould (?:it|i|he|she|they) (?:be|take it|have it) (?:once|twice|three times|\d+ times)\b",
        r"\bhow often should (?:my|i|he|she|his|her|our) (?:\S+ ){0,2}(?:be|have|get|take|go)\b",  # "how often should MY jabs be"
        r"\b(?:can|could|should|do) (?:i|he|she) (?:\S+ )?(?:take|have|use) (?:my |the |his |her )?(?:\S+ ){0,3}(?:once|twice|three times|"
        r"\d+ times) (?:a|per|each) (?:day|week)\b", r"\bor (?:be|is) once (?:a day )?enough\b",
        r"\bdos(?:e|age|ing)\b(?! of (?:\S+ ){0,3}(?:botox|medicine)\?? *$)(?!.*\b(?:how often|one[- ]off|ongoing|"
        r"one and do|repeat\w*|how regular\w*|frequen\w*|schedule|interval)\b)(?!.*\bhow (?:much|many)\b)",
        # "dose" beside a question of how often ("the dosing schedule, how often do people go back?") asks how
        # often; an amount beside it ("a dose of 300, how often?") is asked below
        r"\b(?:what|which|how big|how high|how strong|how large) (?:\S+ )?dos(?:e|age)\b",
        r"\bhow much (?:\S+ ){0,4}(?:take|use|inject|get|have|give|put|need|be allow\w*|can i|should)\b",
        r"\bhow many (?:\S+ ){0,2}(?:pill|tablet|unit|mg|milligram|shot|injection|capsule|dose|jab|poke|prick)",
        r"\bmax (?:\S+ ){0,2}(?:per|a|each) (?:day|week)\b",  # "maximum" alone counts below
        r"\bhow many (?:\S+ ){0,2}(?:needle|spot|site)s? (?:\S+ ){0,2}(?:should|do i|will i|go in|in my|do you)",
        r"\benough or too (?:much|many|little|high|low)\b|\btoo (?:much|many|little|high|low) or (?:not )?enough\b",
        r"\b(?:double|triple|twice|half|more|less|bigger|smaller|higher|lower) (?:the |my )?(?:amount|dose|dosage|quantity)\b",
        r"\b(?:right|correct|proper|best) (?:\S+ )?(?:amount|dose|dosage|quantity)\b(?:\s\S+){0,2}? for (?:me|him|her|my)\b",
        r"\btitrat", r"\b(?:make|up|increase|raise|go up to) (?:it|that|mine|them)? ?(?:to )?(?:\d+|two|three|four) "
        r"(?:tab|tabs|pill|tablet|capsule|cap|dose)s?\b", r"\bwhat (?:amount|quantity)\b", r"\bhow many (?:\S+ ){0,3}(?:i|you|he|she|we) (?:can|could|should|may) (?:take|have|use)\b",
        r"\bhow many (?:\S+ ){0,3}(?:can|could|should|may) (?:i|he|she|we) (?:take|have|use)\b",
        r"\bhow much (?:\S+ ){0,3}(?:be )?(?:normal|usual|standard|typical|safe|ok|okay)\b", r"\b(?:be|is) (?:\d+|that|this) (?:\S+ ){0,2}(?:enough|too much|too many|too high|too low)\s*\?",
        r"\b(?:mg|milligram|ml|unit|microgram|mcg)\b", r"\bmaximum\b", r"\bmax (?:amount|dose)\b", r"\bmax (?:\S+ ){0,5}(?:you|i|one|he|she|we|a person|someone|anyone|people) (?:can|could|should|be allow)",
        rf"\b(?:what|which) (?:\S+ )?(?:strength|dosage)\b(?=.*\b{MEDICINE})", r"\bhow strong (?:a |the |of a )?(?:dose|pill|tablet)\b",
        r"\bmost (?:\S+ ){0,3}(?:i|you) (?:can|be allow\w*|should)\b",
        r"\bhow (?:often|many time) (?:\S+ ){0,3}(?:should|can|do|be allow) i (?:take|use|have)\b",
        r"\bhave (?:an |one |another )?(?:extra|more) (?:\S+ )?(?:tablet|pill|dose|one|of|cap|capsule|med)",
        r"\b(?:take|use|pop|swallow) (?:\S+ ){0,2}(?:more|less|extra|another|two|2|three|3|a second|an extra)\b"
        r"(?! (?:\S+ )?(?:day|time|week|hour|break|leave|holiday|photo|picture|step|look|minute)s?\b)",
        rf"\btoo (?:much|many|high|strong|little|low)\b (?:\S+ ){{0,3}}(?:of )?my\b|\b{MEDICINE} (?:\S+ ){{0,4}}too (?:much|many|high|strong)\b",
        rf"\b(?:\d+|one|two|three|four|five|six) (?:\S+ )?{MEDICINE} (?:\S+ )?(?:a|per|each|every) day\b",
        r"\bhow (?:much|many) (?:\S+ ){0,3}(?:be|is) (?:right|correct|appropriate|suitable|recommended|usual) for\b",
        r"\b(?:safe|right|correct|usual|normal) (?:amount|dose|dosage|quantity) (?:of|for)\b",
        r"\b(?:give|take|have) (?:\S+ ){0,3}(?:two|2|three|3|double|extra) of (?:his|her|my|their|the)\b",
        rf"\b(?:take|have) (?:my |the |a )?(?:whole |entire |full )?day (?:'s |'s |s )?(?:\S+ )?(?:dose|{MEDICINE})",
        r"\b(?:bump|jump|step|increase|raise|up)\w* (?:it |them |her |him |me |the dose |that )?(?:up )?to \d+\b"
        r"(?!\s*(?:year|month|week|day|hour|minute|time|session|people|patient|percent|%))",
    )),
    (MEDICINE_CHANGE, _rx(
        r"\btop[- ]?up\b(?=.*\b(?:early|earlier|sooner|instead of wait\w*|at \d+ week))",  # "a top-up at 6 weeks"
        r"\b(?:start|begin)\w* (?:take|use)\w* (?:hers|his|theirs|her|their)\b(?=(?: \S+)? for (?:my|the)\b|\s*[?.,]|$)",  # "my wife has spare relaxers, can i start taking hers"
        r"\b(?:give|share|pass) (?:some|a few|one|any|them|mine)\w* (?:\S+ )?to (?:my|him|her)\b",  # leftover pills for a son
        rf"\b(?:stop|quit|skip|miss|forget|forgot|double|halve|half|cut|taper|wean|reduce|lower|extend|space out|stretch|"
        rf"raise|increase|decrease|change|switch|swap|replace|drop|ditch|bin|restart|resume|start|begin|cease|discontinu|pause|suspend|"
        rf"come off|get off|go off|go without|do without|run out|ran out)\w* (?:(?!spasm|twitch|[—–;.?!])\S+ ){{0,5}}{_TAKEN}",
        rf"\b(?:stop|quit|skip|pause|suspend|halve|double|cut|taper|wean|drop|come off|get off|go off)\w* (?:all )?"
        rf"(?:of )?(?:my |the |his |her |their )?"
        rf"(?:spasm|twitch)\w* {MEDICINE}",
        rf"\b{MEDICINE} (?:\S+ ){{0,2}}(?:sooner|earlier|more often|less often|more frequent)",
        rf"\b(?:sooner|earlier) (?:\S+ ){{0,2}}{MEDICINE}",
        rf"\b(?:get|have|take|do) (?:my (?:next )?|the next |a next )(?:\S+ )?{MEDICINE} early\b",
        r"\b(?:get|have|take|do) (?:my |the )?next (?:one|dose|round|lot|session|set) (?:\S+ )?(?:early|sooner|earlier)\b",
        rf"(?<!how do )(?<!\bcan )(?<!\bwill )(?<!\bwould )(?<!\bcould )(?<!\bcan the )(?<!\bwill the )(?<!\bdo the )\b{_TAKEN} (?:\S+ ){{0,3}}(?:(?<!\bto )(?<!twitch )(?<!spasm )stop|quit|skip|miss|double|taper|wean|change|switch|cold turkey|restart|resume|"
        r"start (?:\S+ )?again|go back on)\w*\b"
        r"(?! (?:\S+ )?(?:spasm|twitch|signal|nerve|muscle|work|help|have an effect))",
        rf"\b(?:stretch|space|spread|push)\w* (?:out )?(?:\S+ ){{0,2}}{MEDICINE}\w* (?:\S+ ){{0,2}}(?:to|out|further|longer|every)\b",
        rf"\b(?:go|wait|leave it) longer between (?:\S+ )?{MEDICINE}",
        rf"^(?=.*\b{MEDICINE}).*\b(?:can|may|could|should|shall) i (?:\S+ )?(?:stop|cease|discontinu\w*|quit|come off|drop)\b",
        r"\b(?:inject|give|do)\w* (?:me|him|her|it|them) (?:\S+ )?(?:sooner|earlier)\b",
        r"\b(?:start|take|try)\w* (?:it|them|those|these) (?:\S+ ){0,4}(?:fine|ok|okay|safe|alright)\s*\?",
        r"\bcold turkey\b", r"\bd/c\b", r"\b(?:throw|chuck|bin)\w* (?:them|it|my \S+|the \S+) (?:away|out)\b",
        r"\b(?:give|lend|pass|sell|spare) me (?:some|a few|hers|his|theirs|extra|her \S+|his \S+)\b",
        rf"^(?=.*\b{MEDICINE}).*\b(?:ok|okay|safe|fine|alright|all right|possible) (?:for (?:me|him|her) )?to (?:\S+ )?"
        r"(?:stop|cease|discontinu\w*|quit|come off|drop|taper|halve|double|skip|wean)\b",
        r"\bstop (?:\S+ )?(?:abrupt\w*|suddenly|all at once) or taper\b", r"\b(?:some|one|a few|a couple) of (?:hers|his|theirs)\b", r"\bleftover (?:tablet|pill|med)",
        rf"^(?=.*\b{MEDICINE}).*\b(?:bump|put|push|turn) (?:it|them) up\b", r"\b(?:bin|binned|chuck|chucked|ditch|ditched|throw away|throw out|threw away|threw out) (?:the |my |those |these |them|it)\b",
        r"\b(?:swap|switch|change) (?:them|it|that|this) (?:\S+ ){0,3}(?:for|to) (?:something|another|a different)\b",
        rf"\b{MEDICINE}\w* (?:\S+ ){{0,10}}(?:start|restart|begin)\w* (?:take|taking|use|using|on) (?:those|these|them|it)\b",
        r"\bcut (?:it|them) down\b", rf"^(?=.*\b{MEDICINE}).*\b(?:have|get) (?:it|them|my|the) (?:\S+ ){{0,2}}(?:do |done )?(?:earlier|sooner)\b",
        rf"\b(?:borrow|share|use|take|try) (?:\S+ ){{0,2}}(?:someone|somebody|wife|husband|partner|mum|mom|dad|friend|sister|brother)\w* (?:'s |be )?(?:\S+ )?{MEDICINE}",
        r"\bborrow (?:\S+ ){0,3}(?:pill|tablet|med|relaxant)", r"\bcan i (?:just )?(?:restart|resume) (?:it|them|those|these)\b",
        r"\b(?:ok|okay|safe|fine|alright|all right) (?:for me )?to (?:take|use) (?!(?:an? |the |my )?(?:mri|mra|emg|scan|test))\S+", rf"\b(?:put|bump|push|turn) (?:the |my )?(?:\S+ )?{MEDICINE} up\b", rf"\b(?:run|ran) out of (?:\S+ ){{0,3}}{MEDICINE}",
        r"\b(?:stop|quit|skip|give up) (?:take|taking|use|using|have|having|get|getting) (?:it|them|this|these|those)\b",
        r"\bskip\w* (?:this|the|a|my|next|one|that) (?:next )?(?:round|dose|session|injection|shot|jab|course|one)\b",
        # postponing or bringing forward a treatment, taking it only sometimes, splitting a tablet
        rf"^(?=.*\b{MEDICINE}).*\b(?:(?:push|put|move|bring) (?:it|them|my|the) (?:\S+ ){{0,3}}(?:back|off|forward)|postpone|"
        r"delay (?:it|them|my|the))\b",
        rf"\b(?:only|just) (?:take|use|have) (?:my |the )?(?:\S+ )?(?:{MEDICINE}|it|them) (?:\S+ ){{0,2}}(?:when|on bad|if)\b",
        r"\btake (?:the |a |this )?(?:summer|winter|spring|autumn|year|month|week|break|holiday|time) off (?:them|it|the \S+|my \S+)\b",
        r"\binstead of (?:every day|daily|regularly|every \S+)\b",
        r"\b(?:swap|switch|change)\w* (?:over )?to (?:a )?(?:different|another|other) (?:one|med|medicine|pill|tablet|drug)\b",
        r"\bpack\w* (?:them|it|the \S+|my \S+) in\b",
        rf"^(?=.*\b{MEDICINE}).*\bskip\w*(?: it| this| that| one)? (?:ok|okay|alright|fine|possible)\b",
        rf"^(?=.*\b{MEDICINE}).*\b(?:can|could|should|may) i (?:\S+ )?(?:have|get|take) (?:it|them|mine|my \S+) (?:\S+ ){{0,2}}"
        r"(?:every|more often|less often|sooner|earlier|instead)\b",
        r"\b(?:think\w* (?:of|about)|plan\w* (?:on|to)|going to|gonna|want to|might) (?:just )?(?:skip|miss|cancel|stop|quit|ditch|drop)\w* "
        r"(?:(?:my|the|this|next) )+(?:\S+ ){0,2}(?:botox|boot|injection|jab|shot|appointment|session|round|dose|treatment|pill|tablet|med)s?\b", r"\bcut (?:it|them|the \S+|my \S+) in half\b",
        rf"^(?=.*\b{MEDICINE}).*\b(?:leave|delay|hold off|wait|put off|push) (?:it|them|that|this) (?:for )?(?:a|an|another|"
        r"one|two|three|a few|a couple of|\d+) (?:\S+ )?(?:more )?(?:week|fortnight|month|day)s?\b",
        rf"\bmy (?:husband|wife|partner|friend|mum|mom|dad|sister|brother|son|daughter|neighbou?r)s?\b(?: 's| be)? "
        rf"(?:\S+ ){{0,2}}{MEDICINE}",
        r"\bgo without (?:it|them|for)\b", r"\bwean (?:\S+ )?off\b", r"\btaper (?:\S+ )?(?:down|off)\b",
        rf"\b(?:can (?:i|he|she|they|{_RELATIVE})|(?:ok|okay|safe|fine|alright|all right) (?:for (?:me|him|her) )?to) "
        r"(?:start |begin |keep |carry on )?(?:take|mix|combine|drink|use|have|add) (?!(?:an? |the |my )?(?:mri|mra|emg|scan|test|ct|x ?ray|exam))"
        r"(?:\S+ ){0,4}(?:with|and|while|alcohol|together|alongside|on top of)\b",
        rf"\b(?:can|could|should) i (?:\S+ ){{0,2}}(?:get|have|take) (?:my |the )?(?:\S+ )?{MEDICINE} (?:\S+ ){{0,3}}"
        r"(?:every|instead|more often|less often)\b",
        # the patient's own change, not the clinic's ("how bad before they go to surgery instead of botox?")
        rf"^(?!.*\b(?:they|doctors?|surgeons?|you) (?:\S+ )?(?:go|move|switch|turn|recommend|offer|suggest|decide)\b)"
        rf".*\b(?:instead of|rather than|change over to|switch over to|swap to|switch to|move to) (?:\S+ ){{0,3}}{MEDICINE}",
        rf"\b(?:without|off) (?:\S+ ){{0,2}}my (?:\S+ ){{0,2}}{MEDICINE}",
        r"\bspare (?:\S+ ){0,2}(?:pill|tablet|one|med)", r"\bsomeone else (?:'s|be)\b|\bfriend (?:'s|be) (?:pill|med|tablet)",
        r"\b(?:keep|carry on|continue|stay on) (?:take|taking|use|using|with|on) (?:them|it|these|those|the \S+|my \S+)\b",
    )),
    (OWN_RESULTS, _rx(
        r"\bmean (?:i|he|she|we|my \S+) (?:\S+ )?(?:must|need to|have to|should|will need|will have to) (?:have|get|go)\b",
        r"\b(?:report|result|scan|letter)s?\b(?:\s\S+){0,12}? (?:tell|explain) (?:me |us )?what (?:it|this|that|they) mean\b",
        r"\bhave they (?:\S+ ){0,2}miss\w*\b",
        r"(?<!they )(?<!'d )(?<!will )(?<!would )(?<!they 'll )\b(?:read|interpret|explain|look at|check|review|translate|decode) (?:\S+ ){0,2}my\b",
        r"\bmy (?:mri|mra|emg|scan|result|report|test|imaging|letter|prescription|script|blood test)\b"
        r"(?! (?:be |alone |on its own )?(?:enough|sufficient))",
        r"\bmean for me\b",
        r"\bthe (?:scan|mri|mra|emg|test|report|result)s? (?:\S+ ){0,2}show\w* (?:a|an|that|some|my|the)\b",
        r"\b(?:mri|mra|emg|scan|ct) (?:say|said|read|write|wrote)\b", r"\b(?:report|result|scan|mri|mra|emg)\b.*\bgood or bad\b",
        r"\b(?:report|result|letter|radiologist) (?:\S+ ){0,5}(?:say|said|show|mention\w*|"
        r"read|came back|come back|find|found|write|wrote)\b",
        r"\b(?:what|why) (?:be|do|did|would|have) (?:\S+ ){0,6}(?:prescribe|give|put) (?:\S+ ){0,4}(?:me|i)\b",
        rf"\b(?:prescribe|give|put) me (?:\S+ ){{0,3}}(?:on )?(?:\S+ ){{0,2}}{MEDICINE}",
        r"\bwhat (?:be|do) (?:my|this|these|the) (?:\S+ ){0,3}(?:pill|tablet|med|prescription|script) (?:\S+ ){0,2}for\b",
        r"\b(?:doctor|neuro|neurologist|gp|doc|surgeon) (?:\S+ ){0,3}(?:start|put|prescribe|give)\w* me\b",
        r"\b(?:doctor|neuro|neurologist|gp|doc|surgeon) (?:\S+ ){0,2}prescribe\w*\b", r"\b(?:script|prescription) for\b",
        r"\b(?:blood|bloods|blood test|scan|mri|mra|emg|test|report|result)s? (?:\S+ ){0,2}(?:came back|come back|found)\b",
        r"\blabel say\b", r"\b(?:blood test|bloods|my (?:scan|mri|mra|emg|test)) (?:\S+ ){0,2}show",
        r"\bin my (?:treatment plan|plan|prescription|notes|letter)\b", r"\bpharmacy gave\b|\bpharmacy give\b",
    )),
    (PROGNOSIS, _rx(  # how their own case will go: "will mine get better?", "will mine go away after the op?"
        r"\b(?:will|would|could|can|do|be) (?:mine|my (?:\S+ )?(?:spasm|twitch\w*|hfs|face|eye|case|condition|one)) "
        r"(?:ever )?(?:\S+ )?(?:get better|improve|go away|clear up|settle|disappear|get worse)\b",
        r"\bas good as (?:it|this|mine) (?:be|s|'s|will) (?:\S+ )?(?:get|be)\b", r"\b(?:will|would) (?:it|mine|my \S+) (?:keep|continue) (?:on )?(?:improv|get\w* better)",
        r"\b(?:am|be) i (?:becom|get|build|develop)\w* (?:\S+ )?(?:immune|resistant|resistance|tolerant|tolerance)\b",
        r"\b(?:be|is) (?:hers|his|theirs|mine|her|my \S+|her \S+|his \S+) (?:\S+ )?(?:get|getting) (?:worse|better)\b",
        r"\bwill (?:it|hers|his|mine) (?:keep|continue) (?:on )?(?:spread|get\w* worse|grow)",
        r"\b(?:am|be) (?:i|he|she) (?:go|going|gonna) (?:to )?(?:end up )?need\w*\b",
    )),
    (SERIOUSNESS, _rx(
        r"\bbe (?:it|mine|this|that|my \w+) (?:at )?(?:an? |the )?(?:early|late|advanced|mild|severe) stage\b",
        r"\bbe (?:mine|his|hers|her|my \w+) (?:\S+ )?(?:progress\w*|worsen\w*|get\w* worse|spread\w*)\b",
        r"\bmean\w* my (?:case|one) (?:be|is) (?:\S+ )?(?:complicated|complex|serious|bad|severe)\b",
        r"\bbe (?:mine|my case|my one) (?:really |actually |truly )?(?:mild|severe|serious|bad)\b",  # "doc wrote 'mild'. is mine really mild?"
        r"\bhow bad (?:be|is) (?:that|this|it) for (?:me|him|her|them|my \w+)\b",  # "GP says a vessel touches mum's nerve. how bad is that for her?"
        r"\b(?:be|seem|sound) (?:this|it|that|mine|my \S+) (?:\S+ ){0,2}(?:serious|dangerous|bad|normal|worrying|"
        r"concerning|life threatening|life-threatening|a bad sign|something to worry)\b",
        r"\b(?:be|is) (?:that|this|it) (?:a )?bad\b", r"\bbad sign\b",
        r"\bshould i (?:\S+ ){0,2}(?:be )?(?:worry|worried|concerned|panic|scared|afraid)\b",
        r"\bdo i need to worry\b", r"\b(?:something|anything) (?:i |we )?(?:should |need to |have to )?(?:be )?(?:to )?worr(?:y|ied) about\b",
        r"\b(?:do|could|might|can) (?:i|he|she|they|my \S+|our \S+|his \S+|her \S+|it) (?:\S+ ){0,2}(?:have|be) (?:a |an )?(?:brain )?(?:tumou?r|cancer|stroke|ms)\b",
        r"\bbe (?:mine|my \S+|hers|his|her \S+|his \S+) one of\b",
        r"\b(?:am|be) i (?:\S+ )?(?:mild|severe|early stage|serious|a mild|a severe)\b", r"\bhow worried\b", r"\b(?:am|be) i (?:ok|okay|in danger|going to be ok)\b",
        r"\bmy (?:\S+ ){0,4}(?:serious|dangerous|worrying|normal)\?",
        r"\bcould (?:my|this|it) (?:\S+ ){0,3}be (?:a |an |something )?(?:\S+ )?(?:tumou?r|cancer|serious|stroke|ms|dangerous)",
        r"\bbe (?:my|this|it|mine) (?:\S+ ){0,3}(?:a |an )?(?:brain )?(?:tumou?r|cancer|stroke|ms)\b",
        r"\b(?:could|can|might|may|be) (?:my|his|her|this|it|mine) (?:\S+ ){0,3}be cause by (?:a |an |some )?(?:brain )?"
        r"(?:tumou?r|cancer|stroke|ms|growth|something serious)",
        r"\b(?:be|is) (?:my|mine|his|her) (?:\S+ ){0,3}(?:mild|severe|bad|serious|early) enough\b",
        r"\b(?:dangerous|serious|harmful|risky|life threatening|life-threatening) (?:\S+ )?for me\b",
        r"\bsign of (?:something )?(?:bad|serious|worse|wrong|sinister)", r"\b(?:need to|should i) panic\b",
        # "does that mean she's got something worse going on?"
        r"\bsomething (?:\S+ )?(?:worse|serious|sinister|bad|wrong|else) (?:go on|going on|happen\w*)\b",
        r"\bhow bad (?:be|is) (?:my|mine)\b", r"\bbe (?:his|hers|her|mine|theirs) (?:\S+ )?(?:more |less )?(?:bad|serious|severe|mild|worse)\b",
        r"\b(?:make|mean) (?:mine|hers|his|my \S+|her \S+|his \S+) (?:\S+ )?(?:more )?(?:serious|severe|worse|dangerous)\b",
        r"\b(?:am|be) (?:i|he|she|mine|it) (?:\S+ )?(?:get|getting) worse\b",
        r"\b(?:mine|my case|my one) (?:be|is) (?:\S+ )?(?:severe|mild|serious|bad)\b",
        r"\b(?:my|his|her) (?:\S+ ){0,3}(?:be|would be) (?:\S+ )?(?:consider|count|class|rate)\w* (?:as )?(?:severe|mild|serious)\b",
        r"\b(?:be|is) it a worry\b", r"\bmild or severe\b",
        r"\b(?:am|be) i (?:go(?:ing)? to be|gonna be) (?:ok|okay|alright|all right|fine)\b",
        r"\b(?:be|is) (?:that|this|it) what (?:i|he|she|we) (?:have|has|got|'ve got|ve got)\b", r"\bdo (?:i|he|she) have (?:it|this|hfs|hemifacial spasm)\b",
        r"\bdo (?:it|the \S+|my \S+) (?:\S+ )?fail\b(?=.*\b(?:me|my|i)\b)", r"\bfail\w* (?:for|on) (?:me|him|her)\b",
        r"\b(?:could|can|might|may) (?:my|his|her) (?:\S+ ){0,3}be (?:left over|leftover|from|due to|because of|related to|link\w* to|"
        r"a result of)\b",
        r"\b(?:would|do|could) you (?:call|say|class|consider|count|rate) (?:mine|my \S+|it|this|that|me|him|her) "
        r"(?:\S+ )?(?:as )?(?:mild|severe|serious|bad|early|moderate)\b",
        r"\b(?:am|be) i one of\b", r"\bbe (?:my|mine)(?: case| one| spasm| twitch)? (?:\S+ ){0,2}(?:mild|severe|early stage|serious)\b(?= or)",
        r"^(?=.*\b(?:mine|my|me|i|her|his|hers)\b).*\b(?:severe|mild|bad|serious|moderate) (?:case|one)\b",
        r"\bmy (?:condition|spasm|twitch\w*|case|hfs|face) (?:be )?(?:get|getting|become|go) (?:worse|bad)\b",
        r"\bhave (?:it|my \S+|the \S+|mine|this) (?:\S+ )?fail", r"\bmy (?:\S+ )?(?:operation|surgery|op|mvd|botox|treatment) (?:\S+ )?fail",
        r"\bmean (?:\S+ ){0,3}(?:be |get |getting )?(?:worse|serious|bad|more severe)\b",
        r"\b(?:be|is) my (?:\S+ ){0,3}(?:a )?sign\b", r"\bworr(?:y|ied)\s*\?\s*$",
        r"\blikely to be (?:\S+ ){0,2}(?:serious|tumou?r|cancer)\b",
        r"\bmy \S+ (?:\S+ ){0,8}(?:serious|dangerous|worrying|bad|normal)\s*\?\s*$", r"\bsign (?:of |that )?(?:something|anything) (?:be )?(?:serious|bad|wrong)",r"\b(?:something|anything) (?:be )?wrong with (?:me|him|her|my)\b",
    )),
    (WHICH_DOCTOR, _rx(
        rf"\b(?:clinic|{_PRACTITIONER}) or (?:a |the |an )?(?:\S+ )?(?:clinic|{_PRACTITIONER}) (?:\S+ )?for (?:my|his|her|me)\b",
        rf"\b(?:do|does) {KIN} (?:really |actually |even )?need\b",  # "does mum need the EMG test or can she skip it"
        rf"^(?:do i |i )?need (?:to )?(?:see|go to) (?:a |an |the )?(?:\S+ )?{_PRACTITIONER}\b(?= (?:yet|now|already)\b|\s*\?)",
        r"\b(?:the )?(?:better|best) (?:\S+ ){0,2}(?:surgeon|doctor|neurologist|consultant|specialist)\b",
        r"\b(?:do|should) (?:i|we|he|she) (?:\S+ )?(?:need|see|go to) an? (?:\S+ ){0,2}(?:doctor|specialist|surgeon|neurologist)\b",
        r"\b(?:the )?(?:right|best|correct|proper) (?:one|doctor|person|specialist|place) (?:for me |for him |for her )?to (?:see|go to|visit)\b",
        r"\b(?:which|what) (?:kind of |sort of |type of )?(?:doctor|specialist|test|scan|exam|consultant|"
        r"surgeon|department) (?:\S+ ){0,3}(?:i|me|we|us|he|she|him|her|they|them)\b",
        rf"\bwho (?:should|do|would|can) (?:i|we|he|she|they|{_RELATIVE}|{_RELATIVES}) (?:\S+ ){{0,2}}(?:see|go to|ask|talk to|contact)\b",
        r"\bshould(?:n't| not| n't)? (?:i|we|he|she) (?:\S+ )?(?:see|seeing|go to|going to) (?:a |an |the )?"
        r"(?:neuro\w*|ent|gp|doctor|specialist|surgeon|ophthalmologist|eye doctor|dentist)\b",
        r"\bdo (?:i|we) (?:see|go to) (?:a |an |the )?(?:neuro\w*|ent|gp|doctor|specialist|surgeon|ophthalmologist)\b",
        r"\bwho should (?:do|give|perform|carry out|inject) (?:my|his|her|the)\b",
        r"\b(?:ent|neuro\w*|gp|eye doctor|dentist|ophthalmologist|optometrist|optician|dermatologist|surgeon) or (?:a |an |the )?"
        r"(?:ent|neuro\w*|gp|eye doctor|dentist|ophthalmologist|optometrist|optician|surgeon|specialist|dermatologist)\b", r"\bwhich (?:doctor|specialist|surgeon|neurologist|consultant|neurosurgeon|physician|clinician|practitioner)\b",
        r"\bdr\.? \w+ or (?:dr\.? )?\w+\b", r"\bor will any (?:one|\S+) do\b", r"\bwho(?: 's| be| is|s) (?:the )?better\b",
        r"\b(?:\w+ )?doctor or (?:\w+ )?doctor\b", r"\b(?:ent|neuro\w*|gp|eye doctor|dentist|ophthalmologist) or (?:ent|neuro\w*|gp|eye doctor|dentist|ophthalmologist)\b",
        r"\bshould i (?:see|go to|ask|get|have) (?:a |an |the |my )?(?:\S+ )?(?:doctor|neurologist|"
        r"neurosurgeon|specialist|gp|surgeon|ophthalmologist|eye doctor|dentist|acupuncturist|test|scan|"
        r"mri|mra|emg|ct)\b",
        rf"(?<!why )\b(?:do|would|will|does) (?:i|he|she|we|{_RELATIVE}) (?:really |actually |even |definitely )?need "
        r"(?:a |an |the |to have |to get )?"
        r"(?:\S+ )?(?:mri|mra|emg|scan|test|"
        r"imaging|ct|referral|specialist|neurologist|neurosurgeon|x-ray|xray)\b",
        r"\b(?:see|go to) (?:my )?(?:gp|doctor) (?:\S+ )?or (?:\S+ ){0,3}(?:you|specialist|neurologist|neurosurgeon|clinic)\b",
        r"(?<!why would )(?<!why do )(?<!why should )(?<!why will )(?<!why might )\bi need (?:the )?(?:\S+ )?(?:mri|mra|emg|scan|test)\b(?! result)",
        r"\b(?:do|will) (?:i|he|she) (?:\S+ )?(?:mri|mra|emg|scan|test)s? (?:\S+ )?need\b",  # "kya mujhe MRI karwana padega"
        r"(?<!often )(?<!time )(?<!when )\bdo i (?:really |even |actually |personally )?need "
        r"(?:it|one|this|that|them|to have it|to get it)\b(?! again)",
        r"\bdo i (?:personally|actually|even) (?:need|require)\b", r"\brefer me\b",
        r"\bdo i (?:really |personally |actually |even )?require (?:\S+ ){0,2}(?:imaging|scan|test|mri|mra|emg)",
        r"\bwhich (?:\S+ ){0,3}(?:surgeon|doctor|neurologist|specialist|consultant)s? (?:should|ought to) "
        r"(?:\S+ ){0,2}(?:do|operate|treat|see)\b",  # "which of your surgeons should do my MVD"
        r"\b(?:should|need|must|ought|will|would|could)\b(?:\s\S+){0,4}? refer\w* (?:me|him|her|us|them)\b",
        r"\b(?:better|best) for me to (?:see|go)\b",
        r"\bwhich (?:of (?:your|the) )?(?:doctor|surgeon|specialist|neurologist|consultant|neurosurgeon)s? (?:\S+ ){0,4}(?:be )?(?:the )?best\b",
        rf"\b(?:do|would|will|does) (?:i|he|she|we|{_RELATIVE}) (?:\S+ )?need to (?:see|go to|get referred)\b",
        r"\b(?:or|should i) stick with (?:the |my )?(?:neurologist|doctor|gp|specialist|surgeon)\b",
        r"\b(?:can|could|should|do|may) (?:i|we|he|she) (?:\S+ )?(?:see|go to|use|ask) (?:a |an |the |my )?(?:\S+ )?"
        r"(?:\w+ologist|\w+iatrist|dentist|optician|chiropractor|ent|gp|nurse|spa|beautician|pharmacist)\b",
        r"\b(?:do|will|would|must) (?:i|we|he|she) (?:gotta|got ta|get to|have to) see\b",
        r"\b(?:better|best) (?:i|we|he|she|for me to|to) (?:\S+ )?(?:go|see)\b",
        rf"\bshould (?:i|we|he|she|{_RELATIVE}) (?:\S+ )?(?:see|go to) (?:\S+ ){{0,3}}(?:neuro\w*|specialist|surgeon|\w+ologist)\b",
        r"\bdo (?:i|we) (?:go back to|return to|go straight to) (?:a |an |the |my )?(?:neuro\w*|ent|gp|doctor|specialist|surgeon)\b",
        r"\b(?:do|will) (?:i|we|he|she) need (?:someone|somebody|a doctor) (?:else|different)\b",
        r"\b(?:do|does|will|would|should) (?:my|his|her) (?:\w+ologist|\w+iatrist|gp|doctor|specialist|surgeon) "
        r"(?:need to|have to|have|need) (?:be )?(?:involve|know|see|check|clear|approve|sign)\w*",
        r"\bcan (?:my|his|her) (?:gp|doctor|dentist|\w+ologist|nurse) (?:just )?(?:do|give|inject|prescribe|look after|treat|manage)\b",
        r"\b(?:be|get) referred\b",
        r"\bwhich (?:one )?(?:of (?:your|the) )?(?:doctor|surgeon|specialist|neurologist|consultant|neurosurgeon)s? "
        r"(?:should|do|can|would|shall) (?:i|we)\b",
        r"\b(?:can|could|should|may|do) (?:i|we|he|she) (?:just )?go straight to (?:a |an |the |my )?\S+",
        rf"\bdo (?:i|we) (?:\S+ )?(?:see|go to|visit) (?:a |an |the |my )?(?:\S+ )?{_PRACTITIONER}",
        rf"\bshould (?:my|the|a|an) (?:\S+ )?{_PRACTITIONER} (?:\S+ )?(?:do|give|inject|perform|treat|manage) (?:my|his|her)\b",
        r"\b(?:have|need) to see (?:someone|somebody|my gp|a gp|the gp|my doctor|a doctor) (?:else )?first\b",
        # "licensed acupuncturist or my neurologist?"; "is a chiropractor an ok person to see?"; "does it have to be a neurologist?"
        rf"\b{_PRACTITIONER} or (?:a |an |the |my |your )?(?:\S+ )?{_PRACTITIONER}",
        rf"\brecommend (?:me )?(?:a |an |any |a good |some )?(?:\S+ )?{_PRACTITIONER}",
        r"\b(?:ok|okay|good|right|safe|fine|alright|sensible) (?:person|one|place|people|choice|practitioner) to (?:see|go to|visit|ask)\b",
        rf"\b{_PRACTITIONER} (?:\S+ )?(?:ok|okay|fine|alright|allow\w*|qualified|able|safe) to (?:do|give|inject|perform|treat)\b",
        r"\b(?:do|does|will|would|must) (?:it|they|that|this) (?:have|need|got) to be (?:a |an |the |done by (?:a |an |the )?)?(?:\S+ )?"
        r"(?:\w+ologist|\w+iatrist|doctor|surgeon|specialist|gp|nurse|neurosurgeon)\b",
        r"\b(?:start|begin) with (?:my |a |the )?(?:gp|doctor|specialist|neuro\w*)\b(?:\s\S+){0,3}? or\b",
        r"\bwho (?:exactly |actually |precisely )?(?:be|is) (?:that |this )?(?:someone|somebody)\b",
        r"\bwhich (?:one|doctor|surgeon|specialist|neurosurgeon|consultant) (?:do|should|can) (?:i|we) ask for\b",
        r"\b(?:take|bring) (?:this|it) to (?:my|a|the) (?:\S+ ){0,2}(?:consultant|doctor|gp|specialist|neurologist|nurse|\w+ologist)\b",
        r"\b(?:a )?different (?:specialist|doctor|consultant|team)\b",
        r"\b(?:dentist|doctor|gp|ent|\w+ologist|\w+iatrist|nurse|optician|physio\w*|therapist|surgeon|specialist|they|them)\b"
        r"(?:\s\S+){0,3}? the right (?:person|people|one|doctor|team|specialist)s?\b",
        r"\bwho (?:should|ought to) (?:be )?(?:sort|look|deal|treat|manag|handl)\w*\b",
        r"\b(?:which|what) (?:kind of |sort of |type of )?(?:doctor|specialist|clinic|surgeon|person|people) (?:\S+ )?"
        r"(?:do|does|give|gives|perform|performs)\b",
        r"\b(?:proper|right|qualified|good|real|registered) (?:doctor|person|practitioner|specialist|someone|acupuncturist) "
        r"(?:for|to do|to see)\b",
        r"\bwho (?:\S+ )?(?:do|give|perform|carry out) (?:the |my |your |these |those )?(?:botox|injection|jab|shot|"
        r"surgery|mvd|op|operation|acupuncture|emg)s?\b(?=.*\b(?:\w+ologist|\w+iatrist|doctor|surgeon|dentist|nurse|gp|salon|beautician)\b)",
        r"\b(?:neurologist|dermatologist|ophthalmologist|optician|gp|dentist|ent|neurosurgeon) or (?:an? )?\w+ "
        r"(?:\S+ ){0,5}which\b", r"\bshould (?:\S+ ){0,2}see an? (?:ent|neuro)",
    )),
    (SELF_DIAGNOSIS, _rx(
        r"\bright about (?:me|him|her|my)\b", r"\bmy symptoms? (?:\S+ )?(?:sound|seem|look)\w* like\b",
        r"\b(?:do|does) (?:he|she|my \w+) (?:actually |really |definitely )?have (?:hemifacial|hfs|it|this)\b",
        r"\bdo i (?:therefore |then |really |actually |definitely |even |now |still )?have\b(?! to\b)", r"\bhave i (?:get|got)\b",
        r"\bhave (?:he|she|they) (?:get|got) (?:hemifacial|hfs|it|this|that)\b",
        r"\bmean (?:it|mine|hers|her|his|she|he) (?:be|'s|is|have|has|got) (?:\S+ )?(?:something else|something different|"
        r"a different|another|not (?:hemifacial|hfs))\b",
        r"\bmean (?:it|mine) (?:be|'s|is) (?:not )?(?:hemifacial|hfs)\b", r"\b(?:am|be) i (?!able)(?:\S+ ){0,2}(?:hemifacial|sick|ill)\b",
        r"\b(?:be|could) (?:that|this|it) (?:be )?(?:why|the reason|what be caus\w*) (?:i|i'm|im|my|mine)\b",
        r"\bbe (?:this|it|mine|that) (?:just |really |actually |definitely |probably )?(?:this |the |that )?(?:hemifacial|hfs)\b",
        r"\bbe (?:this|that|it|mine) (?:the |this )?(?:spasm|twitch|hemifacial|hfs|condition)\b (?:\S+ ){0,2}or (?:something|anything) "
        r"(?:else|different)\b",
        r"\bmean (?:i|he|she|my \S+) (?:have|got|has|get)\b(?! to)",
        r"\bwhat (?:do |have )?(?:i|he|she) (?:have|get|got|has)\b(?= (?:then|now|instead|exactly)\b|\s*\?)",
        r"\bbe (?:my|mine|his|her) (?:\S+ )?(?:actually |really |just )?(?:part of|cause by|due to|from|relate to|link to|linked to|related to) "
        r"(?:my|his|her)\b", r"\bdiagnose me\b", r"\bi have (?:hemifacial|hfs|it|this)(?: spasm)? or not\b",
        r"\b(?:this|it) (?:be|is) (?:the )?(?:hemifacial|hfs)\b(?=.*\bor\b)",
        r"\bbe (?:my|his|her) (?:\S+ ){0,3}(?:twitch|spasm|blink|tic|eye|face)\w* (?:just |really |actually )?(?:hemifacial|hfs)\b",
        r"\bwhat (?:be|s|'s) wrong with me\b", r"\bdo (?:this|my) (?:\S+ ){0,3}(?:mean|sound like)\b(?! i (?:need|should|have to|must))",
        r"\bi think i (?:have|get|might have|may have)\b",
        r"\b(?:could|can|might|may|be) (?:my|his|her) (?:\S+ ){0,2}(?:twitch|spasm|blink|tic)\w* (?:\S+ )?(?:be )?(?:from|cause by|due to) (?:a |an )?\w+",
        r"\bif i (?:have|get|got) (?:one|it|that|this|a tumou?r|hemifacial|hfs)\b",
        r"\bi(?: ?'ve| ve| have|ve)? (?:got|get) (?:it|this|that|hfs|hemifacial)(?: \w+)? (?:too|as well|then)\b",
        r"\bbe mine (?:still |just |really |actually |definitely |probably )?(?:hemifacial|hfs|from|cause|due|the same|something else|"
        r"a (?:\S+ )?(?:case|sign|type|kind))\b",
    )),
    (PERSONAL_CHOICE, _rx(
        r"\bwhich (?:\S+ ){0,2}(?:i|we) (?:personally )?should (?:select|choose|pick|go for|have|get|opt for)\b",
        r"\b(?:bad|good|wise|sensible|smart) idea for (?:me|him|her|us|my)\b",
        r"\bwhich (?:one )?(?:do|should|shall) i (?:pick|choose|go for|get|have)\b", r"\bwhich\S* (?:\S+ ){0,3}(?:better|best|right) (?:for|in) (?:me|him|her|them|my|his|their)\b", r"\b(?:you|do you) think i should\b",
        r"\b(?:be|is|am) (?:i|he|she|my \w+) an? (?:\S+ )?(?:complex|mild|severe|bad|early|serious) case\b",
        r"\b(?:have|has) (?:i|he|she|we|my \w+) left it too late\b", r"\bdo i (?:go|get|have|wait|keep) (?:\S+ ){0,4}or\b",
        r"\bshould (?:i|he|she|we|they) (?:say yes|agree|accept|go ahead|do it|go for it)\b",
        r"\bshould (?:i|we)\b", r"\bshall (?:i|we)\b",
        r"\b(?:am|be) i (?:\S+ ){0,3}(?:mild|severe|early|late|advanced) (?:stage|case|phase|one)\b",
        r"\b(?:would|do|does|will) (?:i|mine|my case|he|she) count as\b",
        r"\b(?:do|should|shall|can) (?:i|we) (?:\S+ ){1,4}before or (?:\S+ ){0,2}(?:after|wait)\b", r"\bmust (?:i|we)\b(?! \S+ (?:first|before))(?! (?:lie|stay|keep|remain|sit|wear|fast|undress|be in)\b)", r"\bdo i (?:really )?need (?:a |an |to have |to get |to try )?"
        r"(?:proper |real |some |more |another |a second |further |a repeat |a redo |a new )?"
        r"(?:surgery|mvd|decompression|botox|operation|treatment|medication|medicine|pill|injection)\b",
        r"\b(?:whether|if) (?:i|we) (?:should|ought to|need to|must)\b", r"\badvise (?:me )?(?:whether|if|which)\b",
        r"\bwould you recommend\b", r"\bwhat would you (?:do|choose|recommend)\b", r"\bwhat you (?:would|'d|d) do\b", r"\bin my (?:shoes?|position|place|boots)\b", r"\bif you (?:be|were|was) me\b", r"\b(?:would|do|can) you (?:advise|suggest)\b", r"\bgood plan\b",
        rf"\bshould (?:he|she|they|{_RELATIVE}) (?:\S+ ){{0,2}}(?:have|get|go|do|try|start|wait|book|choose|pick|stick)\b",
        r"\b(?:how (?:many|much|often|long)|which|what) (?:\S+ ){0,5}(?:i|we) (?:should|must|need to|have to) "
        r"(?:do|have|get|take|try|go for|choose|pick|start|book)\b",
        r"\bwhich (?:one )?(?:\S+ )?for (?:me|him|her|us)\b", r"\bwhich (?:one )?to (?:pick|choose|go for|have|get)\b",
        r"\bfor (?:my|his|her) case\b", r"\b(?:someone|a person|people|somebody) like (?:me|him|her|us)\b",
        r"\bwould (?:i|he|she|we) be better (?:off )?(?:on|with|having|getting|going|to)\b",
        # "for my dad, 78, better the tablets or the jabs?"
        r"\bfor (?:me|him|her|my \S+)\b(?:\s\S+){0,4}? (?:be )?better (?:the |a )?\S+ or\b",
        r"\bbetter (?:the |a )?\S+ or (?:the |a )?\S+ for (?:me|him|her|my \S+)\b",
        r"\b(?:am|be) i (?:\S+ )?better (?:off )?(?:go|going|with|on|having|getting|to)\b",
        r"^(?=.*\b(?:mvd|surgery|op|operation|decompression)\b).*\b(?:push|put|move) (?:it|them) (?:\S+ ){0,2}(?:back|off)\b",
        r"\bme (?:choose|pick|decide)\b", r"\b(?:cure|fix|sort) me\b",
        r"\b(?:go for|opt for|have|get) (?:the |an? )?(?:\S+ ){0,2}(?:now )?or (?:keep|stick|stay|carry on|continue|wait)\w*\b(?=.*\?)",
        r"\b(?:for|at) (?:someone|somebody|a person|people|person) (?:of )?(?:my|his|her) age\b",
        r"\b(?:push|move|put|shift|bump)\w* (?:the |my |our |his |her )?(?:mvd|surgery|op|operation|decompression|botox|injection|"
        r"jab|shot|treatment)s? (?:\S+ )?(?:to|till|until|back|off|into)\b(?=.*(?:\?|\b(?:ok|okay|should|can|could|would)\b))", r"\b\w+ or \w+ for (?:me|him|her|us)\b", r"\bany reason (?:i|we|he|she) (?:should not|shouldn't|should n't)\b",
        # a procedure or a course of treatment put off or given up
        r"\b(?:postpone|delay|put off|push back|skip|give up on|cancel)\w* (?:\S+ ){0,3}"
        r"(?:mvd|surgery|op|operation|decompression|botox|injection|jab|shot|treatment)s?\b"
        r"(?=.*(?:\?|\b(?:ok|okay|should|can|could|would|is it|be it|fine|alright)\b))",
        r"\b(?:stop|quit) (?:go|going|come|coming)\b(?: \S+){0,4}",
        r"\bwhich (?:\S+ ){0,3}(?:should i|be best for me|be right for me|do you recommend)\b",
        r"\bbe (?:\S+ ){0,3}(?:right|safe|good|suitable|ok|okay|enough) for me\b", r"\bfor me\b.*\?",
        rf"\b(?:work|help|be right|be safe|be good|be best) (?:\S+ )?for (?:me|him|her|{_RELATIVE})\b",
        r"\bcan (?:i|he|she|we) still (?:have|get|go for) (?:the |an? |my |his |her )?(?:\S+ )?(?:mri|mra|emg|scan|test|botox|"
        r"injection|jab|surgery|op|operation|mvd|decompression|treatment|acupuncture|tablet|pill)s?\b", r"\bworth (?:\S+ ){0,2}put\w* (?:\S+ ){0,2}through\b",
        r"\bbe (?:that|this|it) (?:a )?(?:good|bad|smart|wise) idea\b", r"\bgood idea\b",
        r"\bmy (?:doctor|neurologist|surgeon|gp) (?:\S+ )?(?:want|suggest|recommend|say|think)\b",
        r"\b(?:am|be) i a (?:good )?candidate\b", r"\bi (?:be|am|'m) (?:a |an )?(?:good |suitable |right |ideal )?candidate\b",
        r"\btoo (?:long|late) to (?:\S+ ){0,2}(?:wait|leave it|hold off)\b",  # "is 6 months too long to 'wait and see'?"
        r"\b(?:am|be) (?:i|he|she|mine) too (?:late|old|far gone)\b", r"\b(?:first|better|best) for me\b",
        r"\b\d+ (?:mg )?or \d+ (?:mg )?(?:\S+ ){0,2}(?:better|best|right|ok|okay)\b",  # "200 or 400 better for the twitch?"
        r"\bsuit (?:me|him|her|us)\b", r"\bi (?:want|need) (?:a )?(?:prescription|referral)\b",
        r"\bprescribe\b", r"\brecommend (?:\S+ ){0,2}(?:me|for me)\b", r"\byour recommendation\b",
        r"\bif you (?:be|were|was) me\b", r"\bdo (?:you|u) think (?:i|my|mine|me)\b",
        r"\bought i\b", r"\byes or no\b", r"\b(?:am|be) i (?:\S+ )?(?:too old|too young|old enough|fit enough|suitable)\b", r"\bshould (?:i|we) (?:go ahead|say yes|accept|agree)\b",
        rf"\bdo (?:{_RELATIVE}|he|she) (?:really |even )?need\b", rf"\b(?:best|right|safe|ok|okay) for (?:{_RELATIVE}|him|her)\b",
        rf"\bshould (?:{_RELATIVE}|he|she) (?:\S+ )?(?:have|get|try|take|stop|start|see|go to|go for|opt for|choose|consider|"
        r"book|ask|request|push|insist|wait|go back)\b", r"\bshould (?:he|she|they)\s*\?",
        # their own schedule: "when is my next Botox due?"
        r"\bwhen (?:be|should|will|do|can) (?:i|my|he|she|his|her) (?:\S+ ){0,2}(?:next|due)\b|\bmy next (?:\S+ ){0,2}due\b",
        r"\bdo (?:that|this|it|my \S+) mean (?:i|my) (?:\S+ )?(?:have to|need|must|should|will)\b",
        r"\b(?:my case|mine) (?:\S+ ){0,2}need\w* (?:\S+ ){0,2}(?:test|scan|mri|mra|emg|surgery|op|operation)", r"\bwould (?:you|u|y'all|yall|ya) (?:\S+ )?(?:pick|choose|go for|have|do)\b", r"\bif it (?:be|was|were) (?:you|u)\b", r"\bif you (?:be|were|was) (?:me|him|her|my \w+|in my)\b",
        r"\bor (?:can|could|should|may) i (?:just )?(?:skip|miss|avoid|cancel|refuse|decline|say no to|give) (?:it|them|that|this|the \S+)\b",
        r"\bworth (?:me|it for me)\b", r"\btoo risky (?:for me )?or\b", r"\bfor me,? which\b|\bwhich one for me\b",
        r"\btime for me to\b", r"\bcan i do both\b", r"\b(?:who|which|what)(?: 's| be|s)? (?:\S+ ){0,2}right for (?:me|him|her|us)\b",
        r"\bright (?:option|choice|treatment|one|thing) for (?:me|my|him|her)\b", r"\b(?:ok|okay|fine|alright) for me\b",
        r"\bin (?:my|his|her|their|our) (?:own )?(?:case|situation)\b", r"\b(?:for me|for him|for her) personally\b",
        rf"\bbetter (?:\S+ ){{0,5}}for (?:sa )?(?:me|him|her|us|{_RELATIVE})\b",  # "mas better para sa akin"
        rf"\b(?:would|could|will|can) (?:i|he|she|{_RELATIVE}) (?:\S+ )?survive\b",
        rf"\b(?:he|she|{_RELATIVE}) (?:be|'s|is) (?:\d+|too old|very old|frail)\b(?:\s\S+){{0,8}}?\s(?:should|would|can|could|ok|safe)\b",
    )),
    (NEXT_STEP, _rx(
        r"\bwhat (?:can|should|do) i (?:\S+ ){0,2}do\b", r"\bwhat (?:now|next)\b", r"\bnext step",
        r"\bwhere (?:do|should|can) i (?:\S+ ){0,2}(?:start|go|begin|turn)\b", r"\bwhere to (?:start|begin|go)\b",
        r"\bwhat (?:be|do) (?:\S+ ){0,2}my (?:option|choice)", r"\bany advice\b", r"\badvise me\b",
        r"\bwhat to do\b", r"\bwho (?:do|should|can) i (?:\S+ ){0,2}see\b",
        r"\bhelp me (?:decide|choose|pick|understand what|figure out what|know what)\b",
        r"\bgo from here\b", r"\bwhat (?:be|do) i (?:suppose|meant) to do\b",
        r"\bwhat (?:should|can|could) (?:he|she|they|we) do\b",
        r"\b(?:book|make|get) (?:\S+ ){0,3}(?:appointment|appt) (?:\S+ ){0,2}or (?:\S+ ){0,2}wait\b",
        r"\bor (?:just )?wait (?:and see|it out|a bit|a while|until)\b",
    )),
)


# These kinds are about the patient's own medicine or symptom: the message must speak of them.
_FIRST_PERSON_KINDS = {SERIOUSNESS}
# Their own case, or a relative's ("does he have a tumour?").
_FIRST_PERSON = re.compile(rf"\b(?:i|i'm|im|i've|ive|i'd|me|my|mine|myself|he|she|him|her|hers|his|our|{_RELATIVES})\b")


_NOT_ASKING = re.compile(r"\b(?:i be |i am |i'm |im )?not (?:\S+ )?ask\w* (?:you )?(?:for|about) (?:a |the |any |my )?"
                         r"(?:dos(?:e|age|ing)|amount|number)\b|\bin term of dos(?:e|age|ing)\b")


# "The spasms are getting more frequent, is that a bad sign?" asks about their own case.
_SIGN_OF_TROUBLE = _rx(r"\bbad sign\b", r"\b(?:be|is) (?:that|this|it) (?:a )?(?:bad|serious|worrying)\b",
                       r"\b(?:something|anything) (?:to )?worr(?:y|ied) about\b")


# A relative named, not "a patient" or "the patient" in general.
_NOT_ANYONES = r"(?<!\ba )(?<!\ban )(?<!the )(?<!any )(?<!every )(?<!some )(?<!most )(?<!other )(?<!each )"
_KIN_OWNER = re.compile(rf"(?:^|(?<= )){_NOT_ANYONES}(?:my |me |our |your )?{KIN} (?:'s|s|be(?= (?:case|situation|"
                        r"condition|age|face|eye|twitch|spasm|scan|result|mri|report|symptom)s?\b))(?= )")
_KIN_SUBJECT = re.compile(rf"(?:^|(?<= )){_NOT_ANYONES}(?:my |me |our |your )?{KIN}(?= )")


def personal_advice_kind(message: Readable) -> Optional[str]:
    """The kind of personal advice asked for, or None for a general question."""
    reading = as_reading(message)
    if not reading.text.strip():
        return None
    personal = bool(_FIRST_PERSON.search(reading.lower))
    lemmas = _NOT_ASKING.sub(" ", reading.lemmas)  # "in terms of dosing - NOT asking for a dose!! - ..."
    # "should nan go for the jabs?", "what tests will my nan need?": a relative asked about is "she"
    as_pronoun = _KIN_SUBJECT.sub("she", _KIN_OWNER.sub("her", lemmas))
    readings = (lemmas,) if as_pronoun == lemmas else (lemmas, as_pronoun)  # no relative named: one pass
    for kind, pattern in _PATTERNS:
        if (personal or kind not in _FIRST_PERSON_KINDS) and any(pattern.search(text) for text in readings):
            return kind
    return SERIOUSNESS if _SIGN_OF_TROUBLE.search(lemmas) else None


_CHANGE_IT = re.compile(
    r"\b(?:stop|quit|skip|miss|double|halve|taper|wean|come off|get off|cut down|cut back|switch|change|"
    r"reduce|increase|lower|up)\w* (?:\S+ ){0,2}(?:mine|them|it|these|those|the dose)\b")
MEDICINE_TOPICS = ("oral_medicines", "botox")


# "My carbamazepine makes me sleepy, can I just stop it?": the medicine named, then changed by the patient.
_I_CHANGE_IT = re.compile(
    r"\b(?:i|we|he|she|(?:ok|okay|safe|fine|alright) to) (?:\S+ ){0,3}(?:stop|quit|skip|drop|ditch|halve|double|come off|get off|cut down|cut back|"
    r"wean)\w* (?:\S+ )?(?:it|them|these|those)\b")


def medicine_change_in_context(message: Readable, last_topic: Optional[str]) -> bool:
    """'Can I stop mine?' right after a medicine or Botox answer, or after naming one, is a medicine change."""
    lemmas = as_reading(message).lemmas
    if last_topic in MEDICINE_TOPICS and _CHANGE_IT.search(lemmas):
        return True
    return bool(_I_CHANGE_IT.search(lemmas) and re.search(rf"\b{MEDICINE}", lemmas))
