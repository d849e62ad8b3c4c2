## The console's "New conversation" dialog and the contact panel's consent section.

new-conversation = New conversation
new-conversation-hint = Write first to a customer: a contact or any WhatsApp number (shortcut: c)
to = To
search-placeholder = Name, phone or username
country = Country
write-to-number = Write to { $number }
no-matches = Nobody found. Type a full number to write to it.
not-a-number = Not a valid number for this country yet.
change-recipient = Change
already-open = { $name } already has an open conversation.
open-it = Open it
window-open = Their 24-hour window is open: you may write freely.
window-closed = Outside the 24-hour window only an approved template can start the conversation.
unreachable = WhatsApp said this number cannot receive messages. It may not be on WhatsApp.
message = Message
send = Send
sending = Sending…
cancel = Cancel
new-number = New number

## The contact panel's consent section.
consent-history = Consent history
consent-change = Change
consent-record = Record consent
consent-reason = Reason (required)
consent-reason-placeholder = e.g. Asked by phone on 3 May to receive offers
consent-save = Save
consent-none = No changes recorded yet.
# The source of a consent change.
consent-source =
    .keyword = keyword
    .button = button
    .form = form
    .import = import
    .agent = agent
    .api = API
    .whatsapp = WhatsApp setting
    .meta-refusal = WhatsApp refused a marketing message
unreachable-contact = Not on WhatsApp?
unreachable-contact-hint = WhatsApp said this number cannot receive messages (131026).
