"""Form fields that offer the directory's records to a visitor."""

from django.forms.models import ModelChoiceIterator

from core.forms import ChoiceByIdField, ChoicesByIdField, LocaleChoicesPageForm
from directory import languages


class LanguageChoiceIterator(ModelChoiceIterator):
    """The languages of a choice field in the alphabetical order of the
    language the form is shown in, read when the widget is drawn."""

    def __iter__(self):
        if self.field.empty_label is not None:
            yield ("", self.field.empty_label)
        for language in languages.in_reading_order(self.queryset):
            yield self.choice(language)


class LanguageChoiceField(ChoiceByIdField):
    """One language by its id, each named "Albanian (Shqip)" in the page's
    language (directory.languages.label) and sorted for it."""

    iterator = LanguageChoiceIterator


class LanguageChoicesField(ChoicesByIdField):
    """Languages by their ids, named and sorted as LanguageChoiceField."""

    iterator = LanguageChoiceIterator


class ServicePageForm(LocaleChoicesPageForm):
    """The service editor: choices of the page's locale only, and its
    languages named and sorted for the editor's language."""

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        field = self.fields.get("languages")
        if field is not None:
            field.iterator = LanguageChoiceIterator
            field.widget.choices = field.choices
