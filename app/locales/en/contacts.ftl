subtitle = Everyone who wrote to the number or was added to it. Search, filter and open a contact's page.
search = Search
search-hint = Name, number, username or an attribute value
sort = Order
sorts =
    .last-contact = Last message first
    .newest = Newest first
    .name = Name A–Z
blocked-filters =
    .any = Blocked included
    .only = Only blocked
    .hidden = Without blocked
label = Label
any-label = Any label
consent = Marketing
any-consent = Any consent
consents =
    .unknown = Not asked
    .opted-in = Opted in
    .opted-out = Opted out
country = Country
country-hint = ES, BR…
last-contact = Last message
last-contacts =
    .any = Any time
    .within-7 = In the last 7 days
    .within-30 = In the last 30 days
    .within-90 = In the last 90 days
    .not-within-90 = Not in the last 90 days
attribute = Attribute
any-attribute = Attribute…
attribute-value = contains…
export = Export CSV
col-name = Name
col-phone = Number
col-labels = Labels
col-marketing = Marketing
col-last = Last message
blocked = Blocked
never = Never
empty = No contact matches.
more = Show more
loading = Loading…
back = ← All contacts
identities = WhatsApp identities
phone = Number
bsuid = WhatsApp user id
username = Username
added = Added
writes-in = Writes in
attributes = Attributes
add-attribute = + Other attribute
attribute-name = Name
save = Save
saved = Saved
labels = Labels
no-labels = No label on their conversations.
conversations = Conversations
no-conversations = No conversation yet.
# Variables: $count
messages-count = { $count ->
    [one] { $count } message
   *[other] { $count } messages
}
open = Open
unassigned = Unassigned
campaigns = Campaigns
no-campaigns = No campaign went to them.
consent-history = Marketing consent history
no-consent-history = No change recorded.
new-conversation = New conversation
block = Block
unblock = Unblock
block-confirm = Block this contact? Their messages are kept but raise no notification and stay out of the queue.
# Variables: $when, $who
blocked-since = Blocked since { $when } by { $who }.
# Variables: $when
blocked-since-unknown = Blocked since { $when }.
yes = Yes
no = No
value-problems =
    .not-a-number = must be a number
    .not-a-date = must be a date (YYYY-MM-DD)
    .not-yes-no = must be yes or no
    .not-an-option = must be one of its options
    .too-long = is too long (500 characters at most)
    .bad-key = needs a name of at most 60 characters
    .too-many = too many
# Variables: $attribute, $problem
attribute-refused = “{ $attribute }” { $problem }.
# Variables: $max
too-many-attributes = A contact keeps at most { $max } attributes.
# Variables: $row
definition-key = Attribute { $row }: the key takes lower-case letters, digits and _ (40 at most) and cannot start with a digit.
# Variables: $row
definition-duplicate = Attribute { $row }: another attribute has this key.
# Variables: $row
definition-label = Attribute { $row }: it needs a label (60 characters at most).
# Variables: $row
definition-options = Attribute { $row }: a list needs options, all different, of 60 characters at most (50 options at most).
# Variables: $max
definition-too-many = At most { $max } attributes.
retention-range = Keep messages between 1 and 3,650 days, or forever.
settings-subtitle = What the desk records about customers, and how it protects it.
definitions = Custom attributes
definitions-hint = Typed fields on every contact. Agents, imports and the API must write values of the right type; segments, template variables and quick replies use them.
key = Key
definition-label-column = Label
kind = Type
kinds =
    .text = Text
    .number = Number
    .date = Date
    .yes-no = Yes / no
    .choice = One of a list
options = Options, separated by commas
add-definition = + Attribute
remove = Remove
no-definitions = No custom attribute yet.
protection = Data protection
mask-numbers = Mask customers' numbers for agents
mask-hint = Agents read +34 6•• ••• •12 everywhere (list, conversation, contact, search, API). Supervisors and admins read the full number.
retention = Keep messages and media
keep-forever = Forever
keep-for = For a number of days
retention-days = Days
retention-hint = Every day, messages and media older than this are deleted. Contacts, their consent history and the audit log stay.
# Variables: $when, $messages, $media
last-run = Last run { $when }: { $messages } messages and { $media } files deleted.
# Variables: $when
next-run = Next run: { $when }.
never-run = Not run yet.
settings-saved = Saved.
erase = Erase contact…
erase-title = Erase this contact for good
# Variables: $messages, $conversations
erase-what = Deletes { $messages } messages in { $conversations } conversations with their files, the contact's number, WhatsApp identities, attributes, labels on their lists and consent history.
erase-queue = Replies waiting to be sent and campaign messages not sent yet are dropped. Reports keep anonymous counts; the audit log records the erasure by contact number only.
erase-irreversible = This cannot be undone.
erase-for-good = Erase for good
keep = Keep the contact
export-data = Export data (ZIP)
