"""The engine's input and output: the only types adapters and the engine share.

Kept platform-free so that the same conversation can be driven from a terminal, Telegram
or a test, and so that every adapter renders the same thing.
"""

from __future__ import annotations

from dataclasses import dataclass, field

#: Button actions are opaque ASCII strings of at most this many bytes, so that they fit
#: Telegram's callback_data (1-64 bytes) without any adapter-side table.
MAX_ACTION_BYTES = 64


@dataclass(frozen=True)
class Button:
    """A choice the user can press; `action` comes back in an Incoming when pressed."""

    label: str
    action: str

    def __post_init__(self) -> None:
        if not self.action or len(self.action.encode("utf-8")) > MAX_ACTION_BYTES:
            raise ValueError(f"button action must be 1-{MAX_ACTION_BYTES} bytes: {self.action!r}")


@dataclass(frozen=True)
class Incoming:
    """One thing a user did: typed `text`, or pressed a button with `action`.

    Args:
        user_key: pseudonymous key (see bot.privacy.user_key), never a raw platform id.
        text: free text, or a command such as "/start".
        action: the action of a pressed button (untrusted: may be stale or tampered).
        lang_hint: the platform's idea of the user's language (e.g. Telegram's
            language_code); only used until the user chooses a language.
        update_id: the platform's delivery id, for de-duplication; None when the
            platform delivers exactly once (the terminal).
        kind: "text", "action", or what else arrived ("photo", "sticker", "voice",
            "location", "edited", "group", "other") so the engine can answer kindly.
    """

    user_key: str
    text: str | None = None
    action: str | None = None
    lang_hint: str | None = None
    update_id: str | None = None
    kind: str = "text"


@dataclass(frozen=True)
class Reply:
    """One message to show: text plus optional rows of buttons.

    `remember_chat` asks the adapter to keep (True) or drop (False) how to reach this user
    for announcements they opted in to; the engine itself never sees a chat id.
    """

    text: str
    buttons: tuple[tuple[Button, ...], ...] = field(default_factory=tuple)
    remember_chat: bool | None = None

    @property
    def flat_buttons(self) -> list[Button]:
        return [b for row in self.buttons for b in row]
