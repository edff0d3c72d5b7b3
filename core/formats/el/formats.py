"""Greek dates and times as the Centre writes them: month names in the
genitive ("24 Νοεμβρίου 2026") and a 24-hour clock (Django's default for
Greek is a 12-hour clock with π.μ./μ.μ.)."""

DATE_FORMAT = "j E Y"
TIME_FORMAT = "H:i"
DATETIME_FORMAT = "j E Y, H:i"
MONTH_DAY_FORMAT = "j E"
SHORT_DATETIME_FORMAT = "d/m/Y H:i"
