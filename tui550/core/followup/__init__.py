"""Follow-up and supervision (督办): the rules of an item's life (`rules`) and the plain
objects storage hands to screens, the command line and the report renderers (`views`).

The writes and queries live in `tui550.core.store.followup`."""
