"""From article to events: rules that propose records from a news article, for a person to review.

Modules: `text` (paragraphs, sentences, quotations), `lexicon` (verbs → kinds, titles, honorifics),
`gazetteer` (the store's actors and topics), `mentions` (who is named where), `dates` (dates
resolved against the publication day), `extractor` (events, merging, candidates), `article`
(what the `timeline extract` command does), `review` (the `import --review` loop) and
`evaluation` (recall and precision against gold records). Nothing here is imported by the other
commands; dateparser loads only when an article is read.
"""
