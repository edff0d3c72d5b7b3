from eligibility.models.page import EligibilityCheckPage
from eligibility.models.rules import EligibilityRule, RuleCondition, RuleLimit
from eligibility.models.tallies import MonthlyTally

__all__ = [
    "EligibilityCheckPage",
    "EligibilityRule",
    "MonthlyTally",
    "RuleCondition",
    "RuleLimit",
]
