"""The ground floor: the word tables and authority files every layer reads — sides and the
authority files, role and office vocabulary, name forms and matching, the event-coding table,
date words and the date finder, how journals print an article's place. It imports nothing of
legation but the model and the data files."""
