"""One date format in the Polish interface: dd.mm.rrrr, and times to the minute
(Django's own Polish short formats write 13-12-2026). What is not set here
comes from Django's Polish formats."""

DATE_FORMAT = "d.m.Y"
SHORT_DATE_FORMAT = "d.m.Y"
DATETIME_FORMAT = "d.m.Y H:i"
SHORT_DATETIME_FORMAT = "d.m.Y H:i"
MONTH_DAY_FORMAT = "d.m"
