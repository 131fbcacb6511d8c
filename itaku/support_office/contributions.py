"""What the 安心対応サポート室 adds to the platform (``itaku.core.registry``): the deliverables
of its specification (000_701d819c299f5095.txt §7, §9, §6(5))."""

from __future__ import annotations

from itaku.core.domain import DueRule
from itaku.core.registry import ObligationDecl, ServiceKind

KIND = "support_office"

SERVICE_KINDS = [ServiceKind(KIND, "安心対応サポート室運営等業務")]

OBLIGATIONS = [
    ObligationDecl(KIND, "日報", "SO-13", DueRule.NEXT_BUSINESS_DAY.value),
    ObligationDecl(KIND, "月報", "SO-14", DueRule.FIFTH_OF_NEXT_MONTH.value),
    ObligationDecl(KIND, "職員研修の実施", "SO-8", DueRule.ONCE_PER_MONTH.value),
    ObligationDecl(KIND, "勤務予定表", "SO-10", DueRule.BEFORE_MONTH_STARTS.value),
]
