from django.conf import settings
from django.contrib.auth.views import redirect_to_login
from django.urls import path, reverse
from django.utils.cache import add_never_cache_headers
from django.utils.translation import gettext_lazy as _
from wagtail import hooks
from wagtail.admin.menu import MenuItem
from wagtail.contrib.settings.registry import register_setting
from wagtail.forms import PasswordViewRestrictionForm
from wagtail.models import PageViewRestriction
from wagtail.permission_policies.pages import PagePermissionPolicy
from wagtail.snippets.models import register_snippet
from wagtail.snippets.views.snippets import SnippetViewSet

from core import privacy, translation_workflow
from core.admin_views import BrokenLinksReportView
from core.models import AlertBanner, CentreSettings


class AlertBannerViewSet(SnippetViewSet):
    model = AlertBanner
    icon = "warning"
    menu_label = _("Alert banners")
    menu_order = 200
    add_to_admin_menu = True
    list_display = ["title", "kind", "starts_at", "ends_at", "is_enabled"]
    list_filter = ["kind", "is_enabled"]
    search_fields = ["title", "message"]


register_snippet(AlertBannerViewSet)
register_setting(CentreSettings, icon="home")


@hooks.register("on_serve_page")
def check_translation_restrictions(callback):
    """Serve a translation of a restricted page only to whom the restriction
    lets in, as Wagtail does for the page itself (``core.privacy``)."""

    def inner(page, request, serve_args, serve_kwargs):
        restrictions = privacy.restrictions_to_check(page)
        for restriction in restrictions:
            if not restriction.accept_request(request):
                response = refuse(restriction, page, request)
                add_never_cache_headers(response)
                return response
        response = callback(page, request, serve_args, serve_kwargs)
        if restrictions:
            add_never_cache_headers(response)
        return response

    return inner


def refuse(restriction, page, request):
    """What Wagtail answers for an unmet restriction: the password form, or
    the login page."""
    if restriction.restriction_type == PageViewRestriction.PASSWORD:
        form = PasswordViewRestrictionForm(
            instance=restriction, initial={"return_url": request.get_full_path()}
        )
        action_url = reverse(
            "wagtailcore_authenticate_with_password", args=[restriction.id, page.id]
        )
        return page.serve_password_required_response(request, form, action_url)
    login_url = getattr(
        settings, "WAGTAIL_FRONTEND_LOGIN_URL", reverse("wagtailcore_login")
    )
    return redirect_to_login(request.get_full_path(), login_url)


@hooks.register("register_account_menu_item")
def two_step_verification_menu_item(request):
    return {
        "url": reverse("kentro_2fa"),
        "label": _("Two-step verification"),
        "help_text": _(
            "A code from an app on your phone after your password, and "
            "recovery codes for when you do not have it."
        ),
    }


@hooks.register("before_edit_page", order=-1)
def save_or_submit_translation(request, page):
    """ "Save draft" and "Submit to <workflow>" in wagtail-localize's
    translation editor (``core.translation_workflow``); runs before
    wagtail-localize's own hook, which answers every other request."""
    return translation_workflow.handle_editor_action(request, page)


@hooks.register("register_admin_urls", order=-1)
def sync_translations_within_the_workflow():
    """wagtail-localize's "Sync translated pages" at its own address, without
    publishing past the Moderators (``core.translation_workflow``); registered
    before wagtail-localize's URLs, so this view answers them."""
    return [
        path(
            "localize/update/<int:translation_source_id>/",
            translation_workflow.UpdateTranslationsView.as_view(),
            name="kentro_update_translations",
        )
    ]


class BrokenLinksMenuItem(MenuItem):
    def is_shown(self, request):
        return PagePermissionPolicy().user_has_permission(request.user, "change")


@hooks.register("register_admin_urls")
def register_broken_links_urls():
    return [
        path(
            "reports/broken-links/",
            BrokenLinksReportView.as_view(),
            name="broken_links",
        ),
        path(
            "reports/broken-links/results/",
            BrokenLinksReportView.as_view(results_only=True),
            name="broken_links_results",
        ),
    ]


@hooks.register("register_reports_menu_item")
def register_broken_links_menu_item():
    return BrokenLinksMenuItem(
        _("Broken outside links"),
        reverse("broken_links"),
        name="broken-links",
        icon_name="link-external",
        order=1400,
    )
