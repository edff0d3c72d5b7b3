"""The names a rule's conditions can read, what each can be, and what it
means, for the engine, for validation and for the editors' help panel."""

from dataclasses import replace

from django.utils.translation import gettext_lazy as _

from eligibility.engine import LIMIT_PREFIX, Kind, Variable

OTHER_MUNICIPALITY = "other"

WORK = ("employed", "unemployed", "pensioner", "student", "home", "unable", "other")
HOUSING = ("rent", "own", "free", "shelter", "homeless", "other")
RESIDENCE = ("greek", "eu", "permit", "refugee", "asylum_seeker", "none")
BENEFITS = (
    "eee",
    "housing",
    "child",
    "disability",
    "pension",
    "disability_pension",
    "unemployment",
)

VARIABLES = {
    variable.name: variable
    for variable in [
        Variable("municipality", Kind.CHOICE, choices=(OTHER_MUNICIPALITY,)),
        Variable("household.adults", Kind.NUMBER, low=1, high=12),
        Variable("household.children", Kind.NUMBER, low=0, high=12),
        Variable("household.size", Kind.NUMBER, low=1, high=24),
        Variable("household.single_parent", Kind.FLAG),
        Variable("children.youngest", Kind.NUMBER, low=0, high=17),
        Variable("children.oldest", Kind.NUMBER, low=0, high=17),
        Variable("person.age", Kind.NUMBER, low=0, high=120),
        Variable("disability.any", Kind.FLAG),
        Variable("disability.percent", Kind.NUMBER, low=0, high=100),
        Variable("work", Kind.CHOICE, choices=WORK),
        Variable("income", Kind.NUMBER, low=0, high=1_000_000, step=0.01),
        Variable("savings", Kind.NUMBER, low=0, high=10_000_000, step=0.01),
        Variable("property", Kind.NUMBER, low=0, high=100_000_000, step=0.01),
        Variable("housing", Kind.CHOICE, choices=HOUSING),
        Variable("rent", Kind.NUMBER, low=0, high=10_000),
        *(Variable(f"benefits.{code}", Kind.FLAG) for code in BENEFITS),
        Variable("residence.status", Kind.CHOICE, choices=RESIDENCE),
        Variable("residence.years", Kind.NUMBER, low=0, high=120),
    ]
}

# What editors read beside the expression field: every name and its values.
DESCRIPTIONS = {
    "municipality": _(
        "The municipality the person lives in: a municipality's slug (e.g. "
        '"kalamata") or "other".'
    ),
    "household.adults": _("Adults (18 and over) in the household, 1 to 12."),
    "household.children": _("Children under 18 in the household, 0 to 12."),
    "household.size": _("Everyone in the household: adults and children."),
    "household.single_parent": _("One adult living with one or more children."),
    "children.youngest": _("Age of the youngest child (empty when there is none)."),
    "children.oldest": _("Age of the oldest child (empty when there is none)."),
    "person.age": _("The age of the person answering."),
    "disability.any": _(
        "Someone in the household has a certified disability (true or false)."
    ),
    "disability.percent": _(
        "The highest certified degree of disability in the household, 0 to 100 "
        "(0 when there is none)."
    ),
    "work": _(
        'Work situation: "employed", "unemployed", "pensioner", "student", '
        '"home" (looks after home or family), "unable" (cannot work because of '
        'illness or disability), "other".'
    ),
    "income": _("The household's income in a year, in euros (asked as a band)."),
    "savings": _("The household's savings and deposits, in euros (a band)."),
    "property": _(
        "The value of the household's houses and land for tax, in euros (a band)."
    ),
    "housing": _(
        'Where the household lives: "rent" (with a lease), "own", "free" (in '
        'someone else\'s home without rent), "shelter" (a hostel, camp or '
        'accommodation programme), "homeless", "other".'
    ),
    "rent": _("Rent a month in euros (0 when not renting)."),
    "benefits.eee": _("Already receives the Minimum Guaranteed Income (ΕΕΕ)."),
    "benefits.housing": _("Already receives the housing allowance."),
    "benefits.child": _("Already receives the child benefit."),
    "benefits.disability": _("Already receives a disability allowance."),
    "benefits.pension": _("Receives an old-age pension."),
    "benefits.disability_pension": _("Receives a disability pension."),
    "benefits.unemployment": _("Receives an unemployment benefit."),
    "residence.status": _(
        'Residence status: "greek", "eu" (citizen of another EU country), '
        '"permit" (residence permit), "refugee" (recognised refugee or '
        'subsidiary protection), "asylum_seeker" (application pending), "none".'
    ),
    "residence.years": _("Years living in Greece (not asked of Greek citizens)."),
}


def variables_for(municipalities):
    """The variables, with the municipalities of the site as the choices."""
    variables = dict(VARIABLES)
    variables["municipality"] = replace(
        VARIABLES["municipality"],
        choices=(*municipalities, OTHER_MUNICIPALITY),
    )
    return variables


def is_known_name(name, limit_names):
    if name.startswith(LIMIT_PREFIX):
        return name[len(LIMIT_PREFIX) :] in limit_names
    return name in VARIABLES
