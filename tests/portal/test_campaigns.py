import datetime

import pytest
from django.core.exceptions import ValidationError
from django.utils import timezone, translation
from django.utils.translation import gettext

from directory.factories import TargetGroupFactory
from portal.factories import CampaignIndexPageFactory, CampaignPageFactory


@pytest.fixture
def campaigns(home):
    index = CampaignIndexPageFactory(parent=home)
    today = timezone.localdate()
    roma = TargetGroupFactory(slug="roma", name="Ρομά")
    elderly = TargetGroupFactory(slug="elderly", name="Ηλικιωμένοι")

    def make(slug, title, start, end, groups=()):
        return CampaignPageFactory(
            parent=index,
            slug=slug,
            title=title,
            starts_on=today + datetime.timedelta(days=start),
            ends_on=None if end is None else today + datetime.timedelta(days=end),
            target_groups=list(groups),
        )

    make("past", "Καύσωνας περασμένου καλοκαιριού", -90, -60, [elderly])
    make("current", "Επίδομα θέρμανσης ανοιχτό", -5, 10, [elderly])
    make("open-ended", "Διανομή τροφίμων κάθε μήνα", -30, None, [roma])
    make("upcoming", "Μαθήματα ελληνικών ξεκινούν", 10, 40)
    return index


def test_index_lists_current_campaigns_before_upcoming_and_past(client, campaigns):
    html = client.get(campaigns.url).content.decode()
    current = html.index("Επίδομα θέρμανσης ανοιχτό")
    assert html.index("Διανομή τροφίμων κάθε μήνα") < html.index("Μαθήματα ελληνικών")
    assert current < html.index("Μαθήματα ελληνικών ξεκινούν")
    assert html.index("Μαθήματα ελληνικών ξεκινούν") < html.index("Καύσωνας περασμένου")


def test_index_filters_by_target_group(client, campaigns):
    html = client.get(campaigns.url, {"audience": "roma"}).content.decode()
    assert "Διανομή τροφίμων κάθε μήνα" in html
    assert "Επίδομα θέρμανσης ανοιχτό" not in html
    assert "Καύσωνας περασμένου" not in html


def test_unknown_audience_shows_an_empty_list_not_an_error(client, campaigns):
    response = client.get(campaigns.url, {"audience": "<script>", "page": "abc"})
    assert response.status_code == 200
    assert "<script>" not in response.content.decode()


def test_home_page_shows_only_current_campaigns(client, campaigns, home):
    html = client.get(home.url).content.decode()
    assert "Επίδομα θέρμανσης ανοιχτό" in html
    assert "Μαθήματα ελληνικών ξεκινούν" not in html
    assert "Καύσωνας περασμένου" not in html


def test_ended_campaign_says_so(client, campaigns):
    past = campaigns.get_children().get(slug="past")
    html = client.get(past.url).content.decode()
    with translation.override("el"):
        assert gettext("This campaign has ended.") in html


def test_a_campaign_says_it_has_ended_the_day_after_its_last(
    client, campaigns, monkeypatch
):
    """The drawn campaign is kept (#21), but not past its end."""
    current = campaigns.get_children().get(slug="current").specific
    with translation.override("el"):
        ended = gettext("This campaign has ended.")
    assert ended not in client.get(current.url).content.decode()
    after = timezone.now() + datetime.timedelta(days=11)
    monkeypatch.setattr(timezone, "now", lambda: after)
    assert ended in client.get(current.url).content.decode()


def test_a_campaigns_preview_shows_the_draft_not_the_kept_page(client, campaigns):
    current = campaigns.get_children().get(slug="current").specific
    client.get(current.url)
    current.summary = "Νέα προθεσμία: 31 Ιανουαρίου."
    html = current.make_preview_request().content.decode()
    assert "Νέα προθεσμία: 31 Ιανουαρίου." in html


def test_a_related_pages_new_title_shows_on_the_campaign(client, campaigns):
    current = campaigns.get_children().get(slug="current").specific
    other = campaigns.get_children().get(slug="open-ended").specific
    current.related_pages.create(page=other)
    current.save_revision().publish()
    assert other.title in client.get(current.url).content.decode()
    other.title = "Διανομή τροφίμων: νέες ημέρες"
    other.save_revision().publish()
    assert "Διανομή τροφίμων: νέες ημέρες" in client.get(current.url).content.decode()


def test_campaign_cannot_end_before_it_starts(campaigns):
    campaign = campaigns.get_children().get(slug="current").specific
    campaign.ends_on = campaign.starts_on - datetime.timedelta(days=1)
    with pytest.raises(ValidationError) as error:
        campaign.full_clean()
    assert "ends_on" in error.value.message_dict


def test_call_to_action_needs_a_label_and_a_target(campaigns):
    campaign = campaigns.get_children().get(slug="current").specific
    campaign.call_to_action_label = "Κάντε αίτηση"
    with pytest.raises(ValidationError) as error:
        campaign.full_clean()
    assert "call_to_action_label" in error.value.message_dict
    campaign.call_to_action_url = "https://www.gov.gr/"
    campaign.full_clean()
