"""One screen per mode; dialogs return values with `dismiss`."""
