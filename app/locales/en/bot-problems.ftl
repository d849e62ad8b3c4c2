## What is wrong with a bot setting, FAQ entry, product or CSV row: "Menu › Shipping: the title is empty".

# Variables: $place, $text
problem-at = { $place }: { $text }
# $subject is one of the option parts below.
issue-empty-part = { $subject } is empty
issue-empty = empty; fill it in
# Variables: $subject, $max
issue-too-long-part = { $subject } is longer than { $max } characters
issue-too-long = longer than { $max } characters
issue-menu-too-deep = menus can only go { $max } levels deep
issue-menu-too-many = at most { $max } options (plus "talk to a person")
issue-too-many = at most { $max } are allowed
issue-duplicate = "{ $value }" appears twice; entries must read differently (also from "talk to a person" and from each other's buttons)
# Variables: $min, $max
issue-out-of-range = must be between { $min } and { $max }
issue-unknown-timezone = unknown time zone; write its IANA name, such as America/Mexico_City or Europe/Madrid
issue-hours-reversed = the closing time must be after the opening time
issue-not-a-link = not a web address: it must start with https:// or http://
issue-missing-when = must contain {"{"}when{"}"}, where the bot writes when the team is back

## Places.
place-menu = Menu
place-no-title = (no title)
part-title = the title
part-description = the description
part-text = the text
place-general = General
place-catalog = Catalog
place-faq = FAQ
place-hours = Hours
place-greeting = Greeting
place-menu-button = List button label
place-human-option = "Talk to a person" option
place-handoff-words = Handoff words
place-misunderstandings = Misunderstandings
place-match-threshold = Match threshold
place-quiet-minutes = Resolve after silence
place-time-zone = Time zone
place-faq-title = Title
place-faq-phrasings = Questions
place-faq-answer = Answer
place-product-sku = SKU
place-product-name = Name
place-product-description = Description
place-product-price = Price
place-product-link = Link
place-product-image = Image address

## The bot's phrases on the General tab: a name, and when the bot says it.
text-fallback = Not understood
text-fallback-when = When a message isn't understood; the menu follows.
text-did-you-mean = Did you mean
text-did-you-mean-when = When two FAQ entries match about as well; their titles follow as buttons.
text-anything-else = Anything else?
text-anything-else-when = After a long answer, above the buttons below.
text-done-button = "Done" button
text-done-button-when = Under every answer: the customer is done and the bot resolves the conversation.
text-menu-again-button = "Menu" button
text-menu-again-button-when = Under every answer: shows the menu again.
text-goodbye = Goodbye
text-goodbye-when = When the customer taps the "Done" button.
text-search-prompt = Search prompt
text-search-prompt-when = When the customer picks a catalog search in the menu.
text-search-results = Search results
text-search-results-when = Above the list of products found.
text-results-button = Results button
text-results-button-when = The button that opens the list of products found.
text-no-results = No results
text-no-results-when = When a catalog search finds nothing.
text-handoff = Handoff
text-handoff-when = When the conversation goes to the team during business hours.
text-closed = Outside business hours
text-closed-when = When the conversation goes to the team outside business hours. Must contain {"{"}when{"}"}: it becomes "on Monday at 09:00".

## Why the bot handed a conversation to the team.
reason-asked = the customer asked for a person
reason-button = the customer chose "talk to a person"
reason-misunderstood = the bot didn't understand too many times
reason-media = the customer sent something the bot can't read
reason-bot-disabled = the bot was switched off
reason-window-closed = the message arrived after the 24-hour window closed

## Catalog CSV files and rows.
csv-too-large = The file is larger than { $mb } MB. Split it and import the parts one after another.
csv-empty = The file is empty: its first line must name the columns.
csv-no-name-column = The first line has no name column (name or nombre), so no product can be read.
csv-too-many-rows = The file has more than { $max } rows. Split it and import the parts one after another.
row-unreadable = the line can't be read as CSV ({ $detail })
# Variables: $sku, $first_line
row-repeated-sku = the SKU { $sku } is already on line { $first_line }
