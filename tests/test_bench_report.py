"""make bench says whether its figures were taken on a quiet machine."""

from bench.__main__ import load_report


def test_a_quiet_run_is_not_flagged():
    line = load_report([("sqlite", 0.3), ("postgres", 0.8)], cores=2)
    assert line == "load average at start (2 cores): sqlite 0.30, postgres 0.80"


def test_a_run_sharing_the_cores_is_flagged():
    line = load_report([("sqlite", 0.2), ("postgres", 5.1)], cores=2)
    assert "NOT QUIET" in line
    assert "postgres 5.10" in line
