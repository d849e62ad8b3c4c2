title = Bot
subtitle = The bot answers customers first: it greets them with a menu, answers your FAQ, finds products in your catalog and hands the conversation to the team when asked or when it can't help.
loading = Loading…
enabled-label = Bot switched on
enabled-on = On: new conversations start with the bot
enabled-off = Off: new conversations go straight to the queue
switch-hint = Takes effect when you save.
switch-off-hint = When you save, every conversation still with the bot goes to the queue, so no customer waits on a silent bot.
unsaved = Unsaved changes
save = Save
saving = Saving…
save-hint = Saves General, Menu, Hours and the on/off switch together
saved =
    { $handed_off ->
        [0] Saved. The bot uses the new settings from the next message.
        [one] Saved. The bot is off: 1 conversation that was with it went to the queue.
        *[other] Saved. The bot is off: { $handed_off } conversations that were with it went to the queue.
    }
to-fix = To fix before saving:
tab-general = General
tab-menu = Menu
tab-hours = Hours
tab-faq = FAQ
tab-catalog = Catalog
tab-test = Test
tab-report = Report
conversation = Greeting and menu
greeting = Greeting
greeting-hint = Sent with the menu when a customer writes for the first time, and whenever they ask for the menu.
menu-button = List button label
menu-button-hint = When the menu has more than three entries WhatsApp shows it as a list behind this button.
human-option = "Talk to a person" option
human-option-hint = The last entry of every menu: hands the conversation to the team.
understanding = Understanding and handoff
handoff-words = Handoff words
handoff-words-hint = Separate with commas or new lines. A message with any of these words goes straight to the team.
misunderstandings = Misunderstandings
misunderstandings-hint = Messages in a row the bot doesn't understand before it hands off (1–10).
threshold = Match threshold
threshold-hint = How sure the bot must be to answer with an FAQ entry (20–95). Lower answers more, and guesses more.
quiet = Resolve after silence
quiet-hint = Minutes without a reply after the bot's answer before it resolves the conversation. 0: never.
what-it-says = What the bot says
what-it-says-hint = Every other message, in your words. Emoji are fine; WhatsApp's length limits are counted as you type.
language = Bot's language
reset-texts = Reset texts to this language
reset-hint = Replaces the greeting, the button labels and every message below with the defaults of the chosen language. The menu, FAQ and catalog stay.
reset-confirm = Replace the greeting, the button labels and all the bot's messages with the defaults of the chosen language?
text-groups =
    .item-1 = When it doesn't understand
    .item-2 = After an answer
    .item-3 = Catalog search
    .item-4 = Handing off to the team
menu-title = Menu
menu-hint = What customers can tap. Up to 9 options per menu; submenus can go 3 levels deep. "Talk to a person" is always added at the end.
human-always-last = added automatically
# Variables: $count, $max
add-option = Add option ({ $count }/{ $max })
option-title = Title
option-description = Description (shown in lists)
option-description-hint = Optional
action = When tapped
action-answer = Answer with a text
action-submenu = Open a submenu
action-catalog = Search the catalog
action-human = Talk to a person
answer = Answer
submenu-text = Text above the submenu
move-up = Move up
move-down = Move down
delete-option-confirm = Delete this option?
delete-option-confirm-named = Delete the option "{ $title }" (and its submenu, if any)?
drop-submenu-confirm = This option's submenu has options. Change the action and delete them?
preview = Preview
preview-hint = Up to three entries show as buttons; more show as a list. Unsaved changes included.
list-opened = Opened list
image = Image
other-message = Another kind of message
hours-title = Business hours
hours-hint = Outside these hours the bot still hands off when asked, but tells the customer when the team is back.
hours-enabled = The team works set hours (off: the team is always there)
timezone = Time zone
timezone-hint = The time zone of the hours below, as its IANA name (Region/City).
weekdays =
    .item-1 = Monday
    .item-2 = Tuesday
    .item-3 = Wednesday
    .item-4 = Thursday
    .item-5 = Friday
    .item-6 = Saturday
    .item-7 = Sunday
open = Open
from = Opens at
to = to
midnight-hint = A closing time of 00:00 means midnight at the end of the day.
faq-new = New FAQ entry
faq-edit = Edit FAQ entry
faq-hint = One answer, asked in several ways. Write the questions as customers write them; the bot recognises close variations and typos.
faq-title = Title
faq-title-hint = Short: shown as a button when the bot asks "Did you mean…?".
faq-phrasings = Questions
faq-phrasings-placeholder =
    How long does shipping take?
    When will my order arrive?
faq-phrasings-hint = One per line, up to { $max } characters each.
faq-answer = Answer
faq-list = FAQ ({ $n })
faq-none = No entries.
faq-phrasings-count =
    { $n ->
        [one] 1 question
        *[other] { $n } questions
    }
faq-saved = FAQ entry "{ $title }" saved.
faq-deleted = FAQ entry "{ $title }" deleted.
faq-delete-confirm = Delete the FAQ entry "{ $title }"?
add-entry = Add entry
save-entry = Save changes
cancel = Cancel
edit = Edit
delete = Delete
search = Search…
product-new = New product
product-edit = Edit product
product-name = Name
product-sku = SKU
product-price = Price
product-description = Description
product-link = Link
product-image = Image address
product-image-hint = A public https address of a picture; the bot sends it with the product's details.
add-product = Add product
products-list = Catalog ({ $n })
products-none = No products.
product-saved = Product "{ $name }" saved.
product-deleted = Product "{ $name }" deleted.
product-delete-confirm = Delete the product "{ $name }"?
yes = Yes
no = No
csv-title = Import from CSV
# Variables: $rows, $mb
csv-hint = Add or update many products at once. Rows with a SKU already in the catalog update that product; the others are added. Up to { $rows } rows and { $mb } MB.
csv-choose = Choose a CSV file…
csv-chosen = { $name } — ready to import
csv-paste = …or paste the CSV here
csv-import = Import
csv-importing = Importing…
# Variables: $created, $updated
csv-done = Imported: { $created } added, { $updated } updated.
csv-rejected =
    { $n ->
        [one] 1 row was left out:
        *[other] { $n } rows were left out:
    }
csv-line = Line
csv-reason = Why
csv-format = Format
# What each column of the catalog CSV means (the column names are fixed).
csv-columns =
    .name = required: the product's name
    .sku = your code; updates the product with the same code
    .description = what the bot shows and searches
    .price = as you write it: $59.990, 12 € / month
    .link = the product's page (http or https)
    .image = a public https address of a photo
csv-rules = The first line names the columns, in any order and case; other columns are ignored. Separate with commas or semicolons; quote values that contain them. Save from your spreadsheet as "CSV UTF-8".
csv-sample = Download this sample
trial-title = Try the bot
trial-hint = Write what a customer might write. The answer uses the SAVED settings, FAQ and catalog, as if the customer had already been greeted; nothing is sent to anyone.
trial-unsaved = You have unsaved changes: save them to try them here.
trial-placeholder = How much is shipping to Monterrey?
trial-submit = Try
why = Why
ends-handoff = The conversation would go to the team: { $reason }.
ends-resolved = The bot would resolve the conversation.
handoff-word-seen = A handoff word was found in the message.
handoff-word-not-seen = No handoff word in the message.
faq-scores = Closest FAQ entries
faq-scores-none = No FAQ entry looks like this message.
product-scores = Matching products
product-scores-none = No product matches.
why-greeting = A first message: the bot greets and shows the menu.
why-menu = The customer asked for the menu.
# Variables: $title, $score
why-faq = The FAQ entry "{ $title }" matched ({ $score }).
why-did-you-mean = Several FAQ entries matched about as well ({ $which }), so the bot asks which one.
why-option = Menu option { $id } was chosen.
why-search-prompt = The bot asks what the customer is looking for.
why-catalog = No FAQ entry matched well enough; { $n } products did, so the bot lists them.
why-no-results = The catalog search found nothing.
why-product = The customer asked for the product "{ $name }".
why-handoff-word = The message contains a handoff word.
why-handoff-choice = The customer chose to talk to a person.
why-misunderstood = Not understood ({ $count } in a row): the bot shows the menu again, or hands off at the limit.
why-media = The bot can't handle this kind of message, so it hands off.
why-done = The customer said they were done.
why-ignored = Nothing to answer.
report-title = Last 7 days
report-hint = Conversations that started with the bot in the last 7 days.
report-handled = Handled by the bot
report-with-bot = With the bot now
report-resolved = Resolved by the bot
report-confirmed = The customer confirmed they were done
report-quiet = The customer went quiet after an answer
report-handed-off = Handed to the team
report-taken-over = Taken over by an agent
report-mean = Mean time to handoff
minutes =
    { $m ->
        [one] 1 min
        *[other] { $m } min
    }

## The switch for answering customers in their own language.
customer-language = Answer each customer in their language
customer-language-hint = Customers who write in another of the desk's languages (English, Spanish, Brazilian Portuguese) get the greeting, the buttons and these phrases in the desk's own wording for their language. The menu, FAQ and catalog stay as you wrote them.
