"""The head's office window of the CNAP station (issue 4)."""
