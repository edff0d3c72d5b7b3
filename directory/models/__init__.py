from directory.models.taxonomy import TargetGroup

__all__ = ["TargetGroup"]
