from django.db import transaction
from django.db.models.signals import post_delete, post_save
from django.dispatch import receiver
from wagtail.signals import page_published, page_unpublished

from directory.models import Closure
from events import caching
from events.models import EventOccurrence, EventPage


@receiver(page_published, sender=EventPage)
def rebuild_occurrences_on_publish(sender, instance, **kwargs):
    instance.rebuild_occurrences()


@receiver(page_unpublished, sender=EventPage)
def remove_occurrences_on_unpublish(sender, instance, **kwargs):
    EventOccurrence.objects.filter(event=instance).delete()
    transaction.on_commit(caching.retire)


@receiver(post_save, sender=Closure, dispatch_uid="kentro-events-closure-saved")
@receiver(post_delete, sender=Closure, dispatch_uid="kentro-events-closure-gone")
def apply_closure_to_visits(sender, instance, **kwargs):
    """A closure entered, changed or removed: the Mobile Unit's visits at its
    place (every visit, for a closure of every place) are expanded again, so
    the dates on its days are cancelled, shortened or restored everywhere
    they are shown (page, appointment form, calendars)."""
    visits = EventPage.objects.live().filter(kind=EventPage.Kind.MOBILE_UNIT_VISIT)
    if instance.location_id is not None:
        visits = visits.filter(location_id=instance.location_id)
    for visit in visits.prefetch_related("date_exceptions"):
        visit.rebuild_occurrences()
