import datetime

import pytest

from directory import calendar, review
from directory.factories import (
    CategoryFactory,
    DirectoryPageFactory,
    LanguageFactory,
    LocationFactory,
    MunicipalityFactory,
    OpeningHoursFactory,
    OrganisationFactory,
    ServiceAtLocationFactory,
    ServicePageFactory,
    TargetGroupFactory,
)
from directory.models import (
    Category,
    DirectoryPage,
    Language,
    Location,
    Municipality,
    Organisation,
    ServicePage,
    TargetGroup,
)
from search import indexing
from tests.set_aside import module_transaction


@pytest.fixture
def directory(home):
    return DirectoryPageFactory(parent=home)


@pytest.fixture
def catalogue(directory):
    """A small directory: housing and food services in two municipalities."""
    housing = CategoryFactory(slug="stegasi", name="Στέγαση")
    rent = CategoryFactory(
        slug="epidoma-enoikiou", name="Επίδομα ενοικίου", parent=housing
    )
    food = CategoryFactory(slug="trofima", name="Τρόφιμα")
    kea = TargetGroupFactory(slug="kea", name="Δικαιούχοι ΚΕΑ")
    roma = TargetGroupFactory(slug="roma", name="Ρομά")
    kalamata = MunicipalityFactory(slug="kalamata", name="Καλαμάτα")
    mani = MunicipalityFactory(slug="dytiki-mani", name="Δυτική Μάνη")
    arabic = LanguageFactory(code="ar", name="Αραβικά", autonym="العربية")
    municipality = OrganisationFactory(slug="dimos", name="Δήμος Καλαμάτας")
    office = LocationFactory(
        slug="kentro", name="Κέντρο Κοινότητας", municipality=kalamata
    )
    for weekday in range(5):
        OpeningHoursFactory(
            location=office,
            weekday=weekday,
            opens=datetime.time(8),
            closes=datetime.time(15),
        )

    def service(slug, title, categories, groups, areas=(), free=True, **fields):
        page = ServicePageFactory(
            parent=directory,
            slug=slug,
            title=title,
            categories=categories,
            target_groups=groups,
            is_free=free,
            organisation=municipality,
            **fields,
        )
        page.service_areas.set(areas)
        page.save()
        ServiceAtLocationFactory(service=page, location=office)
        return page

    rent_allowance = service(
        "epidoma-stegasis", "Επίδομα Στέγασης", [rent], [kea], [kalamata, mani]
    )
    rent_allowance.languages.set([arabic])
    rent_allowance.save()
    service(
        "koinoniko-pantopoleio",
        "Κοινωνικό Παντοπωλείο",
        [food],
        [kea, roma],
        [kalamata],
    )
    service(
        "fagito-roma", "Συσσίτιο", [food], [roma], [mani], free=False, fees="1 ευρώ"
    )
    service(
        "kleisti-ypiresia",
        "Παλιό πρόγραμμα",
        [food],
        [kea],
        [kalamata],
        status=ServicePage.Status.INACTIVE,
    )
    # Factories save pages without publishing them; index them as publishing
    # would.
    indexing.rebuild(directory.get_children())
    return directory


def delete_directory():
    DirectoryPage.objects.all().delete()
    Category.objects.filter(parent__isnull=False).delete()
    for model in (Location, Organisation, Category, Municipality, TargetGroup):
        model.objects.all().delete()
    Language.objects.all().delete()


@pytest.fixture
def empty_directory(db):
    """No directory content at all, as on a new site (rolled back afterwards)."""
    delete_directory()


@pytest.fixture(scope="module")
def directory_emptied_for_module(django_db_setup, django_db_blocker):
    """The directory emptied once for a module all of whose tests want it
    empty (they use empty_directory too, which then finds nothing to
    delete); see tests.set_aside."""
    with module_transaction(django_db_blocker, delete_directory):
        yield


@pytest.fixture
def services_under_review(empty_directory, directory):
    """Live Greek services, by slug, checked at dates relative to today
    (issue #25): "fresh" (within a month) and "recent" (within six months,
    not yet due), "due" (due for eleven days), "long-due" (checked 23 months
    ago), "never" (never checked), and "withdrawn" (inactive: not under
    review)."""
    today = calendar.today()
    six_months_ago = review.add_months(today, -6)
    day = datetime.timedelta(days=1)

    def service(slug, reviewed, **fields):
        return ServicePageFactory(
            parent=directory, slug=slug, title=slug, last_reviewed=reviewed, **fields
        )

    return {
        "fresh": service("fresh", review.add_months(today, -1) + day),
        "recent": service("recent", six_months_ago + day),
        "due": service("due", six_months_ago - 11 * day),
        "long-due": service("long-due", review.add_months(today, -23)),
        "never": service("never", None),
        "withdrawn": service("withdrawn", None, status=ServicePage.Status.INACTIVE),
    }
