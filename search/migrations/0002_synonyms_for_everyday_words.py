"""More of the words people search with, in the three languages of the site
(issue #19): the electricity company's old name for the bill, the current
name of the minimum income (ΕΕΕ since 2021) beside the old one (ΚΕΑ), and the
English and Arabic everyday words for what pages call otherwise. Editors keep
them up to date in the admin (Search synonyms); a phrase an editor already
has is left as the editor wrote it.

The term index is rebuilt by ``manage.py rebuild_search_index`` (the analysis
of Arabic, English and dotted acronyms changed with this migration)."""

from django.db import migrations

SYNONYMS = [
    # Greek
    ("ΔΕΗ", "ρεύμα, ηλεκτρικό ρεύμα, λογαριασμός ρεύματος", True),
    ("ΕΕΕ", "Ελάχιστο Εγγυημένο Εισόδημα, ΚΕΑ, Κοινωνικό Εισόδημα Αλληλεγγύης", True),
    ("Ελάχιστο Εγγυημένο Εισόδημα", "ΚΕΑ, Κοινωνικό Εισόδημα Αλληλεγγύης", True),
    ("ελάχιστο εισόδημα", "ΚΕΑ, Κοινωνικό Εισόδημα Αλληλεγγύης", False),
    ("λογαριασμός ρεύματος", "Κοινωνικό Οικιακό Τιμολόγιο", False),
    ("ηλικιωμένοι", "ΚΑΠΗ, Ανοιχτής Προστασίας Ηλικιωμένων", False),
    # English
    ("rent", "housing benefit, housing", False),
    ("kids", "children, child", False),
    ("kid", "child", False),
    ("lawyer", "legal aid", False),
    ("attorney", "lawyer, legal aid", False),
    ("old people", "older people, elderly, seniors, pensioners", True),
    ("elderly", "older people, seniors, pensioners", True),
    ("carer", "help at home, home care, caregiver", True),
    ("mental health", "psychosocial support, psychologist, counselling", True),
    ("therapist", "psychologist, psychosocial support", False),
    ("guaranteed minimum income", "KEA, Social Solidarity Income", True),
    ("minimum income", "KEA, Social Solidarity Income", False),
    ("electricity bill", "social tariff, electricity", False),
    ("power bill", "electricity, social tariff", False),
    ("food bank", "social grocery, food", True),
    ("job", "employment, work, unemployment", False),
    ("jobs", "employment, work, unemployment", False),
    ("DYPA", "OAED, employment", True),
    ("asylum seekers", "refugees, asylum", True),
    # Arabic
    ("مسنين", "كبار السن", True),
    ("عجزة", "كبار السن", False),
    ("محامي", "المساعدة القانونية", False),
    ("طعام", "مواد غذائية, البقالة الاجتماعية", False),
    ("أكل", "مواد غذائية, البقالة الاجتماعية", False),
    ("إيجار", "إعانة السكن, سكن", False),
    ("بيت", "منزل, سكن", False),
    ("كهرباء", "فاتورة الكهرباء, التعرفة الاجتماعية", False),
    ("الحد الأدنى للدخل المضمون", "دخل التضامن الاجتماعي", True),
    ("الصحة النفسية", "الدعم النفسي, أخصائية نفسية", True),
    ("طبيب نفسي", "الدعم النفسي, أخصائية نفسية", False),
    ("أطفال", "الطفل", False),
    ("لاجئ", "اللجوء, اللاجئين", False),
    ("عمل", "البطالة, التوظيف", False),
]


def add_synonyms(apps, schema_editor):
    SearchSynonym = apps.get_model("search", "SearchSynonym")
    for phrase, alternatives, both_ways in SYNONYMS:
        SearchSynonym.objects.get_or_create(
            phrase=phrase,
            defaults={"alternatives": alternatives, "both_ways": both_ways},
        )


def remove_synonyms(apps, schema_editor):
    SearchSynonym = apps.get_model("search", "SearchSynonym")
    for phrase, alternatives, both_ways in SYNONYMS:
        SearchSynonym.objects.filter(
            phrase=phrase, alternatives=alternatives, both_ways=both_ways
        ).delete()


class Migration(migrations.Migration):
    dependencies = [("search", "0001_initial")]

    operations = [migrations.RunPython(add_synonyms, remove_synonyms)]
