subtitle = Send an approved template to a segment of your contacts, within WhatsApp's limits and your customers' consent. Each recipient's message is tracked until they read or answer it.
new-campaign = New campaign
loading = Loading…
empty = No campaigns yet. Start one with “New campaign”.
back = ← All campaigns
name = Name
name-hint = Winter sale, order reminders…
state = State
start = Start
state-scheduled = Scheduled
state-running = Sending
state-paused = Paused
state-stopped = Stopped
state-cancelled = Cancelled
state-finished = Finished
step-targeted = Targeted
step-queued = Waiting
step-sent = Sent
step-delivered = Delivered
step-read = Read
step-replied = Replied
step-failed = Failed
step-limited = Limited by WhatsApp
step-opted-out = Opted out
step-skipped = Left out
pause = Pause
resume = Resume
cancel = Cancel campaign
retry-limited = Send again to those WhatsApp limited
failed-by-code = Failures by WhatsApp's code:
skipped-by-reason = Left out:
cost-estimated = Estimated:
cost-charged = charged by WhatsApp so far:
new-from-these = New campaign for these
export-csv = Export CSV
nobody = Nobody here.
settings-title = Campaign rules
# Variables: $hours
cap-summary = at most one marketing message every { $hours } h
tier = Messaging limit of your number
tier-hint = As WhatsApp Manager shows it: unique customers you may reach outside a conversation in 24 hours.
# Variables: $n
tier-limit = { $n } customers a day
tier-unlimited = Unlimited
frequency-cap = Frequency cap (hours)
frequency-cap-hint = A customer who got a marketing message in this time gets no campaign's marketing. 0 turns the cap off.
reserved = Throughput kept for people (%)
reserved-hint = Campaigns never use this share of the number's messages per second: agents' replies and customers' messages need it. 0 gives campaigns everything (agents' replies still go first).
save = Save
saved = Saved.
audience = Audience
counting = Counting…
# Variables: $count, $shown
contacts-count =
    { $count ->
        [one] { $shown } contact
       *[other] { $shown } contacts
    }
count-unavailable = Cannot count yet
start-from-segment = Start from a saved segment
no-segment = — a new filter —
labels = Labels on their conversations
no-labels = No labels yet.
label-ignored = Any
label-any = One of these
label-all = Must have
label-none = Must not have
consent = Marketing consent
consent-opted-in = Opted in
consent-unknown = Not asked yet
consent-opted-out = Opted out
conversation = Conversation now
countries = Countries of their numbers (ISO codes)
last-message = Their last message
any-time = Any time
within-days = In the last … days
not-within-days = Not in the last … days
days = Days
previous-campaign = An earlier campaign
no-previous = — any —
save-as-segment = Save this filter as a segment
segment-name = Segment name
save-segment = Save segment
# Variables: $name
segment-saved = Saved as “{ $name }”.
attributes = Contact attributes
attribute-name = Attribute
attribute-value = Value
remove = Remove
add-attribute = + Add an attribute condition
message = Message
no-templates = No approved marketing or utility template yet. Templates are synced from WhatsApp on the Templates screen.
template = Approved template
choose-template = — choose a template —
values = Values
value-from = Value from
fixed-text = Text
fallback = If they have none
fallback-hint = A recipient with no value and no fallback is left out (and counted) rather than sent a broken message.
header-file-hint = Chosen once, sent to everyone. WhatsApp keeps a file 30 days: a campaign that ends later is refused.
buttons = What the buttons do
button-nothing = Nothing special
button-opt-out = Stops marketing messages
button-person = Hands the customer to a person
# Variables: $name
button-label = Adds the label { $name }
replies-to = Answers go to
replies-bot = The bot first (when it is on)
replies-queue = The team's queue
preview = Preview
show-preview = Show
preview-hint = See the message as each recipient will get it.
# Variables: $index, $total
recipient-of = Recipient { $index } of { $total }
# Variables: $value
skipped-for-value = This recipient has no { $value } and no fallback: they would be left out.
test-number = Send a test to
send-test = Send test
test-sent = Test sent. It opens a conversation in the inbox.
schedule = When
start-at = Start at (empty: now)
# Variables: $zone
start-hint = In the business's time zone ({ $zone }).
rate = Messages per second
# Variables: $default, $max
rate-hint = Empty: { $default }. At most { $max }: the rest is kept for agents' replies.
quiet-hours = Quiet hours: do not send between
quiet-from = Quiet from
quiet-to = Quiet until
over-limit = If it is larger than what is left of the messaging limit
over-limit-spread = Send the rest on the following days
over-limit-refuse = Do not launch
review = Review
check = Check
review-hint = Check what the launch will do: who gets it, who is left out and why, the cost, the messaging limit.
launch-now = Launch now
schedule-launch = Schedule
recipients = Recipients
# Variables: $n
of-audience = of { $n } in the audience
left-out = Left out
nobody-left-out = Nobody.
estimated-cost = Estimated cost by market
no-price = no price on the rate card
total = Total
# Variables: $tier, $used, $left
limit-line = Messaging limit: { $tier }; { $used } reached in the last 24 hours; { $left } left.
# Variables: $days
limit-spread = Larger than what is left today: it goes out over { $days } days.
# Variables: $recipients, $left
limit-refused = { $recipients } recipients, but only { $left } are left of the messaging limit. Choose to send the rest on the following days, or make the audience smaller.
reasons =
    .opted-out = opted out
    .needs-opt-in = never opted in (your team requires it for campaigns)
    .frequency-cap = got marketing recently (frequency cap)
    .unreachable = not on WhatsApp
    .no-address = no number to write to
    .duplicate = listed twice
    .variables = missing a value
    .cancelled = campaign cancelled
    .erased = data erased on request
recipient-states =
    .queued = Waiting
    .sending = Sending
    .sent = Sent
    .delivered = Delivered
    .read = Read
    .replied = Replied
    .failed = Failed
    .skipped = Left out
    .limited = Limited by WhatsApp
    .opted-out = Opted out
conversation-states =
    .bot = With the bot
    .open = With the team
    .snoozed = Snoozed
    .resolved = Resolved
    .never = Never wrote
outcomes =
    .received = received it
    .read = read it
    .replied = replied
    .not-read = did not read it
    .limited = was limited by WhatsApp
operators =
    .equals = is
    .contains = contains
    .present = is set
    .absent = is empty
    .before = is a date before
    .after = is a date after
    .above = is a number above
    .below = is a number below
sources =
    .first-name = First name
    .name = Full name
    .phone = Phone number
    .attribute = Contact attribute
    .fixed = The same text for all
    .column = A column of the list
slot-parts =
    .header = header
    .body = text
    .button = button link
    .code = coupon code
# Variables: $status
stop-template = Stopped by the desk: WhatsApp set the template to { $status }. Resume once it is approved again.
# Variables: $rating
stop-quality = Stopped by the desk: your number's quality dropped to { $rating }.
# Variables: $code
stop-meta-limit = Stopped by the desk: WhatsApp said the number reached a limit ({ $code }).
problem-name-missing = Give the campaign a name.
problem-name-too-long = The name is too long.
problem-segment-name-taken = A segment with that name exists.
# Variables: $n
problem-attribute-key = Attribute condition { $n } needs the attribute's name.
# Variables: $n
problem-attribute-value = Attribute condition { $n } needs a value of the right kind (a date as YYYY-MM-DD, or a number).
# Variables: $code
problem-country = “{ $code }” is not a country code.
problem-days = The number of days must be between 1 and 3650.
# Variables: $value
problem-unmapped = Say where { $value } comes from.
# Variables: $value
problem-empty-fixed = Write the text for { $value }.
problem-header-media = This template needs an image, video or document header; campaigns cannot send those yet.
problem-template-category = Campaigns send marketing or utility templates.
problem-start-malformed = The start is not a date and time.
problem-start-past = The start is in the past.
problem-start-too-far = The start is more than a year ahead.
problem-quiet-hours = Quiet hours must start and end at different times.
# Variables: $max
problem-rate = At most { $max } messages per second: the rest is kept for agents' replies.
problem-no-recipients = Nobody would get this campaign: everyone in the audience is left out.
# Variables: $recipients, $left
problem-over-limit = { $recipients } recipients, but only { $left } are left of the messaging limit.
# Variables: $state
problem-not-now = Not possible while the campaign is { $state }.
# Variables: $when
problem-cool-down = WhatsApp asks to wait 24 hours before writing again to those it limited: possible from { $when }.
problem-frequency-cap = The frequency cap is at most 744 hours (a month).
problem-reserved = At most { $max } % of the throughput can be kept for people.

## Lists (CSV)
column-name = Column name
audience-from-filter = People matching a filter
audience-from-list = A list (CSV file)
list-upload = Upload a CSV file
list-hint = One row per person: a phone column (phone, teléfono, telefone…) or a WhatsApp user id (bsuid), an optional name column; any other column can fill the template's values. Numbers without + are read in your business's country.
list-opted-in = Everyone in this file agreed to receive our marketing messages (recorded as their opt-in, source: import; never over an opt-out)
# Variables: $percent
list-uploading = Reading the file… { $percent } %
list-earlier = Or use an earlier list
list-none = No list chosen yet.
# Variables: $accepted, $created, $rejected
list-summary = Accepted: { $accepted } · new contacts: { $created } · rejected rows: { $rejected }
# Variables: $columns
list-columns = Columns for the template: { $columns }
list-rejected-title = Rejected rows
list-line = Line
list-why = Why
list-download-rejected = Download the rejected rows (CSV)
list-empty = The file is empty: it needs a header row and at least one person.
list-not-csv = This is not a CSV text file (save it from your spreadsheet as “CSV UTF-8”).
# Variables: $mb
list-too-large = The file is larger than { $mb } MB.
# Variables: $max
list-too-many-rows = A list takes at most { $max } people.
# Variables: $max
list-too-many-columns = A list takes at most { $max } columns.
list-no-address-column = No column with the phone number (phone, teléfono, telefone…) or the WhatsApp user id (bsuid).
# Variables: $name
list-duplicate-column = Two columns are called “{ $name }”.
# Variables: $expected, $got
row-fields = { $got } fields where the header has { $expected }
row-no-address = No phone number and no WhatsApp user id
row-phone-malformed = The phone is not a phone number
row-phone-invalid = The phone number is not valid in its country
row-user-id = Not a WhatsApp user id (like US.1234…)
# Variables: $line
row-duplicate = The same person as line { $line }
# Variables: $column
row-too-long = “{ $column }” is too long
