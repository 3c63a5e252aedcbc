"""The site's data and formats: the papers and taxonomy files (catalogue), a
reader's map file (map_file, map_format, from schema/), the readers' maps
(readers), and the YAML readers and writers they share. No MkDocs here: the
build and the fork tools both stand on this layer."""
