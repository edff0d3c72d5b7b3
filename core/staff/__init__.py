"""Staff accounts: a second factor (an authenticator app, with recovery
codes), idle and absolute session limits, and a logout that only a POST does.

The login itself is Wagtail's, throttled by django-axes (settings: AXES_*);
the page-password and password-reset throttles are in ``core.staff.views``.
"""
