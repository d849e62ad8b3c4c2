warning-minutes = Warning time
console-settings = Console
console-settings-hint = How the agent console behaves for the whole team.
warning-label = Warn agents when a customer's 24-hour window closes within (minutes)
err-not-failed = This message did not fail, so there is nothing to retry.
err-already-retried = This message was already sent again; see the newer copy below.
err-already-open = This customer already has another open conversation. Continue there.
err-label-name-taken = A label with this name already exists (names are compared ignoring upper and lower case).
err-shortcut-taken = Another quick reply in the same list already uses this shortcut.
err-already-taken = Someone else took this conversation a moment before you.
err-already-taken-by = { $name } took this conversation a moment before you.
err-not-assignee = This conversation is assigned to { $name }. Only { $name } or a supervisor can write to the customer; you can still add a private note.
# Variables: $name, $capacity
err-at-capacity = { $name } already has { $capacity } open conversations, their capacity. Choose someone else or raise their capacity.
field-label-name = Label name
field-label-description = Description
field-label-color = Colour
field-shortcut = Shortcut
field-quick-reply-title = Title
field-quick-reply-body = Text
field-snooze-until = Snooze until
field-token-name = Token name
err-not-with-bot = This conversation is no longer with the bot: an agent has it now.
err-webhook-private = This URL points to a private or local network address. Tick "Allow private network addresses" only if the receiver really runs inside your network.
err-webhook-unresolvable = The host in this URL could not be found. Check the address.
field-webhook-url = Webhook URL
field-webhook-events = Events
field-attributes = Contact details
field-cursor = Page
field-consent-note = Reason
field-country = Country
field-effective-date = First day
field-currency = Currency
err-window-closed-at = The 24-hour window with this customer closed at { $at }. Only an approved template can be sent until they write again.
err-marketing-opted-out = This customer stopped marketing messages from us, so marketing templates can't be sent to them. Choose a utility template.
err-marketing-needs-opt-in = The team sends marketing only to customers who opted in, and this customer has not. Record their opt-in first (contact panel), or choose a utility template.
# Variables: $max (a number)
err-consent-too-many-keywords = A keyword list may hold at most { $max } words.
# Variables: $keyword, $max (a number)
err-consent-keyword-too-long = “{ $keyword }” is too long for a keyword (at most { $max } characters).
err-consent-keyword-in-both = “{ $keyword }” is both a stop and a start keyword: keep it in one list.
# Variables: $max (a number)
err-consent-reply-too-long = A confirmation reply may have at most { $max } characters.
err-template-unavailable = This template can't be sent right now (status: { $status }). Choose another one or ask an admin to sync templates.
# Variables: $slot, $problem
err-template-value = { $slot }: { $problem }
slot-header = Header
slot-body = Message text
slot-header-file = Header file
slot-link = Link ending
slot-code = Coupon code
tp-missing = fill this in
tp-too-long = at most { $max } characters
tp-whitespace = no line breaks, tabs or runs of more than 4 spaces (WhatsApp refuses them in templates)
tp-not-url = no spaces: this becomes part of a web address
tp-part-too-long = too long once filled in (WhatsApp allows { $max } characters)
tp-media-missing =
    this template needs { $kind ->
        [image] an image
        [video] a video
       *[other] a document
    } in its header
err-window-closed = The 24-hour window with this customer is closed. Only an approved template can be sent now.
err-not-yours = This conversation is assigned to a colleague, so you can't open it.
err-media-refused = WhatsApp won't accept this file:
err-whatsapp = WhatsApp refused it
sign-in-title = Sign in to Buzón
sign-in-subtitle = Your team's shared WhatsApp inbox
email = Email
password = Password
sign-in = Sign in
signing-in = Signing in…
sign-out = Sign out
inbox = Inbox
dashboard = Dashboard
reports = Reports
campaigns = Campaigns
contacts = Contacts
labels = Labels
quick-replies = Quick replies
templates = Templates
bot = Bot
err-sku-taken = Another product already has this SKU.
err-bot-off = The bot is switched off, so the conversation cannot go back to it. An admin can switch it on in Bot.
settings = Settings
integrations = Integrations
costs = Costs
contact-settings = Contact data
users = Users
audit = Audit log
account = My account
menu = Menu
forbidden-title = You don't have access to this page
forbidden-body = Your role ({ $role }) can't open this page. Ask an admin if you need it.
not-found-title = Page not found
not-found-body = There is nothing at this address.
back-to-inbox = Back to the inbox
loading = Loading…
role-agent = Agent
role-supervisor = Supervisor
role-admin = Admin
users-subtitle = Who can sign in to the desk, and what they may do.
add-user = Add a user
name = Name
name-hint = Shown to colleagues
role = Role
capacity = Capacity
capacity-hint = Most open chats at once
status = Status
actions = Actions
active = Active
disabled = Disabled
disable = Disable
enable = Enable
reset-password = Reset password
new-password = New password
create-user = Create user
save = Save
cancel = Cancel
you = you
user-created = { $email } can now sign in.
saved = Saved.
password-was-reset = New password set for { $email }. Their sessions were ended.
confirm-disable = Disable { $email }? They are signed out at once.
templates-subtitle = The WhatsApp Business Account's message templates. Only approved ones can be sent.
sync-now = Sync now
syncing = Syncing…
last-synced = Last synced { $at }
never-synced = Not synced yet
sync-failed = The last sync failed: { $why }
no-templates = No templates yet. Create them in Meta's WhatsApp Manager, then sync.
only-approved = Agents are offered approved templates only.
quality = Quality
rejected-because = Rejected: { $r }
# $status is Meta's status code (APPROVED, PENDING…); unknown ones are shown as they come.
template-status =
    { $status ->
        [APPROVED] Approved
        [PENDING] Pending review
        [REJECTED] Rejected
        [PAUSED] Paused
        [DISABLED] Disabled
        [DELETED] Deleted
        [IN_APPEAL] In appeal
       *[other] { $status }
    }
settings-subtitle = How the desk is connected to WhatsApp. Values come from the server's configuration.
whatsapp-connection = WhatsApp connection
webhook = Webhook
phone-number-id = Phone number ID
business-account-id = Business account ID
graph-api = Graph API
access-token = Access token
app-secret = App secret
verify-token = Verify token
webhook-url = Callback URL
webhook-url-hint = Give Meta this URL (served over HTTPS) and the verify token in the App Dashboard.
webhooks-received = Deliveries since start
last-webhook = Last delivery
never = never
not-set = not set
# Variables: $at, $what
last-problem = Last problem ({ $at }): { $what }
check-connection = Check connection
checking = Checking…
phone = Phone number
message = Message
test-message = Send a test message
test-message-hint = Free text can only go to a number that wrote to you within the last 24 hours (WhatsApp's rule); Buzón refuses it otherwise. Use the console's templates to write first.
send-test = Send
refresh-status = Refresh status
# Variables: $id, $status
test-message-status = Message #{ $id }: { $status }
account-subtitle = Your password, language and time zone.
change-password = Change password
current-password = Current password
password-changed = Password changed.
language = Language
err-invalid-credentials = Wrong email or password.
err-account-disabled = This account is disabled. Ask an admin to enable it.
err-throttled = Too many attempts. Try again in { $s } seconds.
err-busy = The desk is very busy right now. Try again in { $s } seconds.
err-unauthenticated = Your session has ended. Please sign in again.
err-forbidden = Your role doesn't allow this.
err-not-found = That no longer exists. Reload the page.
err-email-taken = A user with that email already exists.
err-last-admin = The desk needs at least one active admin. Make someone else admin first.
err-own-account = You can't do that to your own account.
err-read-only = The database is read-only, so nothing was saved. Tell your administrator.
err-unavailable = The database is busy or unreachable, so nothing was saved. Try again in a moment.
err-internal = Something went wrong on the server. Nothing was saved; try again.
err-request = Couldn't reach the server. Check your connection and try again.
problem-empty = { $f } is required.
# Variables: $f, $n
problem-too-short = { $f } must have at least { $n } characters.
# Variables: $f, $n
problem-too-long = { $f } can have at most { $n } characters.
problem-malformed = { $f } doesn't look right.
# Variables: $f, $n
problem-out-of-range = { $f } must be between 0 and { $n }.

## What a WhatsApp (Meta) error code means, shown under the code.
meta-131047 = More than 24 hours passed since the customer last wrote. Send an approved template instead.
meta-131026 = The message could not be delivered: the number may not be on WhatsApp, or the customer must accept new terms.
meta-131051 = WhatsApp does not support this kind of message.
meta-131052 = WhatsApp could not process the file. Try another format or a smaller file.
meta-131056 = Too many messages to this customer in a short time. Wait a moment and retry.
meta-130429 = WhatsApp is limiting how fast this number sends. Retry in a moment.
meta-131049 = WhatsApp chose not to deliver this marketing message to keep engagement healthy.
meta-131050 = The customer stopped marketing messages from this business.
meta-window-expired = Not sent: the customer's 24-hour window closed while this message waited to go out. Send an approved template instead.
meta-132000 = The template's values do not match what the template expects. Sync templates and try again.
meta-132001 = This template does not exist in this language or is not approved.
meta-132005 = The template is too long once filled in. Shorten the values.
meta-132007 = WhatsApp found the filled-in template against its policy.
meta-132008 = A value has the wrong format for this template (for example the header file type).
meta-132015 = The template is paused because of low quality. Choose another template.
meta-132016 = The template was disabled by WhatsApp for low quality. Choose another template.
meta-132018 = A template value contains something WhatsApp refuses (line breaks, tabs or long runs of spaces).
meta-token = The WhatsApp connection's access token is invalid or lacks permission. Tell an admin.
meta-other = WhatsApp could not deliver this message.

## Dates and relative times.
# Short month names, January to December.
months-short =
    .jan = Jan
    .feb = Feb
    .mar = Mar
    .apr = Apr
    .may = May
    .jun = Jun
    .jul = Jul
    .aug = Aug
    .sep = Sep
    .oct = Oct
    .nov = Nov
    .dec = Dec
# A date. $day and $year are digits, $month a short month name from above.
# Variables: $day, $month, $year
date = { $month } { $day }, { $year }
# A date with a time (24-hour, e.g. 14:05).
# Variables: $date, $time
date-time = { $date }, { $time }
relative-now = just now
relative-minutes = { $n } min ago
relative-hours = { $n } h ago
relative-days =
    { $n ->
        [one] 1 day ago
       *[other] { $n } days ago
    }

## Why a file cannot go to WhatsApp (after "WhatsApp won't accept this file:").
media-empty = the file is empty.
media-unsupported-type = WhatsApp does not take { $mime } files.
# $kind is image, video, audio, document, sticker or other; $mb a number of megabytes.
# Variables: $kind, $mb
media-too-large =
    { $kind ->
        [image] images can have { $mb } MB at most.
        [video] videos can have { $mb } MB at most.
        [audio] audio files can have { $mb } MB at most.
        [sticker] stickers can have { $mb } MB at most.
        [document] documents can have { $mb } MB at most.
       *[other] the file is larger than WhatsApp takes ({ $mb } MB at most).
    }
media-incomplete = the file did not arrive whole. Try again.
media-not-for-header = a template header takes an image (JPEG, PNG), a video (MP4) or a document (PDF…), not { $mime }.
# $needs and $got are image, video or document.
# Variables: $needs, $got
media-wrong-header-kind =
    the template's header needs { $needs ->
        [image] an image
        [video] a video
       *[document] a document
    }, not { $got ->
        [image] an image
        [video] a video
       *[document] a document
    }.
media-expired = WhatsApp keeps uploaded files for 30 days and this one is older. Upload it again.
media-caption-too-long = the caption is longer than { $max } characters.

## The WhatsApp connection (Settings): the check and the problem log.
connected =
    { $templates ->
        [one] Connected: the business account answers (1 template on the first page).
       *[other] Connected: the business account answers ({ $templates } templates on the first page).
    }
link-template-sync = Syncing templates failed.
link-media-upload = Uploading a file to WhatsApp failed.
link-webhook-signature = A delivery with a bad or missing signature was refused (check WHATSAPP_APP_SECRET).
link-webhook-malformed = A delivery that is not WhatsApp's format was refused.
link-webhook-not-saved = A delivery could not be saved; WhatsApp will send it again.
link-connection-check = The connection check failed.

## Account: the time zone times are shown in.
time-zone = Time zone
# $zone is the zone in use now, like America/Mexico_City.
time-zone-hint = Times in the desk are shown in { $zone }. Leave the field empty to follow the business's time zone (Reports settings).
time-zone-own = My time zone
time-zone-business = The business's time zone

## Durations, percentages and money in reports and on the dashboard. Numbers arrive formatted.
duration-under-minute = <1 min
duration-minutes = { $m } min
duration-hours = { $h } h
# Variables: $h, $m
duration-hours-minutes = { $h } h { $m } min
duration-days = { $d } d
# Variables: $d, $h
duration-days-hours = { $d } d { $h } h
percent = { $n }%
# $amount is already written with this language's separators; $currency is a code like USD.
# Variables: $amount, $currency
money = { $amount } { $currency }
