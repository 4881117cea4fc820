// The year's results as the API shows them: their schemas are in contracts/http/annual.
export type { AnnualResultsView, AnnualResultView, YearEndCaseView } from './http/annual';
