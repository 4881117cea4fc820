/** `jiebang --help`. */
export const MAIN_HELP = `jiebang: target-responsibility assessment cycles (揭榜挂帅)

usage: jiebang <command> [options]

commands:
  simulate <scenario.json | ->   compute a whole assessment year from a scenario file and
                                 print the result as JSON (jiebang-result/1)
  audit verify [--json]          check the audit trail's hash chain in DATABASE_URL
  users create <id> --name <n>   create an account in DATABASE_URL, such as the first
    [--roles ADMIN] --password-stdin   administrator of a new install (password from stdin)

Run "jiebang <command> --help" for a command's details.
`;

/** `jiebang simulate --help`. */
export const SIMULATE_HELP = `usage: jiebang simulate <scenario.json | -> [--explain]

Reads a jiebang-scenario/1 document (a file, or standard input with "-"), applies the rules of
the assessment cycle month by month, exactly as the live workflows do, and prints the
jiebang-result/1 document on standard output. Every proposed case is taken as approved.

options:
  --explain    add to every case the rule that fired it, its approvers and its explanation
               (the months, ranks and scores behind it)
  -h, --help   show this help

input (jiebang-scenario/1):
  format       "jiebang-scenario/1"
  name, year   the cycle's name and year
  policy       optional; every field defaults: fullScore 100, scoreFloor 0, scoreCap 100,
               yellowFrom 80, bottomN 1, ladders ["rank"] (add "plan" for the plan-miss
               ladder), planLadderDimensions ["项目建设","招商引资"], rules (your own ladder
               rules, replacing the presets), time limits (pledgeDeadline "7d", reportDueDay 5,
               reviewDeadline "3d", appealWindow "2d", approvalDeadline "3d", ...) and calendar
  categories   [{ id, name }]
  units        [{ id, name, category }]
  indicators   [{ id, unit, name, dimension, direction: "increase" | "decrease",
                  measure: "cumulative" | "rate", weight, satisfactory, disallowed,
                  plan?: 12 non-decreasing shares in (0, 1], the last 1 }]
               a unit's weights add up to fullScore; satisfactory lies on the good side
               of disallowed
               a manual rating (政风评议, 依法行政, 领导评议, 群众满意度) may add raters
               [{ group: "assessors" | "peers" | "panel:NAME", weight }] (weights add up
               to 1; panels named in policy.panels), ratedMonths (default [12]) and
               failBelow (a value below it scores scoreFloor, red: 视为不合格)
  reports      { unit: { month 1..12: { indicator: value } } }, the approved reports;
               a value for every indicator of the unit (cumulative to date, or the level
               for a rate); a missing month has no approved report and scores 0
               in a rated month a value may be { "ratings": { group: { rater: 0..100 } } }:
               each group's mean (one highest and one lowest dropped from 5 ratings),
               weighted over the groups that rated
  vetoes       [{ unit, month, reason }]: the unit is vetoed from that month on
  leaders, projects, progress
               optional key projects (三挂): leaders [{ id, name, title }]; projects
               [{ id, name, unit, leader, indicator, plannedInvestment, yearInvestment,
               milestones: [{ kind, due }] }], kinds in the order signed, land, started,
               in_statistics, completed; progress { project: { month: { investment to
               date, milestones reached } } }; policy.stallMonths (default 2)

output (jiebang-result/1):
  months       per month, per unit: score and each indicator's d (unrounded), light
               (green / yellow / red), rank in its category, lagging, vetoed, reported
  cases        { rung, unit, month } in firing order; rungs: warning_speech, interview,
               quarterly_discipline, year_end_adjustment (rank ladder); written_explanation,
               meeting_explanation, admonishment_talk, bonus_withheld (plan ladder)
  annual       { unit, completed }: whether each unit completed its annual task
  projects     only with key projects: { project, slipped: [{ milestone, month }], stalled:
               [months] }

exit status: 0 done; 1 the scenario is invalid or unreadable (every problem is listed on
standard error as "<json path>: <what is wrong>", nothing on standard output); 2 bad usage.
`;
