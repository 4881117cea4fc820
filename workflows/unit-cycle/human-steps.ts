import { setHandler } from '@temporalio/workflow';
import {
  confirmReportUpdate,
  decideExtensionUpdate,
  monthOutcomeSignal,
  pendingStepsQuery,
  rateIndicatorUpdate,
  requestExtensionUpdate,
  reviewReportUpdate,
  saveReportUpdate,
  signPledgeUpdate,
  unitStatusQuery,
} from '@jiebang/contracts/temporal';
import { receiveOutcome } from './month';
import { pendingSteps } from './pending-steps';
import { signPledge, validatePledge } from './pledge';
import {
  confirmReport,
  decideExtension,
  rateIndicator,
  requestExtension,
  reviewReport,
  saveReport,
  validateConfirmation,
  validateExtensionDecision,
  validateExtensionRequest,
  validateRating,
  validateReview,
  validateSave,
} from './report-steps';
import type { UnitYear } from './unit-year';

/** What people and the cycle may ask of a unit's year: its state, its pending steps, seven Updates, the month's outcome. */
export function acceptHumanSteps(unit: UnitYear): void {
  setHandler(unitStatusQuery, () => unit.status());
  setHandler(pendingStepsQuery, () => pendingSteps(unit));
  setHandler(signPledgeUpdate, (request) => signPledge(unit, request), {
    validator: (request) => validatePledge(unit, request),
  });
  setHandler(saveReportUpdate, (request) => saveReport(unit, request), {
    validator: (request) => validateSave(unit, request),
  });
  setHandler(confirmReportUpdate, (request) => confirmReport(unit, request), {
    validator: (request) => validateConfirmation(unit, request),
  });
  setHandler(reviewReportUpdate, (request) => reviewReport(unit, request), {
    validator: (request) => validateReview(unit, request),
  });
  setHandler(requestExtensionUpdate, (request) => requestExtension(unit, request), {
    validator: (request) => validateExtensionRequest(unit, request),
  });
  setHandler(decideExtensionUpdate, (request) => decideExtension(unit, request), {
    validator: (request) => validateExtensionDecision(unit, request),
  });
  setHandler(rateIndicatorUpdate, (request) => rateIndicator(unit, request), {
    validator: (request) => validateRating(unit, request),
  });
  setHandler(monthOutcomeSignal, (outcome) => receiveOutcome(unit, outcome));
}
