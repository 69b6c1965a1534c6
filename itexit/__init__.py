"""ITexit: leave a failing managed IT services provider, with evidence, and pick a better one."""
