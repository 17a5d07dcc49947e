"""The library facade (see the house issue): filled in as the facade lands."""
