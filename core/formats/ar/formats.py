"""Arabic with the 24-hour clock of the Centre's opening hours and timetables
(Django's default is a 12-hour clock with ص/م)."""

TIME_FORMAT = "H:i"
DATETIME_FORMAT = "j E، Y، H:i"
SHORT_DATETIME_FORMAT = "d/m/Y H:i"
FIRST_DAY_OF_WEEK = 1  # Monday, as in Greece
