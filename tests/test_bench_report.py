"""make bench says whether its figures were taken on a quiet machine."""

import bench.__main__ as bench_main
from bench.__main__ import load_report


def test_a_quiet_run_is_not_flagged():
    line = load_report([("sqlite", 0.3), ("postgres", 0.8)], cores=2)
    assert line == (
        "load average when measuring began (2 cores): sqlite 0.30, postgres 0.80"
    )


def test_a_run_sharing_the_cores_is_flagged():
    line = load_report([("sqlite", 0.2), ("postgres", 5.1)], cores=2)
    assert "NOT QUIET" in line
    assert "postgres 5.10" in line


def test_measuring_waits_for_the_bench_s_own_build_to_be_forgotten(monkeypatch):
    loads = iter([3.0, 2.0, 0.7, 0.7])
    monkeypatch.setattr(bench_main.os, "getloadavg", lambda: (next(loads), 0, 0))
    monkeypatch.setattr(bench_main.time, "sleep", lambda seconds: None)
    assert bench_main.settle(cores=2) == 0.7


def test_other_work_keeps_the_load_high_and_the_wait_ends(monkeypatch):
    monkeypatch.setattr(bench_main.os, "getloadavg", lambda: (4.0, 0, 0))
    clock = iter(range(0, 10_000, 5))
    monkeypatch.setattr(bench_main.time, "monotonic", lambda: next(clock))
    monkeypatch.setattr(bench_main.time, "sleep", lambda seconds: None)
    assert bench_main.settle(cores=2, timeout=60) == 4.0
