"""From article to events: rules that propose records from a news article, for a person to review.

The pipeline, in the order the text flows through it:
`text` (paragraphs, sentences, quotations and their offsets), `lexicon` (verbs → kinds, titles,
honorifics), `gazetteer` (the store's actors and topics), `names` (capitalised runs split into title, honorific and name), `mentions` (who is named where),
`dates` (dates resolved against the publication day), `acts` (an act found in a sentence),
`reader` (verbs, their subjects and the date of each speech act), `merging` (one act told in
several sentences), `topics` (a store topic the text supports, else a new one), `stances` (kind
and stance from what was said), `candidate` (the import line), `extractor` (the pipeline itself),
`article` (what the `timeline extract` command does) and `review` (the `import --review` loop).

Nothing here is imported by the other commands; dateparser loads only when an article is read.
The scorer and the development set of real news live outside the product, in benchmarks/.
"""
