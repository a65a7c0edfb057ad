"""Emergency, crisis and personal-advice replies; numbers come from settings."""

from __future__ import annotations

from typing import Optional, Tuple

from bot.replies import APPOINTMENT_BUTTON, Reply
from bot.safety.advice import DOSE, MEDICINE_CHANGE, OWN_RESULTS, SELF_DIAGNOSIS, SYMPTOMS
from bot.safety.redflags import AFTER_BOTOX, AFTER_SURGERY, CRISIS
from bot.settings import get_settings

_SYMPTOM_LEAD = {
    AFTER_BOTOX: "Trouble swallowing, breathing or speaking after Botox needs urgent care.",
    AFTER_SURGERY: "These symptoms after surgery need urgent medical attention.",
}


def emergency_reply(kind: str, language: str = "en") -> Reply:
    """Emergency guidance first; crisis guidance for self-harm; in Spanish for Spanish."""
    settings = get_settings()
    if language == "es":
        return Reply(_spanish_emergency(kind), kind="emergency")
    if kind == CRISIS:
        text = (
            "I'm really sorry you're feeling this way, and I'm glad you said something. "
            f"If you might act on these thoughts or are in danger, call {settings.emergency_number} "
            f"now. You can call or text {settings.crisis_line} (Suicide & Crisis Lifeline) any "
            "time to talk with a trained crisis counselor. Please reach out to someone you trust "
            "and stay with them."
        )
        return Reply(text, kind="emergency")
    lead = _SYMPTOM_LEAD.get(
        kind, "Sudden facial weakness, drooping or numbness, or other stroke signs, can be an emergency."
    )
    text = (
        f"⚠️ {lead} Call {settings.emergency_number} (or your local emergency number) now. "
        "Note the time your symptoms started, and do not drive yourself. "
        "This assistant cannot help in an emergency."
    )
    return Reply(text, kind="emergency")


def _spanish_emergency(kind: str) -> str:
    settings = get_settings()
    if kind == CRISIS:
        return (
            "Siento mucho que se sienta así y me alegra que lo haya dicho. Si puede actuar según "
            f"estos pensamientos o está en peligro, llame al {settings.emergency_number} ahora. "
            f"Puede llamar o enviar un mensaje de texto al {settings.crisis_line} (línea de crisis, "
            "con atención en español) a cualquier hora. Busque a alguien de confianza y quédese "
            "con esa persona."
        )
    return (
        "⚠️ Estos síntomas pueden ser una emergencia (por ejemplo, un derrame cerebral). "
        f"Llame al {settings.emergency_number} ahora o vaya a urgencias. Anote la hora en que "
        "empezaron los síntomas y no conduzca usted mismo. Este asistente no puede ayudar en "
        "una emergencia."
    )


def language_notice(language: str) -> Reply:
    """Say, in the patient's language where we can, that the assistant answers in English."""
    settings = get_settings()
    spanish = (
        "Lo siento, este asistente solo responde en inglés. Para hablar con alguien en español, "
        f"llame a la clínica al {settings.clinic_phone} ({settings.clinic_hours})."
    )
    english = (
        "Sorry, this assistant answers in English only. To talk with someone in your language, "
        f"please call the clinic at {settings.clinic_phone} ({settings.clinic_hours})."
    )
    text = spanish if language == "es" else f"{english}\n{spanish}"
    return Reply(text, kind="language")


_ADVICE_LEAD = {
    DOSE: "Our information doesn't cover doses, and I can't advise on how much of a medicine to take.",
    MEDICINE_CHANGE: "Please don't start, stop or change a medicine without your own clinician.",
    SELF_DIAGNOSIS: "I can't tell whether you have hemifacial spasm; only a clinician who examines you can.",
    OWN_RESULTS: "I can't read or interpret your own scans or results.",
    SYMPTOMS: "Thank you for describing it. Only a clinician who examines you can say what is causing it.",
}


def personal_advice_reply(kind: str, general_info: Optional[str], not_covered: Optional[str] = None) -> Reply:
    """Decline personal advice, say what the page lacks, give its general information, offer an appointment."""
    lead = _ADVICE_LEAD.get(kind, "I can't say what is right for you personally.")
    text = f"{lead} That needs your own doctor or care team, who know your history."
    if not_covered:
        text += f" Our information doesn't cover {not_covered}."
    if general_info:
        text += f"\nWhat our page says in general: {general_info}"
    text += "\nWould you like to request an appointment to discuss it?"
    buttons: Tuple[Tuple[str, str], ...] = (APPOINTMENT_BUTTON,)
    return Reply(text, buttons, kind="personal_advice")
