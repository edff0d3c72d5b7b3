"""Check that the suite collects the same tests twice, seconds apart.

Test processes side by side (pytest-xdist) each collect the suite and must
see the same tests: nothing random or time-dependent may go into a test's id.
``make test`` runs this before the suite: ``python -m tests.stable_collection``.
"""

import subprocess
import sys
import time

PAUSE_SECONDS = 2


def collect():
    result = subprocess.run(  # noqa: S603 - our own interpreter and arguments
        [
            sys.executable,
            "-m",
            "pytest",
            "--collect-only",
            "-q",
            "-p",
            "no:cacheprovider",
        ],
        capture_output=True,
        text=True,
        check=False,
    )
    if result.returncode != 0:
        sys.exit(
            "Collecting the tests failed:\n" + (result.stdout + result.stderr)[-4000:]
        )
    return [line for line in result.stdout.splitlines() if "::" in line]


def main():
    first = collect()
    time.sleep(PAUSE_SECONDS)
    second = collect()
    if first != second:
        changed = sorted(set(first) ^ set(second))
        sys.exit(
            "The suite collected different tests each time:\n" + "\n".join(changed)
        )
    print(f"Collection is stable: {len(first)} tests.")


if __name__ == "__main__":
    main()
