"""Helpers the tests of more than one kind (unit, screens, processes) or the benchmarks use."""
