"""The questions of the check, one per page, in the order they are asked.

Each question knows its form, the variables its answer gives the rules
(``facts``), which earlier answer it depends on, and how to say the answer
back in a sentence. Which questions are asked at all depends on the rules: a
question is asked only when some rule reads one of its variables (see
:func:`needed`).
"""

from django import forms
from django.utils.formats import number_format
from django.utils.translation import gettext_lazy as _
from django.utils.translation import ngettext

from core import lists
from core.forms import AccessibleFormMixin, CheckboxGroup, RadioGroup
from eligibility.engine import UNKNOWN, Between, Known, inputs_of
from eligibility.variables import BENEFITS, OTHER_MUNICIPALITY

DONT_KNOW = "dont_know"


def euros(amount):
    return f"{number_format(amount, 0, force_grouping=True)} €"


class QuestionForm(AccessibleFormMixin, forms.Form):
    """Every question's form: accessible errors, no abuse fields (nothing
    is stored)."""

    hidden_field_names = ()


class Question:
    slug = ""
    title = ""
    hint = ""
    columns = 1  # choices side by side on a phone (short amounts)
    provides = ()
    requires = ()  # questions whose answers decide whether this one is asked

    def is_asked(self, answers):
        """Given the answers so far (slug -> stored answer)."""
        return True

    def form_class(self, context):
        raise NotImplementedError

    def facts(self, answer):
        raise NotImplementedError

    def summary(self, answer, context):
        raise NotImplementedError

    def clean_answer(self, answer, context):
        """A stored answer checked again (it came back from the browser), or
        None when it is no longer a valid answer."""
        form = self.form_class(context)(data=answer)
        return form.cleaned_data if form.is_valid() else None

    def __repr__(self):
        return f"<Question {self.slug}>"


class ChoiceQuestion(Question):
    """One answer among choices; each choice gives a fact for one variable."""

    variable = ""
    field_label = ""

    def choices(self, context):
        """(key, label, fact) triples."""
        raise NotImplementedError

    def form_class(self, context):
        options = self.choices(context)

        class Form(QuestionForm):
            answer = forms.ChoiceField(
                label=self.title,
                help_text=self.hint,
                choices=[(key, label) for key, label, _fact in options],
                widget=RadioGroup,
                error_messages={"required": _("Choose one of the answers.")},
            )

        return Form

    def fact_for(self, key, context=None):
        for option_key, _label, fact in self.choices(context or {}):
            if option_key == key:
                return fact
        return UNKNOWN

    def facts(self, answer):
        return {self.variable: self.fact_for(answer.get("answer"))}

    def summary(self, answer, context):
        for key, label, _fact in self.choices(context):
            if key == answer.get("answer"):
                return str(label)
        return ""


def grouped(amount):
    return number_format(amount, 0, force_grouping=True)


def bands(edges):
    """Choices for amounts in bands between the edges, and "I don't know"."""
    options = [
        ("b0", _("up to %(high)s") % {"high": grouped(edges[0])}, Between(0, edges[0]))
    ]
    for number, (low, high) in enumerate(zip(edges, edges[1:], strict=False), 1):
        options.append(
            (
                f"b{number}",
                _("%(low)s–%(high)s") % {"low": grouped(low), "high": grouped(high)},
                Between(low + 0.01, high),
            )
        )
    options.append(
        (
            f"b{len(edges)}",
            _("over %(low)s") % {"low": grouped(edges[-1])},
            Between(edges[-1] + 0.01, edges[-1] * 100),
        )
    )
    options.append((DONT_KNOW, _("I don't know"), UNKNOWN))
    return options


class MunicipalityQuestion(ChoiceQuestion):
    slug = "dimos"
    title = _("Which municipality do you live in?")
    provides = ("municipality",)
    variable = "municipality"

    def choices(self, context):
        municipalities = context.get("municipalities", ())
        return [
            *((slug, name, Known(slug)) for slug, name in municipalities),
            (OTHER_MUNICIPALITY, _("Another municipality"), Known(OTHER_MUNICIPALITY)),
        ]

    def facts(self, answer):
        # The form accepted it, so it is one of the site's municipalities.
        return {self.variable: Known(answer["answer"])}


class HouseholdQuestion(Question):
    slug = "noikokyrio"
    title = _("Who lives in your household?")
    hint = _("Count yourself and everyone who lives with you and shares expenses.")
    provides = ("household.adults", "household.children")

    def form_class(self, context):
        class Form(QuestionForm):
            adults = forms.IntegerField(
                label=_("Adults (18 and over), including you"),
                min_value=1,
                max_value=12,
                error_messages={
                    "required": _("Enter how many adults, including you."),
                    "invalid": _("Enter a number, for example 2."),
                },
                widget=forms.NumberInput(attrs={"inputmode": "numeric"}),
            )
            children = forms.IntegerField(
                label=_("Children under 18"),
                min_value=0,
                max_value=12,
                error_messages={
                    "required": _("Enter how many children, or 0."),
                    "invalid": _("Enter a number, for example 0."),
                },
                widget=forms.NumberInput(attrs={"inputmode": "numeric"}),
            )

        return Form

    def facts(self, answer):
        facts = {
            "household.adults": Known(answer["adults"]),
            "household.children": Known(answer["children"]),
        }
        if not answer["children"]:
            facts["children.youngest"] = Known(None)
            facts["children.oldest"] = Known(None)
        return facts

    def summary(self, answer, context):
        adults = ngettext("%(count)s adult", "%(count)s adults", answer["adults"]) % {
            "count": answer["adults"]
        }
        children = ngettext(
            "%(count)s child", "%(count)s children", answer["children"]
        ) % {"count": answer["children"]}
        return f"{adults}, {children}"


class ChildrenAgesQuestion(Question):
    slug = "ilikies-paidion"
    title = _("How old are the children?")
    provides = ("children.youngest", "children.oldest")
    requires = ("noikokyrio",)

    def is_asked(self, answers):
        household = answers.get("noikokyrio")
        return bool(household and household.get("children"))

    def form_class(self, context):
        count = min(int(context.get("children") or 0), 12)
        fields = {
            f"child_{number}": forms.IntegerField(
                label=_("Age of child %(number)s") % {"number": number},
                min_value=0,
                max_value=17,
                error_messages={
                    "required": _("Enter the age in years, 0 for a baby."),
                    "invalid": _("Enter the age in years, 0 for a baby."),
                },
                widget=forms.NumberInput(attrs={"inputmode": "numeric"}),
            )
            for number in range(1, count + 1)
        }
        return type("Form", (QuestionForm,), fields)

    def facts(self, answer):
        ages = [value for value in answer.values() if isinstance(value, int)]
        if not ages:
            return {}
        return {
            "children.youngest": Known(min(ages)),
            "children.oldest": Known(max(ages)),
        }

    def summary(self, answer, context):
        return lists.join(answer.values())


class AgeQuestion(Question):
    slug = "ilikia"
    title = _("How old are you?")
    provides = ("person.age",)

    def form_class(self, context):
        class Form(QuestionForm):
            age = forms.IntegerField(
                label=self.title,
                help_text=_("In years."),
                min_value=0,
                max_value=120,
                error_messages={
                    "required": _("Enter your age in years."),
                    "invalid": _("Enter your age in years, for example 45."),
                },
                widget=forms.NumberInput(attrs={"inputmode": "numeric"}),
            )

        return Form

    def facts(self, answer):
        return {"person.age": Known(answer["age"])}

    def summary(self, answer, context):
        return ngettext("%(count)s year old", "%(count)s years old", answer["age"]) % {
            "count": answer["age"]
        }


class DisabilityQuestion(ChoiceQuestion):
    slug = "anapiria"
    title = _("Do you or someone in your household have a certified disability?")
    hint = _("For example a decision of a disability certification centre (ΚΕΠΑ).")
    provides = ("disability.any",)
    variable = "disability.any"

    def choices(self, context):
        return [
            ("yes", _("Yes"), Known(True)),
            ("no", _("No"), Known(False)),
            (DONT_KNOW, _("I don't know"), UNKNOWN),
        ]

    def facts(self, answer):
        facts = super().facts(answer)
        if answer.get("answer") == "no":
            facts["disability.percent"] = Known(0)
        return facts


class DisabilityDegreeQuestion(ChoiceQuestion):
    slug = "pososto-anapirias"
    title = _("What is the degree of disability?")
    hint = _("The highest percentage on a certification, if there is more than one.")
    provides = ("disability.percent",)
    requires = ("anapiria",)
    variable = "disability.percent"

    def is_asked(self, answers):
        return (answers.get("anapiria") or {}).get("answer") == "yes"

    def choices(self, context):
        return [
            ("under_50", _("Less than 50%"), Between(1, 49)),
            ("50_66", _("50% to 66%"), Between(50, 66)),
            ("67_79", _("67% to 79%"), Between(67, 79)),
            # xgettext:no-python-format ("% o" would read as a conversion)
            ("80_plus", _("80% or more"), Between(80, 100)),
            (DONT_KNOW, _("I don't know"), UNKNOWN),
        ]


class WorkQuestion(ChoiceQuestion):
    slug = "ergasia"
    title = _("What is your work situation?")
    provides = ("work",)
    variable = "work"

    def choices(self, context):
        return [
            ("employed", _("I work (employed or self-employed)"), Known("employed")),
            ("unemployed", _("I am unemployed"), Known("unemployed")),
            ("pensioner", _("I receive a pension"), Known("pensioner")),
            ("student", _("I study"), Known("student")),
            ("home", _("I look after the home or family"), Known("home")),
            (
                "unable",
                _("I cannot work because of illness or disability"),
                Known("unable"),
            ),
            ("other", _("Something else"), Known("other")),
        ]


class IncomeQuestion(ChoiceQuestion):
    slug = "eisodima"
    title = _("How much did your household receive in the last year?")
    hint = _("In euros: wages, pensions, benefits and rents of everyone, before tax.")
    provides = ("income",)
    columns = 2
    variable = "income"
    edges = (2_500, 4_000, 5_000, 7_000, 9_000, 10_500, 14_000, 16_000, 21_000)
    edges += (24_000, 30_000, 40_000)

    def choices(self, context):
        return bands(self.edges)


class SavingsQuestion(ChoiceQuestion):
    slug = "apotamieumata"
    title = _("How much does your household have in savings and bank accounts?")
    hint = _("In euros: everyone's deposits together, today.")
    provides = ("savings",)
    columns = 2
    variable = "savings"
    edges = (2_000, 4_800, 7_000, 10_000, 14_400, 21_000)

    def choices(self, context):
        return bands(self.edges)


class PropertyQuestion(ChoiceQuestion):
    slug = "akinita"
    title = _("What are the houses and land your household owns worth?")
    hint = _(
        "In euros: their value for tax, as in the property tax (ΕΝΦΙΑ) "
        "statement, all together."
    )
    provides = ("property",)
    variable = "property"
    columns = 2
    edges = (50_000, 90_000, 120_000, 150_000, 200_000, 300_000)

    def choices(self, context):
        options = bands(self.edges)
        return [("none", _("We own no house or land"), Known(0)), *options]


class HousingQuestion(ChoiceQuestion):
    slug = "katoikia"
    title = _("Where do you live?")
    provides = ("housing",)
    variable = "housing"

    def choices(self, context):
        return [
            ("rent", _("In a home we rent, with a lease"), Known("rent")),
            ("own", _("In a home we own"), Known("own")),
            ("free", _("In someone else's home, without paying rent"), Known("free")),
            (
                "shelter",
                _("In a hostel, camp or accommodation programme"),
                Known("shelter"),
            ),
            ("homeless", _("I have no home"), Known("homeless")),
            ("other", _("Somewhere else"), Known("other")),
        ]

    def facts(self, answer):
        facts = super().facts(answer)
        if answer.get("answer") != "rent":
            facts["rent"] = Known(0)
        return facts


class RentQuestion(Question):
    slug = "enoikio"
    title = _("How much is the rent a month?")
    provides = ("rent",)
    requires = ("katoikia",)

    def is_asked(self, answers):
        return (answers.get("katoikia") or {}).get("answer") == "rent"

    def form_class(self, context):
        class Form(QuestionForm):
            rent = forms.IntegerField(
                label=self.title,
                help_text=_("In euros, without bills."),
                min_value=0,
                max_value=10_000,
                error_messages={
                    "required": _("Enter the rent in euros."),
                    "invalid": _("Enter the rent in euros, for example 350."),
                },
                widget=forms.NumberInput(attrs={"inputmode": "numeric"}),
            )

        return Form

    def facts(self, answer):
        return {"rent": Known(answer["rent"])}

    def summary(self, answer, context):
        return euros(answer["rent"])


class BenefitsQuestion(Question):
    slug = "epidomata"
    title = _("Does your household already receive any of these?")
    hint = _("Choose all that apply.")
    provides = tuple(f"benefits.{code}" for code in BENEFITS)

    def options(self):
        return [
            ("eee", _("Minimum Guaranteed Income (ΕΕΕ)")),
            ("housing", _("Housing allowance")),
            ("child", _("Child benefit")),
            ("disability", _("A disability allowance")),
            ("pension", _("An old-age pension")),
            ("disability_pension", _("A disability pension")),
            ("unemployment", _("Unemployment benefit")),
            ("none", _("None of these")),
            (DONT_KNOW, _("I don't know")),
        ]

    def form_class(self, context):
        question = self

        class Form(QuestionForm):
            answer = forms.MultipleChoiceField(
                label=question.title,
                help_text=question.hint,
                choices=question.options(),
                widget=CheckboxGroup,
                error_messages={
                    "required": _('Choose at least one, or "None of these".')
                },
            )

            def clean_answer(self):
                chosen = self.cleaned_data["answer"]
                alone = {"none", DONT_KNOW} & set(chosen)
                if alone and len(chosen) > 1:
                    raise forms.ValidationError(
                        _('"None of these" and "I don\'t know" go on their own.')
                    )
                return chosen

        return Form

    def facts(self, answer):
        chosen = set(answer.get("answer") or ())
        if DONT_KNOW in chosen:
            return {}
        return {f"benefits.{code}": Known(code in chosen) for code in BENEFITS}

    def summary(self, answer, context):
        labels = dict(self.options())
        return lists.join(labels[key] for key in answer.get("answer") or ())


class ResidenceQuestion(ChoiceQuestion):
    slug = "diamoni"
    title = _("What is your residence status in Greece?")
    provides = ("residence.status",)
    variable = "residence.status"

    def choices(self, context):
        return [
            ("greek", _("Greek citizen"), Known("greek")),
            ("eu", _("Citizen of another EU country"), Known("eu")),
            ("permit", _("I have a residence permit"), Known("permit")),
            (
                "refugee",
                _("Recognised refugee or subsidiary protection"),
                Known("refugee"),
            ),
            (
                "asylum_seeker",
                _("I have applied for asylum and am waiting"),
                Known("asylum_seeker"),
            ),
            ("none", _("I have no papers yet"), Known("none")),
            (DONT_KNOW, _("I prefer not to say"), UNKNOWN),
        ]


class ResidenceYearsQuestion(ChoiceQuestion):
    slug = "eti-stin-ellada"
    title = _("How long have you lived in Greece?")
    provides = ("residence.years",)
    requires = ("diamoni",)
    variable = "residence.years"

    def is_asked(self, answers):
        return (answers.get("diamoni") or {}).get("answer") != "greek"

    def choices(self, context):
        return [
            ("under_1", _("Less than a year"), Between(0, 0)),
            ("1_4", _("1 to 4 years"), Between(1, 4)),
            ("5_11", _("5 to 11 years"), Between(5, 11)),
            ("12_plus", _("12 years or more"), Between(12, 120)),
            (DONT_KNOW, _("I don't know"), UNKNOWN),
        ]


QUESTIONS = [
    MunicipalityQuestion(),
    HouseholdQuestion(),
    ChildrenAgesQuestion(),
    AgeQuestion(),
    DisabilityQuestion(),
    DisabilityDegreeQuestion(),
    WorkQuestion(),
    IncomeQuestion(),
    SavingsQuestion(),
    PropertyQuestion(),
    HousingQuestion(),
    RentQuestion(),
    BenefitsQuestion(),
    ResidenceQuestion(),
    ResidenceYearsQuestion(),
]
BY_SLUG = {question.slug: question for question in QUESTIONS}


def needed(names_read):
    """The questions some rule needs, in order: those giving a variable the
    rules read, and the questions that decide whether those are asked."""
    inputs = inputs_of(names_read)
    wanted = {
        question.slug for question in QUESTIONS if set(question.provides) & inputs
    }
    pending = list(wanted)
    while pending:
        for required in BY_SLUG[pending.pop()].requires:
            if required not in wanted:
                wanted.add(required)
                pending.append(required)
    return [question for question in QUESTIONS if question.slug in wanted]


def form_context(answers, municipalities=()):
    """What the forms need besides the question: the municipalities to choose
    from and how many children to ask the ages of."""
    household = answers.get("noikokyrio") or {}
    return {"municipalities": municipalities, "children": household.get("children")}


def asked(questions, answers):
    """The needed questions that apply, given the answers so far."""
    return [question for question in questions if question.is_asked(answers)]


def facts_from(questions, answers):
    """The facts the answers give, for the questions that apply; a question
    not asked leaves its variables unknown (or set by the question it
    depends on: no disability means a degree of 0)."""
    facts = {}
    for question in asked(questions, answers):
        answer = answers.get(question.slug)
        if answer is not None:
            facts.update(question.facts(answer))
    return facts


def next_question(questions, answers):
    """The first question that applies and has no answer, or None."""
    for question in asked(questions, answers):
        if question.slug not in answers:
            return question
    return None


def previous_question(questions, answers, current):
    """The question before this one, among those that apply."""
    applicable = asked(questions, answers)
    slugs = [question.slug for question in applicable]
    if current.slug not in slugs:
        return None
    index = slugs.index(current.slug)
    return applicable[index - 1] if index else None
