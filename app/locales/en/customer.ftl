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
