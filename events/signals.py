from django.db import transaction
from django.dispatch import receiver
from wagtail.signals import page_published, page_unpublished

from events import caching
from events.models import EventOccurrence, EventPage


@receiver(page_published, sender=EventPage)
def rebuild_occurrences_on_publish(sender, instance, **kwargs):
    instance.rebuild_occurrences()


@receiver(page_unpublished, sender=EventPage)
def remove_occurrences_on_unpublish(sender, instance, **kwargs):
    EventOccurrence.objects.filter(event=instance).delete()
    transaction.on_commit(caching.retire)
