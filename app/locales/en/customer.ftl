## What the desk itself writes to customers (the bot's own phrases), in the customer's language.

# When the team is back, inside the bot's "outside business hours" text. $time is like 09:00.
reopen-today = today at { $time }
reopen-tomorrow = tomorrow at { $time }
# Variables: $day, $time
reopen-on-day = on { $day } at { $time }
reopen-soon = soon
reopen-unknown = as soon as we can
# Weekday names, Monday to Sunday, as used in "on Monday at 09:00".
weekdays =
    .mon = Monday
    .tue = Tuesday
    .wed = Wednesday
    .thu = Thursday
    .fri = Friday
    .sat = Saturday
    .sun = Sunday

## The bot's phrases as the desk first sets them (an admin rewrites them on the Bot screen), and
## as the bot says them to customers who write in this language when the business's is another.
# {when} is replaced by "on Monday at 09:00" (the reopen-* texts above); keep it as written.
bot-greeting = Hi! 👋 I'm the virtual assistant. How can I help you?
bot-menu-button = See options
bot-human-option = Talk to a person
bot-fallback = Sorry, I didn't get that. Could you put it another way, or pick an option?
bot-did-you-mean = Did you mean…?
bot-anything-else = Can I help with anything else?
bot-done-button = No, thanks
bot-menu-again-button = See the menu
bot-goodbye = Thanks for writing! If you need anything else, we're here.
bot-search-prompt = What are you looking for? Say it in your own words, for example "red sneakers".
bot-search-results = Here's what I found:
bot-results-button = See products
bot-no-results = I found nothing like that. Try other words, or type "menu".
bot-handoff = I'm passing you to a person on the team; they'll answer shortly.
bot-closed = The team is away right now. We're back {"{"}when{"}"}; your conversation is in the queue and we'll answer then.

## Confirmations of a customer's marketing choice (sent only inside the 24-hour window).
consent-stop-reply = Done: you won't receive promotions from us any more. Write START if you change your mind.
consent-start-reply = Thanks! You'll receive our news and offers again. Write STOP at any time to stop them.
