"""What comment platforms print around comments, as regular expressions.

Shared by the line classifier; each pattern matches a whole stripped line.
"""

from __future__ import annotations

import re

__all__ = [
    "AUTHOR_HEADERS",
    "AVATAR",
    "CHROME",
    "CHROME_SHARE",
    "CHROME_TOKENS",
    "INFORMAL",
    "NOT_NAMES",
    "REPLY_FORM",
    "THREAD_HEADER",
    "TIMESTAMP",
    "TIMESTAMP_PREFIX",
]

_MONTH = (
    r"(?:jan(?:uary)?|feb(?:ruary)?|mar(?:ch)?|apr(?:il)?|may|june?|july?|aug(?:ust)?"
    r"|sep(?:t(?:ember)?)?|oct(?:ober)?|nov(?:ember)?|dec(?:ember)?)\.?"
)
_TIME = r"\d{1,2}[:.]\d{2}(?::\d{2})?\s*(?:[ap]\.?m\.?)?"
_REL = (
    r"(?:(?:\d+|an?|one|two|three|few)\s+(?:sec(?:ond)?|min(?:ute)?|h(?:ou)?r|day|week|wk"
    r"|month|mo|year|yr)s?\s+ago|just now|(?:yesterday|today)(?:\s+at\s+" + _TIME + r")?"
    r"|\d+\s*[smhdwy]\b(?:\s+ago)?)"
)
_DATE = (
    r"(?:(?:mon|tue|wed|thu|fri|sat|sun)[a-z]*,?\s+)?"
    r"(?:" + _MONTH + r"\s+\d{1,2}(?:st|nd|rd|th)?,?(?:\s+\d{4})?"
    r"|\d{1,2}(?:st|nd|rd|th)?\s+" + _MONTH + r",?(?:\s+\d{4})?"
    r"|\d{4}-\d{2}-\d{2}|\d{1,2}[/.]\d{1,2}[/.]\d{2,4})"
)
_STAMP = (
    r"(?:" + _REL + r"|" + _DATE + r"(?:(?:,\s*|\s+at\s+|\s+)" + _TIME + r")?"
    r"|" + _TIME + r"(?:\s+on\s+" + _DATE + r")?)"
)
_EDIT = r"(?:\s*[•·|]?\s*(?:edited|\(edited\)))?"

# A whole line that is only a time or date, as platforms print beside a comment.
TIMESTAMP = re.compile(
    r"^(?:[•·|]\s*)?(?:posted\s+|published\s+)?(?:on\s+)?" + _STAMP + _EDIT + r"$", re.I
)
TIMESTAMP_PREFIX = re.compile(r"^" + _STAMP, re.I)

_NAME = (
    r"(?P<name>[^\s•·|][^•·|]{0,58}?)"
    r"(?:\s*(?:→|▸|›|replied to|in reply to)\s*(?P<to>[^•·|]{1,60}?))?"  # Disqus "A → B"
)
# Lines that open a comment and name its author, in the renderings of common platforms.
AUTHOR_HEADERS: tuple[re.Pattern[str], ...] = (
    # WordPress: "Jane Doe says:" optionally followed by its date on the same line
    re.compile(r"^" + _NAME + r"\s+says:\s*(?P<ts>" + _STAMP + r")?\s*$", re.I),
    re.compile(r"^" + _NAME + r"\s+says\s+(?P<ts>" + _STAMP + r")\s*$", re.I),
    # "Jane Doe on March 3, 2021 at 4:15 pm said:" and "Jane Doe wrote:"
    re.compile(r"^" + _NAME + r"\s+on\s+(?P<ts>" + _STAMP + r")\s+(?:said|wrote):?\s*$", re.I),
    re.compile(r"^" + _NAME + r"\s+(?:wrote|commented|replied):\s*$", re.I),
    # Disqus and most modern widgets: "Jane Doe • 3 hours ago"
    re.compile(r"^" + _NAME + r"\s*[•·|]\s*(?P<ts>" + _STAMP + r")" + _EDIT + r"\s*$", re.I),
    re.compile(r"^" + _NAME + r"\s*[•·|]\s*(?P<ts>edited)\s*$", re.I),
    # "Posted by Jane Doe on March 3, 2021"
    re.compile(
        r"^posted\s+by\s+" + _NAME + r"(?:\s+(?:on|at)\s+(?P<ts>" + _STAMP + r"))?\s*$", re.I
    ),
    # "Jane Doe 3 hours ago" (relative times only: an absolute date after a name is too often
    # a dateline)
    re.compile(r"^" + _NAME + r"\s+(?P<ts>" + _REL + r")" + _EDIT + r"\s*$", re.I),
)

THREAD_HEADER = re.compile(
    r"^(?:\d[\d,.]*k?\s+(?:comments?|responses?|replies|thoughts\s+on\b.*)"
    r"|(?:comments?|responses?|discussion|reader comments|reactions?)\s*(?:\(\d+\)|:\s*\d+)?"
    r"|(?:\(\d+\)\s*comments?)"
    r"|(?:one|no)\s+(?:comments?|responses?|thoughts\s+on\b.*)"
    r"|leave\s+a\s+(?:reply|comment)(?:\s+cancel\s+reply)?|join\s+the\s+(?:discussion|conversation)"
    r"|post\s+a\s+comment|add\s+a\s+comment|what\s+do\s+you\s+think\??"
    r"|show\s+comments|view\s+comments|comments\s+are\s+closed)[.…:!]*$",
    re.I,
)
# The reply form a WordPress-style page prints after its comments: nothing after it is a comment.
REPLY_FORM = re.compile(
    r"^(?:leave\s+a\s+(?:reply|comment)|post\s+a\s+comment|add\s+a\s+comment"
    r"|you\s+must\s+be\s+logged\s+in\s+to\s+post\s+a\s+comment"
    r"|your\s+email\s+address\s+will\s+not\s+be\s+published)\b",
    re.I,
)

_SHARE = (
    r"share(?:\s+this(?:\s+(?:article|story|post))?)?:?|share\s+on\s+\w+|click\s+to\s+share.*"
    r"|like\s+this:?|like\s+loading\W*|loading\W*|related(?:\s+(?:posts|articles|stories))?:?"
    r"|you\s+(?:may|might)\s+also\s+like:?|more\s+(?:stories|from\s+\S.{0,40}):?"
    r"|twitter|facebook|whatsapp|linkedin|pinterest|reddit|telegram|tumblr|pocket|print"
    r"|e-?mail(?:\s+this)?|copy\s+link"
)
# Whole lines a platform prints around comments.
CHROME = re.compile(
    r"^(?:log\s*in\s+to\s+reply|login\s+to\s+reply|sign\s+in\s+to\s+reply|report\s+abuse"
    r"|cancel\s+reply|see\s+more|read\s+more|hide\s+replies|show\s+replies|reply\s*↓"
    r"|(?:in\s+)?reply\s+to\s+\S.{0,50}|replying\s+to\s+\S.{0,50}"
    r"|(?:load|show|view|see)\s+(?:\d+\s+)?more\s*(?:comments?|replies|reply)?"
    r"|(?:view|show|see)\s+(?:all\s+)?\d+\s+(?:more\s+)?(?:comments?|replies|reply)"
    r"|sort\s+by\b.{0,20}|newest(?:\s+first)?|oldest(?:\s+first)?|best|top|popular|most\s+liked"
    r"|avatar|\[avatar\]|user\s+avatar|profile\s+(?:picture|photo)"
    r"|subscribe|notify\s+me\s+of\s+.*|log\s*in|sign\s+in|sign\s+up|register"
    r"|(?:comment|name|email|e-mail|website)\s*\*?|post\s+comment|submit(?:\s+comment)?"
    r"|required\s+fields\s+are\s+marked\s*\*?|save\s+my\s+name,?\s+email.*"
    r"|your\s+email\s+address\s+will\s+not\s+be\s+published\..*"
    r"|you\s+must\s+be\s+logged\s+in\s+to\s+post\s+a\s+comment\.?"
    r"|create\s+a\s+commenting\s+name\b.*|join\s+the\s+debate\.?"
    r"|" + _SHARE + r")$",
    re.I,
)
# Share bars and "related" boxes between the article and the thread: chrome, but not a sign
# of comments (an article without any has them too).
CHROME_SHARE = re.compile(r"^(?:" + _SHARE + r")$", re.I)
# Avatar alt texts name the commenter: "Avatar of Sam Ortiz", "Sam Ortiz's avatar".
AVATAR = re.compile(
    r"^(?:avatar\s+(?:of|for)\s+(?P<a>\S.{0,50})|(?P<b>\S.{0,50}?)(?:'s|’s)?\s+avatar"
    r"|(?:profile\s+)?(?:photo|picture|image)\s+of\s+(?P<c>\S.{0,50}))$",
    re.I,
)
# Action bars and vote counters: lines made only of these tokens ("12 △ ▽ • Reply • Share ›",
# "Like · Reply · 2d · Edited", "4 likes · Reply", "+3 / -1").
CHROME_TOKENS = re.compile(
    r"(?:\b(?:reply|replies|share|flag|report|like|likes|liked|unlike|dislike|dislikes|edit|edited"
    r"|delete|permalink|link|quote|upvote|upvotes|downvote|downvotes|vote|votes|point|points"
    r"|helpful|\d+\s*[smhdwy])\b|[\d,.+\-/|•·›»▲▼△▽↑↓⇧⇩♥❤👍👎\s()])+",
    re.I,
)

# Single words that start comments but are not names ("Agreed." printed without its period).
NOT_NAMES = frozenset(
    "agreed exactly true yes no nope yep wow thanks indeed correct amen nonsense rubbish"
    " absolutely really why what sad shameful disgusting lol lmao haha ok okay well so"
    " update note editor advertisement related share tags topics".split()
)

# Words and marks that are common in reader comments and rare in news prose.
INFORMAL = re.compile(
    r"\b(?:lol|lmao|rofl|imo|imho|smh|wtf|omg|haha\w*|yeah|nope|gonna|wanna|u|ur)\b"
    r"|!!|\?\?|\.\.\.|…|[\U0001F300-\U0001FAFF\u2600-\u27BF]",
    re.I,
)
