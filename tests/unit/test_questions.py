"""Question analysis and answers, without servers: topic, attribute, kind and the fact chosen."""

from __future__ import annotations

import pytest

from bot.conversation import Context, respond
from bot.knowledge.questions import (
    COMPARE,
    FACT,
    LIST_TESTS,
    LIST_TREATMENTS,
    PARTLY,
    UNCLEAR,
    UNCOVERED,
    analyse_question,
)
from bot.nlp.terms import find_topics


@pytest.mark.parametrize("text, topic", [
    ("Tell me about Botex injections", "botox"),
    ("what is botulinum toxin", "botox"),
    ("onabotulinumtoxinA?", "botox"),
    ("how often are the injections", "botox"),
    ("microvascular decompresion", "mvd"),
    ("decompression surgery", "mvd"),
    ("electromyogram", "emg"),
    ("electromiography", "emg"),
    ("magnetic resonance imaging", "mri"),
    ("an angiogram", "mra"),
    ("accupuncture", "acupuncture"),
    ("radio frequency thermocoagulation", "radiofrequency"),
    ("anti-seizure drugs", "oral_medicines"),
    ("neurological examination", "physical_exam"),
])
def test_synonyms_and_misspellings_map_to_topics(text: str, topic: str) -> None:
    assert topic in find_topics(text)


@pytest.mark.parametrize("text, kind, topics, attribute", [
    ("What does an MRI show?", FACT, ("mri",), "shows"),
    ("Why would I need an MRA?", FACT, ("mra",), "shows"),
    ("Is an EMG always needed?", FACT, ("emg",), "when_used"),
    # the page gives "every few months", then says it does not give an exact duration
    ("How long does a Botox injection last?", PARTLY, ("botox",), "frequency"),
    ("How is microvascular decompression done?", FACT, ("mvd",), "procedure"),
    ("how does botox work", FACT, ("botox",), "how_it_works"),
    ("does botox work", FACT, ("botox",), "effectiveness"),
    ("When do doctors order imaging?", FACT, ("imaging",), "when_used"),
    ("What tests are done to diagnose hemifacial spasm?", LIST_TESTS, ("diagnosis",), None),
    ("what are my treatment options", LIST_TREATMENTS, ("treatment",), None),
    ("Is surgery the only option?", LIST_TREATMENTS, ("treatment",), None),
    ("tablets did nothing for me. what else is out there?", LIST_TREATMENTS, ("treatment",), None),
    ("are the jabs the only option or is there other stuff?", LIST_TREATMENTS, ("treatment",), None),
    ("my husband is dead against surgery. what's MVD though?", FACT, ("mvd",), None),
    ("is the EMG done in simple cases too or only complicated ones?", FACT, ("emg",), "when_used"),
    ("MRI or MRA - what's the difference?", COMPARE, ("mri", "mra"), None),
    ("Botox or surgery long term?", COMPARE, ("botox", "surgery"), "effectiveness"),
    ("what's the best long term option?", FACT, ("treatment",), "effectiveness"),
    ("besides MVD what operations are there?", FACT, ("other_surgery",), None),
    ("what's the capital of France", UNCOVERED, (), None),
    ("tell me more", UNCLEAR, (), None),
])
def test_analysis(text: str, kind: str, topics: tuple, attribute: str | None) -> None:
    question = analyse_question(text)
    assert question.kind == kind
    assert question.topics == topics
    if attribute:
        assert question.attribute == attribute


@pytest.mark.parametrize("text", [
    "Is it hereditary?", "Is hemifacial spasm contagious?", "can stress cause hemifacial spasm",
    "How much does botox cost?", "What are the side effects of MVD?",
    "How long is the recovery after surgery?", "how long does the emg test last",
    "does insurance cover botox", "is botox safe",
])
def test_questions_the_page_does_not_answer(text: str) -> None:
    assert analyse_question(text).kind == UNCOVERED


@pytest.mark.parametrize(("text", "topic", "attribute"), [
    ("can the pills cure it", "oral_medicines", "effectiveness"),
    ("exactly how many months apart are the botox jabs", "botox", "frequency"),
    ("What causes hemifacial spasm?", "mri", "what"),
    ("Can it be cured?", "treatment", "effectiveness"),  # the treatments' effect, then the gap
    ("can hemifacial spasm be cured completly", "treatment", "effectiveness"),
    ("if they cut part of the facial nerve will my face be paralysed", "nerve_cutting", "what"),
    ("Does Botox keep working forever, or do people stop responding to it after a while?", "botox", "what"),
    ("electrical pulses - is that like a tens machine i could buy", "electrical_pulses", "what"),
    ("Is there a time limit? If it is diagnosed late, is the damage permanent?", "early_diagnosis", "what"),
])
def test_questions_the_page_answers_in_part(text: str, topic: str, attribute: str) -> None:
    """The gap is named, and the topic's fact that states the asked attribute goes beside it."""
    question = analyse_question(text)
    assert (question.kind, question.topics, question.attribute) == (PARTLY, (topic,), attribute)


@pytest.mark.parametrize(("text", "topic", "attribute"), [
    ("What is the success rate of MVD?", "mvd", "effectiveness"),
    ("what percentage of people does botox work for", "botox", "effectiveness"),
    ("how big is the scar from mvd", "mvd", "what"),  # then the incision behind the ear
])
def test_a_risk_or_a_figure_is_the_gap_first_with_the_fact_beside(text: str, topic: str, attribute: str) -> None:
    """'What is the success rate of MVD?': the gap, then what the page states of how well it works."""
    question = analyse_question(text)
    assert (question.kind, question.topics, question.attribute) == (UNCOVERED, (topic,), attribute)


def test_a_gap_is_named_with_its_topic_and_no_routed_fact() -> None:
    """'How long does the EMG last' names EMG; EMG's routed 'not always necessary' is no answer."""
    question = analyse_question("how long does the emg test last")
    assert question.subject is not None and "EMG" in question.subject
    assert question.topics == ("emg",)


def test_follow_up_resolves_it_to_the_last_topic() -> None:
    question = analyse_question("how often do I need it?", last_topic="botox")
    assert (question.kind, question.topics, question.attribute) == (FACT, ("botox",), "frequency")


def test_follow_up_without_context_asks_which_topic() -> None:
    assert analyse_question("how often do I need it?").kind == UNCLEAR


def test_answers_come_from_the_knowledge_base(kb: str) -> None:
    reply = respond("tell me about botox")
    assert "block nerve signals" in reply.text and reply.topic == "botox"
    follow = respond("how often do I need it?", context=Context(topic=reply.topic))
    assert "every few months" in follow.text
    assert "Treatment" in follow.text  # the page section note


def test_list_reply_has_buttons_to_drill_down(kb: str) -> None:
    reply = respond("what tests are there?")
    titles = [t for t, _ in reply.buttons]
    assert {"MRI", "MRA", "EMG"} <= set(titles)
    assert all(p.startswith("/ask_question") for _, p in reply.buttons)


def test_uncovered_reply_invents_nothing(kb: str) -> None:
    reply = respond("what are the side effects of botox?")
    assert "doesn't cover side effects" in reply.text and "care team" in reply.text
    # what the page says of Botox comes after the gap, so it cannot read as "no side effects"
    assert reply.text.index("doesn't cover") < reply.text.index("block nerve signals")
    assert "side effect" not in reply.text.split("doesn't cover")[1].split(".", 1)[1]


@pytest.mark.parametrize("text", [
    "can I have an MRI with a pacemaker?",  # the patient's device: the MRI's description could read as "fine"
    "is botox safe in pregnancy?",
])
def test_gap_about_the_patient_gives_no_topic_fact(kb: str, text: str) -> None:
    reply = respond(text)
    assert "doesn't cover" in reply.text
    assert "Creates detailed images".lower() not in reply.text.lower() and "block nerve" not in reply.text


def test_compare_lists_both_without_ranking(kb: str) -> None:
    reply = respond("Botox or surgery long term?")
    assert "every few months" in reply.text and "most effective long-term" in reply.text


@pytest.mark.parametrize(("text", "topic"), [
    ("r there any tablets for it", "oral_medicines"),  # texting shorthand
    ("what do they try first for mild cases", "oral_medicines"),
    ("My dad's been put on nerve-calming tablets that are also used for epilepsy. Is that a usual treatment?",
     "oral_medicines"),
    ("how do they check if a vessel is touching the nerve", "mra"),
    ("pins in the face therapy any good", "acupuncture"),
])
def test_lay_wording_finds_its_topic(text: str, topic: str) -> None:
    assert analyse_question(text).topics == (topic,)


def test_a_common_word_is_not_repaired_into_a_page_word() -> None:
    """'infections' is no misspelling of 'injection'."""
    question = analyse_question("Can ear infections be connected to hemifacial spasm?")
    assert "botox" not in question.topics and question.kind == UNCOVERED


def test_a_clause_pointing_back_at_a_gap_stays_with_it() -> None:
    from bot.conversation import respond
    reply = respond("what about gamma knife? does that work for this or is it just for tumours")
    assert reply.kind == UNCOVERED and "gamma knife" in reply.text


def test_a_name_asked_about_among_stop_words_is_a_gap() -> None:
    assert analyse_question("do you take aetna?").kind == UNCOVERED


@pytest.mark.parametrize(("text", "page_says"), [
    ("How many acupuncture sessions would someone need for this", "more studies are needed"),
    ("if the oral medicines don't work how long do people try them before switching", "mild or early stages"),
    ("how do you decide how severe someones case is, is there a scale", "Depending on the severity"),
    ("why does a blood vessel end up pressing on the nerve in the first place", "pressing on the facial nerve"),
])
def test_how_long_a_course_takes_gets_what_the_page_says_and_the_gap(text: str, page_says: str) -> None:
    reply = respond(text)
    assert reply.kind == PARTLY and page_says in reply.text and "doesn't cover" in reply.note


@pytest.mark.parametrize("text", [
    "can i put makeup on the same day as my injections",
    "are there eye drops that help with the dryness",
    "can a root canal or dental work set off the spasms",
    "Good morning. I would like to know whether Medicare will pay for the microvascular operation. "
    "Kind regards, Harold",
    "who does the MVD surgery",
    "how soon after the botox jab does it start working, days or weeks",
    "what happens if hemifacial spasm is never treated, does it keep getting worse",
])
def test_subjects_the_page_never_speaks_of_get_no_fact(text: str) -> None:
    reply = respond(text)
    assert reply.kind == UNCOVERED and "doesn't cover" in reply.text


def test_a_second_question_beyond_the_page_is_named() -> None:
    reply = respond("what does the emg add in the complicated cases and who performs it")
    assert "complex cases" in reply.text and "who carries out" in reply.note


@pytest.mark.parametrize(("text", "page_says"), [
    # the page gives no figures: a count, share or size asked of a named topic
    ("roughly how many research papers exist on acupuncture for this?", "more studies are needed"),
    ("what share of the facial nerve gets cut, a quarter?", "part of the facial nerve"),
    ("how long is the incision behind the ear in cm", "incision behind the ear"),
    ("any numbers on how well botox works?", "effective for most people"),
    # examples or a list of what the page names only in general
    ("what counts as a more complex case for the EMG? examples please", "more complex cases"),
    ("Name the other brain conditions an MRI can pick up. Give me a list", "other brain condition"),
    # more depth than the page goes into
    ("explain the chemistry of how botox blocks the nerve signals", "block nerve signals"),
    ("radiofrequency thermocoagulation, how it is done step by step?", "radiofrequency thermocoagulation"),
    ("what material is the pad in MVD", "spongelike pad"),
])
def test_detail_beyond_a_named_fact_gets_the_fact_and_how_far_the_page_goes(text: str, page_says: str) -> None:
    reply = respond(text)
    assert reply.kind == PARTLY and page_says in reply.text and "doesn't cover" in reply.note


@pytest.mark.parametrize("text", [
    "How many treatments are there?",
    "how many tests do they do for this",
    "what other treatments are there besides botox",
])
def test_counting_the_options_is_still_the_list(text: str) -> None:
    assert respond(text).kind in (LIST_TESTS, LIST_TREATMENTS, FACT, COMPARE)


@pytest.mark.parametrize(("text", "attribute"), [
    ("Botox - precisely how many weeks between the shots? 10 or 12?", "frequency"),
    ("Heat therapy: how many sessions would I need?", None),
])
def test_choices_and_a_label_leave_the_question_its_own(text: str, attribute: str) -> None:
    """"10 or 12?" adds to the question before it; "Heat therapy:" labels the question after it."""
    reply = respond(text)
    assert reply.kind == PARTLY and "doesn't cover" in reply.note
    if attribute == "frequency":
        assert "every few months" in reply.text


def test_likening_a_topic_to_something_else_gets_what_the_page_says_it_is() -> None:
    reply = respond("heat therapy, who does it and is it like a sauna?")
    assert reply.kind == PARTLY and "heat therapy" in reply.text.lower() and "doesn't cover" in reply.note


def test_how_much_a_treatment_helps_is_no_cost_question() -> None:
    reply = respond("how much does the botox help?")
    assert "cost" not in (reply.text + reply.note).lower() and "effective for most people" in reply.text


def test_a_simple_fact_asked_further_gets_how_far_the_page_goes() -> None:
    """A follow-on like 'does that mean completely?' keeps the fact and adds the gap, even without a named test."""
    reply = respond("you say treatment improves quality of life, but does that mean it stops completely?")
    assert reply.kind == PARTLY and "quality of life" in reply.text and "doesn't cover" in reply.note


def test_a_contrast_agents_name_gets_the_page_dye_beside_the_gap() -> None:
    reply = respond("is the dye for the MRA iodine based or something else?")
    assert reply.kind == PARTLY and "special dye" in reply.text and "doesn't mention it by name" in reply.note


def test_an_allergy_to_a_contrast_agent_still_gets_no_fact() -> None:
    reply = respond("I react badly to gadolinium. Can I have the MRA?")
    assert "From our hemifacial spasm page" not in reply.full_text and "doesn't cover" in reply.full_text


def test_the_clinics_change_of_treatment_is_no_medicine_change() -> None:
    reply = respond("at what point do doctors move to surgery instead of botox")
    assert "without your own clinician" not in reply.full_text


def test_asking_whether_a_treatment_is_an_implant_is_no_device_of_theirs() -> None:
    reply = respond("heat therapy - is that an implanted device or done once?")
    assert reply.kind == PARTLY and "heat therapy" in reply.text.lower() and "with a device" not in reply.full_text
    mine = respond("I have an implant in my jaw. Is the MRI safe for me?")
    assert "From our hemifacial spasm page" not in mine.full_text and "device" in mine.full_text


@pytest.mark.parametrize("text", [
    "I have taken baclofen nightly for a year. May I simply discontinue it?",
    "what's the max carbamazepine a person can take",
    "I've chucked my tablets in favour of acupuncture. Good plan?",
    "Which is the better surgeon for MVD, the professor or his registrar?",
    "Do I need a skin doctor or a brain specialist for this?",
    "If you were in my shoes, injections for life or the operation?",
])
def test_personal_questions_in_formal_and_blunt_words_get_their_own_clinician(text: str) -> None:
    assert "your own" in respond(text).full_text


def test_needles_placed_on_the_body_are_acupuncture_not_a_body_part() -> None:
    reply = respond("those fine needles they put in your hands and ears, could that settle a facial spasm?")
    assert "acupuncture" in reply.text.lower() and "other parts of the body" not in reply.full_text


def test_complex_cases_ask_when_the_emg_is_used() -> None:
    assert "more complex cases" in respond("is the EMG only for complex cases?").text


@pytest.mark.parametrize(("text", "topic"), [
    ("how long does the e m g take", "emg"),
    ("what does the M R A show", "mra"),
    ("how often are the bow tox shots", "botox"),
    ("after the m v d can I drive", "mvd"),
    ("is there something you just swallow for this instead of jabs?", "oral_medicines"),
    ("the electrical muscle signal test, is it always needed?", "emg"),
    ("which scan shows the vessels?", "mra"),
    ("what's the test with the rubber hammer for?", "physical_exam"),
    ("is the electric current testing of my cheek muscles painful?", "emg"),
    ("the magnet tunnel photograph, how long is it?", "mri"),
    ("the scan where they put colouring in the veins", "mra"),
    ("can they cook the nerve with a hot needle instead?", "radiofrequency"),
])
def test_dictated_and_lay_names_read_as_the_page_names(text: str, topic: str) -> None:
    from bot.nlp.reading import read
    assert topic in read(text).topics


@pytest.mark.parametrize(("text", "page_words"), [
    ("which artery is it usually that squashes the nerve", "blood vessel is pressing"),
    ("what counts as a severe case", "depending on the severity"),
    ("what do they mean by unusual symptoms exactly", "when symptoms are unusual"),
])
def test_a_detail_of_the_page_words_gets_their_fact_then_the_limit(text: str, page_words: str) -> None:
    reply = respond(text)
    assert page_words in reply.text.lower()
    assert "doesn't cover" in (reply.note or "")


def test_a_refusal_in_a_figure_of_speech_still_sets_the_option_aside(kb: str) -> None:
    reply = respond("over my dead body am I having the brain op. what else is there?")
    assert "Botox" in reply.text and "Oral medicines".lower() in reply.text.lower()


def test_a_run_on_question_is_asked_not_described(kb: str) -> None:
    reply = respond("got my teeth out next week is that ok with the spasms")
    assert "doesn't cover" in reply.text
    assert "Thank you for describing it" not in reply.text


@pytest.mark.parametrize(("text", "gap_kind"), [
    ("are you put to sleep for the decompression op?", "anaesthesia"),
    ("can I donate blood while I'm on the tablets?", "daily_life"),
    ("can I have my flu jab between botox sessions?", "other_treatment"),
    ("is hemifacial spasm a kind of seizure?", "about"),
    ("can a filling at the dentist start it off?", "cause"),
    ("who first discovered hemifacial spasm?", "about"),
    ("do I have to get undressed for the examination?", "logistics"),
    ("does the heat treatment burn?", "risk"),
    ("do u see private patients?", "logistics"),
    ("I need a sick note for my boss, can you do that?", "logistics"),
    ("can I still play football with it?", "daily_life"),
    ("can the appointment be by video?", "logistics"),
    ("do you do evening appointments?", "logistics"),
    ("is it passed down in families?", "heredity"),
    ("when can my stitches get wet in the shower?", "aftercare"),
    ("how long will I lie in the scanner for the MRI?", "duration"),
    ("is there an upper age for the decompression operation?", "population"),
    ("could the sponge slip out of place later on?", "risk"),
    ("what kind of tumour could the MRI find, and is it cancer?", "tumour_kind"),
    ("may I travel by aeroplane soon after the operation, say within a week?", "duration"),
])
def test_gaps_of_the_fresh33_to_36_rounds(text: str, gap_kind: str) -> None:
    from bot.analysis import analyse_message
    gap = analyse_message(text).question.gap
    assert gap is not None and gap.kind == gap_kind


@pytest.mark.parametrize(("text", "expected"), [
    ("are scans used to find the cause of the twitch?", "confirm the cause"),
    ("does everybody need an EMG, or just some people?", "not always necessary"),
    ("I coach 20 kids at football. How does the electrical pulses treatment help?", "reduce nerve sensitivity"),
    ("what's the point of getting it treated?", "facial comfort and function"),
    ("the surgery where they separate the vein from the nerve, what's it called?", "Microvascular decompression"),
    ("what makes them choose the MRA?", "symptoms are unusual"),
    ("I want to steer clear of surgery, what else is there?", "Botox"),
    # a list of the options or tests gives each one's fact, not only their names
    ("what treatments are there?", "Oral medicines: antiseizure drugs"),
    ("what tests are there?", "Electromyography (EMG): measures electrical activity"),
    ("which imaging tests might I have?", "Magnetic resonance angiography (MRA): involves"),
    ("dying to know how often the botox gets redone", "must be repeated every few months"),
    ("lowkey what's the point of acupuncture", "Some research suggests acupuncture"),
    ("the hospital is murder on my sleep. can they cut the nerve?", "part of the facial nerve may be cut"),
])
def test_page_answers_the_fresh35_round_reached(text: str, expected: str) -> None:
    reply = respond(text)
    assert expected.lower() in reply.text.lower()
    assert "doesn't cover" not in reply.text


@pytest.mark.parametrize(("text", "page_says", "limit"), [
    ('what does "repeated every few months" mean?', "must be repeated every few months", False),
    ('the page says "other brain condition", which ones?', "tumor or other brain condition", True),
    ("What counts as 'mild or early stages'? Is there a scale?", "in mild or early stages", True),
])
def test_a_page_phrase_quoted_back_gets_its_sentence(text: str, page_says: str, limit: bool) -> None:
    reply = respond(text)
    assert page_says in reply.full_text and ("doesn't cover" in reply.full_text) == limit


def test_one_quoted_word_names_no_sentence() -> None:
    from bot.knowledge.quoted import quoted_fact
    assert quoted_fact("how early is 'early'?") is None
    assert quoted_fact('what does "block nerve signals" mean?') == ("botox", "what")


@pytest.mark.parametrize(("text", "page_says"), [
    ("heart in my throat before the first consult. what happens there?", "review of your medical history"),
    ("killer question: what does the spongelike pad do?", "spongelike pad"),
    ("for my nursing exam: which treatment is the most effective long-term?", "most effective long-term"),
])
def test_figures_and_school_exams_name_no_subject(text: str, page_says: str) -> None:
    reply = respond(text)
    assert "doesn't cover" not in reply.full_text and page_says in reply.text


def test_a_listed_fact_is_not_labelled_twice() -> None:
    reply = respond("what are my treatment options")
    assert "Oral medicines: Oral medicines" not in reply.text and "• Oral medicines: antiseizure" in reply.text


@pytest.mark.parametrize(("text", "page_says"), [
    ("nerve massage, can I do that myself with my hands?", "nerve massage"),
    ("which complaints count as unusual enough for a scan?", "symptoms are unusual"),
    ("how does a vessel come to press on the nerve anyway?", "blood vessel is pressing on the facial nerve"),
    ("which parts of my history count? like does my old shingles matter", "medical history"),
])
def test_partly_covered_questions_get_the_fact_and_the_limit(text: str, page_says: str) -> None:
    reply = respond(text)
    assert page_says.lower() in reply.full_text.lower() and "doesn't cover" in reply.full_text


def test_leaving_a_mild_case_alone_gets_early_treatment_and_severity() -> None:
    reply = respond("should I just leave it alone, it's mild?")
    assert "Early diagnosis" in reply.full_text and "Depending on the severity" in reply.full_text


def test_choosing_between_treatments_gets_how_the_page_ties_them_to_severity() -> None:
    reply = respond("tablets or botox, which one should I choose?")
    assert "Depending on the severity" in reply.full_text and "your own doctor" in reply.full_text
