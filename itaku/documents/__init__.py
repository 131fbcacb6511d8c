"""Rendering and protecting the files the system hands out: CSV, Excel and PDF, watermarked and
encrypted, and the Japanese dates on them.

Plain Python with no models; the callers (export services) decide who may have a file and record
that they got it.
"""
