## What messages cost: estimates in the template picker, and Settings → Costs (admins).

free-window = Free: inside the customer-service window
free-entry-point = Free: within 72 hours of a Click-to-WhatsApp ad
blocked-us = Won't be delivered: WhatsApp pauses marketing to US numbers
# Variables: $price (e.g. “0.0625 USD”), $category (e.g. “marketing”), $market (Meta's market name, e.g. “Spain”)
estimate = ≈ { $price } · { $category } · { $market }
# Variables: $category, $market
no-price = { $category } · { $market }: no price in the rate card
# Variables: $category (e.g. “marketing”)
charged = Charged by WhatsApp as { $category }
# Variables: $price (e.g. “0.0625 USD”), $category (e.g. “marketing”), $market (e.g. “Brazil”)
charged-price = Charged by WhatsApp: { $price } · { $category } · { $market }
estimated-free = { $category } · free
# A pricing category as Meta names it.
category =
    .marketing = marketing
    .utility = utility
    .authentication = authentication
    .authentication-international = authentication (international)
    .service = service

## Settings → Costs.
title = Costs
subtitle = What Meta charges per delivered message, by market and category. The desk estimates each message before it goes and prices what Meta reports it charged.
rate-cards = Rate cards
no-cards = No rate card yet: estimates show "no price" until you import Meta's card for your currency.
in-force = In force since { $date }
# Variables: $date (the first day), $markets (how many markets)
card = From { $date } · { $markets } markets
source = Source
currency = Currency
market = Market
import = Import Meta's CSV
import-hint = Paste the rate card Meta publishes for your currency (one row per market; columns Marketing, Utility, Authentication, Authentication-International, Service), and the first day it applies.
effective-from = Applies from
paste = CSV
import-button = Import
use-sample = Load the demo's sample card
download = Download CSV
delete-card = Delete
# Variables: $line (a line number), $problem (what is wrong there)
csv-problem = Line { $line }: { $problem }
csv-problems =
    .missing-market-column = no Market column in the header
    .no-price-columns = no price column (Marketing, Utility, Authentication…)
    .unknown-market = this market is not one of Meta's
    .bad-price = not a price
    .duplicate-market = this market appears twice
    .mixed-currency = another currency than the rest of the file
    .unclosed-quote = a quote is not closed
    .no-rates = the file has no rates
rules = Pricing model
rules-hint = Meta changes what it charges for over time; each row applies from its date. Change them only when Meta announces a change.
service-charged = Service messages (free text) charged
utility-in-window-charged = Utility templates inside the window charged
from = From
saved = Saved.
save = Save
loading = Loading…
