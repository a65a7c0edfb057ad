"""The signs of an emergency, written over lemmas (bot.nlp.normalize): crisis wording, an overdose
taken or counted, and the symptom patterns of each kind (stroke, breathing, after Botox or surgery).

``bot.safety.redflags`` decides which of them a message reports.
"""

from __future__ import annotations

import re
from typing import Pattern

from bot.nlp.medicines import medicine_pattern

CRISIS, STROKE, AFTER_BOTOX, AFTER_SURGERY, BREATHING = (
    "crisis", "stroke", "after_botox", "after_surgery", "breathing",
)

_GAP = r"(?:\S+ ){0,5}"
# Fainting, not "a faint clicking in my ear".
FAINTED = r"\b(?<!a )(?<!very )(?<!before i )(?<!before he )(?<!before she )(?<!might )(?<!could )(?<!would )faint(?:ed|ing|s)?\b(?! (?:click|sound|noise|buzz|ring|twitch|flicker|line|mark|scar|trace|hint|idea))"  # up to five words between two parts of a pattern
_FACE = (r"(?:face|facial|side of my face|smile|mouth|lip|cheek|eyelid|eye|one side|(?:right|left) side|half|"
         r"(?:spasm|twitch|twitchy|affected|bad|same|other|opposite|good) side)")
_WEAK = r"(?:weak|droop|drop|fell\b(?! (?:pregnant|asleep|in love|behind|apart))|sag|numb(?!er)|flopp|flaccid|paralysis|frozen(?!(?: -)? face (?:injection|jab|shot|look|botox|treatment))|freeze|dead|slack|fall(?! (?:pregnant|asleep|in love|behind|apart))|crooked|lopsided|uneven|limp|tingl|hang\w* down)"


# Choking, not "choked up" or "this spasm is choking my social life".
CHOKING = (r"\bchok(?!\w* up\b)(?!\w*(?:\s\S+){0,6}? (?:(?:from|while|when|with|because of) (?:\S+ )?)?laugh)(?!\w* (?:my|his|her|our|their|the) (?:\S+ )?(?:life|social|career|confidence|joy|business|"
           r"style|plan|hobby|work|job|freedom|marriage|relationship|love|self-esteem|mood|spirit)s?\b)")


def _rx(*patterns: str) -> Pattern[str]:
    return re.compile("|".join(f"(?:{p})" for p in patterns))


CRISIS_PATTERNS = _rx(
    r"\bsuicid", r"\bkill my ?self\b", r"(?<!be )(?<!keep )(?<!go )(?<!go to )(?<!gonna )(?<!it )(?<!this )\bkill me\b(?! with)",
    r"\bkms\b", r"\bunaliv", r"\btop (?:my|him|her)self\b", r"\blook\w* up ways?\b(?! to (?!die|end|kill|go\b|do it))",
    rf"\b(?:the )?most (?:\S+ )?{medicine_pattern()}\w* (?:\S+ ){{0,8}}(?:before|to) (?:\S+ ){{0,2}}(?:stop|kill|die|fatal|lethal)",
    rf"\b(?:\d+|how many|how much) (?:\S+ ){{0,4}}(?:pill|tablet|med|{medicine_pattern()})\w* (?:\S+ ){{0,4}}(?:enough )?to "
    r"(?:do it|finish (?:it|me|my ?self)|end it)\b",
    r"\b(?:be|been|start\w*|keep|back to) cutting\b(?! (?:back|down|out|my hair|his hair|her hair|the|corners|costs|it fine|"
    r"part|a|an|through|into|open|off|nerve|muscle|tissue))", r"\b(?:like|want|prefer|hope|rather) (?:\S+ ){0,2}not (?:to )?(?:come round|come around|wake up)\b",
    r"\b(?:whole|entire) (?:month|week|bottle|box|pack|supply)\w* (?:\S+ ){0,4}at once\b", r"\bsewer ?slide", r"\bctb\b", r"\bod\b(?! on caffeine)", r"\bo\.d\b", r"\bod'd\b", r"\bod 'd\b",
    r"\b(?:not|n't|never) (?:\S+ ){0,2}exist\b", r"\b(?:stop|cease)\w* (?:to )?exist", r"\b(?:i|me|my ?self) (?:(?!(?:it|this|that|twitch|spasm|they|them|tic|symptom|jerk|pain|face)s?\b)\S+ ){0,3}"
    r"dis+ap+ear (?:forever|for good|completely|for ever)\b",
    r"\b(?:want|wish|wan na|wanna) (?:to |i could |i can |i would |i 'd |i )?(?:just |simply )?dis+ap+ear\b",
    r"\b(?:want|wish|need) (?:\S+ ){0,3}(?:all|everything|it) (?:\S+ ){0,2}(?:to )?(?:end|be over|stop for good)\b",
    r"\bhopeless", r"\bwhat be the point\b(?! (?:of|in) (?!liv|life|try|go on|going on|anything|it all|me\b|carry))", r"\bwhat 's the point\b", r"\bwhats the point\b",
    r"\b(?:no|any) point (?:\S+ ){0,2}(?:living|live|go on|going on|anymore|try|trying|carry on)\b",
    r"\bburden (?:to|on) (?:everyone|everybody|my family|them)\b",
    r"\b(?:tired|sick) of (?:living|live|be alive|being alive|life)\b",
    # Nigerian Pidgin: "i don tire for this life", "drink sniper" (an insecticide), "go finish person"
    r"\btire (?:for|of) (?:this |dis |my )?life\b", r"\b(?:drink|swallow|take) (?:\S+ ){0,2}sniper\b",
    r"\bsniper (?:\S+ ){0,15}(?:drink|swallow)\b", r"\bgo finish (?:person|me|my ?self)\b", r"\bi wan (?:die|kill my ?self)\b",
    # a lethal amount by its technical name, and an exit made ready
    r"\bld ?50\b", r"\b(?:engineer|plan|arrange|organi[sz]e|sort)\w* (?:out )?my (?:own )?exit\b",
    r"\bfinish (?:my ?self|your ?self|me|him|her|them|some ?one|someone) off\b", r"\bbefore (?:it|they|that) kill (?:me|him|her|them|someone|a person|you)\b",
    r"\b(?:put|send)\w* (?:\S+ ){0,4}(?:down|to sleep) for good\b", r"\bstop\w* (?:ur|your|my|the|a|his|her) (?:heart|hart)\b(?! (?:rac|pound|flutter|beat|skip|palpitat|jump)\w*)",
    r"\b(?:pill|tablet|med|medicine|relaxant|relaxer|antiseizure)s? (?:\S+ ){0,2}(?:plus|with|and) (?:\S+ ){0,2}(?:whisky|whiskey|"
    r"vodka|alcohol|wine|booze|gin|rum|beer)\b"
    r"(?=.*\b(?:enough|sufficient|do it|do the job|kill|fatal|lethal|end|stop (?:\S+ )?breath\w*|not wake|die)\b)",
    # "tonight I finish myself", "make me stop breathing in my sleep", "max number of pills before death"
    r"\bfinish my ?self\b", r"\bmake (?:me|him|her) stop breath\w* in (?:my|his|her) sleep\b",
    r"\b(?:pill|tablet|med|dose|relax\w*)s? (?:\S+ )?before (?:death|dying|i die)\b",
    r"\bgive up on (?:everything|life|living)\b", r"\bend (?:\S+ ){0,2}suffering\b",
    r"\b(?:swallow|take|took|down) (?:\S+ ){0,2}(?:whole|entire) (?:bottle|box|pack|packet|strip|blister|pot|tub|jar|lot|supply)\b",
    r"\btake (?:\S+ ){0,2}everything in (?:the|my) (?:medicine )?(?:cabinet|cupboard)\b",
    r"\b(?:hurt|harm|kill|cut|shoot|hang|stab|drown|poison) (?:my|her|him|them|your)(?:self|selves?)\b(?! (?:shav\w*|cook\w*|chopp\w*|on (?:a|the|some)))",
    r"\bon purpose\b",
    r"\bswallow (?:\S+ ){0,2}(?:the lot|all of|all my|all the|everything|the whole|whole)\b",
    r"\bwhat s the point(?! of (?!liv|life|try|go on|going on|anything|it all|me))",
    r"\b(?:take|took|swallow) (?:\d+|all|a lot|loads|too many) (?:\S+ ){0,3}(?:die|kill|fatal|lethal|overdose|wake up|survive)\b",
    r"\b(?:not|n't|never) (?:\S+ ){0,2}want (?:\S+ ){0,2}be hear\b", r"\b(?:done|do) with (?:life|living|it all)\b", r"\b(?:done|do) be(?:ing)? alive\b",
    r"\bi give up(?=\s*(?:[.!,;]|$|on (?:life|living|everything|it all)\b|now\b|already\b|completely\b|for good\b))", r"\bdone with (?:life|living|it all|everything|this life)\b",
    r"\b(?:sort|put) (?:\S+ ){0,3}affairs\b", r"\bgoodbye (?:letter|note)\b", r"\bletter to my family\b",
    r"\bgiv\w* (?:\S+ ){0,2}(?:thing|stuff|belonging|possession)s? away\b",
    r"\b(?:will not|wo not|won't) need (?:them|it|anything|my thing) (?:soon|anymore|much longer)\b",
    r"\b(?:will not|wo not|won't) need (?:them|it|anything|any of it) (?:after|past) (?:this|today|tonight)\s*(?:[.!'\"]|$)",
    r"\b(?:no one|nobody|noone|no body) (?:\S+ ){0,3}(?:notice|care|miss)\w* (?:\S+ ){0,2}if i\b",
    r"\bsav\w* up (?:\S+ ){0,2}(?:pill|tablet|med)", r"\bstockpil", r"\bhoard\w* (?:\S+ ){0,2}(?:pill|tablet|med)",
    r"\btake (?:my |the )?(?:\S+ ){0,2}(?:pill|tablet|med|dose)\w* (?:\d+|two|three|four|several) time\b", r"\bend (?:my|it) (?:life|all)\b", r"\bend it all\b",
    r"\bend (?:\S+ ){0,2}(?:my )?life\b", r"\btake my (?:own )?life\b",
    r"\b(?:want|go|going|gonna|wan na|wanna|plan|planning) (?:to )?end it\b", r"\b(?:i|me|my ?self|just) disappear forever\b",
    r"\bkil+ my ?self\b", r"\bkil+\w* (?:them|your|him|her|our) ?sel(?:f|fs|ves)\b(?=.*\b(?:i|me|my ?self)\b)", r"\bcut\w* my ?self\b(?! (?:shav\w*|cook\w*|chopp\w*|on (?:a|the|some)))", r"\bhang my ?self\b",
    r"\bcut\w* (?:\S+ )?(?:my|her|his) (?:arm|wrist|leg|thigh|skin|stomach)", r"\bcut\w* again\b",
    r"\bjump\w* (?:\S+ )?(?:off|from|in front of) (?:a |the |that |this |my )?(?:\S+ )?(?:bridge|building|roof|cliff|train|car|balcony|tower|window|"
    r"garage|car ?park|overpass|flyover|ledge|multi[- ]?stor\w*|skyscraper|tower block|height|(?:high|tall) (?:place|point|spot))",
    # a car's engine left running in a closed garage
    r"\bgarage\b(?:\s\S+){0,8}? (?:engine|motor|car|truck) (?:\S+ )?(?:run|running|go|going|on)\b",
    r"\b(?:engine|motor) (?:\S+ )?(?:run|running|go|going|on)\b(?:\s\S+){0,8}? garage\b(?! (?:door|sale|floor|fix|mechanic))",
    r"\b(?:hose|pipe|tube) (?:\S+ ){0,3}(?:exhaust|tailpipe)\b|\b(?:exhaust|tailpipe) (?:\S+ ){0,4}(?:hose|window)\b",
    r"\b(?:step|walk|throw my ?self) in front of (?:a |the )?(?:train|bus|car|lorry|truck)", r"\bsleep and (?:never|not) wake up\b",
    r"\b(?:no|not|n't) (?:\S+ ){0,3}reason to (?:keep )?(?:liv|go on|be here|be alive|stay)",
    r"\b(?:happier|better) (?:\S+ ){0,3}if i (?:be|was|were) (?:go|gone|dead|not here|not around)",
    r"\bgone for good\b", r"\bwish i (?:be|was|were) (?:not|n't|never) (?:here|around|alive|born)\b",
    r"\b(?:be|was|were) (?:not|n't|never) (?:here|around|alive) (?:anymore|any more|any longer)\b",
    r"\b(?:c/o|with|has|have|report\w*|express\w*|active|passive) si\b", r"\bsi (?:with|w/|and) (?:a )?plan\b",
    r"\b(?:and|to|then) (?:never|not) wake up\b",
    r"\btake all (?:of )?(?:my|her|his|their|the) (?:\S+ ){0,2}(?:pill|tablet|med)",
    r"\b(?:not|n't|no|never) (?:\S+ ){0,2}(?:want|wish|wan na|wanna) (?:\S+ ){0,2}(?:live|be alive|be here|wake up)\b",
    r"\b(?:want|wish|wan na|wanna|(?<!\bbe i )(?<!\bbe we )go) (?:\S+ ){0,2}(?:die|be dead)\b", r"\bbetter off dead\b",
    r"\bself[- ]?harm", r"\bhurt (?:my ?self|me)\b", r"\bharm (?:my ?self|me)\b", r"\bcut my ?self\b(?! shav\w*)",
    r"\boverdose(?! (?:on|of) (?:dr\b|doctor google|google|the internet|internet|info|information|research|coffee|"
    r"caffeine|sugar|chocolate|tv|netflix|youtube|tiktok|reading|googl\w*|twitch|spasm|stress|worry|news|advice|jargon|drama))",
    r"\btake (?:\S+ ){0,3}(?:too many|a lot of|whole bottle|bunch of|a load of|loads of) (?:\S+ ){0,2}(?:pill|tablet|medicine|medication|relax)"
    r"(?!\w* (?:already|every day|each day|daily|for my|for (?:the|a|high|blood|heart|diabetes|my)))",
    r"\b(?:to|make) (?:\S+ ){0,2}(?:everything|it all|the pain|life) (?:\S+ )?stop\b(?! twitch| spasm)",
    r"\b(?:will not|wo not|won't|wont|not) be (?:here|around|alive) (?:by|in the|tomorrow|much longer|for long|anymore|"
    r"in (?:a |\d+ |a few |few |two |three |six )(?:day|week|month)s?\b(?!.*\b(?:holiday|away|abroad|travel\w*|mov\w*|trip)\b))",
    r"\b(?:writ\w*|wrote|leave|leaving|left) (?:\S+ ){0,2}(?:letter|note)s? (?:to|for) (?:my|the) (?:kid|child|family|wife|husband|"
    r"son|daughter|partner|mum|mom|dad|parent)(?!\w* (?:to (?:explain|remind|ask)|about (?:the|my) (?:appointment|condition|"
    r"spasm|twitch|hfs|treatment|surgery|botox|scan)))",
    r"\bmix\w* (?:a |the )?(?:load|lot|bunch|handful|box|bottle|pack|all|whole) of (?:\S+ ){0,3}(?:pill|tablet|med)\w*",
    r"\b(?:can|could) not keep (?:do|doing|go|going) (?:this|it|on)\b(?! (?:every|each|for ever|forever))",
    r"\b(?:less|least) painful\b(?:\s\S+){0,4}? (?:pill|tablet|rope|jump|gun|knife|blade|way to go|way out)\b",
    r"\b(?:die|dead|kill|overdose|stop (?:my|me) (?:from )?breath\w*|not wake up|never wake up)\b(?:\s\S+){0,15}? "
    r"(?:kind of |sort of |exactly |actually |really )?what i (?:want|wish|hope for|be hope for)\b",
    r"\b(?:goodbye|bye)\b(?:\s\S+){0,6}? thank\w* (?:you )?for trying\b",
    r"\bno reason to live\b", r"\b(?:no|not|n't) (?:\S+ ){0,2}reason (?:\S+ ){1,5}to (?:keep (?:go|going|live|living|try|trying)\b|go on\b|carry on\b|live\b|be here\b|be alive\b|stay alive\b)",
    r"\bdecided (?:that )?(?:this|today|tonight|tomorrow) (?:be|will be) (?:my )?(?:last|final)\b(?! (?:\S+ ){0,2}(?:at|of|on|in|with|before|for)\b)", r"\b(?:no ?one|no ?body|noone) (?:\S+ ){0,2}(?:miss|care about) me\b",
    r"\bnot (?:like|as if|as though) (?:any ?one|any ?body) (?:\S+ ){0,2}(?:miss|care about|notice) (?:me\b|if i)",
    r"\b(?:done|be do) (?:\S+ ){0,6}with (?:life|living)\b", r"\b(?:end|finish) (?:\S+ ){0,2}(?:my|his|her) (?:own )?life\b",
    r"\b(?:will not|wo not|won't|wont) matter (?:\S+ ){0,2}(?:soon|much longer|for long|anyway)\b",
    r"\btake (?:us|them) (?:both|all) out\b|\btake (?:\S+ ){0,3}with me\b(?= when i go)",
    r"\b(?:tox\w* screen|toxicology|autopsy|post ?mortem|coroner)\b",
    r"\b(?:die|dying|death|fatal|kill)\b(?:\s\S+){0,12}? (?:kind of |kinda |sort of |secretly |half |part of me )?"
    r"(?:hope|hoping|wish|wishing) (?:it (?:do|will|would)|so|i do|for that)\b",
    r"\benough (?:\S+ ){0,3}(?:to )?(?:not|never) (?:come back|wake up)\b", r"\b(?:can|could) not go on\b", r"\blife (?:be )?not worth\b",
    r"\bnot worth live\b", r"\bnothing to live for\b", r"\bgive up on life\b",
    r"\bpoint (?:in|of) (?:living|live|life|go on|going on)\b", r"\bbetter off without me\b",
    r"\bno (?:one|body) would (?:miss|care about) me\b", r"\bwish i (?:be|was|were) dead\b",
    r"\b(?:lethal|leathal|lethel|fatal|deadly) (?:dose|amount)", r"\b(?:combo|combination|mix|mixture|cocktail) of (?:\S+ ){0,3}(?:med|pill|tablet|drug)\w*\b(?:\s\S+){0,4}? (?:deadly|lethal|fatal|kill)",
    r"\b(?:dead|die|death|kill|end it|suicid\w*)\b(?:\s\S+){0,15}? (?:gun|firearm|rifle|pistol|shotgun)s?\b",
    r"\b(?:gun|firearm|rifle|pistol|shotgun)s?\b(?:\s\S+){0,15}? (?:dead|die|death|kill|end it|suicid\w*)\b", r"\b(?:dose|amount|time the (?:usual|normal|prescribed))s? (?:\S+ ){0,5}(?:be |become )?(?:lethal|leathal|fatal|deadly)\b", r"\bhow many (?!(?:\S+ )?(?:people|patient|ppl|person|of them|die)\b)(?:\S+ ){0,4}(?:kill|die|fatal|lethal|overdose)",
    # mortality of a treatment is a question about it: "how many people actually die from MVD?"
    r"\b(?:how (?:many|much)(?! (?:\S+ )?(?:people|patient|ppl|person|of them)\b)|(?:what|which) (?:dose|amount|quantity|number)|max(?:imum)?|too many|"
    r"amount of|dose of|enough|"
    r"(?:the )?most (?:\S+ )?(?:pill|tablet|med|dose|relax))\b"
    r"(?:\s\S+){0,10}? (?:fatal|lethal|leathal|deadly|kill (?:me|my ?self|you|u|ya|your ?self|someone|somebody|a person)|die|"
    r"od|overdose|to death|stop (?:my|your|the|a|his|her|their|a person|someone|somebody)(?: 's| be)? heart|"
    r"not wake up|never wake up|survive|end it|be over|(?:heart|breath\w*) (?:to )?stop|"
    r"stop (?:my|your|the|a|his|her|their|someone 's) breath\w*|(?:someone|somebody|a person|me|you|him|her|to|and|till|until) stop breath\w*)\b",
    r"\b(?:fatal|lethal|leathal|deadly|kill|od) (?:\S+ ){0,2}(?:how (?:many|much)|amount|dose)\b",
    r"\benough (?:\S+ ){0,3}(?:to )?(?:not wake up|never wake up|die|kill me|kill myself|end it)",
    r"\bso (?:that )?i (?:do not|don't|never|wo n't|won't) wake up\b",
    r"\b(?:before|till|until) (?:it|they|that|those|the \S+) (?:\S+ )?(?:kill (?:me|you|u|ya|someone)|be fatal|be lethal|finish me off)\b",
    r"\b(?:not|n't|never|no longer|can not) (?:\S+ ){0,2}see (?:the |any |a )?point (?:in |of |to )?(?:\S+ )?"
    r"(?:anything|everything|life|living|live|go on|going on|it all|carry on|anymore|any more)\b",
    r"\btake all (?:of )?my (?:\S+ ){0,2}(?:at once|together|tonight|in one go)",
    r"\btoo (?:many|much)\b(?:\s\S+){0,3}? (?:for good|permanently|for ever|forever)\b",
    r"\b(?:before|till|until|enough to|so (?:that )?it|to make it) (?:\S+ ){0,2}stop (?:my|your|the|a|his|her|their) heart\b",
    r"\b(?:drive|driving|crash\w*|steer\w*|swerv\w*) (?:\S+ ){0,3}(?:into|off) (?:a |the |an )?"
    r"(?:wall|tree|bridge|cliff|truck|lorry|river|oncoming|lamp ?post|pole)",
    r"\b(?:walk|step|run|throw my ?self)\w* (?:out )?(?:into|in front of) (?:the |oncoming )?traffic\b",
    r"\b(?:step|walk|throw my ?self|jump|run)\w* (?:out )?in front of (?:a |the |an )?(?:train|bus|car|lorry|truck|tram|van)",
    r"\b(?:walk|swim|wade|go)\w* (?:out )?into the (?:sea|ocean|river|lake|canal)\b", r"\bdrown (?:my ?self|me)\b",
    r"\b(?:bridge|ledge|cliff|roof|railway|track|sea|river)\b(?:\s\S+){0,4}? (?:keep )?call\w* (?:to )?me\b",
    r"\bhow (?:high|tall|far down|many (?:floor|storey|story|stories))\b(?:\s\S+){0,8}? "
    r"(?:to be sure|die|kill|fatal|lethal|survive|be enough|end it)\b",
    r"\bno point (?:to|in|of) (?:any of it|anything|it all|life|living|go on|going on)\b",
    r"\bnothing (?:be |will )?(?:ever )?(?:go(?:ing)? to |gonna )?(?:ever )?get better\b",
    r"\b(?:will not|wo not|won't|wont|not) be (?:a |an )?(?:problem|burden|bother|trouble|nuisance) (?:\S+ ){0,3}(?:much )?longer\b",
    r"\bthink\w* (?:about |of )?end (?:it|my life|thing|everything|it all)\b",
    r"\b(?:would|will|could|that|to) end (?:everything|it all|my life)\b",
    r"\b(?:can|could) not (?:do|take|go on with|handle) (?:this|it)(?: \S+)? (?:anymore|any more|any longer)\b(?:\W+\w+){0,3}\W+(?:goodbye|bye|farewell)\b",
    r"\bthis be (?:my )?(?:final |last )?goodbye\b", r"\b(?:my|a) (?:final|last) goodbye\b",
    r"\bgoodbye (?:forever|for good|cruel world|world)\b", r"\bsay\w* goodbye to (?:everyone|everybody|the world|my family)\b",
)
# "now I've had about 20 of them": a count like that is an overdose whatever the pills are called.
OVERDOSE_COUNT = re.compile(r"\b(?:had|taken|took|swallowed|downed) (?:about |like |around |maybe |over |nearly )?"
                            r"(?:[2-9]\d|\d{3}|twenty|thirty|forty|fifty) of (?:them|these|those|the pills|the tablets)\b", re.I)
OVERDOSE_TAKEN = re.compile(
    r"\b(?:took|taken|taking|swallowed|downed|have had) (?:like |about |around |maybe )?(?:all|everything|every one|the whole|a whole|"
    r"my whole|the rest|what (?:was|is) left|whatever (?:was|is) left|a bottle|a (?:big |large |huge )?handful|a bunch|a load of|loads|lots|a lot|too many|too much|extra|double|triple|"
    r"\d{2,}|\d+ (?:days?|weeks?)|two days|a (?:week|month)'?s?)"
    r"\b(?: of)?(?: my| the| his| her)?", re.I)

# Confused about something, not confused: "I'm so confused, which treatment is best after the operation?"
_NOT_BEWILDERED = r"(?!\W*(?:\S+ ){0,2}(?:by|about|with|over|as to|on|what|which|whether|if|how|why|between|lol|haha)\b)"
SYMPTOM_PATTERNS = (
    (STROKE, _rx(
        rf"\b{_FACE} {_GAP}{_WEAK}", rf"\b(?<!rather be )(?<!better off )(?<!wish i be ){_WEAK}\w* {_GAP}{_FACE}\b",
        r"\b(?:can|could) not (?:\S+ ){0,2}move (?:\S+ ){0,5}(?:face|arm|leg|side|mouth|eye|lip)",
        r"\bstroke\b", r"\bslur(?!p)", r"\b(?:her|his|my|their|the|a|it be|it s) (?:new )?droop\w*\b(?=.*\b(?:sudden|today|just now|this morning|tonight))",
        r"\b(?:can|could) not (?:\S+ ){0,2}(?:speak|talk|smile|(?:move|lift|close|feel) (?:my|his|her|their|the))",
        r"\b(?:not able|unable) to (?:\S+ )?(?:speak|talk|smile|walk|move|lift)\b",
        r"\b(?:lose|lost|losing) (?:the |all )?(?:ability|power) to (?:speak|talk|move|walk|swallow|smile)\b",
        r"\b(?:not|n't|stop\w*) respond\w*\b(?! (?:to|well|at all to))|\bunresponsive\b",
        r"\bshak\w* (?:\S+ )?(?:whole|entire) body\b", r"\b(?:i|he|she|they|we|wife|husband|partner|mum|mom|mother|dad|father|son|daughter|friend) (?:\S+ ){0,2}collaps\w*\b(?! (?:with |in |from )?laugh)",
        r"\b(?:just|suddenly|has|have|had) collaps(?:e|ed)\b(?! (?:lung|vein|with laugh|in laugh|laugh|into bed|on the sofa))",
        r"\b(?:be|s) not mak\w* (?:any )?sense\b(?= when (?:\S+ )?(?:talk|speak|speaking|talking))|"
        r"\b(?:he|she|they|dad|mum|mom|husband|wife) (?:be|s) not mak\w* (?:any )?sense\b",
        r"\b(?:lose|lost|losing|no) (?:all )?(?:the )?(?:strength|power|grip|feeling|use) (?:\S+ ){0,2}(?:in|of) "
        r"(?:my|his|her|their|the) (?:\S+ )?(?:arm|leg|hand|side)\b",
        r"\b(?:face|mouth|cheek|lip)s? (?:\S+ ){0,5}(?:slid|slip)\w* down\b",
        r"\b(?:see|seeing) double\b", r"\b(?:can|could) not (?:\S+ )?walk (?:straight|properly|in a straight line)\b",
        r"\bvision (?:\S+ ){0,5}(?:go|gone|went|lost|black|dark)\b", r"\bhalf (?:of )?my vision\b",
        rf"\b{_FACE} (?:\S+ ){{0,4}}(?:will not|would not|do not|does not) (?:\S+ )?move\b",
        # drink running out of one side of the mouth: the face's weakness
        r"\b(?:drink|water|tea|coffee|food|drool|dribbl|saliva|spit)\w* (?:\S+ ){0,3}(?:run|dribbl|leak|pour|spill|fall|come|drip)\w* "
        r"(?:\S+ ){0,2}(?:out of|from|down) (?:his|her|my|their|the|one side of (?:his|her|my|the)) (?:mouth|lip|chin)",
        rf"\b(?:sudden\w*|this morning|today|tonight|just now|woke up)\b(?:\s\S+){{0,8}}? (?:{_FACE}|eye|eyelid) (?:\S+ ){{0,2}}"
        r"(?:will not|would not|can not|could not|do not|does not) (?:\S+ )?(?:close|shut|blink|move)\b",
        r"\b(?:can|could) not (?:\S+ ){0,2}get (?:\S+ ){0,2}word\w* out\b", r"\bgibberish\b",
        r"\bword\w* (?:\S+ ){0,2}(?:will not|wo not|would not|do not|does not|can not) come out\b",
        r"\bword\w* (?:\S+ ){0,2}(?:make no sense|do not make sense|not make sense)",
        r"\b(?:say|saying|said|talk\w*|speak\w*|speech) (?:\S+ ){0,3}(?:make no sense|(?:do|does) not make (?:any )?sense)",
        r"\b(?:other|opposite|good|wrong|non[- ]?spasm|normal) side\b(?:\s\S+){0,12}? (?:go |gone |be |feel )?"
        r"(?:numb(?!er)|droop|weak|sag|slack|paralys|dead|limp|drag|(?:will|wo|can|do) not (?:shut|close|move))",
        r"\bleg\w* (?:will not|wo not|can not|do not) (?:hold|carry|support) (?:me|him|her|them)\b",
        r"\bfoam\w* (?:at|in|from|out of) (?:the |his |her |my |their )?mouth\b",
        r"\bshak\w* (?:\S+ ){0,2}on the (?:floor|ground)\b",
        r"\b(?:leg|knee|arm)s? (?:\S+ ){0,2}(?:give way|gave way|buckle|collapse|give out|gave out)",
        r"\b(?:whole )?body (?:\S+ ){0,2}(?:shook|shake|shaking|jerk\w*)\b",
        r"\bword\w* (?:\S+ ){0,4}(?:jumble|wrong|mix\w* up|garble|muddle|scramble|weird|funny|strange|odd|nonsense)",
        r"\b(?:talk|speak|speech|mumbl|babbl|ramble|rambling)\w* (?:\S+ ){0,4}(?:nonsense|gibberish)\b",
        r"\b(?:can|could) not say what i mean\b",
        r"\b(?:can|could) not (?:say|get|form|pronounce) (?:my |the |any |his |her )?word\w* (?:right|properly|clear\w*)\b",
        r"\bmouth (?:will not|wo not|would not|do not|does not|can not) work\b",
        r"\bspeech (?:be |s )?(?:not|n't) (?:\S+ )?(?:clear|right|normal)\b"
        r"(?!(?:\s\S+){0,6}? (?:when|while|during|because of|from) (?:\S+ ){0,2}(?:spasm|twitch))",
        r"\bkeep\w* (?:on )?drop\w* (?:thing|stuff|object|cup|glass|her \w+|his \w+|my \w+)",
        r"\b(?:face|mouth|lip|cheek|side of (?:my|his|her|the) face) (?:\S+ ){0,2}stop\w* (?:move|moving|work\w*)\b"
        r"(?=.*\b(?:(?:hour|minute)s? ago|just now|this morning|sudden\w*)\b)",
        r"\b(?:arm|leg|hand|side of my body) (?:\S+ ){0,4}(?:weak|numb(?!er)|paralysis|heavy|can not move|go dead|flopp|limp|useless|"
        r"will not work|wo not work|won't work|do not work)", r"\b(?:can|could) not (?:hold|grip|grasp) (?:his|her|my|a|the)\b",
        r"\b(?:speech|voice|talk\w*|speak\w*|words) (?:\S+ ){0,2}(?:sound\w* )?drunk\b",
        r"\b(?:can|could) not (?:lift|raise|move|wrinkle) (?:\S+ )?(?:eyebrow|brow|forehead)",
        r"\b(?:face|cheek|side of (?:my|his|her|the) face)\b(?:\s\S+){0,3}? (?:melt|melting|melted|sliding|slid|slipping|slipped|slide)\b",
        r"\bdrool\w*\b(?=.*\bsudden)|\bsudden\w*\b(?=.*\bdrool)",
        r"\b(?:can|could) not find (?:\S+ ){0,2}word", r"\bword[- ]?finding\b",
        r"\b(?:left|right|l|r|one|1)[- ]?sid(?:e|ed) (?:\S+ )?(?:weak|numb(?!er)|paralys)",
        r"\b(?:can|could) not (?:\S+ ){0,2}(?:lift|raise|move) (?:\S+ ){0,2}(?:arm|leg|hand)",
        r"\b(?:weak|numb(?!er)|paralysis) (?:\S+ ){0,4}(?:arm|leg|hand|body)\b",
        r"\b(?:weak|numb(?!er)|tingl|paralysis|heavy|dead)\w* (?:\S+ ){0,4}(?:whole|entire) (?:\S+ )?side\b",
        r"\b(?:whole|entire) (?:\S+ )?side (?:\S+ ){0,4}(?:weak|numb(?!er)|tingl|paralysis|heavy|dead)",
        r"\b(?:sudden|suddenly|lose|lost|loss of) (?:\S+ ){0,3}(?:vision|sight|see)\b", r"\b(?:can|could) not see\b(?! (?:\S+ )?(?:point|way|future|reason|light|end|myself|any way))",
        r"\bblind\b", r"\bdouble vision\b", r"\bworst headache\b", r"\bthunderclap\b",
        r"\bsudden (?:\S+ ){0,2}(?:severe )?headache\b", r"\b(?:sudden\w*|new|severe|very) (?:\S+ ){0,2}confus\w*(?! (?:by|about|with|over|as to))",
        r"\bconfus\w* (?:\S+ ){0,4}(?:slur(?!p)|droop|weak|numb(?!er)|headache|can not speak)", r"\bpass(?:ed)? out\b",
        r"\bdysarthri", r"\baphasi", r"\bhemipare", r"\bhemipleg",
        FAINTED, r"\bunconscious\b", r"\bseizure (?:now|right now)\b", r"\bhave a (?:seizure|fit)\b(?! of| note)",
        r"\b(?<!anti )(?:fit|seizure|convulsion)s? (?:(?!(?:tablet|pill|med|meds|medicine|medication|drug)s?\b)\S+ ){0,2}"
        r"(?:now|right now)\b", r"\b(?<!face )(?<!facial )(?<!eyelid )(?<!eye )(?<!cheek )(?<!mouth )convuls\w*\b"
        r"(?! (?:of|in) (?:the |my |his |her )?(?:face|cheek|eye|eyelid|mouth|lip))", r"\bshak\w* all over\b",
        r"\bface (?:be )?(?:\S+ ){0,2}(?:go|be|feel) (?:\S+ ){0,2}(?:weird|funny|strange) and (?:\S+ ){0,2}(?:speak|talk|speech)",
        r"\bspeech (?:\S+ ){0,3}(?:garble|strange|weird|wrong|slur(?!p))",
        r"\b(?:speak|talk)\w* (?:all |really |very |so )?(?:strange|weird|funny|odd|wrong|slow|nonsense)\w*",
        r"\b(?:mouth|lip|face|cheek) (?:\S+ )?hang\w*\b(?! (?:open|out|around|about))",
        r"\b(?:not|n't) (?:\S+ )?know (?:where|who|what day|what year) (?:he|she|i|they|we|it|(?:any|all|none|either|both) of "
        r"(?:us|them)|anyone|anybody|his family|her family) (?:\S+ )?(?:be|am|is|are)\b",
        r"\b(?:not|n't) (?:\S+ )?recogni[sz]e (?:me|us|anyone|anybody|his|her|my|their)\b",
        # a knock to the head, then drowsiness, vomiting or confusion
        r"\b(?:fell|fall|fallen|knock\w*|bang\w*|hit|smack\w*|bash\w*) (?:\S+ ){0,3}head\b(?=.*\b(?:sleepy|drowsy|vomit\w*|"
        r"throw\w* up|be sick|being sick|confus\w*|unconscious|pass\w* out|knock\w* out|blood thinner)\b)",
    )),
    (BREATHING, _rx(
        r"\b(?:trouble|difficulty|problem|hard|hardly|barely|struggle|struggling|can not|unable to|not able to|difficult)"
        r"(?: to)? (?:\S+ ){0,2}(?:breathe|swallow|speak|talk)",
        r"\b(?:be|s) not breathe\b", r"\b(?<!to )stop\w* breathe\b",
        r"\b(?:breathe|swallow)\w* (?:\S+ ){0,4}(?:trouble|difficult|hard|problem)",
        r"\bbreathe\w* (?:\S+ ){0,3}(?:noisy|rattl\w*|whistl\w*|raspy)\b|\b(?:noisy|rattly|raspy) breath",
        CHOKING, r"\bshort of breathe\b", r"\bshortness of breathe\b", r"\bgasp", r"\bwheez",
        r"\bthroat (?:\S+ ){0,5}(?:clos|tight|swell)", r"\b(?:can|could) not catch my breathe\b",
        r"\bsuffocat", r"\b(?:can|could) not get (?:any |enough )?air\b", r"\b(?:can|could) not get (?:\S+ ){0,2}breathe\b", r"\bgasp\w* for air\b",
        r"\bout of breathe\b",
        # clinical shorthand: "new dysphagia, SOB at rest, SpO2 89%"
        r"\bdysphagi", r"\bdyspn?o?ea\b", r"\bstridor\b", r"\bsob (?:at rest|on exertion|and|,|\+)", r"\bnew sob\b",
        r"\b(?:spo2|sats?|o2 sat\w*|oxygen (?:sat\w*|level)) (?:\S+ ){0,2}(?:[5-8]\d|9[01])\b",
        # a severe allergic reaction: swelling of the lips, tongue or throat, hives
        r"(?<!give me )(?<!give him )(?<!give her )(?<!give them )\bhives?\b",  # "shellfish gives me hives" is an allergy r"\banaphyla", r"\bitch\w* all over\b",
        r"\b(?:face|eye|eyelid)s? (?:\S+ ){0,4}(?:swell|swollen|puff)\w* (?:\S+ ){0,2}(?:fast|quick\w*|rapid\w*)\b", r"\blips? (?:\S+ ){0,3}(?:blue|bluish|blueish|purple|grey|gray)\b",
        r"\bbreath\w* (?:be )?(?:very |so |really )?(?:short|shallow|labou?red)\b", r"\blabou?red breath", r"\b(?:lip|tongue|throat)s? (?:\S+ ){0,3}(?:swell|swollen|puff)",
        r"\b(?:swell|swollen|puff)\w* (?:\S+ ){0,3}(?:lip|tongue|throat)s?\b",
    )),
    (AFTER_SURGERY, _rx(
        r"\bhearing (?:\S+ ){0,5}(?:just |suddenly )(?:go|gone|went|disappear\w*|vanish\w*)\b",
        r"\bear(?=.*\b(?:sudden\w*|operation|op|surgery|mvd|ago)\b) (?:\S+ )?(?:go|went|gone) (?:\S+ )?(?:silent|dead|quiet|deaf)\b",
        # confusion in the days after the operation ("floaty and confused, had the surgery 2 days ago")
        rf"\bconfus(?:ed|ion)\b{_NOT_BEWILDERED}(?=.*\b(?:surgery|operation|op|mvd|decompression)\b)",
        rf"\b(?:surgery|operation|op|mvd|decompression)\b(?=.*\bconfus(?:ed|ion)\b{_NOT_BEWILDERED})",
        r"\broom (?:\S+ ){0,2}spin\w*\b(?=.*\b(?:operation|op|surgery|mvd)\b)",
        r"\b(?:stiff|rigid) neck\b", r"\bneck (?:be )?(?:\S+ ){0,2}(?:stiff|rigid)\b", r"\bfever(?:ish)?\b", r"\bhigh temp",
        r"\brun\w* a temp", r"\bneck (?:\S+ ){0,2}(?:hurt|pain) (?:\S+ ){0,2}(?:bend|move|turn)",
        r"\b(?:can|could) not (?:bend|move|turn) (?:\S+ ){0,1}neck\b",
        r"\b(?:clear|watery) (?:\S+ ){0,3}(?:leak|drip|ooz)", r"\b(?:leak|drip|ooz)\w* from (?:\S+ ){0,3}(?:cut|wound|incision|scar)",
        r"\bclear (?:fluid|liquid|water)\b", r"\b(?:water|fluid|liquid) (?:\S+ ){0,2}(?:come|coming) out\b", r"\b(?:fluid|liquid) (?:\S+ ){0,4}(?:leak|drip|come|run)", r"\b(?:leak|drip)\w* (?:\S+ ){0,4}(?:fluid|nose|wound|incision)",
        r"\bnose (?:\S+ ){0,3}(?:drip|leak|run) (?:\S+ ){0,3}clear\b", r"\bwound (?:\S+ ){0,3}(?:ooz|leak|open|red|pus|swell)",
        r"\b(?:severe|terrible|very bad|very big|huge|excruciating|unbearable|splitting|pounding|blinding|horrendous|awful|"
        r"horrible|massive) (?:\S+ ){0,2}headache\b",
        r"\b(?:operation|op|surgery|mvd|decompression)\b(?:\s\S+){0,12}? (?:throw\w* up|vomit\w*|puk\w*|be sick|being sick)\b",
        r"\b(?:throw\w* up|vomit\w*|puk\w*)\b(?:\s\S+){0,12}? (?:operation|op|surgery|mvd|decompression)\b",
        r"\bheadache (?:\S+ ){0,3}(?:severe|unbearable|terrible|worst|wo n't go|so bad|really bad|nothing help)",
        r"\b(?:can|could) not (?:\S+ ){0,2}open my eyes? (?:\S+ ){0,2}(?:light|bright)\b|\blight (?:\S+ ){0,3}hurt\w* my eye",
        r"\b(?:lose|lost|loss of|can not|no|new) (?:\S+ ){0,2}hear", r"\bdeaf\b", r"\bhearing (?:\S+ ){0,2}(?:go|gone|lost|loss)",
        r"\b(?:operation|op|surgery|mvd|decompression|procedure)\b(?:\s\S+){0,12}? (?:\S+ )?(?:confus\w*|muddl\w*|drowsy|sleepy|disorient\w*)\b"
        r"(?! (?:by|about|with|over|as to|what|which|why|how|whether))",
        r"\b(?:wound|incision|dressing|stitch|stitches|scar|cut)\w* (?:\S+ ){0,6}(?:bleed|pour\w* blood|gush)",
        r"\b(?:pour|gush|spurt)\w* (?:\S+ )?blood\b", r"\bbleed\w* (?:\S+ ){0,4}"
        r"(?:wound|incision|dressing|stitch|through|will not stop|won't stop|wo not stop|not stop)",
        r"\b(?:can not|hard to|harder to|barely|struggl\w* to|unable to|will not|wo not|won't) "
        r"(?:\S+ ){0,2}(?:wake|keep (?:\S+ ){0,2}awake)",
        r"\b(?:confus\w*|muddl\w*|drowsy|sleepy|disorient\w*)\b(?! ,? ?(?:which|what|how|why|about|by|with|as to))"
        r"(?:\s\S+){0,8}? (?:since|after|post) (?:the |his |her |my )?"
        r"(?:operation|op|surgery|mvd|decompression|procedure)\b",
        # a recent operation told first, then a new state anywhere after it ("had MVD two weeks ago ...
        # this evening he's become muddled, doesn't recognise his son, and he's been sick twice")
        r"\b(?:have|had|post[- ]?)(?: his| her| my| the| an?)? (?:operation|op|surgery|mvd|decompression)\b"
        r" (?:\S+ ){0,5}(?:day|week)s? ago\b(?=.*\b(?:burn\w* up|(?:become|get|go|seem|now|suddenly|very|really|all) "
        r"(?:\S+ ){0,2}(?:muddl|confus|disorient)\w*\b(?! (?:by|about|with|over|as to))|not recogni[sz]e|"
        r"be (?:\S+ )?sick (?:twice|again|\w+ times)|(?:be|have|keep|start) (?:\S+ )?(?:vomit\w*|throw\w* up))\b)",
        r"\btemp\w* (?:of |be |is |was )?(?:3[89]|4[01]|10[0-4])\b", r"\brash (?:\S+ ){0,6}(?:glass|not fade|do not fade)",
        r"\b(?:seizure|fit(?! (?:note|for work|to work|and well|again))|convuls\w*)\b(?:\s\S+){0,8}? (?:after|since|post) (?:the |his |her |my )?"
        r"(?:operation|op|surgery|mvd|decompression)\b",
        r"\b(?:wound|incision|scar|stitch|stitches|staple)s? (?:\S+ ){0,5}(?:open|burst|split)\w*\b|"
        r"\bcut (?:\S+ ){1,5}(?:open\w* up|burst open|split open|come open)\b",
        r"\b(?:wound|incision|scar|stitch|stitches|cut)\w* (?:\S+ ){0,8}bleed\w* (?:a lot|heavily|badly|everywhere)\b",
        r"\b(?:run|drip|leak|pour)\w* (?:\S+ )?(?:from|out of) (?:my |his |her |the )?nose\b"
        r"(?=.*\b(?:surgery|operation|op|mvd|decompression)\b)|\bsalty (?:\S+ ){0,2}(?:water|fluid|liquid|taste|drip)\b"
        r"(?=.*\b(?:nose|throat)\b)(?=.*\b(?:surgery|operation|op|mvd|decompression)\b)",
        r"\bpus\b", r"\b(?:wound|cut|incision|scar|stitch|stitches|staple)\w* (?:\S+ ){0,5}"
        r"(?:ooz|leak|pus|swell|swollen|red hot|hot|weep|infect|split|gap|smell)",
    )),
)

SUDDEN = re.compile(r"\bsudden|\btoday\b|\bjust now\b|\bthis morning\b|\btonight\b|\bright now\b|\ban hour\b|"
                     r"\bnot (?:\S+ ){0,2}(?:usual|normal) (?:twitch|spasm)|\bdifferent from (?:\S+ ){0,2}(?:twitch|spasm)|"
                     r"\b(?:\d+|few|couple of|ten|twenty|thirty) (?:min|mins|minute|minutes|hour|hours) ago\b|"
                     r"\bsince (?:\d+|a few|few|ten|twenty|thirty|an?) (?:min|mins|minute|minutes|hour|hours)\b|"
                     r"\bout of nowhere\b|\bnot the (?:usual )?(?:twitch|spasm)\b|\bsince (?:lunch|breakfast|dinner|tea|this|last night|yesterday|an hour|i woke|wake)|"
                     r"\b(?:in|within) the (?:last|past) (?:\d+ |few |couple of )?(?:min|minute|hour)|\bcome on (?:\S+ ){0,3}(?:hour|minute|nowhere|today|tonight|morning)|\b(?:other|opposite|good) side\b|"
                     r"\bside that (?:(?:do|does) not|doesn't|doesnt|never) (?:twitch|spasm)")


AFTER_TREATMENT = re.compile(r"\b(?:after|since) (?:the |my |her |his |their |each |every )?"
                              r"(?:last |first |recent |latest |previous )?(?:botox|injection|jab|shot|hers\b|theirs\b)|"
                              r"\bafter (?:her|his|their)(?= ?(?:[,.!?;]|$))|"
                              r"\b(?:after|since) (?:the |my |her |his )?(?:decompression|mvd|surgery|operation|op)\b"
                              r"(?=.*\b(?:month|year)s?\b)|"
                              r"\b(?:month|year)s? (?:since|after) (?:the |my |her |his |their )?(?:\S+ )?"
                              r"(?:surgery|operation|op|mvd|decompression)\b|"
                              r"\bfor (?:\S+ ){0,2}week (?:\S+ ){0,2}after\b|"
                              # "had botox 3 weeks ago and my eyelid is droopy": weeks, not minutes
                              r"\b(?:botox|injection|jab|shot)s? (?:\S+ ){0,2}(?:day|week|month)s? ago\b|"
                              r"\b(?:day|week|month)s? (?:after|since|post) (?:the |my |her |his )?(?:botox|injection|jab|shot)")

# "Overdose" named in passing, over lemmas: a figure for too much of something that is no medicine ("overdosed on
# chai", "an overdose of googling"), what others say anyone can do ("my mate reckons you can overdose on botox"),
# the news, or an overdose ruled out ("ain't gonna overdose on nothing"). Read as "excess" before the crisis
# patterns and the model; "can you overdose on botox? I want to" asks in question order and stays.
_NOT_A_DRUG = (r"(?!(?:\S+ ){0,4}(?:" + medicine_pattern() + r"|pill|tablet|med|drug|dose|it|them|these|those|my|his|her|their|all|"
               r"everything|the lot|purpose|something|sleep\w*|painkiller|tab\w*|insulin|opioid|heroin|fentanyl|alcohol)\b)")
OVERDOSE_IN_PASSING = re.compile(
    r"\boverdose(?: ')? (?:on|of) " + _NOT_A_DRUG + r"|"
    # a schedule asked about as if it were one: "is botox every few months basically an overdose?", "an overdose risk"
    r"\b(?:basically |kind of |sort of |like |technically )?an overdose\b(?=\W{0,3}(?:or|risk)\b)|\boverdose (?=risk\b)|"
    r"\b(?:leaflet|label|box|packet|insert|warning)s? (?:\S+ ){0,4}(?:say|said|warn|mention)\w* (?:\S+ ){0,2}overdose\b|"
    r"\b(?:know|read|hear|heard|reckon|say|said|tell|told|apparently|think|claim)\w* (?:that )?(?:\S+ ){0,6}?"
    r"(?:you|people|one|anyone|anybody|a person|patient)s? (?:can|could|might) (?:\S+ )?overdose\b|"
    r"\boverdose (?:\S+ ){0,2}?(?=(?:story|new|case|death|crisis|epidemic|statistic|rate|headline|article|scandal)s?\b)|"
    r"\b(?:new|story|article|headline|documentary|report)s? (?:\S+ ){0,3}overdose\b")
# An overdose ruled out, read as nothing: "ain't gonna overdose on nothing, I just want to know what pills they give".
_OVERDOSE_RULED_OUT = re.compile(r"\b(?:not|never|ai not) (?:go to|going to|plan to|gon na|will|about to) overdose\b"
                                 r"(?! (?:\S+ ){0,3}(?:yet|again|this time|today|tonight)\b)(?: on (?:nothing|anything))?")


# Beside an amount asked for, an overdose is never in passing ("I know you can overdose on it, how many would it take").
_AMOUNT_ASKED = re.compile(r"\bhow (?:many|much)\b|\bwhat (?:amount|dose|number)\b|\benough to\b|\b(?:lethal|fatal|deadly)\b")


def overdose_named_in_passing(lemmas: str) -> str:
    """The lemmas with each overdose named only in passing read as "excess" (see OVERDOSE_IN_PASSING)."""
    if _AMOUNT_ASKED.search(lemmas):
        return lemmas
    lemmas = _OVERDOSE_RULED_OUT.sub(" ", lemmas)
    return OVERDOSE_IN_PASSING.sub(lambda found: found.group(0).replace("overdose", "excess"), lemmas)


# What an overdose is taken of: any medicine, or what holds them ("my organiser", "a bottle").
MEDICINE = re.compile(medicine_pattern() + r"|bottle|organi[sz]er|sleeping|painkiller|\btab\w*|\bmy \w+ at once")

# Someone else's words, not the patient's own report.
HEARSAY = re.compile(r"\b(?:heard|(?:been|was|were) told(?! to\b)|(?:she|he|they) said|said (?:her|his|their|that)|(?:my |the |a )?(?:dr|doctor|surgeon|ent|gp|neurologist|consultant|nurse|"
                      r"neurosurgeon|specialist) (?:\S+ )?(?:say|said|says|mention\w*|told|warn\w*)|(?:i|we) (?:have |'ve |ve )?(?:read|heard|seen)|(?:^|[.!?] )(?:read|saw|heard) (?:on|in|online|somewhere|that)|i was told|they (?:say|said|told)|someone said|"
                      r"apparently|online it says|google says)\b")  # "we were told to watch his wound" is an instruction, not hearsay
