"""Households the check is tested with: their answers, question by question
(form data), and the programmes each should and should not see."""

ALL = {
    "kea",
    "epidoma-stegasis",
    "epidoma-paidiou",
    "epidoma-thermansis",
    "koinoniko-oikiako-timologio",
    "koinoniko-pantopoleio",
    "kapi",
    "voitheia-sto-spiti",
}


def household(answers, likely, possible=()):
    return {
        "answers": answers,
        "likely": set(likely),
        "possible": set(possible),
        "unlikely": ALL - set(likely) - set(possible),
    }


HOUSEHOLDS = {
    "single unemployed renter": household(
        {
            "dimos": {"answer": "kalamata"},
            "noikokyrio": {"adults": "1", "children": "0"},
            "ilikia": {"age": "35"},
            "anapiria": {"answer": "no"},
            "eisodima": {"answer": "b0"},  # up to 2,500 €
            "apotamieumata": {"answer": "b0"},  # up to 2,000 €
            "akinita": {"answer": "none"},
            "katoikia": {"answer": "rent"},
            "epidomata": {"answer": ["none"]},
            "diamoni": {"answer": "greek"},
        },
        likely={
            "kea",
            "epidoma-stegasis",
            "epidoma-thermansis",
            "koinoniko-oikiako-timologio",
            "koinoniko-pantopoleio",
        },
    ),
    "couple with three children": household(
        {
            "dimos": {"answer": "kalamata"},
            "noikokyrio": {"adults": "2", "children": "3"},
            "ilikia": {"age": "41"},
            "anapiria": {"answer": "no"},
            "eisodima": {"answer": "b7"},  # 14,000 to 16,000 €
            "apotamieumata": {"answer": "b1"},  # 2,000 to 4,800 €
            "akinita": {"answer": "b1"},  # 50,000 to 90,000 €
            "katoikia": {"answer": "own"},
            "epidomata": {"answer": ["child"]},
            "diamoni": {"answer": "greek"},
        },
        likely={"epidoma-paidiou", "epidoma-thermansis", "koinoniko-oikiako-timologio"},
    ),
    "older person alone with a disability pension": household(
        {
            "dimos": {"answer": "kalamata"},
            "noikokyrio": {"adults": "1", "children": "0"},
            "ilikia": {"age": "78"},
            "anapiria": {"answer": "yes"},
            "pososto-anapirias": {"answer": "80_plus"},
            "eisodima": {"answer": "b4"},  # 7,000 to 9,000 €
            "apotamieumata": {"answer": "b2"},  # 4,800 to 7,000 €
            "akinita": {"answer": "b0"},  # up to 50,000 €
            "katoikia": {"answer": "own"},
            "epidomata": {"answer": ["disability_pension"]},
            "diamoni": {"answer": "greek"},
        },
        likely={
            "epidoma-thermansis",
            "koinoniko-oikiako-timologio",
            "kapi",
            "voitheia-sto-spiti",
        },
    ),
    "asylum seeker": household(
        {
            "dimos": {"answer": "kalamata"},
            "noikokyrio": {"adults": "1", "children": "0"},
            "ilikia": {"age": "28"},
            "anapiria": {"answer": "no"},
            "eisodima": {"answer": "b0"},
            "apotamieumata": {"answer": "b0"},
            "akinita": {"answer": "none"},
            "katoikia": {"answer": "shelter"},
            "epidomata": {"answer": ["none"]},
            "diamoni": {"answer": "asylum_seeker"},
            "eti-stin-ellada": {"answer": "under_1"},
        },
        likely={"koinoniko-pantopoleio"},
    ),
    "family that does not know its savings": household(
        {
            "dimos": {"answer": "messini"},
            "noikokyrio": {"adults": "1", "children": "2"},
            "ilikia": {"age": "33"},
            "anapiria": {"answer": "no"},
            "eisodima": {"answer": "b1"},  # 2,500 to 4,000 €
            "apotamieumata": {"answer": "dont_know"},
            "akinita": {"answer": "none"},
            "katoikia": {"answer": "rent"},
            "epidomata": {"answer": ["dont_know"]},
            "diamoni": {"answer": "permit"},
            "eti-stin-ellada": {"answer": "12_plus"},
        },
        likely={"epidoma-paidiou", "epidoma-thermansis", "koinoniko-oikiako-timologio"},
        possible={"kea", "epidoma-stegasis"},
    ),
}
