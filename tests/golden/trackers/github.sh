#!/bin/sh
# The roadmap's planned work as GitHub issues, made by roadmap-gen (export --format github).
#
# Read it before you run it. It only calls the GitHub CLI (gh):
#   1. gh label create --force: the label 'roadmap-gen' and one 'rg-<item id>' label per item;
#   2. gh issue create: one issue per item, unless an issue with its rg- label exists already
#      (open or closed), so running it twice makes no second issue.
# Every title, description and label is a single-quoted word: nothing in them is run.
#
# Run it in a clone of the repository, or name one: GH_REPO=owner/name sh THIS-FILE
# Statuses come back with:
#   gh issue list --label roadmap-gen --state all --limit 1000 \
#     --json number,title,state,labels > issues.json
#   roadmap-gen track issues.json
set -eu

if ! command -v gh >/dev/null 2>&1; then
  echo "the GitHub CLI (gh) is not installed: see https://cli.github.com, then run this again" >&2
  exit 1
fi

# has_issue LABEL: true when an issue (open or closed) carries LABEL. When gh cannot say
# (no network, not logged in), stop: making the issue anyway could make it twice.
has_issue() {
  found=$(gh issue list --label "$1" --state all --limit 1 --json number --jq '.[].number') || {
    echo "gh issue list failed: stopped, so that no issue is made twice; run this again" >&2
    exit 1
  }
  [ -n "$found" ]
}

# 1. Labels
gh label create --force 'roadmap-gen' --color 5319e7 --description 'Planned work from the roadmap'
gh label create --force 'rg-allocate-named-time' --color ededed --description 'roadmap item allocate-named-time'
gh label create --force 'rg-arrange-operational-backfill' --color ededed --description 'roadmap item arrange-operational-backfill'
gh label create --force 'rg-observe-user-journeys' --color ededed --description 'roadmap item observe-user-journeys'
gh label create --force 'rg-publish-practice-raci' --color ededed --description 'roadmap item publish-practice-raci'
gh label create --force 'rg-ward-floor-walks' --color ededed --description 'roadmap item ward-floor-walks'
gh label create --force 'rg-write-decision-rights' --color ededed --description 'roadmap item write-decision-rights'
gh label create --force 'rg-add-data-quality-checks' --color ededed --description 'roadmap item add-data-quality-checks'
gh label create --force 'rg-category-clinic' --color ededed --description 'roadmap item category-clinic'
gh label create --force 'rg-measure-bypass-contacts' --color ededed --description 'roadmap item measure-bypass-contacts'
gh label create --force 'rg-name-internal-practice-owners' --color ededed --description 'roadmap item name-internal-practice-owners'
gh label create --force 'rg-report-data-completeness' --color ededed --description 'roadmap item report-data-completeness'
gh label create --force 'rg-report-first-contact-resolution' --color ededed --description 'roadmap item report-first-contact-resolution'
gh label create --force 'rg-standardise-ticket-categories' --color ededed --description 'roadmap item standardise-ticket-categories'
gh label create --force 'rg-transfer-documents-to-staff' --color ededed --description 'roadmap item transfer-documents-to-staff'
gh label create --force 'rg-add-user-pulse-survey' --color ededed --description 'roadmap item add-user-pulse-survey'
gh label create --force 'rg-approve-phase-budget' --color ededed --description 'roadmap item approve-phase-budget'
gh label create --force 'rg-assign-feedback-owners' --color ededed --description 'roadmap item assign-feedback-owners'
gh label create --force 'rg-follow-up-low-scores' --color ededed --description 'roadmap item follow-up-low-scores'
gh label create --force 'rg-fund-training-and-coaching' --color ededed --description 'roadmap item fund-training-and-coaching'
gh label create --force 'rg-run-user-experience-survey' --color ededed --description 'roadmap item run-user-experience-survey'
gh label create --force 'rg-set-feedback-response-rule' --color ededed --description 'roadmap item set-feedback-response-rule'
gh label create --force 'rg-write-resource-plan' --color ededed --description 'roadmap item write-resource-plan'
gh label create --force 'rg-control-scope-changes' --color ededed --description 'roadmap item control-scope-changes'
gh label create --force 'rg-involve-staff-in-design' --color ededed --description 'roadmap item involve-staff-in-design'
gh label create --force 'rg-link-goals-to-vision' --color ededed --description 'roadmap item link-goals-to-vision'
gh label create --force 'rg-name-trained-deputies' --color ededed --description 'roadmap item name-trained-deputies'
gh label create --force 'rg-remove-unneeded-process-steps' --color ededed --description 'roadmap item remove-unneeded-process-steps'
gh label create --force 'rg-align-providers-on-processes' --color ededed --description 'roadmap item align-providers-on-processes'
gh label create --force 'rg-reference-processes-in-contracts' --color ededed --description 'roadmap item reference-processes-in-contracts'
gh label create --force 'rg-request-catalogue-cleanup' --color ededed --description 'roadmap item request-catalogue-cleanup'
gh label create --force 'rg-require-integration-in-contracts' --color ededed --description 'roadmap item require-integration-in-contracts'
gh label create --force 'rg-revisit-roadmap-quarterly' --color ededed --description 'roadmap item revisit-roadmap-quarterly'
gh label create --force 'rg-add-role-training-to-onboarding' --color ededed --description 'roadmap item add-role-training-to-onboarding'
gh label create --force 'rg-report-goal-metrics-monthly' --color ededed --description 'roadmap item report-goal-metrics-monthly'
gh label create --force 'rg-report-to-executive-board' --color ededed --description 'roadmap item report-to-executive-board'
gh label create --force 'rg-write-metric-definitions' --color ededed --description 'roadmap item write-metric-definitions'
gh label create --force 'rg-write-role-training-plan' --color ededed --description 'roadmap item write-role-training-plan'
gh label create --force 'rg-build-shared-dashboard' --color ededed --description 'roadmap item build-shared-dashboard'
gh label create --force 'rg-log-concerns-and-answers' --color ededed --description 'roadmap item log-concerns-and-answers'
gh label create --force 'rg-name-change-leads' --color ededed --description 'roadmap item name-change-leads'
gh label create --force 'rg-schedule-monthly-measures' --color ededed --description 'roadmap item schedule-monthly-measures'

# 2. Issues, phase by phase

# 2027-Q1 (ends 2027-03-31)
if has_issue 'rg-allocate-named-time'; then
  echo 'exists already: rg-allocate-named-time'
else
  gh issue create --label='roadmap-gen' --label='rg-allocate-named-time' \
    --title='Agree a written time allocation for each person on the initiative with their manager' \
    --body='Factor: Adequate resources for the whole initiative (adequate-resources)
Level: raises it to 2: Every person on the initiative has protected time, a written allocation agreed with their manager with the operational duties it displaces handed to someone else.
Phase: 2027-Q1 (due 2027-03-31)
Owner: Marcus Bell
roadmap-gen: allocate-named-time'
fi
if has_issue 'rg-arrange-operational-backfill'; then
  echo 'exists already: rg-arrange-operational-backfill'
else
  gh issue create --label='roadmap-gen' --label='rg-arrange-operational-backfill' \
    --title='Hand the operational duties that the allocated hours displace to someone else before the improvement work starts' \
    --body='Factor: Adequate resources for the whole initiative (adequate-resources)
Level: raises it to 2: Every person on the initiative has protected time, a written allocation agreed with their manager with the operational duties it displaces handed to someone else.
Done when: An allocation with no backfill is spare time by another name; improvement work is then the first to slip.
Phase: 2027-Q1 (due 2027-03-31)
Owner: Dana Ruiz
roadmap-gen: arrange-operational-backfill'
fi
if has_issue 'rg-observe-user-journeys'; then
  echo 'exists already: rg-observe-user-journeys'
else
  gh issue create --label='roadmap-gen' --label='rg-observe-user-journeys' \
    --title='Observe or interview users in a key business journey and record where IT helps and hinders their work' \
    --body='Factor: Customer experience and satisfaction measurement (customer-experience)
Level: raises it to 2: In the last two quarters IT staff have observed or interviewed users in at least one key business journey (such as a ward'\''s shift change or a new starter'\''s first day) and recorded where IT helps and hinders their work.
Done when: Ward floor walks, a day beside a new starter or a shift change watched from the nurses'\'' station; the point is to see the work, not the tickets.
Phase: 2027-Q1 (due 2027-03-31)
Goals it enables: ward-satisfaction-4 (Lift ward staff satisfaction with IT support from 3.1 to 4.0 out of 5 by the end of 2027-Q4.)
Owner: Grace Liu
roadmap-gen: observe-user-journeys'
fi
if has_issue 'rg-publish-practice-raci'; then
  echo 'exists already: rg-publish-practice-raci'
else
  gh issue create --label='roadmap-gen' --label='rg-publish-practice-raci' \
    --title='Publish a RACI that names one accountable owner for each practice' \
    --body='Factor: Governance at the right level (governance)
Level: raises it to 3: Each practice in scope has one accountable owner, named in a published RACI that also states which decisions its teams take without the board.
Phase: 2027-Q1 (due 2027-03-31)
Goals it enables: change-success-97 (Raise the share of changes implemented without an incident or rollback from 88% to 97% by the end of 2027-Q2.)
Owner: Marcus Bell
roadmap-gen: publish-practice-raci'
fi
if has_issue 'rg-ward-floor-walks'; then
  echo 'exists already: rg-ward-floor-walks'
else
  gh issue create --label='roadmap-gen' --label='rg-ward-floor-walks' \
    --title='Monthly IT floor walks on every ward, with issues logged on the spot' \
    --body='Factor: Customer experience and satisfaction measurement (customer-experience)
Level: raises it to 2: In the last two quarters IT staff have observed or interviewed users in at least one key business journey (such as a ward'\''s shift change or a new starter'\''s first day) and recorded where IT helps and hinders their work.
Phase: 2027-Q1 (due 2027-03-31)
Goals it enables: ward-satisfaction-4 (Lift ward staff satisfaction with IT support from 3.1 to 4.0 out of 5 by the end of 2027-Q4.)
Owner: Joel Mensah
roadmap-gen: ward-floor-walks'
fi
if has_issue 'rg-write-decision-rights'; then
  echo 'exists already: rg-write-decision-rights'
else
  gh issue create --label='roadmap-gen' --label='rg-write-decision-rights' \
    --title='Write down which decisions teams make and which go to the board' \
    --body='Factor: Governance at the right level (governance)
Level: raises it to 3: Each practice in scope has one accountable owner, named in a published RACI that also states which decisions its teams take without the board.
Phase: 2027-Q1 (due 2027-03-31)
Goals it enables: change-success-97 (Raise the share of changes implemented without an incident or rollback from 88% to 97% by the end of 2027-Q2.)
Owner: Marcus Bell
roadmap-gen: write-decision-rights'
fi

# 2027-Q2 (ends 2027-06-30)
if has_issue 'rg-add-data-quality-checks'; then
  echo 'exists already: rg-add-data-quality-checks'
else
  gh issue create --label='roadmap-gen' --label='rg-add-data-quality-checks' \
    --title='Add mandatory fields and data quality checks for the fields metrics depend on' \
    --body='Factor: Viable metrics for improvement (viable-metrics)
Level: raises it to 3: The fields every improvement metric depends on, one agreed category scheme and closure codes included, are complete in more than 95% of records, as a monthly completeness report shows.
Phase: 2027-Q2 (due 2027-06-30)
Goals it enables: first-contact-65 (Raise first-contact resolution at the service desk from 52% to 65% by the end of 2027-Q3.)
Owner: Aisha Khan
roadmap-gen: add-data-quality-checks'
fi
if has_issue 'rg-category-clinic'; then
  echo 'exists already: rg-category-clinic'
else
  gh issue create --label='roadmap-gen' --label='rg-category-clinic' \
    --title='Monthly category clinic where desk analysts check a sample of their own tickets' \
    --body='Factor: Viable metrics for improvement (viable-metrics)
Level: raises it to 3: The fields every improvement metric depends on, one agreed category scheme and closure codes included, are complete in more than 95% of records, as a monthly completeness report shows.
Phase: 2027-Q2 (due 2027-06-30)
Goals it enables: first-contact-65 (Raise first-contact resolution at the service desk from 52% to 65% by the end of 2027-Q3.)
Owner: Sam Okafor
roadmap-gen: category-clinic'
fi
if has_issue 'rg-measure-bypass-contacts'; then
  echo 'exists already: rg-measure-bypass-contacts'
else
  gh issue create --label='roadmap-gen' --label='rg-measure-bypass-contacts' \
    --title='Measure contacts that bypass the service desk every month' \
    --body='Factor: A front door to IT services (front-door)
Level: raises it to 4: Contacts that bypass the service desk are measured every month and stay below 10%.
Done when: Sample direct calls and emails to engineers for two weeks each quarter and count them against logged tickets.
Phase: 2027-Q2 (due 2027-06-30)
Goals it enables: first-contact-65 (Raise first-contact resolution at the service desk from 52% to 65% by the end of 2027-Q3.)
Owner: Sam Okafor
roadmap-gen: measure-bypass-contacts'
fi
if has_issue 'rg-name-internal-practice-owners'; then
  echo 'exists already: rg-name-internal-practice-owners'
else
  gh issue create --label='roadmap-gen' --label='rg-name-internal-practice-owners' \
    --title='Name an internal owner for each practice in scope' \
    --body='Factor: Long-term in-house expertise (in-house-expertise)
Level: raises it to 2: Each practice in scope has an internal owner to whom every process document and task a consultant holds is being handed over on a dated plan, and the dates are being kept.
Phase: 2027-Q2 (due 2027-06-30)
Owner: Mei Tanaka
roadmap-gen: name-internal-practice-owners'
fi
if has_issue 'rg-report-data-completeness'; then
  echo 'exists already: rg-report-data-completeness'
else
  gh issue create --label='roadmap-gen' --label='rg-report-data-completeness' \
    --title='Report data completeness for each metric every month' \
    --body='Factor: Viable metrics for improvement (viable-metrics)
Level: raises it to 3: The fields every improvement metric depends on, one agreed category scheme and closure codes included, are complete in more than 95% of records, as a monthly completeness report shows.
Phase: 2027-Q2 (due 2027-06-30)
Goals it enables: first-contact-65 (Raise first-contact resolution at the service desk from 52% to 65% by the end of 2027-Q3.)
Owner: Aisha Khan
roadmap-gen: report-data-completeness'
fi
if has_issue 'rg-report-first-contact-resolution'; then
  echo 'exists already: rg-report-first-contact-resolution'
else
  gh issue create --label='roadmap-gen' --label='rg-report-first-contact-resolution' \
    --title='Report bypass contacts, first-contact resolution and portal use every month' \
    --body='Factor: A front door to IT services (front-door)
Level: raises it to 4: Contacts that bypass the service desk are measured every month and stay below 10%.
Phase: 2027-Q2 (due 2027-06-30)
Goals it enables: first-contact-65 (Raise first-contact resolution at the service desk from 52% to 65% by the end of 2027-Q3.)
Owner: Sam Okafor
roadmap-gen: report-first-contact-resolution'
fi
if has_issue 'rg-standardise-ticket-categories'; then
  echo 'exists already: rg-standardise-ticket-categories'
else
  gh issue create --label='roadmap-gen' --label='rg-standardise-ticket-categories' \
    --title='Agree one category scheme and one set of closure codes for all tickets, with the people who use them' \
    --body='Factor: Viable metrics for improvement (viable-metrics)
Level: raises it to 3: The fields every improvement metric depends on, one agreed category scheme and closure codes included, are complete in more than 95% of records, as a monthly completeness report shows.
Done when: Categories are designed with the people who use them, kept short, and tested on a month of real tickets before go-live.
Phase: 2027-Q2 (due 2027-06-30)
Goals it enables: first-contact-65 (Raise first-contact resolution at the service desk from 52% to 65% by the end of 2027-Q3.)
Owner: Aisha Khan
roadmap-gen: standardise-ticket-categories'
fi
if has_issue 'rg-transfer-documents-to-staff'; then
  echo 'exists already: rg-transfer-documents-to-staff'
else
  gh issue create --label='roadmap-gen' --label='rg-transfer-documents-to-staff' \
    --title='Hand each consultant'\''s process documents and tasks to a named internal person on a dated handover plan' \
    --body='Factor: Long-term in-house expertise (in-house-expertise)
Level: raises it to 2: Each practice in scope has an internal owner to whom every process document and task a consultant holds is being handed over on a dated plan, and the dates are being kept.
Done when: The internal person writes the next version, with the consultant coaching; a handover is done when the consultant no longer edits the document.
Phase: 2027-Q2 (due 2027-06-30)
Owner: Mei Tanaka
roadmap-gen: transfer-documents-to-staff'
fi

# 2027-Q3 (ends 2027-09-30)
if has_issue 'rg-add-user-pulse-survey'; then
  echo 'exists already: rg-add-user-pulse-survey'
else
  gh issue create --label='roadmap-gen' --label='rg-add-user-pulse-survey' \
    --title='Add a short pulse survey of users between the yearly surveys, not tied to any ticket' \
    --body='Factor: Customer experience and satisfaction measurement (customer-experience)
Level: raises it to 3: Users of every service in scope are asked about their experience apart from any ticket, at least twice a year, and the results are reported by service.
Phase: 2027-Q3 (due 2027-09-30)
Goals it enables: ward-satisfaction-4 (Lift ward staff satisfaction with IT support from 3.1 to 4.0 out of 5 by the end of 2027-Q4.)
Owner: Grace Liu
roadmap-gen: add-user-pulse-survey'
fi
if has_issue 'rg-approve-phase-budget'; then
  echo 'exists already: rg-approve-phase-budget'
else
  gh issue create --label='roadmap-gen' --label='rg-approve-phase-budget' \
    --title='Get the sponsor'\''s approval of the resource plan'\''s budget for every phase' \
    --body='Factor: Adequate resources for the whole initiative (adequate-resources)
Level: raises it to 3: A resource plan approved by the sponsor funds people, money and technology for every phase of the roadmap, training and coaching included.
Phase: 2027-Q3 (due 2027-09-30)
Owner: Dana Ruiz
roadmap-gen: approve-phase-budget'
fi
if has_issue 'rg-assign-feedback-owners'; then
  echo 'exists already: rg-assign-feedback-owners'
else
  gh issue create --label='roadmap-gen' --label='rg-assign-feedback-owners' \
    --title='Assign an owner to each feedback item on arrival' \
    --body='Factor: Feedback that is accepted and considered (feedback-mechanism)
Level: raises it to 3: Every feedback item, low survey scores included, gets an owner on arrival and an answer within 30 days (accepted, considered or declined, with the reason) sent to the person who gave it.
Phase: 2027-Q3 (due 2027-09-30)
Goals it enables: ward-satisfaction-4 (Lift ward staff satisfaction with IT support from 3.1 to 4.0 out of 5 by the end of 2027-Q4.)
Owner: Fatima Diallo
roadmap-gen: assign-feedback-owners'
fi
if has_issue 'rg-follow-up-low-scores'; then
  echo 'exists already: rg-follow-up-low-scores'
else
  gh issue create --label='roadmap-gen' --label='rg-follow-up-low-scores' \
    --title='Call back every user who gives a low survey score within five working days and record what the problem did to their work' \
    --body='Factor: Feedback that is accepted and considered (feedback-mechanism)
Level: raises it to 3: Every feedback item, low survey scores included, gets an owner on arrival and an answer within 30 days (accepted, considered or declined, with the reason) sent to the person who gave it.
Done when: Analysts learn the call on the job, with a coach listening to the first ones.
Phase: 2027-Q3 (due 2027-09-30)
Goals it enables: ward-satisfaction-4 (Lift ward staff satisfaction with IT support from 3.1 to 4.0 out of 5 by the end of 2027-Q4.)
Owner: Fatima Diallo
roadmap-gen: follow-up-low-scores'
fi
if has_issue 'rg-fund-training-and-coaching'; then
  echo 'exists already: rg-fund-training-and-coaching'
else
  gh issue create --label='roadmap-gen' --label='rg-fund-training-and-coaching' \
    --title='Fund training and coaching in the resource plan, not only tool licences' \
    --body='Factor: Adequate resources for the whole initiative (adequate-resources)
Level: raises it to 3: A resource plan approved by the sponsor funds people, money and technology for every phase of the roadmap, training and coaching included.
Phase: 2027-Q3 (due 2027-09-30)
Owner: Dana Ruiz
roadmap-gen: fund-training-and-coaching'
fi
if has_issue 'rg-run-user-experience-survey'; then
  echo 'exists already: rg-run-user-experience-survey'
else
  gh issue create --label='roadmap-gen' --label='rg-run-user-experience-survey' \
    --title='Run a yearly experience survey of all users of the services in scope' \
    --body='Factor: Customer experience and satisfaction measurement (customer-experience)
Level: raises it to 3: Users of every service in scope are asked about their experience apart from any ticket, at least twice a year, and the results are reported by service.
Phase: 2027-Q3 (due 2027-09-30)
Goals it enables: ward-satisfaction-4 (Lift ward staff satisfaction with IT support from 3.1 to 4.0 out of 5 by the end of 2027-Q4.)
Owner: Grace Liu
roadmap-gen: run-user-experience-survey'
fi
if has_issue 'rg-set-feedback-response-rule'; then
  echo 'exists already: rg-set-feedback-response-rule'
else
  gh issue create --label='roadmap-gen' --label='rg-set-feedback-response-rule' \
    --title='Answer every feedback item within 30 days as accepted, considered or declined, with the reason' \
    --body='Factor: Feedback that is accepted and considered (feedback-mechanism)
Level: raises it to 3: Every feedback item, low survey scores included, gets an owner on arrival and an answer within 30 days (accepted, considered or declined, with the reason) sent to the person who gave it.
Phase: 2027-Q3 (due 2027-09-30)
Goals it enables: ward-satisfaction-4 (Lift ward staff satisfaction with IT support from 3.1 to 4.0 out of 5 by the end of 2027-Q4.)
Owner: Fatima Diallo
roadmap-gen: set-feedback-response-rule'
fi
if has_issue 'rg-write-resource-plan'; then
  echo 'exists already: rg-write-resource-plan'
else
  gh issue create --label='roadmap-gen' --label='rg-write-resource-plan' \
    --title='Write a resource plan for people, money and technology across all phases' \
    --body='Factor: Adequate resources for the whole initiative (adequate-resources)
Level: raises it to 3: A resource plan approved by the sponsor funds people, money and technology for every phase of the roadmap, training and coaching included.
Phase: 2027-Q3 (due 2027-09-30)
Owner: Dana Ruiz
roadmap-gen: write-resource-plan'
fi

# 2027-Q4 (ends 2027-12-31)
if has_issue 'rg-control-scope-changes'; then
  echo 'exists already: rg-control-scope-changes'
else
  gh issue create --label='roadmap-gen' --label='rg-control-scope-changes' \
    --title='Decide scope changes only at the quarterly review and record each decision' \
    --body='Factor: Defined scope (scope-defined)
Level: raises it to 4: Scope changes are decided only at the quarterly review, and the record shows each practice or class entering in its planned period or re-planned with a reason.
Phase: 2027-Q4 (due 2027-12-31)
Owner: Lena Hoffmann
roadmap-gen: control-scope-changes'
fi
if has_issue 'rg-involve-staff-in-design'; then
  echo 'exists already: rg-involve-staff-in-design'
else
  gh issue create --label='roadmap-gen' --label='rg-involve-staff-in-design' \
    --title='Involve the affected staff in designing each change to their work' \
    --body='Factor: Culture receptive to change (change-culture)
Level: raises it to 2: The people whose work a change affects take part in designing it, as the attendance of its design sessions shows.
Done when: Process owners by themselves do not execute processes, people do; the people who will do the work are in the room when it is designed.
Phase: 2027-Q4 (due 2027-12-31)
Goals it enables: same-day-requests-70 (Fulfil 70% of standard service requests on the day they are raised by the end of 2028-Q2, up from 38%.)
Owner: Ravi Patel
roadmap-gen: involve-staff-in-design'
fi
if has_issue 'rg-link-goals-to-vision'; then
  echo 'exists already: rg-link-goals-to-vision'
else
  gh issue create --label='roadmap-gen' --label='rg-link-goals-to-vision' \
    --title='Link each goal to the vision and a business objective and get the sponsor'\''s sign-off' \
    --body='Factor: Goals in place (goals-defined)
Level: raises it to 3: The sponsor has signed off the goals, each of which names the business objective it serves.
Phase: 2027-Q4 (due 2027-12-31)
Owner: Priya Nair
roadmap-gen: link-goals-to-vision'
fi
if has_issue 'rg-name-trained-deputies'; then
  echo 'exists already: rg-name-trained-deputies'
else
  gh issue create --label='roadmap-gen' --label='rg-name-trained-deputies' \
    --title='Name a deputy for each practice owner and have each run the practice alone for two weeks, with the owner as coach' \
    --body='Factor: Long-term in-house expertise (in-house-expertise)
Level: raises it to 3: Each practice owner has a deputy who has run the practice alone for at least two weeks.
Phase: 2027-Q4 (due 2027-12-31)
Owner: Mei Tanaka
roadmap-gen: name-trained-deputies'
fi
if has_issue 'rg-remove-unneeded-process-steps'; then
  echo 'exists already: rg-remove-unneeded-process-steps'
else
  gh issue create --label='roadmap-gen' --label='rg-remove-unneeded-process-steps' \
    --title='Walk each practice with the people who run it and remove the steps that no longer prevent a failure' \
    --body='Factor: Culture of iterative improvement (iterative-improvement)
Level: raises it to 3: In the last twelve months each practice in scope has been walked through with the people who run it, and the steps that prevent no failure have been removed, as the register records.
Done when: Every problem tempts a team to add a step; this work takes steps out, so a process does not grow until nobody follows it.
Phase: 2027-Q4 (due 2027-12-31)
Owner: Tomas Reyes
roadmap-gen: remove-unneeded-process-steps'
fi

# 2028-Q1 (ends 2028-03-31)
if has_issue 'rg-align-providers-on-processes'; then
  echo 'exists already: rg-align-providers-on-processes'
else
  gh issue create --label='roadmap-gen' --label='rg-align-providers-on-processes' \
    --title='Agree shared incident, change and request processes with internal teams and the main suppliers' \
    --body='Factor: Common processes across all providers (common-processes)
Level: raises it to 3: Internal teams and the main suppliers work to the same incident, change and request processes, and every supplier contract refers to them.
Done when: Internal teams join the same processes as suppliers; no team is exempt.
Phase: 2028-Q1 (due 2028-03-31)
Goals it enables: same-day-requests-70 (Fulfil 70% of standard service requests on the day they are raised by the end of 2028-Q2, up from 38%.)
Owner: Owen Price
roadmap-gen: align-providers-on-processes'
fi
if has_issue 'rg-reference-processes-in-contracts'; then
  echo 'exists already: rg-reference-processes-in-contracts'
else
  gh issue create --label='roadmap-gen' --label='rg-reference-processes-in-contracts' \
    --title='Refer to the shared processes in existing supplier contracts at renewal' \
    --body='Factor: Common processes across all providers (common-processes)
Level: raises it to 3: Internal teams and the main suppliers work to the same incident, change and request processes, and every supplier contract refers to them.
Phase: 2028-Q1 (due 2028-03-31)
Goals it enables: same-day-requests-70 (Fulfil 70% of standard service requests on the day they are raised by the end of 2028-Q2, up from 38%.)
Owner: Owen Price
roadmap-gen: reference-processes-in-contracts'
fi
if has_issue 'rg-request-catalogue-cleanup'; then
  echo 'exists already: rg-request-catalogue-cleanup'
else
  gh issue create --label='roadmap-gen' --label='rg-request-catalogue-cleanup' \
    --title='Cut the request catalogue from 410 items to under 120 standard requests' \
    --body='Factor: Common processes across all providers (common-processes)
Level: raises it to 3: Internal teams and the main suppliers work to the same incident, change and request processes, and every supplier contract refers to them.
Done when: The 290 items to retire are listed in the request catalogue review of 2026-10.
Phase: 2028-Q1 (due 2028-03-31)
Goals it enables: same-day-requests-70 (Fulfil 70% of standard service requests on the day they are raised by the end of 2028-Q2, up from 38%.)
Owner: Fatima Diallo
roadmap-gen: request-catalogue-cleanup'
fi
if has_issue 'rg-require-integration-in-contracts'; then
  echo 'exists already: rg-require-integration-in-contracts'
else
  gh issue create --label='roadmap-gen' --label='rg-require-integration-in-contracts' \
    --title='Require every new supplier contract to join the shared processes and tooling from day one' \
    --body='Factor: Common processes across all providers (common-processes)
Level: raises it to 3: Internal teams and the main suppliers work to the same incident, change and request processes, and every supplier contract refers to them.
Phase: 2028-Q1 (due 2028-03-31)
Goals it enables: same-day-requests-70 (Fulfil 70% of standard service requests on the day they are raised by the end of 2028-Q2, up from 38%.)
Owner: Owen Price
roadmap-gen: require-integration-in-contracts'
fi
if has_issue 'rg-revisit-roadmap-quarterly'; then
  echo 'exists already: rg-revisit-roadmap-quarterly'
else
  gh issue create --label='roadmap-gen' --label='rg-revisit-roadmap-quarterly' \
    --title='Revisit the roadmap every quarter and record every change with its reason' \
    --body='Factor: Ability to pivot with business objectives (business-agility)
Level: raises it to 2: The roadmap is revisited at every quarterly review, and each change to it is recorded with its reason.
Phase: 2028-Q1 (due 2028-03-31)
Owner: Ravi Patel
roadmap-gen: revisit-roadmap-quarterly'
fi

# 2028-Q2 (ends 2028-06-30)
if has_issue 'rg-add-role-training-to-onboarding'; then
  echo 'exists already: rg-add-role-training-to-onboarding'
else
  gh issue create --label='roadmap-gen' --label='rg-add-role-training-to-onboarding' \
    --title='Add role training to every new starter'\''s first three months' \
    --body='Factor: Training for all stakeholders (stakeholder-training)
Level: raises it to 2: A training plan names, for each role in scope in IT and in the business, the modules it needs, the work each module serves, and when a new starter in the role takes them.
Phase: 2028-Q2 (due 2028-06-30)
Owner: Joel Mensah
roadmap-gen: add-role-training-to-onboarding'
fi
if has_issue 'rg-report-goal-metrics-monthly'; then
  echo 'exists already: rg-report-goal-metrics-monthly'
else
  gh issue create --label='roadmap-gen' --label='rg-report-goal-metrics-monthly' \
    --title='Produce a monthly goal report straight from each metric'\''s data source' \
    --body='Factor: Measurable goals (goals-measurable)
Level: raises it to 3: Every goal metric is reported every month from the data source named in its written definition.
Phase: 2028-Q2 (due 2028-06-30)
Owner: Hannah Cole
roadmap-gen: report-goal-metrics-monthly'
fi
if has_issue 'rg-report-to-executive-board'; then
  echo 'exists already: rg-report-to-executive-board'
else
  gh issue create --label='roadmap-gen' --label='rg-report-to-executive-board' \
    --title='Report roadmap progress to the executive board twice a year' \
    --body='Factor: Organisational and leadership support (leadership-support)
Level: raises it to 4: The executive board above IT reviews the roadmap'\''s progress at least twice a year, as its minutes show.
Done when: The report shows levels, goal metrics and blocked decisions, so the board sees the initiative as a business matter and not an IT project.
Phase: 2028-Q2 (due 2028-06-30)
Owner: Dana Ruiz
roadmap-gen: report-to-executive-board'
fi
if has_issue 'rg-write-metric-definitions'; then
  echo 'exists already: rg-write-metric-definitions'
else
  gh issue create --label='roadmap-gen' --label='rg-write-metric-definitions' \
    --title='Write a definition, formula and data source for every goal metric' \
    --body='Factor: Measurable goals (goals-measurable)
Level: raises it to 3: Every goal metric is reported every month from the data source named in its written definition.
Done when: A goal for which no workable metric can be defined is rewritten with its owner or retired.
Phase: 2028-Q2 (due 2028-06-30)
Owner: Hannah Cole
roadmap-gen: write-metric-definitions'
fi
if has_issue 'rg-write-role-training-plan'; then
  echo 'exists already: rg-write-role-training-plan'
else
  gh issue create --label='roadmap-gen' --label='rg-write-role-training-plan' \
    --title='Write a training plan naming the modules for each role in scope, business roles included, and the work each module serves' \
    --body='Factor: Training for all stakeholders (stakeholder-training)
Level: raises it to 2: A training plan names, for each role in scope in IT and in the business, the modules it needs, the work each module serves, and when a new starter in the role takes them.
Phase: 2028-Q2 (due 2028-06-30)
Owner: Joel Mensah
roadmap-gen: write-role-training-plan'
fi

# 2028-Q3 (ends 2028-09-30)
if has_issue 'rg-build-shared-dashboard'; then
  echo 'exists already: rg-build-shared-dashboard'
else
  gh issue create --label='roadmap-gen' --label='rg-build-shared-dashboard' \
    --title='Show each service'\''s outcome measures beside its SLA and experience results in the service review report' \
    --body='Factor: Measures of business outcomes beyond the service metrics (other-measures)
Level: raises it to 3: Every outcome measure is produced at least quarterly from a named data source and shown beside the service'\''s SLA and experience results in its service review.
Phase: 2028-Q3 (due 2028-09-30)
Owner: Aisha Khan
roadmap-gen: build-shared-dashboard'
fi
if has_issue 'rg-log-concerns-and-answers'; then
  echo 'exists already: rg-log-concerns-and-answers'
else
  gh issue create --label='roadmap-gen' --label='rg-log-concerns-and-answers' \
    --title='Keep a log of concerns raised about changes and the answer given to each' \
    --body='Factor: Culture receptive to change (change-culture)
Level: raises it to 3: Each significant change has a named change lead who keeps its communication plan and answers every concern raised, as the concern log shows.
Phase: 2028-Q3 (due 2028-09-30)
Owner: Ravi Patel
roadmap-gen: log-concerns-and-answers'
fi
if has_issue 'rg-name-change-leads'; then
  echo 'exists already: rg-name-change-leads'
else
  gh issue create --label='roadmap-gen' --label='rg-name-change-leads' \
    --title='Name a change lead and write a communication plan for each significant change' \
    --body='Factor: Culture receptive to change (change-culture)
Level: raises it to 3: Each significant change has a named change lead who keeps its communication plan and answers every concern raised, as the concern log shows.
Phase: 2028-Q3 (due 2028-09-30)
Owner: Ravi Patel
roadmap-gen: name-change-leads'
fi
if has_issue 'rg-schedule-monthly-measures'; then
  echo 'exists already: rg-schedule-monthly-measures'
else
  gh issue create --label='roadmap-gen' --label='rg-schedule-monthly-measures' \
    --title='Schedule the production of each outcome measure from its named data source, at least quarterly' \
    --body='Factor: Measures of business outcomes beyond the service metrics (other-measures)
Level: raises it to 3: Every outcome measure is produced at least quarterly from a named data source and shown beside the service'\''s SLA and experience results in its service review.
Phase: 2028-Q3 (due 2028-09-30)
Owner: Hannah Cole
roadmap-gen: schedule-monthly-measures'
fi

echo 'done: 41 item(s) of the roadmap checked'
