"""Billing staff's statement and rates windows."""
