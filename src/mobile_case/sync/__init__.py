"""The kit's side of sync with the CNAP office station (issue 4): protocol, sealing, outbox, tus client."""
