## Settings → Marketing consent (admins).

title = Marketing consent
hint = Who may receive marketing templates, and how customers say yes or no. Utility and authentication templates are not affected (WhatsApp's rules).
opt-in-one-to-one = Agents, the bot and the API may send marketing templates only to customers who opted in (off: to everyone who has not opted out)
opt-in-campaigns = Campaigns send marketing only to customers who opted in (recommended)
stop-keywords = Stop keywords
start-keywords = Start keywords
keywords-hint = Separated by commas. A customer's message that is only one of these words (any case, accents or punctuation) changes their consent.
replies = Confirmation replies
replies-hint = Sent in the customer's language, only while their 24-hour window is open. Leave a box empty to send the wording shown in it; write a single “-” to send nothing.
stop-reply = After a stop keyword
start-reply = After a start keyword
save = Save
saved = Saved.
loading = Loading…
