"""Where a person's answers live while they answer: a signed cookie that lasts
until the browser is closed. Nothing is stored on the server; "Start again"
forgets them at once. What comes back from the browser is checked again by
each question's form before anything reads it."""

import json

from eligibility.questions import BY_SLUG, QUESTIONS, form_context

COOKIE_NAME = "kentro_check"
SALT = "kentro.eligibility.answers"
# Far below a browser's 4 KB per cookie; real answers take a few hundred bytes.
MAX_LENGTH = 3000


def load(request):
    """The answers as sent back (slug -> answer), unchecked, or {}."""
    raw = request.get_signed_cookie(COOKIE_NAME, default=None, salt=SALT)
    if not raw or len(raw) > MAX_LENGTH:
        return {}
    try:
        data = json.loads(raw)
    except ValueError:
        return {}
    if not isinstance(data, dict):
        return {}
    return {
        slug: answer
        for slug, answer in data.items()
        if slug in BY_SLUG and isinstance(answer, dict)
    }


def clean(answers, municipalities=()):
    """Only the answers each question's form still accepts, in question order
    (an answer may depend on an earlier one: the ages on the children)."""
    cleaned = {}
    for question in QUESTIONS:
        answer = answers.get(question.slug)
        if answer is None:
            continue
        value = question.clean_answer(answer, form_context(cleaned, municipalities))
        if value is not None:
            cleaned[question.slug] = value
    return cleaned


def save(response, request, answers):
    value = json.dumps(answers, separators=(",", ":"), ensure_ascii=True)
    if len(value) > MAX_LENGTH:
        return
    response.set_signed_cookie(
        COOKIE_NAME,
        value,
        salt=SALT,
        max_age=None,  # gone when the browser closes
        secure=request.is_secure(),
        httponly=True,
        samesite="Lax",
    )


def forget(response):
    response.delete_cookie(COOKIE_NAME, samesite="Lax")
