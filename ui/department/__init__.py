"""The department mode of the window: a liaison's inbox, its case actions and its window."""
