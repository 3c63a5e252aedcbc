"""The commands an author runs on a fork (`place-for-research`, cli): new,
new-toy, merge, add-paper and readers check. They edit the data files through
the data layer, and never run inside a build."""
