"""A starting list of the abbreviations and everyday words people search
with; editors keep it up to date in the admin (Search synonyms)."""

from django.db import migrations

SYNONYMS = [
    ("ΚΕΑ", "Κοινωνικό Εισόδημα Αλληλεγγύης", True),
    ("ΟΑΕΔ", "ΔΥΠΑ, Δημόσια Υπηρεσία Απασχόλησης", True),
    ("ΔΥΠΑ", "Δημόσια Υπηρεσία Απασχόλησης", True),
    ("ΟΠΕΚΑ", "Οργανισμός Προνοιακών Επιδομάτων", True),
    ("ΚΟΤ", "Κοινωνικό Οικιακό Τιμολόγιο", True),
    ("ΚΕΠΑ", "Κέντρο Πιστοποίησης Αναπηρίας", True),
    ("ΚΑΠΗ", "Κέντρο Ανοιχτής Προστασίας Ηλικιωμένων", True),
    ("ΚΔΑΠ", "Κέντρο Δημιουργικής Απασχόλησης Παιδιών", True),
    ("ΚΕΠ", "Κέντρο Εξυπηρέτησης Πολιτών", True),
    ("ΑΜΚΑ", "Αριθμός Μητρώου Κοινωνικής Ασφάλισης", True),
    ("ΑΦΜ", "Αριθμός Φορολογικού Μητρώου", True),
    ("ΑμεΑ", "άτομα με αναπηρία", True),
    ("ενοίκιο", "στέγαση", False),
    ("νοίκι", "ενοίκιο, στέγαση", False),
    ("ρεύμα", "ηλεκτρικό ρεύμα, ΔΕΗ", False),
    ("ψυχολόγος", "ψυχολογική υποστήριξη, ψυχοκοινωνική", False),
    ("τρόφιμα", "παντοπωλείο, συσσίτιο", False),
    ("φαγητό", "τρόφιμα, συσσίτιο", False),
    ("δουλειά", "εργασία, απασχόληση", False),
    ("ηλικιωμένοι", "τρίτη ηλικία, συνταξιούχοι", True),
    ("μετανάστες", "πρόσφυγες", False),
    ("δικηγόρος", "νομική βοήθεια, νομική συνδρομή", False),
]


def add_synonyms(apps, schema_editor):
    SearchSynonym = apps.get_model("portal", "SearchSynonym")
    for phrase, alternatives, both_ways in SYNONYMS:
        SearchSynonym.objects.get_or_create(
            phrase=phrase,
            defaults={"alternatives": alternatives, "both_ways": both_ways},
        )


def remove_synonyms(apps, schema_editor):
    SearchSynonym = apps.get_model("portal", "SearchSynonym")
    SearchSynonym.objects.filter(phrase__in=[s[0] for s in SYNONYMS]).delete()


class Migration(migrations.Migration):
    dependencies = [("portal", "0004_search_index")]

    operations = [migrations.RunPython(add_synonyms, remove_synonyms)]
