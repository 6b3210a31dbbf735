"""ICAO 9303 eMRTD protocol (Part 10 LDS, Part 11 access control and secure messaging, Part 12 PKI).

Pure Python over a ``Transport`` (one APDU in, one response out): ``pcsc.PcscCardReader`` plugs pyscard in,
the tests plug in a virtual card. See docs/design/chip-contract.md.
"""
