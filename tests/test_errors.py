"""Errors travel between processes whole: a Dask worker's error reaches the client as raised."""

import pickle

import pytest

from newstrail.core.errors import BadRecord, FetchError, InputError, RefusedAddress


@pytest.mark.parametrize("error", [
    InputError("feed.jsonl", "line 3: not JSON"),
    BadRecord("ferries.csv", "no 'text' column"),
    FetchError("https://bayherald.example/rss", "HTTP 503", retry_after=120.0),
    RefusedAddress("http://10.0.0.7/pier", "a private address"),
])
def test_an_input_error_pickles_with_every_attribute(error):
    again = pickle.loads(pickle.dumps(error))
    assert type(again) is type(error) and str(again) == str(error)
    assert vars(again) == vars(error)
    if isinstance(error, FetchError) and not isinstance(error, RefusedAddress):
        assert again.retry_after == 120.0
