"""Demo translations for seed_demo: pages and snippets in English and Arabic.

The words live in translations.json beside this module, in two lists:

``snippets``
    ``{"model": "directory.location", "slug": "...", "en": {...}, "ar": {...}}``
``pages``
    ``{"path": "programmata-ypiresies/kea", "en": {...}, "ar": {...}}``, a page
    named by its path under the Greek home page. Translating one more page is
    one more entry; a page that does not exist (yet) is passed over.

Each language maps field names to the translated value:

* a plain or rich text field: the text;
* a StreamField: a list whose i-th item replaces the value of the Greek
  page's i-th block (a dict updates a struct block's value key by key), so
  the translation keeps the Greek page's blocks and their ids;
* an inline list (``required_documents``, ``contacts``, ``date_exceptions``,
  a location's ``closures``): a list of dicts, the i-th updating the i-th row.

What a translation refers to (organisation, location, categories, target
groups, municipalities, parent category) becomes its translation in the same
language, created from the Greek one if the file has none, so that the
English directory lists and filters its English services.

The builder runs last. It creates only what is missing and changes nothing
that exists, so running seed_demo again is quick and keeps editors' changes.
"""

import json
from functools import cache
from pathlib import Path

from django.apps import apps
from django.contrib.contenttypes.fields import GenericRelation
from django.core.exceptions import ImproperlyConfigured
from django.utils import timezone
from modelcluster.fields import ParentalKey
from modelcluster.models import ClusterableModel, get_all_child_relations
from wagtail.actions.copy_for_translation import ParentNotTranslatedError
from wagtail.fields import StreamField
from wagtail.models import Locale, Page, TranslatableMixin
from wagtail.signals import page_published

from portal.models import HomePage

LANGUAGES = ("en", "ar")
TRANSLATIONS_FILE = Path(__file__).with_name("translations.json")


@cache
def load():
    return json.loads(TRANSLATIONS_FILE.read_text(encoding="utf-8"))


class Translator:
    """Creates translations into one locale, remembering the snippets it found."""

    def __init__(self, locale):
        self.locale = locale
        self.found = {}  # (model, translation_key) -> translated snippet

    # Snippets -------------------------------------------------------------

    def snippet(self, source, fields=None):
        """The snippet in this locale, created from the Greek one if missing."""
        if source.locale_id == self.locale.pk:
            return source
        key = (type(source), source.translation_key)
        if key not in self.found:
            translated = source.get_translation_or_none(self.locale)
            if translated is None:
                translated = self.create_snippet(source, fields or {})
            self.found[key] = translated
        return self.found[key]

    def create_snippet(self, source, fields):
        translated = source.copy_for_translation(self.locale)
        closures = fields.pop("closures", None)
        apply_fields(translated, source, fields)
        self.point_at_locale(translated)
        translated.save()
        if hasattr(source, "closures"):
            copy_closures(source, translated, closures)
        return translated

    # Pages ----------------------------------------------------------------

    def page(self, source, parent, fields):
        """Like Wagtail's copy_for_translation and publish, in one save: live
        without a revision, as the Greek services are (editing makes one)."""
        translated, _rows = source.copy_cluster(
            exclude_fields=[
                *source.default_exclude_fields_in_copy,
                *source.exclude_fields_in_copy,
                "live_revision",
                # Revisions, log entries and the like stay with the Greek page.
                *(
                    field.name
                    for field in source._meta.get_fields()
                    if isinstance(field, GenericRelation)
                ),
            ]
        )
        translated.locale = self.locale
        apply_fields(translated, source, fields)
        self.point_at_locale(translated)
        now = timezone.now()
        translated.draft_title = translated.title
        translated.live = True
        translated.has_unpublished_changes = False
        translated.latest_revision_created_at = None
        translated.first_published_at = translated.last_published_at = now
        parent.add_child(instance=translated)
        # What a publication sets going (e.g. an event's occurrences).
        page_published.send(sender=type(translated), instance=translated, revision=None)
        return translated

    # Relations ------------------------------------------------------------

    def point_at_locale(self, instance):
        """Foreign keys and many-to-many fields to translatable snippets, and
        those of inline rows, point at the snippets of this locale; the
        translatable inline rows (a service's documents, places, contacts)
        are in this locale and keep the Greek rows' translation keys, as
        wagtail-localize's translations are."""
        self.relink(instance)
        if isinstance(instance, ClusterableModel):
            for relation in get_all_child_relations(instance):
                name = relation.get_accessor_name()
                rows = list(getattr(instance, name).all())
                for row in rows:
                    if isinstance(row, TranslatableMixin):
                        row.locale = self.locale
                    self.relink(row)
                setattr(instance, name, rows)

    def relink(self, instance):
        for field in instance._meta.get_fields():
            if not (field.concrete and field.is_relation) or isinstance(
                field, ParentalKey
            ):
                continue
            model = field.related_model
            if not issubclass(model, TranslatableMixin) or issubclass(model, Page):
                continue
            if field.many_to_one:
                current = getattr(instance, field.name)
                if current is not None:
                    setattr(instance, field.name, self.snippet(current))
            elif field.many_to_many:
                current = list(getattr(instance, field.name).all())
                setattr(instance, field.name, [self.snippet(i) for i in current])


def apply_fields(instance, source, fields):
    child_relations = {
        relation.get_accessor_name()
        for relation in (
            get_all_child_relations(instance)
            if isinstance(instance, ClusterableModel)
            else []
        )
    }
    for name, value in fields.items():
        if name in child_relations:
            rows = list(getattr(instance, name).all())
            for row, changes in zip(rows, value, strict=True):
                for key, text in changes.items():
                    setattr(row, key, text)
            setattr(instance, name, rows)
            continue
        field = instance._meta.get_field(name)
        if isinstance(field, StreamField):
            value = translated_stream(getattr(source, name), value)
        setattr(instance, name, value)


def translated_stream(stream, values):
    """The Greek blocks with translated values, keeping types and ids."""
    blocks = stream.get_prep_value()
    if len(blocks) != len(values):
        raise ImproperlyConfigured(
            f"{len(values)} translated blocks for {len(blocks)} Greek ones"
        )
    translated = []
    for block, value in zip(blocks, values, strict=True):
        if isinstance(value, dict) and isinstance(block["value"], dict):
            value = {**block["value"], **value}
        translated.append({**block, "value": value})
    return json.dumps(translated)


def copy_closures(source, translated, reasons=None):
    """A location's own closures (not shared holidays) apply to its translations."""
    closures = list(source.closures.order_by("starts_on", "pk"))
    for closure, changes in zip(closures, reasons or [{}] * len(closures), strict=True):
        closure.pk = None
        closure.location = translated
        for key, text in changes.items():
            setattr(closure, key, text)
        closure.save()


def translate_snippets(entries, greek, translators):
    created = 0
    for entry in entries:
        model = apps.get_model(entry["model"])
        source = model.objects.filter(locale=greek, slug=entry["slug"]).first()
        if source is None:
            continue
        for code, translator in translators.items():
            if code not in entry or source.has_translation(translator.locale):
                continue
            translator.snippet(source, dict(entry[code]))
            created += 1
    return created


def translate_pages(home, entries, translators):
    """Parents before children: a translation goes under its parent's."""
    entries = sorted(entries, key=lambda entry: entry["path"].strip("/").count("/"))
    paths = [f"{home.url_path}{entry['path'].strip('/')}/" for entry in entries]
    sources = {
        page.url_path: page
        for page in Page.objects.filter(url_path__in=paths, locale=home.locale)
        .select_related("locale")
        .specific()
    }
    parent_paths = {page.url_path.rsplit("/", 2)[0] + "/" for page in sources.values()}
    parents = dict(
        Page.objects.filter(url_path__in=parent_paths, locale=home.locale).values_list(
            "url_path", "translation_key"
        )
    )
    keys = {page.translation_key for page in sources.values()} | set(parents.values())
    translations = {
        (page.translation_key, page.locale_id): page
        for page in Page.objects.filter(translation_key__in=keys)
    }
    created = 0
    for path, entry in zip(paths, entries, strict=True):
        source = sources.get(path)
        if source is None:
            continue
        parent_key = parents[path.rsplit("/", 2)[0] + "/"]
        for code, translator in translators.items():
            locale_id = translator.locale.pk
            if code not in entry or (source.translation_key, locale_id) in translations:
                continue
            parent = translations.get((parent_key, locale_id))
            if parent is None:
                raise ParentNotTranslatedError(f"{path} has no parent in {code}")
            translated = translator.page(source, parent, entry[code])
            translations[(source.translation_key, locale_id)] = translated
            created += 1
    return created


def build(log):
    greek = Locale.objects.get_or_create(language_code="el")[0]
    home = HomePage.objects.filter(depth=2, locale=greek).first()
    if home is None:
        log("translations: no home page yet; run the portal builder first")
        return
    translators = {
        code: Translator(Locale.objects.get_or_create(language_code=code)[0])
        for code in LANGUAGES
    }
    snippets = translate_snippets(load()["snippets"], greek, translators)
    pages = translate_pages(home, load()["pages"], translators)
    log(f"translations: {pages} pages and {snippets} snippets added")
