"""Rules for a school's programme of prevention (DESIGN.md §1.3)."""
