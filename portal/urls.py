from django.conf import settings
from django.conf.urls.i18n import i18n_patterns
from django.urls import include, path, re_path
from wagtail import urls as wagtail_urls
from wagtail.admin import urls as wagtailadmin_urls
from wagtail.documents import urls as wagtaildocs_urls

from core import routing
from core import views as core_views
from core.staff import urls as staff_urls
from core.staff import views as staff_views
from portal import views

urlpatterns = [
    # Before Wagtail's admin, whose views of the same addresses these replace:
    # logout by POST only, a throttled password reset, the second factor.
    path("admin/logout/", staff_views.logout, name="wagtailadmin_logout"),
    path(
        "admin/password_reset/",
        staff_views.password_reset,
        name="wagtailadmin_password_reset",
    ),
    path("admin/2fa/", include(staff_urls)),
    path("admin/", include(wagtailadmin_urls)),
    path("documents/", include(wagtaildocs_urls)),
    path("robots.txt", views.robots_txt, name="robots_txt"),
    path("sitemap.xml", views.sitemap, name="sitemap"),
    path("favicon.ico", views.favicon, name="favicon"),
    path("api/hsds/", include("directory.urls")),
]

urlpatterns += i18n_patterns(
    path("anazitisi/", views.search, name="search"),
    # Wagtail's page-password form, throttled (before wagtail_urls).
    path(
        "_util/authenticate_with_password/<int:page_view_restriction_id>/"
        "<int:page_id>/",
        core_views.page_password,
        name="wagtailcore_authenticate_with_password",
    ),
    path("", include("events.urls")),
    # Wagtail's page view, with the page found in fewer queries.
    re_path(wagtail_urls.serve_pattern, routing.serve, name="wagtail_serve"),
    path("", include(wagtail_urls)),
    prefix_default_language=False,
)

if settings.DEBUG:
    from django.conf.urls.static import static

    urlpatterns += static(settings.MEDIA_URL, document_root=settings.MEDIA_ROOT)
