"""Crisis signs by concept, beside the phrase list in ``bot.safety.redflags``.

People in crisis rarely use the words a list expects. These patterns name the concepts instead,
each as a combination that ordinary questions do not make:
- **a method pictured or intended**: an ideation verb, then a way of dying;
- **means made ready**: a way to die (a gun, a rope, a blade, a stock of pills, a poison) with
  a sign of readiness ("got the razor out", "the pills counted out", "hidden a bag of pills");
- **poison taken**: drinking or swallowing a poison;
- **settling affairs**: goodbyes, a will, a chosen date, loose ends, pets given away;
- **wishing to be gone**: hoping to die, a painless way out, being a burden, sleeping forever;
- **a place to die**: standing on a bridge, looking over a car park's top floor;
- **self-injury and past attempts**: scratching until it bleeds, "I tried to end it before";
- **other languages**: the commonest phrases in German, French, Portuguese and Italian
  (Spanish has its own module).
Patterns read lemmas (``bot.nlp.normalize``), except ``RAW_PATTERNS``.
"""

from __future__ import annotations

import re

from bot.nlp.medicines import medicine_pattern

_WEAPON = r"(?:gun|shotgun|rifle|pistol|firearm|rope|noose)"
_WEAPON_READY = r"(?:out\b|ready|already|loaded|in my hand|got|have|bought)"
_STOCK = rf"(?:pill|tablet|med|meds|vial|{medicine_pattern()})"
_STOCK_READY = (r"(?:counted out|lined up|laid out|hid\w*|hidden|stash\w*|sav\w* up|"
                r"stockpil\w*|hoard\w*)")

_SAVED_PILLS = r"sav(?:e|ed|ing) (?:up )?(?:all )?(?:my|the|her|his) (?:\S+ )?(?:tablet|pill|med|meds|capsule)s?\b"
_NOT_HERE = r"(?:not|n't|wo not|will not) be (?:here|around|alive)\b"

# A way of dying, pictured or intended: an ideation verb, then a method within a few words
# ("keep thinking about stepping out in front of a lorry", "I picture walking into the sea").
_IDEATION = (r"(?:think\w*|picture|picturing|imagin\w*|fantasi[sz]\w*|dream\w*|urge|tempt\w*|want|wan na|wanna|"
             r"go(?:ing)? to|gonna|plan\w*|could just|wish i could|tell\w* me to)")
_METHOD = (r"(?:(?:jump|step|walk|drive|driving|throw|fall|crash|swerve|run|lie|lying|lay|yeet|launch|fling|chuck)\w* "
           r"(?:\S+ ){0,2}"
           r"(?:off|into|in front of|under|from|onto|on) (?:\S+ ){0,2}"
           r"(?:bridge|ledge|roof|cliff|train|lorry|truck|bus|traffic|track|platform|sea|river|canal|car park|"
           r"reservoir|lake|quarry|multistorey|balcony|window|motorway|highway|wall|tree)|"
           r"hang\w* my ?self|noose|rope (?:\S+ ){0,2}neck|"
           r"slit\w* (?:\S+ ){0,2}wrist|cut\w* (?:\S+ ){0,2}wrist|shoot\w* my ?self|gun (?:\S+ ){0,2}head|"
           r"drown\w*|gas (?:my ?self|the car)|exhaust pipe)")

# Past tense is lost in lemmas: "took all my pills" is read on the raw text.
LEMMA_PATTERNS = re.compile("|".join(f"(?:{p})" for p in (
    # a way of dying, pictured or intended
    rf"\b{_IDEATION} (?:\S+ ){{0,4}}{_METHOD}",
    # means made ready
    rf"\b{_WEAPON}s? (?:\S+ ){{0,3}}{_WEAPON_READY}", rf"\b{_WEAPON_READY} (?:\S+ ){{0,3}}{_WEAPON}\b",
    rf"\b{_STOCK}s? (?:\S+ ){{0,4}}{_STOCK_READY}", rf"\b{_STOCK_READY} (?:\S+ ){{0,6}}{_STOCK}",
    rf"\block\w* (?:my|him|her|them)(?:self|selves) (?:\S+ ){{0,6}}(?:{_STOCK}|{_WEAPON}|knife)",
    r"\b(?:razor|blade|knife) (?:\S+ ){0,2}(?:out|ready|in my hand)\b",
    rf"\b(?:the|a|my) {_WEAPON} (?:be|is|'s) (?:\S+ )?(?:in|under|behind|upstairs|downstairs|by|next to) (?:the|my)\b",
    r"\b(?:he|she|they) (?:\S+ ){0,8}know\w* (?:exactly )?how (?:much|many) to take\b",
    # too much asked "for later", or beside withdrawal: "how much baclofen is too much 'so she knows for later'"
    r"\bhow (?:much|many) (?:\S+ ){0,4}(?:be )?too (?:much|many)\b(?=.*\b(?:for later|"
    r"withdr[ae]wn?|hopeless|no point|give up|giving up)\b)",
    r"\b(?:keep|carry|hide|have)\w* (?:a |my |the )?(?:razor|blade|knife|razor blade) (?:\S+ ){0,6}"
    r"(?:for when|in case)\b",
    rf"\b(?:[2-9]\d|\d{{3}}) (?:\S+ ){{0,2}}{_STOCK}s? (?:\S+ ){{0,2}}"
    r"(?:save|saved|stash\w*|hidden|hid|store|stored|kept|put away|set aside)\b",
    r"\b(?:sit|sat)\w* in (?:the |my |a )?(?:closed |shut )?(?:garage|car) (?:\S+ ){0,4}"
    r"(?:engine|car|motor) (?:\S+ )?run",
    r"\b(?:go|head|walk|drive|driving)\w* (?:\S+ ){0,3}(?:bridge|cliff|roof|ledge|car park|multistorey|railway|track|"
    r"top floor) (?:\S+ ){0,4}(?:jump|throw my ?self)\b",
    r"\bthink\w* (?:about |of )?jump\w*\b(?! (?:to|into|in|at|on|ahead|straight|the queue|ship))",
    # a weapon dwelt on, or taken out after "I've had enough"
    rf"\b(?:star|stare|gaz)\w* at (?:\S+ ){{0,2}}{_WEAPON}s?\b",
    rf"\b(?:have|had|'ve) (?:had )?enough\b(?:\s\S+){{0,12}}? {_WEAPON}s?\b",
    r"\bon be(?:ing)? here\b|\bbe(?:ing)? here at all\b", r"\bdo it when (?:i|i 'm|i be|i am) ready\b",
    # poison taken
    r"\b(?:drank|drink|drunk|swallow\w*|take|took|eat|ate) (?:\S+ ){0,2}"
    r"(?:weed ?killer|bleach|poison|antifreeze|pesticide|rat poison|paraquat)",
    # poison got for oneself: "he told me he bought rat poison for himself"
    r"\b(?:poison|weed ?killer|antifreeze|bleach|paraquat|pesticide)\w* (?:\S+ ){0,2}for (?:my|him|her|them)sel",
    # settling affairs
    r"\bmade my peace\b", r"\bready to go (?:tonight|now|today|soon)\b", r"\bloose end",
    r"\btonight (?:be|is) the night\b", r"\bpick\w* a date\b(?!\s+(?:for|to|with|in|at|of))",
    r"\bgoodbye\b(?:\s\S+){0,25}? have (?:get |got )?what i need\b(?! to know| for)",
    r"\bbe (?:dead|gone) (?:long )?before (?:\S+ ){0,6}(?:cancel|(?:will not|wo not|won't) need|no need)",
    r"\bpick\w* (?:the |a )?(?:place|date|day|time|spot) and (?:the |a )?(?:place|date|day|time|spot)\b",
    r"\b(?:write|wrote|written|made|make|update\w*|finish\w*|sort\w*) (?:\S+ ){0,2}(?:my |a )will\b",
    r"\bsorry for (?:everything|being (?:such )?a burden|being born)\b(?! (?:i|you|we|he|she)\b)",
    r"^goodbye\b(?:\s\S+){0,20}? (?:will not|wo not|won't) (?:be )?need\w* "
    r"(?:the |my |your )?"
    r"(?:appointment|botox|treatment|surgery|op|mri|scan)",
    r"\b(?:post\w*|write|wrote|written|say|said|left|text\w*|messag\w*|sent|send|email\w*|call\w*) "
    r"(?:\S+ ){0,2}goodbye",
    r"\bgiv\w* (?:\S+ ){0,3}(?:cat|dog|pet|medal|tool|guitar|jewel\w*|ring) (?:\S+ ){0,3}(?:to|away)\b",
    r"\bgave (?:away )?my (?:cat|dog|pet|medal|tool|guitar|jewel\w*|ring)s?\b",
    r"\bgiv(?:e|ing) away (?:my |his |her |their |all (?:of )?(?:my |his |her )?)?(?:\S+ )?"
    r"(?:cat|dog|pet|medal|tool|guitar|"
    r"jewel\w*|ring|watch|belonging|possession|thing|stuff)s?\b",
    r"\b(?:not|n't|never) (?:\S+ ){0,4}be around (?:for|much|long|next|to see|by|anymore|any more)\b"
    r"(?! (?:week|weekend|month|monday|tuesday|wednesday|thursday|friday|saturday|sunday|\S+ (?:week|weekend|month))\b"
    r"(?:\s\S+){0,6}? (?:holiday|away|travel\w*|work\w*|trip|abroad|book|appointment|reschedul\w*|move))",
    r"\b(?:will not|wo not|won't|do not|don't) need (?:\S+ ){0,3}where (?:i|he|she) (?:be|'m|m|am|'s) go\b",
    r"\b(?:write|wrote|written|finish\w*|leave|left) (?:\S+ ){0,2}(?:the|my|a) (?:suicide |goodbye |last )?note\b"
    r"(?:\s\S+){0,25}? (?:after i (?:be|'m|m|am) (?:go|gone|dead)|when i (?:be|'m|m|am) gone|goodbye)\b",
    r"\b(?:will not|wo not|won't) (?:be )?need\w* (?:the |my |your )?(?:appointment|info|information|botox|treatment|"
    r"surgery|op|mri|scan)\b(?:\s\S+){0,8}? (?:peace|ready|goodbye|tonight|anymore|any more|go)\b",
    # wishing to be gone
    r"\bhelp (?:me|him|her|them) (?:to )?(?:die|end it|end (?:my|his|her|their) life|go peacefully)\b",
    r"\b(?:wish|wishing|rather|better)\w* (?:\S+ ){0,3}never (?:be|been|was|were) born\b",
    r"\b(?:no|zero|not (?:\S+ ){0,2}(?:any|a|one)|n't (?:\S+ ){0,2}(?:any|a|one)) (?:good |real )?reason "
    r"(?:left )?(?:to|for) "
    r"(?:keep (?:go\w*|on)|go\w* on|carry\w* on|live|living|be alive|stay alive|be here|exist\w*|wake up)\b"
    r"(?! (?:with|the|my|taking|take|to|for|back|botox|treatment|this|it|them|tablet|pill|med|injection|jab|therapy))",
    r"\b(?:i|me|my ?self) (?:\S+ ){0,2}(?:like|want to|wanna|wish i could|could|just) (?:\S+ )?"
    r"(?:vanish|disappear|fade away)\w* "
    r"(?:\S+ ){0,2}(?:forever|for good|for ever|permanently|off the face of the earth)\b",
    r"\b(?:stop|keep|prevent)\w* (?:me|him|her) (?:from )?wak\w* up\b",
    r"\b(?:my )?(?:last|final) (?:message|text|word|words|post)s? (?:to|for) "
    r"(?:anyone|anybody|everyone|you all|the world)\b",
    r"\b(?:pray|hope|wish)\w* (?:\S+ ){0,3}(?:will not|wo not|won't|do not|don't|never) wake up\b",
    r"\b(?:i 'll|i will|i ll|ill|i be go to|i m go to|i be gonna) end it\b"
    r"(?! (?:with|by|after|before|early|now and|there))",
    r"\bmy ?self off (?:the |a |that |this )?(?:\S+ ){0,2}"
    r"(?:roof|bridge|ledge|cliff|balcony|building|car park|multistorey|"
    r"top floor|tower)\b",
    r"\b(?:sleep|log\w* off|check\w* out|switch\w* off|sign\w* off|tap\w* out|clock\w* out) (?:\S+ ){0,2}"
    r"(?:for good|forever|permanently|for ever)\b",
    r"\b(?:log\w* off|check\w* out of|exit\w*|quit\w*|leave|leaving|left) (?:from )?"
    r"(?:life|this world|this life|existence)\b",
    r"\b(?:done|finish\w*|through) (?:with )?(?:be alive|being alive|live\b|living\b(?! with)|life\b|exist\w*)",
    r"\b(?:tired|sick|weary) of (?:be alive|being alive|life\b|exist\w*)",
    r"\b(?:not|n't|never|no longer) (?:\S+ ){0,4}be here (?:much longer|for (?:much )?long(?:er)?|anymore|any more|"
    r"by (?:christmas|then|the time|next|summer|spring|winter|autumn))\b",
    r"\b(?:easiest|easy|best|quickest|quick|simplest|gentlest|painless|peaceful) way to (?:go|die|end|pass)\b"
    r"(?! (?:about|ahead|forward|for|with|through|in|to|over|back|see|get|book|ask))",
    rf"\b{_IDEATION} (?:\S+ ){{0,3}}(?:go|die|pass away|slip away) (?:peacefully|quietly in my sleep)\b",
    r"\b(?:kys|kill your ?self|kill urself)\b(?:\s\S+){0,8}? (?:i might|maybe i (?:will|should|might)|"
    r"they (?:be|'re|are) (?:right|not wrong)|i (?:should|will|want to)|tempt\w*)\b",
    r"\bno point (?:to |in )?(?:continu\w*|go\w* on|carry\w* on)\b"
    r"(?! (?:with|the|my|taking|take|botox|treatment|this|it|them|tablet|pill|med|injection|jab|therapy))",
    r"\bthank (?:you|u) for everything\b(?:\s\S+){0,10}? (?:look after|take care of|love you|goodbye|bye)\b",
    r"\bi (?:just |really |only )?want (?:be )?(?:to )?be (?:gone|go)\b"
    r"(?! to| home| back| out| there| in| for)",
    r"\b(?:painless|easy|quick|peaceful) way (?:out|to go|to die|to end)\b",
    r"\bhop\w* (?:\S+ ){0,5}(?:i die|i 'd die|i would die|die on the|be dead|not wake up|(?:would|will) all be over|"
    r"it (?:would|will) be over)", r"\bdie on the table\b(?:\s\S+){0,3}? good\b",
    r"\b(?:nothing but|such|just|only) a burden\b",
    r"\b(?:be|am|'m|feel like) (?:\S+ )?a burden\b"
    r"(?! on (?:the |our |my )?(?:budget|household budget|finance|money|wallet|bank))",
    r"\bbetter off (?:\S+ ){0,3}without (?:me|him|her|them)\b",
    r"\bbetter off (?:\S+ ){0,3}if i (?:\S+ ){0,2}(?:disappear\w*|be gone|was gone|die|died|leave|left|be not here)",
    r"\b(?:better|easier|simpler|happier|lighter|cope|manage|fine|okay|ok|alright|relieved)\b(?:\s\S+){0,4}? "
    r"if i (?:\S+ ){0,2}(?:disappear\w*|be go(?:ne)?\b|"
    r"die\b|dead\b|be not (?:here|around)|be n't (?:here|around)|never (?:be born|exist))",
    r"\b(?:stop|end|go away|be over)\w* (?:\S+ ){0,2}(?:when|once|after) (?:you|i|we|u) (?:be |are |am |r )?"
    r"(?:dead|gone)\b",
    r"\bsleep (?:\S+ ){0,1}forever\b",
    r"\bso (?:that )?i (?:do not|don't|dont|will not|won't|never) (?:come out of it|wake up|survive|make it)\b",
    r"\bmake (?:the |my )?(?:\S+ ){0,2}(?:surgery|op|operation|anaesthetic|anesthetic) go wrong\b"
    r"(?=.*\b(?:so (?:that )?i|on purpose|deliberately|i mean (?:it|that))\b)", r"\bstop eat\w* and drink\w*\b",
    # a place to die
    r"\b(?:stand\w*|stood) on (?:the |a |that )?(?:bridge|ledge|edge|roof|cliff|platform edge|parapet)\b",
    r"\b(?:might|may|will|wo|would) not step back\b",
    r"\blook\w* (?:over|down) (?:\S+ ){0,4}"
    r"(?:car park|multistorey|bridge|ledge|edge|roof|balcony|cliff|top floor)\b",
    # self-injury and past attempts
    r"\b(?<!fall and )(?<!fell and )(?<!trip and )(?<!slip and )(?:bang|slam|smash|hit)\w* (?:my|his|her) "
    r"(?:head|face) "
    r"(?:\S+ ){0,2}(?:against|on|into) (?:the |a )?"
    r"(?:wall|door|floor|table|desk|mirror)",
    r"\bcigarette (?:\S+ ){0,3}(?:on|onto|into|against) (?:my|his|her) (?:\S+ )?(?:skin|arm|hand|cheek|face|leg|wrist)",
    r"\b(?:scratch|claw|pick|rip|tear|burn|cut|hit|punch|slap|bang)\w* (?:\S+ ){0,6}(?:till|until) "
    r"(?:it |they |i )?(?:bleed|bled|bruise)",
    r"\b(?:cut|burn|punch|stab|carve|scald|bash|bang)\w* (?:\S+ ){0,3}(?:my|the) (?:\S+ ){0,3}"
    r"(?:face|cheek|arm|forearm|hand|wrist|leg|thigh|stomach|belly|skin|head|eyelid|lip)\b(?:\s\S+){0,8}? "
    r"(?:with (?:a |my )?(?:lighter|knife|blade|razor|match|cigarette|scissor)|to (?:take my mind|distract|"
    r"make it stop|feel|punish)|only thing|bruise|bleed)",
    r"\b(?:want|go|going|gonna) (?:to )?(?:hurt|rip|tear|cut|burn|claw) (?:it|my face|my ?self)\b",
    r"\b(?:hit|punch|slap|smack|bash|claw)\w* "
    r"(?:my own (?:face|head|cheek|eye|jaw)|my ?self (?:\S+ )?(?:hard|in the (?:face|head)))\b",
    # a note written, then the pills or the night ("already written the note, which tablets work fastest")
    r"\b(?:write|written|wrote|finish\w*) (?:the|my) (?:goodbye |suicide |last )?note\b(?:\s\S+){0,12}? "
    r"(?:pill|tablet|med|work fastest|quickest|tonight)",
    r"\b(?:the|my) (?:goodbye |suicide |last )?(?:note|letter) (?:be |is )?(?:already )?"
    r"(?:written|write|done|finish\w*|ready)\b"
    r"(?:\s\S+){0,12}? (?:pill|tablet|med|fastest|quickest|tonight)",
    r"\b(?:care|do|done|enough|goodbye|bye|over)\b(?:\s\S+){0,6}? tonight (?:be |s )?the night\b",
    # settling affairs: someone asked to look after another "for me", missing every appointment from now on
    r"\b(?:look after|take care of) (?:\S+ ){1,2}for me\b(?! (?:while|when|during|at|on|until|till|tomorrow|next)\b)",
    r"\b(?:will not|wo not) be at (?:any|any of them|any more|anything)\b",
    r"\b(?:not|n't|no longer) care (?:\S+ )?(?:about|if i (?:\S+ )?(?:wake|live|die)|whether i) (?:\S+ )?"
    r"(?:living|live|life|wake|be alive|die|dying)\b",
    r"\bswitch (?:me|my ?self) off\b",
    r"\bwant (?:it|this|everything|it all) (?:to be |to )?(?:over|end)\b(?! (?:with|so|and get|quick|soon|already))",
    r"\bstop\w* everything (?:\S+ )?(?:permanently|for good|forever|for ever)\b",
    # pills saved, beside not being here ("I won't be here in 3 months, I've saved my tablets")
    rf"\b{_SAVED_PILLS}(?=.*\b{_NOT_HERE})|\b{_NOT_HERE}(?=.*\b{_SAVED_PILLS})",
    r"\b(?:whole|entire) (?:box|pack|packet|strip|bottle)\b(?:\s\S+){0,6}? "
    r"(?:tonight|with (?:a |the )?bottle|with (?:the )?(?:alcohol|vodka|whisky|whiskey|wine|booze|drink))",
    r"\btried to (?:end it|end my life|kill my ?self|take my (?:own )?life|overdose)\b",
    r"\b(?:previous|last|past|earlier|first) (?:suicide )?attempt\b",
    r"\bways? to (?:die|kill (?:my|him|her|them)self|end (?:it|my life|things|his life|her life))\b",
    r"\b(?:search|look|googl|research)\w* (?:\S+ ){0,3}(?:how to die|ways to die|suicide|painless death)",
    r"\b(?:ready|want|going|gonna|decided|plan\w*) to end (?:thing\w*|everything|it all|my life)\b(?! with)",
    r"\b(?:work\w* out|worked out|figur\w* out|decid\w*|plan\w*|know) (?:exactly )?how "
    r"(?:i 'll|i will|i ll|i be go to|i m go to|i be gonna|i 'd|to) do it\b",
    r"\b(?:not|n't|never) (?:\S+ )?stick\w* around (?:for|to see|much longer|long)\b",
    # many pills taken now ("I take many pill today, 15 or 16")
    r"\b(?:take|took|swallow\w*) (?:\S+ ){0,3}(?:pill|tablet|capsule)s? (?:\S+ ){0,3}(?:1\d|[2-9]\d)\b"
    r"(?! ?(?:mg|milligram|year|day|minute|hour|week|am|pm|o'clock|:))",
    r"\b(?:take|took|swallow\w*) (?:\S+ ){0,2}(?:1\d|[2-9]\d) (?:\S+ ){0,2}(?:pill|tablet|capsule)s? (?:\S+ ){0,4}"
    r"(?:today|tonight|now|at once|together|in one go|this morning)\b",
    # lethal amounts, in more shapes
    r"\bwhat happen\w* if (?:i|someone|somebody|you|a person|he|she) (?:\S+ )?(?:take|took|swallow\w*|down)\w* "
    r"(?:\S+ ){0,2}(?:load\w*|lot\w*|a lot|too many|all|a whole|the whole|\d+|a bunch|a handful|handful|a box|"
    r"a bottle) (?:of )?(?:\S+ ){0,3}(?:pill|tablet|med|capsule|relax|antiseizure|anticonvulsant|paracetamol|"
    r"painkiller|sleeping)",
    r"\bhow (?:high|tall) (?:do|does|would|should|must) (?:a |the )?(?:bridge|building|cliff|car park|multistorey|"
    r"roof|balcony|window|ledge|floor) (?:\S+ ){0,2}be\b",
    r"\bdie from (?:\S+ ){0,3}(?:all|too many|too much|whole|entire|every)\b",
    r"\b(?:number|amount|dose|quantity) of (?:\S+ ){0,3}(?:that |which )?(?:would|will|could|can) (?:be )?"
    r"(?:fatal|lethal|kill)\b",
    r"\b(?:whole|entire) (?:box|bottle|pack|packet|strip) (?:\S+ ){0,3}(?:do it|be enough|kill|finish)\b",
)))

# Other languages (raw, lower-case text).
RAW_PATTERNS = re.compile(
    # French inside English ("j'ai pris toute la boîte of my carbamazepine")
    r"\bj'ai (?:pris|avalé|avale) (?:toute? |tous |toutes )?(?:la boîte|la boite|le flacon|les comprimés|"
    r"les comprimes|mes (?:comprimés|comprimes|médicaments|medicaments|cachets))|"
    # someone's suicide, then the same for themselves ("took his own life ... I'm thinking the same now")
    r"\b(?:took|take|taken|ended) (?:his|her|their) own life\b.*\b(?:i get it|thinking the same|"
    r"thinking of doing the same|same for me|me too|i understand why|i might do the same|i want to do the same)|"
    # "I have deliberately taken ten times my prescribed dose": past tense is lost in lemmas
    r"\b(?:taken|took|swallowed|had) (?:\S+ ){0,2}(?:\d+|two|three|four|five|six|seven|eight|nine|ten|twenty|double|"
    r"triple) times (?:my|the|her|his|their) (?:\S+ ){0,2}(?:dose|amount)|"
    r"nicht mehr leben|\bumbringen\b|selbstmord|suizid|je veux mourir|\bme tuer\b|me suicider|en finir|"
    r"quero morrer|me matar|voglio morire|uccidermi|farla finita"
)


def crisis_sign(lemmas: str, lower: str) -> str:
    """The words of a crisis sign in the message, or an empty string."""
    match = LEMMA_PATTERNS.search(lemmas) or RAW_PATTERNS.search(lower)
    return match.group(0) if match else ""
