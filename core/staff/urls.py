from django.urls import path

from core.staff import views

urlpatterns = [
    path("", views.overview, name="kentro_2fa"),
    path("verify/", views.verify, name="kentro_2fa_verify"),
    path("setup/", views.setup, name="kentro_2fa_setup"),
]
