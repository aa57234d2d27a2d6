"""Widgets of the meeting screen."""
