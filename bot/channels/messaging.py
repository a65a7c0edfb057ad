"""Messaging platforms: Telegram, Slack, Facebook Messenger and Twilio (SMS and WhatsApp).

Subclasses of Rasa's channels that
- map quick replies to each platform's buttons (numbered options on SMS/WhatsApp,
  quick replies on Messenger; Telegram and Slack use Rasa's inline buttons),
- verify request signatures: Twilio's X-Twilio-Signature (Rasa does not), Facebook's
  X-Hub-Signature (refused with 403), Slack's signing secret (Rasa's own check),
  Telegram's secret-token header when one is configured,
- clean text input like the REST channel, and
- record outbound messages instead of calling the platform when HFS_OUTBOUND_RECORD is set.
"""

from __future__ import annotations

import hmac
import logging
from collections import OrderedDict
from typing import Any, Awaitable, Callable, Dict, List, Optional

from fbmessenger import MessengerClient
from rasa.core.channels.channel import UserMessage
from rasa.core.channels.facebook import FacebookInput, Messenger, MessengerBot
from rasa.core.channels.slack import SlackInput
from rasa.core.channels.telegram import TelegramInput, TelegramOutput
from rasa.core.channels.twilio import TwilioInput, TwilioOutput
from sanic import Blueprint, response
from sanic.request import Request
from sanic.response import HTTPResponse
from twilio.request_validator import RequestValidator

from bot.channels import recording
from bot.channels.buttons import facebook_quick_replies, numbered_text, pick_numbered
from bot.channels.guard import sanitize_message

logger = logging.getLogger(__name__)
OnNewMessage = Callable[[UserMessage], Awaitable[Any]]


# ---- Telegram -----------------------------------------------------------------------------
class RecordingTelegramOutput(TelegramOutput):
    """Telegram output that records instead of calling the Bot API."""

    def __init__(self, access_token: Optional[str], username: str) -> None:
        super().__init__(access_token)
        self._username = username

    async def get_me(self) -> Any:  # type: ignore[override]
        """The configured bot, as getMe would return it."""
        return recording.telegram_me(self._username)

    async def send_message(self, chat_id: Any, text: str, reply_markup: Any = None,  # type: ignore[override]
                           **kwargs: Any) -> None:
        """Record the message and its inline keyboard."""
        markup = reply_markup.to_python() if reply_markup is not None else None
        recording.record("telegram", chat_id, {"text": text, "reply_markup": markup})


class ClinicTelegramInput(TelegramInput):
    """Telegram with an optional secret-token check and offline recording."""

    @classmethod
    def from_credentials(cls, credentials: Optional[Dict[str, Any]]) -> ClinicTelegramInput:
        """Rasa's credentials plus ``secret_token``."""
        channel = super().from_credentials(credentials)
        channel.secret_token = (credentials or {}).get("secret_token") or ""
        return channel

    def get_output_channel(self) -> TelegramOutput:
        """The Bot API client, or the recorder in offline tests."""
        if recording.record_path():
            return RecordingTelegramOutput(self.access_token, self.verify)
        return super().get_output_channel()

    def blueprint(self, on_new_message: OnNewMessage) -> Blueprint:
        """Rasa's Telegram blueprint behind a secret-token check."""
        blueprint = super().blueprint(on_new_message)

        @blueprint.middleware("request")
        async def check_secret(request: Request) -> Optional[HTTPResponse]:
            secret = getattr(self, "secret_token", "")
            if request.method == "POST" and secret:
                sent = request.headers.get("X-Telegram-Bot-Api-Secret-Token", "")
                if not hmac.compare_digest(sent, secret):
                    return response.text("forbidden", status=403)
            return None

        return blueprint


# ---- Slack --------------------------------------------------------------------------------
class ClinicSlackInput(SlackInput):
    """Slack (signing secret checked by Rasa) with offline recording."""

    def get_output_channel(self, channel: Optional[str] = None, thread_id: Optional[str] = None) -> Any:
        """Rasa's SlackBot, with a recording client in offline tests."""
        bot = super().get_output_channel(channel, thread_id)
        if recording.record_path():
            bot.client = recording.RecordingSlackClient()
        return bot


# ---- Facebook Messenger -------------------------------------------------------------------
class QuickReplyMessengerBot(MessengerBot):
    """Messenger output sending quick replies (Rasa drops buttons beyond three)."""

    async def send_text_with_buttons(self, recipient_id: str, text: str,
                                     buttons: List[Dict[str, Any]], **kwargs: Any) -> None:
        """Send the text with quick-reply buttons."""
        self.messenger_client.send(facebook_quick_replies(text, buttons), recipient_id, "RESPONSE")


class ClinicMessenger(Messenger):
    """Rasa's Messenger handler using the quick-reply output and cleaned input."""

    def __init__(self, page_access_token: str, on_new_message: OnNewMessage) -> None:
        super().__init__(page_access_token, on_new_message)
        if recording.record_path():
            self.client = recording.RecordingMessengerClient()

    async def _handle_user_message(self, text: str, sender_id: str,
                                   metadata: Optional[Dict[str, Any]]) -> None:
        out_channel = QuickReplyMessengerBot(self.client)
        await self.on_new_message(UserMessage(
            sanitize_message(text), out_channel, sender_id, input_channel=self.name(), metadata=metadata,
        ))


class ClinicFacebookInput(FacebookInput):
    """Facebook Messenger: X-Hub-Signature checked (403 when wrong), quick replies out."""

    def get_output_channel(self) -> QuickReplyMessengerBot:
        """The Send API for messages sent through Rasa's HTTP API (staff replies); Rasa's channel has none."""
        client = recording.RecordingMessengerClient() if recording.record_path() else MessengerClient(
            self.fb_access_token)
        return QuickReplyMessengerBot(client)

    def blueprint(self, on_new_message: OnNewMessage) -> Blueprint:
        """Verification challenge (GET) and signed messages (POST)."""
        fb_webhook = Blueprint("clinic_fb_webhook", __name__)

        @fb_webhook.route("/", methods=["GET"])
        async def health(_: Request) -> HTTPResponse:
            return response.json({"status": "ok"})

        @fb_webhook.route("/webhook", methods=["GET"])
        async def token_verification(request: Request) -> HTTPResponse:
            if request.args.get("hub.verify_token") == self.fb_verify:
                return response.text(request.args.get("hub.challenge"))
            return response.text("failure, invalid token", status=403)

        @fb_webhook.route("/webhook", methods=["POST"])
        async def webhook(request: Request) -> HTTPResponse:
            signature = request.headers.get("X-Hub-Signature") or ""
            if not self.validate_hub_signature(self.fb_secret, request.body, signature):
                logger.warning("Facebook request with a wrong X-Hub-Signature refused")
                return response.text("invalid signature", status=403)
            messenger = ClinicMessenger(self.fb_access_token, on_new_message)
            await messenger.handle(request.json, self.get_metadata(request))
            return response.text("success")

        return fb_webhook


# ---- Twilio SMS and WhatsApp --------------------------------------------------------------
class NumberedTwilioOutput(TwilioOutput):
    """Twilio output: options as a numbered list, remembered to map "2" back to a payload."""

    def __init__(self, account_sid: Optional[str], auth_token: Optional[str],
                 twilio_number: Optional[str], channel_name: str,
                 options: OrderedDict[str, List[Dict[str, Any]]]) -> None:
        super().__init__(account_sid, auth_token, twilio_number)
        self.channel_name = channel_name
        self.options = options

    async def _send_message(self, message_data: Dict[str, Any]) -> Any:
        if recording.record_path():
            recording.record(self.channel_name, message_data.get("to"), message_data)
            return message_data
        return await super()._send_message(message_data)

    async def send_text_with_buttons(self, recipient_id: str, text: str,
                                     buttons: List[Dict[str, Any]], **kwargs: Any) -> None:
        """One message: the text and its numbered options."""
        self.options[recipient_id] = buttons
        self.options.move_to_end(recipient_id)
        while len(self.options) > 10_000:
            self.options.popitem(last=False)
        await self._send_message({"to": recipient_id, "from_": self.twilio_number,
                                  "body": numbered_text(text, buttons)})


class VerifiedTwilioInput(TwilioInput):
    """Twilio SMS with X-Twilio-Signature verification (Rasa's channel has none)."""

    @classmethod
    def from_credentials(cls, credentials: Optional[Dict[str, Any]]) -> VerifiedTwilioInput:
        """Rasa's credentials plus ``webhook_url``, the public URL Twilio signs."""
        channel = super().from_credentials(credentials)
        channel.webhook_url = (credentials or {}).get("webhook_url") or ""
        channel.options = OrderedDict()
        return channel

    def get_output_channel(self) -> NumberedTwilioOutput:
        """Twilio's REST client (or the recorder) with numbered options."""
        return NumberedTwilioOutput(self.account_sid, self.auth_token, self.twilio_number,
                                    self.name(), self.options)

    def signed_url(self, request: Request) -> str:
        """The URL Twilio signed: the configured public URL, else this request's URL."""
        return self.webhook_url or request.url

    def signature_is_valid(self, request: Request) -> bool:
        """Check X-Twilio-Signature over the URL and the POSTed form fields."""
        if not self.auth_token:
            return False
        params = {key: values[0] for key, values in request.form.items()}
        signature = request.headers.get("X-Twilio-Signature", "")
        return RequestValidator(self.auth_token).validate(self.signed_url(request), params, signature)

    def blueprint(self, on_new_message: OnNewMessage) -> Blueprint:
        """Rasa's Twilio blueprint behind the signature check and numbered replies."""

        async def cleaned(message: UserMessage) -> Any:
            options = self.options.get(message.sender_id, [])
            message.text = sanitize_message(pick_numbered(message.text, options))
            return await on_new_message(message)

        blueprint = super().blueprint(cleaned)
        blueprint.name = f"{self.name()}_webhook"

        @blueprint.middleware("request")
        async def verify(request: Request) -> Optional[HTTPResponse]:
            if request.method == "POST" and not self.signature_is_valid(request):
                logger.warning("Twilio request with a wrong X-Twilio-Signature refused")
                return response.text("invalid signature", status=403)
            return None

        return blueprint


class VerifiedTwilioWhatsAppInput(VerifiedTwilioInput):
    """The same for WhatsApp through Twilio (``twilio_number`` is ``whatsapp:+1…``)."""

    @classmethod
    def name(cls) -> str:
        """Served at /webhooks/twilio_whatsapp/webhook."""
        return "twilio_whatsapp"


__all__ = [
    "ClinicFacebookInput", "ClinicSlackInput", "ClinicTelegramInput",
    "VerifiedTwilioInput", "VerifiedTwilioWhatsAppInput",
]
