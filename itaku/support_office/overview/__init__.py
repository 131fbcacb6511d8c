"""The ward's view of how the support office stands, at any time (SO-18): a home-page panel."""
