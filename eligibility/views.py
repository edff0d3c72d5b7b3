"""The check's pages, served by EligibilityCheckPage: the start page, one
question a page, the answers to check, the results and their printable
summary. Views read the answers, choose the next page and a template; the
rules are in eligibility.engine, the questions in eligibility.questions."""

from dataclasses import dataclass

from django.conf import settings
from django.http import Http404
from django.shortcuts import redirect
from django.template.response import TemplateResponse
from django.utils import timezone
from django.utils.translation import gettext as _

from core import abuse
from eligibility import answers as stored
from eligibility import engine, questions
from eligibility.programmes import findings
from eligibility.variables import variables_for

CHANGE_PARAMETER = "allagi"


@dataclass
class Check:
    """Where a person is in the check: the rules, the questions they need,
    and their answers so far (checked again)."""

    page: object
    rulebook: object
    needed: list
    answers: dict

    @classmethod
    def of(cls, request, page):
        rulebook = page.rulebook()
        answers = stored.clean(stored.load(request), rulebook.municipalities)
        return cls(page, rulebook, questions.needed(rulebook.names_read), answers)

    @property
    def asked(self):
        return questions.asked(self.needed, self.answers)

    @property
    def next_question(self):
        return questions.next_question(self.needed, self.answers)

    def context(self):
        return questions.form_context(self.answers, self.rulebook.municipalities)

    def question_url(self, question, change=False):
        url = self.page.route_url("question", question.slug)
        return f"{url}?{CHANGE_PARAMETER}=1" if change else url

    def first_url(self):
        question = self.next_question
        return self.question_url(question) if question else self.answers_url()

    def answers_url(self):
        return self.page.route_url("answers")

    def facts(self):
        return questions.facts_from(self.needed, self.answers)

    def results(self):
        variables = variables_for(slug for slug, _name in self.rulebook.municipalities)
        return engine.check(
            self.rulebook.rules, self.facts(), variables, timezone.localdate()
        )

    def summary_rows(self):
        context = self.context()
        return [
            {
                "question": question,
                "answer": question.summary(self.answers[question.slug], context),
                "change_url": self.question_url(question, change=True),
            }
            for question in self.asked
            if question.slug in self.answers
        ]


def render(request, page, template, context, status=200):
    response = TemplateResponse(
        request,
        f"eligibility/{template}",
        {"page": page, "self": page, **context},
        status=status,
    )
    # The answers are the person's own: never kept by a cache or the browser.
    response["Cache-Control"] = "private, no-store"
    return response


def start(request, page):
    check = Check.of(request, page)
    return render(
        request,
        page,
        "eligibility_check_page.html",
        {
            "check": check,
            "start_url": check.first_url(),
            "has_answers": bool(check.answers),
            "start_again_url": page.route_url("start_again"),
            "question_count": len(check.asked),
        },
    )


def question(request, page, slug):
    check = Check.of(request, page)
    current = questions.BY_SLUG.get(slug)
    if current is None or current not in check.needed:
        raise Http404
    asked = check.asked
    if current not in asked:
        return redirect(check.first_url())
    # Questions are answered in order: an earlier one without an answer first.
    for earlier in asked[: asked.index(current)]:
        if earlier.slug not in check.answers:
            return redirect(check.question_url(earlier))
    changing = request.GET.get(CHANGE_PARAMETER) == "1"
    form_class = current.form_class(check.context())
    if request.method == "POST":
        form = form_class(request.POST)
        if form.is_valid():
            check.answers[current.slug] = form.cleaned_data
            response = redirect(following_url(check, current, changing))
            stored.save(response, request, check.answers)
            return response
    else:
        form = form_class(initial=check.answers.get(current.slug))
    asked = check.asked
    position = asked.index(current) + 1 if current in asked else 1
    previous = questions.previous_question(check.needed, check.answers, current)
    if changing:
        back_url = check.answers_url()
    elif previous is not None:
        back_url = check.question_url(previous)
    else:
        back_url = page.url
    return render(
        request,
        page,
        "question.html",
        {
            "question": current,
            "form": form,
            "fields": [form[name] for name in form.fields],
            "position": position,
            "total": len(asked),
            "back_url": back_url,
            "form_url": check.question_url(current, change=changing),
        },
        status=400 if form.errors else 200,
    )


def following_url(check, current, changing):
    """After an answer: back to the answers when changing one (through any
    question the change makes apply), else the next question in order."""
    upcoming = check.next_question
    if not changing:
        asked = check.asked
        later = asked[asked.index(current) + 1 :] if current in asked else []
        upcoming = later[0] if later else upcoming
    if upcoming is None:
        return check.answers_url()
    return check.question_url(upcoming, change=changing)


def is_counted(request):
    """At most so many checks an hour from one address count in the figures."""
    return not abuse.is_rate_limited(
        request,
        "eligibility:count",
        limit=getattr(settings, "KENTRO_ELIGIBILITY_COUNT_LIMIT", 20),
        window=3600,
    )


def check_answers(request, page):
    check = Check.of(request, page)
    if check.next_question is not None:
        return redirect(check.first_url())
    if request.method == "POST":
        if is_counted(request):
            page.record_check(
                [
                    (check.rulebook.programmes[r.key].rule_id, r.outcome)
                    for r in check.results()
                    if r.key in check.rulebook.programmes
                ]
            )
        return redirect(page.route_url("results"))
    return render(
        request,
        page,
        "answers.html",
        {"rows": check.summary_rows(), "results_url": page.route_url("results")},
    )


def results(request, page, printable=False):
    check = Check.of(request, page)
    if check.next_question is not None:
        return redirect(check.first_url())
    found = findings(check.rulebook, check.results(), check.facts())
    groups = {
        outcome: [finding for finding in found if finding.outcome == outcome]
        for outcome in engine.Outcome
    }
    rows = check.summary_rows()
    return render(
        request,
        page,
        "print.html" if printable else "results.html",
        {
            "likely": groups[engine.Outcome.MET],
            "possible": groups[engine.Outcome.DEPENDS],
            "unlikely": groups[engine.Outcome.NOT_MET],
            "rows": rows,
            "handover": handover_message(rows),
            "today": timezone.localdate(),
            "answers_url": check.answers_url(),
            "print_url": page.route_url("print"),
            "results_url": page.route_url("results"),
            "start_again_url": page.route_url("start_again"),
        },
    )


def handover_message(rows):
    """The answers as a message for an appointment request, sent only if the
    person ticks the box (and they see it in the form before sending)."""
    lines = [_("My answers in the check “What am I entitled to?”:")]
    lines += [f"{row['question'].title} {row['answer']}" for row in rows]
    return "\n".join(lines)[:2000]


def start_again(request, page):
    if request.method != "POST":
        return redirect(page.url)
    response = redirect(page.url)
    stored.forget(response)
    return response
