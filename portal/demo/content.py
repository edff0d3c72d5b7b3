"""The words of the demo site: the Kalamata Community Centre.

The prose lives in content.json beside this module, written in natural Greek
with English and Arabic versions of the key pages. Every name, address, phone
number and e-mail in it is fictitious; the programmes are real ones,
described in general terms.
"""

import json
from functools import cache
from pathlib import Path

CONTENT_FILE = Path(__file__).with_name("content.json")


@cache
def load():
    return json.loads(CONTENT_FILE.read_text(encoding="utf-8"))
