"""The directory's URLs outside the page tree: the HSDS API (see portal/urls.py)."""

from django.urls import re_path

from directory.hsds import api

app_name = "directory"

urlpatterns = [
    re_path(r"^$", api.root, name="hsds_root"),
    re_path(r"^services/?$", api.services, name="hsds_services"),
    re_path(
        r"^services/(?P<service_id>[^/]+)/?$",
        api.service_detail,
        name="hsds_service",
    ),
    re_path(r"^organizations/?$", api.organizations, name="hsds_organizations"),
    re_path(
        r"^organizations/(?P<organization_id>[^/]+)/?$",
        api.organization_detail,
        name="hsds_organization",
    ),
    re_path(
        r"^service_at_locations/?$",
        api.service_at_locations,
        name="hsds_service_at_locations",
    ),
    re_path(
        r"^service_at_locations/(?P<service_at_location_id>[^/]+)/?$",
        api.service_at_location_detail,
        name="hsds_service_at_location",
    ),
    re_path(r"^taxonomies/?$", api.taxonomies, name="hsds_taxonomies"),
    re_path(
        r"^taxonomies/(?P<taxonomy_id>[^/]+)/?$",
        api.taxonomy_detail,
        name="hsds_taxonomy",
    ),
    re_path(r"^taxonomy_terms/?$", api.taxonomy_terms, name="hsds_taxonomy_terms"),
    re_path(
        r"^taxonomy_terms/(?P<taxonomy_term_id>[^/]+)/?$",
        api.taxonomy_term_detail,
        name="hsds_taxonomy_term",
    ),
]
