"""安心対応サポート室 (SO-*): the ward's customer-harassment support office."""

KIND = "support_office"
