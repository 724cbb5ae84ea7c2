"""The shape of every content file: packs, entries, spreekuren, volunteer tasks, flows.

Strict on purpose (unknown fields, wrong types and YAML's implicit conversions are all
errors): the people who edit these files are not programmers, and a typo in a field name
must not silently drop an answer. See docs/content.md for the editor's view.
"""

from __future__ import annotations

import re
from datetime import date
from typing import Annotated, Literal, Union

from pydantic import BaseModel, ConfigDict, Field, StringConstraints, model_validator

Lang = Literal["uk", "ru", "nl", "en"]
LANGS: tuple[str, ...] = ("uk", "ru", "nl", "en")
Audience = Literal["ukrainian", "asylum_seeker", "status_holder", "resident"]
AUDIENCES: tuple[str, ...] = ("ukrainian", "asylum_seeker", "status_holder", "resident")
Topic = Literal["healthcare", "school", "language", "allowance", "volunteering",
                "work_income", "living", "other"]
TOPICS: tuple[str, ...] = ("healthcare", "school", "language", "allowance", "volunteering",
                           "work_income", "living", "other")
Weekday = Literal["monday", "tuesday", "wednesday", "thursday", "friday", "saturday", "sunday"]
WEEKDAYS: tuple[str, ...] = ("monday", "tuesday", "wednesday", "thursday", "friday",
                             "saturday", "sunday")

# Ids end up in Telegram callback data (64 bytes), so they are short ASCII.
Id = Annotated[str, StringConstraints(pattern=r"^[a-z0-9][a-z0-9_-]*(\.[a-z0-9_-]+)*$", max_length=40)]
Text = Annotated[str, StringConstraints(min_length=1)]
ClockTime = Annotated[str, StringConstraints(pattern=r"^([01][0-9]|2[0-3]):[0-5][0-9]$")]
Url = Annotated[str, StringConstraints(pattern=r"^https://\S+$")]


class _Strict(BaseModel):
    model_config = ConfigDict(extra="forbid", strict=True, frozen=True)


class Source(_Strict):
    """Where a fact comes from: a seed document and a section heading inside it."""

    doc: Text
    section: Text


class PackSettings(_Strict):
    version: Literal[1]
    id: Id
    name: Text
    languages: list[Lang] = Field(min_length=1)
    source_language: Lang = "nl"
    fallback: dict[Lang, list[Lang]]
    timezone: Text = "Europe/Amsterdam"
    sources: Text = Field(description="folder holding the seed documents, relative to the pack")
    default_route: Id | dict[Audience, Id] | None = Field(
        None, description="spreekuur offered when nothing fits: one id, or one per audience")
    signal_retention_days: int = Field(90, ge=1, le=3650)


class Entry(_Strict):
    id: Id
    topic: Topic
    audiences: list[Audience] = Field(min_length=1)
    title: Text
    text: Text
    details: Text | None = None
    desk_card: Text | None = None
    examples: dict[Lang, list[Text]]
    spreekuren: list[Id] = []
    links: list[Url] = []
    source: list[Source] = Field(min_length=1)
    reviewed: date
    valid_until: date | None = None
    emergency: bool = Field(False, description=(
        "the entry says what to do in an emergency (112): when the bot is not sure of an "
        "answer and this entry is the nearest, its 'I don't know' still gives 112 and a "
        "button to this entry"))


class EntriesFile(_Strict):
    version: Literal[1]
    entries: list[Entry]


class WeeklySlot(_Strict):
    day: Weekday
    start: ClockTime | None = None
    end: ClockTime | None = None

    @model_validator(mode="after")
    def _end_after_start(self) -> "WeeklySlot":
        if self.end and not self.start:
            raise ValueError("an end time needs a start time")
        if self.start and self.end and self.end <= self.start:
            raise ValueError(f"end {self.end} is not after start {self.start}")
        return self


class Spreekuur(_Strict):
    id: Id
    name: Text
    organisation: Text
    # walk_in: fixed days (weekly); appointment: by appointment (how_to_book);
    # contact: an organisation to reach, no consultation hours published (how_to_book says how).
    kind: Literal["walk_in", "appointment", "contact"]
    topics: list[Topic] = Field(min_length=1)
    audiences: list[Audience] = Field(min_length=1)
    about: Text
    weekly: list[WeeklySlot] = []
    place: Text | None = None
    contact: Text | None = None
    how_to_book: Text | None = None
    languages: list[Lang] = []
    closed: list[date] = []
    open_on_holidays: bool = False
    source: list[Source] = Field(min_length=1)
    reviewed: date

    @model_validator(mode="after")
    def _bookable(self) -> "Spreekuur":
        if self.kind in ("appointment", "contact") and not self.how_to_book:
            raise ValueError(f"a {self.kind} spreekuur needs 'how_to_book'")
        return self


class SpreekurenFile(_Strict):
    version: Literal[1]
    spreekuren: list[Spreekuur]


class Task(_Strict):
    id: Id
    organisation: Text
    title: Text
    text: Text
    audiences: list[Audience] = Field(min_length=1)
    where: Text | None = None
    when: Text | None = None
    languages: list[Lang] = []
    requirements: Text | None = None
    signup: Text
    capacity: int | None = Field(None, ge=1)
    ends: date | None = None
    source: list[Source] = Field(min_length=1)
    reviewed: date


class TasksFile(_Strict):
    version: Literal[1]
    tasks: list[Task]


class TestQuestion(_Strict):
    """A staff-written check question, in the format of the evaluation sets."""

    id: Text
    lang: Lang
    text: Text
    topic: Text
    expect: Literal["answer", "unanswered", "crisis"]
    expect_any: list[Text] = []
    #: The entries that answer it: a check that does not depend on wording, for a
    #: question several entries could mention the same word for.
    expect_entries: list[Text] = []
    audience: Audience | None = None
    note: Text | None = None

    @model_validator(mode="after")
    def _answer_says_what_is_right(self) -> "TestQuestion":
        if self.expect == "answer" and not (self.expect_any or self.expect_entries):
            raise ValueError("an `answer` question needs expect_any (words the reply contains) or expect_entries")
        return self


class TestsFile(_Strict):
    version: Literal[1]
    questions: list[TestQuestion]


class UnansweredQuestion(_Strict):
    """A question people ask that this pack does not answer. Written like a test question
    (so the same file is an evaluation set too); `expect`, if given, must say so."""

    id: Text
    lang: Lang
    text: Text
    topic: Text | None = None
    expect: Literal["unanswered"] = "unanswered"
    audience: Audience | None = None
    note: Text | None = None


class UnansweredFile(_Strict):
    """knowledge/<pack>/unanswered.yaml: a question nearer one of these than to any example
    of the entry the matcher would answer with gets "I don't know" and a route instead."""

    version: Literal[1]
    questions: list[UnansweredQuestion]


class SynonymsFile(_Strict):
    """knowledge/<pack>/synonyms.yaml: groups of words that mean the same (any language/script)."""

    version: Literal[1]
    groups: list[Annotated[list[Text], Field(min_length=2)]]


# ---- flows -------------------------------------------------------------------------

Condition = dict[Text, list[Text]]


class Option(_Strict):
    """A button. Exactly one of goto / entry / route / topic / tasks says what it does."""

    label: Text
    goto: Id | None = None
    entry: Id | None = None
    route: Id | None = None
    topic: Topic | None = None
    tasks: bool = False
    spreekuren: bool = False
    value: Text | None = None
    when: Condition | None = None

    @model_validator(mode="after")
    def _one_target(self) -> "Option":
        targets = [t for t in (self.goto, self.entry, self.route, self.topic) if t]
        targets += [name for name in ("tasks", "spreekuren") if getattr(self, name)]
        if len(targets) != 1:
            raise ValueError("an option needs exactly one of goto, entry, route, topic, tasks, spreekuren")
        return self


class LanguageStep(_Strict):
    kind: Literal["language"]
    text: Text
    next: Id


class NoticeStep(_Strict):
    kind: Literal["notice"]
    text: Text
    button: Text
    next: Id


class QuestionStep(_Strict):
    kind: Literal["question"]
    text: Text
    field: Annotated[str, StringConstraints(pattern=r"^[a-z_]+$")]
    options: list[Option] = Field(min_length=1)


class MenuStep(_Strict):
    kind: Literal["menu"]
    text: Text
    options: list[Option] = Field(min_length=1)


class Rule(_Strict):
    when: Condition
    goto: Id


class BranchStep(_Strict):
    kind: Literal["branch"]
    rules: list[Rule] = Field(min_length=1)
    otherwise: Id


class AnswerStep(_Strict):
    """Shows one knowledge entry (with its source and spreekuur)."""

    kind: Literal["answer"]
    entry: Id


class RouteStep(_Strict):
    """Shows one spreekuur with its next date."""

    kind: Literal["route"]
    spreekuur: Id


Step = Annotated[Union[LanguageStep, NoticeStep, QuestionStep, MenuStep, BranchStep,
                       AnswerStep, RouteStep],
                 Field(discriminator="kind")]


class FlowFile(_Strict):
    version: Literal[1]
    steps: dict[Id, Step]


def field_names() -> set[str]:
    """Every field name in every content model, for "did you mean" hints."""
    names: set[str] = set()
    for model in (PackSettings, Entry, EntriesFile, WeeklySlot, Spreekuur, SpreekurenFile,
                  Task, TasksFile, TestQuestion, TestsFile, SynonymsFile, Option, LanguageStep, NoticeStep,
                  QuestionStep, MenuStep, Rule, BranchStep, AnswerStep, RouteStep, FlowFile, Source):
        names.update(model.model_fields)
    return names


ID_RE = re.compile(r"^[a-z0-9][a-z0-9_-]*(\.[a-z0-9_-]+)*$")
