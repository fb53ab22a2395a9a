"""Analyses over the store: relations between sides over time, turning points, who met whom."""
