"""Page translations go through the moderation workflow like any page (#18).

wagtail-localize's translation editor saves a page translation one way only,
"Publish in <language>", and shows it only to those who may publish: an Editor
could translate every string and still neither save the page nor send it to
the Moderators. The editor's template (templates/wagtail_localize/admin/
edit_translation.html) adds "Save draft" and "Submit to <workflow>"; the
``before_edit_page`` hook in ``core.wagtail_hooks`` hands their POST here.
Both build the page from the translated strings as publishing does, then save
a revision only; a Moderator publishes it by approving the workflow.

New translations start as drafts: ``WAGTAILLOCALIZE_SYNC_LIVE_STATUS_ON_TRANSLATE``
is off in the settings.
"""

from django.contrib import messages
from django.shortcuts import redirect
from django.utils.text import slugify
from django.utils.translation import gettext as _
from wagtail.coreutils import find_available_slug
from wagtail.models import Page, WorkflowState
from wagtail_localize.models import Translation
from wagtail_localize.views import update_translations

SAVE_DRAFT = "save-draft"
SUBMIT = "submit"


def enabled_translation(page):
    """The synced translation whose target is ``page``, if there is one."""
    return (
        Translation.objects.filter(
            source__object_id=page.translation_key,
            target_locale_id=page.locale_id,
            enabled=True,
        )
        .select_related("source", "target_locale")
        .first()
    )


def in_moderation(page):
    state = page.current_workflow_state
    return state is not None and state.status == WorkflowState.STATUS_IN_PROGRESS


def editor_actions(page, user):
    """What the translation editor offers ``user`` besides publishing."""
    lock = page.get_lock()
    workflow = page.get_workflow()
    return {
        "locked": lock is not None and lock.for_user(user),
        "workflow": workflow,
        "in_moderation": in_moderation(page),
    }


def save_draft(translation, page, user):
    """A new revision of ``page`` with the translated strings, not published."""
    if not page.live:
        translation.save_target(user=user, publish=False)
        return
    # wagtail-localize's save_target writes the page's own row even when it
    # does not publish, and that row is what visitors are served. A live
    # translation keeps its published text until a Moderator approves, as
    # Wagtail's own edit view does: only a revision is saved.
    draft = translation.source.get_ephemeral_translated_instance(
        translation.target_locale, fallback=True
    )
    # The slug as save_target makes it: a slug, and free under the parent.
    draft.slug = find_available_slug(
        draft.get_parent(), slugify(draft.slug), ignore_page_id=draft.pk
    )
    draft.save_revision(user=user, log_action=True)


def submit_for_moderation(page, user):
    """Start the page's workflow, or resume it after "changes requested"."""
    state = page.current_workflow_state
    if state is not None and state.status == WorkflowState.STATUS_NEEDS_CHANGES:
        state.resume(user)
    else:
        page.get_workflow().start(page, user)


def handle_editor_action(request, page):
    """Save or submit the translation the editor shows; None for any other
    request, which wagtail-localize's own editor then answers."""
    if request.method != "POST":
        return None
    action = request.POST.get("action")
    if action not in (SAVE_DRAFT, SUBMIT):
        return None
    translation = enabled_translation(page)
    if translation is None:
        return None
    page = page.specific
    actions = editor_actions(page, request.user)
    if actions["locked"]:
        messages.error(
            request,
            _("'%(title)s' is locked; it cannot be saved.")
            % {"title": page.get_admin_display_title()},
        )
    elif action == SUBMIT and (actions["in_moderation"] or not actions["workflow"]):
        messages.error(
            request,
            _("'%(title)s' cannot be submitted for moderation now.")
            % {"title": page.get_admin_display_title()},
        )
    else:
        save_draft(translation, page, request.user)
        page.refresh_from_db()
        title = page.get_admin_display_title()
        if action == SUBMIT:
            submit_for_moderation(page, request.user)
            messages.success(
                request,
                _("'%(title)s' has been submitted to %(workflow)s.")
                % {"title": title, "workflow": actions["workflow"].name},
            )
        else:
            messages.success(
                request,
                _("'%(title)s' has been saved as a draft.") % {"title": title},
            )
    return redirect(request.get_full_path())


class UpdateTranslationsView(update_translations.UpdateTranslationsView):
    """wagtail-localize's "Sync translated pages", whose "Publish immediately"
    asks only for the right to submit translations: an Editor could publish
    every translation of a page past the Moderators. Here it publishes only
    when the user may publish every translated page; otherwise the sync runs
    without publishing, and the translations go through the workflow."""

    def form_valid(self, form):
        if form.cleaned_data["publish_translations"] and not self.may_publish_all():
            form.cleaned_data["publish_translations"] = False
            messages.warning(
                self.request,
                _("The translations were not published: they need approval first."),
            )
        return super().form_valid(form)

    def may_publish_all(self):
        for translation in self.object.translations.filter(enabled=True):
            instance = translation.get_target_instance()
            if isinstance(instance, Page) and not (
                instance.permissions_for_user(self.request.user).can_publish()
            ):
                return False
        return True
