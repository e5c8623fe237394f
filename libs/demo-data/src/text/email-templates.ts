/**
 * Email bodies by category. Placeholders: {first} the recipient's first name, {company} the contact's
 * company, {product} a product name, {day} a weekday, {time} a time of day, {competitor} a rival,
 * {seats} a seat count, {amount} a price, {month} a month name, {topic} what the contact cares about.
 */

export type EmailSentiment = 'positive' | 'neutral' | 'negative';
export type OutboundCategory =
  | 'outreach' | 'follow_up' | 'meeting_request' | 'proposal' | 'pricing_info' | 'onboarding' | 'check_in' | 'contract';
export type InboundCategory =
  | 'interested' | 'pricing_question' | 'meeting_request' | 'question' | 'objection' | 'not_interested'
  | 'complaint' | 'praise' | 'out_of_office' | 'unsubscribe';
export type EmailCategory = OutboundCategory | InboundCategory;

export interface EmailTemplate {
  subject: string;
  body: string;
  sentiment: EmailSentiment;
}

export const OUTBOUND_TEMPLATES: Record<OutboundCategory, readonly EmailTemplate[]> = {
  outreach: [
    { subject: 'Quick question about {topic} at {company}', sentiment: 'neutral', body: 'I noticed {company} has been growing its sales team and wondered how you handle {topic} today.\n\nTeams like yours use {product} to cut the time reps spend on admin by about a third. Would a 20-minute call next week be useful?' },
    { subject: '{company} + Syntroph', sentiment: 'positive', body: 'Thanks for downloading our guide on {topic}. A lot of readers ask how the ideas translate into their own CRM, so I thought I would reach out directly.\n\nHappy to walk you through how other teams in your industry set this up. Does {day} work for a short call?' },
    { subject: 'Ideas for {topic}', sentiment: 'neutral', body: 'We work with several companies similar to {company} on {topic}. The common thread: pipeline data spread across spreadsheets and nobody trusting the forecast.\n\nIf that sounds familiar, I would love to show you what we built. If not, no worries at all.' },
  ],
  follow_up: [
    { subject: 'Following up', sentiment: 'neutral', body: 'Just bubbling this up in case it got buried. Is {topic} still on your list for this quarter?' },
    { subject: 'Re: next steps', sentiment: 'positive', body: 'Great speaking with you earlier. As promised, here is a short recap:\n\n- Your main goal is better visibility on {topic}\n- You are evaluating options until the end of {month}\n- Next step: a tailored demo with your team\n\nLet me know if I missed anything.' },
    { subject: 'Checking in', sentiment: 'neutral', body: 'I have not heard back and do not want to be a pest. Should I close the file for now, or is there a better time to reconnect?' },
    { subject: 'The case study I mentioned', sentiment: 'positive', body: 'Here is the case study I mentioned on our call: a company of about your size moved their whole team over in six weeks and now runs their forecast from {product}.\n\nHappy to connect you with their sales ops lead if a reference call would help.' },
  ],
  meeting_request: [
    { subject: 'Demo on {day}?', sentiment: 'positive', body: 'Would {day} at {time} work for a demo of {product}? I will tailor it to {topic} and keep it to 45 minutes.\n\nFeel free to invite anyone else who should see it.' },
    { subject: 'Quick call on {day}?', sentiment: 'neutral', body: 'Would you have 20 minutes on {day} to talk through your requirements? I would like to make sure the demo focuses on what matters to {company}.' },
  ],
  proposal: [
    { subject: 'Time to review the proposal', sentiment: 'neutral', body: 'Could we find 30 minutes this week to go through the proposal together? I am free {day} afternoon or any time Thursday.' },
    { subject: 'Proposal for {company}', sentiment: 'positive', body: 'Please find our proposal for {company} attached. In short: {product} for {seats} users, onboarding included, at {amount} per year.\n\nThe pricing is valid until the end of {month}. I am happy to walk your finance team through it.' },
    { subject: 'Revised proposal', sentiment: 'neutral', body: 'As discussed, I have revised the proposal: the add-ons are now optional line items and the first year includes premium support at no extra cost. The new total is {amount} per year.' },
  ],
  pricing_info: [
    { subject: 'Pricing details', sentiment: 'neutral', body: 'You asked about pricing: {product} is billed per seat, annually. For {seats} users you would be looking at roughly {amount} per year before any discount.\n\nVolume tiers start at 50 seats.' },
  ],
  onboarding: [
    { subject: 'Welcome to Syntroph!', sentiment: 'positive', body: 'Welcome aboard! Your workspace is ready. Our onboarding team will reach out within two business days to schedule the kickoff.\n\nIn the meantime, the getting-started guide covers data import and user setup.' },
    { subject: 'Kickoff agenda', sentiment: 'positive', body: 'Looking forward to our kickoff on {day}. Agenda:\n\n1. Goals and success criteria\n2. Data migration plan\n3. Training schedule\n4. Go-live date' },
  ],
  check_in: [
    { subject: 'How is everything going?', sentiment: 'neutral', body: 'It has been a few months since go-live, so I wanted to check in. How is the team finding {product}? Anything we could do better?' },
    { subject: 'Quarterly review', sentiment: 'positive', body: 'Time for our quarterly review! I have pulled usage numbers for your team: adoption is up and the forecast module is used weekly. Could we meet on {day} to go through them?' },
  ],
  contract: [
    { subject: 'Contract for signature', sentiment: 'positive', body: 'The order form is ready for signature. Once signed, we will kick off onboarding the following week.\n\nLet me know if legal has any last comments.' },
  ],
};

export const INBOUND_TEMPLATES: Record<InboundCategory, readonly EmailTemplate[]> = {
  interested: [
    { subject: 'Re: {topic}', sentiment: 'positive', body: 'Thanks for reaching out, the timing is actually good. We have been struggling with {topic} for a while. Can you send me some times next week?' },
    { subject: 'Re: demo', sentiment: 'positive', body: 'Hi, yes, this sounds interesting. I would like to include our head of sales ops as well. Tuesday or Wednesday afternoon would be best for us.' },
    { subject: 'Interested in {product}', sentiment: 'positive', body: 'We are looking at replacing our current setup before the end of {month}. Could you tell me more about how {product} handles multiple sales teams?' },
  ],
  pricing_question: [
    { subject: 'Pricing question', sentiment: 'neutral', body: 'Could you send me pricing for about {seats} users? We would also need the ERP connector. Is there a discount for a two-year commitment?' },
    { subject: 'Re: proposal', sentiment: 'neutral', body: 'Thanks for the proposal. Before I take it to our CFO: what is included in the onboarding package, and are there any setup fees we should expect?' },
    { subject: 'Cost for {company}', sentiment: 'neutral', body: 'Quick one: what would it cost to add forecasting for our {seats} reps? Our budget for this year is fairly tight.' },
  ],
  meeting_request: [
    { subject: 'Can we meet?', sentiment: 'positive', body: 'Could we set up a call this week? Our VP wants to see a demo before we go further. {day} at {time} would work.' },
    { subject: 'Follow-up meeting', sentiment: 'neutral', body: 'Can we schedule a follow-up with our IT team? They have questions about security and data residency.' },
  ],
  question: [
    { subject: 'Question about integrations', sentiment: 'neutral', body: 'Does {product} integrate with our email and calendar out of the box? And can we keep our custom fields when we migrate?' },
    { subject: 'Data migration', sentiment: 'neutral', body: 'How long does a migration typically take for around 50,000 records? We would like to go live before {month}.' },
  ],
  objection: [
    { subject: 'Re: proposal', sentiment: 'negative', body: 'Honestly, the price is well above what we budgeted. {competitor} quoted us about 30% less for a similar package. Is there any flexibility?' },
    { subject: 'Concerns', sentiment: 'negative', body: 'Our IT team is worried about the migration effort. We just finished a big project and people are not keen on another change this year.' },
    { subject: 'Re: next steps', sentiment: 'neutral', body: 'We like the product, but we are not sure we need the analytics add-on yet. Could we start smaller and expand later?' },
  ],
  not_interested: [
    { subject: 'Re: {topic}', sentiment: 'negative', body: 'Thanks, but we are not looking to change anything right now. We just renewed with {competitor}.' },
    { subject: 'Not a priority', sentiment: 'negative', body: 'We have decided to put this project on hold. Budget has been reallocated and it will not come back before next year.' },
  ],
  complaint: [
    { subject: 'Problems since the update', sentiment: 'negative', body: 'Since last week\'s update our reports load extremely slowly and two of my reps lost their saved views. This is really frustrating during quarter-end. What is going on?' },
    { subject: 'Unhappy with support', sentiment: 'negative', body: 'I have had a ticket open for nine days without a real answer. For what we pay, I expected better. Can someone senior call me?' },
    { subject: 'Invoice issue', sentiment: 'negative', body: 'We were charged for {seats} seats but we only have about half that many active users. Please correct the invoice.' },
  ],
  praise: [
    { subject: 'Thank you!', sentiment: 'positive', body: 'Just wanted to say thank you. The team has really taken to the new pipeline view, and our forecast call went from an hour to twenty minutes.' },
    { subject: 'Great onboarding', sentiment: 'positive', body: 'Kudos to your onboarding team, the migration was smoother than any project I have run. Happy to be a reference.' },
  ],
  out_of_office: [
    { subject: 'Automatic reply: {topic}', sentiment: 'neutral', body: 'I am out of the office until {day} with limited access to email. For urgent matters please contact our office team.' },
    { subject: 'Out of office', sentiment: 'neutral', body: 'Thank you for your message. I am currently on leave and will return on {day}. Your email will not be forwarded.' },
  ],
  unsubscribe: [
    { subject: 'Unsubscribe', sentiment: 'negative', body: 'Please remove me from your mailing list.' },
    { subject: 'Re: {topic}', sentiment: 'negative', body: 'Please stop emailing me. I have asked before. Take me off all your lists.' },
  ],
};

export const TOPICS = [
  'pipeline visibility', 'sales forecasting', 'lead routing', 'CRM adoption', 'account planning',
  'renewal tracking', 'reporting for the board', 'territory planning',
] as const;
