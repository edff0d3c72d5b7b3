from django.db import models


class RateCounter(models.Model):
    """How many times one (hashed) address did one thing in one window.

    Only written while the shared cache (Redis) cannot be reached, so that the
    rate limits keep counting across every process of the site; rows of
    windows that have passed are deleted as new ones are written and by the
    daily purge. The key is a keyed hash: no address is stored.
    """

    key = models.CharField(max_length=64)
    window_start = models.DateTimeField()
    count = models.PositiveIntegerField(default=0)

    class Meta:
        constraints = [
            models.UniqueConstraint(
                fields=["key", "window_start"], name="unique_rate_counter_window"
            )
        ]
        indexes = [models.Index(fields=["window_start"], name="rate_counter_window")]

    def __str__(self):
        return f"{self.key[:8]}… {self.count}"
